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
from scheduler_app.errors import NewerSchemaError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
#: The revisions in migrations/versions, oldest first (a test keeps them in step):
#: known without importing Alembic, to tell a newer schema from ours at once.
REVISIONS = (
    *(f"{n:04d}" for n in range(1, 15)),
    *("0016", "0018", "0019", "0020", "0021", "0022", "0023", "0024", "0025", "0026", "0027"),
)
HEAD_REVISION = REVISIONS[-1]


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


def newer_schema(where: str, revision: str) -> NewerSchemaError:
    return NewerSchemaError(
        f"{where} was upgraded by a newer version of the scheduler (schema {revision}): "
        "update this desk. Nothing was changed."
    )


def check_not_newer(database: Database) -> None:
    """Refuse a database whose schema comes from a newer version of the application."""
    current = current_revision(database)
    if current is not None and current not in REVISIONS:
        raise newer_schema("This database", current)


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
                if not database.is_sqlite:  # a migration may take longer than a desk's step
                    conn.exec_driver_sql("SET LOCAL statement_timeout = 0")
                    conn.exec_driver_sql("SET LOCAL lock_timeout = 0")
                config.attributes["connection"] = conn
                getattr(command, direction)(config, revision)
            if database.is_sqlite:
                _sqlite_pragma(conn, "foreign_keys = ON")
    except DBAPIError as exc:
        raise translate(exc) from exc


def _sqlite_pragma(conn: Connection, pragma: str) -> None:
    conn.connection.driver_connection.execute(f"PRAGMA {pragma}")  # type: ignore[union-attr]
