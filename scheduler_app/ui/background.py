"""Long work off the GUI thread (an import, a report), with progress and cancel.

The work runs on Qt's thread pool and talks back through signals (queued to the
GUI thread): how far it is, its result, or the user-facing error that stopped
it. A bug in it is raised again on the GUI thread, where the crash dialog and
the log take it as any other.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from scheduler_app.errors import SchedulerError

#: What the work is given: a way to say how far it is, and to ask whether to stop.
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Work = Callable[[Progress, Cancelled], Any]


class BackgroundJob(QObject):
    progressed = Signal(int, int)  # done, total
    finished = Signal(object)  # the result
    failed = Signal(str)  # the user-facing message
    _crashed = Signal(object)  # an unexpected exception, raised again on the GUI thread
    #: A bug stopped the work (it is raised again on the GUI thread right after).
    crashed = Signal()

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self.running = False
        self._crashed.connect(self._raise)
        self.finished.connect(self._stopped)
        self.failed.connect(self._stopped)

    def start(self) -> None:
        self.running = True
        QThreadPool.globalInstance().start(_Run(self))

    def cancel(self) -> None:
        """Ask the work to stop (it stops at its next step)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _run(self) -> None:
        try:
            result = self._work(self.progressed.emit, self._cancel.is_set)
        except SchedulerError as exc:
            outcome: tuple[str, Any] = ("failed", exc.message)
        except BaseException as exc:  # a bug: the GUI thread raises it (crash dialog)
            outcome = ("_crashed", exc)
        else:
            outcome = ("finished", result)
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            getattr(self, outcome[0]).emit(outcome[1])

    @Slot(object)
    def _raise(self, error: BaseException) -> None:
        self.running = False
        self.crashed.emit()
        raise error

    def _stopped(self, *_result: object) -> None:
        self.running = False


class _Run(QRunnable):
    def __init__(self, job: BackgroundJob) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job._run()
