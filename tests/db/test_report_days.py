"""A report counts each day once and keeps it; the next report reads the kept days
and counts again only the days something changed, on both databases.

Every change a desk makes (booking, status, money, a move, a room, working time, a
professional leaving), a hand-written UPDATE, a team's members and the clinic's time
zone: the next report equals the report counted afresh from the appointments (the
one `test_reports` and `test_utilisation` check against brute force), and shows the
change; days nothing touched are not counted again.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Connection, text

from scheduler_app.db import report_days
from scheduler_app.db.engine import Database
from scheduler_app.domain.report_periods import Period
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.domain.working_time import WeeklyRange
from scheduler_app.errors import SchedulerError
from scheduler_app.services import reading
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import AppointmentView, BookingRequest
from scheduler_app.services.reports import Breakdown, Report, ReportService
from scheduler_app.services.resources import ResourceDetails
from tests.conftest import make_clinic

S = AppointmentStatus
FIRST, LAST = date(2026, 3, 2), date(2026, 3, 15)
Reports = dict[tuple[Period, Breakdown], Report]


class Desk:
    """A clinic of three professionals (two in a team), a room and two services, open
    08:00-19:00 on weekdays, with two weeks of appointments; and its reports."""

    def __init__(self, database: Database) -> None:
        clinic = self.clinic = make_clinic(database, around_the_clock=False)
        services, admin = clinic.services, clinic.admin
        week = {day: [(time(8), time(19))] for day in range(5)}
        services.working_time.set_opening_hours(admin, week)
        self.people = clinic.professionals("Dr Silva", "Dr Costa", "Tom Becker")
        for prof in self.people:
            plan = [WeeklyRange(d, time(9), time(17)) for d in range(5)]
            services.working_time.set_weekly_plan(admin, prof, plan)
        self.team = services.teams.add(admin, "Physio")
        for prof in self.people[:2]:
            services.teams.set_member(admin, self.team, prof)
        self.room = services.resources.add(admin, ResourceDetails("Room 1", "Room")).id
        directory = clinic.directory
        self.consult = directory.add_service(admin, "Consultation", 30, Decimal("45")).id
        self.massage = directory.add_service(admin, "Massage", 60, Decimal("60")).id
        self.client = clinic.client()
        self.booked: list[AppointmentView] = []
        for n in range(12):
            day = FIRST + timedelta(days=n)
            if day.weekday() < 5:
                self.book(day, 9 + n % 6, self.people[n % 3], room=n % 4 == 0)

    def book(
        self, day: date, hour: int, prof: int | None, *, room: bool = False
    ) -> AppointmentView:
        start = self.clinic.at(day.day, hour, month=day.month)
        request = BookingRequest(
            start=start,
            professional_id=prof,
            service_id=self.massage if hour % 2 else self.consult,
            client_id=self.client,
            resource_ids=(self.room,) if room else (),
        )
        made = self.clinic.booking.book(self.clinic.admin, request)
        self.booked.append(made)
        return made

    def latest(self, appointment: AppointmentView) -> AppointmentView:
        return self.clinic.booking.get(appointment.id)

    def complete(self, appointment: AppointmentView, paid: Decimal) -> None:
        """Checked in on the day and completed, with what was paid."""
        clinic, life = self.clinic, self.clinic.lifecycle
        now = self.latest(appointment)
        clinic.clock.now = now.start
        checked = life.check_in(clinic.admin, now.id, now.version)
        life.complete(clinic.admin, now.id, checked.version, actual_cost=paid)

    def reports(self, service: ReportService | None = None) -> Reports:
        reports = service or self.clinic.services.reports
        out: Reports = {}
        for period in (Period.DAY, Period.WEEK):
            for breakdown in Breakdown:
                found = reports.report(FIRST, LAST, period, breakdown)
                assert found is not None
                out[(period, breakdown)] = found
        return out

    def afresh(self, service: ReportService | None = None) -> Reports:
        """The reports with nothing kept: every day counted from the appointments."""
        with self.clinic.services.database.engine.begin() as conn:
            report_days.forget(conn, self.clinic.services.context.organization_id)
        return self.reports(service)

    def counted(self) -> int:
        """How many steps of days the next report counts (0: every day kept)."""
        seen: list[tuple[int, int]] = []
        self.clinic.services.reports.report(
            FIRST, LAST, Period.DAY, progress=lambda done, total: seen.append((done, total))
        )
        return seen[-1][1] - 1


@pytest.fixture
def desk(database: Database) -> Desk:
    return Desk(database)


def _on(reports: Reports, day: date) -> tuple[int, ...]:
    """Booked, completed, cancelled, no-shows and the actual revenue in cents of ``day``."""
    (f,) = [p for p in reports[(Period.DAY, Breakdown.NONE)].periods if p.first == day]
    return f.booked, f.completed, f.cancelled, f.no_shows, int(f.actual * 100)


def _key(reports: Reports, breakdown: Breakdown, key: int) -> int:
    """What ``key`` has booked over the range."""
    return sum(f.booked for f in reports[(Period.WEEK, breakdown)].per_key if f.key == key)


def _working(reports: Reports, prof: int, day: date) -> int:
    lines = reports[(Period.DAY, Breakdown.PROFESSIONAL)].lines
    return sum(f.use.working for f in lines if f.key == prof and f.first == day and f.use)


def _room_working(reports: Reports, room: int, day: date) -> int:
    lines = reports[(Period.DAY, Breakdown.ROOM)].lines
    return sum(f.use.working for f in lines if f.key == room and f.first == day and f.use)


def test_each_change_shows_in_the_next_report_as_counted_afresh(desk: Desk) -> None:
    clinic, admin, life = desk.clinic, desk.clinic.admin, desk.clinic.lifecycle
    first = desk.reports()
    assert desk.counted() == 0  # all kept
    silva, costa, becker = desk.people
    tue, wed, thu, fri = (date(2026, 3, d) for d in (10, 11, 12, 13))
    steps: list[tuple[str, Callable[[], object], Callable[[Reports, Reports], bool]]] = [
        (
            "a booking",
            lambda: desk.book(tue, 16, costa),
            lambda a, b: _on(b, tue)[0] == _on(a, tue)[0] + 1,
        ),
        (
            "completed, with what was paid",
            lambda: desk.complete(desk.booked[-1], Decimal("52.50")),
            lambda a, b: (
                _on(b, tue)[1] == _on(a, tue)[1] + 1 and _on(b, tue)[4] == _on(a, tue)[4] + 5250
            ),
        ),
        (
            "cancelled",
            lambda: life.cancel(
                admin, desk.booked[3].id, desk.latest(desk.booked[3]).version, "Ill"
            ),
            lambda a, b: (
                sum(_on(b, d)[2] for d in (desk.booked[3].start.date(),))
                == sum(_on(a, d)[2] for d in (desk.booked[3].start.date(),)) + 1
            ),
        ),
        (
            "moved to another day",
            lambda: clinic.booking.reschedule(
                admin,
                desk.booked[0].id,
                desk.latest(desk.booked[0]).version,
                clinic.at(12, 16),
                clinic.at(12, 16, 30),
            ),
            lambda a, b: (
                _on(b, FIRST)[0] == _on(a, FIRST)[0] - 1 and _on(b, thu)[0] == _on(a, thu)[0] + 1
            ),
        ),
        (
            "a room held",
            lambda: desk.book(wed, 16, becker, room=True),
            lambda a, b: (
                _key(b, Breakdown.ROOM, desk.room) == _key(a, Breakdown.ROOM, desk.room) + 1
            ),
        ),
        (
            "an absence",
            lambda: clinic.services.working_time.add_time_off(
                admin,
                clinic.at(13, 9),
                clinic.at(13, 17),
                professional_id=silva,
            ),
            lambda a, b: _working(b, silva, fri) == 0 < _working(a, silva, fri),
        ),
        (
            "a professional leaving",
            lambda: clinic.services.professionals.leave(admin, becker, on=clinic.at(13, 15)),
            lambda a, b: (
                _working(b, becker, date(2026, 3, 13))
                == 6 * 3600
                < _working(a, becker, date(2026, 3, 13))
            ),
        ),
        (
            "maintenance on the room",
            lambda: clinic.services.resources.add_maintenance(
                admin, desk.room, clinic.at(13, 9), clinic.at(13, 17), "Painting"
            ),
            lambda a, b: (
                _room_working(b, desk.room, fri) == 3 * 3600 < _room_working(a, desk.room, fri)
            ),
        ),
        (
            "a new team member",
            lambda: clinic.services.teams.set_member(admin, desk.team, becker),
            lambda a, b: _key(b, Breakdown.TEAM, desk.team) > _key(a, Breakdown.TEAM, desk.team),
        ),
    ]
    before = first
    for what, change, shows in steps:
        change()
        after = desk.reports()
        assert shows(before, after), what
        assert after == desk.afresh(), what
        before = after


def test_a_hand_written_update_shows_too(desk: Desk) -> None:
    """The database counts every write, whatever made it (here: SQL typed by hand)."""
    before = desk.reports()
    appointment = desk.booked[2]
    with desk.clinic.services.database.engine.begin() as conn:
        conn.execute(
            text("UPDATE appointment SET status = :s WHERE id = :id"),
            {"s": S.NO_SHOW.value, "id": appointment.id},
        )
    assert desk.counted() == 1  # that day alone (a step)
    after = desk.reports()
    day = appointment.start.astimezone(desk.clinic.tz).date()
    assert _on(after, day)[3] == _on(before, day)[3] + 1
    assert after == desk.afresh()
    held = next(a for a in desk.booked if a.resource_ids)
    with desk.clinic.services.database.engine.begin() as conn:
        conn.execute(
            text("DELETE FROM appointment_resource WHERE appointment_id = :id"), {"id": held.id}
        )
    freed = desk.reports()
    assert _key(freed, Breakdown.ROOM, desk.room) == _key(after, Breakdown.ROOM, desk.room) - 1
    assert freed == desk.afresh()


def test_only_the_days_changed_are_counted_again(desk: Desk) -> None:
    desk.reports()
    assert desk.counted() == 0
    desk.book(date(2026, 3, 4), 16, desk.people[1])
    desk.book(date(2026, 3, 12), 16, desk.people[1])
    assert desk.counted() == 2  # two days, apart: two steps
    assert desk.counted() == 0
    clinic = desk.clinic  # an absence on a Friday: that day's working time alone
    clinic.services.working_time.add_time_off(
        clinic.admin, clinic.at(6, 9), clinic.at(6, 12), professional_id=desk.people[1]
    )
    assert desk.counted() == 1
    assert desk.reports() == desk.afresh()


def test_another_time_zone_cuts_other_days(desk: Desk) -> None:
    lisbon = desk.reports()
    ctx = desk.clinic.services.context
    far = ServiceContext(ctx.database, ctx.organization_id, ZoneInfo("Asia/Tokyo"))
    far.desk.become(desk.clinic.admin)
    tokyo = ReportService(far)
    kept = desk.reports(tokyo)
    assert kept != lisbon
    assert kept == desk.afresh(tokyo)
    assert desk.reports() == lisbon  # and back


@pytest.mark.parametrize("seed", range(3))
def test_random_changes_agree_with_counting_afresh(desk: Desk, seed: int) -> None:
    rng = random.Random(seed)
    clinic, admin, life = desk.clinic, desk.clinic.admin, desk.clinic.lifecycle
    desk.reports()
    days = [
        FIRST + timedelta(days=n) for n in range(14) if (FIRST + timedelta(days=n)).weekday() < 5
    ]
    for _ in range(12):
        active = [a for a in (desk.latest(b) for b in desk.booked) if a.status.is_active]
        roll = rng.random()
        try:
            if roll < 0.35 or not active:
                desk.book(rng.choice(days), rng.randrange(9, 17), rng.choice([*desk.people, None]))
            elif roll < 0.55:
                a = rng.choice(active)
                life.cancel(admin, a.id, a.version, "Ill")
            elif roll < 0.75:
                a = rng.choice(active)
                day = rng.choice(days)
                start = clinic.at(day.day, rng.randrange(9, 17), month=day.month)
                clinic.booking.reschedule(admin, a.id, a.version, start, start + (a.end - a.start))
            else:
                desk.complete(rng.choice(active), Decimal(rng.randrange(20, 90)))
        except SchedulerError:  # a refused change (busy, closed) changes nothing
            pass
        kept = desk.reports()
        assert kept == desk.afresh(), seed


def test_per_team_the_time_of_nobody_in_a_team_makes_no_line(desk: Desk) -> None:
    """Tom Becker is in no team: his days without appointments make no "no team" line
    (his appointments do, as booked under no team)."""
    report = desk.reports()[(Period.DAY, Breakdown.TEAM)]
    assert [f for f in report.lines if f.key is None and not f.booked and not f.undone] == []
    assert any(f.key is None and f.booked for f in report.lines)


def test_a_report_reads_one_snapshot(desk: Desk) -> None:
    """Every statement of a report sees the database as it was when it began (on
    PostgreSQL the desk's reads otherwise see each statement's own moment)."""
    services = desk.clinic.services

    def twice(conn: Connection) -> tuple[object, object]:
        when = "SELECT count(*) FROM audit_entry"
        first = conn.exec_driver_sql(when).scalar()
        with services.database.engine.begin() as other:  # another desk writes meanwhile
            other.execute(
                text("UPDATE organization SET roster_version = roster_version + 1 WHERE id = :o"),
                {"o": services.context.organization_id},
            )
            other.exec_driver_sql(
                "INSERT INTO audit_entry (organization_id, actor_id, action, entity, entity_id,"
                " at) SELECT organization_id, actor_id, action, entity, entity_id, at"
                " FROM audit_entry LIMIT 1"
            )
        return first, conn.exec_driver_sql(when).scalar()

    first, again = reading.read_one_moment(services.context, twice)
    assert first == again
