"""Tells the desk, from a worker thread, that some desk changed the schedule.

One signal whatever the database: ``schedule_changed(days)`` with the local days
that changed, or None when it cannot say which (then everything shown reloads).

* PostgreSQL: ``LISTEN`` on its own connection; the unit of work sends ``NOTIFY``
  with the changed days in the transaction of the change (`db.change_feed`).
* SQLite: ``PRAGMA data_version`` on its own connection changes whenever another
  connection commits to the file.

Both check every `INTERVAL_MS` on the worker's thread (never the GUI's), and
report the database unreachable and back again through ``database_status``.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import urllib.parse
from typing import Any

import psycopg
from PySide6.QtCore import Signal, Slot
from sqlalchemy.engine import make_url

from scheduler_app.db import change_feed
from scheduler_app.workers.thread import PeriodicWorker

log = logging.getLogger(__name__)

INTERVAL_MS = 250


class _Listener(PeriodicWorker):
    schedule_changed = Signal(object)  # frozenset[date] | None
    database_status = Signal(bool, str)  # reachable, message
    #: Once, when it follows the database: every later change will be heard.
    watching = Signal()

    def __init__(self, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(interval_ms)
        self._reachable = True
        self._watching = False

    def stopped(self) -> None:
        self._close()

    @Slot()
    def tick(self) -> None:
        try:
            changed = self._check()
        except (psycopg.Error, sqlite3.Error, OSError) as exc:
            self._close()
            if self._reachable:
                self._reachable = False
                log.warning("schedule changes cannot be followed: %s", exc)
                self.database_status.emit(False, _short(exc))
            return
        except Exception:  # a bug: log it, keep the desk running
            log.exception("change listener failed")
            return
        if not self._watching:
            self._watching = True
            self.watching.emit()
        if not self._reachable:
            self._reachable = True
            self.database_status.emit(True, "")
            changed = None  # what happened meanwhile is unknown: reload everything
        if changed is not False:
            self.schedule_changed.emit(changed)

    def _check(self) -> Any:
        """False when nothing changed, else the days (or None for "unknown")."""
        raise NotImplementedError

    def _close(self) -> None:
        raise NotImplementedError


class PostgresListener(_Listener):
    def __init__(self, url: str, organization_id: int, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(interval_ms)
        parsed = make_url(url)
        self._conninfo = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
        self._org = organization_id
        self._conn: psycopg.Connection[Any] | None = None

    def _check(self) -> Any:
        if self._conn is None:
            self._conn = psycopg.connect(self._conninfo, autocommit=True, connect_timeout=5)
            self._conn.execute(f"LISTEN {change_feed.CHANNEL}")
        days: set[Any] = set()
        heard = False
        for note in self._conn.notifies(timeout=0.01):
            parsed = change_feed.parse_payload(note.payload)
            if parsed is not None and parsed[0] == self._org:
                heard = True
                days |= parsed[1]
        return frozenset(days) if heard else False

    def _close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(psycopg.Error):
                self._conn.close()
            self._conn = None


class SqliteVersionWatcher(_Listener):
    def __init__(self, path: str, interval_ms: int = INTERVAL_MS, *, uri: bool = False) -> None:
        super().__init__(interval_ms)
        self._path = path
        self._uri = uri  # ``path`` is a "file:" URI (a file opened read-only)
        self._conn: sqlite3.Connection | None = None
        self._version: int | None = None

    def _check(self) -> Any:
        if self._conn is None:
            self._conn = sqlite3.connect(self._path, timeout=1, isolation_level=None, uri=self._uri)
        version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        previous, self._version = self._version, version
        return None if previous is not None and version != previous else False

    def _close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
            self._version = None


def change_listener(url: str, organization_id: int, interval_ms: int = INTERVAL_MS) -> _Listener:
    """The listener for the database at ``url``."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        assert parsed.database is not None
        if parsed.query.get("uri") == "true":  # read-only: the same "file:" URI
            query = urllib.parse.urlencode({k: v for k, v in parsed.query.items() if k != "uri"})
            return SqliteVersionWatcher(f"{parsed.database}?{query}", interval_ms, uri=True)
        return SqliteVersionWatcher(parsed.database, interval_ms)
    return PostgresListener(url, organization_id, interval_ms)


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
