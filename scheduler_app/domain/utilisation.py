"""Utilisation: booked time inside working time, cut at a report's periods.

Working time comes from `working_time.OffDuty` (the roster the booking engine
decides with): a professional works where none of its off spans lie; a room is
available while the clinic is open and it is not in maintenance. This module only
measures: how many seconds of each period are available, and how many of them are
booked, inside and outside the available time.

A professional's booked time is the union of their appointments (two that overlap,
as a no-show and the walk-in booked over it, count once). A resource of capacity
``c`` is measured in places: at each instant ``min(holds, c)`` of its ``c`` places
are held, and it offers ``c`` places while available (capacity 1: the union).

Times are epoch seconds; spans half-open ``[start, end)``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from scheduler_app.domain.spans import Span, merged
from scheduler_app.domain.working_time import Off, OffDuty


@dataclass(frozen=True, slots=True)
class Use:
    """Seconds of one period: available (working) time, and time booked inside and
    outside it (each times the places, for a resource of capacity > 1)."""

    working: int = 0
    inside: int = 0
    outside: int = 0

    def __add__(self, other: Use) -> Use:
        return Use(
            self.working + other.working, self.inside + other.inside, self.outside + other.outside
        )

    @property
    def rate(self) -> float | None:
        """Booked inside / working (None when nothing was available)."""
        return self.inside / self.working if self.working else None


def gaps(off: Sequence[Span], lo: int, hi: int) -> list[Span]:
    """``[lo, hi)`` without the sorted, merged spans ``off``."""
    out, cursor = [], lo
    for start, end in off:
        if end <= cursor:
            continue
        if start >= hi:
            break
        if start > cursor:
            out.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < hi:
        out.append((cursor, hi))
    return out


def working(
    duty: OffDuty,
    professionals: Mapping[int, int | None],
    lo: int,
    hi: int,
    time_off: Sequence[Off] = (),
) -> dict[int, list[Span]]:
    """When each of ``professionals`` works within ``[lo, hi)``: the engine's off
    spans turned round (``professionals``: id -> the instant they leave, or None)."""
    off = duty.all_spans(professionals, lo, hi, time_off)
    out = {}
    for professional, until in professionals.items():
        spans = off[professional]
        if until is not None:
            spans = tuple(merged([*spans, (until, max(hi, until))]))
        out[professional] = gaps(spans, lo, hi)
    return out


def open_time(
    duty: OffDuty, lo: int, hi: int, time_off: Sequence[Off] = (), down: Sequence[Span] = ()
) -> list[Span]:
    """When the clinic is open within ``[lo, hi)`` (opening hours, holidays and
    closures), less ``down`` (a resource's maintenance)."""
    off = [(o.start, o.end) for o in duty.reasons(None, lo, hi, time_off)]
    return gaps(merged([*off, *down]), lo, hi)


def levels(spans: Iterable[Span], places: int = 1) -> list[tuple[int, int, int]]:
    """``(start, end, held)``: how many of ``places`` the ``spans`` hold at once
    (at most ``places``), where it is more than none, in order."""
    if places == 1:
        return [(s, e, 1) for s, e in merged(spans)]
    events: list[tuple[int, int]] = []
    for start, end in spans:
        if start < end:
            events += [(start, 1), (end, -1)]
    events.sort()
    out: list[tuple[int, int, int]] = []
    count, at = 0, 0
    for moment, step in events:
        if moment > at and count:
            held = min(count, places)
            if out and out[-1][1] == at and out[-1][2] == held:
                out[-1] = (out[-1][0], moment, held)
            else:
                out.append((at, moment, held))
        count += step
        at = moment
    return out


def _per_period(pieces: Iterable[tuple[int, int, int]], bounds: Sequence[int]) -> list[int]:
    """Seconds (times the weight) of ``pieces`` in each period ``[bounds[i], bounds[i+1])``."""
    out = [0] * (len(bounds) - 1)
    last = len(bounds) - 1
    for start, end, weight in pieces:
        start, end = max(start, bounds[0]), min(end, bounds[-1])
        i = bisect.bisect_right(bounds, start) - 1
        while start < end and i < last:
            stop = min(end, bounds[i + 1])
            out[i] += (stop - start) * weight
            start, i = stop, i + 1
    return out


def _split(
    held: Sequence[tuple[int, int, int]], available: Sequence[Span]
) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    """``held`` cut into what lies inside ``available`` (sorted, merged) and outside."""
    inside: list[tuple[int, int, int]] = []
    outside: list[tuple[int, int, int]] = []
    j = 0
    for start, end, weight in held:
        while j < len(available) and available[j][1] <= start:
            j += 1
        cursor, k = start, j
        while cursor < end:
            if k < len(available) and available[k][0] < end:
                a_start, a_end = available[k]
                if a_start > cursor:
                    outside.append((cursor, a_start, weight))
                    cursor = a_start
                stop = min(end, a_end)
                if stop > cursor:
                    inside.append((cursor, stop, weight))
                    cursor = stop
                k += 1
            else:
                outside.append((cursor, end, weight))
                cursor = end
    return inside, outside


def use(
    bounds: Sequence[int], available: Sequence[Span], spans: Iterable[Span], places: int = 1
) -> list[Use]:
    """Per period of ``bounds``: seconds available (times ``places``), and seconds
    held by ``spans`` inside and outside ``available`` (sorted, merged spans)."""
    held = levels(spans, places)
    inside, outside = _split(held, available)
    free = _per_period(((s, e, places) for s, e in available), bounds)
    booked_in, booked_out = _per_period(inside, bounds), _per_period(outside, bounds)
    return [Use(*u) for u in zip(free, booked_in, booked_out, strict=True)]
