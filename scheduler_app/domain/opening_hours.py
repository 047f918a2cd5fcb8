"""A clinic's opening hours: several ranges a day, each weekday its own.

Typed as the desk writes them ("09:00-13:00, 14:00-19:00", "9-13, 14-19",
"8h30-12h"; empty or "closed" for a closed day), checked (each range opens
before it closes, ranges of a day do not overlap) and written back one way.
Weekdays count from Monday = 0, as Python's ``date.weekday()``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import time

#: One range of a day: open from ``opens`` until ``closes`` (half-open).
Range = tuple[time, time]
#: Weekday (Monday = 0) -> its ranges, in order.
Week = Mapping[int, list[Range]]

_DASHES = "-\u2013\u2014"  # hyphen, en dash, em dash
_CLOSED = {"", "closed", "fechado", "encerrado", *_DASHES}
_TIME = r"(\d{1,2})(?:[:h.](\d{2}))?h?"
_RANGE = re.compile(rf"{_TIME}\s*(?:[{_DASHES}]|to|até|a)\s*{_TIME}")


@dataclass(frozen=True)
class HoursError(ValueError):
    """``part`` is not usable; ``kind`` says why: "unreadable", "no such time",
    "backwards" (closes before it opens) or "overlap" (with another range)."""

    kind: str
    part: str

    def __str__(self) -> str:
        return english_problem(self)


def english_problem(error: HoursError) -> str:
    part = error.part
    if error.kind == "no such time":
        return f"“{part}”: a time runs from 00:00 to 23:59."
    if error.kind == "backwards":
        return f"“{part}” closes before it opens."
    if error.kind == "overlap":
        return f"“{part}” overlaps another range of the same day."
    return f"“{part}” is not a range of hours: write e.g. 09:00-13:00, 14:00-19:00."


def _time(hours: str, minutes: str | None, part: str) -> time:
    h, m = int(hours), int(minutes or 0)
    if (h, m) == (24, 0):
        return MIDNIGHT  # closing at midnight
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise HoursError("no such time", part)
    return time(h, m)


def parse_day(text: str) -> list[Range]:
    """The ranges typed for one day, checked and in order ([] when closed)."""
    if text.strip().casefold() in _CLOSED:
        return []
    ranges = []
    for part in re.split(r"[,;]|\s+(?:and|e)\s+", text):
        part = part.strip()
        if not part:
            continue
        match = _RANGE.fullmatch(part.casefold())
        if match is None:
            raise HoursError("unreadable", part)
        opens = _time(match[1], match[2], part)
        closes = _time(match[3], match[4], part)
        if _minutes(closes, closing=True) <= _minutes(opens):
            raise HoursError("backwards", part)
        ranges.append((opens, closes))
    return check_day(ranges)


def check_day(ranges: Iterable[Range]) -> list[Range]:
    """``ranges`` in order, refused if one is backwards or two overlap."""
    ordered = sorted(ranges)
    for opens, closes in ordered:
        if _minutes(closes, closing=True) <= _minutes(opens):
            raise HoursError("backwards", format_range((opens, closes)))
    for (_o1, c1), later in itertools.pairwise(ordered):
        if _minutes(later[0]) < _minutes(c1, closing=True):
            raise HoursError("overlap", format_range(later))
    return ordered


#: Closing at 00:00 is closing at midnight, the end of the day.
MIDNIGHT = time(0)


def _minutes(moment: time, *, closing: bool = False) -> int:
    minutes = moment.hour * 60 + moment.minute
    return 24 * 60 if closing and minutes == 0 else minutes


def format_range(span: Range) -> str:
    return f"{span[0]:%H:%M}-{span[1]:%H:%M}"


def format_day(ranges: Iterable[Range]) -> str:
    """ "09:00-13:00, 14:00-19:00" ("" when closed)."""
    return ", ".join(format_range(r) for r in sorted(ranges))


def outer_span(week: Week) -> Range | None:
    """The earliest opening and the latest closing of the week (None: always closed)."""
    ranges = [r for day in week.values() for r in day]
    if not ranges:
        return None
    return min(o for o, _c in ranges), max(
        (c for _o, c in ranges), key=lambda c: _minutes(c, closing=True)
    )
