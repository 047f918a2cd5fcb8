"""One short transaction per user action, under the organization's scheduling lock.

Every booking-changing use case runs ``write(ctx, work)``: begin, take the lock
*before* reading, run ``work(session)``, commit. Database errors become the
user-facing errors of `scheduler_app.errors`; transient ones are retried a few
times with jitter first.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError as OrmStaleDataError

from scheduler_app.db import change_feed
from scheduler_app.db.errors import is_transient, translate
from scheduler_app.errors import SchedulerError, StaleDataError
from scheduler_app.services.context import ServiceContext

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_ATTEMPTS = 5


def write(
    ctx: ServiceContext,
    work: Callable[[Session], T],
    *,
    schedule_lock: bool = True,
    lock_at_decision: bool = False,
) -> T:
    """Run ``work`` in one write transaction and commit it.

    ``schedule_lock`` takes the organization's scheduling lock first (changes to
    the schedule need it; the notification outbox does not). With
    ``lock_at_decision`` it is taken later, by `take_schedule_lock` right before
    the availability read (`common.ensure_fits`): the checks that come first
    (who is asking, does the client exist, which version was seen) then run
    outside the lock, so other desks wait less. A change that never asks for
    availability (confirming, cancelling) takes no lock: it adds no demand, and
    the version check and the database's overlap guard still apply.
    """
    for attempt in range(1, MAX_ATTEMPTS + 1):
        committing = False
        try:
            with ctx.database.write_sessions() as session, session.begin():
                if schedule_lock and lock_at_decision and not ctx.database.is_sqlite:
                    session.info[_PENDING_LOCK] = ctx
                elif schedule_lock:
                    _lock_schedule(session, ctx)
                else:
                    session.connection()  # SQLite: BEGIN IMMEDIATE now
                result = work(session)
                session.flush()
                change_feed.announce(session, ctx.organization_id, ctx.timezone)
                committing = True  # from here on the outcome may be unknown
            return result
        except SchedulerError:
            raise
        except OrmStaleDataError as exc:
            raise StaleDataError(
                "Someone else changed this appointment a moment ago. Reload it and try again."
            ) from exc
        except DBAPIError as exc:
            if exc.connection_invalidated and not committing and attempt < MAX_ATTEMPTS:
                # The server dropped the connection before the commit: it rolled the
                # transaction back, so doing it again on a fresh one is safe. (No ping
                # before each write: one round trip less on every change.)
                log.info("reconnecting after a dropped connection: %s", exc.orig)
                continue
            if is_transient(exc) and attempt < MAX_ATTEMPTS:
                log.info("transient database error, retry %d: %s", attempt, exc.orig)
                time.sleep(random.uniform(0.005, 0.02) * attempt)
                continue
            raise translate(exc) from exc
    raise AssertionError("unreachable")  # pragma: no cover


def read(ctx: ServiceContext, work: Callable[[Session], T]) -> T:
    """Run ``work`` to read (no lock; see `Database.reader`)."""

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


def _reading(attempt: Callable[[], T]) -> T:
    """A read, once more on a fresh connection if the server dropped the pooled one."""
    try:
        return attempt()
    except DBAPIError as exc:
        if not exc.connection_invalidated:
            raise translate(exc) from exc
        log.info("reconnecting after a dropped connection: %s", exc.orig)
    try:
        return attempt()
    except DBAPIError as exc:
        raise translate(exc) from exc


_PENDING_LOCK = "schedule_lock_pending"


def take_schedule_lock(session: Session) -> None:
    """Take the scheduling lock now if this transaction deferred it (idempotent)."""
    ctx = session.info.pop(_PENDING_LOCK, None)
    if ctx is not None:
        _lock_schedule(session, ctx)


def _lock_schedule(session: Session, ctx: ServiceContext) -> None:
    if ctx.database.is_sqlite:
        session.connection()  # BEGIN IMMEDIATE: the database write lock, taken now
        return
    session.execute(
        text("SELECT id FROM organization WHERE id = :org FOR NO KEY UPDATE"),
        {"org": ctx.organization_id},
    )
