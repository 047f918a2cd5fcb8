"""The first start's first step: the clinic's administrator account.

A new clinic has no account: whoever sets it up chooses the administrator's
username and password here (nobody becomes administrator silently). A clinic
whose accounts predate sign-in has an administrator without a password: the
same dialog asks that administrator to choose one.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.staff import FirstAccount
from scheduler_app.ui.change_queue import saved_meanwhile
from scheduler_app.ui.i18n import translate
from scheduler_app.ui.sign_in_dialog import password_field


class FirstAccountDialog(QDialog):
    def __init__(
        self, services: Services, first: FirstAccount, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(translate("FirstAccount", "The administrator's account"))
        if first.username is None:
            intro = translate(
                "FirstAccount",
                "Welcome. First, the clinic's administrator: the person who creates the "
                "other staff accounts in Clinic > Staff and sets the clinic up.",
            )
        else:
            intro = translate(
                "FirstAccount",
                "Staff now sign in with a password. Choose the administrator's password; "
                "the administrator then sets everyone else's in Clinic > Staff.",
            )
        text = QLabel(intro)
        text.setWordWrap(True)
        self.username = QLineEdit(first.username or "")
        self.username.setAccessibleName(translate("FirstAccount", "Username"))
        self.username.setReadOnly(first.username is not None)
        self.display_name = QLineEdit(first.display_name or "")
        self.display_name.setAccessibleName(translate("FirstAccount", "Full name"))
        self.password = password_field(translate("FirstAccount", "Password"))
        self.repeat = password_field(translate("FirstAccount", "Password again"))
        form = QFormLayout()
        form.addRow(translate("FirstAccount", "Username:"), self.username)
        form.addRow(translate("FirstAccount", "Full name:"), self.display_name)
        form.addRow(translate("FirstAccount", "Password:"), self.password)
        form.addRow(translate("FirstAccount", "Again:"), self.repeat)
        hint = QLabel(translate("FirstAccount", "At least 8 characters."))
        hint.setStyleSheet("color: #555;")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b71c1c;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.create_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(translate("FirstAccount", "Create and sign in"))
        buttons.accepted.connect(self.create_account)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def create_account(self) -> None:
        if self.password.text() != self.repeat.text():
            self.message.setText(translate("FirstAccount", "The two passwords differ."))
            return
        try:
            username, name, password = (
                self.username.text(),
                self.display_name.text(),
                self.password.text(),
            )
            saved_meanwhile(
                lambda: self.services.staff.create_first_admin(username, name, password)
            )
        except SchedulerError as exc:
            self.message.setText(exc.message)
            return
        self.accept()
