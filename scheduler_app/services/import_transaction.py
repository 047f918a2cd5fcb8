"""One transaction for a whole import, with each booking decided by `BookingService.book`.

An import is all or nothing, and each of its appointments must be decided
exactly, against the schedule *and* against the rows of the same file booked
before it. So the import opens one write transaction and hands the booking
service a context whose writer is that transaction: every `book` then runs its
usual protocol (read the facts, require the proposal, write, take the
scheduling lock, check again) inside a savepoint of it. A refused row rolls
back its savepoint alone; the import commits once at the end, or rolls back
everything (a check, a manager's "import nothing", a cancel).

The scheduling lock, once the first booking took it, is held until the import
ends: other desks wait for it (as briefly as the import takes) and never see
half an import.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any, cast

from sqlalchemy import Connection, Engine, RootTransaction

from scheduler_app.services.context import ServiceContext


class _Joined:
    """The import's connection, as `unit_of_work` uses a fresh one: ``begin()``
    opens a savepoint of the import's transaction instead of a transaction."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def begin(self) -> Any:
        return self._conn.begin_nested()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


class _JoinedEngine:
    """Stands for the database's writer: `connect` gives the import's connection."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    @contextmanager
    def connect(self) -> Iterator[_Joined]:
        yield _Joined(self._conn)


class ImportTransaction:
    """The import's connection, in its transaction, and a context whose services
    write into it. Nothing is kept unless `commit` is called."""

    def __init__(self, conn: Connection, ctx: ServiceContext, outer: RootTransaction) -> None:
        self.conn = conn
        self.ctx = ctx
        self._outer = outer

    def commit(self) -> None:
        self._outer.commit()


@contextmanager
def import_transaction(ctx: ServiceContext) -> Iterator[ImportTransaction]:
    """One write transaction for an import (see the module), rolled back on leaving
    unless it was committed."""
    with ctx.database.writer.connect() as conn:
        outer = conn.begin()
        try:
            joined = replace(ctx.database, writer=cast(Engine, _JoinedEngine(conn)))
            yield ImportTransaction(conn, replace(ctx, database=joined), outer)
        finally:
            if outer.is_active:
                outer.rollback()
