"""When each professional can take appointments: the roster, turned into time off.

The roster holds the clinic's opening hours, its public holidays (those it opens
on left out), each professional's weekly plan (ranges per weekday, on every week
or on A/B weeks, valid from/until a date) and dated days that replace the plan.
A professional without a plan works whenever the clinic is open.

Plans are wall-clock times in the clinic's zone: a plan from 08:00 starts at
08:00 on both sides of a DST change. `off_spans` gives, for a window of epoch
seconds, the spans in which a professional takes no appointments, each with its
reason, merged with their time off (absences, blackouts, clinic closures): what
`domain.capacity` needs.
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from scheduler_app.domain.capacity import Span
from scheduler_app.domain.spans import merged

#: Weeks counted from Monday 5 January 1970: even ones are A weeks, odd ones B weeks.
_FIRST_MONDAY = date(1970, 1, 5)


def week_parity(day: date) -> int:
    """0 for an A week, 1 for a B week."""
    return ((day - _FIRST_MONDAY).days // 7) % 2


class Why(StrEnum):
    """Why nobody, or a professional, takes appointments at some time."""

    CLINIC_CLOSED = "clinic closed"  # outside opening hours
    HOLIDAY = "holiday"
    NOT_WORKING = "not working"  # outside the professional's plan
    TIME_OFF = "time off"  # an absence, blackout or closure (see the reason)


class TimeOffKind(StrEnum):
    """What kind of time off: a professional's absence or blackout, a clinic closure,
    or a room's or machine's maintenance."""

    VACATION = "vacation"
    SICK = "sick"
    TRAINING = "training"
    ABSENCE = "absence"
    BLACKOUT = "blackout"
    CLOSURE = "closure"
    MAINTENANCE = "maintenance"
    #: Busy in the professional's own calendar (read from it by a calendar sync).
    CALENDAR = "calendar"


#: How busy time read from a professional's own calendar is told (its detail).
CALENDAR_BUSY = "busy in their calendar"


class TemplateKind(StrEnum):
    """How a schedule template repeats."""

    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    YEARLY = "yearly"
    CUSTOM = "custom"


@dataclass(frozen=True, slots=True)
class Off:
    """A span (epoch seconds) in which someone takes no appointments, and why."""

    start: int
    end: int
    why: Why
    #: The holiday's name or the time off's kind and reason.
    detail: str = ""
    professional: int | None = None  # None: the whole clinic


@dataclass(frozen=True, slots=True)
class WeeklyRange:
    weekday: int
    starts: time
    ends: time
    week_parity: int | None = None
    valid_from: date | None = None
    valid_until: date | None = None

    def applies(self, day: date) -> bool:
        if day.weekday() != self.weekday:
            return False
        if self.valid_from is not None and day < self.valid_from:
            return False
        if self.valid_until is not None and day > self.valid_until:
            return False
        return self.week_parity is None or self.week_parity == week_parity(day)


@dataclass(frozen=True)
class Roster:
    """The clinic's working time, as stored (wall-clock times in ``tz``)."""

    tz: ZoneInfo
    #: Opening hours per weekday (0 Monday); a weekday missing is closed. A range
    #: from 00:00 to 00:00 is the whole day.
    opening: Mapping[int, Sequence[tuple[time, time]]]
    #: Public holidays the clinic is closed on: date -> name.
    holidays: Mapping[date, str] = field(default_factory=dict)
    #: Weekly plans per professional (none: works whenever the clinic is open).
    plans: Mapping[int, Sequence[WeeklyRange]] = field(default_factory=dict)
    #: Days that replace a professional's plan: (professional, date) -> hours.
    days: Mapping[tuple[int, date], Sequence[tuple[time, time]]] = field(default_factory=dict)

    def clinic_hours(self, day: date) -> list[tuple[time, time]]:
        if day in self.holidays:
            return []
        return list(self.opening.get(day.weekday(), ()))

    def working_hours(self, professional: int, day: date) -> list[tuple[time, time]] | None:
        """The professional's own hours on ``day`` (None: no plan, the clinic's apply)."""
        if (professional, day) in self.days:
            return list(self.days[(professional, day)])
        plan = self.plans.get(professional)
        if not plan:
            return None
        return [(r.starts, r.ends) for r in plan if r.applies(day)]

    def alike(self, professionals: Iterable[int]) -> list[list[int]]:
        """``professionals`` grouped by their own hours (weekly plan and dated days):
        those of a group take appointments at the same times but for their time off."""
        dated: dict[int, list[tuple[date, tuple[tuple[time, time], ...]]]] = {}
        for (p, day), hours in self.days.items():
            dated.setdefault(p, []).append((day, tuple(hours)))
        groups: dict[Hashable, list[int]] = {}
        for p in professionals:
            key = (tuple(self.plans.get(p, ())), tuple(sorted(dated.get(p, ()))))
            groups.setdefault(key, []).append(p)
        return list(groups.values())


