"""Opening a clinic's database: only one of ours, and created only when asked.

Never create, migrate or take over a database nobody chose for this app (DESIGN.md,
"Trust at the edges"): an SQLite file is looked at read-only first
(`sqlite_file.look_at`), a server's tables are listed, and anything foreign, newer
or damaged is refused with a message naming it before a byte is written.
"""

from __future__ import annotations

import logging
import os
from enum import Enum
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from scheduler_app import config
from scheduler_app.db import backups, migrate, schema_check, sqlite_file
from scheduler_app.db.engine import Database, open_database, read_only_url, sqlite_url
from scheduler_app.db.errors import translate
from scheduler_app.db.sqlite_file import State
from scheduler_app.errors import (
    DamagedDatabaseError,
    DatabaseFileError,
    NoClinicError,
    ReadOnlyDatabaseError,
)

log = logging.getLogger(__name__)


class Intent(Enum):
    INSPECT = "inspect"  # db current, db check: look, never write
    USE = "use"  # the window, demo-data: an existing clinic (migrated when older)
    CREATE = "create"  # db upgrade, a first start, "Create a new clinic at ...?"


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL (None for a server)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    return Path(parsed.database or "")


def describe(url: str) -> str:
    """How to name the database to a person: its file, or database and server."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    parsed = make_url(url)
    return f"the database {parsed.database} on {parsed.host}:{parsed.port or 5432}"


def open_clinic(url: str, intent: Intent, *, verify: bool = False) -> Database:
    """Open ``url`` for ``intent``, or raise a `SchedulerError` saying why not.

    INSPECT opens an SQLite file read-only. USE and CREATE bring an older schema of
    ours up to date; only CREATE makes a clinic where there is none. ``verify``
    runs the full integrity check before anything is written (seconds on a big
    file: for the admin commands; the window runs it in the background).
    """
    try:
        path = sqlite_path(url)
    except Exception:
        path = None  # open_database names the bad address
    if path is not None:
        return _open_sqlite(path, intent, verify)
    return _open_server(url, intent)


def _open_sqlite(path: Path, intent: Intent, verify: bool) -> Database:
    if str(path) in ("", ":memory:"):
        raise DatabaseFileError("The embedded database needs a file path.")
    try:
        facts = sqlite_file.look_at(path)
    except DamagedDatabaseError as exc:
        raise DamagedDatabaseError(exc.message + backups.latest_note(path)) from exc
    if facts.state is not State.CLINIC:
        if intent is Intent.CREATE:
            return _create(path)
        if intent is Intent.INSPECT and facts.state is State.EMPTY:
            return open_database(read_only_url(path, immutable=True))
        raise no_clinic(path, missing=facts.state is State.MISSING)
    read_only = intent is Intent.INSPECT or not facts.writable
    if read_only:
        database = open_database(read_only_url(path, immutable=sqlite_file.needs_immutable(path)))
    else:
        database = open_database(sqlite_url(path))
    try:
        if verify:
            damage = sqlite_file.quick_check(path)
            if damage:
                raise DamagedDatabaseError(
                    f"{path} is damaged: {'; '.join(damage[:3])}." + backups.latest_note(path)
                )
        if intent is not Intent.INSPECT:
            _bring_up_to_date(database, path, facts.revision, facts.application_id)
    except BaseException:
        database.dispose()
        raise
    return database


def no_clinic(path: Path, *, missing: bool) -> NoClinicError:
    if missing:
        message = (
            f"There is no database at {path} (is the drive or network folder it is on "
            "connected?). Nothing was created; to start a new clinic there, run "
            f"`scheduler-app db upgrade --database {config.sqlite_url(path)}`."
        )
    else:
        message = (
            f"{path} holds no clinic yet (it is empty). To start a new clinic there, run "
            f"`scheduler-app db upgrade --database {config.sqlite_url(path)}`."
        )
    return NoClinicError(message, str(path), missing=missing)


def _bring_up_to_date(
    database: Database, path: Path, revision: str | None, application_id: int
) -> None:
    if revision != migrate.HEAD_REVISION:
        if database.read_only:
            raise ReadOnlyDatabaseError(
                f"{path} needs an upgrade to this version's schema, but this computer's user "
                "cannot write to it or to its folder. Nothing was changed."
            )
        migrate.upgrade(database)
    _refuse_incomplete(database, str(path), backups.latest_note(path))
    if not database.read_only and application_id != sqlite_file.APPLICATION_ID:
        with database.engine.connect() as conn:
            conn.exec_driver_sql(f"PRAGMA application_id = {sqlite_file.APPLICATION_ID}")


def _refuse_incomplete(database: Database, where: str, note: str = "") -> None:
    """Refuse a schema at the latest revision that lacks what it needs (a table, a guard)."""
    try:
        with database.engine.connect() as conn:
            problems = schema_check.differences(
                lambda sql: conn.exec_driver_sql(sql).all(), database.dialect
            )
    except DBAPIError as exc:
        raise translate(exc) from exc
    if problems:
        raise DamagedDatabaseError(
            f"{where} does not hold the schema this version needs: {'; '.join(problems[:4])}"
            f"{'; ...' if len(problems) > 4 else ''}." + note
        )


def _create(path: Path) -> Database:
    """A new clinic's file at ``path`` (its folder made if needed); private to this
    user inside the per-user data folder."""
    private = _inside(path, config.data_dir())
    try:
        if private:
            config.make_private_dir(path.parent)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseFileError(
            f"The folder {path.parent} for the clinic's database cannot be created: {exc.strerror}."
        ) from exc
    try:
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600 if private else 0o666))
    except OSError as exc:
        raise DatabaseFileError(f"{path} cannot be created: {exc.strerror}.") from exc
    database = open_database(sqlite_url(path))
    try:
        migrate.upgrade(database)
    except BaseException:
        database.dispose()
        raise
    log.info("created a new clinic database at %s", path)
    return database


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _open_server(url: str, intent: Intent) -> Database:
    database = open_database(url)
    where = describe(url)
    try:
        revision = _server_revision(database, where)
        if revision is None:
            if intent is Intent.CREATE:
                migrate.upgrade(database)
            elif intent is Intent.USE:
                raise NoClinicError(
                    f"{_capital(where)} is empty: no clinic there yet. To set it "
                    'up, run `scheduler-app db upgrade` (see README, "Shared database").',
                    where,
                    missing=False,
                )
        elif intent is not Intent.INSPECT:
            if revision != migrate.HEAD_REVISION:
                migrate.upgrade(database)
            _refuse_incomplete(database, _capital(where))
    except BaseException:
        database.dispose()
        raise
    return database


def _server_revision(database: Database, where: str) -> str | None:
    """The schema revision of a server database of ours (None when it is empty);
    raises for another application's tables or a newer schema."""
    try:
        with database.engine.connect() as conn:
            tables = set(
                conn.execute(
                    text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
                ).scalars()
            )
            versions = (
                conn.execute(text(f"SELECT version_num FROM {schema_check.VERSION_TABLE}"))
                .scalars()
                .all()
                if schema_check.VERSION_TABLE in tables
                else []
            )
    except DBAPIError as exc:
        raise translate(exc) from exc
    if not tables:
        return None
    foreign = tables - schema_check.our_tables() - {schema_check.VERSION_TABLE}
    if foreign:
        raise DatabaseFileError(
            f"{_capital(where)} holds tables of another application "
            f"({', '.join(sorted(foreign)[:4])}). It was left as it is."
        )
    if len(versions) != 1:
        raise DatabaseFileError(
            f"{_capital(where)} has tables named like the scheduler's but no "
            "schema version of it: this scheduler did not set it up. It was left as it is."
        )
    revision = str(versions[0])
    if revision not in migrate.REVISIONS:
        raise migrate.newer_schema(_capital(where), revision)
    return revision


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
