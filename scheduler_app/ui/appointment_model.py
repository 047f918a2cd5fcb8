"""Qt table model over the appointments of the visible period."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.dto import AppointmentView
from scheduler_app.ui.i18n import day_text, span_text, status_label, translate, unassigned
from scheduler_app.ui.row_model import RowTableModel

STATUS_COLORS = {
    AppointmentStatus.PENDING: "#fff4cc",
    AppointmentStatus.CONFIRMED: "#dcebff",
    AppointmentStatus.CHECKED_IN: "#d9f2d9",
    AppointmentStatus.COMPLETED: "#e6e6e6",
    AppointmentStatus.NO_SHOW: "#f8d7da",
    AppointmentStatus.CANCELLED: "#f2f2f2",
}
#: Text of rows that no longer hold time (cancelled, completed...): quieter than the
#: rest, still at least 4.5:1 on every status colour.
INACTIVE_TEXT = "#555555"

#: Role returning the `AppointmentView` of a row.
AppointmentRole = Qt.ItemDataRole.UserRole + 1
#: Role the List tab sorts by (the start time, not its text, for the time column).
SortRole = Qt.ItemDataRole.UserRole + 2


class AppointmentTableModel(RowTableModel):
    def __init__(self, timezone: ZoneInfo, parent: Any = None) -> None:
        super().__init__(parent)
        self._tz = timezone
        self.show_dates = False  # when the rows span several days

    @property
    def columns(self) -> tuple[str, ...]:  # type: ignore[override]
        return (
            translate("AppointmentTable", "Time"),
            translate("AppointmentTable", "Client"),
            translate("AppointmentTable", "Professional"),
            translate("AppointmentTable", "Service"),
            translate("AppointmentTable", "Status"),
        )

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
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#1a1a1a" if appt.status.is_active else INACTIVE_TEXT))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(appt)
        if role == AppointmentRole:
            return appt
        if role == SortRole:
            return appt.start.timestamp() if column == 0 else self._text(appt, column).casefold()
        return None

    def _text(self, appt: AppointmentView, column: int) -> str:
        if column == 0:
            start, end = appt.start.astimezone(self._tz), appt.end.astimezone(self._tz)
            if self.show_dates:
                return f"{day_text(start.date())} {span_text(start, end)}"
            return span_text(start, end)
        if column == 1:
            return appt.client_name or appt.title or "-"
        if column == 2:
            return appt.professional_name or unassigned()
        if column == 3:
            return appt.service_name
        return status_label(appt.status)

    def _tooltip(self, appt: AppointmentView) -> str:
        lines = [
            f"{self._text(appt, 0)}  {status_label(appt.status)}",
            translate("AppointmentTable", "Client: {name} {phone}")
            .format(name=appt.client_name or "-", phone=appt.client_phone)
            .rstrip(),
            translate("AppointmentTable", "Professional: {name}").format(
                name=appt.professional_name or unassigned()
            ),
        ]
        if appt.title:
            lines.append(translate("AppointmentTable", "Title: {title}").format(title=appt.title))
        if appt.service_name:
            lines.append(
                translate("AppointmentTable", "Service: {name}").format(name=appt.service_name)
            )
        if appt.description:
            lines.append(
                translate("AppointmentTable", "Notes: {notes}").format(notes=appt.description)
            )
        if appt.cancellation_reason:
            lines.append(
                translate("AppointmentTable", "Cancelled: {reason}").format(
                    reason=appt.cancellation_reason
                )
            )
        if appt.late_cancellation:
            lines.append(translate("AppointmentTable", "Late cancellation"))
        if appt.outside_hours:
            lines.append(
                translate("AppointmentTable", "Booked outside working hours: {reason}").format(
                    reason=appt.outside_hours_reason
                )
            )
        return "\n".join(lines)
