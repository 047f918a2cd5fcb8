"""Loads a week's or a month's appointments, and the time nobody can be booked in
it (for shading), off the GUI thread.

A big clinic's month is tens of thousands of rows: reading them must not freeze
the window. Each load carries a number; only the answer to the latest one is
shown (a newer date or another desk's change supersedes what is in flight).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from scheduler_app.errors import SchedulerError
from scheduler_app.services.booking import BookingService
from scheduler_app.services.dto import AppointmentView
from scheduler_app.services.working_time import WorkingTimeService
from scheduler_app.ui.calendar.shading import OffTime


@dataclass(frozen=True)
class PeriodContents:
    appointments: list[AppointmentView]
    off_times: Sequence[OffTime]


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
    #: The time off of a day whose appointments were read at once (`load_off_times`).
    off_times_loaded = Signal(int, object)  # load number, list[OffView]

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

    def load_off_times(self, start: datetime, end: datetime) -> int:
        """Start reading only the time off of ``[start, end)``; answers with
        `off_times_loaded` (the number is the one `load` would use next time:
        newer loads of either kind supersede it)."""
        self.latest += 1
        QThreadPool.globalInstance().start(_Job(self, self.latest, start, end, off_only=True))
        return self.latest


class _Job(QRunnable):
    def __init__(
        self,
        loader: PeriodLoader,
        number: int,
        start: datetime,
        end: datetime,
        *,
        off_only: bool = False,
    ) -> None:
        super().__init__()
        self._off_only = off_only
        self._loader, self._number = loader, number
        self._start, self._end = start, end
        self._booking = loader._booking
        self._working_time = loader._working_time

    def run(self) -> None:
        try:
            if self._off_only:
                found: object = self._working_time.off_times(self._start, self._end)
            else:
                found = read_period(self._booking, self._working_time, self._start, self._end)
        except SchedulerError as exc:
            outcome: tuple[str, object] = ("failed", exc.message)
        else:
            outcome = ("off_times_loaded" if self._off_only else "loaded", found)
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            getattr(self._loader, outcome[0]).emit(self._number, outcome[1])