def _instant(day: date, clock: time, tz: ZoneInfo) -> int:
    """Epoch seconds of wall time ``clock`` on ``day`` (24:00 as 00:00 the day after);
    a time skipped by the clocks is taken as the moment they jump."""
    wall = datetime.combine(day, clock, tzinfo=tz)
    utc = wall.astimezone(UTC)
    back = utc.astimezone(tz).replace(tzinfo=None)
    if back == wall.replace(tzinfo=None):
        return int(utc.timestamp())
    # In the spring gap: read with the offset after the jump it falls before it,
    # with the offset before, after it; the jump lies between (to the second).
    before = int(wall.replace(fold=1).astimezone(UTC).timestamp())
    after = int(utc.timestamp())
    offset = datetime.fromtimestamp(before, tz).utcoffset()
    while after - before > 1:
        middle = (before + after) // 2
        if datetime.fromtimestamp(middle, tz).utcoffset() == offset:
            before = middle
        else:
            after = middle
    return after


def _ranges_on(day: date, hours: Iterable[tuple[time, time]], tz: ZoneInfo) -> list[Span]:
    out = []
    for starts, ends in hours:
        start = _instant(day, starts, tz)
        end_day = day + timedelta(days=1) if ends <= starts else day
        end = _instant(end_day, ends, tz)
        if start < end:
            out.append((start, end))
    return merged(out)


def _intersect(a: Sequence[Span], b: Sequence[Span]) -> list[Span]:
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if start < end:
            out.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def _gaps(on: Sequence[Span], lo: int, hi: int) -> list[Span]:
    out, cursor = [], lo
    for start, end in on:
        if start > cursor:
            out.append((cursor, min(start, hi)))
        cursor = max(cursor, end)
        if cursor >= hi:
            break
    if cursor < hi:
        out.append((cursor, hi))
    return [(s, e) for s, e in out if s < e]


def outside_hours(
    week: Mapping[int, Sequence[tuple[time, time]]], lo: int, hi: int, tz: ZoneInfo
) -> list[Span]:
    """The spans of ``[lo, hi)`` outside the weekly ``week`` (weekday -> ranges of
    wall-clock time, Monday = 0; a range that ends at or before it starts runs past
    midnight), sorted and merged."""
    on = merged(
        span
        for day in _local_days(lo, hi, tz)
        for span in _ranges_on(day, week.get(day.weekday(), ()), tz)
    )
    return _gaps(on, lo, hi)


def _local_days(lo: int, hi: int, tz: ZoneInfo) -> list[date]:
    first = datetime.fromtimestamp(lo, UTC).astimezone(tz).date() - timedelta(days=1)
    last = datetime.fromtimestamp(hi, UTC).astimezone(tz).date()
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


