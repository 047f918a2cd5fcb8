"""Finding a client as the desk types, at 100,000 clients, on SQLite and PostgreSQL.

Run: `.venv/bin/python -m pytest -m benchmark -s tests/benchmarks/test_client_search_speed.py`
(size via BENCH_CLIENTS=100000).

Each search is what the client window asks on a key press (`ClientService.find`,
50 rows) for what a person types, letter by letter: a name, a surname, a phone
number with spaces, an e-mail, and things nobody matches. Next to each, on the
same data, the search the desk had before: "name or e-mail contains, or phone
digits contain", ordered by name over an (organization, name) index.
"""

from __future__ import annotations

import os
import random
import statistics
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Connection, func, insert, or_, select, text
from sqlalchemy.engine import make_url

from scheduler_app.db import migrate
from scheduler_app.db.base import table_of
from scheduler_app.db.engine import Database, open_database, sqlite_url
from scheduler_app.db.models import Client
from scheduler_app.domain.client_search import search_key
from scheduler_app.services.bundle import build_services
from tests.conftest import PG_ADMIN_URL, _libpq, _postgres_unavailable_reason, signed_in

pytestmark = pytest.mark.benchmark

CLIENTS = int(os.environ.get("BENCH_CLIENTS", "100000"))
LIMIT = 50  # what the client window asks for
TARGET_MS = 50.0
FIRST = [
    "Maria",
    "João",
    "Pedro",
    "Ana",
    "Luís",
    "Inês",
    "Carlos",
    "Sara",
    "Miguel",
    "Rita",
    "Tiago",
    "Beatriz",
    "Rui",
    "Marta",
    "Nuno",
    "Emma",
    "Liam",
    "Olivia",
    "Noah",
    "Ava",
    "Lucas",
    "Mia",
    "Hugo",
    "Lea",
    "Paul",
    "Nora",
    "Felix",
    "Clara",
    "Omar",
    "Leila",
    "Yusuf",
    "Aisha",
    "Chen",
    "Wei",
    "Priya",
    "Arjun",
    "Sofia",
    "Mateo",
    "Lucía",
    "Diego",
    "Hana",
    "Kenji",
    "Olga",
    "Ivan",
    "Zoe",
    "Tom",
]
LAST = [
    "Silva",
    "Santos",
    "Ferreira",
    "Pereira",
    "Oliveira",
    "Costa",
    "Rodrigues",
    "Martins",
    "Jesus",
    "Sousa",
    "Fernandes",
    "Gonçalves",
    "Gomes",
    "Lopes",
    "Marques",
    "Alves",
    "Almeida",
    "Ribeiro",
    "Pinto",
    "Carvalho",
    "Teixeira",
    "Moreira",
    "Smith",
    "Jones",
    "Müller",
    "Schmidt",
    "Rossi",
    "Russo",
    "García",
    "López",
    "Novak",
    "Kowalski",
    "Haddad",
    "Okafor",
    "Kim",
    "Nguyen",
    "Larsen",
    "Dubois",
    "Moreau",
    "Becker",
]
DOMAINS = ("gmail.com", "sapo.pt", "example.org", "outlook.com")


def _typed(word: str) -> list[str]:
    """What is in the field after each key press."""
    return [word[: i + 1] for i in range(len(word))]


SEARCHES = [
    *_typed("maria santos"),
    *_typed("gonçalves"),
    *_typed("912 34"),
    *_typed("rita.lopes@"),
    *_typed("zzq"),
    "xyzw",
    "gmail",
    "müller kim",
]


