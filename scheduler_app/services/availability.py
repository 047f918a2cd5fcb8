"""The exact availability decision against the database (R1 and R2), and its words.

Reads the active appointments around each moved appointment and withdrawn span,
widening each window until it holds every unassigned appointment chained to it by
overlaps, then asks `domain.capacity`. Refusals become messages a receptionist
understands ("Dr Silva already has 10:00-11:00 on Tue 03 Mar with J. Costa").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from scheduler_app.db import appointments as appointment_rows
from scheduler_app.db import booking_rules, directory, raw_query, schedule, skills, working_time
from scheduler_app.db.raw_query import Statement
from scheduler_app.db.rows import AppointmentRow, Names
from scheduler_app.domain.capacity import FOREVER, Demand, Proposal, Refusal, Span, decide, stranded
from scheduler_app.domain.rules import Rule, limit_breach, limits_in_force, occupied
from scheduler_app.domain.spans import merged
from scheduler_app.domain.working_time import CALENDAR_BUSY, Off, OffDuty, Why, why_off
from scheduler_app.errors import ConflictError
from scheduler_app.services.context import ServiceContext

_Same = Literal["same"]
#: Key of the candidate of a new appointment (several new ones: -1, -2, ...).
NEW_KEY = -1
#: Seconds a window first grows by, at least, when unassigned appointments reach past
#: it, doubled at each further step (measured: saves round trips without reading
#: much more).
WIDEN_STEP = 1800
#: Stranded appointments named in a refusal before "and N more".
LISTED = 20


def demand(key: int, start: datetime, end: datetime, professional: int | None) -> Demand:
    """An appointment at ``[start, end)`` (aware datetimes) as the rules see it."""
    return Demand(key, epoch(start), epoch(end), professional)


def placed(appt: AppointmentRow, professional: int | _Same | None = "same") -> Demand:
    """A stored appointment as the rules see it: the range it occupies (its buffers
    included), with its professional or ``professional``."""
    prof = appt.professional_id if professional == "same" else professional
    assert not isinstance(prof, str)
    return occupied(
        appt.id,
        epoch(appt.start_at),
        epoch(appt.end_at),
        prof,
        appt.buffer_before_minutes,
        appt.buffer_after_minutes,
    )


def epoch(moment: datetime) -> int:
    return int(moment.timestamp())


class StrandingError(ConflictError):
    """A change that lowers capacity would leave appointments without a professional.

    ``stranded`` describes them (the first `LISTED`), ``count`` says how many; a
    manager may force the change (they are then recorded as a conflict).
    """

    def __init__(self, message: str, stranded: Sequence[str], count: int) -> None:
        super().__init__(message)
        self.stranded = tuple(stranded)
        self.count = count


@dataclass
class World:
    """What a decision was made on: the active appointments around the change, each
    active professional's time off (after the change), and why they are off."""

    others: list[Demand]
    off: dict[int, tuple[Span, ...]]
    duty: OffDuty
    time_off: list[Off]
    #: The clinic's booking rules in use.
    rules: list[Rule] = field(default_factory=list)
    #: Per service that needs skills, the professionals who have them all.
    qualified: dict[int, frozenset[int]] = field(default_factory=dict)
    #: Where the last accepted change placed the unassigned ones (key -> professional),
    #: as stored: where the decision starts (`Hints`).
    placed: dict[int, int] = field(default_factory=dict)


@dataclass
class Verdict:
    refusal: Refusal | None
    #: When asked and the refusal is one of R2: what to set aside for the rest to fit.
    stranded: list[Demand]
    world: World


