"""What guarding and backing up the clinic's file costs at 1M appointments.

Run: `.venv/bin/python -m pytest -m benchmark -s tests/benchmarks/test_database_file_speed.py`
(size via BENCH_FILE_SIZE). Prints: opening the file the old way (engine, then the
schema revision) next to opening it through `db.opening` (the read-only look,
the engine, the schema objects); the full integrity check the desk runs in the
background; a checked backup, and a restore of it.
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from scheduler_app.db import backups, migrate, sqlite_file
from scheduler_app.db.engine import open_database, sqlite_url
from scheduler_app.db.opening import Intent, open_clinic
from scheduler_app.db.restore import restore
from tests.benchmarks.test_availability_speed import APPOINTMENT_COLUMNS
from tests.conftest import identity_with_account

SIZE = int(os.environ.get("BENCH_FILE_SIZE", "1000000"))
#: What the start-up checks may add to opening the file (the issue's budget).
BUDGET_MS = 200.0


def _fill(path: Path, count: int) -> None:
    database = open_database(sqlite_url(path))
    migrate.upgrade(database)
    identity = identity_with_account(database, "bench", "UTC")
    database.dispose()
    rng = random.Random(count)
    first = datetime(2020, 1, 6, 8, tzinfo=UTC)
    stamp = "2019-12-01 00:00:00"

    def rows():  # type: ignore[no-untyped-def]
        for n in range(count):
            start = first + timedelta(minutes=15 * n)
            end = start + timedelta(minutes=rng.choice((15, 30, 45)))
            yield (
                identity.organization_id,
                start.replace(tzinfo=None).isoformat(sep=" "),
                end.replace(tzinfo=None).isoformat(sep=" "),
                "cancelled" if rng.random() < 0.08 else "confirmed",
                identity.staff_user_id,
                identity.staff_user_id,
                stamp,
                stamp,
            )

    raw = sqlite3.connect(path)
    with raw:
        raw.executemany(
            f"INSERT INTO appointment ({APPOINTMENT_COLUMNS}) VALUES (?, '', '', ?, ?, ?, "
            "'normal', NULL, '', 0, '', 'EUR', 1, '', '', '', '', '', ?, ?, ?, ?, 1)",
            rows(),
        )
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()


def _median_ms(call: Callable[[], object], repeat: int = 9) -> float:
    call()  # warm: the file in the page cache, the modules imported
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        call()
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


def _open_the_old_way(path: Path) -> None:
    database = open_database(sqlite_url(path))
    migrate.upgrade(database)  # at the latest revision: one query
    database.dispose()


def _open_guarded(path: Path) -> None:
    open_clinic(sqlite_url(path), Intent.USE).dispose()


def _once(call: Callable[[], object]) -> tuple[float, object]:
    began = time.perf_counter()
    result = call()
    return time.perf_counter() - began, result


@pytest.mark.benchmark
def test_guarding_and_backing_up_a_big_file(tmp_path: Path) -> None:
    path = tmp_path / "big.sqlite3"
    built, _ = _once(lambda: _fill(path, SIZE))
    size_mb = path.stat().st_size / 1e6
    old = _median_ms(lambda: _open_the_old_way(path))
    guarded = _median_ms(lambda: _open_guarded(path))
    look = _median_ms(lambda: sqlite_file.look_at(path))
    full_check, damage = _once(lambda: sqlite_file.quick_check(path))
    backup_s, backup = _once(lambda: backups.take(path))
    restore_s, _ = _once(lambda: restore(path, backup.path))  # type: ignore[attr-defined]
    print(
        f"\n{SIZE:,} appointments, {size_mb:.0f} MB file (built in {built:.0f} s)\n"
        f"  opening, old way (engine + revision)        {old:7.1f} ms\n"
        f"  opening through db.opening (USE)            {guarded:7.1f} ms"
        f"  (+{guarded - old:.1f} ms; budget {BUDGET_MS:.0f} ms)\n"
        f"    of which the read-only look at the file   {look:7.1f} ms\n"
        f"  full integrity check (background, db check) {full_check * 1000:7.0f} ms\n"
        f"  backup, checked (quick_check + schema)      {backup_s * 1000:7.0f} ms "
        f"({backup.size / 1e6:.0f} MB)\n"  # type: ignore[attr-defined]
        f"  restore of that backup (checked, swapped)   {restore_s * 1000:7.0f} ms"
    )
    assert damage == []
    assert guarded - old <= BUDGET_MS
