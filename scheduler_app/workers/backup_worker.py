"""Looks after the clinic's SQLite file from a worker thread: the full integrity
check once at start, then a checked backup whenever the latest is a day old.

The start-up path only runs the cheap checks (header, length, schema); reading
every page (`PRAGMA quick_check`, about a second per 400 MB) happens here, off
the GUI thread. Damage found is reported through ``damaged``, once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Signal, Slot

from scheduler_app.db import backups, sqlite_file
from scheduler_app.errors import SchedulerError
from scheduler_app.workers.thread import PeriodicWorker

log = logging.getLogger(__name__)

HOUR_MS = 3_600_000


def _utc_now() -> datetime:
    return datetime.now(UTC)


class BackupWorker(PeriodicWorker):
    damaged = Signal(str)  # what is wrong, and the latest backup
    sound = Signal()  # the full check found nothing wrong
    backed_up = Signal(str)  # the new backup's path
    problem = Signal(str)

    def __init__(
        self,
        database: Path,
        interval_ms: int = HOUR_MS,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        super().__init__(interval_ms)
        self._database = database
        self._clock = clock
        self._checked = False
        self._damaged = False

    @Slot()
    def tick(self) -> None:
        try:
            if not self._checked:
                self._checked = True
                self._check()
            if not self._damaged and backups.due(self._database, self._clock()):
                taken = backups.take(self._database, now=self._clock())
                log.info("backed up %s to %s", self._database, taken.path)
                self.backed_up.emit(str(taken.path))
        except SchedulerError as exc:
            log.warning("backup of %s failed: %s", self._database, exc.message)
            self.problem.emit(exc.message)
        except Exception:  # a bug: log it, keep the desk running
            log.exception("backup worker failed")

    def _check(self) -> None:
        damage = sqlite_file.quick_check(self._database)
        if damage:
            self._damaged = True
            message = (
                f"{self._database} is damaged: {'; '.join(damage[:3])}. Nothing more is "
                "written to it: this desk now only shows it." + backups.latest_note(self._database)
            )
            log.error("%s", message)
            self.damaged.emit(message)
        else:
            self.sound.emit()
