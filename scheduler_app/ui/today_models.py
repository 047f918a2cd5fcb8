"""Table models of the Today tab: the arrivals board and the lists beside it."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from scheduler_app.domain.arrivals import Arrival
from scheduler_app.services.delivery import NotificationView
from scheduler_app.services.dto import AppointmentView
from scheduler_app.services.today import ArrivalView, OpenConflictView
from scheduler_app.ui.appointment_model import STATUS_COLORS, AppointmentRole
from scheduler_app.ui.i18n import (
    day_text,
    span_text,
    status_label,
    time_text,
    translate,
    unassigned,
)
from scheduler_app.ui.notifications_view import channel_text, plain_error
from scheduler_app.ui.row_model import RowTableModel

# Each place on the board has its colour (the text on it stays #1a1a1a, >= 7:1).
ARRIVAL_COLORS = {
    Arrival.EXPECTED: "#dcebff",
    Arrival.LATE: "#ffd8a8",
    Arrival.CHECKED_IN: "#d9f2d9",
    Arrival.IN_PROGRESS: "#a5d6a7",
    Arrival.COMPLETED: "#e6e6e6",
    Arrival.NO_SHOW: "#f8d7da",
}
TEXT = QColor("#1a1a1a")


def arrival_label(state: Arrival) -> str:
    return {
        Arrival.EXPECTED: translate("Today", "Expected"),
        Arrival.LATE: translate("Today", "Late"),
        Arrival.CHECKED_IN: translate("Today", "Checked in"),
        Arrival.IN_PROGRESS: translate("Today", "In progress"),
        Arrival.COMPLETED: translate("Today", "Completed"),
        Arrival.NO_SHOW: translate("Today", "No-show"),
    }[state]


def who(appt: AppointmentView) -> str:
    return appt.client_name or appt.title or appt.service_name or "-"


class ArrivalModel(RowTableModel):
    """Today's appointments with where each client stands."""

    def __init__(self, tz: ZoneInfo, parent: Any = None) -> None:
        super().__init__(parent)
        self._tz = tz

    @property
    def columns(self) -> tuple[str, ...]:  # type: ignore[override]
        return (
            translate("Today", "Time"),
            translate("Today", "Arrival"),
            translate("Today", "Client"),
            translate("Today", "Phone"),
            translate("Today", "Professional"),
            translate("Today", "Service"),
        )

    def row_of(self, appointment_id: int) -> int:
        return next((i for i, a in enumerate(self._rows) if a.appointment.id == appointment_id), -1)

    def cell(self, row: ArrivalView, column: int, role: int) -> Any:
        appt = row.appointment
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(ARRIVAL_COLORS[row.state]))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(TEXT)
        if role == AppointmentRole:
            return appt
        if role == Qt.ItemDataRole.ToolTipRole and appt.description:
            return appt.description
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return span_text(appt.start.astimezone(self._tz), appt.end.astimezone(self._tz))
        if column == 1:
            if row.state is Arrival.LATE:
                return translate("Today", "Late ({minutes} min)").format(minutes=row.minutes_late)
            if row.overrun:
                return translate("Today", "In progress (was to end at {time})").format(
                    time=time_text(appt.end.astimezone(self._tz))
                )
            return arrival_label(row.state)
        return (
            who(appt),
            appt.client_phone,
            appt.professional_name or unassigned(),
            appt.service_name,
        )[column - 2]


class AppointmentListModel(RowTableModel):
    """A short list of appointments (next up, left open): when, who, with whom."""

    def __init__(self, tz: ZoneInfo, parent: Any = None, *, with_status: bool = False) -> None:
        super().__init__(parent)
        self._tz = tz
        self._with_status = with_status

    @property
    def columns(self) -> tuple[str, ...]:  # type: ignore[override]
        names = (
            translate("Today", "When"),
            translate("Today", "Client"),
            translate("Today", "Professional"),
        )
        return (*names, translate("Today", "Status")) if self._with_status else names

    def row_of(self, appointment_id: int) -> int:
        return next((i for i, a in enumerate(self._rows) if a.id == appointment_id), -1)

    def cell(self, appt: AppointmentView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and self._with_status:
            return QBrush(QColor(STATUS_COLORS[appt.status]))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(TEXT)
        if role == AppointmentRole:
            return appt
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        start = appt.start.astimezone(self._tz)
        return (
            f"{day_text(start.date())} {time_text(start)}",
            who(appt),
            appt.professional_name or unassigned(),
            status_label(appt.status),
        )[column]


class ConflictModel(RowTableModel):
    def __init__(self, tz: ZoneInfo, parent: Any = None) -> None:
        super().__init__(parent)
        self._tz = tz

    @property
    def columns(self) -> tuple[str, ...]:  # type: ignore[override]
        return (
            translate("Today", "Opened"),
            translate("Today", "What was forced"),
            translate("Today", "Waiting"),
        )

    def cell(self, conflict: OpenConflictView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("Today", "Forced by {name}: {reason}").format(
                name=conflict.opened_by, reason=conflict.reason
            )
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self._when(conflict.opened_at),
            conflict.cause,
            translate("Today", "{count} appointments").format(count=conflict.waiting)
            if conflict.waiting != 1
            else translate("Today", "1 appointment"),
        )[column]

    def _when(self, moment: datetime) -> str:
        local = moment.astimezone(self._tz)
        return f"{day_text(local.date())} {time_text(local)}"


class FailedModel(RowTableModel):
    def __init__(self, tz: ZoneInfo, parent: Any = None) -> None:
        super().__init__(parent)
        self._tz = tz

    @property
    def columns(self) -> tuple[str, ...]:  # type: ignore[override]
        return (
            translate("Today", "When"),
            translate("Today", "To"),
            translate("Today", "Problem"),
        )

    def cell(self, n: NotificationView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return n.subject
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        local = n.scheduled_at.astimezone(self._tz)
        return (
            f"{day_text(local.date())} {time_text(local)}",
            f"{channel_text(n.channel)}: {n.recipient}" if n.recipient else channel_text(n.channel),
            plain_error(n.last_error),
        )[column]
