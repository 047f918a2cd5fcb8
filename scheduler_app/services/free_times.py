"""Find a time: the next times, on the clinic's slot grid, where a booking would be
accepted — decided by the same exact engine as the booking itself.

Day by day (earliest first), one read brings the day's appointments, the active
professionals and their time off. Each professional's free stretches (between
their time off and their own bookings) give the slots that could fit them; only
those slots are tried, with the full decision (R0, R1, R2) for each professional
asked for in turn, so closed days and full days cost a few comparisons. The
booking itself is decided again when the desk books the time chosen.

For chosen professionals, their own bookings over all the days asked for are read
first (one index-backed read): with their working time they show, without reading
the day, where nothing of theirs can fit (the day is skipped) or the few places
that could (each decided as its booking would be, on the appointments around it).

"Assign to" asks `FreeTimeService.who_can_take`: each professional decided the
same way, with the reason for those who cannot take the appointment.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from scheduler_app.db import appointments as appointment_rows
from scheduler_app.db import directory as directory_rows
from scheduler_app.db import schedule as schedule_rows
from scheduler_app.db import working_time as working_time_rows
from scheduler_app.domain.capacity import FOREVER, Demand, Proposal, Refusal, Span, decide
from scheduler_app.domain.limits import real_end
from scheduler_app.domain.localtime import LocalTimeError, localize
from scheduler_app.domain.rules import (
    MAX_BUFFER_MINUTES,
    Rule,
    RuleKind,
    RuleScope,
    horizon_refusal,
    in_force,
    limit_breach,
    limits_in_force,
    notice_refusal,
)
from scheduler_app.domain.spans import merged
from scheduler_app.domain.working_time import OffDuty, Why, why_off
from scheduler_app.errors import ValidationError
from scheduler_app.services import availability, placing, reading, room_fit
from scheduler_app.services.checks import check_times
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.guard import guarded
from scheduler_app.services.permissions import readers

#: Days looked at, at most, in one search.
MAX_DAYS = 92
#: For chosen professionals, a day with at most this many (slot, professional) that
#: could fit is decided slot by slot, each on the appointments around it, rather
#: than by reading the whole day.
ONE_BY_ONE = 24
#: How far an appointment's buffers may reach beyond it (seconds).
REACH = MAX_BUFFER_MINUTES * 60


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
    #: The service booked: its buffers and limits are met as its booking would meet them.
    service_id: int | None = None


@dataclass(frozen=True, slots=True)
class FreeTime:
    start: datetime
    end: datetime
    professional_id: int
    professional_name: str


@dataclass(frozen=True, slots=True)
class Assignee:
    """Whether a professional could take an appointment where it is, and if not why,
    as the engine decided it."""

    professional_id: int
    name: str
    #: None: they can take it. Otherwise: "busy" (their appointment ``start``-``end``
    #: with the client ``detail``), "not working" (``start``-``end``), "away" (time off
    #: ``start``-``end``, its reason ``detail``), "holiday" (its name ``detail``),
    #: "clinic closed", "needed" (the appointments without a professional need them
    #: then), or "other" (a booking rule among them: ``message`` names it).
    refusal: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    detail: str = ""
    #: The engine's whole refusal, as a booking would say it.
    message: str = ""


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
        return reading.read_connection(self.ctx, lambda conn: self._find(conn, request))

    @readers
    def who_can_take(self, appointment_id: int, start: datetime, end: datetime) -> list[Assignee]:
        """For each active professional, whether the appointment ``appointment_id`` at
        ``[start, end)`` could be given to them (one read; each decided exactly)."""
        check_times(start, end)
        return reading.read_connection(
            self.ctx, lambda conn: self._who_can_take(conn, appointment_id, start, end)
        )

    def _who_can_take(
        self, conn: Connection, appointment_id: int, start: datetime, end: datetime
    ) -> list[Assignee]:
        ctx, org = self.ctx, self.ctx.organization_id
        rules = availability.stored_rules(conn, ctx)
        service, new_time = None, True
        found = appointment_rows.listed_one(conn, org, appointment_id)
        if found is not None:
            service, new_time = found[0].service_id, found[0].start_at != start
        lo, hi = availability.epoch(start), availability.epoch(end)
        reach = REACH if rules else 0  # the buffers in force may differ by professional
        world = availability.gather(
            conn, ctx, Proposal((Demand(appointment_id, lo - reach, hi + reach),))
        )
        names = directory_rows.professional_names(conn, org, world.off)
        out: list[Assignee] = []
        for professional in sorted(world.off):
            name = names.get(professional, "")
            seen = placing.preview(  # as the booking check places it
                conn,
                ctx,
                appointment_id,
                start,
                end,
                professional,
                service,
                new_time=new_time,
                rules=rules,
            )
            if seen.problem is not None:
                out.append(Assignee(professional, name, "other", message=seen.problem))
                continue
            proposal = seen.placement.proposal
            refusal = decide(
                proposal, world.others, world.off, hints=ctx.hints, qualified=world.qualified
            )
            if refusal is None and rules:
                refusal = availability.over_limit(conn, ctx, proposal, rules)
            if refusal is None:
                out.append(Assignee(professional, name))
                continue
            message = availability.refusal_message(conn, org, refusal, ctx.timezone, world)
            placement = seen.placement
            if service is not None and (placement.before_minutes or placement.after_minutes):
                words = placing.buffer_words(
                    placement, schedule_rows.service_name(conn, org, service)
                )
                if words is not None:
                    message = words(conn, org, refusal, message)
            out.append(_why_not(conn, ctx, world, refusal, professional, name, lo, message))
        return out

    def _find(self, conn: Connection, request: FreeTimeRequest) -> list[FreeTime]:
        ctx = self.ctx
        step = directory_rows.slot_minutes(conn, ctx.organization_id)
        now = int(ctx.now().timestamp())
        length = request.minutes * 60
        rules = availability.stored_rules(conn, ctx)
        booked = self._booked(conn, request) if request.professional_ids else None
        one_by_one = booked is not None and (
            request.order == "earliest" or len(request.professional_ids) == 1
        )
        duty: OffDuty | None = None  # the roster, as the last decision read it
        rooms = self._rooms(conn, request)
        found: list[FreeTime] = []
        day = request.first_day
        while day <= request.last_day and len(found) < request.limit:
            wanted = request.limit - len(found)
            slots: list[tuple[int, time]] = []
            if not request.weekdays or day.weekday() in request.weekdays:
                slots = _slots(day, step, request.earliest, request.latest, now, ctx.timezone)
                slots = self._timely(rules, request.service_id, day, slots)
            if rooms is not None:  # a time without a free room of what it needs is not free
                slots = [(lo, c) for lo, c in slots if rooms.refusal(lo, lo + length) is None]
            pairs = None
            if slots and duty is not None and booked is not None:
                pairs = _candidates(duty, booked, request.professional_ids, slots, length)
            if not slots or pairs == []:
                pass  # nothing of theirs can fit: the day is not read
            elif one_by_one and pairs is not None and len(pairs) <= ONE_BY_ONE:
                times, seen = self._one_by_one(
                    conn, day, slots, pairs, length, wanted, rules, request.service_id
                )
                duty = seen or duty
                found += times
            else:
                times, duty = self._day(conn, request, day, slots, wanted, rules)
                found += times
            day += timedelta(days=1)
        names = directory_rows.professional_names(
            conn, ctx.organization_id, {f.professional_id for f in found}
        )
        return [replace(f, professional_name=names.get(f.professional_id, "")) for f in found]

    def _one_by_one(
        self,
        conn: Connection,
        day: date,
        slots: list[tuple[int, time]],
        pairs: list[tuple[int, int]],
        length: int,
        wanted: int,
        rules: list[Rule],
        service: int | None,
    ) -> tuple[list[FreeTime], OffDuty | None]:
        """A few (slot, professional) to try: each decided as its booking would be,
        on the appointments around it only (None: no decision read the roster)."""
        out: list[FreeTime] = []
        duty = None
        taken: set[int] = set()  # slots already given to someone
        for index, professional in pairs:
            if index in taken:
                continue
            lo, clock = slots[index]
            proposal = self._placed(conn, rules, service, day, clock, lo, length, professional)
            if proposal is None:
                continue  # refused by the notice or the horizon
            verdict = availability.evaluate(conn, self.ctx, proposal)
            duty = verdict.world.duty
            if professional in verdict.world.off and verdict.refusal is None:
                start = localize(day, clock, self.ctx.timezone)
                out.append(
                    FreeTime(start, real_end(start, timedelta(seconds=length)), professional, "")
                )
                taken.add(index)
                if len(out) == wanted:
                    break
        return out, duty

    def _rooms(self, conn: Connection, request: FreeTimeRequest) -> room_fit.RoomFit | None:
        """What the rooms its service needs are decided on, over the days asked for."""
        tz = self.ctx.timezone
        lo = localize(request.first_day, time(0), tz)
        hi = localize(request.last_day + timedelta(days=1), time(0), tz) + timedelta(hours=12)
        return room_fit.read(conn, self.ctx, request.service_id, (), lo, hi, fresh=True)

    def _booked(self, conn: Connection, request: FreeTimeRequest) -> dict[int, list[Span]]:
        """The chosen professionals' own bookings over the days asked for, by start."""
        tz = self.ctx.timezone
        lo = localize(request.first_day, time(0), tz)
        hi = localize(request.last_day + timedelta(days=1), time(0), tz) + timedelta(hours=12)
        rows = schedule_rows.booked_of(
            conn, self.ctx.organization_id, request.professional_ids, lo, hi
        )
        out: dict[int, list[Span]] = {p: [] for p in request.professional_ids}
        for professional, start, end in rows:
            out[professional].append((start, end))
        return {p: sorted(spans) for p, spans in out.items()}

    def _day(
        self,
        conn: Connection,
        request: FreeTimeRequest,
        day: date,
        slots: list[tuple[int, time]],
        wanted: int,
        rules: list[Rule],
    ) -> tuple[list[FreeTime], OffDuty]:
        """The day's free times: for each professional, the slots that fit in the gaps
        between their time off and their bookings; the full decision for those only.
        Also the roster the decision was made on."""
        ctx = self.ctx
        start_of_day, end_of_day = (
            int(localize(day, time(0), ctx.timezone).timestamp()),
            int(localize(day + timedelta(days=1), time(0), ctx.timezone).timestamp()),
        )
        # A booking may run 12 hours past midnight, its buffers further.
        reach = REACH if rules else 0
        window = (start_of_day - reach, end_of_day + 12 * 3600 + reach)
        world = availability.gather(conn, ctx, Proposal((Demand(availability.NEW_KEY, *window),)))
        with_services: list[list[tuple[Demand, int | None]]] = []  # read once, if needed
        candidates = [p for p in (request.professional_ids or sorted(world.off)) if p in world.off]
        busy = _busy(world.others)
        if request.order == "least loaded":
            load = {p: sum(e - s for s, e in busy.get(p, [])) for p in candidates}
            candidates.sort(key=lambda p: (load[p], p))
        length = request.minutes * 60
        starts = [epoch for epoch, _clock in slots]
        fits: dict[int, list[tuple[int, int]]] = {}  # slot index ranges, per professional
        open_slots: set[int] = set()
        for professional in candidates:
            blocked = merged([*world.off[professional], *busy.get(professional, [])])
            ranges = []
            for gap_start, gap_end in _gaps(blocked):
                lo = bisect.bisect_left(starts, gap_start)
                hi = bisect.bisect_right(starts, gap_end - length)
                if lo < hi:
                    ranges.append((lo, hi))
                    open_slots.update(range(lo, hi))
            fits[professional] = ranges
        out: list[FreeTime] = []
        for index in sorted(open_slots):
            lo, clock = slots[index]
            for professional in candidates:
                if not _within(fits[professional], index):
                    continue
                proposal = self._placed(
                    conn, rules, request.service_id, day, clock, lo, length, professional
                )
                if proposal is None:
                    continue  # refused by the notice or the horizon
                refusal = decide(
                    proposal, world.others, world.off, hints=ctx.hints, qualified=world.qualified
                )
                accepted = refusal is None
                if accepted and not self._over_limit(conn, rules, proposal, window, with_services):
                    start = localize(day, clock, ctx.timezone)
                    out.append(
                        FreeTime(
                            start,
                            real_end(start, timedelta(seconds=length)),
                            professional,
                            "",  # named once all are found
                        )
                    )
                    break
            if len(out) == wanted:
                break
        return out, world.duty

    def _timely(
        self, rules: list[Rule], service: int | None, day: date, slots: list[tuple[int, time]]
    ) -> list[tuple[int, time]]:
        """The slots the notice and the horizon allow, when these do not depend on the
        professional (otherwise all: each time is then placed with its professional).
        A day beyond the horizon is not read."""
        timing = [r for r in rules if r.kind in (RuleKind.MIN_NOTICE, RuleKind.MAX_HORIZON)]
        if not timing or any(r.scope is RuleScope.PROFESSIONAL for r in timing):
            return slots
        now, tz = self.ctx.now(), self.ctx.timezone
        notice = in_force(timing, RuleKind.MIN_NOTICE, day, None, service)
        horizon = in_force(timing, RuleKind.MAX_HORIZON, day, None, service)
        return [
            (lo, clock)
            for lo, clock in slots
            if notice_refusal(notice, now, start := localize(day, clock, tz)) is None
            and horizon_refusal(horizon, now, start) is None
        ]

    def _placed(
        self,
        conn: Connection,
        rules: list[Rule],
        service: int | None,
        day: date,
        clock: time,
        lo: int,
        length: int,
        professional: int,
    ) -> Proposal | None:
        """The new appointment at ``lo`` as its booking would place it under ``rules``
        (its buffers), or None when its time breaks the notice or the horizon."""
        if not rules:
            candidate = Demand(availability.NEW_KEY, lo, lo + length, professional)
            return Proposal((candidate,), services=((availability.NEW_KEY, service),))
        start = localize(day, clock, self.ctx.timezone)
        end = real_end(start, timedelta(seconds=length))
        seen = placing.preview(
            conn, self.ctx, availability.NEW_KEY, start, end, professional, service, rules=rules
        )
        return None if seen.problem is not None else seen.placement.proposal

    def _over_limit(
        self,
        conn: Connection,
        rules: list[Rule],
        proposal: Proposal,
        window: Span,
        kept: list[list[tuple[Demand, int | None]]],
    ) -> bool:
        """Whether ``proposal`` breaks a limit of appointments at once, counted as
        `availability.over_limit` counts it, on the appointments of ``window`` (read
        once into ``kept``, when a limit is in force)."""
        (moved,) = proposal.moved
        tz = self.ctx.timezone
        day = availability.local(schedule_rows.utc(moved.start), tz).date()
        limits = limits_in_force(rules, day)
        if not limits:
            return False
        if not kept:
            kept.append(schedule_rows.window_with_services(conn, self.ctx.organization_id, *window))
        services = dict(proposal.services)
        return limit_breach(limits, [(moved, services.get(moved.key))], kept[0]) is not None


