"""Utilisation in reports against a brute-force oracle, on both databases.

Random clinics over twelve days around the spring DST change and Good Friday:
opening hours, public holidays (one maybe opened), weekly plans on every week or
on A or B weeks with validity dates, dated days, absences, closures, a professional
leaving or retired, rooms of capacity 1 and 2 with maintenance, teams, and
appointments of every status (overlapping ones, ones outside working time, ones
crossing midnight, unassigned ones). The roster is written through the services;
the appointments straight into the table (as past data may lie: working time
edited after they were booked). The oracle walks minute by minute and decides
working time from the rules as written, not from `OffDuty`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays as public_holidays
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, text, update

from scheduler_app.db.base import table_of
from scheduler_app.db.engine import Database
from scheduler_app.db.models import Appointment, Professional
from scheduler_app.db.resource_models import AppointmentResource
from scheduler_app.db.working_time_models import TimeOffKind
from scheduler_app.domain.report_periods import Period
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.domain.working_time import WeeklyRange
from scheduler_app.services.dto import OpeningRange
from scheduler_app.services.reports import Breakdown, Report
from scheduler_app.services.resources import ResourceDetails
from tests.conftest import Clinic, make_clinic

FIRST, LAST = date(2026, 3, 26), date(2026, 4, 6)  # DST on Sun 29 Mar, Good Friday 3 Apr
GOOD_FRIDAY = date(2026, 4, 3)
STATUSES = list(AppointmentStatus)
#: Tables a scenario writes, emptied before the next one (children first).
WRITTEN = (
    "appointment_resource",
    "resource_hours",
    "appointment",
    "team_member",
    "team",
    "time_off",
    "work_day",
    "work_range",
    "holiday_opening",
    "resource",
    "professional",
)


def _clock(rng: random.Random, lo: int = 0, hi: int = 48) -> time:
    half_hours = rng.randrange(lo, hi)
    return time(half_hours // 2, 30 * (half_hours % 2))


def _range(rng: random.Random) -> tuple[time, time]:
    a, b = sorted(rng.sample(range(1, 48), 2))
    return time(a // 2, 30 * (a % 2)), time(b // 2, 30 * (b % 2))


def _day_range(rng: random.Random) -> tuple[time, time]:
    """Mostly office hours; now and then any range."""
    if rng.random() < 0.3:
        return _range(rng)
    return _clock(rng, 14, 26), _clock(rng, 26, 42)


@dataclass
class Scenario:
    opening: dict[int, list[tuple[time, time]]]
    holidays: bool
    open_good_friday: bool
    plans: list[list[WeeklyRange] | None]  # per professional (None: no plan)
    days: list[dict[date, list[tuple[time, time]]]]
    absences: list[list[tuple[datetime, datetime]]]
    closures: list[tuple[datetime, datetime]]
    until: list[datetime | None]
    retired: list[bool]
    capacities: list[int]
    maintenance: list[list[tuple[datetime, datetime]]]
    #: Per room, its own weekly hours (empty: whenever the clinic is open).
    room_hours: list[dict[int, list[tuple[time, time]]]]
    teams: list[list[int]]  # professional indexes
    #: (professional index or None, start, end, status, room indexes)
    appointments: list[tuple[int | None, datetime, datetime, AppointmentStatus, list[int]]] = field(
        default_factory=list
    )


def scenario(rng: random.Random, tz: ZoneInfo, professionals: int = 3) -> Scenario:
    lo = datetime.combine(FIRST, time(0), tz)

    def moment(days_before: int = 0) -> datetime:
        minutes = rng.randrange(-days_before * 1440, 12 * 1440) // 5 * 5
        return (lo.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(tz)

    opening: dict[int, list[tuple[time, time]]] = {}
    for weekday in range(7):
        kind = rng.randrange(6)
        if kind == 1:
            opening[weekday] = [(time(8), time(19))]
        elif kind == 2:
            opening[weekday] = [(time(8), time(12, 30)), (time(14), time(19))]
        elif kind == 3:
            opening[weekday] = [(time(0), time(0))]
        elif kind >= 4:
            opening[weekday] = [(_clock(rng, 0, 24), time(0)) if kind == 4 else _day_range(rng)]

    def plan() -> list[WeeklyRange] | None:
        if rng.random() < 0.25:
            return None
        found = []
        for _ in range(rng.randrange(2, 9)):
            starts, ends = _day_range(rng)
            valid_from = FIRST + timedelta(days=rng.randrange(12)) if rng.random() < 0.2 else None
            valid_until = FIRST + timedelta(days=rng.randrange(12)) if rng.random() < 0.2 else None
            if valid_from and valid_until and valid_until < valid_from:
                valid_from, valid_until = valid_until, valid_from
            parity = rng.choice([None, None, 0, 1])
            found.append(
                WeeklyRange(rng.randrange(7), starts, ends, parity, valid_from, valid_until)
            )
        return found

    def daytime() -> datetime:
        """Mostly in the day, when clinics open; now and then any time."""
        if rng.random() < 0.2:
            return moment(1)
        day = FIRST + timedelta(days=rng.randrange(-1, 12))
        return datetime.combine(day, time(rng.randrange(7, 20), rng.randrange(12) * 5), tz)

    def span(most_hours: int) -> tuple[datetime, datetime]:
        start = moment(1)
        return start, start + timedelta(minutes=rng.randrange(1, most_hours * 12) * 5)

    people = range(professionals)
    return Scenario(
        opening=opening,
        holidays=rng.random() < 0.7,
        open_good_friday=rng.random() < 0.3,
        plans=[plan() for _ in people],
        days=[
            {
                FIRST + timedelta(days=rng.randrange(12)): (
                    [] if rng.random() < 0.4 else [_day_range(rng)]
                )
                for _ in range(rng.randrange(3))
            }
            for _ in people
        ],
        absences=[[span(30) for _ in range(rng.randrange(3))] for _ in people],
        closures=[span(20) for _ in range(rng.randrange(2))],
        until=[moment() if rng.random() < 0.15 else None for _ in people],
        retired=[rng.random() < 0.1 for _ in people],
        capacities=[1, 2],
        maintenance=[[span(10) for _ in range(rng.randrange(3))] for _ in range(2)],
        room_hours=[
            {
                d: [(_clock(rng, 12, 30), _clock(rng, 32, 48))]
                for d in rng.sample(range(7), rng.randrange(1, 6))
            }
            if rng.random() < 0.5
            else {}
            for _ in range(2)
        ],
        teams=[
            sorted(rng.sample(list(people), rng.randrange(1, professionals + 1))) for _ in range(2)
        ],
        appointments=[
            (
                rng.choice([None, *people]),
                start,
                start + timedelta(minutes=rng.choice([15, 30, 45, 60, 90, 240, 600])),
                rng.choice(STATUSES),
                rng.sample([0, 1], rng.randrange(3)),
            )
            for start in (daytime() for _ in range(rng.randrange(10, 50)))
        ],
    )


@dataclass
class Written:
    professionals: list[int]
    rooms: list[int]
    teams: list[int]


def write(clinic: Clinic, s: Scenario) -> Written:
    """The scenario through the services (the roster, rooms, teams) and straight into
    the tables (the appointments and what they hold)."""
    services, admin = clinic.services, clinic.admin
    database = services.database
    with database.engine.begin() as conn:
        for table in WRITTEN:
            conn.execute(text(f"DELETE FROM {table}"))
    wt = services.working_time
    wt.set_opening_hours(admin, s.opening)
    wt.set_holidays(admin, "PT" if s.holidays else "")
    if s.holidays and s.open_good_friday:
        wt.set_holiday_open(admin, GOOD_FRIDAY, True)
    profs = clinic.professionals(*(f"P{n}" for n in range(len(s.plans))))
    for p, plan, days, absences in zip(profs, s.plans, s.days, s.absences, strict=True):
        if plan is not None:
            wt.set_weekly_plan(admin, p, plan)
        for day, hours in days.items():
            wt.set_day(admin, p, day, hours)
        for start, end in absences:
            wt.add_time_off(admin, start, end, professional_id=p, kind=TimeOffKind.SICK)
    for start, end in s.closures:
        wt.add_time_off(admin, start, end, kind=TimeOffKind.CLOSURE)
    rooms = [
        services.resources.add(
            admin,
            ResourceDetails(
                f"Room {n}",
                "Room",
                capacity=c,
                hours=tuple(
                    OpeningRange(d, a, b) for d, ranges in hours.items() for a, b in ranges
                ),
            ),
        ).id
        for n, (c, hours) in enumerate(zip(s.capacities, s.room_hours, strict=True))
    ]
    for room, windows in zip(rooms, s.maintenance, strict=True):
        for start, end in windows:
            services.resources.add_maintenance(admin, room, start, end, "Service")
    teams = [services.teams.add(admin, f"Team {n}") for n in range(len(s.teams))]
    for team, members in zip(teams, s.teams, strict=True):
        for m in members:
            services.teams.set_member(admin, team, profs[m])
    org, now = services.context.organization_id, datetime.now(UTC)
    p_table = table_of(Professional)
    taken: dict[int, list[tuple[datetime, datetime]]] = {}
    with database.engine.begin() as conn:
        for p, until, retired in zip(profs, s.until, s.retired, strict=True):
            conn.execute(
                update(p_table)
                .where(p_table.c.id == p)
                .values(available_until=until, is_active=not retired)
            )
        for who, start, end, status, held in s.appointments:
            prof = None if who is None else profs[who]
            if status.is_active and prof is not None:  # the overlap guard holds active ones
                mine = taken.setdefault(prof, [])
                if any(a < end and start < b for a, b in mine):
                    status = AppointmentStatus.COMPLETED
                else:
                    mine.append((start, end))
            key = conn.execute(
                insert(table_of(Appointment))
                .values(
                    organization_id=org,
                    start_at=start,
                    end_at=end,
                    status=status,
                    professional_id=prof,
                    created_by_id=admin,
                    updated_by_id=admin,
                    created_at=now,
                    updated_at=now,
                )
                .returning(table_of(Appointment).c.id)
            ).scalar_one()
            for r in held:
                conn.execute(
                    insert(table_of(AppointmentResource)).values(
                        appointment_id=key,
                        resource_id=rooms[r],
                        start_at=start,
                        end_at=end,
                        active=False,
                        single=False,
                    )
                )
    return Written(profs, rooms, teams)


# -- the oracle: minute by minute, working time from the rules as written ------------


def _within(wall: time, hours: list[tuple[time, time]]) -> bool:
    return any(a <= wall and (wall < b or b == time(0)) for a, b in hours)


def oracle(s: Scenario, tz: ZoneInfo) -> dict[tuple[str, int | None, date], tuple[int, int, int]]:
    """(kind, index, day) -> (working, inside, outside) seconds; kind "p" professional
    (index), "r" room (index), "t" team (index), "c" the clinic (None)."""
    closed_days = (
        {d for d in public_holidays.country_holidays("PT", years=2026)} if s.holidays else set()
    )
    if s.open_good_friday:
        closed_days.discard(GOOD_FRIDAY)
    lo = int(datetime.combine(FIRST, time(0), tz).timestamp())
    hi = int(datetime.combine(LAST + timedelta(days=1), time(0), tz).timestamp())
    people = range(len(s.plans))

    def inside(spans: list[tuple[datetime, datetime]], at: int) -> bool:
        return any(a.timestamp() <= at < b.timestamp() for a, b in spans)

    held_by: dict[tuple[str, int], dict[int, int]] = {}
    for who, start, end, status, rooms in s.appointments:
        if status is AppointmentStatus.CANCELLED:
            continue
        for minute in range(int(start.timestamp()), int(end.timestamp()), 60):
            if who is not None:
                held_by.setdefault(("p", who), {})[minute] = 1
            for r in rooms:
                counts = held_by.setdefault(("r", r), {})
                counts[minute] = counts.get(minute, 0) + 1
    out: dict[tuple[str, int | None, date], tuple[int, int, int]] = {}

    def add(key: tuple[str, int | None, date], working: int, booked: int) -> None:
        w, i, o = out.get(key, (0, 0, 0))
        out[key] = (
            w + 60 * working,
            i + 60 * min(booked, working),
            o + 60 * (booked - min(booked, working)),
        )

    for minute in range(lo, hi, 60):
        local = datetime.fromtimestamp(minute, tz)
        day, wall = local.date(), local.time()
        clinic_open = (
            day not in closed_days
            and _within(wall, s.opening.get(day.weekday(), []))
            and not inside(s.closures, minute)
        )
        works = []
        for p in people:
            if (s.days[p]).get(day) is not None:
                mine = _within(wall, s.days[p][day])
            elif s.plans[p] is not None:
                parity = ((day - date(1970, 1, 5)).days // 7) % 2
                mine = _within(
                    wall,
                    [
                        (r.starts, r.ends)
                        for r in s.plans[p] or []
                        if r.weekday == day.weekday()
                        and (r.week_parity is None or r.week_parity == parity)
                        and (r.valid_from is None or day >= r.valid_from)
                        and (r.valid_until is None or day <= r.valid_until)
                    ],
                )
            else:
                mine = True
            until = s.until[p]
            at_work = (
                clinic_open
                and mine
                and not s.retired[p]
                and not inside(s.absences[p], minute)
                and (until is None or minute < until.timestamp())
            )
            works.append(at_work)
            booked = held_by.get(("p", p), {}).get(minute, 0)
            add(("p", p, day), int(at_work), booked)
            add(("c", None, day), int(at_work), booked)
            for t, members in enumerate(s.teams):
                if p in members:
                    add(("t", t, day), int(at_work), booked)
        for r, capacity in enumerate(s.capacities):
            own = s.room_hours[r]
            available = (
                clinic_open
                and not inside(s.maintenance[r], minute)
                and (not own or _within(wall, own.get(day.weekday(), [])))
            )
            held = min(held_by.get(("r", r), {}).get(minute, 0), capacity)
            w, i, o = out.get(("r", r, day), (0, 0, 0))
            inside_places = held if available else 0
            out[("r", r, day)] = (
                w + 60 * capacity * int(available),
                i + 60 * inside_places,
                o + 60 * (held - inside_places),
            )
    return out


def check(clinic: Clinic, s: Scenario) -> None:
    written = write(clinic, s)
    expected = oracle(s, clinic.tz)
    reports = clinic.services.reports

    def seen(report: Report, kind: str, ids: list[int] | None) -> dict[tuple, tuple[int, int, int]]:
        out = {}
        lines = report.periods if ids is None else report.lines
        for f in lines:
            if ids is not None and f.key not in ids:
                continue
            assert f.use is not None, (kind, f)
            index = None if ids is None else ids.index(f.key)
            out[(kind, index, f.first)] = (f.use.working, f.use.inside, f.use.outside)
        return out

    for breakdown, kind, ids in (
        (Breakdown.NONE, "c", None),
        (Breakdown.PROFESSIONAL, "p", written.professionals),
        (Breakdown.ROOM, "r", written.rooms),
        (Breakdown.TEAM, "t", written.teams),
    ):
        report = reports.report(FIRST, LAST, Period.DAY, breakdown)
        assert report is not None
        got = seen(report, kind, ids)
        wanted = {k: v for k, v in expected.items() if k[0] == kind and v != (0, 0, 0)}
        got = {k: v for k, v in got.items() if v != (0, 0, 0)}
        assert got == wanted, (breakdown, s)
        # By the week, from the days the day report kept (added up by the database).
        weeks = reports.report(FIRST, LAST, Period.WEEK, breakdown)
        assert weeks is not None
        for f in weeks.periods if ids is None else weeks.lines:
            if ids is not None and f.key not in ids:
                continue
            index = None if ids is None else ids.index(f.key)
            days = [
                v for k, v in expected.items() if k[:2] == (kind, index) and f.first <= k[2] < f.end
            ]
            assert f.use is not None
            assert (f.use.working, f.use.inside, f.use.outside) == tuple(
                sum(v[i] for v in days) for i in range(3)
            ), (breakdown, f.first, s)
        if ids is not None:  # the whole range per key adds the days up
            for f in report.per_key:
                if f.key in ids and f.use is not None:
                    index = ids.index(f.key)
                    days = [v for k, v in expected.items() if k[:2] == (kind, index)]
                    assert (f.use.working, f.use.inside, f.use.outside) == tuple(
                        sum(v[i] for v in days) for i in range(3)
                    )


@pytest.fixture
def bare(database: Database) -> Clinic:
    return make_clinic(database, around_the_clock=False)


@pytest.mark.parametrize("seed", range(6))
def test_seeded_days_agree_with_minute_by_minute(bare: Clinic, seed: int) -> None:
    check(bare, scenario(random.Random(seed), bare.tz))


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(seed=st.integers(0, 2**32 - 1), professionals=st.integers(1, 4))
def test_random_clinics_agree_with_minute_by_minute(
    bare: Clinic, seed: int, professionals: int
) -> None:
    check(bare, scenario(random.Random(seed), bare.tz, professionals))
