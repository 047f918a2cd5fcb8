"""Working time: weekly plans, dated days, time off, public holidays, opening hours.

Every change that takes working time away lowers capacity and is decided exactly,
like a booking (through `capacity_lowered`): the appointments of the professionals
concerned in the time taken away lose their professional, and every appointment
without one must still fit among those who work then. Otherwise the change is
refused with the appointments it would strand, or, by a manager's choice and with
a reason, applied with those set aside as a conflict. Giving working time back
(removing time off, opening on a holiday) is never refused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Connection

from scheduler_app.db import directory as directory_rows
from scheduler_app.db import working_time as rows
from scheduler_app.db.working_time_models import TimeOffKind
from scheduler_app.domain.capacity import FOREVER, Span
from scheduler_app.domain.opening_hours import HoursError, check_day, outer_span
from scheduler_app.domain.spans import merged
from scheduler_app.domain.working_time import Off, OffDuty, Roster, WeeklyRange, Why
from scheduler_app.errors import NotFoundError, ValidationError
from scheduler_app.services import availability, lowering, reading, unit_of_work
from scheduler_app.services.audit import record
from scheduler_app.services.checks import MANAGERS, check_actor, check_professional
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.guard import guarded
from scheduler_app.services.local_check import Snapshot
from scheduler_app.services.permissions import readers, writes
from scheduler_app.services.rules import RuleDetails, add_rule, check_rule

#: How far ahead a change of plans is decided (appointments are rarely booked further).
HORIZON = timedelta(days=400)
#: The most stretches of added working time a change reports (the earliest).
MAX_ADDED = 60
#: Years whose public holidays can be listed (those a roster knows).
FIRST_HOLIDAY_YEAR = date.today().year - rows.HOLIDAY_YEARS_BACK
LAST_HOLIDAY_YEAR = date.today().year + rows.HOLIDAY_YEARS_AHEAD


@dataclass(frozen=True, slots=True)
class OffView:
    """A time someone takes no appointments, as the calendar shades it."""

    start: datetime
    end: datetime
    why: str  # "clinic closed", "holiday", "not working", "time off"
    detail: str
    professional_id: int | None


@dataclass(frozen=True, slots=True)
class TimeOffView:
    """An absence, a blackout or (no professional) a closure of the clinic."""

    id: int
    professional_id: int | None
    kind: TimeOffKind
    reason: str
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class HolidayView:
    day: date
    name: str
    #: The clinic opens on it all the same.
    is_open: bool


@dataclass(frozen=True, slots=True)
class Holidays:
    """The clinic's public holidays in a year, and where they come from."""

    country: str
    subdivision: str
    days: tuple[HolidayView, ...]


@dataclass(frozen=True, slots=True)
class Lowered:
    """What a change that took working time away did."""

    #: Appointments that lost their professional (they wait for another).
    unassigned: int
    #: Appointments set aside as a conflict (a forced change only).
    set_aside: int
    #: Working time the change added (start, end, professional), earliest first and at
    #: most `MAX_ADDED`: times clients on the waitlist may now be booked at.
    added: tuple[tuple[datetime, datetime, int], ...] = ()