def _clients(org: int, count: int) -> Iterator[dict[str, object]]:
    rng = random.Random(11)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(count):
        first, last, other = rng.choice(FIRST), rng.choice(LAST), rng.choice(LAST)
        name = f"{first} {other} {last}"
        phone = (
            f"+351 9{rng.randrange(10):d}{rng.randrange(10**7):07d}" if rng.random() < 0.9 else ""
        )
        email = (
            f"{first.lower()}.{last.lower()}{i}@{rng.choice(DOMAINS)}" if rng.random() < 0.8 else ""
        )
        yield {
            "organization_id": org,
            "name": name,
            "phone": phone,
            "email": email,
            "notes": "Prefers mornings." if rng.random() < 0.2 else "",
            "is_active": rng.random() > 0.03,
            "created_at": now,
            "search_key": search_key(name, email, phone),
        }


def _fill(database: Database) -> Callable[[str], object]:
    migrate.upgrade(database)
    services = signed_in(build_services(database, clinic_name="Bench", timezone="UTC"), "admin")
    org = services.context.organization_id
    rows = list(_clients(org, CLIENTS))
    with database.engine.begin() as conn:
        for start in range(0, len(rows), 10_000):
            conn.execute(insert(table_of(Client)), rows[start : start + 10_000])
    with database.engine.begin() as conn:
        conn.execute(text("ANALYZE" if database.is_sqlite else "ANALYZE client"))
    return lambda typed: services.clients.find(typed, LIMIT)


def _before(conn: Connection, org: int, typed: str) -> list[int]:
    """The desk's search before the search key (as `db.directory.find_clients` had it)."""
    import re

    c = table_of(Client)
    stmt = select(c.c.id).where(c.c.organization_id == org, c.c.is_active.is_(True))
    needle = typed.strip()
    if needle:
        pattern = "%" + needle.replace("%", r"\%").replace("_", r"\_") + "%"
        digits = re.sub(r"\D", "", needle)
        conditions = [c.c.name.ilike(pattern, escape="\\"), c.c.email.ilike(pattern, escape="\\")]
        if len(digits) >= 3:
            phone = func.replace(func.replace(c.c.phone, " ", ""), "-", "")
            conditions.append(phone.like(f"%{digits}%"))
        stmt = stmt.where(or_(*conditions))
    return list(conn.execute(stmt.order_by(c.c.name, c.c.id).limit(LIMIT)).scalars())


def _ms(call: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _measure(label: str, database: Database) -> None:
    find = _fill(database)
    ours = {typed: _ms(lambda typed=typed: find(typed)) for typed in SEARCHES}
    with database.engine.begin() as conn:  # the index the old search ordered by
        conn.execute(text("CREATE INDEX bench_client_name ON client (organization_id, name)"))
        conn.execute(text("ANALYZE" if database.is_sqlite else "ANALYZE client"))
    with database.engine.connect() as conn:
        before = {typed: _ms(lambda typed=typed: _before(conn, 1, typed)) for typed in SEARCHES}
    print(f"\n{label}: {CLIENTS:,} clients, {LIMIT} rows a search (median of 5, ms)")
    print(f"  {'typed':<16}{'search key':>12}{'before':>10}")
    for typed in SEARCHES:
        print(f"  {typed!r:<16}{ours[typed]:>12.1f}{before[typed]:>10.1f}")
    worst, slowest = max(ours.values()), max(before.values())
    print(
        f"  per key press: median {statistics.median(ours.values()):.1f} ms, worst {worst:.1f} ms"
        f"  |  before: median {statistics.median(before.values()):.1f} ms, worst {slowest:.1f} ms"
    )
    assert worst <= TARGET_MS, f"{label}: a search took {worst:.1f} ms"


def test_client_search_on_sqlite(tmp_path: Path) -> None:
    database = open_database(sqlite_url(tmp_path / "clients.sqlite3"))
    try:
        _measure("SQLite", database)
    finally:
        database.dispose()


def test_client_search_on_postgres() -> None:
    reason = _postgres_unavailable_reason()
    if reason is not None:
        pytest.skip(reason)
    name = f"scheduler_bench_{uuid.uuid4().hex[:8]}"
    admin = _libpq(PG_ADMIN_URL)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    database = open_database(
        make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    )
    try:
        _measure("PostgreSQL", database)
    finally:
        database.dispose()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
