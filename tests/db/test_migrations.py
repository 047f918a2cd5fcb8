"""Migrations: the models and `alembic upgrade head` agree; every step goes down and up."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from scheduler_app.db import (
    migrate,
    notification_models,  # noqa: F401  (its tables)
)
from scheduler_app.db.base import Base
from scheduler_app.db.engine import Database, open_database, sqlite_url

TABLES = {
    "organization",
    "staff_user",
    "professional",
    "client",
    "appointment_type",
    "appointment",
    "audit_entry",
    "notification",
    "message_template",
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
