"""`scheduler-app db check`: can this computer use that database, and is it whole?"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from scheduler_app.db import backups, migrate, schema_check, sqlite_file
from scheduler_app.db.engine import Database
from scheduler_app.db.errors import translate
from scheduler_app.db.opening import Intent, open_clinic
from scheduler_app.errors import SchedulerError

MIN_POSTGRES = 130000  # btree_gist as a trusted extension, GiST on ranges


@dataclass(frozen=True)
class Finding:
    what: str
    ok: bool
    detail: str
    #: Works, but should be changed (e.g. desks connecting as a superuser).
    warning: bool = False


def check_url(url: str) -> list[Finding]:
    """`check` of the database at ``url``, opened read-only; a database this desk
    must not open (missing, not ours, newer, damaged) is one finding saying why."""
    try:
        database = open_clinic(url, Intent.INSPECT)
    except SchedulerError as exc:
        return [Finding("database", False, exc.message)]
    try:
        return check(database)
    finally:
        database.dispose()


def check(database: Database) -> list[Finding]:
    """Connectivity, server version, schema revision and objects, database-side
    guarantees and, on SQLite, the integrity of every page (`PRAGMA quick_check`)."""
    try:
        with database.engine.connect() as conn:
            if database.is_sqlite:
                mode = _journal_mode(database, conn.exec_driver_sql("PRAGMA journal_mode").scalar())
                findings = [
                    Finding("connection", True, f"SQLite file {database.path}"),
                    Finding("journal", mode == "wal", f"journal mode {mode} (WAL is needed)"),
                ]
                guard = conn.exec_driver_sql(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                    "AND name LIKE 'trg_appointment_guard_%'"
                ).scalar()
                guard_ok, guard_text = guard == 2, f"{guard} of 2 overlap triggers"
            else:
                version = int(conn.execute(text("SHOW server_version_num")).scalar() or 0)
                findings = [
                    Finding(
                        "connection",
                        True,
                        f"PostgreSQL {version // 10000}.{version % 100} at "
                        f"{database.engine.url.host}:{database.engine.url.port or 5432}",
                    ),
                    Finding(
                        "server version",
                        version >= MIN_POSTGRES,
                        "PostgreSQL 13 or newer is needed" if version < MIN_POSTGRES else "ok",
                    ),
                ]
                ext = conn.execute(
                    text("SELECT extversion FROM pg_extension WHERE extname = 'btree_gist'")
                ).scalar()
                findings.append(
                    Finding("btree_gist", ext is not None, f"version {ext}" if ext else "missing")
                )
                guard = conn.execute(
                    text(
                        "SELECT count(*) FROM pg_constraint "
                        "WHERE conname = 'ex_appointment_professional_overlap'"
                    )
                ).scalar()
                guard_ok, guard_text = (
                    guard == 1,
                    "exclusion constraint " + ("present" if guard == 1 else "missing"),
                )
                findings.append(_desk_role(conn))
    except DBAPIError as exc:
        return [Finding("connection", False, translate(exc).message)]
    current = None
    try:
        current = migrate.current_revision(database)
        migrate.check_not_newer(database)
        head = migrate.head_revision()
        findings.append(
            Finding(
                "schema",
                current == head,
                f"revision {current} (latest)"
                if current == head
                else "empty: run `scheduler-app db upgrade` to create it"
                if current is None
                else f"revision {current}; run `scheduler-app db upgrade` to reach {head}",
            )
        )
    except SchedulerError as exc:
        findings.append(Finding("schema", False, exc.message))
    if current is not None:
        findings.append(Finding("overlap guard", guard_ok, guard_text))
    if current == migrate.HEAD_REVISION:
        findings.append(_schema_objects(database))
    if database.is_sqlite and current is not None:
        findings.append(_integrity(database))
    return findings


def _desk_role(conn: Connection) -> Finding:
    """Desks should connect as a role that reads and writes rows and changes no
    schema (README: "A least-privilege role for the desks")."""
    user, superuser, create = conn.execute(
        text(
            "SELECT current_user, rolsuper, has_schema_privilege(current_user, 'public', 'CREATE') "
            "FROM pg_roles WHERE rolname = current_user"
        )
    ).one()
    if superuser:
        return Finding(
            "desk role",
            True,
            f"{user} is a superuser: desks should connect as a role that cannot change the "
            "schema (see README, a least-privilege role for the desks); keep this one for "
            "`db upgrade`",
            warning=True,
        )
    if create:
        return Finding(
            "desk role",
            True,
            f"{user} may create tables: fine for `db upgrade`, but desks should use a role "
            "without it (see README)",
            warning=True,
        )
    return Finding("desk role", True, f"{user}: reads and writes rows, changes no schema")


def _journal_mode(database: Database, reported: object) -> object:
    """What the file's header says when SQLite reads it as immutable (and then
    reports "delete" whatever the file is)."""
    path = database.path
    if database.engine.url.query.get("immutable") == "1" and path is not None:
        header = sqlite_file.read_header(path)
        return "wal" if header is not None and header.wal else "delete"
    return reported


def _schema_objects(database: Database) -> Finding:
    try:
        with database.engine.connect() as conn:
            problems = schema_check.differences(
                lambda sql: conn.exec_driver_sql(sql).all(), database.dialect
            )
    except DBAPIError as exc:
        return Finding("schema objects", False, translate(exc).message)
    if problems:
        return Finding("schema objects", False, "; ".join(problems))
    return Finding("schema objects", True, "tables, columns, indexes and guards as expected")


def _integrity(database: Database) -> Finding:
    path = database.path
    assert path is not None
    damage = sqlite_file.quick_check(path)
    if damage:
        return Finding(
            "integrity", False, f"damaged: {'; '.join(damage[:5])}." + backups.latest_note(path)
        )
    return Finding("integrity", True, "every page read back intact (PRAGMA quick_check)")
