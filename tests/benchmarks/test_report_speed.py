"""A year's report over a million appointments, on SQLite and on PostgreSQL.

Run: `.venv/bin/python -m pytest -m benchmark -s tests/benchmarks/test_report_speed.py`
(size via BENCH_REPORT_ROWS). The clinic: 400 professionals, 8 services, 1M
appointments in 2025 (about ten per professional per working day: 70% completed
with an actual cost, 5% no-shows, 8% cancelled, the rest still booked; 3% not
billable), a quarter of them holding one of 40 rooms. Its working time: open
08:00-20:00 on weekdays and 09:00-13:00 on Saturdays, Portugal's public holidays,
a hundred professionals on A/B-week plans, fifty with a week's absence, two
closures, a maintenance week per room; 20 teams of 20.

Each report goes through `ReportService.report` and is timed three ways: the first
time (nothing kept: every day of the year counted from the appointments, as after an
import), with every day kept (the figures of each day kept by the first report,
added up by the database), and after another desk changed an appointment of the year
(that day counted again). Next to two baselines measured in the same run on the same
data: counting the year's rows (the least a report counted from the appointments
must do), and a flat count and sum per status (a report without periods or
breakdown, as a simple dashboard does).
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg
import pytest
from sqlalchemy import insert, text
from sqlalchemy.engine import make_url

from scheduler_app.db import migrate, report_days
from scheduler_app.db.base import table_of
from scheduler_app.db.engine import Database, open_database, sqlite_url
from scheduler_app.db.working_time_models import TimeOff, TimeOffKind, WorkRange
from scheduler_app.domain.report_periods import Period
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.reports import Breakdown, Report, ReportService
from scheduler_app.services.resources import ResourceDetails, ResourceService
from scheduler_app.services.teams import TeamService
from scheduler_app.services.working_time import WorkingTimeService
from tests.conftest import PG_ADMIN_URL, _libpq, _postgres_unavailable_reason, identity_with_account

pytestmark = pytest.mark.benchmark

ROWS = int(os.environ.get("BENCH_REPORT_ROWS", "1000000"))
PROFESSIONALS = 400
SERVICES = 8
YEAR = 2025
TZ = ZoneInfo("Europe/Lisbon")
COLUMNS = (
    "organization_id, title, description, start_at, end_at, status, priority, professional_id,"
    " service_id, location, is_virtual, meeting_url, estimated_cost, actual_cost, currency,"
    " is_billable, cancellation_reason, completion_notes, completion_feedback, external_id,"
    " external_url, created_by_id, updated_by_id, created_at, updated_at, version"
)


def _rows(org: int, actor: int, profs: list[int], services: list[int]) -> Iterator[tuple]:
    """ROWS appointments in YEAR, none overlapping for a professional."""
    rng = random.Random(21)
    made = 0
    day = datetime(YEAR, 1, 1, tzinfo=UTC)
    per_day = max(1, ROWS // (260 * len(profs)) + 1)
    while made < ROWS:
        if day.weekday() < 5:
            for prof in profs:
                start = day.replace(hour=8)
                for _ in range(per_day):
                    if made >= ROWS:
                        break
                    end = start + timedelta(minutes=45)
                    roll = rng.random()
                    status = (
                        "completed" if roll < 0.70 else "no_show" if roll < 0.75
                        else "cancelled" if roll < 0.83 else "confirmed"
                    )  # fmt: skip
                    service = services[rng.randrange(len(services))]
                    price = Decimal(30 + 5 * (service % 8))
                    actual = price + rng.choice((0, 0, 5, -5)) if status == "completed" else None
                    yield (
                        org, "", "", start, end, status, "normal", prof, service, "", False, "",
                        price, actual, "EUR", rng.random() > 0.03, "", "", "", "", "",
                        actor, actor, start, start, 1,
                    )  # fmt: skip
                    made += 1
                    start = end + timedelta(minutes=5)
        day += timedelta(days=1)


def _directory(database: Database) -> tuple[int, int, list[int], list[int]]:
    migrate.upgrade(database)
    identity = identity_with_account(database, "bench", TZ.key)
    org = identity.organization_id
    _clinic_hours(database, org, identity.staff_user_id)
    with database.engine.begin() as conn:
        profs = [
            conn.execute(
                text(
                    "INSERT INTO professional (organization_id, name, title, color, is_active,"
                    " sort_order) VALUES (:org, :name, '', '#336699', true, :n) RETURNING id"
                ),
                {"org": org, "name": f"Dr {n}", "n": n},
            ).scalar_one()
            for n in range(PROFESSIONALS)
        ]
        services = [
            conn.execute(
                text(
                    "INSERT INTO service (organization_id, name, duration_minutes, price,"
                    " currency, color, is_active, reminder_minutes)"
                    " VALUES (:org, :name, 45, 40, 'EUR', '#7cb342', true, '') RETURNING id"
                ),
                {"org": org, "name": f"Service {n}"},
            ).scalar_one()
            for n in range(SERVICES)
        ]
    _working_time(database, org, identity.staff_user_id, profs)
    return org, identity.staff_user_id, profs, services


ROOMS = 40
HOLDS = (
    "INSERT INTO appointment_resource (appointment_id, resource_id, start_at, end_at, active,"
    " single, picked) SELECT a.id, r.id, a.start_at, a.end_at, false, false, true"
    " FROM appointment a JOIN resource r ON r.organization_id = a.organization_id"
    " AND r.sort_order = a.id % {rooms} WHERE a.id % 4 = 0"
)


def _clinic_hours(database: Database, org: int, actor: int) -> None:
    """Opening hours and holidays, before there are professionals (with 400 the
    services take over a minute to decide each: measured 68 s)."""
    ctx = ServiceContext(database, org, TZ)
    ctx.desk.become(actor)
    hours = WorkingTimeService(ctx)
    week = {day: [(dtime(8), dtime(20))] for day in range(5)} | {5: [(dtime(9), dtime(13))]}
    hours.set_opening_hours(actor, week)
    hours.set_holidays(actor, "PT")


def _working_time(database: Database, org: int, actor: int, profs: list[int]) -> None:
    """Plans, absences and closures written straight into their tables (through the
    services each takes seconds with 400 professionals: measured 2-6 s for an
    absence), then rooms with maintenance and teams through the services."""
    ctx = ServiceContext(database, org, TZ)
    ctx.desk.become(actor)
    rooms, teams = ResourceService(ctx), TeamService(ctx)
    ranges = [(d, dtime(8), dtime(16), 0) for d in range(4)] + [
        (d, dtime(12), dtime(20), 1) for d in range(5)
    ]
    off = [
        (prof, TimeOffKind.SICK, datetime(YEAR, 2, 2, tzinfo=TZ) + timedelta(weeks=n % 40), 7)
        for n, prof in enumerate(profs[100:150])
    ] + [(None, TimeOffKind.CLOSURE, datetime(YEAR, m, 14, tzinfo=TZ), 1) for m in (4, 8)]
    with database.engine.begin() as conn:
        conn.execute(
            insert(table_of(WorkRange)),
            [
                {"organization_id": org, "professional_id": prof, "weekday": d, "starts": a,
                 "ends": b, "week_parity": parity}
                for prof in profs[:100]
                for d, a, b, parity in ranges
            ],
        )  # fmt: skip
        conn.execute(
            insert(table_of(TimeOff)),
            [
                {"organization_id": org, "professional_id": prof, "kind": kind, "reason": "",
                 "start_at": start, "end_at": start + timedelta(days=days),
                 "created_by_id": actor, "created_at": start}
                for prof, kind, start, days in off
            ],
        )  # fmt: skip
    for n in range(ROOMS):
        room = rooms.add(actor, ResourceDetails(f"Room {n}", "Room")).id
        start = datetime(YEAR, 1, 5, tzinfo=TZ) + timedelta(weeks=n)
        rooms.add_maintenance(actor, room, start, start + timedelta(days=7), "Service")
    for t in range(20):
        team = teams.add(actor, f"Team {t}")
        for prof in profs[t * 20 : t * 20 + 20]:
            teams.set_member(actor, team, prof)


def _sqlite(path: Path) -> tuple[Database, int]:
    database = open_database(sqlite_url(path))
    org, actor, profs, services = _directory(database)
    database.dispose()
    raw = sqlite3.connect(path)
    marks = ", ".join("?" * 26)

    def plain(row: tuple) -> tuple:  # type: ignore[type-arg]
        return tuple(
            v.replace(tzinfo=None).isoformat(sep=" ") if isinstance(v, datetime)
            else float(v) if isinstance(v, Decimal) else v
            for v in row
        )  # fmt: skip

    with raw:
        raw.executemany(
            f"INSERT INTO appointment ({COLUMNS}) VALUES ({marks})",
            (plain(r) for r in _rows(org, actor, profs, services)),
        )
    raw.execute(HOLDS.format(rooms=ROOMS).replace("false", "0").replace("true", "1"))
    raw.commit()
    raw.execute("ANALYZE")
    raw.close()
    return open_database(sqlite_url(path)), org


def _postgres(url: str) -> tuple[Database, int]:
    database = open_database(url)
    org, actor, profs, services = _directory(database)
    database.dispose()
    with psycopg.connect(_libpq(url)) as conn:
        with conn.cursor().copy(f"COPY appointment ({COLUMNS}) FROM STDIN") as copy:
            for row in _rows(org, actor, profs, services):
                copy.write_row(row)
        conn.execute(HOLDS.format(rooms=ROOMS))  # type: ignore[arg-type]
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE appointment")
        conn.execute("VACUUM ANALYZE appointment_resource")
    return open_database(url), org


def _median(call: Callable[[], object], reps: int = 5) -> str:
    """Median wall time of ``call``, and this process's CPU time (the desk's share: on
    SQLite the whole work, on PostgreSQL the server's is not in it), in ms."""
    call()  # warm: the first read fills the caches
    wall, cpu = [], []
    for _ in range(reps):
        begin, begin_cpu = time.perf_counter(), time.process_time()
        call()
        wall.append(time.perf_counter() - begin)
        cpu.append(time.process_time() - begin_cpu)
    return (
        f"{statistics.median(wall) * 1000:7.0f} ms (CPU here {statistics.median(cpu) * 1000:5.0f})"
    )