def evaluate(
    conn: Connection,
    ctx: ServiceContext,
    proposal: Proposal,
    *,
    first: Sequence[Statement] = (),
    with_stranded: bool = False,
) -> Verdict:
    """Whether ``proposal`` fits (refusal None) or why not, and, when asked and it
    does not fit for R2, the unassigned appointments to set aside for the rest to fit.

    ``first``: statements to run in the round trip of the first read (the lock).
    """
    if not proposal.moved and not proposal.withdrawn:  # nothing changes: nothing to refuse
        raw_query.run(conn, first)
        return Verdict(None, [], World([], {}, _duty(conn, ctx, None), []))
    world = gather(conn, ctx, proposal, first=first)
    ctx.hints.update(world.placed)  # the day's last accepted placement, from any desk
    refusal = decide(proposal, world.others, world.off, hints=ctx.hints, qualified=world.qualified)
    if refusal is None and world.rules:
        refusal = over_limit(conn, ctx, proposal, world.rules)
    if refusal is None or not with_stranded or not refusal.can_be_forced:
        return Verdict(refusal, [], world)
    set_aside = stranded(proposal, world.others, world.off, qualified=world.qualified)
    return Verdict(refusal, set_aside, world)


def gather(
    conn: Connection, ctx: ServiceContext, proposal: Proposal, *, first: Sequence[Statement] = ()
) -> World:
    """The active appointments the decision depends on, and the active professionals
    with their time off (working time, absences, closures, leaving).

    One window per moved appointment and withdrawn span, each widened to every
    unassigned appointment chained to it by overlaps (reading only the newly added
    edges each time); ``first`` goes with the first read.
    """
    org = ctx.organization_id
    windows = [(d.start, d.end) for d in proposal.moved]
    windows += [(start, end) for _p, start, end in proposal.withdrawn]
    found: dict[int, Demand] = {}
    lo, hi = min(w[0] for w in windows), max(w[1] for w in windows)
    chains = _chains(ctx)
    spans = merged([*windows, *chains.near(windows)], within=WIDEN_STEP)
    head = schedule.window_and_professionals(conn, org, *spans[0], first=first)
    placed = head.placed
    # The other windows (a series' dates) in one round trip, then each widened.
    edges = schedule.window_edges(conn, org, spans[1:], placed) if len(spans) > 1 else []
    for (start, end), rows in zip(spans, [head.demands, *edges], strict=True):
        for row in rows:
            found.setdefault(row.key, row)
        widened = _widen(conn, org, found, start, end, placed)
        if widened != (start, end):
            chains.remember(*widened)
        lo, hi = min(lo, widened[0]), max(hi, widened[1])
    # Time off matters only where there are appointments (a withdrawn span may run to
    # FOREVER): from the earliest start to the latest end among them and the change.
    extent = [*found.values(), *proposal.moved]
    if extent:
        lo, hi = max(lo, min(d.start for d in extent)), min(hi, max(d.end for d in extent))
    else:
        hi = lo + 1  # nothing booked: nothing to decide
    hi = max(hi, lo + 1)
    time_off = [
        Off(start, end, Why.TIME_OFF, "", professional)
        for _id, start, end, professional in head.time_off
    ]
    if lo < head.time_off_read[0] or hi > head.time_off_read[1]:  # a group reached further
        time_off = working_time.time_off_between(conn, org, _utc(lo), _utc(hi))
    duty = _duty(conn, ctx, head.roster_version)
    rules = rules_at(conn, ctx, head.roster_version)
    qualified = skills_at(conn, ctx, head.roster_version)
    if qualified:  # unassigned ones go only to professionals with their service's skills
        loose = [key for key, d in found.items() if d.professional is None]
        for key, service in schedule.services_of(conn, org, loose).items() if loose else ():
            if service in qualified:
                found[key] = found[key]._replace(eligible=qualified[service])
    off = duty.all_spans(head.professionals, lo, hi, time_off)
    for professional, until in head.professionals.items():
        if until is not None:
            off[professional] = tuple(merged([*off[professional], (until, FOREVER)]))
    withdrawn: dict[int, list[Span]] = defaultdict(list)
    for p, start, end in proposal.withdrawn:  # the change's own effect on availability
        if p in off:
            withdrawn[p].append((start, end))
    for p, spans in withdrawn.items():
        off[p] = tuple(merged([*off[p], *spans]))
    return World(list(found.values()), off, duty, time_off, rules, qualified, placed)


