"""A series' occurrences as the booking check sees them, each on its own.

Each occurrence is decided as `BookingService.check_availability` decides a
booking: the booking rules (notice, horizon, buffers) first, then the exact
decision (working time, holidays, absences, appointments). An occurrence whose
wall time the clocks skip is refused with its own reason; one already past too.
For a refused one the nearest free time is looked for (`FreeTimeService`): the
same day around the same time first, then the same day, then the days around it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import Connection

from scheduler_app.db import schedule
from scheduler_app.domain.capacity import Proposal, decide
from scheduler_app.domain.recurrence import (
    Occurrence,
    RecurrenceError,
    SeriesRule,
    expand,
    gap_reason,
    parse_rule,
)
from scheduler_app.domain.rules import Rule
from scheduler_app.errors import ValidationError
from scheduler_app.services import availability, placing, room_fit
from scheduler_app.services.availability import epoch
from scheduler_app.services.checks import check_not_past, check_times
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.free_times import FreeTimeRequest, FreeTimeService
from scheduler_app.services.series_dto import Alternative, OccurrenceVerdict, SeriesRequest

#: Around an occurrence's time, the window looked in first for an alternative.
NEAR = timedelta(hours=2)
#: Days either side looked at last.
DAYS_AROUND = 3


def rule_of(text: str) -> SeriesRule:
    try:
        return parse_rule(text)
    except RecurrenceError as exc:
        raise ValidationError(str(exc), "rule") from exc


def occurrences(
    request: SeriesRequest, minutes: int, ctx: ServiceContext, horizon_days: int
) -> list[Occurrence]:
    """The request's occurrences within the clinic's ``horizon_days`` (a bad rule is
    refused with its reason)."""
    rule = rule_of(request.rule)
    length = timedelta(minutes=minutes)
    try:
        return expand(rule, request.first_start, length, ctx.timezone, horizon_days=horizon_days)
    except RecurrenceError as exc:
        raise ValidationError(str(exc), "rule") from exc


def judge(
    conn: Connection,
    ctx: ServiceContext,
    found: Sequence[Occurrence],
    request: SeriesRequest,
    rules: list[Rule],
) -> list[OccurrenceVerdict]:
    """Each occurrence free or refused with the reason (no alternatives yet).

    The appointments around every date are read together (one read of all their
    windows: `availability.gather`), then each date is decided on its own."""
    reasons: dict[int, str | None] = {}
    placed: dict[int, placing.Preview] = {}
    for index, occ in enumerate(found):
        if occ.start is None or occ.end is None:
            reasons[index] = gap_reason(occ.wall, ctx.timezone)
            continue
        reason, seen = _timely(
            conn,
            ctx,
            -(index + 1),
            occ.start,
            occ.end,
            request.professional_id,
            request.service_id,
            rules,
        )
        if seen is None:
            reasons[index] = reason
        else:
            placed[index] = seen
    if placed:
        moved = tuple(p.placement.demand for p in placed.values())
        world = availability.gather(conn, ctx, Proposal(moved))
        for index, seen in placed.items():
            reasons[index] = _decided(conn, ctx, seen, request.service_id, world)
        free = [found[i] for i in placed if reasons[i] is None]
        if free and request.service_id is not None:  # and the rooms its service needs
            lo = min(o.start for o in free if o.start is not None)
            hi = max(o.end for o in free if o.end is not None)
            fit = room_fit.read(conn, ctx, request.service_id, (), lo, hi, fresh=True)
            for index in placed:
                start, end = found[index].start, found[index].end
                if fit is not None and reasons[index] is None and start and end:
                    reasons[index] = fit.refusal(epoch(start), epoch(end))
    verdicts = []
    for index, occ in enumerate(found):
        reason = reasons[index]
        verdicts.append(
            OccurrenceVerdict(
                index, occ.wall.date(), occ.start, occ.end, reason is None, reason or ""
            )
        )
    return verdicts


def _timely(
    conn: Connection,
    ctx: ServiceContext,
    key: int,
    start: datetime,
    end: datetime,
    professional: int | None,
    service: int | None,
    rules: list[Rule],
) -> tuple[str | None, placing.Preview | None]:
    """The booking rules' refusal of ``[start, end)``, or its placement to decide."""
    try:
        check_times(start, end)
        check_not_past(ctx.now(), end)
    except ValidationError as exc:
        return exc.message, None
    seen = placing.preview(conn, ctx, key, start, end, professional, service, rules=rules)
    if seen.problem is not None:
        return seen.problem, None
    return None, seen