def _why_not(
    conn: Connection,
    ctx: ServiceContext,
    world: availability.World,
    refusal: Refusal,
    professional: int,
    name: str,
    start: int,
    message: str,
) -> Assignee:
    """What stops ``professional`` taking it, in parts the desk words (`Assignee`)."""
    org, utc = ctx.organization_id, schedule_rows.utc
    if refusal.kind == "professional_busy":
        listed = appointment_rows.listed_one(conn, org, refusal.blocking[1].key)
        if listed is not None:
            row, row_names = listed
            return Assignee(
                professional,
                name,
                "busy",
                row.start_at,
                row.end_at,
                row_names.client_name or "",
                message,
            )
    if refusal.kind == "off_duty":
        at = max(refusal.at, start)
        why = why_off(world.duty.reasons(professional, at, at + 1, world.time_off), at)
        if why is None:
            return Assignee(professional, name, "not working", message=message)
        span = (utc(why.start), utc(why.end) if why.end < FOREVER else None)
        if why.why is Why.TIME_OFF:
            details = working_time_rows.time_off_between(conn, org, span[0], utc(why.start + 1))
            found = next((o for o in details if o.professional == why.professional), None)
            detail = found.detail if found is not None else ""
            if why.professional is None:
                return Assignee(professional, name, "clinic closed", *span, detail, message)
            return Assignee(professional, name, "away", *span, detail, message)
        kind = {Why.HOLIDAY: "holiday", Why.CLINIC_CLOSED: "clinic closed"}.get(
            why.why, "not working"
        )
        return Assignee(professional, name, kind, *span, why.detail, message)
    if refusal.kind in ("capacity", "unassignable"):
        return Assignee(professional, name, "needed", message=message)
    return Assignee(professional, name, "other", message=message)


