"""Engines for the embedded SQLite file and a shared PostgreSQL server.

Writes take one scheduling lock *before* reading (see DESIGN.md):

* SQLite: the driver's own transaction handling is switched off and every write
  transaction starts with ``BEGIN IMMEDIATE`` (a deferred BEGIN fails when a read
  turns into a write under contention, and busy_timeout does not help then).
* PostgreSQL: READ COMMITTED, and the services lock the organization row.

Nobody waits forever: a lock another connection holds is waited for at most
`LOCK_WAIT_MS` (SQLite's busy timeout, PostgreSQL's ``lock_timeout``), a statement
runs at most `STATEMENT_MS`, and a PostgreSQL session left idle inside a
transaction (a desk that hung holding the scheduling lock) is ended after
`IDLE_IN_TRANSACTION_MS`. `services.unit_of_work` retries a few times, then
says the schedule is busy: within 5 s in all.
"""

from __future__ import annotations

import sqlite3
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from scheduler_app.db import raw_query
from scheduler_app.errors import ReadOnlyDatabaseError, ValidationError

LOCK_WAIT_MS = 800
STATEMENT_MS = 5_000
IDLE_IN_TRANSACTION_MS = 10_000
#: Session settings of the desk's PostgreSQL connections (no round trip per transaction).
_DESK_OPTIONS = (
    f"-c lock_timeout={LOCK_WAIT_MS} -c statement_timeout={STATEMENT_MS} "
    f"-c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_MS}"
)
WRITE_OPTION = "scheduler_write"


@dataclass
class WriteGate:
    """Why writes are refused (None: they are not); set once a file turns out damaged."""

    refusal: str | None = None


@dataclass(frozen=True)
class Database:
    """An engine plus session factories for reading and for locked writing.

    ``reader`` serves the reads of the calendar and of hover checks. On
    PostgreSQL it is a second small pool in autocommit: no BEGIN or ROLLBACK
    round trips around each one-statement read. Neither pool pings before use:
    a connection the server dropped fails its first statement, and
    `unit_of_work` does the read, or a write that had not reached its commit,
    again on a fresh connection (never a write whose commit may have run).
    """

    engine: Engine
    read_sessions: sessionmaker[Session]
    write_sessions: sessionmaker[Session]
    reader: Engine
    #: ``engine`` marked for writing (on SQLite its transactions BEGIN IMMEDIATE).
    writer: Engine
    #: Opened only to read (SQLite): the file or its folder cannot be written.
    read_only: bool = False
    gate: WriteGate = field(default_factory=WriteGate)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    @property
    def path(self) -> Path | None:
        """The SQLite file (None for a server)."""
        if not self.is_sqlite:
            return None
        name = self.engine.url.database or ""
        return Path(urllib.parse.unquote(name.removeprefix("file:")))

    def refuse_writes(self, message: str) -> None:
        """From now on every write transaction fails with ``message`` (SQLite)."""
        self.gate.refusal = message

    def dispose(self) -> None:
        self.engine.dispose()
        if self.reader is not self.engine:
            self.reader.dispose()


def sqlite_url(path: Path) -> str:
    return URL.create("sqlite+pysqlite", database=str(path)).render_as_string()


def read_only_url(path: Path, *, immutable: bool = False) -> str:
    """An SQLite URL that opens ``path`` only to read; ``immutable`` for a folder where
    SQLite cannot create the -shm file it needs to read a WAL file otherwise."""
    query = {"mode": "ro", "uri": "true"} | ({"immutable": "1"} if immutable else {})
    database = f"file:{urllib.parse.quote(str(path))}"
    return URL.create("sqlite+pysqlite", database=database, query=query).render_as_string()


def open_database(url: str, *, echo: bool = False) -> Database:
    """Create the engine for ``url`` (nothing connects until first use).

    Open a clinic's database through `scheduler_app.db.opening`, which first makes
    sure it is one; this only builds the engine.
    """
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise ValidationError(f"Not a database address: {url!r}.") from exc
    backend = parsed.get_backend_name()
    gate = WriteGate()
    read_only = False
    if backend == "sqlite":
        read_only = parsed.query.get("mode") == "ro"
        engine = reader = _sqlite_engine(parsed, echo, gate, read_only)
    elif backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        engine = create_engine(
            parsed,
            echo=echo,
            isolation_level="READ COMMITTED",
            connect_args={"options": _DESK_OPTIONS},
        )
        # Writes waiting for a change's next round trip go before any other statement.
        event.listen(engine, "before_cursor_execute", raw_query.send_waiting)
        reader = create_engine(
            parsed,
            echo=echo,
            isolation_level="AUTOCOMMIT",
            pool_size=2,
            max_overflow=4,
            connect_args={"options": f"-c statement_timeout={STATEMENT_MS}"},
        )
    else:
        raise ValidationError(
            f"Unsupported database {backend!r}: use an SQLite file or a PostgreSQL server."
        )
    writer = engine.execution_options(**{WRITE_OPTION: True})
    if read_only:
        where = urllib.parse.unquote((parsed.database or "").removeprefix("file:"))
        gate.refusal = (
            f"The clinic's database {where} is open read-only: this computer's user cannot "
            "write to it or to its folder. Nothing was changed."
        )
    return Database(
        engine=engine,
        read_sessions=sessionmaker(bind=reader, expire_on_commit=False),
        write_sessions=sessionmaker(bind=writer, expire_on_commit=False),
        reader=reader,
        writer=writer,
        read_only=read_only,
        gate=gate,
    )


def _sqlite_engine(url: URL, echo: bool, gate: WriteGate, read_only: bool) -> Engine:
    if url.database in (None, "", ":memory:"):
        raise ValidationError("The embedded database needs a file path.")
    engine = create_engine(url, echo=echo, connect_args={"timeout": LOCK_WAIT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {LOCK_WAIT_MS}")
        if not read_only:  # a read-only connection cannot switch (nor should it)
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Straight to the driver: this runs before every availability check.
        writing = conn.get_execution_options().get(WRITE_OPTION)
        if writing and gate.refusal is not None:
            raise ReadOnlyDatabaseError(gate.refusal)
        begin = "BEGIN IMMEDIATE" if writing else "BEGIN"
        try:
            conn.connection.driver_connection.execute(begin)  # type: ignore[union-attr]
        except sqlite3.OperationalError as exc:  # "database is locked": retried, then "busy"
            raise OperationalError(begin, None, exc) from exc

    return engine


@contextmanager
def one_snapshot(conn: Connection) -> Iterator[None]:
    """A read transaction whose every statement sees one snapshot: on PostgreSQL
    REPEATABLE READ and read-only (the reader otherwise runs each statement on its
    own); SQLite's read transaction is one already."""
    if conn.dialect.name == "postgresql":
        conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            conn.exec_driver_sql("SET TRANSACTION READ ONLY")
            yield
    else:
        with conn.begin():
            yield
