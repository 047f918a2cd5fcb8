"""The notification outbox: messages written with their change, claimed and recorded.

A worker claims due rows atomically (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite:
the conditional UPDATE runs under BEGIN IMMEDIATE), delivers them outside any
transaction, then records the outcome, which only the claimer may do.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, or_, select, update

from scheduler_app.db import raw_query
from scheduler_app.db.base import table_of
from scheduler_app.db.models import Appointment, Client
from scheduler_app.db.notification_models import (
    Channel,
    MessageTemplate,
    Notification,
    NotificationKind,
    NotificationStatus,
)
from scheduler_app.db.rows import Templates

_N = table_of(Notification)
_T = table_of(MessageTemplate)
_A = table_of(Appointment)
_C = table_of(Client)
N = NotificationStatus

# -- written with a change ---------------------------------------------------

_INSERT = insert(_N)
_CANCEL_PENDING_REMINDERS = (
    update(_N)
    .where(
        _N.c.appointment_id == bindparam("appointment"),
        _N.c.kind == NotificationKind.APPOINTMENT_REMINDER,
        _N.c.status == N.PENDING,
    )
    .values(status=N.CANCELLED)
)
_WITHDRAW_UNSENT = (
    update(_N)
    .where(
        _N.c.appointment_id == bindparam("appointment"),
        _N.c.status.in_([N.PENDING, N.FAILED]),
    )
    .values(status=N.CANCELLED, last_error="Withdrawn: the booking was undone.")
)


def insert_notifications(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    if rows and raw_query.waits(conn):  # sent with the change's next round trip
        for row in rows:
            raw_query.later(conn, raw_query.written(conn, _INSERT, row))
    elif rows:
        conn.execute(_INSERT, list(rows))


def cancel_pending_reminders(conn: Connection, appointment_id: int) -> None:
    params = {"appointment": appointment_id}
    if raw_query.waits(conn):
        raw_query.later(conn, raw_query.written(conn, _CANCEL_PENDING_REMINDERS, params))
        return
    conn.execute(_CANCEL_PENDING_REMINDERS, params)


def withdraw_unsent(conn: Connection, appointment_id: int) -> None:
    """Withdraw every message about the appointment that has not gone out."""
    conn.execute(_WITHDRAW_UNSENT, {"appointment": appointment_id})


def anything_sent(conn: Connection, appointment_id: int) -> bool:
    """Whether a message about the appointment went out (or may be going out now)."""
    found = conn.execute(
        select(_N.c.id)
        .where(_N.c.appointment_id == appointment_id, _N.c.status.in_([N.SENT, N.SENDING]))
        .limit(1)
    ).first()
    return found is not None


def templates(conn: Connection, org_id: int) -> Templates:
    """The clinic's own wording, all kinds at once."""
    rows = conn.execute(
        select(_T.c.kind, _T.c.channel, _T.c.subject, _T.c.body).where(
            _T.c.organization_id == org_id
        )
    )
    return {(kind, channel): (subject, body) for kind, channel, subject, body in rows}


# -- delivery ----------------------------------------------------------------


def claim_due(
    conn: Connection,
    org_id: int,
    worker: str,
    now: datetime,
    limit: int,
    *,
    stale_claim: timedelta,
    reminder_grace: timedelta,
) -> list[Any]:
    """Claim up to ``limit`` due notifications for ``worker`` (nobody else gets them):
    first release the claims of workers that died mid-delivery and withdraw
    reminders too late to be useful. Returns the claimed rows."""
    conn.execute(
        update(_N)
        .where(_N.c.status == N.SENDING, _N.c.claimed_at < now - stale_claim)
        .values(status=N.PENDING, claimed_by="")
    )
    conn.execute(
        update(_N)
        .where(
            _N.c.organization_id == org_id,
            _N.c.kind == NotificationKind.APPOINTMENT_REMINDER,
            _N.c.status == N.PENDING,
            _N.c.scheduled_at < now - reminder_grace,
        )
        .values(status=N.CANCELLED, last_error="Too late to be useful; not sent.")
    )
    due = (
        select(_N.c.id)
        .where(_N.c.organization_id == org_id, _N.c.status == N.PENDING, _N.c.scheduled_at <= now)
        .order_by(_N.c.scheduled_at, _N.c.id)
        .limit(limit)
    )
    if conn.dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    ids = list(conn.execute(due).scalars())
    if not ids:
        return []
    conn.execute(
        update(_N)
        .where(_N.c.id.in_(ids), _N.c.status == N.PENDING)
        .values(status=N.SENDING, claimed_by=worker, claimed_at=now, attempts=_N.c.attempts + 1)
    )
    return list(
        conn.execute(
            select(_N)
            .where(_N.c.id.in_(ids), _N.c.claimed_by == worker, _N.c.status == N.SENDING)
            .order_by(_N.c.scheduled_at, _N.c.id)
        )
    )


