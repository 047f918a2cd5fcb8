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

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from scheduler_app.db.models import Appointment, Client
from scheduler_app.db.notification_models import (
    Channel,
    Notification,
    NotificationKind,
    NotificationStatus,
)
from scheduler_app.errors import ValidationError
from scheduler_app.services import unit_of_work
from scheduler_app.services.context import ServiceContext

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


class DeliveryService:
    def __init__(
        self, ctx: ServiceContext, retry_after: Callable[[int], timedelta] = backoff
    ) -> None:
        self.ctx = ctx
        self.retry_after = retry_after

    def claim_due(self, worker: str, limit: int = 25) -> list[Job]:
        """Take up to ``limit`` due notifications for ``worker`` (nobody else gets them)."""
        now = self.ctx.now()

        def work(session: Session) -> list[Job]:
            session.execute(  # claims of workers that died mid-delivery
                update(Notification)
                .where(
                    Notification.status == N.SENDING, Notification.claimed_at < now - STALE_CLAIM
                )
                .values(status=N.PENDING, claimed_by="")
                .execution_options(synchronize_session=False)
            )
            session.execute(
                update(Notification)
                .where(
                    Notification.organization_id == self.ctx.organization_id,
                    Notification.kind == NotificationKind.APPOINTMENT_REMINDER,
                    Notification.status == N.PENDING,
                    Notification.scheduled_at < now - REMINDER_GRACE,
                )
                .values(status=N.CANCELLED, last_error="Too late to be useful; not sent.")
                .execution_options(synchronize_session=False)
            )
            due = (
                select(Notification.id)
                .where(
                    Notification.organization_id == self.ctx.organization_id,
                    Notification.status == N.PENDING,
                    Notification.scheduled_at <= now,
                )
                .order_by(Notification.scheduled_at, Notification.id)
                .limit(limit)
            )
            if not self.ctx.database.is_sqlite:
                due = due.with_for_update(skip_locked=True)
            ids = list(session.scalars(due))
            if not ids:
                return []
            session.execute(
                update(Notification)
                .where(Notification.id.in_(ids), Notification.status == N.PENDING)
                .values(
                    status=N.SENDING,
                    claimed_by=worker,
                    claimed_at=now,
                    attempts=Notification.attempts + 1,
                )
                .execution_options(synchronize_session=False)
            )
            rows = session.scalars(
                select(Notification).where(
                    Notification.id.in_(ids),
                    Notification.claimed_by == worker,
                    Notification.status == N.SENDING,
                )
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

        return unit_of_work.write(self.ctx, work, schedule_lock=False)

    def mark_sent(self, job: Job, worker: str) -> bool:
        """Record a delivery; False if the claim was lost (it expired and was taken over)."""
        now = self.ctx.now()

        def work(session: Session) -> bool:
            done = (
                session.connection()
                .execute(
                    update(Notification)
                    .where(
                        Notification.id == job.id,
                        Notification.claimed_by == worker,
                        Notification.status == N.SENDING,
                    )
                    .values(status=N.SENT, sent_at=now, last_error="")
                )
                .rowcount
            )
            if done and job.kind == NotificationKind.APPOINTMENT_REMINDER and job.appointment_id:
                session.execute(
                    update(Appointment)
                    .where(
                        Appointment.id == job.appointment_id, Appointment.reminder_sent.is_(False)
                    )
                    .values(reminder_sent=True, reminder_sent_at=now)
                    .execution_options(synchronize_session=False)
                )
            return bool(done)

        return unit_of_work.write(self.ctx, work, schedule_lock=False)

    def mark_failed(self, job: Job, worker: str, error: str) -> None:
        """Retry later with backoff; after `MAX_ATTEMPTS` it stays visible as failed."""
        now = self.ctx.now()
        final = job.attempts >= MAX_ATTEMPTS

        def work(session: Session) -> None:
            session.execute(
                update(Notification)
                .where(
                    Notification.id == job.id,
                    Notification.claimed_by == worker,
                    Notification.status == N.SENDING,
                )
                .values(
                    status=N.FAILED if final else N.PENDING,
                    scheduled_at=now if final else now + self.retry_after(job.attempts),
                    last_error=error[:2000],
                    claimed_by="",
                )
                .execution_options(synchronize_session=False)
            )

        unit_of_work.write(self.ctx, work, schedule_lock=False)

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

        def work(session: Session) -> list[NotificationView]:
            stmt = select(Notification).where(
                Notification.organization_id == self.ctx.organization_id
            )
            if status is not None:
                stmt = stmt.where(Notification.status == status)
            if appointment_id is not None:
                stmt = stmt.where(Notification.appointment_id == appointment_id)
            if search.strip():
                pattern = "%" + search.strip().replace("%", r"\%").replace("_", r"\_") + "%"
                stmt = (
                    stmt.outerjoin(Appointment, Notification.appointment_id == Appointment.id)
                    .outerjoin(Client, Appointment.client_id == Client.id)
                    .where(
                        or_(
                            Client.name.ilike(pattern, escape="\\"),
                            Notification.recipient.ilike(pattern, escape="\\"),
                            Notification.subject.ilike(pattern, escape="\\"),
                        )
                    )
                )
            stmt = stmt.order_by(Notification.scheduled_at.desc(), Notification.id.desc())
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
                for n in session.scalars(stmt.limit(limit))
            ]

        return unit_of_work.read(self.ctx, work)

    def resend(self, notification_id: int) -> None:
        """Queue a failed, cancelled or sent notification again, to go out now."""
        self._set(
            notification_id,
            (N.FAILED, N.CANCELLED, N.SENT),
            "Only a failed, cancelled or sent notification can be sent again.",
            status=N.PENDING,
            attempts=0,
            scheduled_at=self.ctx.now(),
            claimed_by="",
            last_error="",
        )

    def cancel(self, notification_id: int) -> None:
        """Withdraw a notification that has not gone out yet."""
        self._set(
            notification_id,
            (N.PENDING,),
            "Only a notification still waiting to go out can be cancelled.",
            status=N.CANCELLED,
        )

    def _set(
        self,
        notification_id: int,
        allowed: tuple[NotificationStatus, ...],
        refusal: str,
        **values: object,
    ) -> None:
        def work(session: Session) -> None:
            changed = (
                session.connection()
                .execute(
                    update(Notification)
                    .where(
                        Notification.id == notification_id,
                        Notification.organization_id == self.ctx.organization_id,
                        Notification.status.in_(allowed),
                    )
                    .values(**values)
                )
                .rowcount
            )
            if not changed:
                raise ValidationError(refusal)

        unit_of_work.write(self.ctx, work, schedule_lock=False)

    def counts(self) -> dict[str, int]:
        """How many notifications are in each status (for the desk and the tests)."""
        from sqlalchemy import func

        def work(session: Session) -> dict[str, int]:
            rows = session.execute(
                select(Notification.status, func.count())
                .where(Notification.organization_id == self.ctx.organization_id)
                .group_by(Notification.status)
            )
            return {status.value: count for status, count in rows}

        return unit_of_work.read(self.ctx, work)
