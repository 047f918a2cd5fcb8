"""The desk's changes, saved on a worker thread (the window never waits on them).

A change is a call to a service naming the appointments it touches. It runs on
the thread pool; its answer comes back on the GUI thread. A second change to an
appointment whose first change is still on its way waits for it, and is made
when it starts (so it carries the version the first one left); changes to other
appointments go at once. A bug on the worker reaches the crash dialog like any
other (re-raised on the GUI thread).

`saved_meanwhile` is for what must hear the answer before it goes on (Book, undo
and redo, a details dialog's Save): the call runs on the worker while the GUI
thread goes on painting and keeps the keys and clicks that come meanwhile for when
the answer is in. Answers of queued changes arriving meanwhile are handled after it
(an undo never sees an entry pushed halfway through).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, QThreadPool, Signal

from scheduler_app.errors import SchedulerError

#: Made on the GUI thread when the change starts: the call to run on the worker.
Work = Callable[[], Callable[[], Any]]
T = TypeVar("T")
#: Hands a job's answer over: (saved, the result or the error).
Answer = Callable[[bool, object], None]


@dataclass
class _Change:
    keys: frozenset[int]
    make: Work
    done: Callable[[Any], None]
    failed: Callable[[SchedulerError], None]


def start_on_pool(job: QRunnable) -> None:
    QThreadPool.globalInstance().start(job)


#: How a change is started: on the thread pool. (The window's tests that look at the
#: calendar right after a drop replace it to save in place; those about saving off
#: the GUI thread keep it.)
start_change = start_on_pool


#: While waiting for an answer: the window paints, timers and answers are handled,
#: keys and clicks wait (the call sleeps until an event comes).
_MEANWHILE = (
    QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
    | QEventLoop.ProcessEventsFlag.WaitForMoreEvents
)

#: How many `saved_meanwhile` waits are in progress (nested), and the queued changes'
#: answers held until they end.
_meanwhile: list[int] = [0]
_held: list[Callable[[], None]] = []


class ChangeQueue(QObject):
    _answer = Signal(int, bool, object)  # ticket, saved, result or error

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._waiting: list[_Change] = []
        self._running: dict[int, _Change] = {}
        self._tickets = 0
        self._answer.connect(self._answered)

    @property
    def busy(self) -> bool:
        """Some change is on its way (or waiting for another)."""
        return bool(self._running or self._waiting)

    def is_saving(self, key: int) -> bool:
        return any(key in c.keys for c in (*self._running.values(), *self._waiting))

    def submit(
        self,
        keys: Sequence[int],
        make: Work,
        done: Callable[[Any], None],
        failed: Callable[[SchedulerError], None],
    ) -> None:
        """Save a change to the appointments ``keys``: ``make()`` (called when it starts)
        gives the service call; ``done`` gets its answer, ``failed`` its refusal."""
        self._waiting.append(_Change(frozenset(keys), make, done, failed))
        self._start_ready()

    def _start_ready(self) -> None:
        while (change := self._next_ready()) is not None:
            self._waiting.remove(change)
            self._tickets += 1
            self._running[self._tickets] = change
            start_change(_Job(partial(self._answer.emit, self._tickets), change.make()))

    def _next_ready(self) -> _Change | None:
        """The first waiting change whose appointments no earlier change holds."""
        busy = {k for c in self._running.values() for k in c.keys}
        for change in self._waiting:
            if not change.keys & busy:
                return change
            busy |= change.keys  # later changes to them wait behind this one
        return None

    def _answered(self, ticket: int, saved: bool, outcome: object) -> None:
        if _meanwhile[0]:
            _held.append(partial(self._answered, ticket, saved, outcome))
            return
        change = self._running.pop(ticket)
        try:
            if saved:
                change.done(outcome)
            elif isinstance(outcome, SchedulerError):
                change.failed(outcome)
            else:
                assert isinstance(outcome, BaseException)
                raise outcome  # a bug: to the crash dialog
        finally:
            self._start_ready()


class _Job(QRunnable):
    def __init__(self, answer: Answer, work: Callable[[], Any]) -> None:
        super().__init__()
        self._answer, self._work = answer, work

    def run(self) -> None:
        try:
            outcome, saved = self._work(), True
        except Exception as exc:  # handed to the GUI thread: refusals shown, bugs re-raised
            outcome, saved = exc, False
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            self._answer(saved, outcome)


class _Answered(QObject):
    answered = Signal(bool, object)


def saved_meanwhile(work: Callable[[], T], start: Callable[[QRunnable], None] | None = None) -> T:
    """Run ``work`` on the worker and return its answer (or raise its error), the GUI
    thread painting meanwhile; keys and clicks wait for the answer and go where they
    were aimed (a key aimed at a dialog the answer closes goes with it).
    ``start``: how the job is started (`start_change` when None)."""
    relay = _Answered()
    got: list[tuple[bool, object]] = []

    def take(saved: bool, outcome: object) -> None:
        got.append((saved, outcome))

    relay.answered.connect(take)
    _meanwhile[0] += 1
    try:
        (start or start_change)(_Job(relay.answered.emit, work))
        # Not a nested QEventLoop: that would also delete the widgets whose deletion
        # was asked for before it (Qt's deferred deletes), under their callers' feet.
        while not got:
            QCoreApplication.processEvents(_MEANWHILE)
    finally:
        _meanwhile[0] -= 1
    if not _meanwhile[0]:
        while _held:
            _held.pop(0)()
    saved, outcome = got[0]
    if not saved:
        assert isinstance(outcome, BaseException)
        raise outcome
    return outcome  # type: ignore[return-value]
