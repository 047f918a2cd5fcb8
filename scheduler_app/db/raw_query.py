"""Run a fixed SQLAlchemy statement straight through the driver's cursor.

For the one query on the hot path of every availability decision: SQLAlchemy's
execution machinery costs several times what SQLite needs to answer it. The
statement is still written with SQLAlchemy and compiled by it once per dialect
(bind casts, parameter style, type conversion of the parameters included); only
the per-call bookkeeping is skipped. Results are plain tuples, so the statement
must select columns that need no result processing (integers).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError, InvalidRequestError
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler


@dataclass(frozen=True)
class _Compiled:
    sql: str
    positional: tuple[str, ...] | None
    processors: dict[str, Callable[[Any], Any]]
    defaults: dict[str, Any]
    #: Per column of the rows, what converts it (None: nothing; all None: untyped).
    results: tuple[Callable[[Any], Any] | None, ...] | None = None
    #: A statement whose SQL depends on its parameters (an IN list): expanded per call.
    expanding: SQLCompiler | None = None

    def bind(self, params: Mapping[str, Any]) -> tuple[str, Any]:
        if self.expanding is not None:
            state = self.expanding.construct_expanded_state(dict(params))
            done = state.processors
            expanded = {
                name: done[name](value) if name in done else value
                for name, value in state.parameters.items()
            }
            if state.positiontup is not None:
                return state.statement, tuple(expanded[name] for name in state.positiontup)
            return state.statement, expanded
        values = {
            name: self.processors[name](value) if name in self.processors else value
            for name, value in {**self.defaults, **params}.items()
        }
        args: Any = (
            tuple(values[name] for name in self.positional)
            if self.positional is not None
            else values
        )
        return self.sql, args


class RawQuery:
    def __init__(self, statement: ClauseElement, *, typed: bool = False) -> None:
        """``typed``: convert the columns of its rows as SQLAlchemy would (aware
        datetimes, enums...); otherwise they come as the driver gives them."""
        self._statement = statement
        self._typed = typed
        self._compiled: dict[str, _Compiled] = {}

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = self._statement.compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)
        return _compiled(compiled, dialect, typed=self._typed)

    def _bound(self, dialect: Dialect, params: Mapping[str, Any]) -> tuple[str, Any]:
        return self._of(dialect).bind(params)

    def _of(self, dialect: Dialect) -> _Compiled:
        compiled = self._compiled.get(dialect.name)
        if compiled is None:
            compiled = self._compiled[dialect.name] = self._compile(dialect)
        return compiled

    @property
    def names(self) -> list[str]:
        """The names of the columns of its rows."""
        return [column.name for column in getattr(self._statement, "selected_columns", [])]

    def sent(self, conn: Connection, params: Mapping[str, Any]) -> Sent:
        """This query with ``params``, ready to go with others (`send`)."""
        compiled = self._of(conn.dialect)
        return Sent(*compiled.bind(params), compiled.results)

    def all(
        self, conn: Connection, params: Mapping[str, Any], first: Sequence[Statement] = ()
    ) -> list[tuple[Any, ...]]:
        """The rows for ``params``. ``first``: statements to run right before, in the
        same round trip where the driver can pipeline (psycopg), their rows dropped:
        the server runs this one as soon as those are done, e.g. a read right after
        a lock is granted. The writes waiting on the connection (`later`) go first
        of all, and the reads asked to follow the next one (`after_next_read`) last."""
        mine = self.sent(conn, params)
        before = [query.sent(conn, query_params) for query, query_params in first]
        send(conn, [*_taken(conn, _LATER), *before, mine, *_taken(conn, _AFTER)])
        assert mine.rows is not None
        return mine.rows

    def all_many(
        self, conn: Connection, many: Sequence[Mapping[str, Any]]
    ) -> list[list[tuple[Any, ...]]]:
        """The rows for each of ``many`` parameter sets, in one round trip where the
        driver can pipeline (psycopg); one after the other elsewhere (SQLite: no trip)."""
        mine = [self.sent(conn, params) for params in many]
        send(conn, [*_taken(conn, _LATER), *mine])
        return [sent.rows or [] for sent in mine]


@dataclass
class Sent:
    """A statement bound to its parameters, sent with others in one round trip
    (`send`); its rows once answered, and what ``check`` makes of them."""

    sql: str
    args: Any
    results: tuple[Callable[[Any], Any] | None, ...] | None = None
    check: Callable[[list[tuple[Any, ...]]], None] | None = None
    rows: list[tuple[Any, ...]] | None = None
    #: False: never prepared on the server (BEGIN, COMMIT: always sent as they are).
    prepare: bool | None = None


def _compiled(compiled: SQLCompiler, dialect: Dialect, *, typed: bool) -> _Compiled:
    processors: dict[str, Callable[[Any], Any]] = {}
    for name, bind in compiled.binds.items():
        process = bind.type._cached_bind_processor(dialect)
        if process is not None:
            processors[name] = process
    positional = tuple(compiled.positiontup or ()) if compiled.positional else None
    defaults = {name: bind.value for name, bind in compiled.binds.items() if not bind.required}
    results = None
    if typed:
        results = tuple(_converter(column[3], dialect) for column in compiled._result_columns)
    expanding = compiled if compiled.post_compile_params else None
    return _Compiled(str(compiled), positional, processors, defaults, results, expanding)


def _converter(type_: Any, dialect: Dialect) -> Callable[[Any], Any] | None:
    """What converts a column of ``type_`` as SQLAlchemy would."""
    try:
        converter: Callable[[Any], Any] | None = type_._cached_result_processor(dialect, None)
    except (TypeError, InvalidRequestError):  # it asks the server's type: psycopg's numerics
        return None  # are Decimal already
    return converter


def send(conn: Connection, sents: Sequence[Sent]) -> None:
    """Run ``sents`` in order in one round trip where the driver can pipeline
    (psycopg), one after the other elsewhere; each gets its rows, then its check
    runs (in order, once all are answered)."""
    if not sents:
        return
    raw: Any = conn.connection.dbapi_connection
    assert raw is not None
    pipeline = getattr(raw, "pipeline", None)
    cursors = [raw.cursor() for _ in sents]
    failed = sents[0]
    try:
        with pipeline() if pipeline is not None else nullcontext():
            for cursor, sent in zip(cursors, sents, strict=True):
                failed = sent
                if sent.prepare is None:
                    cursor.execute(sent.sql, sent.args)
                else:
                    cursor.execute(sent.sql, sent.args, prepare=sent.prepare)
                if pipeline is None:
                    sent.rows = _rows(cursor, sent)
        if pipeline is not None:
            for cursor, sent in zip(cursors, sents, strict=True):
                failed = sent
                sent.rows = _rows(cursor, sent)
    except conn.dialect.loaded_dbapi.Error as exc:
        raise _wrapped(conn, exc, cursors[0], failed.sql, failed.args) from exc
    finally:
        for cursor in cursors:
            cursor.close()
    for sent in sents:
        if sent.check is not None:
            sent.check(sent.rows or [])


def _rows(cursor: Any, sent: Sent) -> list[tuple[Any, ...]]:
    if cursor.description is None:
        return []
    rows = list(cursor.fetchall())
    if sent.results is None or not any(sent.results):
        return rows
    processors = sent.results
    return [
        tuple(p(v) if p is not None else v for p, v in zip(processors, row, strict=True))
        for row in rows
    ]


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
    """Run ``statements`` (a lock, a notice) in one round trip, their rows dropped
    (with the writes waiting on the connection, see `later`); none: nothing is sent."""
    if not statements:
        return
    sents = [query.sent(conn, params) for query, params in statements]
    send(conn, [*_taken(conn, _LATER), *sents, *_taken(conn, _AFTER)])


# -- writes that wait for the next round trip ---------------------------------
#
# In a schedule change on PostgreSQL, a write whose answer nothing needs at once
# (an audit entry, a message to send, the change feed's notice, an appointment
# written with a version check that is looked at later) waits on the connection
# and goes in the round trip of the next read (`RawQuery.all`) or of COMMIT
# (`commit`), in the order written. Any other statement run meanwhile through
# SQLAlchemy sends them first (`send_waiting`, an engine event): the order of
# the writes and the reads is always the order of the code.

_LATER = "scheduler_later"
_AFTER = "scheduler_after_next_read"


@contextmanager
def waiting_writes(conn: Connection) -> Iterator[None]:
    """Within (entered before the transaction begins): `later` keeps writes for the
    next round trip on a connection that can pipeline them (psycopg); elsewhere
    they run at once. There the transaction's BEGIN waits too, for its first read:
    the driver would send it alone and wait for its answer. Within a transaction
    already begun (an import's savepoints) statements run at once, as elsewhere."""
    pipelines = hasattr(conn.connection.dbapi_connection, "pipeline")
    info = conn.info  # (a connection the server dropped cannot be asked for it any more)
    if pipelines and not conn.in_transaction():
        level = getattr(conn.dialect, "isolation_level", None) or "READ COMMITTED"
        conn.execution_options(isolation_level="AUTOCOMMIT")  # the driver sends no BEGIN
        info[_LATER] = [Sent(f"BEGIN ISOLATION LEVEL {level}", None, prepare=False)]
        info[_AFTER] = []
    try:
        yield
    finally:
        info.pop(_LATER, None)
        info.pop(_AFTER, None)


def waits(conn: Connection) -> bool:
    """Whether writes wait on ``conn`` for the next round trip (`waiting_writes`)."""
    return _LATER in conn.info


def later(conn: Connection, sent: Sent) -> None:
    """Send ``sent`` with the next round trip (see `waiting_writes`), or now."""
    waiting: list[Sent] | None = conn.info.get(_LATER)
    if waiting is None:
        send(conn, [sent])
    else:
        waiting.append(sent)


def write_each(conn: Connection, statement: Any, params: Sequence[Mapping[str, Any]]) -> None:
    """The INSERT, UPDATE or DELETE ``statement`` for each of ``params``: with the next
    round trip where writes wait (`waiting_writes`), else now (one executemany)."""
    if not params:
        return
    if waits(conn):
        for one in params:
            later(conn, written(conn, statement, one))
        return
    conn.execute(statement, params[0] if len(params) == 1 else list(params))


def after_next_read(conn: Connection, sent: Sent) -> bool:
    """Send the read ``sent`` right after the next read of a `RawQuery`, in its round
    trip (its rows then in ``sent.rows``); False, and nothing done, where writes do
    not wait (read it yourself then)."""
    following: list[Sent] | None = conn.info.get(_AFTER)
    if following is None:
        return False
    following.append(sent)
    return True


@contextmanager
def asking_together(conn: Connection) -> Iterator[None]:
    """Within: reads asked with `with_next_read` go in the round trip of the next read
    of a `RawQuery` (where the driver can pipeline them: psycopg)."""
    info = conn.info  # (a connection the server dropped cannot be asked for it any more)
    if not hasattr(conn.connection.dbapi_connection, "pipeline") or _AFTER in info:
        yield
        return
    info[_AFTER] = []
    try:
        yield
    finally:
        info.pop(_AFTER, None)


def with_next_read(
    conn: Connection, query: RawQuery, params: Mapping[str, Any]
) -> Callable[[], list[tuple[Any, ...]]]:
    """``query`` asked in the round trip of the next read of a `RawQuery`, where reads
    wait for it (`asking_together`, `waiting_writes`); what gives its rows (asked on
    their own then, when no read carried them, or where reads do not wait)."""
    sent = query.sent(conn, params)
    if not after_next_read(conn, sent):
        return lambda: query.all(conn, params)

    def rows() -> list[tuple[Any, ...]]:
        if sent.rows is None:  # no read carried it: now
            send_waiting(conn)
        if sent.rows is None:  # asked once reads stopped waiting (and no read came)
            return query.all(conn, params)
        return sent.rows

    return rows


def named(names: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[Named]:
    """``rows`` by their columns' ``names``."""
    return [Named(zip(names, row, strict=True)) for row in rows]


class Named(dict[str, Any]):
    """A row by its column names (``row.name`` and ``row.get(name)``)."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def send_waiting(conn: Connection, *_rest: object) -> None:
    """Send the writes waiting on ``conn`` now (before another statement runs)."""
    if conn.info.get(_LATER) or conn.info.get(_AFTER):
        send(conn, [*_taken(conn, _LATER), *_taken(conn, _AFTER)])


def commit(conn: Connection) -> None:
    """Commit, with the writes still waiting in the same round trip. Writes whose
    answer is checked go in a round trip of their own first: nothing is committed
    unless their checks pass."""
    if not waits(conn):
        return  # the transaction commits as usual
    waiting = _taken(conn, _LATER) + _taken(conn, _AFTER)
    checked = max((i for i, sent in enumerate(waiting) if sent.check), default=-1)
    send(conn, waiting[: checked + 1])
    send(conn, [*waiting[checked + 1 :], Sent("COMMIT", None, prepare=False)])


def _taken(conn: Connection, kind: str) -> list[Sent]:
    waiting: list[Sent] | None = conn.info.get(kind)
    if not waiting:
        return []
    taken = list(waiting)
    waiting.clear()
    return taken


def written(
    conn: Connection,
    statement: Any,
    params: Mapping[str, Any],
    check: Callable[[list[tuple[Any, ...]]], None] | None = None,
) -> Sent:
    """An INSERT or UPDATE of SQLAlchemy with ``params`` (one row), bound as
    SQLAlchemy would run it (the Python-side defaults of an INSERT's missing
    columns filled in), to `send` with others."""
    dialect = conn.dialect
    values = dict(params)
    table = getattr(statement, "table", None)
    if getattr(statement, "is_insert", False) and table is not None:
        for column in table.columns:
            default = column.default
            if column.key in values or default is None or not default.is_scalar:
                continue
            values[column.key] = default.arg
    key = (id(statement), dialect.name, tuple(sorted(values)))
    kept = _WRITES.get(key)
    if kept is None:
        sql = statement.compile(dialect=dialect, column_keys=list(values))
        assert isinstance(sql, SQLCompiler)
        kept = _WRITES[key] = (statement, _compiled(sql, dialect, typed=True))
    compiled = kept[1]
    return Sent(*compiled.bind(values), compiled.results, check)


#: Compiled writes, by (statement, dialect, columns given); each keeps its statement
#: (so that no other one is ever given its id): for statements built once.
_WRITES: dict[tuple[int, str, tuple[str, ...]], tuple[Any, _Compiled]] = {}
