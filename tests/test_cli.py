"""The installer's commands, as a person would type them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scheduler_app.cli import main
from scheduler_app.db import migrate
from scheduler_app.db.engine import open_database, sqlite_url


def test_db_upgrade_then_current(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = sqlite_url(tmp_path / "clinic.sqlite3")
    assert main(["db", "current", "--database", url]) == 1
    assert "There is no database at" in capsys.readouterr().err
    assert not (tmp_path / "clinic.sqlite3").exists()
    assert main(["db", "upgrade", "--database", url]) == 0
    assert f"revision {migrate.head_revision()} (latest)" in capsys.readouterr().out
    assert main(["--database", url, "db", "current"]) == 0
    assert capsys.readouterr().out.strip() == f"{migrate.head_revision()} (latest)"


def test_demo_data_fills_an_empty_database_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = sqlite_url(tmp_path / "demo.sqlite3")
    assert main(["db", "upgrade", "--database", url]) == 0
    assert main(["demo-data", "--database", url]) == 0
    out = capsys.readouterr().out
    assert "6 professionals, 200 clients" in out
    count = int(out.split("clients, ")[1].split()[0])
    assert count > 300
    assert main(["demo-data", "--database", url]) == 1
    assert "already holds appointments" in capsys.readouterr().err


def test_unsupported_database_gets_a_message_not_a_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["db", "upgrade", "--database", "mysql://nobody@localhost/x"]) == 1
    assert "Unsupported database 'mysql'" in capsys.readouterr().err


def test_unreachable_server_gets_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+psycopg://nobody@127.0.0.1:1/nowhere?connect_timeout=2"
    assert main(["db", "upgrade", "--database", url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("scheduler-app: ") and "Traceback" not in err


def test_help_explains_the_commands() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "scheduler_app", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    for word in ("--database", "--demo", "db upgrade", "demo-data", "SCHEDULER_DATABASE_URL"):
        assert word in result.stdout


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql+psycopg://no_such_role@127.0.0.1:5432/postgres", "has no user no_such_role"),
        ("postgresql+psycopg://postgres@127.0.0.1:5432/no_such_db", "no database called"),
        ("postgresql+psycopg://postgres@127.0.0.1:1/x", "Nothing answers at 127.0.0.1 port 1"),
    ],
)
def test_bad_connection_settings_get_specific_messages(
    url: str, message: str, postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "current", "--database", url]) == 1
    assert message in capsys.readouterr().err


def test_schema_from_a_newer_version_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = sqlite_url(tmp_path / "newer.sqlite3")
    assert main(["db", "upgrade", "--database", url]) == 0
    database = open_database(url)
    with database.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    database.dispose()
    capsys.readouterr()
    assert main(["db", "upgrade", "--database", url]) == 1
    err = capsys.readouterr().err
    assert "was upgraded by a newer version of the scheduler (schema 9999_future)" in err
    assert "update this desk" in err


def test_db_check_reports_what_an_installer_needs(
    tmp_path: Path, postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh = sqlite_url(tmp_path / "fresh.sqlite3")
    assert main(["db", "check", "--database", fresh]) == 1
    assert "PROBLEM  database: There is no database at" in capsys.readouterr().out
    assert main(["db", "upgrade", "--database", fresh]) == 0
    capsys.readouterr()
    assert main(["db", "check", "--database", fresh]) == 0
    out = capsys.readouterr().out
    assert "ok       journal: journal mode wal" in out
    assert "ok       overlap guard: 2 of 2 overlap triggers" in out
    assert "ok       schema objects: tables, columns, indexes and guards as expected" in out
    assert "ok       integrity: every page read back intact (PRAGMA quick_check)" in out
    assert main(["db", "check", "--database", postgres_url]) == 0
    out = capsys.readouterr().out
    assert "ok       btree_gist" in out and "exclusion constraint present" in out
    assert "ok       schema objects" in out
    assert "(latest)" in out


def test_self_test_checks_an_installation() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "scheduler_app", "self-test"],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for check in (
        "migrated",
        "refused a double booking",
        "moved it",
        "main window",
        "system keyring support installed",
    ):
        assert check in result.stdout
