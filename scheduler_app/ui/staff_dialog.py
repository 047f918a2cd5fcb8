"""Clinic > Staff (administrators): accounts, roles, passwords, and the sign-in settings.

Create an account with a temporary password (its owner chooses their own at the
first sign-in), change a role, disable or enable an account, reset a password,
unlock an account after too many wrong passwords, link an account to a
professional. The clinic always keeps an active administrator: the services
refuse otherwise and the reason shows here. Below the list: minutes before an
idle desk locks, single-user mode, and who may assign professionals and confirm
appointments.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.roles import Role
from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.staff import SignInSettings, StaffView
from scheduler_app.ui.i18n import day_year_text, time_text, translate
from scheduler_app.ui.sign_in_dialog import password_field


def role_names() -> dict[str, str]:
    return {
        Role.RECEPTION.value: translate("StaffDialog", "Reception"),
        Role.MANAGER.value: translate("StaffDialog", "Manager"),
        Role.ADMIN.value: translate("StaffDialog", "Administrator"),
    }


def role_box(current: str) -> QComboBox:
    box = QComboBox()
    for value, name in role_names().items():
        box.addItem(name, value)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


class NewAccountDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("StaffDialog", "New staff account"))
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.role = role_box(Role.RECEPTION.value)
        self.password = password_field(translate("StaffDialog", "Temporary password"))
        form = QFormLayout(self)
        form.addRow(translate("StaffDialog", "Username:"), self.username)
        form.addRow(translate("StaffDialog", "Full name:"), self.display_name)
        form.addRow(translate("StaffDialog", "Role:"), self.role)
        form.addRow(translate("StaffDialog", "Temporary password:"), self.password)
        hint = QLabel(
            translate(
                "StaffDialog",
                "Tell the person this password: they choose their own when they first sign in.",
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class StaffDialog(QDialog):
    COLUMNS = 6

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.accounts: list[StaffView] = []
        self.setWindowTitle(translate("StaffDialog", "Staff"))
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [
                translate("StaffDialog", "Name"),
                translate("StaffDialog", "Username"),
                translate("StaffDialog", "Role"),
                translate("StaffDialog", "State"),
                translate("StaffDialog", "Professional"),
                translate("StaffDialog", "Last sign-in"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._chosen)
        self.add_button = QPushButton(translate("StaffDialog", "Add..."))
        self.role = role_box(Role.RECEPTION.value)
        self.role.setAccessibleName(translate("StaffDialog", "Role"))
        self.role.activated.connect(self.change_role)
        self.active_button = QPushButton(translate("StaffDialog", "Disable"))
        self.reset_button = QPushButton(translate("StaffDialog", "Reset password..."))
        self.unlock_button = QPushButton(translate("StaffDialog", "Unlock"))
        self.professional = QComboBox()
        self.professional.setAccessibleName(translate("StaffDialog", "Professional"))
        self.professional.activated.connect(self.link)
        self.add_button.clicked.connect(self.add)
        self.active_button.clicked.connect(self.toggle_active)
        self.reset_button.clicked.connect(self.reset)
        self.unlock_button.clicked.connect(self.unlock)
        actions = QHBoxLayout()
        actions.addWidget(self.add_button)
        actions.addWidget(QLabel(translate("StaffDialog", "Role:")))
        actions.addWidget(self.role)
        actions.addWidget(self.active_button)
        actions.addWidget(self.reset_button)
        actions.addWidget(self.unlock_button)
        actions.addWidget(QLabel(translate("StaffDialog", "Is professional:")))
        actions.addWidget(self.professional, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        settings = QGroupBox(translate("StaffDialog", "Signing in"))
        self.idle = QSpinBox()
        self.idle.setRange(0, 24 * 60)
        self.idle.setSuffix(translate("StaffDialog", " min"))
        self.idle.setSpecialValueText(translate("StaffDialog", "never"))
        self.single_user = QCheckBox(
            translate("StaffDialog", "Single-user mode: one person, no sign-in at this clinic")
        )
        self.assign_role = role_box(Role.RECEPTION.value)
        self.confirm_role = role_box(Role.RECEPTION.value)
        self.save_settings = QPushButton(translate("StaffDialog", "Save"))
        self.save_settings.clicked.connect(self.save)
        form = QFormLayout(settings)
        form.addRow(translate("StaffDialog", "Lock an idle desk after:"), self.idle)
        form.addRow(self.single_user)
        form.addRow(
            translate("StaffDialog", "Least role to assign professionals:"), self.assign_role
        )
        form.addRow(
            translate("StaffDialog", "Least role to confirm appointments:"), self.confirm_role
        )
        form.addRow(self.save_settings)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(settings)
        layout.addWidget(close)
        self.resize(980, 640)
        self.load()
        self._load_settings()

    # -- loading ------------------------------------------------------------------

    def load(self, select: int | None = None) -> None:
        try:
            self.accounts = self.services.staff.accounts()
            professionals = self.services.directory.professionals()
        except SchedulerError as exc:
            self._say(exc.message, bad=True)
            return
        self.professional.clear()
        self.professional.addItem(translate("StaffDialog", "no"), None)
        for prof in professionals:
            self.professional.addItem(prof.name, prof.id)
        names = role_names()
        self.table.setRowCount(len(self.accounts))
        now = self.services.context.now()
        for r, account in enumerate(self.accounts):
            cells = (
                account.display_name,
                account.username,
                names.get(account.role, account.role),
                _state(account, now),
                account.professional_name or "",
                _when(account.last_sign_in_at, self.services) if account.last_sign_in_at else "",
            )
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        ids = [a.id for a in self.accounts]
        row = ids.index(select) if select in ids else 0
        if self.accounts:
            self.table.selectRow(row)
        self._chosen()

    def _load_settings(self) -> None:
        try:
            current = self.services.staff.sign_in_settings()
        except SchedulerError as exc:
            self._say(exc.message, bad=True)
            return
        self.idle.setValue(current.idle_lock_minutes)
        self.single_user.setChecked(current.single_user)
        self.assign_role.setCurrentIndex(self.assign_role.findData(current.assign_role))
        self.confirm_role.setCurrentIndex(self.confirm_role.findData(current.confirm_role))

    def current(self) -> StaffView | None:
        row = self.table.currentRow()
        return self.accounts[row] if 0 <= row < len(self.accounts) else None

    def _chosen(self) -> None:
        chosen = self.current()
        for widget in (
            self.role,
            self.active_button,
            self.reset_button,
            self.unlock_button,
            self.professional,
        ):
            widget.setEnabled(chosen is not None)
        if chosen is None:
            return
        self.role.setCurrentIndex(self.role.findData(chosen.role))
        self.active_button.setText(
            translate("StaffDialog", "Disable")
            if chosen.is_active
            else translate("StaffDialog", "Enable")
        )
        self.unlock_button.setEnabled(chosen.locked_until is not None)
        self.professional.setCurrentIndex(
            max(0, self.professional.findData(chosen.professional_id))
        )

    # -- changes ------------------------------------------------------------------

    def _run(self, change: object, select: int | None, done: str) -> bool:
        try:
            assert callable(change)
            change()
        except SchedulerError as exc:
            self._say(exc.message, bad=True)
            self.load(select)
            return False
        self._say(done)
        self.load(select)
        return True

    def add(self) -> None:
        dialog = NewAccountDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        staff, actor = self.services.staff, self.services.actor_id
        made: list[int] = []

        def create() -> None:
            made.append(
                staff.create(
                    actor,
                    dialog.username.text(),
                    dialog.display_name.text(),
                    dialog.role.currentData(),
                    dialog.password.text(),
                ).id
            )

        self._run(create, None, translate("StaffDialog", "Account added."))
        if made:
            self.load(made[0])

    def change_role(self) -> None:
        chosen = self.current()
        if chosen is None or self.role.currentData() == chosen.role:
            return
        role = self.role.currentData()
        self._run(
            lambda: self.services.staff.set_role(self.services.actor_id, chosen.id, role),
            chosen.id,
            translate("StaffDialog", "Role changed."),
        )

    def toggle_active(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        self._run(
            lambda: self.services.staff.set_active(
                self.services.actor_id, chosen.id, not chosen.is_active
            ),
            chosen.id,
            translate("StaffDialog", "Account enabled.")
            if not chosen.is_active
            else translate("StaffDialog", "Account disabled."),
        )

    def reset(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        temporary, ok = QInputDialog.getText(
            self,
            translate("StaffDialog", "Reset password"),
            translate(
                "StaffDialog", "A temporary password for {name} (changed at their next sign-in):"
            ).format(name=chosen.display_name),
            QLineEdit.EchoMode.Password,
        )
        if ok:
            self._run(
                lambda: self.services.staff.reset_password(
                    self.services.actor_id, chosen.id, temporary
                ),
                chosen.id,
                translate("StaffDialog", "Password reset: it must be changed at the next sign-in."),
            )

    def unlock(self) -> None:
        chosen = self.current()
        if chosen is not None:
            self._run(
                lambda: self.services.staff.unlock(self.services.actor_id, chosen.id),
                chosen.id,
                translate("StaffDialog", "Account unlocked."),
            )

    def link(self) -> None:
        chosen = self.current()
        if chosen is None or self.professional.currentData() == chosen.professional_id:
            return
        prof = self.professional.currentData()
        self._run(
            lambda: self.services.staff.link_professional(self.services.actor_id, chosen.id, prof),
            chosen.id,
            translate("StaffDialog", "Professional linked."),
        )

    def save(self) -> None:
        wanted = SignInSettings(
            self.idle.value(),
            self.single_user.isChecked(),
            self.assign_role.currentData(),
            self.confirm_role.currentData(),
        )
        chosen = self.current()
        self._run(
            lambda: self.services.staff.save_sign_in_settings(self.services.actor_id, wanted),
            chosen.id if chosen else None,
            translate("StaffDialog", "Sign-in settings saved."),
        )

    def _say(self, text: str, *, bad: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b71c1c;" if bad else "color: #1b5e20;")


def _state(account: StaffView, now: datetime) -> str:
    if not account.is_active:
        return translate("StaffDialog", "disabled")
    if account.locked_until is not None and account.locked_until > now:
        return translate("StaffDialog", "locked out")
    if not account.has_password:
        return translate("StaffDialog", "no password yet")
    if account.must_change_password:
        return translate("StaffDialog", "new password at next sign-in")
    return translate("StaffDialog", "active")


def _when(moment: datetime, services: Services) -> str:
    local = moment.astimezone(services.context.timezone)
    return f"{day_year_text(local.date())} {time_text(local)}"
