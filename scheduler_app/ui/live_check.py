"""A dialog's "free / busy / outside working time" line, decided on the worker.

The booking and details dialogs say whether the time is free as the desk changes
the time, the length or the professional. Asking the server takes a round trip or
several (1-30 ms each over a real network, seconds when it is slow), so each
question runs on the thread pool and its answer comes back on the GUI thread:
typing never waits. Questions are numbered; only the answer to the latest one is
given (an older one arriving late is dropped). The server decides again when the
appointment is saved.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QLabel

from scheduler_app.errors import SchedulerError
from scheduler_app.services.dto import Availability

#: The question asked on the worker.
Question = Callable[[], Availability]


def start_on_pool(job: QRunnable) -> None:
    QThreadPool.globalInstance().start(job)


#: How a check is started: on the thread pool. (The dialogs' tests that look at the
#: line right after a change replace it to check in place; those about checking
#: off the GUI thread keep it.)
start_check = start_on_pool


class LiveCheck(QObject):
    #: The answer to the latest question.
    answered = Signal(object)  # Availability
    #: The latest question could not be answered: the reason.
    failed = Signal(str)
    _answer = Signal(int, bool, object)  # number, answered, verdict or error

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.latest = 0
        #: A question is on its way (its answer not in yet).
        self.waiting = False
        self._answer.connect(self._answered)

    def ask(self, question: Question) -> None:
        """Ask ``question`` on the worker; any earlier one's answer will be dropped."""
        self.latest += 1
        self.waiting = True
        start_check(_Job(self, self.latest, question))

    def forget(self) -> None:
        """Drop the answer on its way (the dialog decided without the server)."""
        self.latest += 1
        self.waiting = False

    def _answered(self, number: int, ok: bool, outcome: object) -> None:
        if number != self.latest:
            return  # a newer question was asked meanwhile
        self.waiting = False
        if ok:
            self.answered.emit(outcome)
        elif isinstance(outcome, SchedulerError):
            self.failed.emit(outcome.message)
        else:
            assert isinstance(outcome, BaseException)
            raise outcome  # a bug: to the crash dialog


def say(line: QLabel, text: str, style: str) -> None:
    """Put the verdict on ``line``, tall enough for it: the answer comes once the
    dialog is laid out, and a wrapped reason would otherwise be cut off."""
    line.setText(text)
    line.setStyleSheet(style)
    if line.isVisible():
        line.setMinimumHeight(line.heightForWidth(line.width()))
        layout = line.window().layout()
        if layout is not None:
            layout.activate()  # the dialog grows when it must


class _Job(QRunnable):
    def __init__(self, check: LiveCheck, number: int, question: Question) -> None:
        super().__init__()
        self._check, self._number, self._question = check, number, question

    def run(self) -> None:
        outcome: object
        try:
            outcome, ok = self._question(), True
        except Exception as exc:  # handed to the GUI thread: refusals said, bugs raised
            outcome, ok = exc, False
        with contextlib.suppress(RuntimeError):  # the dialog closed meanwhile
            self._check._answer.emit(self._number, ok, outcome)
