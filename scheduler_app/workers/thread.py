"""Run a worker QObject on its own QThread and stop it cleanly."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QMetaObject, QObject, Qt, QThread


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