def _duty(conn: Connection, ctx: ServiceContext, version: int | None) -> OffDuty:
    """The clinic's roster as `OffDuty`, read again only when its version changed
    (None: any version kept will do)."""
    kept = ctx.cache.get("roster")
    if kept is not None and version in (None, kept[0]):
        duty: OffDuty = kept[1]
        return duty
    read_version, roster = working_time.load_roster(conn, ctx.organization_id, ctx.timezone)
    duty = OffDuty(roster)
    ctx.cache["roster"] = (read_version, duty)
    return duty


def rules_at(conn: Connection, ctx: ServiceContext, version: int) -> list[Rule]:
    """The clinic's booking rules at the roster's ``version`` (as just read with the
    change's facts or window), read again only when the version changed."""
    kept = ctx.cache.get("rules")
    if kept is not None and kept[0] == version:
        rules: list[Rule] = kept[1]
        return rules
    rules = booking_rules.active_rules(conn, ctx.organization_id)
    ctx.cache["rules"] = (version, rules)
    return rules


def skills_at(conn: Connection, ctx: ServiceContext, version: int) -> dict[int, frozenset[int]]:
    """Who has what each service needs, at the roster's ``version`` (skills raise it),
    read again only when the version changed."""
    kept = ctx.cache.get("skills")
    if kept is not None and kept[0] == version:
        qualified: dict[int, frozenset[int]] = kept[1]
        return qualified
    qualified = skills.qualified(conn, ctx.organization_id)
    ctx.cache["skills"] = (version, qualified)
    return qualified


def known_rules(conn: Connection, ctx: ServiceContext) -> list[Rule]:
    """The booking rules as this desk last read them (read now if never): for read-only
    checks, which confirm with `fresh_rules` before trusting them."""
    kept = ctx.cache.get("rules")
    if kept is not None:
        rules: list[Rule] = kept[1]
        return rules
    return fresh_rules(conn, ctx)


def stored_rules(conn: Connection, ctx: ServiceContext) -> list[Rule]:
    """The booking rules as stored now (nothing kept)."""
    return booking_rules.active_rules(conn, ctx.organization_id)


def fresh_rules(conn: Connection, ctx: ServiceContext) -> list[Rule]:
    """The booking rules as stored now (kept for `known_rules`; the next decision keeps
    them by the roster's version)."""
    rules = booking_rules.active_rules(conn, ctx.organization_id)
    ctx.cache["rules"] = (None, rules)
    return rules


def over_limit(
    conn: Connection, ctx: ServiceContext, proposal: Proposal, rules: Sequence[Rule]
) -> Refusal | None:
    """The capacity limit (a booking rule) the moved appointments would break, as a
    refusal; exact: every instant inside a moved appointment is counted."""
    org, tz = ctx.organization_id, ctx.timezone
    by_day: dict[date, list[Demand]] = defaultdict(list)
    for d in proposal.moved:
        by_day[local(_utc(d.start), tz).date()].append(d)
    services = dict(proposal.services)
    unknown = [d.key for d in proposal.moved if d.key not in services and d.key > 0]
    if unknown:
        services |= schedule.services_of(conn, org, unknown)
    for day, moved in sorted(by_day.items()):
        limits = limits_in_force(rules, day)
        if not limits:
            continue
        lo, hi = min(d.start for d in moved), max(d.end for d in moved)
        others = schedule.window_with_services(conn, org, lo, hi)
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


