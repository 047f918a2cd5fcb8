"""Backups of an SQLite clinic file: taken online, checked, kept 7 daily + 4 weekly.

SQLite's backup API copies the file in one step from a read transaction: on a WAL
database the desks keep writing meanwhile, and the copy is the database as of one
instant. Each copy is written under a temporary name, checked (SQLite's
quick_check and the schema), and only then given its name: a file named like a
backup is one that restores.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from scheduler_app import config
from scheduler_app.db import migrate, schema_check, sqlite_file
from scheduler_app.errors import DamagedDatabaseError, DatabaseFileError, SchedulerError

DAILY, WEEKLY = 7, 4
#: How old the latest backup may get before the desk takes another.
EVERY = timedelta(days=1)
_STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}Z)\.sqlite3$")


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime  # aware, UTC
    size: int


def folder_for(database: Path) -> Path:
    """Where the automatic backups of ``database`` go: the per-user data folder, one
    subfolder per database file (named after it and its full path)."""
    digest = hashlib.sha1(str(database.resolve()).encode()).hexdigest()[:8]
    return config.data_dir() / "backups" / f"{database.stem}-{digest}"


def list_backups(database: Path) -> list[Backup]:
    """The automatic backups of ``database``, newest first."""
    folder = folder_for(database)
    found = []
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            match = _NAME.match(entry.name)
            if match and match["stem"] == database.stem and entry.is_file():
                taken = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
                found.append(Backup(entry, taken, entry.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def latest_note(database: Path) -> str:
    """A sentence pointing to the latest backup of ``database`` (to add to a message)."""
    backups = list_backups(database)
    if not backups:
        return f" No backup of it was found in {folder_for(database)}."
    latest = backups[0]
    when = latest.taken_at.astimezone().strftime("%a %d %b %Y %H:%M")
    return (
        f" The latest backup is {latest.path} (taken {when}): restore it with "
        f"`scheduler-app db restore {latest.path}` or Clinic > Backups."
    )


def due(database: Path, now: datetime) -> bool:
    """Whether the latest backup of ``database`` is older than `EVERY` (or missing)."""
    backups = list_backups(database)
    return not backups or now - backups[0].taken_at >= EVERY


def take(database: Path, to: Path | None = None, *, now: datetime | None = None) -> Backup:
    """Back ``database`` up to ``to``, or into its backups folder (then rotated).

    Raises `SchedulerError` saying why when it cannot; a copy that fails its
    check is deleted and named in the error.
    """
    now = now or datetime.now(UTC)
    facts = sqlite_file.look_at(database)
    if facts.state is not sqlite_file.State.CLINIC:
        raise DatabaseFileError(f"There is no clinic to back up at {database}.")
    if to is None:
        folder = config.make_private_dir(folder_for(database))
        target = folder / f"{database.stem}-{now.strftime(_STAMP)}.sqlite3"
    else:
        target = to
        if target.exists():
            raise SchedulerError(f"{target} already exists: choose another name.")
    partial = target.with_name(f".{target.name}.partial")
    try:
        _copy(database, partial)
        problems = check(partial)
        if problems:
            raise DamagedDatabaseError(
                f"The backup of {database} failed its check ({'; '.join(problems[:3])}) and "
                "was deleted: the database itself may be damaged (run `scheduler-app db check`)."
            )
        os.replace(partial, target)
        sync_folder(target.parent)
    except OSError as exc:
        raise SchedulerError(f"The backup could not be written to {target}: {exc}.") from exc
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
    if to is None:
        rotate(database)
    return Backup(target, now, target.stat().st_size)


def _copy(database: Path, to: Path) -> None:
    """One-step online copy into ``to`` (created readable by this user only)."""
    with contextlib.suppress(FileNotFoundError):
        to.unlink()
    os.close(os.open(to, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    source = sqlite_file.connect_read_only(
        database, immutable=sqlite_file.needs_immutable(database)
    )
    try:
        with contextlib.closing(sqlite3.connect(to)) as copy:
            source.backup(copy)  # all pages in one step: one consistent instant
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    except sqlite3.Error as exc:
        raise DamagedDatabaseError(
            f"{database} could not be copied: SQLite reports “{exc}”."
        ) from exc
    finally:
        source.close()
    with open(to, "rb+") as handle:
        os.fsync(handle.fileno())


def check(path: Path) -> list[str]:
    """What is wrong with the clinic file ``path`` (empty when it is sound): not ours,
    damaged pages, a schema of the latest revision that lacks something."""
    try:
        facts = sqlite_file.look_at(path)
    except DatabaseFileError as exc:
        return [exc.message]
    if facts.state is not sqlite_file.State.CLINIC:
        return [f"{path} holds no clinic"]
    problems = sqlite_file.quick_check(path)
    if not problems and facts.revision == migrate.HEAD_REVISION:
        with contextlib.closing(sqlite_file.connect_read_only(path, immutable=True)) as conn:
            problems = schema_check.differences(lambda sql: conn.execute(sql).fetchall(), "sqlite")
    return problems


def rotate(database: Path) -> list[Path]:
    """Keep the newest backup of each of the last `DAILY` days that have one, and of
    `WEEKLY` weeks before them; delete the rest. Returns what was deleted."""
    kept_days: set[str] = set()
    kept_weeks: set[tuple[int, int]] = set()
    deleted = []
    for backup in list_backups(database):  # newest first
        day = backup.taken_at.date()
        week = day.isocalendar()[:2]
        if day.isoformat() in kept_days or week in kept_weeks:
            keep = False
        elif len(kept_days) < DAILY:
            keep = True
            kept_days.add(day.isoformat())
            if len(kept_days) == DAILY:
                kept_weeks.add(week)  # the weekly ones begin before the oldest daily one
        elif len(kept_weeks) < WEEKLY + 1:
            keep = True
            kept_weeks.add(week)
        else:
            keep = False
        if not keep:
            with contextlib.suppress(OSError):
                backup.path.unlink()
                deleted.append(backup.path)
    return deleted


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