@guarded
class WorkingTimeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- reads ---------------------------------------------------------------

    @readers
    def off_times(self, start: datetime, end: datetime) -> list[OffView]:
        """Why the clinic (professional None) and each professional take no
        appointments within ``[start, end)`` (for shading the calendar)."""

        def work(conn: Connection) -> list[OffView]:
            org = self.ctx.organization_id
            _version, roster = rows.load_roster(conn, org, self.ctx.timezone)
            time_off = rows.time_off_between(conn, org, start, end)
            professionals = rows.active_professionals(conn, org)
            return _off_views(OffDuty(roster), time_off, professionals, start, end)

        return reading.read_connection(self.ctx, work)

    @readers
    def off_times_in(self, snapshot: Snapshot, start: datetime, end: datetime) -> list[OffView]:
        """`off_times` within a period whose decision snapshot the desk read
        (`BookingService.decision_snapshot` of ``[start, end)``): nothing is read again."""
        world = snapshot.world
        return _off_views(world.duty, snapshot.time_off, list(world.off), start, end)

    @readers
    def weekly_plan(self, professional_id: int) -> list[WeeklyRange]:
        return reading.read_connection(
            self.ctx,
            lambda conn: rows.weekly_plan(conn, self.ctx.organization_id, professional_id),
        )

    @readers
    def time_off(self, since: datetime | None = None) -> list[TimeOffView]:
        """Time off ending after ``since`` (default: now), by start."""
        after = since or self.ctx.now()
        found = reading.read_connection(
            self.ctx, lambda conn: rows.time_off_from(conn, self.ctx.organization_id, after)
        )
        return [
            TimeOffView(
                r.id, r.professional_id, TimeOffKind(r.kind), r.reason, r.start_at, r.end_at
            )
            for r in found
        ]

    @readers
    def dated_days(self, professional_id: int) -> dict[date, list[tuple[time, time]]]:
        """``professional_id``'s days that replace their plan, from today on (day ->
        hours; []: not working that day)."""
        today = self.ctx.now().astimezone(self.ctx.timezone).date()
        return reading.read_connection(
            self.ctx,
            lambda conn: rows.days_from(conn, self.ctx.organization_id, professional_id, today),
        )

    @readers
    def holidays(self, year: int) -> Holidays:
        """The public holidays of ``year`` where the clinic is, each closed or open."""
        if not FIRST_HOLIDAY_YEAR <= year <= LAST_HOLIDAY_YEAR:
            raise ValidationError(
                f"Public holidays are known from {FIRST_HOLIDAY_YEAR} to {LAST_HOLIDAY_YEAR}."
            )

        def work(conn: Connection) -> Holidays:
            org = self.ctx.organization_id
            country, subdivision = rows.holiday_place(conn, org)
            openings = rows.holiday_openings(conn, org)
            known = rows.holiday_calendar(country, subdivision)
            days = tuple(
                HolidayView(day, name, day in openings)
                for day, name in sorted(known.items())
                if day.year == year
            )
            return Holidays(country, subdivision, days)

        return reading.read_connection(self.ctx, work)

    # -- changes -------------------------------------------------------------

    @writes(*MANAGERS)
    def set_weekly_plan(
        self,
        actor_id: int,
        professional_id: int,
        ranges: Sequence[WeeklyRange],
        *,
        force_reason: str = "",
    ) -> Lowered:
        """``professional_id`` works ``ranges`` from now on (no ranges: whenever the
        clinic is open)."""
        for r in ranges:
            _check_range(r.starts, r.ends)

        def change(tx: unit_of_work.ScheduleChange, roster: Roster) -> tuple[Roster, str]:
            facts = tx.facts(actor_id, professional_id=professional_id)
            check_actor(facts.actor, *MANAGERS)
            prof = check_professional(facts.new_professional)
            rows.replace_weekly_plan(tx.conn, self.ctx.organization_id, prof.id, ranges)
            plans = {**roster.plans, prof.id: tuple(ranges)}
            after = Roster(roster.tz, roster.opening, roster.holidays, plans, roster.days)
            return after, f"{prof.name}'s new weekly plan"

        return self._lowering(actor_id, change, [professional_id], force_reason)

    @writes(*MANAGERS)
    def set_day(
        self,
        actor_id: int,
        professional_id: int,
        day: date,
        hours: Sequence[tuple[time, time]] | None,
        *,
        force_reason: str = "",
    ) -> Lowered:
        """On ``day`` ``professional_id`` works ``hours`` instead of the plan ([]: not at
        all; None: the plan again), e.g. "works Sat 12 Dec 09-13"."""
        for starts, ends in hours or ():
            _check_range(starts, ends)

        def change(tx: unit_of_work.ScheduleChange, roster: Roster) -> tuple[Roster, str]:
            facts = tx.facts(actor_id, professional_id=professional_id)
            check_actor(facts.actor, *MANAGERS)
            prof = check_professional(facts.new_professional)
            rows.replace_day(tx.conn, self.ctx.organization_id, prof.id, day, hours)
            days = dict(roster.days)
            days.pop((prof.id, day), None)
            if hours is not None:
                days[(prof.id, day)] = tuple(hours)
            after = Roster(roster.tz, roster.opening, roster.holidays, roster.plans, days)
            return after, f"{prof.name}'s hours on {day:%a %d %b %Y}"

        return self._lowering(actor_id, change, [professional_id], force_reason)

    @writes(*MANAGERS)
    def set_period(
        self,
        actor_id: int,
        professional_id: int,
        ranges: Sequence[WeeklyRange] | None,
        days: Mapping[date, Sequence[tuple[time, time]]],
        *,
        rules: Sequence[RuleDetails] = (),
        cause: str = "",
        force_reason: str = "",
    ) -> Lowered:
        """One change for a period of ``professional_id``'s plan (a template copied
        into it): their weekly plan becomes ``ranges`` (None: kept), ``days`` replace
        it on their dates ([]: not working), and ``rules`` are added (booking rules,
        audited), all decided together like any change that takes working time away."""
        for r in ranges or ():
            _check_range(r.starts, r.ends)
        for hours in days.values():
            for starts, ends in hours:
                _check_range(starts, ends)
        for rule in rules:
            check_rule(rule)

        def change(tx: unit_of_work.ScheduleChange, roster: Roster) -> tuple[Roster, str]:
            facts = tx.facts(actor_id, professional_id=professional_id)
            check_actor(facts.actor, *MANAGERS)
            prof = check_professional(facts.new_professional)
            org = self.ctx.organization_id
            plans, dated = dict(roster.plans), dict(roster.days)
            if ranges is not None:
                rows.replace_weekly_plan(tx.conn, org, prof.id, ranges)
                plans[prof.id] = tuple(ranges)
            rows.replace_days(tx.conn, org, prof.id, days)
            for day, hours in days.items():
                dated[(prof.id, day)] = tuple(hours)
            for rule in rules:
                add_rule(tx.conn, self.ctx, actor_id, rule)
            after = Roster(roster.tz, roster.opening, roster.holidays, plans, dated)
            return after, f"{prof.name}: {cause.strip() or 'a new plan for a period'}"

        return self._lowering(actor_id, change, [professional_id], force_reason)

    @writes(*MANAGERS)
    def add_time_off(
        self,
        actor_id: int,
        start: datetime,
        end: datetime,
        *,
        professional_id: int | None = None,
        kind: TimeOffKind = TimeOffKind.ABSENCE,
        reason: str = "",
        force_reason: str = "",
    ) -> Lowered:
        """Time off for ``professional_id`` (an absence, a blackout) or, without one, a
        closure of the whole clinic."""
        if end <= start:
            raise ValidationError("Time off must end after it starts.")
        if professional_id is None and kind not in (TimeOffKind.CLOSURE, TimeOffKind.BLACKOUT):
            raise ValidationError("Without a professional, time off closes the whole clinic.")
        lo, hi = int(start.timestamp()), int(end.timestamp())

        def change(tx: unit_of_work.ScheduleChange, roster: Roster) -> tuple[Roster, str]:
            facts = tx.facts(actor_id, professional_id=professional_id)
            check_actor(facts.actor, *MANAGERS)
            who = "The clinic"
            if professional_id is not None:
                who = check_professional(facts.new_professional).name
            rows.add_time_off(
                tx.conn,
                self.ctx.organization_id,
                professional_id=professional_id,
                kind=kind,
                reason=reason.strip(),
                start=start,
                end=end,
                created_by=actor_id,
                at=self.ctx.now(),
            )
            tz = self.ctx.timezone
            cause = f"{who} {kind.value} {availability.span(start, end, tz)}"
            return roster, cause

        professionals = [professional_id] if professional_id is not None else None
        return self._lowering(actor_id, change, professionals, force_reason, extra=[(lo, hi)])

    @writes(*MANAGERS)
    def remove_time_off(
        self, actor_id: int, time_off_id: int
    ) -> tuple[datetime, datetime, int | None]:
        """Give time off back (never refused: it adds working time); returns the time
        given back and whose it was (None: the whole clinic's), to offer to the
        clients waiting."""

        def work(tx: unit_of_work.ScheduleChange) -> tuple[datetime, datetime, int | None]:
            check_actor(tx.facts(actor_id).actor, *MANAGERS)
            gone = rows.remove_time_off(tx.conn, self.ctx.organization_id, time_off_id)
            if gone is None:
                raise NotFoundError("That time off no longer exists.")
            record(tx.conn, self.ctx, actor_id, "remove", "time_off", time_off_id)
            return gone

        return unit_of_work.change(self.ctx, work)

    @writes(*MANAGERS)
    def set_holidays(
        self, actor_id: int, country: str, subdivision: str = "", *, force_reason: str = ""
    ) -> Lowered:
        """The clinic closes on the public holidays of ``country`` (ISO code, "" none)
        and ``subdivision``."""
        country, subdivision = country.strip().upper(), subdivision.strip().upper()
        try:
            rows.holiday_calendar(country, subdivision)
        except (NotImplementedError, KeyError, ValueError):
            raise ValidationError(
                f"There are no public holidays known for {country!r} {subdivision!r}."
            ) from None

        def change(tx: unit_of_work.ScheduleChange, roster: Roster) -> tuple[Roster, str]:
            check_actor(tx.facts(actor_id).actor, *MANAGERS)
            rows.set_holidays(tx.conn, self.ctx.organization_id, country, subdivision)
            closed = rows.holiday_calendar(country, subdivision)
            after = Roster(roster.tz, roster.opening, closed, roster.plans, roster.days)
            return after, f"The public holidays of {country or 'no country'}"

        return self._lowering(actor_id, change, None, force_reason)

    @writes(*MANAGERS)
    def set_holiday_open(
        self, actor_id: int, day: date, is_open: bool, *, force_reason: str = ""
    ) -> Lowered:
        """The clinic opens on the public holiday ``day`` (never refused: it adds
        working time), or keeps it closed again (decided like any change that takes
        working time away)."""

        def change(tx: unit_of_work.ScheduleChange, roster: Roster) -> tuple[Roster, str]:
            check_actor(tx.facts(actor_id).actor, *MANAGERS)
            country, subdivision = rows.holiday_place(tx.conn, self.ctx.organization_id)
            name = rows.holiday_calendar(country, subdivision).get(day)
            if name is None:
                raise ValidationError(f"{day:%a %d %b %Y} is not a public holiday here.")
            rows.set_holiday_open(tx.conn, self.ctx.organization_id, day, name, is_open)
            closed = dict(roster.holidays)
            if is_open:
                closed.pop(day, None)
            else:
                closed[day] = name
            after = Roster(roster.tz, roster.opening, closed, roster.plans, roster.days)
            return after, f"Closing on {name} ({day:%a %d %b %Y})"

        return self._lowering(actor_id, change, None, force_reason)

    @writes(*MANAGERS)
    def set_opening_hours(
        self,
        actor_id: int,
        week: dict[int, list[tuple[time, time]]],
        *,
        force_reason: str = "",
    ) -> Lowered:
        """The clinic opens ``week`` (weekday, 0 Monday -> ranges; a range closing at
        00:00 runs to midnight, 00:00-00:00 is the whole day; a weekday left out is
        closed)."""
        checked = {}
        for day, hours in week.items():
            if day not in range(7):
                raise ValidationError("A weekday is from Monday (0) to Sunday (6).")
            try:
                checked[day] = check_day(hours)
            except HoursError as exc:
                raise ValidationError(str(exc)) from exc
        outer = outer_span(checked)

        def change(tx: unit_of_work.ScheduleChange, roster: Roster) -> tuple[Roster, str]:
            check_actor(tx.facts(actor_id).actor, *MANAGERS)
            rows.set_opening_hours(tx.conn, self.ctx.organization_id, checked, outer)
            after = Roster(roster.tz, checked, roster.holidays, roster.plans, roster.days)
            return after, "The new opening hours"

        return self._lowering(actor_id, change, None, force_reason)

    # -- the one way to take working time away --------------------------------

    def _lowering(
        self,
        actor_id: int,
        change: Callable[[unit_of_work.ScheduleChange, Roster], tuple[Roster, str]],
        professionals: list[int] | None,
        force_reason: str,
        *,
        extra: Sequence[Span] = (),
    ) -> Lowered:
        """Apply ``change`` (which writes and returns the roster after it, and what it
        is in words) as a change that lowers capacity, decided exactly."""
        reason = force_reason.strip()

        def work(tx: unit_of_work.ScheduleChange) -> tuple[int, list[tuple[int, Span]]]:
            org, tz = self.ctx.organization_id, self.ctx.timezone
            _version, before = rows.load_roster(tx.conn, org, tz)
            after, cause = change(tx, before)
            single = professionals is not None and len(professionals) == 1
            record(
                tx.conn,
                self.ctx,
                actor_id,
                "working time",
                "professional" if single and professionals else "organization",
                professionals[0] if single and professionals else org,
                after={"change": cause, **({"reason": reason} if reason else {})},
            )
            who = professionals or rows.active_professionals(tx.conn, org)
            now = int(self.ctx.now().timestamp())
            lo, hi = now, now + int(HORIZON.total_seconds())
            taken = _taken(OffDuty(before), OffDuty(after), who, lo, hi)
            # Off before and not after: working time the change added.
            given = _taken(OffDuty(after), OffDuty(before), who, lo, hi)
            added = sorted(
                ((max(a, lo), min(b, hi)), p) for p, spans in given.items() for a, b in spans
            )
            for p in who:
                taken[p] = merged([*taken.get(p, []), *extra])
            names = directory_rows.professional_names(tx.conn, org, professionals or ())
            team = tuple(names[p] for p in professionals or () if p in names)
            force = unit_of_work.Force(actor_id, reason, team) if reason else None
            unassigned = lowering.capacity_lowered(tx, self.ctx, actor_id, taken, cause, force)
            return unassigned, [(p, span) for span, p in added[:MAX_ADDED]]

        (unassigned, added), set_aside = unit_of_work.change_setting_aside(self.ctx, work)
        return Lowered(
            unassigned,
            len(set_aside),
            tuple((_utc(start), _utc(end), p) for p, (start, end) in added),
        )