class OffDuty:
    """Time off per professional for windows of epoch seconds, from a `Roster` (the
    plan-based part of each day is computed once and kept)."""

    def __init__(self, roster: Roster) -> None:
        self.roster = roster
        self._days: dict[tuple[int | None, date], list[Off]] = {}

    def _day(self, professional: int | None, day: date) -> list[Off]:
        """Why ``professional`` (None: the clinic) takes nobody, over local ``day``."""
        key = (professional, day)
        found = self._days.get(key)
        if found is not None:
            return found
        roster, tz = self.roster, self.roster.tz
        if professional is not None and roster.working_hours(professional, day) is None:
            found = self._days[key] = self._day(None, day)  # the clinic's hours apply
            return found
        lo, hi = _instant(day, time(0), tz), _instant(day + timedelta(days=1), time(0), tz)
        clinic = _ranges_on(day, roster.clinic_hours(day), tz)
        if day in roster.holidays:
            off = [Off(lo, hi, Why.HOLIDAY, roster.holidays[day])]
        else:
            off = [Off(s, e, Why.CLINIC_CLOSED) for s, e in _gaps(clinic, lo, hi)]
        own = None if professional is None else roster.working_hours(professional, day)
        if own is not None and day not in roster.holidays:
            works = _intersect(clinic, _ranges_on(day, own, tz))
            closed = _gaps(clinic, lo, hi)
            for start, end in _gaps(works, lo, hi):
                for part in _gaps(_intersect(closed, [(start, end)]), start, end):
                    off.append(Off(part[0], part[1], Why.NOT_WORKING, professional=professional))
        off.sort(key=lambda o: o.start)
        self._days[key] = off
        return off

    def reasons(
        self, professional: int | None, lo: int, hi: int, time_off: Iterable[Off] = ()
    ) -> list[Off]:
        """Every reason ``professional`` takes no appointments within ``[lo, hi)``,
        by start (they may overlap: a holiday during an absence)."""
        out = []
        for day in _local_days(lo, hi, self.roster.tz):
            out += [o for o in self._day(professional, day) if o.start < hi and lo < o.end]
        out += [
            o
            for o in time_off
            if o.start < hi and lo < o.end and o.professional in (None, professional)
        ]
        return sorted(out, key=lambda o: (o.start, o.end))

    def spans(
        self, professional: int, lo: int, hi: int, time_off: Iterable[Off] = ()
    ) -> tuple[Span, ...]:
        """The merged spans in which ``professional`` takes no appointments (within
        ``[lo, hi)``, extended to whole days)."""
        return tuple(merged((o.start, o.end) for o in self.reasons(professional, lo, hi, time_off)))

    def all_spans(
        self, professionals: Iterable[int], lo: int, hi: int, time_off: Sequence[Off] = ()
    ) -> dict[int, tuple[Span, ...]]:
        """`spans` for each of ``professionals`` at once: the local days and the time
        off within the window are worked out once, not once per professional (a
        decision asks for every active professional)."""
        days = _local_days(lo, hi, self.roster.tz)
        near = [o for o in time_off if o.start < hi and lo < o.end]
        clinic_wide = [(o.start, o.end) for o in near if o.professional is None]
        own: dict[int, list[Span]] = {}
        for o in near:
            if o.professional is not None:
                own.setdefault(o.professional, []).append((o.start, o.end))
        out = {}
        for p in professionals:
            spans = [*clinic_wide, *own.get(p, ())]
            for day in days:
                spans += [
                    (o.start, o.end) for o in self._day(p, day) if o.start < hi and lo < o.end
                ]
            out[p] = tuple(merged(spans))
        return out


def why_off(reasons: Sequence[Off], at: int) -> Off | None:
    """The reason in force at ``at`` (time off first: it is what a desk can act on)."""
    starts = [o.start for o in reasons]
    found = [o for o in reasons[: bisect.bisect_right(starts, at)] if o.start <= at < o.end]
    order = {Why.TIME_OFF: 0, Why.HOLIDAY: 1, Why.NOT_WORKING: 2, Why.CLINIC_CLOSED: 3}
    return min(found, key=lambda o: order[o.why]) if found else None
