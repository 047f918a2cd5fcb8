"""Schema migrations (Alembic), run at start-up and by `scheduler-app db ...`."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from scheduler_app.db.engine import WRITE_OPTION, Database
from scheduler_app.db.errors import translate
from scheduler_app.errors import DatabaseUnavailableError

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(database: Database) -> str | None:
    try:
        with database.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except DBAPIError as exc:
        raise translate(exc) from exc


def check_not_newer(database: Database) -> None:
    """Refuse a database whose schema comes from a newer version of the application."""
    current = current_revision(database)
    script = ScriptDirectory.from_config(alembic_config())
    if current is not None and current not in {r.revision for r in script.walk_revisions()}:
        raise DatabaseUnavailableError(
            f"This database was set up by a newer version of the scheduler (schema {current}). "
            "Please install the newer version on this computer too."
        )


def upgrade(database: Database, revision: str = "head") -> None:
    check_not_newer(database)
    _run(database, "upgrade", revision)


def downgrade(database: Database, revision: str) -> None:
    _run(database, "downgrade", revision)


def _run(database: Database, direction: str, revision: str) -> None:
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
