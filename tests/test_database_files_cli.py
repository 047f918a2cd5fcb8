"""Every kind of bad database file through the installer's commands: a clear
message, never a traceback, and no byte of a file changed that should not be."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

from scheduler_app.cli import main
from scheduler_app.db.engine import sqlite_url
from scheduler_app.db.migrate import HEAD_REVISION
from tests.conftest import _libpq
from tests.database_files import (
    edit,
    fingerprint,
    foreign_file,
    make_clinic,
    make_read_only,
    overwrite_middle,
    run_as_desk,
    table_named_like_ours,
    truncate,
    writable_again,
)

COMMANDS = (["db", "current"], ["db", "check"], ["db", "upgrade"], ["demo-data"])


@pytest.fixture(scope="module")
def clinic_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_clinic(tmp_path_factory.mktemp("clinic") / "made.sqlite3")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "Traceback" not in text
    return code, text


def _copy(clinic_file: Path, folder: Path) -> Path:
    path = folder / "schedule.sqlite3"
    shutil.copy(clinic_file, path)
    return path


def test_a_missing_file_is_created_only_by_db_upgrade(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "share" / "schedule.sqlite3"  # an unmounted share looks like this
    for command in (["db", "current"], ["db", "check"], ["demo-data"]):
        code, text = _run(capsys, *command, "--database", sqlite_url(path))
        assert code == 1
        assert f"There is no database at {path}" in text
        assert not path.parent.exists()
    assert _run(capsys, "db", "upgrade", "--database", sqlite_url(path)) == (
        0,
        f"Database schema is at revision {HEAD_REVISION} (latest).\n",
    )
    assert path.is_file()


def test_a_folder_that_cannot_be_made_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _run(capsys, "db", "upgrade", "--database", "sqlite:////proc/x/clinic.sqlite3")
    assert code == 1
    assert "The folder /proc/x for the clinic's database cannot be created" in text
    code, text = _run(capsys, "db", "upgrade", "--database", "sqlite:////dev/null/clinic.sqlite3")
    assert code == 1
    assert "/dev/null/clinic.sqlite3 cannot be a database file: a part of that path is a file" in (
        text
    )


def test_a_folder_without_permission_is_named(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    try:
        result = run_as_desk(
            "db", "upgrade", "--database", sqlite_url(locked / "sub" / "clinic.sqlite3")
        )
    finally:
        locked.chmod(0o755)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"The folder {locked / 'sub'} for the clinic's database cannot be created: " in (
        result.stderr
    )
    assert "Permission denied" in result.stderr


def test_a_zero_byte_file_is_not_a_clinic_yet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "schedule.sqlite3"
    path.touch()
    url = sqlite_url(path)
    assert _run(capsys, "db", "current", "--database", url) == (
        0,
        "The database has no schema yet; run `scheduler-app db upgrade`.\n",
    )
    code, text = _run(capsys, "db", "check", "--database", url)
    assert code == 1 and "PROBLEM  schema: empty: run `scheduler-app db upgrade`" in text
    code, text = _run(capsys, "demo-data", "--database", url)
    assert code == 1 and f"{path} holds no clinic yet (it is empty)" in text
    assert path.stat().st_size == 0
    assert _run(capsys, "db", "upgrade", "--database", url)[0] == 0
    assert _run(capsys, "db", "current", "--database", url) == (0, f"{HEAD_REVISION} (latest)\n")


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_folder_is_not_a_database_file(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text = _run(capsys, *command, "--database", sqlite_url(tmp_path))
    assert code == 1
    assert f"{tmp_path} is a folder, not a database file." in text


REFUSED: dict[str, tuple[Callable[[Path], Path], str]] = {
    "another application's file": (
        foreign_file,
        "holds tables of another application (moz_places). It was left as it is.",
    ),
    "a foreign table named like ours": (
        table_named_like_ours,
        "has tables named like the scheduler's (appointment) but no schema version",
    ),
}


@pytest.mark.parametrize("case", REFUSED, ids=str)
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_file_that_is_not_ours_is_refused_untouched(
    case: str, command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, message = REFUSED[case]
    path = make(tmp_path / "places.sqlite")
    before = fingerprint(tmp_path)
    code, text = _run(capsys, *command, "--database", sqlite_url(path))
    assert code == 1
    assert f"{path} {message}" in text
    assert fingerprint(tmp_path) == before


EDITED: dict[str, tuple[tuple[str, ...], str]] = {
    "an empty alembic_version": (
        ("DELETE FROM alembic_version",),
        "is not a database of this scheduler: its schema version table is empty. "
        "It was left as it is.",
    ),
    "a newer schema": (
        ("UPDATE alembic_version SET version_num = '0107'",),
        "was upgraded by a newer version of the scheduler (schema 0107): update this desk. "
        "Nothing was changed.",
    ),
}


@pytest.mark.parametrize("case", EDITED, ids=str)
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_file_not_for_this_desk_is_refused_untouched(
    case: str,
    command: list[str],
    clinic_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    statements, message = EDITED[case]
    path = edit(_copy(clinic_file, tmp_path), *statements)
    before = fingerprint(tmp_path)
    code, text = _run(capsys, *command, "--database", sqlite_url(path))
    assert code == 1
    assert f"{path} {message}" in text
    assert fingerprint(tmp_path) == before


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_truncated_file_is_named_damaged_and_left_alone(
    command: list[str], clinic_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = truncate(_copy(clinic_file, tmp_path))
    before = fingerprint(tmp_path)
    code, text = _run(capsys, *command, "--database", sqlite_url(path))
    assert code == 1
    assert f"{path} is damaged: it was cut off (" in text
    assert "No backup of it was found in" in text
    assert fingerprint(tmp_path) == before


def test_a_file_overwritten_in_the_middle_fails_db_check(
    clinic_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = overwrite_middle(_copy(clinic_file, tmp_path))
    before = fingerprint(tmp_path)
    code, text = _run(capsys, "db", "check", "--database", sqlite_url(path))
    assert code == 1
    assert "PROBLEM  integrity: damaged: " in text
    for command in (["db", "upgrade"], ["demo-data"]):
        code, text = _run(capsys, *command, "--database", sqlite_url(path))
        assert code == 1 and f"{path} is damaged: " in text
    assert {k: v for k, v in fingerprint(tmp_path).items() if not k.endswith(("-wal", "-shm"))} == (
        before
    )


def test_a_missing_table_is_named_by_db_check(
    clinic_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = edit(_copy(clinic_file, tmp_path), "DROP TABLE message_template")
    code, text = _run(capsys, "db", "check", "--database", sqlite_url(path))
    assert code == 1
    assert f"ok       schema: revision {HEAD_REVISION} (latest)" in text
    assert "PROBLEM  schema objects: table message_template is missing" in text
    code, text = _run(capsys, "demo-data", "--database", sqlite_url(path))
    assert code == 1
    assert f"{path} does not hold the schema this version needs: table message_template" in text


def test_a_missing_trigger_counting_the_days_written_is_named_by_db_check(
    clinic_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without it, reports would keep showing a day as it was before a change."""
    path = edit(_copy(clinic_file, tmp_path), "DROP TRIGGER trg_appointment_day_update")
    code, text = _run(capsys, "db", "check", "--database", sqlite_url(path))
    assert code == 1
    assert "PROBLEM  schema objects: trigger trg_appointment_day_update is missing" in text


