"""Every call the window makes to a service runs on a worker.

The window is given its services through `off_the_gui_thread`: each service's
public methods, called on the GUI thread, run on the thread pool while the GUI
thread goes on painting (`change_queue.saved_meanwhile`: keys and clicks that come
meanwhile are kept for when the answer is in, answers of the desk's queued changes
are handled after it). The caller gets the answer, or the service's error, as if it
had called the service itself, so a dialog reads its lists, a set-up list saves and
a menu asks who is signed in without the window waiting on the database: over a
slow link it stays painted, and a cut server is said in words, not a frozen window.
Called on any other thread (a worker already), a method runs there, as it is.

What must not hold up the desk at all (a drop, a status change, the day's read,
a search as one types) has its own way, answered later (`ChangeQueue`,
`period_loader`, `client_lookup`, `dialog_lists`); this is for the rest, whose
caller waits for the answer before it goes on.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from PySide6.QtCore import QRunnable

from scheduler_app.services.bundle import Services
from scheduler_app.ui.change_queue import saved_meanwhile, start_on_pool

S = TypeVar("S")

#: How a call is started: on the thread pool (tests keep it: the window's tests run
#: every service call of the window through a worker).
start_call = start_on_pool

#: The fields of `Services` that are not services.
_NOT_SERVICES = frozenset({"database", "context"})


def _start(job: QRunnable) -> None:
    start_call(job)


def on_a_worker(call: Callable[..., Any]) -> Callable[..., Any]:
    """``call``, run on a worker when called on the GUI thread."""

    @wraps(call)
    def run(*args: Any, **kwargs: Any) -> Any:
        if threading.current_thread() is not threading.main_thread():
            return call(*args, **kwargs)
        return saved_meanwhile(lambda: call(*args, **kwargs), _start)

    return run


class _Service:
    """A service whose public methods run on a worker when called on the GUI thread
    (its other attributes read and set as the service's own)."""

    __slots__ = ("_service",)

    def __init__(self, service: object) -> None:
        object.__setattr__(self, "_service", service)

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._service, name)
        if name.startswith("_") or not callable(found):
            return found
        return on_a_worker(found)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._service, name, value)


def service_on_a_worker(service: S) -> S:
    """``service`` whose public methods, called on the GUI thread, run on a worker
    (for a service the window makes itself, outside `Services`)."""
    return cast(S, _Service(service))


def off_the_gui_thread(services: Services) -> Services:
    """``services`` whose service calls made on the GUI thread run on a worker (the
    same object when it is already so)."""
    if any(isinstance(getattr(services, f.name), _Service) for f in dataclasses.fields(services)):
        return services
    wrapped = {
        f.name: service_on_a_worker(getattr(services, f.name))
        for f in dataclasses.fields(services)
        if f.name not in _NOT_SERVICES
    }
    return dataclasses.replace(services, **wrapped)
