"""Loads a week's or a month's appointments off the GUI thread.

A big clinic's month is tens of thousands of rows: reading them must not freeze
the window. Each load carries a number; only the answer to the latest one is
shown (a newer date or another desk's change supersedes what is in flight).
"""

from __future__ import annotations

import contextlib
from datetime import datetime

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from scheduler_app.errors import SchedulerError
from scheduler_app.services.booking import BookingService


class PeriodLoader(QObject):
    loaded = Signal(int, object)  # load number, list[AppointmentView]
    failed = Signal(int, str)  # load number, message

    def __init__(self, booking: BookingService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._booking = booking
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

    def run(self) -> None:
        try:
            rows = self._booking.appointments_between(self._start, self._end)
        except SchedulerError as exc:
            outcome: tuple[str, object] = ("failed", exc.message)
        else:
            outcome = ("loaded", rows)
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            getattr(self._loader, outcome[0]).emit(self._number, outcome[1])
