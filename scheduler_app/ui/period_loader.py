"""Loads a week's or a month's appointments, and the time nobody can be booked in
it (for shading), off the GUI thread.

A big clinic's month is tens of thousands of rows: reading them must not freeze
the window. Each load carries a number; only the answer to the latest one is
shown (a newer date or another desk's change supersedes what is in flight).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from scheduler_app.errors import SchedulerError
from scheduler_app.services.booking import BookingService
from scheduler_app.services.dto import AppointmentView
from scheduler_app.services.working_time import OffView, WorkingTimeService


@dataclass(frozen=True)
class PeriodContents:
    appointments: list[AppointmentView]
    off_times: list[OffView]


def read_period(
    booking: BookingService, working_time: WorkingTimeService, start: datetime, end: datetime
) -> PeriodContents:
    """What a calendar shows of ``[start, end)`` (raises `SchedulerError`)."""
    return PeriodContents(
        booking.appointments_between(start, end), working_time.off_times(start, end)
    )


class PeriodLoader(QObject):
    loaded = Signal(int, object)  # load number, PeriodContents
    failed = Signal(int, str)  # load number, message

    def __init__(
        self,
        booking: BookingService,
        working_time: WorkingTimeService,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._booking = booking
        self._working_time = working_time
        self.latest = 0

    def load(self, start: datetime, end: datetime) -> int:
        """Start reading ``[start, end)`` on the thread pool; returns the load number."""
        self.latest += 1
        QThreadPool.globalInstance().start(_Job(self, self.latest, start, end))
        return self.latest


class _Job(QRunnable):
    def __init__(self, loader: PeriodLoader, number: int, start: datetime, end: datetime) -> None:
        super().__init__()
        self._loader, self._number = loader, number
        self._start, self._end = start, end
        self._booking = loader._booking
        self._working_time = loader._working_time

    def run(self) -> None:
        try:
            rows = read_period(self._booking, self._working_time, self._start, self._end)
        except SchedulerError as exc:
            outcome: tuple[str, object] = ("failed", exc.message)
        else:
            outcome = ("loaded", rows)
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            getattr(self._loader, outcome[0]).emit(self._number, outcome[1])
