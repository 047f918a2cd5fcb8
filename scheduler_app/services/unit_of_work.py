"""One short transaction per user action, under the organization's scheduling lock.

A booking-changing use case runs ``write(ctx, work)`` (an ORM session: begin,
take the lock *before* reading, run ``work(session)``, commit), or, for the
desk's frequent changes, ``write_plain(ctx, work)`` (a plain connection: check,
write, then lock, check again and commit; see `PlainWrite`). Database errors
become the user-facing errors of `scheduler_app.errors`; transient ones are
retried a few times with jitter first.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from sqlalchemy import Connection, bindparam, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError as OrmStaleDataError

from scheduler_app.db import change_feed, queries
from scheduler_app.db.base import table_of
from scheduler_app.db.errors import is_transient, translate
from scheduler_app.db.models import Appointment
from scheduler_app.db.raw_query import Statement
from scheduler_app.domain.capacity import Slot
from scheduler_app.errors import (
    CHANGED_MEANWHILE,
    ConflictError,
    SchedulerError,
    StaleDataError,
)
from scheduler_app.services import availability
from scheduler_app.services.context import ServiceContext

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_ATTEMPTS = 5


def write(
    ctx: ServiceContext,
    work: Callable[[Session], T],
    *,
    schedule_lock: bool = True,
) -> T:
    """Run ``work`` in one write transaction and commit it.

    ``schedule_lock`` takes the organization's scheduling lock first (changes to
    the schedule's capacity need it). Without it, a use case that asks for
    availability takes the lock itself with `lock_schedule` once it has written
    (moves of several appointments, like `PlainWrite`); changes that never ask
    (editing details, the notification outbox) take none: they add no demand,
    and the version check and the database's overlap guard still apply.
    """

    def attempt(committing: list[bool]) -> T:
        with ctx.database.write_sessions() as session, session.begin():
            if schedule_lock:
                _lock_schedule(session.connection(), ctx)
            else:
                session.connection()  # SQLite: BEGIN IMMEDIATE now
            result = work(session)
            session.flush()
            change_feed.announce(session, ctx.organization_id, ctx.timezone)
            committing.append(True)  # from here on the outcome may be unknown
        return result

    return _retrying(attempt)


@dataclass
class PlainWrite:
    """A write transaction on a plain connection, for the desk's frequent changes
    (book, move, status): no ORM session, a fraction of its cost per change.

    The order keeps the other desks waiting as little as possible. The use case
    checks the change with `check_fits` (a refusal is explained then, with
    nothing written) and writes everything it needs (appointment, audit trail,
    messages), naming its old and new times with `changed`. On PostgreSQL the
    appointment is written without its professional (`unassigned_until_confirmed`):
    then, right before the commit, the scheduling lock is taken, the change is
    checked again against what the desks before committed, and the professional
    is set. Only that read, that check, that update and the commit run under the
    lock. On SQLite the first check already runs under the lock (``BEGIN
    IMMEDIATE``) and is the only one.

    Writing first is safe: nobody sees the rows before the commit; and rows
    without a professional never meet the database's overlap guard, so desks
    writing at once never wait for each other there (two of them checking each
    other's rows against that guard would deadlock), while the lock's holder
    only updates its own rows, already in its hands.
    """

    conn: Connection
    ctx: ServiceContext
    spans: list[tuple[datetime, datetime]] = field(default_factory=list)
    to_confirm: Slot | None = None

    def check_fits(self, candidate: Slot) -> None:
        """Raise `ConflictError` with the reason unless ``candidate`` fits now; then,
        on PostgreSQL, check it again under the lock before the commit (give the
        candidate of a new appointment its key with `confirm_as`). One candidate
        per change: several moved together are checked together (`move_together`)."""
        assert self.to_confirm is None, "one candidate per change"
        refuse_unless_fits(self.conn, self.ctx, candidate)
        if not self.ctx.database.is_sqlite:
            self.to_confirm = candidate

    def unassigned_until_confirmed(self, professional_id: int | None) -> int | None:
        """The professional to write now for a checked candidate (see the class)."""
        return professional_id if self.ctx.database.is_sqlite else None

    def confirm_as(self, key: int) -> None:
        """The checked candidate is stored now, as appointment ``key``."""
        if self.to_confirm is not None:
            self.to_confirm = self.to_confirm._replace(key=key)

    def changed(self, start: datetime, end: datetime) -> None:
        self.spans.append((start, end))

    def confirm(self) -> None:
        """Announce the changed days (sent by the commit); take the scheduling lock,
        check the candidate again and give it its professional (PostgreSQL). The
        announcement, the lock and the read go in one round trip."""
        org = self.ctx.organization_id
        days = change_feed.days_of(self.spans, self.ctx.timezone)
        candidate = self.to_confirm
        if candidate is None:
            change_feed.notify(self.conn, org, days)
            return
        notice = change_feed.notice(self.conn.dialect.name, org, days)
        first = [*notice, queries.schedule_lock(org)]
        refuse_unless_fits(self.conn, self.ctx, candidate, first=first)
        if candidate.professional is not None:
            self.conn.execute(
                _ASSIGN, {"key": candidate.key, "professional": candidate.professional}
            )


_APPOINTMENTS = table_of(Appointment)
_ASSIGN = (
    update(_APPOINTMENTS)
    .where(_APPOINTMENTS.c.id == bindparam("key"))
    .values(professional_id=bindparam("professional"))
)


def refuse_unless_fits(
    conn: Connection, ctx: ServiceContext, candidate: Slot, *, first: Sequence[Statement] = ()
) -> None:
    """Raise `ConflictError` with the reason unless ``candidate`` fits (R1 and R2);
    ``first``: statements for the round trip of the read (the lock, say)."""
    refusal = availability.decide(conn, ctx.organization_id, candidate, first=first)
    if refusal is not None:
        raise ConflictError(availability.refusal_message(conn, refusal, ctx.timezone))


def write_plain(ctx: ServiceContext, work: Callable[[PlainWrite], T]) -> T:
    """Run ``work`` in one write transaction on a plain connection, confirm its
    candidates under the scheduling lock and commit (the retries and error
    messages of `write`)."""

    def attempt(committing: list[bool]) -> T:
        with ctx.database.writer.connect() as conn, conn.begin():
            tx = PlainWrite(conn, ctx)
            result = work(tx)
            tx.confirm()
            committing.append(True)  # from here on the outcome may be unknown
        return result

    return _retrying(attempt)


def _retrying(attempt: Callable[[list[bool]], T]) -> T:
    """``attempt`` until it commits: again on a fresh connection when the server
    dropped it before the commit, again after a pause on a transient conflict."""
    for number in range(1, MAX_ATTEMPTS + 1):
        committing: list[bool] = []
        try:
            return attempt(committing)
        except SchedulerError:
            raise
        except OrmStaleDataError as exc:
            raise StaleDataError(CHANGED_MEANWHILE) from exc
        except DBAPIError as exc:
            if exc.connection_invalidated and not committing and number < MAX_ATTEMPTS:
                # The server dropped the connection before the commit: it rolled the
                # transaction back, so doing it again on a fresh one is safe. (No ping
                # before each write: one round trip less on every change.)
                log.info("reconnecting after a dropped connection: %s", exc.orig)
                continue
            if is_transient(exc) and number < MAX_ATTEMPTS:
                log.info("transient database error, retry %d: %s", number, exc.orig)
                time.sleep(random.uniform(0.005, 0.02) * number)
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


def lock_schedule(session: Session, ctx: ServiceContext) -> None:
    """Take the scheduling lock now, in a `write` begun without it."""
    _lock_schedule(session.connection(), ctx)


def _lock_schedule(conn: Connection, ctx: ServiceContext) -> None:
    # On SQLite the transaction's BEGIN IMMEDIATE already holds the database's write lock.
    if not ctx.database.is_sqlite:
        queries.lock_schedule(conn, ctx.organization_id)
