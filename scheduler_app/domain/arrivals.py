"""Where a client of the day stands on the desk's arrivals board."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from scheduler_app.domain.status import AppointmentStatus

S = AppointmentStatus
#: A client this long past the start without checking in is late.
LATE_AFTER = timedelta(minutes=5)


class Arrival(StrEnum):
    EXPECTED = "expected"
    LATE = "late"
    CHECKED_IN = "checked_in"  # arrived, waiting for the start
    IN_PROGRESS = "in_progress"  # checked in and started
    COMPLETED = "completed"
    NO_SHOW = "no_show"


def arrival(status: AppointmentStatus, start: datetime, now: datetime) -> Arrival | None:
    """The board's column for an appointment of the day (None: not on the board,
    i.e. cancelled)."""
    if status in (S.PENDING, S.CONFIRMED):
        return Arrival.LATE if now >= start + LATE_AFTER else Arrival.EXPECTED
    if status is S.CHECKED_IN:
        return Arrival.IN_PROGRESS if now >= start else Arrival.CHECKED_IN
    if status is S.COMPLETED:
        return Arrival.COMPLETED
    if status is S.NO_SHOW:
        return Arrival.NO_SHOW
    return None


def minutes_late(start: datetime, now: datetime) -> int:
    """Whole minutes since ``start`` (0 before it)."""
    return max(0, int((now - start).total_seconds() // 60))