def _decided(
    conn: Connection,
    ctx: ServiceContext,
    seen: placing.Preview,
    service: int | None,
    world: availability.World,
) -> str | None:
    """Why the placement ``seen`` does not fit in ``world`` (None: it fits)."""
    proposal = seen.placement.proposal
    found = decide(proposal, world.others, world.off, hints=ctx.hints, qualified=world.qualified)
    if found is None and world.rules:
        found = availability.over_limit(conn, ctx, proposal, world.rules)
    if found is None:
        return None
    org = ctx.organization_id
    message = availability.refusal_message(conn, org, found, ctx.timezone, world)
    placement = seen.placement
    if service is not None and (placement.before_minutes or placement.after_minutes):
        words = placing.buffer_words(placement, schedule.service_name(conn, org, service))
        if words is not None:
            message = words(conn, org, found, message)
    return message


def refusal(
    conn: Connection,
    ctx: ServiceContext,
    key: int,
    start: datetime,
    end: datetime,
    professional: int | None,
    service: int | None,
    rules: list[Rule],
) -> str | None:
    """Why a booking at ``[start, end)`` would be refused now (None: it fits)."""
    reason, seen = _timely(conn, ctx, key, start, end, professional, service, rules)
    if seen is None:
        return reason
    world = availability.gather(conn, ctx, seen.placement.proposal)
    found = _decided(conn, ctx, seen, service, world)
    fit = room_fit.read(conn, ctx, service, (), start, end) if found is None else None
    return fit.refusal(epoch(start), epoch(end)) if fit is not None else found


def with_alternatives(
    ctx: ServiceContext,
    verdicts: list[OccurrenceVerdict],
    request: SeriesRequest,
    minutes: int,
) -> list[OccurrenceVerdict]:
    """``verdicts`` with the nearest free time for each refused one (days that have
    another occurrence are not offered, nor a time offered for another)."""
    taken = {v.day for v in verdicts}
    finder = FreeTimeService(ctx)
    wall = request.first_start.astimezone(ctx.timezone).time().replace(tzinfo=None)
    offered: set[datetime] = set()
    out = []
    for verdict in verdicts:
        if verdict.free:
            out.append(verdict)
            continue
        found = _nearest(finder, verdict.day, wall, request, minutes, (taken, offered))
        if found is not None:
            offered.add(found.start)
        out.append(_with(verdict, found))
    return out


def _with(verdict: OccurrenceVerdict, alternative: Alternative | None) -> OccurrenceVerdict:
    return OccurrenceVerdict(
        verdict.index,
        verdict.day,
        verdict.start,
        verdict.end,
        verdict.free,
        verdict.reason,
        alternative,
    )


def _nearest(
    finder: FreeTimeService,
    day: date,
    wall: time,
    request: SeriesRequest,
    minutes: int,
    skip: tuple[set[date], set[datetime]],
) -> Alternative | None:
    taken, offered = skip
    tz = finder.ctx.timezone
    moment = datetime.combine(day, wall)
    early = max(moment - NEAR, datetime.combine(day, time(0))).time()
    late = min(moment + NEAR, datetime.combine(day, time(23, 59))).time()
    around = [day + timedelta(days=n) for n in range(-DAYS_AROUND, DAYS_AROUND + 1) if n]
    around = sorted((d for d in around if d not in taken), key=lambda d: abs((d - day).days))
    tries = [(day, early, late), (day, time(0), time(23, 59))]
    tries += [(d, early, late) for d in around]
    professionals = (request.professional_id,) if request.professional_id is not None else ()
    for when, earliest, latest in tries:
        times = finder.find(
            FreeTimeRequest(
                minutes=minutes,
                first_day=when,
                last_day=when,
                professional_ids=professionals,
                earliest=earliest,
                latest=latest,
                limit=5,
                service_id=request.service_id,
            )
        )
        times = [t for t in times if t.start not in offered]
        if times:
            target = datetime.combine(when, wall)
            best = min(
                times,
                key=lambda t: abs(datetime.combine(when, t.start.astimezone(tz).time()) - target),
            )
            return Alternative(best.start, best.end, best.professional_id, best.professional_name)
    return None
