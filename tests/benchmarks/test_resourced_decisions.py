"""One decision with rooms and skills in a 1,000,000-appointment clinic, database
reads included, on SQLite and PostgreSQL, next to the same decision without them.

Run: `.venv/bin/python -m pytest -m benchmark -s tests/benchmarks/test_resourced_decisions.py`
(history via BENCH_RESOURCED_ROWS, default 1,000,000).

The clinic: 50 professionals, each with 2-4 of 5 skills; 20 resources (12 treatment
rooms, 4 consulting rooms, 4 ultrasound machines); services that need a room or a
machine and skills. Years of history and the two weeks to come hold about ten
appointments per professional and working day (08:00-19:00), each of a service
picked at random and holding a free resource of what it needs (first free one, as
a booking picks); in the two weeks to come 10-35% of a day's appointments have no
professional yet, so a decision must find eligible (skilled) professionals for them.
Decisions are asked through `BookingService.check_availability` for times in those
two weeks: with the service that needs a treatment room and a skill (eligibility,
rooms), and with no service (the decision without resources), alternately on the
same times. Target: median <= 2 ms with rooms and skills.
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from scheduler_app.db.engine import Database, open_database, sqlite_url
from scheduler_app.db.migrate import upgrade
from scheduler_app.services.dto import ServiceDetails
from scheduler_app.services.resources import ResourceDetails
from tests.benchmarks.counting_baseline import as_text
from tests.benchmarks.test_postgres_speed import (
    _p,
    _time,
    server_database,  # noqa: F401 (fixture)
)
from tests.conftest import NOW, Clinic, _libpq, make_clinic

pytestmark = [pytest.mark.benchmark, pytest.mark.timeout(2400)]

ROWS = int(os.environ.get("BENCH_RESOURCED_ROWS", "1000000"))
PROFESSIONALS = 50
SKILLS = ("Manual therapy", "Dry needling", "Paediatrics", "Sports", "Ultrasound imaging")
#: (name, category, how many, kind)
RESOURCES = (
    ("Treatment room", "Treatment room", 12, "room"),
    ("Consulting room", "Consulting room", 4, "room"),
    ("Ultrasound", "Ultrasound", 4, "equipment"),
)
#: (name, minutes, the category it needs or "", the skills it needs)
SERVICES = (
    ("Physiotherapy", 60, "Treatment room", ("Manual therapy",)),
    ("Sports massage", 45, "Treatment room", ("Sports",)),
    ("Scan", 30, "Ultrasound", ("Ultrasound imaging",)),
    ("Consultation", 30, "Consulting room", ()),
    ("Follow-up", 20, "", ()),
)
TARGET_MEDIAN_MS = 2.0
FIRST = datetime(2026, 3, 3, tzinfo=UTC)  # the first day to come (NOW is 2 March)


def _set_up(database: Database) -> tuple[Clinic, dict[str, int], dict[str, list[int]]]:
    """The clinic, its services by name and its resources by category."""
    clinic = make_clinic(database, "UTC", around_the_clock=False)
    rng = random.Random(5)
    profs = clinic.professionals(*(f"Dr {i:02d}" for i in range(1, PROFESSIONALS + 1)))
    for prof in profs:
        chosen = rng.sample(SKILLS, rng.randint(2, 4))
        clinic.services.skills.set_for_professional(clinic.admin, prof, chosen)
    resources: dict[str, list[int]] = {}
    for name, category, count, kind in RESOURCES:
        for n in range(1, count + 1):
            details = ResourceDetails(f"{name} {n}", category, kind=kind)
            made = clinic.services.resources.add(clinic.admin, details)
            resources.setdefault(category, []).append(made.id)
    services: dict[str, int] = {}
    for name, minutes, needs, skills in SERVICES:
        details = ServiceDetails(name, minutes, Decimal("40.00"), "EUR", "#3366cc")
        service = clinic.services.catalog.add(clinic.admin, details).id
        if needs:
            clinic.services.resources.set_needs(clinic.admin, service, [(needs, 1)])
        if skills:
            clinic.services.skills.set_for_service(clinic.admin, service, list(skills))
        services[name] = service
    return clinic, services, resources


#: (id, start, end, status, professional or None, service, resource or None)
Row = tuple[int, datetime, datetime, str, int | None, int, int | None]


def _rows(
    rng: random.Random,
    offered: dict[int, list[int]],
    services: dict[str, int],
    resources: dict[str, list[int]],
) -> Iterator[Row]:
    """ROWS appointments over working days ending two weeks after NOW, each professional
    giving only the services they have the skills for (``offered``); those to come
    10-35% without a professional."""
    days = ROWS // (PROFESSIONALS * 10) * 7 // 5 + 1
    day = FIRST + timedelta(days=14) - timedelta(days=days)
    needs = {services[n]: c for n, _m, c, _s in SERVICES}
    lengths = {services[n]: m for n, m, _c, _s in SERVICES}
    follow_up = services["Follow-up"]
    key = 0
    while key < ROWS:
        if day.weekday() >= 5:
            day += timedelta(days=1)
            continue
        unassigned = rng.uniform(0.10, 0.35) if day >= FIRST else 0.0
        todo: list[tuple[datetime, int, int]] = []  # start, professional, service
        for prof, theirs in offered.items():
            t = day.replace(hour=8) + timedelta(minutes=rng.choice((0, 10, 20)))
            while True:
                service = rng.choice(theirs)
                end = t + timedelta(minutes=lengths[service])
                if end > day.replace(hour=19):
                    break
                todo.append((t, prof, service))
                t = end + timedelta(minutes=rng.choice((0, 0, 10, 30)))
        free_at: dict[int, datetime] = {}
        for start, prof, service in sorted(todo):
            room = None
            if needs[service]:  # the first free one of its kind, as a booking picks
                kind = resources[needs[service]]
                room = next((r for r in kind if free_at.get(r, start) <= start), None)
                service = service if room is not None else follow_up
            end = start + timedelta(minutes=lengths[service])
            cancelled = rng.random() < 0.08
            status, who = ("cancelled" if cancelled else "confirmed"), prof
            if cancelled:
                room = None
            elif rng.random() < unassigned:
                status, who = "pending", None  # eligible professionals must be found
            if room is not None:
                free_at[room] = end
            key += 1
            yield (key, start, end, status, who, service, room)
            if key == ROWS:
                return
        day += timedelta(days=1)


def _fill(database: Database, url: str) -> tuple[Clinic, dict[str, int]]:
    upgrade(database)
    clinic, services, resources = _set_up(database)
    profs = [p.id for p in clinic.directory.professionals()]
    with database.engine.connect() as conn:
        has = set(conn.execute(text("SELECT professional_id, skill_id FROM professional_skill")))
        needs = list(conn.execute(text("SELECT service_id, skill_id FROM service_skill")))
    offered = {
        p: [
            s
            for s in services.values()
            if all((p, skill) in has for service, skill in needs if service == s)
        ]
        for p in profs
    }
    rows = list(_rows(random.Random(11), offered, services, resources))
    org, actor = clinic.services.context.organization_id, clinic.admin
    if database.engine.dialect.name == "sqlite":
        _into_sqlite(str(database.engine.url.database), org, actor, rows)
    else:
        _into_postgres(url, org, actor, rows)
    with database.engine.begin() as conn:
        conn.execute(text("UPDATE organization SET uses_resources = :y"), {"y": True})
    return clinic, services


_COLUMNS = (
    "id, organization_id, start_at, end_at, status, professional_id, service_id,"
    " created_by_id, updated_by_id, created_at, updated_at, title, description, priority,"
    " location, is_virtual, meeting_url, currency, is_billable, cancellation_reason,"
    " completion_notes, completion_feedback, external_id, external_url, version"
)
_REST = ("", "", "normal", "", False, "", "EUR", True, "", "", "", "", "", 1)
_HOLDS = "appointment_id, resource_id, start_at, end_at, active, single, picked"


def _into_sqlite(path: str, org: int, actor: int, rows: list[Row]) -> None:
    raw = sqlite3.connect(path)
    stamp = as_text(NOW)
    with raw:
        raw.executemany(
            f"INSERT INTO appointment ({_COLUMNS}) VALUES ({', '.join('?' * 25)})",
            (
                (k, org, as_text(s), as_text(e), st, who, sv, actor, actor, stamp, stamp, *_REST)
                for k, s, e, st, who, sv, _room in rows
            ),
        )
        raw.executemany(
            f"INSERT INTO appointment_resource ({_HOLDS}) VALUES (?, ?, ?, ?, 1, 1, 1)",
            ((k, room, as_text(s), as_text(e)) for k, s, e, _st, _w, _sv, room in rows if room),
        )
    raw.execute("ANALYZE")
    raw.close()


def _into_postgres(url: str, org: int, actor: int, rows: list[Row]) -> None:
    with psycopg.connect(_libpq(url)) as conn:
        with conn.cursor().copy(f"COPY appointment ({_COLUMNS}) FROM STDIN") as copy:
            for k, s, e, st, who, sv, _room in rows:
                copy.write_row((k, org, s, e, st, who, sv, actor, actor, NOW, NOW, *_REST))
        with conn.cursor().copy(f"COPY appointment_resource ({_HOLDS}) FROM STDIN") as copy:
            for k, s, e, _st, _w, _sv, room in rows:
                if room:
                    copy.write_row((k, room, s, e, True, True, True))
        conn.execute("SELECT setval('appointment_id_seq', (SELECT max(id) FROM appointment))")
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")


def _measure(database: Database, url: str, name: str) -> str:
    began = time.perf_counter()
    clinic, services = _fill(database, url)
    fill_s = time.perf_counter() - began
    rng = random.Random(3)
    profs = [None, *(p.id for p in clinic.directory.professionals())]
    asked = []
    for _ in range(2000):
        day = FIRST + timedelta(days=rng.randrange(14))
        start = day.replace(hour=8) + timedelta(minutes=15 * rng.randrange(40))
        asked.append((start, start + timedelta(minutes=60), rng.choice(profs)))
    booking, physio = clinic.booking, services["Physiotherapy"]
    with_it, without_it = iter(asked * 5), iter(asked * 5)
    answers: list[bool] = []

    def resourced() -> object:
        start, end, prof = next(with_it)
        verdict = booking.check_availability(start, end, prof, service_id=physio)
        answers.append(verdict.ok)
        return verdict

    def plain() -> object:
        start, end, prof = next(without_it)
        return booking.check_availability(start, end, prof)

    mine, theirs = [], []
    for _ in range(5):  # alternately, so that both see the same machine
        mine += _time(resourced, 300)
        theirs += _time(plain, 300)
    database.dispose()
    median = statistics.median(mine)
    verdict = "met" if median <= TARGET_MEDIAN_MS else "MISSED"
    return (
        f"{name:<10} | {ROWS:>9,} | {fill_s:>6.0f} s | {median:>7.3f} {_p(mine, 0.95):>7.3f}"
        f" {max(mine):>7.1f} | {statistics.median(theirs):>7.3f} {_p(theirs, 0.95):>7.3f}"
        f" {max(theirs):>7.1f} | {sum(answers) / len(answers):>4.0%} free | "
        f"<= {TARGET_MEDIAN_MS} ms {verdict}"
    )


HEADER = (
    f"{'database':<10} | {'rows':>9} | {'fill':>8} | {'rooms+skills median p95 max (ms)':>24}"
    f" | {'without median p95 max':>23} | answers | target"
)


def test_resourced_decision_on_sqlite(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "resourced.sqlite3")
    line = _measure(open_database(url), url, "SQLite")
    print(f"\n{HEADER}\n{line}")


def test_resourced_decision_on_postgres(server_database: str) -> None:  # noqa: F811
    line = _measure(open_database(server_database), server_database, "PostgreSQL")
    print(f"\n{HEADER}\n{line}")
