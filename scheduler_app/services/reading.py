"""Reads: a unit of work that only reads, on the desk's reader (`Database.reader`),
once more on a fresh connection if the server dropped the pooled one. Database
errors become the user-facing errors of `scheduler_app.errors`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from scheduler_app.db import engine
from scheduler_app.db.errors import is_bug, translate
from scheduler_app.services.context import ServiceContext

log = logging.getLogger(__name__)
T = TypeVar("T")


def read(ctx: ServiceContext, work: Callable[[Session], T]) -> T:
    """Run ``work`` to read on an ORM session (no lock; see `Database.reader`)."""

    def attempt() -> T:
        with ctx.database.read_sessions() as session, session.begin():
            return work(session)

    return _reading(attempt)


def read_connection(ctx: ServiceContext, work: Callable[[Connection], T]) -> T:
    """Run ``work`` on a plain connection to read (hot paths: no Session)."""

    def attempt() -> T:
        with ctx.database.reader.connect() as conn, conn.begin():
            return work(conn)

    return _reading(attempt)


def read_one_moment(ctx: ServiceContext, work: Callable[[Connection], T]) -> T:
    """`read_connection` with every statement of ``work`` seeing one snapshot: on
    PostgreSQL a REPEATABLE READ, read-only transaction (the reader otherwise runs
    each statement on its own); SQLite's read transaction is one already."""

    def attempt() -> T:
        with ctx.database.reader.connect() as conn, engine.one_snapshot(conn):
            return work(conn)

    return _reading(attempt)


def _reading(attempt: Callable[[], T]) -> T:
    """A read, once more on a fresh connection if the server dropped the pooled one."""
    try:
        return attempt()
    except DBAPIError as exc:
        if is_bug(exc):
            raise
        if not exc.connection_invalidated:
            raise translate(exc) from exc
        log.info("reconnecting after a dropped connection: %s", exc.orig)
    try:
        return attempt()
    except DBAPIError as exc:
        if is_bug(exc):
            raise
        raise translate(exc) from exc
