"""Loads a period's appointments, the time nobody can be booked in it (for
shading) and what the desk's hover checks decide on, off the GUI thread.

A big clinic's month is tens of thousands of rows, and over a real network even
a day costs round trips of 1-30 ms each: no read may freeze the window. Each load
carries a number; only the answer to the latest one is shown (a newer date or
another desk's change supersedes what is in flight). Meanwhile the calendar shows
what it last had.
"""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from scheduler_app.errors import DatabaseUnavailableError, PasswordRequiredError, SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import AppointmentView
from scheduler_app.services.local_check import Snapshot
from scheduler_app.services.resources import PeriodRooms
from scheduler_app.ui.calendar.shading import OffTime


@dataclass(frozen=True)
class PeriodContents:
    appointments: list[AppointmentView]
    off_times: Sequence[OffTime]
    #: What the hover checks decide on (`services.local_check`).
    snapshot: Snapshot | None = None
    #: How many conflicts wait to be resolved (the status bar says it).
    open_conflicts: int = 0
    #: The rooms and equipment, when the day is shown by room (else None).
    rooms: PeriodRooms | None = None


def read_period(
    services: Services, start: datetime, end: datetime, *, rooms: bool = False
) -> PeriodContents:
    """What a calendar shows of ``[start, end)`` (raises `SchedulerError`); ``rooms``:
    with the rooms and equipment, for columns by room."""
    snapshot = services.booking.decision_snapshot(start, end)
    return PeriodContents(
        snapshot.appointments,
        services.working_time.off_times_in(snapshot, start, end),  # nothing read again
        snapshot,
        services.conflicts.open_count(),
        services.resources.period_rooms(start, end) if rooms else None,
    )


#: A period read: [start, end).
Bounds = tuple[datetime, datetime]
#: How many periods read lately are kept for when the server cannot be reached.
KEPT = 8


def start_on_pool(job: QRunnable) -> None:
    """Run ``job`` on the application's thread pool."""
    QThreadPool.globalInstance().start(job)


#: How a day's load is started: on the pool too. (The window's tests that look at a
#: day right after an action replace it to read in place; those about the reading
#: itself keep it.)
start_day_job = start_on_pool


class PeriodLoader(QObject):
    loaded = Signal(int, object)  # load number, PeriodContents
    failed = Signal(int, str)  # load number, message
    #: The load failed because the server cannot be reached (after ``failed``).
    unreachable = Signal(int, str)  # load number, message

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.latest = 0
        #: The periods read lately, newest last: when read, and what was read (shown
        #: again while the server cannot be reached).
        self.kept: OrderedDict[Bounds, tuple[datetime, PeriodContents]] = OrderedDict()
        self._asked: dict[int, Bounds] = {}
        self.loaded.connect(self._keep)  # first: the copy is kept before it is shown

    def load(
        self, start: datetime, end: datetime, *, day: bool = False, rooms: bool = False
    ) -> int:
        """Start reading ``[start, end)`` (``day``: one day; ``rooms``: with the rooms,
        see `read_period`) on the thread pool; returns the load number."""
        self.latest += 1
        self._asked = {n: b for n, b in self._asked.items() if n > self.latest - KEPT}
        self._asked[self.latest] = (start, end)
        job = _Job(self, self.latest, start, end, rooms)
        if day:
            start_day_job(job)
        else:
            start_on_pool(job)
        return self.latest

    def bounds(self, number: int) -> Bounds | None:
        """The period load ``number`` reads (None once long forgotten)."""
        return self._asked.get(number)

    def _keep(self, number: int, contents: PeriodContents) -> None:
        bounds = self._asked.get(number)
        if bounds is None:
            return
        self.kept.pop(bounds, None)
        self.kept[bounds] = (self.services.context.now(), contents)
        while len(self.kept) > KEPT:
            self.kept.popitem(last=False)


class _Job(QRunnable):
    def __init__(
        self, loader: PeriodLoader, number: int, start: datetime, end: datetime, rooms: bool
    ) -> None:
        super().__init__()
        self._loader, self._number = loader, number
        self._start, self._end, self._rooms = start, end, rooms
        self._services = loader.services

    def run(self) -> None:
        try:
            found = read_period(self._services, self._start, self._end, rooms=self._rooms)
        except SchedulerError as exc:
            outcome: tuple[str, object] = ("failed", exc.message)
            cut = is_unreachable(exc)
        else:
            outcome, cut = ("loaded", found), False
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            getattr(self._loader, outcome[0]).emit(self._number, outcome[1])
            if cut:
                self._loader.unreachable.emit(self._number, outcome[1])


def is_unreachable(error: SchedulerError) -> bool:
    """The server could not be reached (not a refusal, nor a password to ask for)."""
    return isinstance(error, DatabaseUnavailableError) and not isinstance(
        error, PasswordRequiredError
    )
