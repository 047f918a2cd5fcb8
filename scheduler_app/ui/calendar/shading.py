"""Where the calendar shades time nobody can book, and what it writes there (pure
code, no Qt).

The shaded pieces come from the period loaded with the appointments
(`WorkingTimeService.off_times`): outside a professional's plan (a break between
two working stretches says "Break"), their time off with its kind and reason,
public holidays and closures with their name. A column shows the clinic's
reasons and its own professional's; "Unassigned" shows only the clinic's.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from scheduler_app.domain.spans import merged
from scheduler_app.ui.calendar.placement import DAY_MINUTES, wall_minutes

CLOSED = "clinic closed"
HOLIDAY = "holiday"
NOT_WORKING = "not working"
TIME_OFF = "time off"
BREAK = "break"  # not working between two working stretches of the same day
UNAVAILABLE = "unavailable"  # a room or equipment outside its own hours

#: Reasons that name something (drawn over, and hiding, the plain ones).
NAMED = (HOLIDAY, TIME_OFF)


class OffTime(Protocol):
    """What the calendar needs of a time off (`services.working_time.OffView`)."""

    @property
    def start(self) -> datetime: ...
    @property
    def end(self) -> datetime: ...
    @property
    def why(self) -> str: ...
    @property
    def detail(self) -> str: ...
    @property
    def professional_id(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class Shade:
    """A shaded piece of a column: wall-clock minutes of the column's day."""

    column: int
    start: int
    end: int
    kind: str  # CLOSED, HOLIDAY, NOT_WORKING, BREAK or TIME_OFF
    text: str


#: The words for a shade: (kind, the reason's detail) -> text shown in it.
Words = Callable[[str, str], str]


def shades(
    off: Iterable[OffTime],
    columns: Sequence[tuple[int | None, date]],
    tz: ZoneInfo,
    words: Words,
) -> list[Shade]:
    """The shaded pieces of each (professional, day) column, named by ``words``."""
    days = sorted({day for _professional, day in columns})
    by_day: dict[tuple[int | None, date], list[OffTime]] = {}
    for o in off:  # each time off goes to the days shown that it touches
        first, last = o.start.astimezone(tz).date(), o.end.astimezone(tz).date()
        for day in days[bisect.bisect_left(days, first) : bisect.bisect_right(days, last)]:
            by_day.setdefault((o.professional_id, day), []).append(o)
    out: list[Shade] = []
    for index, (professional, day) in enumerate(columns):
        mine = by_day.get((None, day), [])
        if professional is not None:
            mine = [*mine, *by_day.get((professional, day), ())]
        out += _column(index, day, mine, tz, words)
    return out


def _column(
    index: int, day: date, off: Iterable[OffTime], tz: ZoneInfo, words: Words
) -> list[Shade]:
    pieces: list[tuple[int, int, str, str]] = []
    for o in off:
        start = max(0, wall_minutes(o.start, day, tz))
        end = min(DAY_MINUTES, wall_minutes(o.end, day, tz))
        if start < end:
            pieces.append((start, end, o.why, o.detail))
    named = [(s, e) for s, e, why, _d in pieces if why in NAMED]
    covered = merged((s, e) for s, e, _w, _d in pieces)
    out = []
    for start, end, why, detail in sorted(pieces, key=lambda p: (p[0], p[2] in NAMED)):
        if why not in NAMED and any(s <= start and end <= e for s, e in named):
            continue  # a holiday or time off says more about it
        kind = why
        if (
            why == NOT_WORKING
            and _uncovered(covered, 0, start)
            and _uncovered(covered, end, DAY_MINUTES)
        ):
            kind = BREAK
        whole_day = start == 0 and end == DAY_MINUTES
        inner = start > 0 and end < DAY_MINUTES
        text = words(kind, detail) if why != CLOSED or whole_day or inner else ""
        out.append(Shade(index, start, end, kind, text))
    return out


def _uncovered(covered: list[tuple[int, int]], lo: int, hi: int) -> bool:
    """Some time within ``[lo, hi)`` is not shaded."""
    cursor = lo
    for start, end in covered:
        if end <= cursor:
            continue
        if start > cursor:
            return cursor < hi
        cursor = end
        if cursor >= hi:
            return False
    return cursor < hi


def closed_days(
    off: Iterable[OffTime], days: Iterable[date], tz: ZoneInfo, words: Words
) -> dict[date, str]:
    """The days on which the whole clinic is closed, with what to write on them (a
    holiday's name, a closure's reason; nothing for a weekday it is closed on)."""
    clinic = [o for o in off if o.professional_id is None]
    out = {}
    for day in days:
        pieces = []
        for o in clinic:
            start = max(0, wall_minutes(o.start, day, tz))
            end = min(DAY_MINUTES, wall_minutes(o.end, day, tz))
            if start < end:
                pieces.append((start, end, o.why, o.detail))
        if merged((s, e) for s, e, _w, _d in pieces) != [(0, DAY_MINUTES)]:
            continue
        named = [(why, detail) for _s, _e, why, detail in pieces if why in NAMED]
        # A closed weekday goes without saying; a holiday or a closure is named.
        out[day] = words(*named[0]) if named else ""
    return out