def mark_sent(
    conn: Connection, notification_id: int, worker: str, now: datetime, reminder_of: int | None
) -> bool:
    """Record a delivery; False if the claim was lost. ``reminder_of``: the
    appointment a sent reminder was about (marked as reminded)."""
    done = conn.execute(
        update(_N)
        .where(_N.c.id == notification_id, _N.c.claimed_by == worker, _N.c.status == N.SENDING)
        .values(status=N.SENT, sent_at=now, last_error="")
    ).rowcount
    if done and reminder_of is not None:
        conn.execute(
            update(_A)
            .where(_A.c.id == reminder_of, _A.c.reminder_sent.is_(False))
            .values(reminder_sent=True, reminder_sent_at=now)
        )
    return bool(done)


def mark_failed(
    conn: Connection,
    notification_id: int,
    worker: str,
    *,
    final: bool,
    retry_at: datetime,
    error: str,
) -> None:
    conn.execute(
        update(_N)
        .where(_N.c.id == notification_id, _N.c.claimed_by == worker, _N.c.status == N.SENDING)
        .values(
            status=N.FAILED if final else N.PENDING,
            scheduled_at=retry_at,
            last_error=error[:2000],
            claimed_by="",
        )
    )


def set_status_if(
    conn: Connection,
    org_id: int,
    notification_id: int,
    allowed: Sequence[NotificationStatus],
    values: dict[str, Any],
) -> bool:
    """Change a notification that is in one of the ``allowed`` statuses."""
    changed = conn.execute(
        update(_N)
        .where(
            _N.c.id == notification_id,
            _N.c.organization_id == org_id,
            _N.c.status.in_(list(allowed)),
        )
        .values(**values)
    ).rowcount
    return bool(changed)


def withdraw_outgoing(conn: Connection, org_id: int) -> int:
    """Withdraw every pending e-mail and SMS of the clinic; how many."""
    return int(
        conn.execute(
            update(_N)
            .where(
                _N.c.organization_id == org_id,
                _N.c.status == N.PENDING,
                _N.c.channel != Channel.IN_APP,
            )
            .values(status=N.CANCELLED, last_error="Withdrawn.")
        ).rowcount
    )


def status_of(conn: Connection, org_id: int, notification_id: int) -> str | None:
    status = conn.execute(
        select(_N.c.status).where(_N.c.id == notification_id, _N.c.organization_id == org_id)
    ).scalar()
    return None if status is None else str(status)


def recent(
    conn: Connection,
    org_id: int,
    *,
    status: NotificationStatus | None,
    limit: int,
    search: str,
    appointment_id: int | None,
) -> list[Any]:
    """The newest notifications first (see `DeliveryService.recent`)."""
    stmt = select(_N).where(_N.c.organization_id == org_id)
    if status is not None:
        stmt = stmt.where(_N.c.status == status)
    if appointment_id is not None:
        stmt = stmt.where(_N.c.appointment_id == appointment_id)
    if search:
        pattern = "%" + search.replace("%", r"\%").replace("_", r"\_") + "%"
        stmt = (
            stmt.outerjoin(_A, _N.c.appointment_id == _A.c.id)
            .outerjoin(_C, _A.c.client_id == _C.c.id)
            .where(
                or_(
                    _C.c.name.ilike(pattern, escape="\\"),
                    _N.c.recipient.ilike(pattern, escape="\\"),
                    _N.c.subject.ilike(pattern, escape="\\"),
                )
            )
        )
    stmt = stmt.order_by(_N.c.scheduled_at.desc(), _N.c.id.desc()).limit(limit)
    return list(conn.execute(stmt))


def counts(conn: Connection, org_id: int) -> dict[str, int]:
    rows = conn.execute(
        select(_N.c.status, func.count())
        .where(_N.c.organization_id == org_id)
        .group_by(_N.c.status)
    )
    return {status.value: count for status, count in rows}