def _short(call: Callable[[], object], reps: int = 5) -> str:
    """`_median` in 22 columns."""
    return _median(call, reps).replace(" (CPU here", " (CPU").ljust(22)


def _measure(database: Database, org: int, name: str) -> None:
    ctx = ServiceContext(database, org, TZ)
    ctx.desk.become(identity_with_account(database, "bench", TZ.key).staff_user_id)
    reports = ReportService(ctx)
    first, last = date(YEAR, 1, 1), date(YEAR, 12, 31)
    start, end = datetime(YEAR, 1, 1, tzinfo=TZ), datetime(YEAR + 1, 1, 1, tzinfo=TZ)
    args = {"org": org, "start": start, "end": end}
    where = "organization_id = :org AND start_at >= :start AND start_at < :end"
    if database.is_sqlite:  # stored as 'YYYY-MM-DD HH:MM:SS' UTC
        args |= {
            k: v.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
            for k, v in (("start", start), ("end", end))
        }

    def sql(statement: str) -> Callable[[], object]:
        def run() -> object:
            with database.reader.connect() as conn:
                return conn.execute(text(statement), args).all()

        return run

    count = sql(f"SELECT count(*) FROM appointment WHERE {where}")
    flat = sql(
        "SELECT status, count(*), sum(estimated_cost), sum(actual_cost) FROM appointment"
        f" WHERE {where} GROUP BY status"
    )
    total = sum(r[1] for r in flat())  # type: ignore[attr-defined]
    with database.reader.connect() as conn:
        ids = list(conn.execute(text(f"SELECT id FROM appointment WHERE {where}"), args).scalars())
    rng = random.Random(5)

    def another_desk_changes_a_day() -> None:
        """One appointment of the year completed at another desk (a day to count again)."""
        with database.engine.begin() as conn:
            conn.execute(
                text("UPDATE appointment SET status = 'completed' WHERE id = :id"),
                {"id": rng.choice(ids)},
            )

    absences = iter(range(1, 1000))

    def an_absence_is_added() -> None:
        """A day's absence for a professional, as the working-time service writes it
        (through it, each takes seconds with 400 professionals: see `_working_time`)."""
        n = next(absences)
        begins = datetime(YEAR, 3, 2, 9, tzinfo=TZ) + timedelta(days=7 * (n % 40))
        with database.engine.begin() as conn:
            prof = (
                conn.execute(
                    text("SELECT id FROM professional WHERE organization_id = :org ORDER BY id"),
                    {"org": org},
                )
                .scalars()
                .all()[n % PROFESSIONALS]
            )
            conn.execute(
                insert(table_of(TimeOff)),
                {"organization_id": org, "professional_id": prof, "kind": TimeOffKind.SICK,
                 "reason": "", "start_at": begins, "end_at": begins + timedelta(hours=8),
                 "created_by_id": ctx.desk.actor_id, "created_at": begins},
            )  # fmt: skip
            conn.execute(
                text("UPDATE organization SET roster_version = roster_version + 1 WHERE id = :o"),
                {"o": org},
            )

    load = os.getloadavg()[0]
    print(f"\n{name}: a year's report over {total:,} appointments (load {load:.1f})")
    print(f"  baseline: count the year's rows            {_median(count)}")
    print(f"  baseline: count and sum per status (flat)  {_median(flat)}")
    print(
        f"  {'':<32} {'first: every':<10} {'days kept':<22} {'a day changed':<22}"
        f" {'a desk just':<22} an absence added"
    )
    print(
        f"  {'':<32} {'day counted':<10} {'':<22} {'at another desk':<22}"
        f" {'started, days kept':<22}"
    )
    for period, breakdown in (
        (Period.MONTH, Breakdown.NONE),
        (Period.MONTH, Breakdown.PROFESSIONAL),
        (Period.WEEK, Breakdown.SERVICE),
        (Period.DAY, Breakdown.NONE),
        (Period.MONTH, Breakdown.ROOM),
        (Period.MONTH, Breakdown.TEAM),
    ):
        with database.engine.begin() as conn:
            report_days.forget(conn, org)

        def run(period: Period = period, breakdown: Breakdown = breakdown) -> Report:
            made = reports.report(first, last, period, breakdown)
            assert made is not None
            return made

        began = time.perf_counter()
        report = run()
        counting = (time.perf_counter() - began) * 1000
        assert report.total.booked == total
        assert report.total.use is not None and report.total.use.working > 0
        assert run() == report  # from the kept days, the same

        def changed(run: Callable[[], Report] = run) -> Report:
            another_desk_changes_a_day()
            return run()

        def new_desk(period: Period = period, breakdown: Breakdown = breakdown) -> Report:
            desk = ServiceContext(database, org, TZ)
            desk.desk.become(ctx.desk.actor_id)
            made = ReportService(desk).report(first, last, period, breakdown)
            assert made is not None
            return made

        def absent(run: Callable[[], Report] = run) -> Report:
            an_absence_is_added()
            return run()

        label = f"per {period.value}, {breakdown.value}"
        print(
            f"  {label:<32} {counting:7.0f} ms {_short(run)} {_short(changed, 3)}"
            f" {_short(new_desk, 3)} {_short(absent, 3)}",
            flush=True,
        )
    use = report.total.use
    assert use is not None
    print(
        f"  utilisation of the year {report.total.utilisation:.1%}: {use.inside / 3600:,.0f}"
        f" of {use.working / 3600:,.0f} working hours, {use.outside / 3600:,.0f} outside"
    )


def test_a_years_report_on_sqlite(tmp_path: Path) -> None:
    database, org = _sqlite(tmp_path / "report.sqlite3")
    try:
        _measure(database, org, "SQLite")
    finally:
        database.dispose()


def test_a_years_report_on_postgresql() -> None:
    reason = _postgres_unavailable_reason()
    if reason is not None:
        pytest.skip(reason)
    name = f"scheduler_bench_{uuid.uuid4().hex[:8]}"
    admin = _libpq(PG_ADMIN_URL)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    try:
        database, org = _postgres(url)
        try:
            _measure(database, org, "PostgreSQL")
        finally:
            database.dispose()
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
