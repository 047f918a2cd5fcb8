"""Notices changes made by any desk and tells the GUI, from a worker thread.

Every change to the schedule writes an audit entry in its own transaction, so
the highest audit id is a change counter that works on SQLite and PostgreSQL
alike. The watcher polls it on its own thread and emits `schedule_changed`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from scheduler_app.errors import SchedulerError

log = logging.getLogger(__name__)


class ChangeWatcher(QObject):
    schedule_changed = Signal()
    database_status = Signal(bool, str)  # reachable, message

    def __init__(self, marker: Callable[[], int], interval_ms: int = 700) -> None:
        super().__init__()
        self._marker = marker
        self._interval = interval_ms
        self._last: int | None = None
        self._reachable = True
        self._timer: QTimer | None = None

    @Slot()
    def start(self) -> None:
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.poll)
        self._timer.start(self._interval)
        self.poll()

    @Slot()
    def shutdown(self) -> None:
        """Stop polling; runs on the worker thread, which owns the timer."""
        if self._timer is not None:
            self._timer.stop()
            shiboken6.delete(self._timer)  # now, on the thread that owns it
            self._timer = None
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())  # so it can be released from the GUI thread

    @Slot()
    def poll(self) -> None:
        try:
            marker = self._marker()
        except SchedulerError as exc:
            if self._reachable:
                self._reachable = False
                self.database_status.emit(False, exc.message)
            return
        except Exception:  # a bug: log it, keep the desk running
            log.exception("change watcher failed")
            return
        if not self._reachable:
            self._reachable = True
            self.database_status.emit(True, "")
        if self._last is not None and marker != self._last:
            self.schedule_changed.emit()
        self._last = marker
