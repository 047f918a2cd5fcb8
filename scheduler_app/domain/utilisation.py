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
from itertools import accumulate, pairwise
from operator import le, sub

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
    spans turned round (``professionals``: id -> the instant they leave, or None).

    The off spans are asked once per group of professionals with the same own hours
    (`Roster.alike`), then each one's time off and leaving are added: a year for 400
    professionals is then a few hundred days worked out, not 146,000."""
    clinic_wide = [o for o in time_off if o.professional is None]
    own: dict[int, list[Span]] = {}
    for o in time_off:
        if o.professional is not None and o.start < hi and lo < o.end:
            own.setdefault(o.professional, []).append((o.start, o.end))
    out: dict[int, list[Span]] = {}
    for group in duty.roster.alike(professionals):
        shared = duty.all_spans(group[:1], lo, hi, clinic_wide)[group[0]]
        free = gaps(shared, lo, hi)
        for p in group:
            until = professionals[p]
            extra = [*own.get(p, ()), *([(until, max(hi, until))] if until is not None else [])]
            out[p] = gaps(merged([*shared, *extra]), lo, hi) if extra else free
    return out


def open_time(
    duty: OffDuty, lo: int, hi: int, time_off: Sequence[Off] = (), down: Sequence[Span] = ()
) -> list[Span]:
    """When the clinic is open within ``[lo, hi)`` (opening hours, holidays and
    closures), less ``down`` (a resource's maintenance and the time outside its own
    hours)."""
    off = [(o.start, o.end) for o in duty.reasons(None, lo, hi, time_off)]
    return gaps(merged([*off, *down]), lo, hi)


def levels(spans: Iterable[Span], places: int) -> dict[int, list[Span]]:
    """Where ``spans`` hold ``n`` of ``places`` at once (at most ``places``): ``n`` ->
    sorted spans, for each ``n`` > 0 that occurs."""
    events: list[tuple[int, int]] = []
    for start, end in spans:
        if start < end:
            events += [(start, 1), (end, -1)]
    events.sort()
    out: dict[int, list[Span]] = {}
    count, at = 0, 0
    for moment, step in events:
        if moment > at and count:
            held = out.setdefault(min(count, places), [])
            if held and held[-1][1] == at:
                held[-1] = (held[-1][0], moment)
            else:
                held.append((at, moment))
        count += step
        at = moment
    return out


def _union(starts: list[int], ends: list[int]) -> tuple[list[int], list[int]]:
    """The union of the spans ``starts[k]``-``ends[k]``, sorted by start."""
    out_starts: list[int] = []
    out_ends: list[int] = []
    for start, end in zip(starts, ends, strict=True):
        if out_ends and start <= out_ends[-1]:
            if end > out_ends[-1]:
                out_ends[-1] = end
        else:
            out_starts.append(start)
            out_ends.append(end)
    return out_starts, out_ends


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


def _measured(
    starts: list[int], ends: list[int], available: Sequence[Span], bounds: Sequence[int]
) -> tuple[list[int], list[int]]:
    """Seconds of the spans ``starts[k]``-``ends[k]`` (sorted, not overlapping) in each
    period of ``bounds``, and of those inside ``available`` (sorted, merged, within
    the bounds).

    Through the running total of booked seconds: ``before(t)``, one binary search;
    a period or a stretch of available time is the difference at its two ends. The
    work per span is done by builtins (a year holds a million spans), the Python
    loop runs over periods and stretches only."""
    prefix: list[int] = [0, *accumulate(map(sub, ends, starts))]

    def before(moment: int) -> int:
        k = bisect.bisect_right(starts, moment) - 1
        if k < 0:
            return 0
        end = ends[k]
        return prefix[k] + (moment if moment < end else end) - starts[k]

    marks = [before(b) for b in bounds]
    booked = [b - a for a, b in pairwise(marks)]
    inside = [0] * len(booked)
    p = 0
    for start, end in available:
        while start < end:
            while bounds[p + 1] <= start:
                p += 1
            stop = end if end < bounds[p + 1] else bounds[p + 1]
            inside[p] += before(stop) - before(start)
            start = stop
    return booked, inside


def use(
    bounds: Sequence[int],
    available: Sequence[Span],
    starts: list[int],
    ends: list[int],
    places: int = 1,
    *,
    known: dict[int, list[int]] | None = None,
) -> list[Use]:
    """Per period of ``bounds``: seconds available (times ``places``), and seconds
    held by the spans ``starts[k]``-``ends[k]`` (sorted by start) inside and outside
    ``available`` (sorted, merged, within the bounds). ``known``: the available
    seconds per period already worked out, by the id of the ``available`` list
    (professionals of a group share theirs)."""
    count = len(bounds) - 1
    booked_in, booked_out = [0] * count, [0] * count
    pieces: dict[int, tuple[list[int], list[int]]]
    if places == 1:
        if not all(map(le, ends[:-1], starts[1:])):  # overlapping: counted once
            starts, ends = _union(starts, ends)
        pieces = {1: (starts, ends)}
    else:
        pieces = {
            weight: ([s for s, _e in spans], [e for _s, e in spans])
            for weight, spans in levels(zip(starts, ends, strict=True), places).items()
        }
    for weight, (held_starts, held_ends) in pieces.items():
        booked, inside = _measured(held_starts, held_ends, available, bounds)
        for n in range(count):
            booked_in[n] += weight * inside[n]
            booked_out[n] += weight * (booked[n] - inside[n])
    free = None if known is None else known.get(id(available))
    if free is None:
        free = _per_period(((s, e, places) for s, e in available), bounds)
        if known is not None:
            known[id(available)] = free
    return [Use(*u) for u in zip(free, booked_in, booked_out, strict=True)]
