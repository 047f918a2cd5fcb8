"""`scheduler-app db check`: can this computer use that database?"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from scheduler_app.db import migrate
from scheduler_app.db.engine import Database
from scheduler_app.db.errors import translate
from scheduler_app.errors import SchedulerError

MIN_POSTGRES = 130000  # btree_gist as a trusted extension, GiST on ranges


@dataclass(frozen=True)
class Finding:
    what: str
    ok: bool
    detail: str


def check(database: Database) -> list[Finding]:
    """Connectivity, server version, schema revision and database-side guarantees."""
    try:
        with database.engine.connect() as conn:
            if database.is_sqlite:
                mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
                findings = [
                    Finding("connection", True, f"SQLite file {database.engine.url.database}"),
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
    return findings
