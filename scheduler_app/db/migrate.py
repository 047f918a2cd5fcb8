"""Schema migrations (Alembic), run at start-up and by `scheduler-app db ...`.

Importing Alembic costs about a third of a second, so a start-up that finds the
database already at `HEAD_REVISION` (read with one query) never loads it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from scheduler_app.db.engine import WRITE_OPTION, Database
from scheduler_app.db.errors import translate
from scheduler_app.errors import DatabaseUnavailableError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
#: The newest revision in migrations/versions (a test keeps the two in step).
HEAD_REVISION = "0004"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(database: Database) -> str | None:
    """The schema revision stored in the database (None for an empty database)."""
    try:
        with database.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    except DBAPIError as exc:
        raise translate(exc) from exc
    return rows[0] if len(rows) == 1 else None


def check_not_newer(database: Database) -> None:
    """Refuse a database whose schema comes from a newer version of the application."""
    from alembic.script import ScriptDirectory

    current = current_revision(database)
    script = ScriptDirectory.from_config(alembic_config())
    if current is not None and current not in {r.revision for r in script.walk_revisions()}:
        raise DatabaseUnavailableError(
            f"This database was set up by a newer version of the scheduler (schema {current}). "
            "Please install the newer version on this computer too."
        )


def upgrade(database: Database, revision: str = "head") -> None:
    if revision == "head" and current_revision(database) == HEAD_REVISION:
        return  # the common start-up: nothing to do, Alembic not even imported
    check_not_newer(database)
    _run(database, "upgrade", revision)


def downgrade(database: Database, revision: str) -> None:
    _run(database, "downgrade", revision)


def _run(database: Database, direction: str, revision: str) -> None:
    from alembic import command

    config = alembic_config()
    try:
        with database.engine.execution_options(**{WRITE_OPTION: True}).connect() as conn:
            if database.is_sqlite:
                # Batch migrations copy tables; foreign keys must not fire meanwhile.
                # (Outside any transaction, where SQLite honours this pragma.)
                _sqlite_pragma(conn, "foreign_keys = OFF")
            with conn.begin():
                config.attributes["connection"] = conn
                getattr(command, direction)(config, revision)
            if database.is_sqlite:
                _sqlite_pragma(conn, "foreign_keys = ON")
    except DBAPIError as exc:
        raise translate(exc) from exc


def _sqlite_pragma(conn: Connection, pragma: str) -> None:
    conn.connection.driver_connection.execute(f"PRAGMA {pragma}")  # type: ignore[union-attr]
