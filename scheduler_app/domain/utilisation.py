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
    closures), less ``down`` (a resource's maintenance)."""
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


def union(spans: Iterable[Span]) -> list[Span]:
    """The union of ``spans`` given by start (as read: no sort)."""
    out: list[Span] = []
    last = None
    for start, end in spans:
        if last is not None and start <= last[1]:
            if end > last[1]:
                last = out[-1] = (last[0], end)
        else:
            last = (start, end)
            out.append(last)
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


def _booked(
    spans: Sequence[Span], available: Sequence[Span], bounds: Sequence[int]
) -> tuple[list[int], list[int]]:
    """Seconds of ``spans`` (sorted, not overlapping) inside and outside ``available``
    (sorted, merged), per period of ``bounds``: one pass, the pointers into
    ``available`` and ``bounds`` only moving forward (a year holds a million spans:
    written for speed)."""
    count = len(bounds) - 1
    inside, outside = [0] * count, [0] * count
    lo, hi, many = bounds[0], bounds[-1], len(available)
    opens = [a for a, _b in available]
    closes = [b for _a, b in available]
    j = i = 0
    opened, closed = (opens[0], closes[0]) if many else (hi, hi)
    edge = bounds[1]
    for start, end in spans:
        if start < lo:
            start = lo
        if end > hi:
            end = hi
        if start >= end:
            continue
        if closed <= start:
            while j < many and closes[j] <= start:
                j += 1
            opened, closed = (opens[j], closes[j]) if j < many else (hi, hi)
        if edge <= start:
            while bounds[i + 1] <= start:
                i += 1
            edge = bounds[i + 1]
        if opened <= start and end <= closed and end <= edge:
            inside[i] += end - start  # the usual case: within one stretch and period
            continue
        cursor, k, p = start, j, i
        while cursor < end:
            while bounds[p + 1] <= cursor:
                p += 1
            while k < many and closes[k] <= cursor:
                k += 1
            stop = min(end, bounds[p + 1])
            if k < many and opens[k] <= cursor:
                stop = min(stop, closes[k])
                inside[p] += stop - cursor
            else:
                if k < many:
                    stop = min(stop, opens[k])
                outside[p] += stop - cursor
            cursor = stop
    return inside, outside


def use(
    bounds: Sequence[int],
    available: Sequence[Span],
    spans: Sequence[Span],
    places: int = 1,
    *,
    known: dict[int, list[int]] | None = None,
) -> list[Use]:
    """Per period of ``bounds``: seconds available (times ``places``), and seconds
    held by ``spans`` (by start) inside and outside ``available`` (sorted, merged).
    ``known``: the available seconds per period already worked out, by the id of
    the ``available`` list (professionals of a group share theirs)."""
    count = len(bounds) - 1
    booked_in, booked_out = [0] * count, [0] * count
    held = {1: union(spans)} if places == 1 else levels(spans, places)
    for weight, pieces in held.items():
        inside, outside = _booked(pieces, available, bounds)
        for n in range(count):
            booked_in[n] += weight * inside[n]
            booked_out[n] += weight * outside[n]
    free = None if known is None else known.get(id(available))
    if free is None:
        free = _per_period(((s, e, places) for s, e in available), bounds)
        if known is not None:
            known[id(available)] = free
    return [Use(*u) for u in zip(free, booked_in, booked_out, strict=True)]
