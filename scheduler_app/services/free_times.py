"""Find a time: the next times, on the clinic's slot grid, where a booking would be
accepted — decided by the same exact engine as the booking itself.

Day by day (earliest first), one read brings the day's appointments, the active
professionals and their time off; each slot is then tried for each professional
asked for: a quick look at their own bookings and time off first, the full
decision (R0, R1, R2) only where that passes. The booking itself is decided again
when the desk books the time chosen.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Connection

from scheduler_app.db import directory as directory_rows
from scheduler_app.domain.capacity import Demand, Proposal, Span, decide
from scheduler_app.domain.limits import real_end
from scheduler_app.domain.localtime import LocalTimeError, localize
from scheduler_app.errors import ValidationError
from scheduler_app.services import availability, unit_of_work
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.guard import guarded
from scheduler_app.services.permissions import readers

#: Days looked at, at most, in one search.
MAX_DAYS = 92


@dataclass(frozen=True, slots=True)
class FreeTimeRequest:
    """What the desk looks for. No professionals: anyone."""

    minutes: int
    first_day: date
    last_day: date
    professional_ids: tuple[int, ...] = ()
    earliest: time = time(0)
    latest: time = time(23, 59)
    #: Weekdays wanted (0 Monday); empty: any.
    weekdays: tuple[int, ...] = ()
    #: "earliest": by time; "least loaded": each time with whoever has the fewest
    #: booked minutes that day.
    order: str = "earliest"
    limit: int = 10


@dataclass(frozen=True, slots=True)
class FreeTime:
    start: datetime
    end: datetime
    professional_id: int
    professional_name: str


@guarded
class FreeTimeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @readers
    def find(self, request: FreeTimeRequest) -> list[FreeTime]:
        """The next free times for ``request``, earliest first (one per time)."""
        if not 1 <= request.minutes <= 720:
            raise ValidationError("A length from 1 minute to 12 hours, please.")
        if request.last_day < request.first_day:
            raise ValidationError("The last day comes before the first.")
        if (request.last_day - request.first_day).days >= MAX_DAYS:
            raise ValidationError(f"Look at most {MAX_DAYS} days at a time.")
        if request.order not in ("earliest", "least loaded"):
            raise ValidationError("Order by earliest or least loaded.")
        return unit_of_work.read_connection(self.ctx, lambda conn: self._find(conn, request))

    def _find(self, conn: Connection, request: FreeTimeRequest) -> list[FreeTime]:
        ctx = self.ctx
        step = timedelta(minutes=directory_rows.slot_minutes(conn, ctx.organization_id))
        length = timedelta(minutes=request.minutes)
        now = ctx.now()
        found: list[FreeTime] = []
        day = request.first_day
        while day <= request.last_day and len(found) < request.limit:
            if not request.weekdays or day.weekday() in request.weekdays:
                wanted = request.limit - len(found)
                found += self._day(conn, request, day, step, length, now, wanted)
            day += timedelta(days=1)
        return found

    def _day(
        self,
        conn: Connection,
        request: FreeTimeRequest,
        day: date,
        step: timedelta,
        length: timedelta,
        now: datetime,
        wanted: int,
    ) -> list[FreeTime]:
        ctx, tz = self.ctx, self.ctx.timezone
        first = localize(day, time(0), tz)
        start_of_day, end_of_day = (
            int(first.timestamp()),
            int(localize(day + timedelta(days=1), time(0), tz).timestamp()),
        )
        world = availability.gather(
            conn,
            ctx,
            Proposal((Demand(availability.NEW_KEY, start_of_day, end_of_day + 12 * 3600),)),
        )
        names = directory_rows.professional_names(conn, ctx.organization_id, world.off)
        candidates = [p for p in (request.professional_ids or sorted(world.off)) if p in world.off]
        busy = _busy(world.others)
        load = {p: sum(e - s for s, e in busy.get(p, [])) for p in candidates}
        if request.order == "least loaded":
            candidates.sort(key=lambda p: (load[p], p))
        out: list[FreeTime] = []
        minute = 0
        while minute < 24 * 60 and len(out) < wanted:
            clock = time(minute // 60, minute % 60)
            minute += int(step.total_seconds() // 60)
            if not request.earliest <= clock <= request.latest:
                continue
            try:
                start = localize(day, clock, tz)
            except LocalTimeError:
                continue  # skipped by the clocks
            if start <= now:
                continue
            end = real_end(start, length)
            lo, hi = int(start.timestamp()), int(end.timestamp())
            for professional in candidates:
                if _overlaps(world.off[professional], lo, hi):
                    continue
                if _overlaps(busy.get(professional, []), lo, hi):
                    continue
                candidate = Demand(availability.NEW_KEY, lo, hi, professional)
                if decide(Proposal((candidate,)), world.others, world.off) is None:
                    out.append(FreeTime(start, end, professional, names.get(professional, "")))
                    break
        return out


def _busy(demands: list[Demand]) -> dict[int, list[Span]]:
    out: dict[int, list[Span]] = defaultdict(list)
    for d in demands:
        if d.professional is not None:
            out[d.professional].append((d.start, d.end))
    return {p: sorted(spans) for p, spans in out.items()}


def _overlaps(spans: list[Span] | tuple[Span, ...], lo: int, hi: int) -> bool:
    """Whether any of the sorted, not overlapping ``spans`` overlaps ``[lo, hi)``."""
    i = bisect.bisect_left(spans, (hi,))
    return i > 0 and spans[i - 1][1] > lo
