"""What the booking, details and Find a time dialogs offer (the clinic's services,
professionals, rooms, the series an appointment belongs to), read off the GUI thread.

Reading them takes several round trips (1-30 ms each over a real network, seconds
when it is slow), so a dialog opens at once saying "Loading…", with the fields it
cannot fill yet and its buttons off, and fills them when the server answers; what
the desk typed meanwhile stays. While the server cannot be reached the dialog says
so and the lists are asked for again every few seconds.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.checks import MANAGERS
from scheduler_app.services.dto import OrganizationView, ProfessionalView, ServiceView
from scheduler_app.services.resources import ResourceView
from scheduler_app.services.series_dto import SeriesInfo
from scheduler_app.ui.i18n import translate
from scheduler_app.ui.period_loader import is_unreachable

#: Ask again this often while the server cannot be reached.
RETRY_MS = 3000


@dataclass(frozen=True)
class BookingLists:
    """What the booking dialog offers, and the clinic's defaults it starts from."""

    organization: OrganizationView
    services: list[ServiceView]
    professionals: list[ProfessionalView]
    rooms: list[ResourceView]
    #: The person signed in may book past a rule ("Book anyway").
    manager: bool


@dataclass(frozen=True)
class DetailsLists:
    """What the details dialog offers, and the appointment's series (if any)."""

    services: list[ServiceView]
    professionals: list[ProfessionalView]
    series: SeriesInfo | None = None
    #: Why the series could not be read ("" when it was, or there is none).
    series_problem: str = ""


@dataclass(frozen=True)
class FindTimeLists:
    """What Find a time offers, and the clinic's defaults it starts from."""

    organization: OrganizationView
    services: list[ServiceView]
    professionals: list[ProfessionalView]


def booking_lists(services: Services) -> BookingLists:
    """Read what the booking dialog offers (raises `SchedulerError`)."""
    ctx = services.context
    try:
        person = ctx.desk.current(ctx)
    except SchedulerError as exc:
        if is_unreachable(exc):
            raise
        person = None
    return BookingLists(
        services.directory.organization(),
        services.directory.services(),
        services.directory.professionals(),
        services.resources.resources(),
        person is not None and person.role in MANAGERS,
    )


def details_lists(services: Services, series_id: int | None) -> DetailsLists:
    """Read what the details dialog offers (raises `SchedulerError`)."""
    offered, professionals = services.directory.services(), services.directory.professionals()
    if series_id is None:
        return DetailsLists(offered, professionals)
    try:
        return DetailsLists(offered, professionals, services.series.info(series_id))
    except SchedulerError as exc:
        if is_unreachable(exc):
            raise
        return DetailsLists(offered, professionals, None, exc.message)


def find_time_lists(services: Services) -> FindTimeLists:
    """Read what Find a time offers (raises `SchedulerError`)."""
    directory = services.directory
    return FindTimeLists(directory.organization(), directory.services(), directory.professionals())


def loading() -> str:
    return translate("DialogLists", "Loading…")


def unreachable_words() -> str:
    return translate(
        "DialogLists",
        "The server cannot be reached: the lists fill in when it answers again.",
    )


def start_on_pool(job: QRunnable) -> None:
    QThreadPool.globalInstance().start(job)


#: How a read is started: on the thread pool. (The window's tests that look at a
#: dialog right after opening it replace it to read in place; those about reading
#: off the GUI thread keep it.)
start_read = start_on_pool


class ListsReader(QObject):
    #: The lists, read.
    read = Signal(object)
    #: They could not be read: the words to show, and whether the server cannot be
    #: reached (they are asked for again after `RETRY_MS`).
    failed = Signal(str, bool)
    _answer = Signal(object)  # the lists or the error, from the worker

    def __init__(self, question: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._question = question
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.start)
        self._answer.connect(self._answered)

    def start(self) -> None:
        """Read the lists on the worker; `read` or `failed` tells the answer."""
        start_read(_Read(self, self._question))

    def _answered(self, outcome: object) -> None:
        if isinstance(outcome, SchedulerError):
            cut = is_unreachable(outcome)
            if cut:
                self._retry.start()
            self.failed.emit(unreachable_words() if cut else outcome.message, cut)
        elif isinstance(outcome, BaseException):
            raise outcome  # a bug: to the crash dialog
        else:
            self.read.emit(outcome)


class _Read(QRunnable):
    def __init__(self, reader: ListsReader, question: Callable[[], object]) -> None:
        super().__init__()
        self._reader, self._question = reader, question

    def run(self) -> None:
        outcome: object
        try:
            outcome = self._question()
        except Exception as exc:  # handed to the GUI thread: refusals said, bugs raised
            outcome = exc
        with contextlib.suppress(RuntimeError):  # the dialog closed meanwhile
            self._reader._answer.emit(outcome)
