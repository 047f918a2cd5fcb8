"""Backups that restore: taken while desks write, checked, rotated, put back whole."""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from scheduler_app.cli import main
from scheduler_app.db import backups
from scheduler_app.db.engine import sqlite_url
from scheduler_app.db.schema_check import our_tables
from tests.conftest import Clinic
from tests.database_files import edit, fingerprint, make_clinic, overwrite_middle
from tests.db import race_worker


def contents(path: Path) -> tuple[dict[str, int], str]:
    """Row counts per table, and one hash over every row of every table."""
    digest = hashlib.sha256()
    counts = {}
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        for table in sorted(our_tables()):
            rows = sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            counts[table] = len(rows)
            digest.update(repr(rows).encode())
    return counts, digest.hexdigest()


def _orphans(path: Path) -> int:
    """Appointments without their audit entry (a copy cut between two statements)."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return int(
            conn.execute(
                "SELECT count(*) FROM appointment AS a WHERE NOT EXISTS (SELECT 1 FROM "
                "audit_entry AS e WHERE e.entity = 'appointment' AND e.entity_id = a.id)"
            ).fetchone()[0]
        )


@pytest.fixture(scope="module")
def clinic_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_clinic(tmp_path_factory.mktemp("clinic") / "made.sqlite3")


@pytest.fixture
def schedule(clinic_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "schedule.sqlite3"
    shutil.copy(clinic_file, path)
    return path


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out + captured.err


def test_a_backup_taken_while_a_desk_books_is_consistent_and_restores(
    sqlite_clinic: Clinic, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clinic = sqlite_clinic
    professionals = clinic.professionals("P1", "P2", "P3")
    database = clinic.services.database
    path = database.path
    assert path is not None
    url = database.engine.url.render_as_string()
    args = (url, clinic.services.context.organization_id, clinic.admin, professionals, 400, 7)
    database.dispose()
    taken = []
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        booking = pool.apply_async(race_worker.desk, args)
        while not _booked_some(path):
            time.sleep(0.01)  # until the desk is writing
        while not booking.ready() or not taken:
            taken.append(backups.take(path, tmp_path / f"copy-{len(taken)}.sqlite3"))
        outcome = booking.get(timeout=120)
    assert outcome["accepted"] > 50
    counts = {backups_count(b.path) for b in taken}
    assert len(taken) >= 2 and len(counts) >= 2, "the copies were not taken while booking"
    for backup in taken:
        assert backups.check(backup.path) == []
        assert _orphans(backup.path) == 0
    middle = taken[len(taken) // 2].path
    expected = contents(middle)
    code, text = _cli(capsys, "db", "restore", str(middle), "--database", sqlite_url(path))
    assert code == 0, text
    assert contents(path) == expected


def _booked_some(path: Path) -> bool:
    with contextlib.suppress(sqlite3.Error):
        return backups_count(path) > 5
    return False


def backups_count(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return int(conn.execute("SELECT count(*) FROM appointment").fetchone()[0])


def test_restore_puts_back_every_row_and_keeps_the_current_file_aside(
    schedule: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = sqlite_url(schedule)
    code, text = _cli(capsys, "db", "backup", "--database", url)
    assert code == 0 and "checked" in text
    (backup,) = backups.list_backups(schedule)
    assert oct(backup.path.stat().st_mode & 0o777) == "0o600"
    at_backup = contents(schedule)
    assert at_backup == contents(backup.path)
    edit(schedule, "DELETE FROM notification", "UPDATE client SET name = 'changed'")
    changed = contents(schedule)
    assert changed != at_backup
    code, text = _cli(capsys, "db", "restore", str(backup.path), "--database", url)
    assert code == 0, text
    assert contents(schedule) == at_backup
    (aside,) = schedule.parent.glob("schedule.sqlite3.before-restore-*")
    assert f"the file it replaced is kept as {aside}" in text
    assert contents(aside) == changed
    assert _cli(capsys, "db", "check", "--database", url)[0] == 0


def test_a_damaged_backup_is_refused(
    schedule: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = sqlite_url(schedule)
    backup = tmp_path / "copy.sqlite3"
    assert _cli(capsys, "db", "backup", str(backup), "--database", url)[0] == 0
    overwrite_middle(backup)
    before = fingerprint(tmp_path)
    code, text = _cli(capsys, "db", "restore", str(backup), "--database", url)
    assert code == 1
    assert f"The backup {backup} is damaged (" in text and "it was not restored" in text
    assert fingerprint(tmp_path) == before


def test_another_clinics_backup_needs_force(
    schedule: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.sqlite3"
    shutil.copy(schedule, other)
    edit(other, "UPDATE organization SET clinic_id = '00000000-0000-4000-8000-000000000000'")
    before = fingerprint(tmp_path)
    url = sqlite_url(schedule)
    code, text = _cli(capsys, "db", "restore", str(other), "--database", url)
    assert code == 1
    assert f"{other} is a backup of another clinic (clinic id 00000000-" in text
    assert "add --force to restore it anyway" in text
    assert fingerprint(tmp_path) == before
    assert _cli(capsys, "db", "restore", str(other), "--force", "--database", url)[0] == 0
    assert contents(schedule) == contents(other)


def test_a_backup_of_a_newer_schema_needs_force(
    schedule: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    newer = tmp_path / "newer.sqlite3"
    shutil.copy(schedule, newer)
    edit(newer, "UPDATE alembic_version SET version_num = '0107'")
    code, text = _cli(capsys, "db", "restore", str(newer), "--database", sqlite_url(schedule))
    assert code == 1 and "comes from a newer version of the scheduler: add --force" in text


def test_restore_is_refused_while_another_program_has_the_file_open(
    schedule: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "copy.sqlite3"
    assert _cli(capsys, "db", "backup", str(backup), "--database", sqlite_url(schedule))[0] == 0
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "c.execute('SELECT count(*) FROM appointment').fetchone(); "
            "print('open', flush=True); sys.stdin.read()",
            str(schedule),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        before = fingerprint(tmp_path)
        code, text = _cli(capsys, "db", "restore", str(backup), "--database", sqlite_url(schedule))
        assert code == 1
        assert f"{schedule} is open in process {holder.pid} (python" in text
        assert fingerprint(tmp_path) == before
    finally:
        holder.communicate("", timeout=30)


def test_backups_are_kept_seven_daily_and_four_weekly(tmp_path: Path) -> None:
    database = tmp_path / "schedule.sqlite3"
    folder = backups.folder_for(database)
    folder.mkdir(parents=True)
    first = datetime(2026, 1, 5, 12, tzinfo=UTC)  # a Monday
    for day in range(70):  # one backup a day for ten weeks, two on some days
        for hour in (12, 18) if day % 3 == 0 else (12,):
            at = first + timedelta(days=day, hours=hour - 12)
            (folder / f"schedule-{at.strftime('%Y%m%dT%H%M%SZ')}.sqlite3").write_bytes(b"x")
    (folder / "notes.txt").write_text("not a backup: left alone")
    backups.rotate(database)
    kept = [b.taken_at for b in backups.list_backups(database)]
    last = first + timedelta(days=69)
    assert kept[:7] == [
        (last - timedelta(days=d)).replace(hour=18 if (69 - d) % 3 == 0 else 12) for d in range(7)
    ]
    weekly = kept[7:]
    assert len(weekly) == 4
    assert all(b.weekday() == 6 for b in weekly)  # the newest of each earlier week: Sunday
    assert len({b.isocalendar()[1] for b in weekly}) == 4
    assert weekly[0] < kept[6] - timedelta(days=kept[6].weekday())
    assert (folder / "notes.txt").exists()


def test_backup_is_due_once_a_day(schedule: Path) -> None:
    now = datetime(2026, 3, 2, 7, tzinfo=UTC)
    assert backups.due(schedule, now)
    backups.take(schedule, now=now)
    assert not backups.due(schedule, now + timedelta(hours=23))
    assert backups.due(schedule, now + timedelta(hours=24))


def test_server_backup_runs_pg_dump(
    postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    dump = tmp_path / "clinic.dump"
    code, text = _cli(capsys, "db", "backup", str(dump), "--database", postgres_url)
    assert code == 0, text
    assert f"Dumped the database to {dump}" in text
    assert dump.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format


def test_server_backup_without_pg_dump_says_what_to_install(
    postgres_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    code, text = _cli(capsys, "db", "backup", "--database", postgres_url)
    assert code == 1
    assert "pg_dump is not installed on this computer" in text
    assert "postgresql-client" in text
    assert not list(tmp_path.iterdir())