def _candidates(
    duty: OffDuty,
    booked: dict[int, list[Span]],
    professionals: tuple[int, ...],
    slots: list[tuple[int, time]],
    length: int,
) -> list[tuple[int, int]]:
    """(slot index, professional) where the slot fits the professional's working time
    and own bookings, by slot then in the order asked for. Time off and the others'
    appointments are left out: what is not listed cannot be booked; what is listed is
    decided exactly."""
    lo, hi = slots[0][0], slots[-1][0] + length
    starts = [epoch for epoch, _clock in slots]
    out: list[tuple[int, int, int]] = []
    for rank, professional in enumerate(professionals):
        spans = booked.get(professional, [])
        first = max(0, bisect.bisect_left(spans, (lo,)) - 1)
        last = bisect.bisect_left(spans, (hi,))
        blocked = merged([*duty.spans(professional, lo, hi), *spans[first:last]])
        for gap_start, gap_end in _gaps(blocked):
            begin = bisect.bisect_left(starts, gap_start)
            end = bisect.bisect_right(starts, gap_end - length)
            out += [(index, rank, professional) for index in range(begin, end)]
    out.sort()
    return [(index, professional) for index, _rank, professional in out]


def _slots(
    day: date, step: int, earliest: time, latest: time, now: int, tz: ZoneInfo
) -> list[tuple[int, time]]:
    """The day's slots on the grid, as (epoch, wall clock), within ``earliest`` to
    ``latest`` and after ``now`` (times the clocks skip are left out)."""
    midnight = localize(day, time(0), tz)
    following = localize(day + timedelta(days=1), time(0), tz)
    steady = (following - midnight) == timedelta(days=1) and (
        midnight.utcoffset() == following.utcoffset()
    )  # no clock change that day: each slot is so many seconds after midnight
    base = int(midnight.timestamp())
    out: list[tuple[int, time]] = []
    for minute in range(0, 24 * 60, step):
        clock = time(minute // 60, minute % 60)
        if not earliest <= clock <= latest:
            continue
        if steady:
            epoch = base + minute * 60
        else:
            try:
                epoch = int(localize(day, clock, tz).timestamp())
            except LocalTimeError:
                continue  # skipped by the clocks
        if epoch > now:
            out.append((epoch, clock))
    out.sort()
    return out


def _gaps(blocked: list[Span]) -> list[Span]:
    """The free stretches around the sorted, merged ``blocked`` spans."""
    out: list[Span] = []
    free_from = -FOREVER
    for start, end in blocked:
        if free_from < start:
            out.append((free_from, start))
        free_from = max(free_from, end)
    out.append((free_from, FOREVER))
    return out


def _within(ranges: list[tuple[int, int]], index: int) -> bool:
    i = bisect.bisect_right(ranges, (index, FOREVER)) - 1
    return i >= 0 and ranges[i][0] <= index < ranges[i][1]


def _busy(demands: list[Demand]) -> dict[int, list[Span]]:
    out: dict[int, list[Span]] = defaultdict(list)
    for d in demands:
        if d.professional is not None:
            out[d.professional].append((d.start, d.end))
    return {p: sorted(spans) for p, spans in out.items()}
