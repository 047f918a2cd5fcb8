"""Run a worker QObject on its own QThread and stop it cleanly."""

from __future__ import annotations

import os
import socket
from typing import Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, QMetaObject, QObject, Qt, QThread, QTimer, Slot


def worker_name() -> str:
    """This desk's name in the claims it takes (outbox rows, calendars): host and process."""
    return f"{socket.gethostname()}-{os.getpid()}"


class Worker(Protocol):
    """A QObject with `start` and `shutdown` slots (both run on the worker's thread)."""

    def start(self) -> None: ...

    def shutdown(self) -> None: ...


class WorkerThread:
    """Owns the thread; `stop()` returns once it has finished."""

    def __init__(self, worker: QObject, name: str) -> None:
        self.worker = worker
        self.thread = QThread()
        self.thread.setObjectName(name)
        worker.moveToThread(self.thread)
        self.thread.started.connect(worker.start)  # type: ignore[attr-defined]

    def start(self) -> None:
        self.thread.start()

    def stop(self, timeout_ms: int = 3000) -> bool:
        """Shut the worker down on its own thread, then end the thread; True once ended."""
        if self.thread.isRunning():
            QMetaObject.invokeMethod(
                self.worker, "shutdown", Qt.ConnectionType.BlockingQueuedConnection
            )
        self.thread.quit()
        return self.thread.wait(timeout_ms)


class PeriodicWorker(QObject):
    """A worker that runs `tick` now and then every ``interval_ms`` on its thread.

    Subclasses implement `tick` (and `stopped` to release what they hold);
    `start` and `shutdown` are the slots `WorkerThread` calls.
    """

    def __init__(self, interval_ms: int) -> None:
        super().__init__()
        self._interval = interval_ms
        self._timer: QTimer | None = None

    @Slot()
    def start(self) -> None:
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.tick)
        self._timer.start(self._interval)
        self.tick()

    @Slot()
    def tick(self) -> None:
        raise NotImplementedError

    def stopped(self) -> None:
        """Release what the worker holds (on its own thread, after the last tick)."""

    @Slot()
    def shutdown(self) -> None:
        """Stop; runs on the worker thread, which owns the timer."""
        if self._timer is not None:
            self._timer.stop()
            shiboken6.delete(self._timer)  # now, on the thread that owns it
            self._timer = None
        self.stopped()
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())  # so it can be released from the GUI thread
