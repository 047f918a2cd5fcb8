"""Putting a backup back in place of a clinic's SQLite file.

The backup is checked first; one of another clinic or of a newer schema needs
``force``. Nobody may have the file open meanwhile (other programs are named).
The current file is kept aside, and the backup takes its place with one atomic
rename: at every instant the path holds either the old file or the restored one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from scheduler_app.db import backups, sqlite_file
from scheduler_app.db.sqlite_file import State
from scheduler_app.errors import (
    DamagedDatabaseError,
    DatabaseFileError,
    NewerSchemaError,
    SchedulerError,
)

FORCE_HINT = "add --force to restore it anyway"


class OtherClinicError(DatabaseFileError):
    """The backup is of another clinic (restoring it needs ``force``)."""

    title = "Another clinic's backup"


@dataclass(frozen=True)
class Restored:
    target: Path
    backup: Path
    #: The file the backup replaced (None when there was none).
    kept_aside: Path | None


def check_restorable(target: Path, backup: Path, *, force: bool = False) -> None:
    """Raise `SchedulerError` saying why ``backup`` may not replace ``target`` now:
    a damaged backup, another clinic's or a newer one (unless ``force``), or
    another program having ``target`` open. Changes nothing."""
    wanted = _check_backup(backup, force)
    current = _current(target)
    if (
        current is not None
        and current.clinic_id
        and wanted.clinic_id
        and current.clinic_id != wanted.clinic_id
        and not force
    ):
        raise OtherClinicError(
            f"{backup} is a backup of another clinic (clinic id {wanted.clinic_id}; {target} "
            f"is clinic {current.clinic_id}): {FORCE_HINT}. Nothing was changed."
        )
    busy = holders(target)
    if busy:
        raise SchedulerError(
            f"{target} is open in {', '.join(busy)}: close the scheduler there first, then "
            "restore again. Nothing was changed."
        )


def restore(
    target: Path, backup: Path, *, force: bool = False, now: datetime | None = None
) -> Restored:
    """Replace ``target`` by ``backup`` (after `check_restorable`); raises
    `SchedulerError` saying why not."""
    check_restorable(target, backup, force=force)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    incoming = target.with_name(f".{target.name}.restoring")
    try:
        shutil.copyfile(backup, incoming)
        with contextlib.closing(sqlite3.connect(incoming)) as db:
            db.execute("PRAGMA journal_mode = WAL")  # as the desks use it (a backup is not)
        with open(incoming, "rb+") as handle:
            os.fsync(handle.fileno())
        incoming.chmod(target.stat().st_mode & 0o777 if target.exists() else 0o600)
        aside = _keep_aside(target, stamp) if target.exists() else None
        os.replace(incoming, target)
    except (OSError, sqlite3.Error) as exc:
        raise SchedulerError(f"{target} could not be replaced: {exc}.") from exc
    finally:
        with contextlib.suppress(OSError):
            incoming.unlink()
    backups.sync_folder(target.parent)
    return Restored(target, backup, aside)


def _check_backup(backup: Path, force: bool) -> sqlite_file.FileFacts:
    try:
        facts = sqlite_file.look_at(backup)
    except NewerSchemaError as exc:
        if not force:
            raise NewerSchemaError(
                f"{backup} comes from a newer version of the scheduler: {FORCE_HINT} (this "
                "desk cannot open it until it is updated). Nothing was changed."
            ) from exc
        facts = sqlite_file.FileFacts(backup, State.CLINIC)
    except DatabaseFileError as exc:
        raise DatabaseFileError(f"Not restored: {exc.message}") from exc
    if facts.state is State.MISSING:
        raise DatabaseFileError(f"There is no file at {backup}: nothing was restored.")
    if facts.state is not State.CLINIC:
        raise DatabaseFileError(f"{backup} holds no clinic: it was not restored.")
    problems = sqlite_file.quick_check(backup) if facts.revision is None else backups.check(backup)
    if problems:
        raise DamagedDatabaseError(
            f"The backup {backup} is damaged ({'; '.join(problems[:3])}): it was not restored. "
            "Nothing was changed."
        )
    return facts


def _current(target: Path) -> sqlite_file.FileFacts | None:
    """What is at ``target`` now (None when it cannot be read: damaged, say)."""
    try:
        facts = sqlite_file.look_at(target)
    except DamagedDatabaseError:
        return None
    except DatabaseFileError as exc:
        raise DatabaseFileError(
            f"{exc.message} A backup is only restored over a clinic's own file."
        ) from exc
    return facts if facts.state is State.CLINIC else None


def _keep_aside(target: Path, stamp: str) -> Path:
    """Keep the current file (with what its -wal still holds) as ``<name>.before-restore-…``."""
    if sqlite_file.wal_in_use(target) and sqlite_file.is_writable(target):
        # A desk that stopped without closing left changes there: fold them in.
        with contextlib.suppress(sqlite3.Error), contextlib.closing(sqlite3.connect(target)) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    aside = target.with_name(f"{target.name}.before-restore-{stamp}")
    try:
        os.link(target, aside)  # instant, and the rename that follows leaves it whole
    except OSError:
        shutil.copy2(target, aside)
    # Never let the old file's log meet the restored file: it goes aside with it.
    wal, shm = Path(f"{target}-wal"), Path(f"{target}-shm")
    if sqlite_file.wal_in_use(target):  # not folded in: the copy aside needs it
        os.replace(wal, Path(f"{aside}-wal"))
    for leftover in (wal, shm):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
    return aside


def holders(path: Path) -> list[str]:
    """Other processes that have ``path`` (or its -wal/-shm) open, as "process 123
    (scheduler-app)"; read from /proc, so empty where there is none."""
    names = {str(path.resolve()), f"{path.resolve()}-wal", f"{path.resolve()}-shm"}
    found = []
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    me = os.getpid()
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == me:
            continue
        with contextlib.suppress(OSError):
            for fd in (entry / "fd").iterdir():
                with contextlib.suppress(OSError):
                    if os.readlink(fd) in names:
                        found.append(f"process {entry.name} ({_program(entry)})")
                        break
    return found


def _program(entry: Path) -> str:
    try:
        return (entry / "comm").read_text().strip() or "?"
    except OSError:
        return "?"
