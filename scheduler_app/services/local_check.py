"""Hover checks decided on the desk, from a period already read (no round trip).

While an appointment is dragged the desk asks at every cell "would it go here?".
Over a real network each question to the server costs 1-30 ms of a frozen
window, so the desk reads once, with the period, everything the decision depends
on (`Snapshot`: the active appointments around it, widened like the server's
windows, the professionals, their working time and time off, the booking rules),
and asks the same pure decision the services ask (`domain.capacity.decide`, the
rules' notice, horizon, buffers and limits) with the same words. The server
decides again when the appointment is dropped: a snapshot a moment old can say
"free" where another desk has just booked, never let a wrong booking through.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import Connection

from scheduler_app.db import appointments as appointment_rows
from scheduler_app.db import directory, raw_query, schedule, working_time
from scheduler_app.db.rows import Names
from scheduler_app.domain.capacity import Demand, Hints, Proposal, Refusal, Span, decide
from scheduler_app.domain.resources import Hold, refusal_for
from scheduler_app.domain.rules import RuleKind, limit_breach, limits_in_force
from scheduler_app.domain.working_time import Off
from scheduler_app.errors import ValidationError
from scheduler_app.services import availability, placing, resource_holds
from scheduler_app.services.availability import World, epoch
from scheduler_app.services.checks import check_times
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import AppointmentView, Availability, MoveRequest
from scheduler_app.services.resources import PeriodRooms
from scheduler_app.services.views import appointment_view

#: How far around the period the snapshot reads: a moved appointment's buffers may
#: reach this far outside it.
MARGIN = schedule.MAX_BUFFERS
#: Said when a hover check falls outside the period read (the drop still decides).
NOT_LOADED = "This time is not loaded on this desk yet; it is checked when you drop."
#: Key of the window that stands for the whole period while reading (no appointment's).
_WHOLE = 0


@dataclass(frozen=True, slots=True)
class Listed:
    """An appointment as the words of a refusal name it."""

    start: datetime
    end: datetime
    names: Names
    service_id: int | None


@dataclass(frozen=True)
class Snapshot:
    """What the decision depends on for any change inside ``span`` (epoch seconds)."""

    span: Span
    world: World
    #: Every appointment of the period, as the calendar shows them (cancelled included).
    appointments: list[AppointmentView]
    #: The appointments the decision or its words may name, by id.
    listed: dict[int, Listed]
    #: The active appointments with their services (for capacity limits).
    with_services: tuple[tuple[Demand, int | None], ...]
    professional_names: dict[int, str]
    service_names: dict[int, str]
    #: The time off around the period, with its details, as the database lists it.
    time_off: tuple[Off, ...]
    #: Where the decisions on this period start placing the unassigned appointments:
    #: as the last accepted change placed them, then as the desk's checks did.
    hints: Hints = field(default_factory=Hints, compare=False)

    def covers(self, demands: list[Demand]) -> bool:
        return all(self.span[0] <= d.start and d.end <= self.span[1] for d in demands)


#: The longest period a snapshot is read for (a month view shows six weeks).
LONGEST = timedelta(days=62)


def check_period(start: datetime, end: datetime) -> None:
    """Refuse a period that is not aware, is reversed, or is longer than `LONGEST`."""
    for moment in (start, end):
        if not isinstance(moment, datetime) or moment.utcoffset() is None:
            raise ValidationError("The period's times must carry a time zone.")
    if not start < end <= start + LONGEST:
        raise ValidationError("The period must end after it starts, within 62 days.")


def read_snapshot(
    conn: Connection, ctx: ServiceContext, start: datetime, end: datetime
) -> Snapshot:
    """Read the appointments of ``[start, end)`` and what decisions of changes within
    it depend on."""
    org = ctx.organization_id
    lo, hi = epoch(start - MARGIN), epoch(end + MARGIN)
    margin = schedule.TIME_OFF_MARGIN
    with raw_query.asking_together(conn):  # in the round trip of the decision's read
        listed_now = appointment_rows.listed_between_with_next_read(conn, org, start, end)
        all_names = directory.all_names_with_next_read(conn, org)
        time_off_now = working_time.time_off_with_next_read(conn, org, start - margin, end + margin)
        world = availability.gather(conn, ctx, Proposal((Demand(_WHOLE, lo, hi, None),)))
        shown, (professionals, services) = listed_now(), all_names()
        time_off = time_off_now()
    limits = any(r.kind is RuleKind.CAPACITY for r in world.rules)
    with_services = schedule.window_with_services(conn, org, lo, hi) if limits else []
    listed = {
        row.id: Listed(row.start_at, row.end_at, names, row.service_id) for row, names in shown
    }
    around = [d.key for d in world.others if d.key not in listed]  # just outside the period
    for row, names in appointment_rows.listed_by_id(conn, org, around):
        listed[row.id] = Listed(row.start_at, row.end_at, names, row.service_id)
    return Snapshot(
        (lo, hi),
        world,
        [appointment_view(row, names) for row, names in shown],
        listed,
        tuple(with_services),
        professionals,
        services,
        tuple(time_off),
        Hints(world.placed),
    )


@dataclass(frozen=True, slots=True)
class _Lookup:
    """`availability.Lookup` on a snapshot."""

    snapshot: Snapshot

    def appointment(self, key: int) -> tuple[datetime, datetime, Names] | None:
        found = self.snapshot.listed.get(key)
        return None if found is None else (found.start, found.end, found.names)

    def professional_name(self, professional_id: int) -> str | None:
        return self.snapshot.professional_names.get(professional_id)

    def service_name(self, service_id: int) -> str | None:
        return self.snapshot.service_names.get(service_id)

    def time_off(self, lo: datetime, hi: datetime) -> list[Off]:
        a, b = epoch(lo), epoch(hi)
        return [o for o in self.snapshot.time_off if o.end > a and o.start < b]


def check_availability(
    snapshot: Snapshot,
    ctx: ServiceContext,
    start: datetime,
    end: datetime,
    professional_id: int | None = None,
    appointment_id: int | None = None,
) -> Availability:
    """`BookingService.check_availability`, decided on ``snapshot``."""
    try:
        check_times(start, end)
    except ValidationError as exc:
        return Availability(False, exc.message)
    key = appointment_id if appointment_id is not None else availability.NEW_KEY
    service, new_time = None, True
    if appointment_id is not None:
        found = snapshot.listed.get(key)
        if found is not None:
            service, new_time = found.service_id, found.start != start
    rules = snapshot.world.rules
    seen = placing.preview_under(
        rules, ctx, key, start, end, professional_id, service, new_time=new_time
    )
    if seen.problem is not None:
        return Availability(False, seen.problem, by_rule=True, overridable=True)
    placement = seen.placement
    name = None
    if service is not None and (placement.before_minutes or placement.after_minutes):
        name = snapshot.service_names.get(service)
    phrase = placing.buffer_phrase(placement, name)
    return _verdict(snapshot, ctx, placement.proposal, phrase)


def check_moves(snapshot: Snapshot, ctx: ServiceContext, moves: list[MoveRequest]) -> Availability:
    """`BookingService.check_moves`, decided on ``snapshot``."""
    try:
        for move in moves:
            check_times(move.start, move.end)
    except ValidationError as exc:
        return Availability(False, exc.message)
    demands: list[Demand] = []
    services: list[tuple[int, int | None]] = []
    for m in moves:
        row = snapshot.listed.get(m.appointment_id)
        seen = placing.preview_under(
            snapshot.world.rules,
            ctx,
            m.appointment_id,
            m.start,
            m.end,
            m.professional_id,
            row.service_id if row is not None else None,
            new_time=row is None or row.start != m.start,
        )
        if seen.problem is not None:
            return Availability(False, seen.problem, by_rule=True, overridable=True)
        demands.append(seen.placement.demand)
        services += seen.placement.proposal.services
    proposal = Proposal(tuple(demands), services=tuple(services))
    moving, lookup = [m.appointment_id for m in moves], _Lookup(snapshot)
    return _verdict(
        snapshot,
        ctx,
        proposal,
        lambda refusal, text: availability.group_phrase(moving, lookup, refusal, text),
    )


def _verdict(
    snapshot: Snapshot,
    ctx: ServiceContext,
    proposal: Proposal,
    phrase: placing.Phrase | None,
) -> Availability:
    if not snapshot.covers(list(proposal.moved)):
        return Availability(False, NOT_LOADED)
    world = snapshot.world
    hints = snapshot.hints
    refusal = decide(proposal, world.others, world.off, hints=hints, qualified=world.qualified)
    if refusal is None and world.rules:
        refusal = _over_limit(snapshot, ctx, proposal)
    if refusal is None:
        return Availability(True)
    message = availability.refusal_words(_Lookup(snapshot), refusal, ctx.timezone, world)
    if phrase is not None:
        message = phrase(refusal, message)
    return Availability(False, message, overridable=refusal.kind == "off_duty")


def _over_limit(snapshot: Snapshot, ctx: ServiceContext, proposal: Proposal) -> Refusal | None:
    """`availability.over_limit` on the snapshot."""
    by_day: dict[date, list[Demand]] = defaultdict(list)
    for d in proposal.moved:
        by_day[schedule.utc(d.start).astimezone(ctx.timezone).date()].append(d)
    services = dict(proposal.services)
    for key in (d.key for d in proposal.moved if d.key not in services and d.key > 0):
        found = snapshot.listed.get(key)
        services[key] = found.service_id if found is not None else None
    for day, moved in sorted(by_day.items()):
        limits = limits_in_force(snapshot.world.rules, day)
        if not limits:
            continue
        lo, hi = min(d.start for d in moved), max(d.end for d in moved)
        others = [(d, s) for d, s in snapshot.with_services if d.start < hi and lo < d.end]
        breach = limit_breach(limits, [(d, services.get(d.key)) for d in moved], others)
        if breach is not None:
            return Refusal(
                "limit",
                at=breach.at,
                busy=breach.count,
                available=breach.limit.max_at_once,
                until=breach.limit.service or 0,
            )
    return None


def check_room(
    rooms: PeriodRooms,
    ctx: ServiceContext,
    appointments: Iterable[AppointmentView],
    start: datetime,
    end: datetime,
    room_id: int,
    appointment_id: int,
) -> Availability:
    """Could appointment ``appointment_id`` hold room ``room_id`` at ``[start, end)``,
    beside the other ``appointments`` loaded? Decided as `resource_holds.settle`
    decides a room the desk chose (capacity at every instant, maintenance), with its
    words."""
    found = rooms.known.get(room_id)
    if found is None or not found.active:
        return Availability(False, "That room or equipment is no longer in use; choose another.")
    others = [
        Hold(a.id, room_id, epoch(a.start), epoch(a.end))
        for a in appointments
        if a.id != appointment_id
        and a.status.is_active
        and room_id in a.resource_ids
        and a.start < end
        and start < a.end
    ]
    wanted = Hold(appointment_id, room_id, epoch(start), epoch(end))
    refusal = refusal_for(wanted, others, found.resource)
    if refusal is None:
        return Availability(True)
    return Availability(False, resource_holds.words(refusal, rooms.known, ctx))
