"""Claiming and recording notification deliveries: each one is sent once.

A worker claims due rows atomically (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite:
the conditional UPDATE runs under BEGIN IMMEDIATE), delivers them outside any
transaction, then records the outcome, which only the claimer may do. Two desks
running workers therefore never claim the same row.

The one window for a duplicate: a worker that dies after the server accepted a
message and before it recorded "sent". Its claim expires after `STALE_CLAIM`, and
the message is sent again. E-mails carry a stable Message-ID with the clinic's
id (`<notification-N.CLINIC-ID@scheduler-app>`), so mail systems can drop the copy
and never drop another clinic's message for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from scheduler_app.db import outbox as outbox_rows
from scheduler_app.db.models import StaffUser
from scheduler_app.db.notification_models import (
    Channel,
    NotificationKind,
    NotificationStatus,
)
from scheduler_app.db.rows import ActorRow
from scheduler_app.errors import ValidationError
from scheduler_app.services import reading, unit_of_work
from scheduler_app.services.audit import record
from scheduler_app.services.checks import check_actor
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.guard import guarded
from scheduler_app.services.permissions import desk_workers, readers, writers

MAX_ATTEMPTS = 5
STALE_CLAIM = timedelta(minutes=10)
#: A reminder this late is no longer useful (the desk was closed, the app was off).
REMINDER_GRACE = timedelta(hours=1)
N = NotificationStatus


def backoff(attempts: int) -> timedelta:
    """1, 4, 16, 64 minutes after the 1st, 2nd, 3rd, 4th failure."""
    return timedelta(minutes=4 ** max(0, attempts - 1))


@dataclass(frozen=True, slots=True)
class NotificationView:
    id: int
    kind: NotificationKind
    channel: Channel
    recipient: str
    subject: str
    scheduled_at: datetime
    sent_at: datetime | None
    status: NotificationStatus
    attempts: int
    last_error: str
    appointment_id: int | None


@dataclass(frozen=True, slots=True)
class Job:
    id: int
    kind: NotificationKind
    channel: Channel
    recipient: str
    subject: str
    message: str
    appointment_id: int | None
    attempts: int


@guarded
class DeliveryService:
    def __init__(
        self, ctx: ServiceContext, retry_after: Callable[[int], timedelta] = backoff
    ) -> None:
        self.ctx = ctx
        self.retry_after = retry_after

    @desk_workers
    def claim_due(self, worker: str, limit: int = 25) -> list[Job]:
        """Take up to ``limit`` due notifications for ``worker`` (nobody else gets them)."""
        now = self.ctx.now()

        def work(session: Session) -> list[Job]:
            rows = outbox_rows.claim_due(
                session.connection(),
                self.ctx.organization_id,
                worker,
                now,
                limit,
                stale_claim=STALE_CLAIM,
                reminder_grace=REMINDER_GRACE,
            )
            return [
                Job(
                    r.id,
                    r.kind,
                    r.channel,
                    r.recipient,
                    r.subject,
                    r.message,
                    r.appointment_id,
                    r.attempts,
                )
                for r in rows
            ]

        return unit_of_work.admin(self.ctx, work)

    @desk_workers
    def mark_sent(self, job: Job, worker: str) -> bool:
        """Record a delivery; False if the claim was lost (it expired and was taken over)."""
        now = self.ctx.now()
        reminder = job.kind == NotificationKind.APPOINTMENT_REMINDER
        reminder_of = job.appointment_id if reminder else None
        return unit_of_work.admin(
            self.ctx,
            lambda session: outbox_rows.mark_sent(
                session.connection(), job.id, worker, now, reminder_of
            ),
        )

    @desk_workers
    def mark_failed(self, job: Job, worker: str, error: str) -> None:
        """Retry later with backoff; after `MAX_ATTEMPTS` it stays visible as failed."""
        now = self.ctx.now()
        final = job.attempts >= MAX_ATTEMPTS
        retry_at = now if final else now + self.retry_after(job.attempts)
        unit_of_work.admin(
            self.ctx,
            lambda session: outbox_rows.mark_failed(
                session.connection(), job.id, worker, final=final, retry_at=retry_at, error=error
            ),
        )

    @readers
    def recent(
        self,
        status: NotificationStatus | None = None,
        limit: int = 500,
        *,
        search: str = "",
        appointment_id: int | None = None,
    ) -> list[NotificationView]:
        """The newest notifications first, optionally of one status, one appointment,
        or whose client, recipient or subject contains ``search``."""

        def work(conn: Connection) -> list[NotificationView]:
            rows = outbox_rows.recent(
                conn,
                self.ctx.organization_id,
                status=status,
                limit=limit,
                search=search.strip(),
                appointment_id=appointment_id,
            )
            return [
                NotificationView(
                    n.id,
                    n.kind,
                    n.channel,
                    n.recipient,
                    n.subject,
                    n.scheduled_at,
                    n.sent_at,
                    n.status,
                    n.attempts,
                    n.last_error,
                    n.appointment_id,
                )
                for n in rows
            ]

        return reading.read_connection(self.ctx, work)

    @writers
    def resend(self, actor_id: int, notification_id: int) -> None:
        """Queue a failed, cancelled or sent notification again, to go out now."""
        self._set(
            actor_id,
            notification_id,
            "resend",
            (N.FAILED, N.CANCELLED, N.SENT),
            "Only a failed, cancelled or sent notification can be sent again.",
            status=N.PENDING,
            attempts=0,
            scheduled_at=self.ctx.now(),
            claimed_by="",
            last_error="",
        )

    @writers
    def cancel(self, actor_id: int, notification_id: int) -> None:
        """Withdraw a notification that has not gone out yet."""
        self._set(
            actor_id,
            notification_id,
            "withdraw",
            (N.PENDING,),
            "Only a notification still waiting to go out can be cancelled.",
            status=N.CANCELLED,
        )

    @writers
    def withdraw_outgoing(self, actor_id: int) -> int:
        """Withdraw every e-mail and SMS still waiting to go out (the desk's own
        reminders stay); returns how many. One audit entry says how many."""

        def work(session: Session) -> int:
            conn = session.connection()
            self._actor(session, actor_id)
            count = outbox_rows.withdraw_outgoing(conn, self.ctx.organization_id)
            record(
                conn, self.ctx, actor_id, "withdraw all", "notification", 0, after={"count": count}
            )
            return count

        return unit_of_work.admin(self.ctx, work)

    def _actor(self, session: Session, actor_id: int) -> None:
        user = session.get(StaffUser, actor_id)
        org = self.ctx.organization_id
        check_actor(
            None
            if user is None or user.organization_id != org
            else ActorRow(user.id, user.is_active, user.role)
        )

    def _set(
        self,
        actor_id: int,
        notification_id: int,
        action: str,
        allowed: tuple[NotificationStatus, ...],
        refusal: str,
        **values: object,
    ) -> None:
        """Change one notification as ``actor_id`` asks, with its audit entry."""

        def work(session: Session) -> None:
            conn, org = session.connection(), self.ctx.organization_id
            self._actor(session, actor_id)
            before = outbox_rows.status_of(conn, org, notification_id)
            if not outbox_rows.set_status_if(conn, org, notification_id, allowed, values):
                raise ValidationError(refusal)
            record(
                conn,
                self.ctx,
                actor_id,
                action,
                "notification",
                notification_id,
                before={"status": before},
                after={"status": str(values["status"])},
            )

        unit_of_work.admin(self.ctx, work)

    @desk_workers
    def counts(self) -> dict[str, int]:
        """How many notifications are in each status (for the desk and the tests)."""
        return reading.read_connection(
            self.ctx, lambda conn: outbox_rows.counts(conn, self.ctx.organization_id)
        )
