"""Finding clients as the desk types (and reading what goes with the one picked),
off the GUI thread.

Each key restarts a short pause; when the typing pauses, the search runs on the
thread pool and only the answer to the latest one is shown. The field never
waits on the server: every key lands in it, whether the server answers in a
millisecond, in a second or not at all. While the server cannot be reached the
search is tried again every few seconds, and the list says so meanwhile.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from scheduler_app.errors import DatabaseUnavailableError, SchedulerError

#: Search when the typing pauses this long, not on every key.
TYPING_PAUSE_MS = 150
#: Try again this often while the server cannot be reached.
RETRY_MS = 3000

#: What a lookup asks the services, given what was typed (or picked).
Finder = Callable[[Any], Sequence[object]]


def start_on_pool(job: QRunnable) -> None:
    QThreadPool.globalInstance().start(job)


#: How a search is started: on the thread pool. (The window's tests that look at the
#: list right after typing replace it, and `ClientLookup.pause_ms`, to search in
#: place; those about searching itself keep them.)
start_search = start_on_pool


class ClientLookup(QObject):
    #: What was found for the latest text (or key): the clients, or their appointments.
    found = Signal(object)  # list
    #: The latest search could not run: the reason, and whether the server is unreachable.
    failed = Signal(str, bool)
    #: (search number, the clients found or the error), from the worker.
    _answer = Signal(int, object)

    pause_ms = TYPING_PAUSE_MS

    def __init__(self, find: Finder, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._find = find
        self._text: Any = ""
        self.latest = 0
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.timeout.connect(self.run)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.run)
        self._answer.connect(self._answered)

    def search(self, text: Any) -> None:
        """Search for ``text`` once the typing pauses."""
        self._text = text
        self._retry.stop()
        if self.pause_ms <= 0:
            self.run()
        else:
            self._pause.start(self.pause_ms)

    def search_now(self, text: Any) -> None:
        """Search for ``text`` at once (Enter), not after the pause."""
        self._text = text
        self._retry.stop()
        self.run()

    @property
    def pending(self) -> bool:
        """A search is waiting for the typing to pause."""
        return self._pause.isActive()

    def run(self) -> None:
        """Search for the latest text now (on the pool)."""
        self._pause.stop()
        self.latest += 1
        start_search(_Search(self, self.latest, self._text, self._find))

    def _answered(self, number: int, outcome: object) -> None:
        if number != self.latest:
            return  # a newer search is on its way
        if isinstance(outcome, SchedulerError):
            unreachable = isinstance(outcome, DatabaseUnavailableError)
            if unreachable:
                self._retry.start()
            self.failed.emit(outcome.message, unreachable)
            return
        self.found.emit(outcome)


class _Search(QRunnable):
    def __init__(self, lookup: ClientLookup, number: int, text: Any, find: Finder) -> None:
        super().__init__()
        self._lookup, self._number, self._text, self._find = lookup, number, text, find

    def run(self) -> None:
        try:
            outcome: object = list(self._find(self._text))
        except SchedulerError as exc:
            outcome = exc
        with contextlib.suppress(RuntimeError):  # the dialog closed meanwhile
            self._lookup._answer.emit(self._number, outcome)
