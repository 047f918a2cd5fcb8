"""Run a fixed SQLAlchemy statement straight through the driver's cursor.

For the one query on the hot path of every availability decision: SQLAlchemy's
execution machinery costs several times what SQLite needs to answer it. The
statement is still written with SQLAlchemy and compiled by it once per dialect
(bind casts, parameter style, type conversion of the parameters included); only
the per-call bookkeeping is skipped. Results are plain tuples, so the statement
must select columns that need no result processing (integers).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler


@dataclass(frozen=True)
class _Compiled:
    sql: str
    positional: tuple[str, ...] | None
    processors: dict[str, Callable[[Any], Any]]
    defaults: dict[str, Any]


class RawQuery:
    def __init__(self, statement: ClauseElement) -> None:
        self._statement = statement
        self._compiled: dict[str, _Compiled] = {}

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = self._statement.compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)
        processors: dict[str, Callable[[Any], Any]] = {}
        for name, bind in compiled.binds.items():
            process = bind.type._cached_bind_processor(dialect)
            if process is not None:
                processors[name] = process
        positional = tuple(compiled.positiontup or ()) if compiled.positional else None
        defaults = {
            name: bind.value
            for name, bind in compiled.binds.items()
            if not bind.required and bind.value is not None
        }
        return _Compiled(str(compiled), positional, processors, defaults)

    def _bound(self, dialect: Dialect, params: Mapping[str, Any]) -> tuple[str, Any]:
        compiled = self._compiled.get(dialect.name)
        if compiled is None:
            compiled = self._compiled[dialect.name] = self._compile(dialect)
        values = {
            name: compiled.processors[name](value) if name in compiled.processors else value
            for name, value in {**compiled.defaults, **params}.items()
        }
        args: Any = (
            tuple(values[name] for name in compiled.positional)
            if compiled.positional is not None
            else values
        )
        return compiled.sql, args

    def all(
        self, conn: Connection, params: Mapping[str, Any], first: Sequence[Statement] = ()
    ) -> list[tuple[Any, ...]]:
        """The rows for ``params``. ``first``: statements to run right before, in the
        same round trip where the driver can pipeline (psycopg), their rows dropped:
        the server runs this one as soon as those are done, e.g. a read right after
        a lock is granted."""
        sql, args = self._bound(conn.dialect, params)
        raw = conn.connection.dbapi_connection
        assert raw is not None
        pipeline = getattr(raw, "pipeline", None) if first else None
        cursors = [raw.cursor() for _ in first]
        cursor = raw.cursor()
        try:
            with pipeline() if pipeline is not None else nullcontext():
                for before, (query, query_params) in zip(cursors, first, strict=True):
                    before.execute(*query._bound(conn.dialect, query_params))
                cursor.execute(sql, args)
                rows = list(cursor.fetchall())
            return rows
        except conn.dialect.loaded_dbapi.Error as exc:
            raise _wrapped(conn, exc, cursor, sql, args) from exc
        finally:
            for before in cursors:
                before.close()
            cursor.close()

    def all_many(
        self, conn: Connection, many: Sequence[Mapping[str, Any]]
    ) -> list[list[tuple[Any, ...]]]:
        """The rows for each of ``many`` parameter sets, in one round trip where the
        driver can pipeline (psycopg); one after the other elsewhere (SQLite: no trip)."""
        raw = conn.connection.dbapi_connection
        assert raw is not None
        pipeline = getattr(raw, "pipeline", None) if len(many) > 1 else None
        if pipeline is None:
            return [self.all(conn, params) for params in many]
        bound = [self._bound(conn.dialect, params) for params in many]
        cursors = [raw.cursor() for _ in bound]
        try:
            with pipeline():
                for cursor, (sql, args) in zip(cursors, bound, strict=True):
                    cursor.execute(sql, args)
            return [list(cursor.fetchall()) for cursor in cursors]
        except conn.dialect.loaded_dbapi.Error as exc:
            raise _wrapped(conn, exc, cursors[0], *bound[0]) from exc
        finally:
            for cursor in cursors:
                cursor.close()


#: A query and its parameters.
Statement = tuple[RawQuery, Mapping[str, Any]]


def _wrapped(conn: Connection, exc: Any, cursor: Any, sql: str, args: Any) -> Exception:
    """A driver error as SQLAlchemy's own execution reports it: a DBAPIError, with a
    connection the server dropped invalidated (the callers retry those)."""
    dialect = conn.dialect
    lost = dialect.is_disconnect(exc, conn.connection.dbapi_connection, cursor)
    if lost:
        conn.invalidate(exc)
    wrapped: Exception = DBAPIError.instance(
        sql, args, exc, dialect.loaded_dbapi.Error, connection_invalidated=lost, dialect=dialect
    )
    return wrapped


def run(conn: Connection, statements: Sequence[Statement]) -> None:
    """Run ``statements`` (a lock, a notice) on their own, their rows dropped."""
    for query, params in statements:
        query.all(conn, params)
