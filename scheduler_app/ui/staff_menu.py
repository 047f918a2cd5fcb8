"""The Staff menu (who is signed in, change password, lock the desk) and the Clinic
menu's staff entries (Staff..., Audit trail...) with the desk's idle lock."""

from __future__ import annotations

import contextlib
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QMenu

from scheduler_app.domain.roles import Role
from scheduler_app.errors import SchedulerError
from scheduler_app.services.permissions import MANAGERS, Person
from scheduler_app.ui.i18n import translate
from scheduler_app.ui.idle_lock import IdleLock
from scheduler_app.ui.sign_in_dialog import password_field

if TYPE_CHECKING:
    from scheduler_app.ui.main_window import MainWindow


def build_staff_menu(window: MainWindow, clinic: QMenu) -> None:
    from scheduler_app.ui.window_actions import action

    ctx = window.services.context
    try:
        person: Person | None = ctx.desk.current(ctx)
    except SchedulerError:
        person = None
    role = person.role if person is not None else None
    window.staff_action = action(
        window, translate("StaffMenu", "Staff..."), partial(staff_accounts, window)
    )
    window.audit_action = action(
        window, translate("StaffMenu", "Audit trail..."), partial(audit_trail, window)
    )
    clinic.addSeparator()
    clinic.addAction(window.staff_action)
    clinic.addAction(window.audit_action)
    if role is not Role.ADMIN:
        _why(window.staff_action, translate("StaffMenu", "Only an administrator manages staff."))
    if role not in MANAGERS:
        _why(
            window.audit_action,
            translate("StaffMenu", "Only a manager or an administrator reads the audit trail."),
        )
    menu = window.menuBar().addMenu(translate("StaffMenu", "&Staff"))
    menu.setToolTipsVisible(True)
    signed = menu.addAction(
        translate("StaffMenu", "Signed in: {name}").format(
            name=person.display_name if person is not None else "-"
        )
    )
    signed.setEnabled(False)
    window.change_password_action = action(
        window, translate("StaffMenu", "Change password..."), partial(change_password, window)
    )
    window.lock_action = action(
        window, translate("StaffMenu", "Lock the desk"), partial(lock, window), "Ctrl+L"
    )
    menu.addAction(window.change_password_action)
    menu.addAction(window.lock_action)
    minutes = 0
    with contextlib.suppress(SchedulerError):
        minutes = window.services.staff.sign_in_settings().idle_lock_minutes
    window.idle_lock = IdleLock(window, minutes)


def _why(made: object, reason: str) -> None:
    made.setEnabled(False)  # type: ignore[attr-defined]
    made.setToolTip(reason)  # type: ignore[attr-defined]
    made.setStatusTip(reason)  # type: ignore[attr-defined]


def staff_accounts(window: MainWindow) -> None:
    from scheduler_app.ui.staff_dialog import StaffDialog

    StaffDialog(window.services, window).exec()


def audit_trail(window: MainWindow) -> None:
    from scheduler_app.ui.audit_window import AuditWindow

    AuditWindow(window.services, window).exec()


def appointment_history(window: MainWindow, appointment_id: int) -> None:
    from scheduler_app.ui.audit_window import AuditWindow

    AuditWindow(window.services, window, appointment_id=appointment_id).exec()


def lock(window: MainWindow) -> None:
    window.idle_lock.lock()


class ChangePasswordDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.services = window.services
        self.setWindowTitle(translate("StaffMenu", "Change password"))
        self.current = password_field(translate("StaffMenu", "Current password"))
        self.new = password_field(translate("StaffMenu", "New password"))
        self.repeat = password_field(translate("StaffMenu", "New password again"))
        self.message = QLabel()
        self.message.setStyleSheet("color: #b71c1c;")
        self.message.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(translate("StaffMenu", "Current password:"), self.current)
        form.addRow(translate("StaffMenu", "New password:"), self.new)
        form.addRow(translate("StaffMenu", "Again:"), self.repeat)
        form.addRow(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        if self.new.text() != self.repeat.text():
            self.message.setText(translate("StaffMenu", "The two new passwords differ."))
            return
        try:
            self.services.staff.change_password(
                self.services.actor_id, self.current.text(), self.new.text()
            )
        except SchedulerError as exc:
            self.message.setText(exc.message)
            return
        self.accept()


def change_password(window: MainWindow) -> None:
    if ChangePasswordDialog(window).exec() == QDialog.DialogCode.Accepted:
        window.statusBar().showMessage(translate("StaffMenu", "Password changed."), 5000)
