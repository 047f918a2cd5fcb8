"""Qt table model over the appointments of the visible day."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.dto import AppointmentView
from scheduler_app.ui.row_model import RowTableModel

COLUMNS = ("Time", "Client", "Professional", "Service", "Status")

STATUS_COLORS = {
    AppointmentStatus.PENDING: "#fff4cc",
    AppointmentStatus.CONFIRMED: "#dcebff",
    AppointmentStatus.CHECKED_IN: "#d9f2d9",
    AppointmentStatus.COMPLETED: "#e6e6e6",
    AppointmentStatus.NO_SHOW: "#f8d7da",
    AppointmentStatus.CANCELLED: "#f2f2f2",
    AppointmentStatus.RESCHEDULED: "#f2f2f2",
}

#: Role returning the `AppointmentView` of a row.
AppointmentRole = Qt.ItemDataRole.UserRole + 1


class AppointmentTableModel(RowTableModel):
    columns = COLUMNS

    def __init__(self, timezone: ZoneInfo, parent: Any = None) -> None:
        super().__init__(parent)
        self._tz = timezone
        self.show_dates = False  # when the rows span several days

    def set_appointments(self, appointments: list[AppointmentView]) -> None:
        self.set_rows(sorted(appointments, key=lambda a: (a.start, a.professional_name, a.id)))

    def appointment(self, row: int) -> AppointmentView | None:
        found: AppointmentView | None = self.row_at(row)
        return found

    def row_of(self, appointment_id: int) -> int:
        return next((i for i, a in enumerate(self._rows) if a.id == appointment_id), -1)

    def cell(self, appt: AppointmentView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(appt, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(STATUS_COLORS[appt.status]))
        if role == Qt.ItemDataRole.ForegroundRole and not appt.status.is_active:
            return QBrush(QColor("#777777"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(appt)
        if role == AppointmentRole:
            return appt
        return None

    def _text(self, appt: AppointmentView, column: int) -> str:
        if column == 0:
            start, end = appt.start.astimezone(self._tz), appt.end.astimezone(self._tz)
            if self.show_dates:
                return f"{start:%a %d %b} {start:%H:%M}-{end:%H:%M}"
            return f"{start:%H:%M}-{end:%H:%M}"
        if column == 1:
            return appt.client_name or appt.title or "-"
        if column == 2:
            return appt.professional_name or "Unassigned"
        if column == 3:
            return appt.appointment_type_name
        return appt.status.label

    def _tooltip(self, appt: AppointmentView) -> str:
        lines = [
            f"{self._text(appt, 0)}  {appt.status.label}",
            f"Client: {appt.client_name or '-'} {appt.client_phone}".rstrip(),
            f"Professional: {appt.professional_name or 'Unassigned'}",
        ]
        if appt.appointment_type_name:
            lines.append(f"Service: {appt.appointment_type_name}")
        if appt.cancellation_reason:
            lines.append(f"Cancelled: {appt.cancellation_reason}")
        return "\n".join(lines)