def _taken(
    before: OffDuty, after: OffDuty, who: Iterable[int], lo: int, hi: int
) -> dict[int, list[Span]]:
    """Per professional, the spans within ``[lo, hi)`` off after the change but not
    before (worked out once for professionals with the same hours before and after)."""
    taken: dict[int, list[Span]] = {}
    who = list(who)
    same = {p: n for n, group in enumerate(before.roster.alike(who)) for p in group}
    for group in after.roster.alike(who):
        by_before: dict[int, list[int]] = {}
        for p in group:
            by_before.setdefault(same[p], []).append(p)
        for alike in by_before.values():
            old = before.spans(alike[0], lo, hi)
            new = after.spans(alike[0], lo, hi)
            spans = [s for s in _minus(new, old) if s[0] < hi and lo < s[1]]
            for p in alike:
                taken[p] = list(spans)
    return taken


def _utc(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def _minus(spans: Sequence[Span], away: Sequence[Span]) -> list[Span]:
    """``spans`` less ``away`` (both sorted, merged), in one pass over each."""
    out = []
    j = 0
    for start, end in spans:
        while j < len(away) and away[j][1] <= start:
            j += 1
        cursor, k = start, j
        while k < len(away) and away[k][0] < end:
            a, b = away[k]
            if a > cursor:
                out.append((cursor, a))
            cursor = max(cursor, b)
            k += 1
        if cursor < end:
            out.append((cursor, end))
    return out


def _check_range(starts: time, ends: time) -> None:
    if not starts < ends:
        raise ValidationError(
            f"{starts:%H:%M}-{ends:%H:%M}: working hours must end after they start."
        )


def _view(off: Off, lo: int, hi: int) -> OffView:
    return OffView(
        datetime.fromtimestamp(max(off.start, lo), UTC),
        datetime.fromtimestamp(min(off.end, hi, FOREVER), UTC),
        off.why.value,
        off.detail,
        off.professional,
    )


def holiday_places() -> dict[str, list[str]]:
    """The countries (ISO codes) whose public holidays are known, with their
    subdivisions."""
    import holidays as public_holidays

    found = public_holidays.list_supported_countries()
    return {code: list(subs) for code, subs in sorted(found.items()) if len(code) == 2}


def _off_views(
    duty: OffDuty,
    time_off: Sequence[Off],
    professionals: Sequence[int],
    start: datetime,
    end: datetime,
) -> list[OffView]:
    """Why the clinic and each of ``professionals`` take no appointments in ``[start,
    end)``, by their roster and ``time_off`` (at least the time off within it)."""
    lo, hi = int(start.timestamp()), int(end.timestamp())
    found: list[Off] = list(duty.reasons(None, lo, hi, time_off))
    for professional in sorted(professionals):
        found += [  # what is the professional's own (the clinic's is above)
            o
            for o in duty.reasons(professional, lo, hi, time_off)
            if o.why is Why.NOT_WORKING or o.professional == professional
        ]
    return [_view(o, lo, hi) for o in found]
