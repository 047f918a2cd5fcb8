"""Migrations: the models and `alembic upgrade head` agree; every step goes down and up."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from scheduler_app.db import (
    migrate,
    notification_models,  # noqa: F401  (its tables)
    working_time_models,  # noqa: F401  (its tables)
)
from scheduler_app.db.base import Base
from scheduler_app.db.engine import Database, open_database, sqlite_url
from scheduler_app.db.sqlite_file import APPLICATION_ID
from scheduler_app.db.types import UTCDateTime

TABLES = {
    "organization",
    "staff_user",
    "professional",
    "client",
    "service",
    "appointment",
    "audit_entry",
    "notification",
    "message_template",
    "conflict",
    "conflict_appointment",
    "work_range",
    "work_day",
    "time_off",
    "holiday_opening",
}


def _guards(database: Database) -> set[str]:
    """The database-side guarantees beyond plain columns (triggers / constraints)."""
    with database.engine.connect() as conn:
        if database.is_sqlite:
            rows = conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            ).scalars()
        else:
            rows = conn.exec_driver_sql(
                "SELECT conname FROM pg_constraint WHERE conrelid = 'appointment'::regclass "
                "AND contype IN ('x', 'c')"
            ).scalars()
        return set(rows)


def test_upgrade_head_matches_the_models(database: Database) -> None:
    with database.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    assert migrate.current_revision(database) == migrate.head_revision()


def test_create_all_and_upgrade_give_the_same_schema(database: Database, tmp_path: Path) -> None:
    if database.is_sqlite:
        other = open_database(sqlite_url(tmp_path / "create_all.sqlite3"))
        Base.metadata.create_all(other.engine)
        try:
            with other.engine.connect() as conn:
                assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
            assert _guards(other) == _guards(database)
            assert {
                t: sorted(c["name"] for c in inspect(other.engine).get_columns(t)) for t in TABLES
            } == {
                t: sorted(c["name"] for c in inspect(database.engine).get_columns(t))
                for t in TABLES
            }
        finally:
            other.dispose()
    else:
        assert {
            "ex_appointment_professional_overlap",
            "ck_appointment_max_duration",
            "ck_appointment_ends_after_start",
        } <= _guards(database)


def test_every_migration_goes_down_and_up(database: Database) -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    revisions = [r.revision for r in script.walk_revisions("base", "heads")]
    assert revisions, "no migrations found"
    guards = _guards(database)
    for revision in revisions:  # newest first
        previous = script.get_revision(revision).down_revision
        migrate.downgrade(database, previous or "base")
        migrate.upgrade(database, revision)
        assert migrate.current_revision(database) == revision
        assert _guards(database) == guards, f"safeguards lost going down and up at {revision}"
    migrate.downgrade(database, "base")
    assert TABLES.isdisjoint(inspect(database.engine).get_table_names())
    migrate.upgrade(database)
    assert set(inspect(database.engine).get_table_names()) >= TABLES
    assert _guards(database) == guards


def test_head_constant_matches_the_migrations() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert script.get_current_head() == migrate.HEAD_REVISION
    oldest_first = [r.revision for r in script.walk_revisions("base", "heads")][::-1]
    assert tuple(oldest_first) == migrate.REVISIONS


_ORGANIZATION = sa.table(
    "organization",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("timezone", sa.String),
    sa.column("slot_minutes", sa.Integer),
    sa.column("default_duration_minutes", sa.Integer),
    sa.column("opens_at", sa.Time),
    sa.column("closes_at", sa.Time),
    sa.column("currency", sa.String),
    sa.column("created_at", UTCDateTime()),
)


def _application_id(database: Database) -> int:
    with database.engine.connect() as conn:
        return int(conn.exec_driver_sql("PRAGMA application_id").scalar() or 0)


def test_clinics_made_before_the_clinic_id_get_one_each(database: Database) -> None:
    migrate.downgrade(database, "0003")
    if database.is_sqlite:
        assert _application_id(database) == 0
    with database.engine.begin() as conn:
        conn.execute(
            _ORGANIZATION.insert(),
            [
                {
                    "name": name,
                    "timezone": "Europe/Lisbon",
                    "slot_minutes": 15,
                    "default_duration_minutes": 60,
                    "opens_at": datetime(2026, 1, 1, 8).time(),
                    "closes_at": datetime(2026, 1, 1, 19).time(),
                    "currency": "EUR",
                    "created_at": datetime(2026, 1, 1, tzinfo=UTC),
                }
                for name in ("Clinic A", "Clinic B")
            ],
        )
    migrate.upgrade(database)
    with database.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT name, clinic_id FROM organization ORDER BY id")).all()
    assert [name for name, _ in rows] == ["Clinic A", "Clinic B"]
    ids = [str(uuid.UUID(clinic_id)) for _, clinic_id in rows]  # UUIDs, one each
    assert len(set(ids)) == 2
    if database.is_sqlite:
        assert _application_id(database) == APPLICATION_ID
    migrate.downgrade(database, "0003")  # and back, data kept
    migrate.upgrade(database)
    with database.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM organization")).scalar() == 2
