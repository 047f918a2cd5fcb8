"""Signing in at the desk: the sign-in dialog, and who opens the desk at start.

At start: a clinic in single-user mode opens as its administrator; a clinic with
no password yet asks for its administrator's account (`first_account`);
otherwise the sign-in dialog asks for a username (the last one used at this
desk is filled in) and a password. After an administrator's reset the same
dialog asks for a new password before the desk opens.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
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
from scheduler_app.services.permissions import Person
from scheduler_app.services.staff import PasswordChangeRequiredError
from scheduler_app.ui.change_queue import saved_meanwhile
from scheduler_app.ui.i18n import translate

#: Where the desk keeps the last username signed in.
LAST_USERNAME = "sign-in/last-username"


def password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class SignInDialog(QDialog):
    """Username and password; a new password when an administrator's reset asks."""

    def __init__(
        self,
        services: Services,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
        *,
        username: str = "",
    ) -> None:
        super().__init__(parent)
        self.services, self.settings = services, settings
        self.person: Person | None = None
        self.setWindowTitle(translate("SignIn", "Sign in"))
        clinic = QLabel(translate("SignIn", "Sign in to the clinic's schedule."))
        clinic.setWordWrap(True)
        last = str(settings.value(LAST_USERNAME, "") or "") if settings is not None else ""
        self.username = QLineEdit(username or last)
        self.username.setAccessibleName(translate("SignIn", "Username"))
        self.password = password_field(translate("SignIn", "Password"))
        self.new_password = password_field(translate("SignIn", "New password"))
        self.repeat = password_field(translate("SignIn", "New password again"))
        form = QFormLayout()
        form.addRow(translate("SignIn", "Username:"), self.username)
        form.addRow(translate("SignIn", "Password:"), self.password)
        self.new_label = QLabel(translate("SignIn", "New password:"))
        self.repeat_label = QLabel(translate("SignIn", "Again:"))
        form.addRow(self.new_label, self.new_password)
        form.addRow(self.repeat_label, self.repeat)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b71c1c;")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.sign_in_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in_button.setText(translate("SignIn", "Sign in"))
        buttons.accepted.connect(self.sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(clinic)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._asking_new(False)
        (self.password if self.username.text() else self.username).setFocus()
        self.setMinimumWidth(380)

    def _asking_new(self, asking: bool) -> None:
        for widget in (self.new_label, self.new_password, self.repeat_label, self.repeat):
            widget.setVisible(asking)

    def sign_in(self) -> None:
        new = self.new_password.text() if self.new_password.isVisible() else None
        if new is not None and new != self.repeat.text():
            self.message.setText(translate("SignIn", "The two new passwords differ."))
            return
        try:
            username, password = self.username.text(), self.password.text()
            self.person = saved_meanwhile(  # checking a password takes a noticeable moment
                lambda: self.services.staff.sign_in(username, password, new_password=new)
            )
        except PasswordChangeRequiredError:
            self._asking_new(True)
            self.message.setText(
                translate(
                    "SignIn", "An administrator reset your password: please choose a new one."
                )
            )
            self.new_password.setFocus()
            return
        except SchedulerError as exc:
            self.message.setText(exc.message)
            self.password.clear()
            self.password.setFocus()
            return
        if self.settings is not None:
            self.settings.setValue(LAST_USERNAME, self.person.username)
        self.accept()


def sign_in_at_start(services: Services, settings: QSettings | None) -> bool:
    """Whoever opens the desk is signed in (False: the person chose not to)."""
    from scheduler_app.ui.first_account import FirstAccountDialog

    staff = services.staff
    if staff.sign_in_single_user() is not None:
        return True
    first = staff.first_account()
    if first is not None:
        if services.database.read_only:
            return False
        dialog: QDialog = FirstAccountDialog(services, first)
    else:
        dialog = SignInDialog(services, settings)
    return dialog.exec() == QDialog.DialogCode.Accepted and services.actor_id != 0
