"""What the waitlist takes and gives (frozen dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time


@dataclass(frozen=True, slots=True)
class WaitlistRequest:
    """A client waiting for a service (with a professional, or anyone) on a day from
    ``first_day`` to ``last_day``, between ``earliest`` and ``latest`` (local)."""

    client_id: int
    service_id: int
    first_day: date
    last_day: date
    earliest: time = time(0)
    latest: time = time(23, 59)
    professional_id: int | None = None


@dataclass(frozen=True, slots=True)
class WaitlistEntryView:
    id: int
    client_id: int
    client_name: str
    service_id: int
    service_name: str
    professional_id: int | None
    professional_name: str | None
    first_day: date
    last_day: date
    earliest: time
    latest: time
    #: "waiting", "booked", "held" (a freed time is theirs until ``held_until``) or
    #: "expired" (waiting past the end of its range).
    status: str
    appointment_id: int | None
    added_at: datetime
    held_until: datetime | None = None


@dataclass(frozen=True, slots=True)
class WaitlistMatch:
    """A waiting entry that booking at ``start`` with ``professional_id`` would accept."""

    entry: WaitlistEntryView
    start: datetime
    end: datetime
    professional_id: int | None


@dataclass(frozen=True, slots=True)
class FreedSlot:
    """A time that freed up, and who waits for it (first come first)."""

    start: datetime
    end: datetime
    professional_id: int | None
    professional_name: str | None
    matches: tuple[WaitlistMatch, ...]