@pytest.mark.parametrize("folder_too", [False, True], ids=["read-only file", "read-only folder"])
def test_a_read_only_file_can_be_looked_at(
    folder_too: bool, clinic_file: Path, tmp_path: Path
) -> None:
    path = _copy(clinic_file, tmp_path)
    make_read_only(path, folder_too=folder_too)
    try:
        current = run_as_desk("db", "current", "--database", sqlite_url(path))
        check = run_as_desk("db", "check", "--database", sqlite_url(path))
    finally:
        writable_again([tmp_path])
    assert (current.returncode, current.stdout) == (0, f"{HEAD_REVISION} (latest)\n"), (
        current.stderr
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "ok       journal: journal mode wal" in check.stdout
    assert "ok       integrity" in check.stdout


# -- PostgreSQL ----------------------------------------------------------------


def _tables(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Every table of the database with its rows: what "nothing written" compares."""
    with psycopg.connect(_libpq(url)) as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
            )
        ]
        return {n: sorted(map(tuple, conn.execute(f'SELECT * FROM "{n}"'))) for n in names}


def test_an_empty_server_database_is_set_up_only_by_db_upgrade(
    blank_postgres: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "db", "current", "--database", blank_postgres) == (
        0,
        "The database has no schema yet; run `scheduler-app db upgrade`.\n",
    )
    code, text = _run(capsys, "demo-data", "--database", blank_postgres)
    assert code == 1 and "is empty: no clinic there yet" in text
    assert _tables(blank_postgres) == {}
    assert _run(capsys, "db", "upgrade", "--database", blank_postgres)[0] == 0
    assert _run(capsys, "demo-data", "--database", blank_postgres)[0] == 0


def test_a_server_database_of_another_application_is_refused(
    blank_postgres: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with psycopg.connect(_libpq(blank_postgres), autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id serial PRIMARY KEY, total numeric)")
        conn.execute("INSERT INTO invoices (total) VALUES (12.5)")
    before = _tables(blank_postgres)
    for command in COMMANDS:
        code, text = _run(capsys, *command, "--database", blank_postgres)
        assert code == 1
        assert "holds tables of another application (invoices). It was left as it is." in text
    assert _tables(blank_postgres) == before


def test_a_server_database_upgraded_by_a_newer_desk_is_left_alone(
    blank_postgres: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "db", "upgrade", "--database", blank_postgres)[0] == 0
    with psycopg.connect(_libpq(blank_postgres), autocommit=True) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0107'")
    before = _tables(blank_postgres)
    for command in COMMANDS:
        code, text = _run(capsys, *command, "--database", blank_postgres)
        assert code == 1
        assert (
            "was upgraded by a newer version of the scheduler (schema 0107): update this desk. "
            "Nothing was changed." in text
        )
    assert _tables(blank_postgres) == before
