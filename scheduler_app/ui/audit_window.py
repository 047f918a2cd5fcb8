"""The audit trail on screen: who did what, when, and what it was before and after.

Clinic > Audit trail (managers and administrators) filters by appointment,
client, staff member, action and dates and exports what it shows as CSV. An
appointment's own history opens from its context menu, in the same window.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import SchedulerError
from scheduler_app.services.audit_trail import AuditFilter, AuditRow
from scheduler_app.services.bundle import Services
from scheduler_app.ui.i18n import day_year_text, status_label, time_text, translate

#: Entries listed at once in the window.
SHOWN = 2000


class AuditWindow(QDialog):
    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        appointment_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.rows: list[AuditRow] = []
        self.only_appointment = appointment_id
        self.setWindowTitle(
            translate("AuditWindow", "Audit trail")
            if appointment_id is None
            else translate("AuditWindow", "History of appointment {id}").format(id=appointment_id)
        )
        self.appointment = QSpinBox()
        self.appointment.setRange(0, 2_000_000_000)
        self.appointment.setSpecialValueText(translate("AuditWindow", "any"))
        self.appointment.setAccessibleName(translate("AuditWindow", "Appointment number"))
        self.client = QComboBox()
        self.client.setAccessibleName(translate("AuditWindow", "Client"))
        self.staff = QComboBox()
        self.staff.setAccessibleName(translate("AuditWindow", "Staff member"))
        self.action = QComboBox()
        self.action.setAccessibleName(translate("AuditWindow", "Action"))
        now = services.context.now().astimezone(services.context.timezone)
        today = QDate(now.year, now.month, now.day)
        self.first = QDateEdit(today.addDays(-30))
        self.last = QDateEdit(today)
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
        self.show_button = QPushButton(translate("AuditWindow", "Show"))
        self.show_button.clicked.connect(self.load)
        self.export_button = QPushButton(translate("AuditWindow", "Export CSV..."))
        self.export_button.clicked.connect(self.export)
        filters = QGridLayout()
        for column, (label, widget) in enumerate(
            (
                (translate("AuditWindow", "Appointment:"), self.appointment),
                (translate("AuditWindow", "Client:"), self.client),
                (translate("AuditWindow", "Staff:"), self.staff),
                (translate("AuditWindow", "Action:"), self.action),
            )
        ):
            filters.addWidget(QLabel(label), 0, column * 2)
            filters.addWidget(widget, 0, column * 2 + 1)
        filters.addWidget(QLabel(translate("AuditWindow", "From:")), 1, 0)
        filters.addWidget(self.first, 1, 1)
        filters.addWidget(QLabel(translate("AuditWindow", "To:")), 1, 2)
        filters.addWidget(self.last, 1, 3)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.export_button)
        filters.addLayout(buttons, 1, 4, 1, 4)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                translate("AuditWindow", "When"),
                translate("AuditWindow", "Staff"),
                translate("AuditWindow", "Action"),
                translate("AuditWindow", "Record"),
                translate("AuditWindow", "Number"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self.show_change)
        self.change = QTableWidget(0, 3)
        self.change.setHorizontalHeaderLabels(
            [
                translate("AuditWindow", "Field"),
                translate("AuditWindow", "Before"),
                translate("AuditWindow", "After"),
            ]
        )
        self.change.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.change.verticalHeader().hide()
        self.change.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.change)
        split.setSizes([420, 200])
        self.summary = QLabel()
        self.message = QLabel()
        self.message.setStyleSheet("color: #b71c1c;")
        layout = QVBoxLayout(self)
        self.filters = QWidget()
        self.filters.setLayout(filters)
        layout.addWidget(self.filters)
        layout.addWidget(split, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        self.resize(1000, 680)
        if appointment_id is None:
            self._fill_choices()
        else:
            self.filters.hide()
        self.load()

    def _fill_choices(self) -> None:
        self.client.addItem(translate("AuditWindow", "any"), None)
        self.staff.addItem(translate("AuditWindow", "anyone"), None)
        self.action.addItem(translate("AuditWindow", "any"), None)
        try:
            for client in self.services.clients.find("", 500, archived=True):
                self.client.addItem(client.name, client.id)
            for account in self.services.staff.accounts():
                self.staff.addItem(account.display_name, account.id)
            for action in self.services.audit.actions():
                self.action.addItem(action_name(action), action)
        except SchedulerError as exc:
            self.message.setText(exc.message)

    def wanted(self) -> AuditFilter:
        tz = self.services.context.timezone
        first: date = self.first.date().toPython()  # type: ignore[assignment]
        last: date = self.last.date().toPython()  # type: ignore[assignment]
        return AuditFilter(
            appointment_id=self.appointment.value() or None,
            client_id=self.client.currentData(),
            staff_id=self.staff.currentData(),
            action=self.action.currentData(),
            start=datetime.combine(first, time(0), tz),
            end=datetime.combine(last + timedelta(days=1), time(0), tz),
        )

    def load(self) -> None:
        try:
            if self.only_appointment is not None:
                self.rows = self.services.audit.appointment_history(self.only_appointment)
            else:
                self.rows = self.services.audit.entries(self.wanted(), SHOWN)
        except SchedulerError as exc:
            self.message.setText(exc.message)
            return
        self.message.setText("")
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            cells = (
                _when(row.at.astimezone(self.services.context.timezone)),
                row.staff_name,
                action_name(row.action),
                record_name(row.entity),
                str(row.entity_id),
            )
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.summary.setText(
            translate("AuditWindow", "{count} entries, newest first.").format(count=len(self.rows))
        )
        if self.rows:
            self.table.selectRow(0)
        else:
            self.change.setRowCount(0)

    def show_change(self) -> None:
        chosen = self.table.currentRow()
        if not 0 <= chosen < len(self.rows):
            self.change.setRowCount(0)
            return
        row = self.rows[chosen]
        before, after = row.before or {}, row.after or {}
        fields = list(dict.fromkeys([*before, *after]))
        self.change.setRowCount(len(fields))
        for r, name in enumerate(fields):
            for c, text in enumerate((name, _text(before.get(name)), _text(after.get(name)))):
                item = QTableWidgetItem(text)
                if c and before.get(name) != after.get(name):
                    item.setBackground(Qt.GlobalColor.yellow if c == 2 else Qt.GlobalColor.white)
                self.change.setItem(r, c, item)

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            translate("AuditWindow", "Export the audit trail"),
            str(Path.home() / "audit-trail.csv"),
            translate("AuditWindow", "CSV files (*.csv)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        try:
            data = self.services.audit.csv(self.wanted())
            path.write_bytes(data)
        except (SchedulerError, OSError) as exc:
            self.message.setText(getattr(exc, "message", str(exc)))
            return
        self.summary.setText(translate("AuditWindow", "Exported to {file}.").format(file=path))


def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(value)


def _when(moment: datetime) -> str:
    return f"{day_year_text(moment.date())} {time_text(moment)}"


def action_name(action: str) -> str:
    """The audit trail's action in the desk's language (as stored when unknown)."""
    if action.startswith("status:"):
        try:
            status = AppointmentStatus(action.split(":", 1)[1])
        except ValueError:
            return action
        return translate("AuditWindow", "status: {status}").format(status=status_label(status))
    names = {
        "add": translate("AuditWindow", "added"),
        "update": translate("AuditWindow", "changed"),
        "edit": translate("AuditWindow", "details changed"),
        "book": translate("AuditWindow", "booked"),
        "move": translate("AuditWindow", "moved"),
        "reschedule": translate("AuditWindow", "rescheduled"),
        "unassign": translate("AuditWindow", "unassigned"),
        "archive": translate("AuditWindow", "archived"),
        "restore": translate("AuditWindow", "restored"),
        "retire": translate("AuditWindow", "retired"),
        "remove": translate("AuditWindow", "removed"),
        "import": translate("AuditWindow", "imported"),
        "viewed": translate("AuditWindow", "record opened"),
        "working time": translate("AuditWindow", "working time"),
        "resend": translate("AuditWindow", "sent again"),
        "cancel": translate("AuditWindow", "cancelled"),
        "withdraw all": translate("AuditWindow", "all withdrawn"),
        "sign in": translate("AuditWindow", "signed in"),
        "sign-in refused": translate("AuditWindow", "wrong password"),
        "locked out": translate("AuditWindow", "locked out"),
        "unlock": translate("AuditWindow", "unlocked"),
        "role": translate("AuditWindow", "role changed"),
        "room": translate("AuditWindow", "room changed"),
        "enable": translate("AuditWindow", "enabled"),
        "disable": translate("AuditWindow", "disabled"),
        "password reset": translate("AuditWindow", "password reset"),
        "password changed": translate("AuditWindow", "password changed"),
        "first admin": translate("AuditWindow", "administrator created"),
        "link professional": translate("AuditWindow", "professional linked"),
        "sign-in settings": translate("AuditWindow", "sign-in settings"),
    }
    return names.get(action, action)


def record_name(entity: str) -> str:
    names = {
        "appointment": translate("AuditWindow", "appointment"),
        "client": translate("AuditWindow", "client"),
        "professional": translate("AuditWindow", "professional"),
        "service": translate("AuditWindow", "service"),
        "staff_user": translate("AuditWindow", "staff account"),
        "organization": translate("AuditWindow", "clinic"),
        "notification": translate("AuditWindow", "message"),
        "time_off": translate("AuditWindow", "time off"),
    }
    return names.get(entity, entity)
