"""What a calendar sync compares: the desk's own events and the calendar's busy time.

The desk's events carry the UIDs of `ics_files.uid` (``appointment-42.<clinic
id>@scheduler-app``): anything else on the calendar is the professional's own, read
as busy time and never changed. Repeating events are expanded within the window
(`recurring_ical_events`, which follows RRULE, RDATE, EXDATE and moved occurrences);
all-day events take whole days in the clinic's zone, floating times are the
clinic's wall clock; transparent ("free") and cancelled events are not busy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar, Event

from scheduler_app.services.ics_series import external_id

#: Properties that change whenever an event is written, not when it says something new.
_STAMPS = ("DTSTAMP", "LAST-MODIFIED", "CREATED", "SEQUENCE", "PRODID", "VERSION")


@dataclass(frozen=True, slots=True)
class Busy:
    """An occurrence of a calendar's own event: its UID (as time off keeps it) and times."""

    uid: str
    start: datetime
    end: datetime


def ours(clinic_id: str) -> re.Pattern[str]:
    """The UIDs of this clinic's appointments (group 1: the appointment's id)."""
    return re.compile(rf"appointment-(\d+)\.{re.escape(clinic_id)}@scheduler-app")


def fingerprint(event: Event) -> tuple[str, ...]:
    """What an event says, in an order and form any server keeps (two events with the
    same fingerprint need not be written again)."""
    lines = event.to_ical().decode("utf-8").replace("\r\n ", "").splitlines()
    kept = [line for line in lines if line.split(":", 1)[0].split(";", 1)[0] not in _STAMPS]
    return tuple(sorted(kept))


def first_event(calendar: Calendar) -> Event | None:
    """The main VEVENT of a calendar object (not a moved occurrence)."""
    events = [e for e in calendar.walk("VEVENT") if isinstance(e, Event)]
    for event in events:
        if event.get("recurrence-id") is None:
            return event
    return events[0] if events else None


def busy_times(calendar: Calendar, lo: datetime, hi: datetime, tz: ZoneInfo) -> list[Busy]:
    """The busy occurrences of ``calendar``'s events overlapping ``[lo, hi)``."""
    found = []
    for event in recurring_ical_events.of(calendar, skip_bad_series=True).between(lo, hi):
        if str(event.get("transp", "")).upper() == "TRANSPARENT":
            continue
        if str(event.get("status", "")).upper() == "CANCELLED":
            continue
        start = _moment(event.decoded("dtstart"), tz)
        end = _end(event, start, tz)
        if start is None or end is None or end <= start:
            continue
        if start < hi and lo < end:
            found.append(Busy(external_id(str(event.get("uid", ""))), start, end))
    return found


def _moment(value: Any, tz: ZoneInfo) -> datetime | None:
    if isinstance(value, datetime):
        if value.tzinfo is None:  # floating: the clinic's wall clock
            return _wall(value, tz)
        return value.astimezone(UTC)
    if isinstance(value, date):  # all day: from the clinic's midnight
        return _wall(datetime.combine(value, time(0)), tz)
    return None


def _wall(wall: datetime, tz: ZoneInfo) -> datetime:
    """A wall time in the clinic's zone (one in a DST gap as zoneinfo shifts it: busy
    time is never refused), in UTC."""
    return wall.replace(tzinfo=tz).astimezone(UTC)


def _end(event: Any, start: datetime | None, tz: ZoneInfo) -> datetime | None:
    if start is None:
        return None
    if event.get("dtend") is not None:
        return _moment(event.decoded("dtend"), tz)
    if event.get("duration") is not None:
        duration = event.decoded("duration")
        if isinstance(event.decoded("dtstart"), datetime):
            return start + duration if isinstance(duration, timedelta) else None
        day = event.decoded("dtstart") + duration
        return _moment(day, tz)
    if not isinstance(event.decoded("dtstart"), datetime):  # all day, one day
        return _moment(event.decoded("dtstart") + timedelta(days=1), tz)
    return None  # an instant: not busy
