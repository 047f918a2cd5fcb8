"""What the desk sends and gets back for repeating appointments (frozen dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from scheduler_app.errors import ConflictError


@dataclass(frozen=True, slots=True)
class SeriesRequest:
    """A series to book: an RFC 5545 ``rule`` (see `domain.recurrence.rule_text`) from
    ``first_start`` (aware; its wall-clock time is every occurrence's), each lasting
    ``minutes`` (None: the service's length, else the clinic's default). Every date
    has the details given (``estimated_cost`` None: the service's price) and is
    booked confirmed when ``confirmed`` and it has a professional."""

    rule: str
    first_start: datetime
    client_id: int | None = None
    professional_id: int | None = None
    service_id: int | None = None
    minutes: int | None = None
    title: str = ""
    description: str = ""
    location: str = ""
    estimated_cost: Decimal | None = None
    confirmed: bool = False


@dataclass(frozen=True, slots=True)
class Alternative:
    """A free time offered instead of a refused occurrence (or chosen by the desk)."""

    start: datetime
    end: datetime
    professional_id: int | None
    professional_name: str = ""


@dataclass(frozen=True, slots=True)
class OccurrenceVerdict:
    """One occurrence as the booking check sees it: free, or refused with the reason
    (and the nearest free alternative found)."""

    index: int
    day: date
    #: None when its wall time does not exist that day (the clocks go forward).
    start: datetime | None
    end: datetime | None
    free: bool
    reason: str = ""
    alternative: Alternative | None = None


@dataclass(frozen=True, slots=True)
class SeriesReport:
    request: SeriesRequest
    minutes: int
    occurrences: tuple[OccurrenceVerdict, ...]

    @property
    def free(self) -> tuple[OccurrenceVerdict, ...]:
        return tuple(o for o in self.occurrences if o.free)

    @property
    def refused(self) -> tuple[OccurrenceVerdict, ...]:
        return tuple(o for o in self.occurrences if not o.free)


@dataclass(frozen=True, slots=True)
class ChosenAlternative:
    """The desk books ``alternative`` for the refused occurrence ``index``."""

    index: int
    alternative: Alternative


@dataclass(frozen=True, slots=True)
class SeriesBooked:
    series_id: int
    appointment_ids: tuple[int, ...]


class SeriesScope(StrEnum):
    """Which occurrences a change of a series reaches."""

    THIS = "this"
    FOLLOWING = "following"
    ALL = "all"


@dataclass(frozen=True, slots=True)
class SeriesInfo:
    """A series as the details dialog shows it."""

    id: int
    rule: str
    zone: str
    first_start: datetime
    length_minutes: int
    #: (appointment id, start, status value) of each of its appointments, by date.
    appointments: tuple[tuple[int, datetime, str], ...]


class SeriesChangedError(ConflictError):
    """The schedule changed since the report: nothing was booked; ``report`` is the
    report as it is now."""

    def __init__(self, message: str, report: SeriesReport) -> None:
        super().__init__(message)
        self.report = report
