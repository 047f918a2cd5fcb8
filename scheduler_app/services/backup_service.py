"""The clinic's backups, for the desk (Clinic > Backups): list, take one, restore one.

Only an embedded SQLite file is backed up by the desk; a shared server is backed
up on the server (`pg_dump`, see README).
"""

from __future__ import annotations

from pathlib import Path

from scheduler_app.db import backups, restore
from scheduler_app.db.backups import Backup
from scheduler_app.db.engine import Database
from scheduler_app.db.restore import OtherClinicError, Restored
from scheduler_app.errors import SchedulerError

__all__ = ["Backup", "BackupService", "OtherClinicError", "Restored"]


class BackupService:
    def __init__(self, database: Database) -> None:
        self._path = database.path

    @property
    def database_file(self) -> Path | None:
        """The SQLite file backed up (None on a shared server: nothing to do here)."""
        return self._path

    @property
    def folder(self) -> Path | None:
        return backups.folder_for(self._path) if self._path is not None else None

    def list(self) -> list[Backup]:
        return backups.list_backups(self._path) if self._path is not None else []

    def take(self) -> Backup:
        return backups.take(self._file())

    def check_restorable(self, backup: Path, *, force: bool = False) -> None:
        """Raise `SchedulerError` (`OtherClinicError` for another clinic's backup)
        saying why ``backup`` cannot be restored now; changes nothing."""
        restore.check_restorable(self._file(), backup, force=force)

    def restore(self, backup: Path, *, force: bool = False) -> Restored:
        """Put ``backup`` in place of the file (close every connection first)."""
        return restore.restore(self._file(), backup, force=force)

    def _file(self) -> Path:
        if self._path is None:
            raise SchedulerError(
                "This desk uses a shared database server: back it up on the server with "
                'pg_dump (see README, "Backups").'
            )
        return self._path
