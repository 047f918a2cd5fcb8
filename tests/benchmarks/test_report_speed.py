"""A year's report over a million appointments, on SQLite and on PostgreSQL.

Run: `.venv/bin/python -m pytest -m benchmark -s tests/benchmarks/test_report_speed.py`
(size via BENCH_REPORT_ROWS). The clinic: 400 professionals, 8 services, 1M
appointments in 2025 (about ten per professional per working day: 70% completed
with an actual cost, 5% no-shows, 8% cancelled, the rest still booked; 3% not
billable). Each report goes through `ReportService.report` (the database's
grouping, then the figures in Python) and is printed next to two baselines
measured in the same run on the same data: counting the year's rows (the least
any report must do), and a flat count and sum per status (a report without
periods or breakdown, as a simple dashboard does).
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
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from scheduler_app.db import migrate
from scheduler_app.db.engine import Database, open_database, sqlite_url
from scheduler_app.domain.report_periods import Period
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.reports import Breakdown, ReportService
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
    return org, identity.staff_user_id, profs, services


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
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE appointment")
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
    load = os.getloadavg()[0]
    print(f"\n{name}: a year's report over {total:,} appointments (load {load:.1f})")
    print(f"  baseline: count the year's rows            {_median(count)}")
    print(f"  baseline: count and sum per status (flat)  {_median(flat)}")
    for period, breakdown in (
        (Period.MONTH, Breakdown.NONE),
        (Period.MONTH, Breakdown.PROFESSIONAL),
        (Period.WEEK, Breakdown.SERVICE),
        (Period.DAY, Breakdown.NONE),
    ):
        report = reports.report(first, last, period, breakdown)
        assert report is not None and report.total.booked == total

        def run(period: Period = period, breakdown: Breakdown = breakdown) -> object:
            return reports.report(first, last, period, breakdown)

        label = f"report per {period.value}, {breakdown.value}"
        print(f"  {label:<42} {_median(run, 3)}")


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
