"""A damaged or read-only file met in the middle of work is named as such, never
as "unreachable, try again"."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from scheduler_app.db.engine import open_database, read_only_url, sqlite_url
from scheduler_app.db.errors import translate
from scheduler_app.errors import DamagedDatabaseError, ReadOnlyDatabaseError
from tests.database_files import make_clinic, overwrite_page_of


def _error_of(url: str, statement: str) -> DBAPIError:
    database = open_database(url)
    try:
        with pytest.raises(DBAPIError) as caught, database.engine.connect() as conn:
            for table in ("appointment", "audit_entry", "notification", "client"):
                conn.execute(text(f"SELECT * FROM {table} ORDER BY 1 DESC")).all()
            conn.execute(text(statement))
    finally:
        database.dispose()
    return caught.value


def test_damage_found_while_reading_is_named(tmp_path: Path) -> None:
    path = overwrite_page_of(make_clinic(tmp_path / "schedule.sqlite3"), "appointment")
    error = translate(_error_of(sqlite_url(path), "SELECT 1"))
    assert isinstance(error, DamagedDatabaseError)
    assert "The clinic's database file is damaged" in error.message
    assert "Clinic > Backups" in error.message


def test_a_write_to_a_read_only_file_is_named(tmp_path: Path) -> None:
    path = make_clinic(tmp_path / "schedule.sqlite3")
    error = translate(_error_of(read_only_url(path), "DELETE FROM client"))
    assert isinstance(error, ReadOnlyDatabaseError)
    assert "read-only" in error.message and "Nothing was changed" in error.message
