"""The README's least-privilege PostgreSQL role for desks, run against the real server.

The two SQL blocks of "A least-privilege role for the desks" are run as they are
written (with names of this test's own); the owner migrates; the desk role then
signs in, books and reads, cannot create a table, and `db check` has no warning
for it, while it warns for the superuser.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from scheduler_app.db import migrate
from scheduler_app.db.engine import open_database
from scheduler_app.db.health import check_url
from scheduler_app.services.bundle import build_services
from scheduler_app.services.dto import BookingRequest
from tests.conftest import NOW, PG_ADMIN_URL, Clock, _libpq

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_sql() -> tuple[str, str]:
    """The two SQL blocks of the README's least-privilege section."""
    text_ = README.read_text(encoding="utf-8")
    section = text_.split("### A least-privilege role for the desks", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sql\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 2
    return blocks[0], blocks[1]


def _named(sql: str, names: dict[str, str]) -> str:
    for old, new in names.items():
        sql = re.sub(rf"\b{old}\b", new, sql)
    return sql


@pytest.fixture
def roles(postgres_url: str) -> Iterator[dict[str, str]]:
    tag = uuid.uuid4().hex[:8]
    names = {"clinic_owner": f"owner_{tag}", "clinic_desk": f"desk_{tag}", "clinic": f"c_{tag}"}
    admin = _libpq(PG_ADMIN_URL)
    try:
        yield names
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{names["clinic"]}" WITH (FORCE)')
            for role in (names["clinic_desk"], names["clinic_owner"]):
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def _url(user: str, database: str) -> str:
    return (
        make_url(PG_ADMIN_URL)
        .set(username=user, password=None, database=database)
        .render_as_string(hide_password=False)
    )


def test_the_readme_desk_role_books_and_reads_but_changes_no_schema(
    roles: dict[str, str],
) -> None:
    on_server, in_database = readme_sql()
    admin = _libpq(PG_ADMIN_URL)
    with psycopg.connect(admin, autocommit=True) as conn:
        for statement in _named(on_server, roles).split(";"):
            if statement.strip():
                conn.execute(statement)  # type: ignore[arg-type]
    with psycopg.connect(_libpq(_url("postgres", roles["clinic"])), autocommit=True) as conn:
        conn.execute(_named(in_database, roles))  # type: ignore[arg-type]
    owner = open_database(_url(roles["clinic_owner"], roles["clinic"]))
    try:
        migrate.upgrade(owner)
    finally:
        owner.dispose()
    desk_url = _url(roles["clinic_desk"], roles["clinic"])
    desk = open_database(desk_url)
    try:
        services = build_services(desk, clock=Clock(NOW), timezone="Europe/Lisbon")
        admin_person = services.staff.create_first_admin("ana", "Ana Lopes", "a good password")
        prof = services.directory.add_professional(admin_person.id, "Dr Silva").id
        tz = services.context.timezone
        start = NOW.astimezone(tz).replace(hour=10)
        booked = services.booking.book(
            admin_person.id,
            BookingRequest(start=start.replace(day=3), end=start.replace(day=3, hour=11)),
        )
        services.booking.assign(admin_person.id, booked.id, booked.version, prof)
        assert len(services.booking.appointments_on(start.replace(day=3).date())) == 1
        with pytest.raises(DBAPIError, match="permission denied"), desk.engine.begin() as conn:
            conn.execute(text("CREATE TABLE intruder (id integer)"))
    finally:
        desk.dispose()
    desk_role = [f for f in check_url(desk_url) if f.what == "desk role"]
    assert len(desk_role) == 1 and not desk_role[0].warning, desk_role
    as_superuser = [f for f in check_url(_url("postgres", roles["clinic"])) if f.warning]
    assert [f.what for f in as_superuser] == ["desk role"]
    assert "superuser" in as_superuser[0].detail
