"""Qt table model over the appointments of the visible day."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.dto import AppointmentView

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

_Index = QModelIndex | QPersistentModelIndex


class AppointmentTableModel(QAbstractTableModel):
    def __init__(self, timezone: ZoneInfo, parent: Any = None) -> None:
        super().__init__(parent)
        self._tz = timezone
        self._rows: list[AppointmentView] = []

    def set_appointments(self, appointments: list[AppointmentView]) -> None:
        self.beginResetModel()
        self._rows = sorted(appointments, key=lambda a: (a.start, a.professional_name, a.id))
        self.endResetModel()

    def appointment(self, row: int) -> AppointmentView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, appointment_id: int) -> int:
        return next((i for i, a in enumerate(self._rows) if a.id == appointment_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(COLUMNS):
            return None
        appt = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(appt, index.column())
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