@dataclass
class Chains:
    """Where the last decisions found unassigned appointments chained by overlaps
    (the window each had to read, at most one per UTC date). A decision near one
    reads it whole at once instead of widening step by step, a read per step: reading
    more never changes an answer, so a chain since changed only costs rows."""

    spans: dict[int, Span] = field(default_factory=dict)

    def near(self, windows: Sequence[Span]) -> list[Span]:
        found: list[Span] = []
        for start, end in windows if self.spans else ():
            days = range(start // 86400 - 1, end // 86400 + 1)
            # A window may run to FOREVER (a professional leaving): then the chains
            # known are fewer than its days.
            chains = (
                [self.spans.get(day) for day in days]
                if len(days) <= len(self.spans)
                else list(self.spans.values())
            )
            for chain in chains:
                if chain and chain[0] < end + WIDEN_STEP and start - WIDEN_STEP < chain[1]:
                    found.append(chain)
        return found

    def remember(self, start: int, end: int) -> None:
        if end - start > 2 * 86400:  # a crowd reaching over days: not worth keeping
            return
        if len(self.spans) > 1000:
            self.spans.clear()
        self.spans[start // 86400] = (start, end)


def _chains(ctx: ServiceContext) -> Chains:
    chains = ctx.cache.get("chains")
    if chains is None:
        chains = ctx.cache["chains"] = Chains()
    assert isinstance(chains, Chains)
    return chains


def _widen(
    conn: Connection,
    org_id: int,
    found: dict[int, Demand],
    lo: int,
    hi: int,
    placed: dict[int, int],
) -> Span:
    """Read around ``[lo, hi)`` until every unassigned appointment reaching past it is
    held (where they were placed into ``placed``); returns the window read."""
    step = WIDEN_STEP
    while True:
        need_lo, need_hi = lo, hi
        for s in found.values():
            if s.professional is None and s.start < hi and lo < s.end:
                need_lo = min(need_lo, s.start)
                need_hi = max(need_hi, s.end)
        if (need_lo, need_hi) == (lo, hi):
            return lo, hi
        # Groups of unassigned appointments often run all day: widen in steps that
        # double (reading more never changes the answer, each read costs a round trip).
        new_lo = min(need_lo, lo - step) if need_lo < lo else lo
        new_hi = min(max(need_hi, hi + step), FOREVER) if need_hi > hi else hi
        edges = [(a, b) for a, b in ((new_lo, lo), (hi, new_hi)) if a < b]
        for rows in schedule.window_edges(conn, org_id, edges, placed):  # one round trip
            for row in rows:
                found.setdefault(row.key, row)
        lo, hi = new_lo, new_hi
        step *= 2


def _utc(seconds: int) -> datetime:
    return schedule.utc(seconds)


# -- words -------------------------------------------------------------------


class Lookup(Protocol):
    """What the words of a refusal look up: from the database (`DbLookup`), or from
    a period already loaded (the desk's hover check)."""

    def appointment(self, key: int) -> tuple[datetime, datetime, Names] | None:
        """An appointment's times and names (None if unknown)."""

    def professional_name(self, professional_id: int) -> str | None: ...

    def service_name(self, service_id: int) -> str | None: ...

    def time_off(self, lo: datetime, hi: datetime) -> list[Off]:
        """The time off overlapping ``[lo, hi)``, with its details."""


@dataclass(frozen=True, slots=True)
class DbLookup:
    """`Lookup` on a connection (each answer one read)."""

    conn: Connection
    org_id: int

    def appointment(self, key: int) -> tuple[datetime, datetime, Names] | None:
        listed = appointment_rows.listed_one(self.conn, self.org_id, key)
        if listed is None:
            return None
        row, names = listed
        return row.start_at, row.end_at, names

    def professional_name(self, professional_id: int) -> str | None:
        return directory.professional_name(self.conn, self.org_id, professional_id)

    def service_name(self, service_id: int) -> str | None:
        return schedule.service_name(self.conn, self.org_id, service_id)

    def time_off(self, lo: datetime, hi: datetime) -> list[Off]:
        return working_time.time_off_between(self.conn, self.org_id, lo, hi)


def refusal_message(
    conn: Connection, org_id: int, refusal: Refusal, tz: ZoneInfo, world: World | None = None
) -> str:
    """Explain a refusal with names, local times and the rule it meets (``world``: what
    the decision was made on, for who works when)."""
    return refusal_words(DbLookup(conn, org_id), refusal, tz, world)


def refusal_words(
    lookup: Lookup, refusal: Refusal, tz: ZoneInfo, world: World | None = None
) -> str:
    """`refusal_message`, with names and details from ``lookup``."""
    if refusal.kind == "professional_busy":
        moved, other = refusal.blocking
        listed = lookup.appointment(other.key)
        if listed is None:  # pragma: no cover - it was read in this transaction
            return "The professional already has an appointment at that time."
        other_start, other_end, row_names = listed
        who = f" with {row_names.client_name}" if row_names.client_name else ""
        return (
            f"{row_names.professional_name} already has "
            f"{span(other_start, other_end, tz)}{who}. Choose another time or professional."
        )
    if refusal.kind == "off_duty":
        (moved,) = refusal.blocking
        assert moved.professional is not None
        name = lookup.professional_name(moved.professional) or "The professional"
        why = _reason(world, moved.professional, max(refusal.at, moved.start))
        if why is not None:
            return (
                _off_words(lookup, name, why, world, tz) + " Choose another time or professional."
            )
        start = local(_utc(refusal.at), tz)
        if refusal.until >= FOREVER:
            midnight = (start.hour, start.minute) == (0, 0)
            when = f"from {start:%a %d %b %Y}" + ("" if midnight else f" {start:%H:%M}")
        else:
            when = f"at {span(_utc(refusal.at), _utc(refusal.until), tz)}"
        return f"{name} takes no appointments {when}. Choose another time or professional."
    if refusal.kind == "unqualified":
        (moved,) = refusal.blocking
        assert moved.professional is not None
        name = lookup.professional_name(moved.professional) or "The professional"
        return (
            f"{name} does not have the skills this service needs, or is not in the team "
            "that gives it. Choose another professional, or leave it unassigned."
        )
    if refusal.kind == "capacity":
        if refusal.available == 0:
            why = _reason(world, None, refusal.at)
            if why is not None:
                return _off_words(lookup, "The clinic", why, world, tz)
            at = local(_utc(refusal.at), tz)
            return f"No professional works at {at:%H:%M} on {at:%a %d %b}."
        return (
            f"No professional is free at {local(_utc(refusal.at), tz):%H:%M}: "
            f"{refusal.busy} appointment{'s' if refusal.busy != 1 else ''} would run at once with "
            f"{refusal.available} professional{'s' if refusal.available != 1 else ''}."
        )
    if refusal.kind == "limit":
        at = local(_utc(refusal.at), tz)
        most = refusal.available
        if refusal.until:
            name = lookup.service_name(refusal.until) or "this service"
            what = f"{name} appointment{'s' if most != 1 else ''}"
        else:
            what = f"appointment{'s' if most != 1 else ''} in the clinic"
        return (
            f"At most {most} {what} at once: at {at:%H:%M} on {at:%a %d %b} there would be "
            f"{refusal.busy}. Choose another time."
        )
    slot = refusal.blocking[0]
    start, end = _utc(slot.start), _utc(slot.end)
    if refusal.kind == "unassignable" and slot.eligible is not None:
        return (
            f"No professional with the skills it needs is free for the whole of "
            f"{span(start, end, tz)}. Choose another time."
        )
    if refusal.kind == "unassignable":
        return (
            f"No professional is free for the whole of {span(start, end, tz)}: "
            "every one has another appointment during part of it. "
            "Choose another time or assign a professional."
        )
    return (
        f"The schedule around {span(start, end, tz)} is too crowded to verify "
        "automatically. Please assign a professional directly."
    )


def group_phrase(moving: Sequence[int], lookup: Lookup, refusal: Refusal, message: str) -> str:
    """How a refusal of the appointments ``moving`` (moved together) is put."""
    if len(moving) == 1:
        return message
    if refusal.kind == "professional_busy" and refusal.blocking[1].key in moving:
        return (
            "Two of the appointments being moved would overlap for the same "
            "professional. Move them another way."
        )
    if refusal.kind in ("professional_busy", "off_duty"):
        found = lookup.appointment(refusal.blocking[0].key)
        client = found[2].client_name if found is not None else None
        who = f"{client}'s appointment" if client else "One appointment"
        return f"{who} cannot go there: {message} None of them was moved."
    return f"{message} None of them was moved."


def _reason(world: World | None, professional: int | None, at: int) -> Off | None:
    if world is None:
        return None
    return why_off(world.duty.reasons(professional, at, at + 1, world.time_off), at)


def _off_words(lookup: Lookup, who: str, why: Off, world: World | None, tz: ZoneInfo) -> str:
    """Why ``who`` (a professional, or "The clinic") takes no appointments, as a desk says it."""
    start, end = local(_utc(why.start), tz), local(_utc(min(why.end, FOREVER - 1)), tz)
    if why.why is Why.HOLIDAY:
        return f"The clinic is closed on {start:%a %d %b} ({why.detail})."
    if why.why is Why.CLINIC_CLOSED:
        hours = world.duty.roster.clinic_hours(start.date()) if world is not None else []
        opening = ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in hours)
        if not opening:
            return f"The clinic is closed on {start:%A}s."
        return f"The clinic is closed then: on {start:%A}s it opens {opening}."
    if why.why is Why.NOT_WORKING:
        return f"{who} does not work {span(_utc(why.start), _utc(why.end), tz)}."
    details = lookup.time_off(_utc(why.start), _utc(why.start + 1))
    found = next((o for o in details if o.professional == why.professional), None)
    detail = f" ({found.detail})" if found is not None and found.detail else ""
    subject = "The clinic is closed" if why.professional is None else f"{who} is away"
    until = f" until {end:%a %d %b %H:%M}" if why.end < FOREVER else ""
    if found is not None and found.detail.startswith(CALENDAR_BUSY):
        return f"{who} is {found.detail}{until}."
    return f"{subject}{detail}{until}."


def stranding_error(
    conn: Connection, org_id: int, cause: str, left: Sequence[Demand], tz: ZoneInfo
) -> StrandingError:
    """The refusal of a change that would leave ``left`` without a professional."""
    lines = describe(conn, org_id, left[:LISTED], tz)
    more = len(left) - len(lines)
    listing = "\n".join(f"- {line}" for line in lines)
    tail = f"\n- and {more} more" if more > 0 else ""
    count = len(left)
    message = (
        f"{cause} would leave {count} appointment{'s' if count != 1 else ''} without a "
        f"professional who can take {'them' if count != 1 else 'it'}:\n{listing}{tail}"
    )
    return StrandingError(message, lines, count)


def describe(conn: Connection, org_id: int, demands: Sequence[Demand], tz: ZoneInfo) -> list[str]:
    """ "Joana Costa, Tue 03 Mar 10:00-11:00" for each appointment, in their order."""
    listed = {
        row.id: (row, names)
        for row, names in appointment_rows.listed_by_id(conn, org_id, [d.key for d in demands])
    }
    lines = []
    for d in demands:
        if d.key in listed:
            row, names = listed[d.key]
            who = names.client_name or row.title or "No client"
            lines.append(f"{who}, {span(row.start_at, row.end_at, tz)}")
        else:
            lines.append(f"A new appointment, {span(_utc(d.start), _utc(d.end), tz)}")
    return lines


def local(moment: datetime, tz: ZoneInfo) -> datetime:
    return moment.astimezone(tz)


def span(start: datetime, end: datetime, tz: ZoneInfo) -> str:
    a, b = local(start, tz), local(end, tz)
    if a.date() == b.date():
        return f"{a:%H:%M}-{b:%H:%M} on {a:%a %d %b}"
    return f"{a:%a %d %b %H:%M}-{b:%a %d %b %H:%M}"
