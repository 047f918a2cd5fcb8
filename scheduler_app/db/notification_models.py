"""The notification outbox and message templates."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from scheduler_app.db.base import Base
from scheduler_app.db.models import enum_type
from scheduler_app.db.types import UTCDateTime
from scheduler_app.domain.notifications import Channel, NotificationKind, NotificationStatus

# The enums live in domain/ (the GUI shows them); re-exported for the models' users.
__all__ = ["Channel", "MessageTemplate", "Notification", "NotificationKind", "NotificationStatus"]


class Notification(Base):
    """One message to deliver, written in the transaction of the change that causes it."""

    __tablename__ = "notification"
    __table_args__ = (
        Index("ix_notification_due", "status", "scheduled_at"),
        Index(None, "appointment_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"))
    kind: Mapped[NotificationKind] = mapped_column(
        enum_type(NotificationKind, "notification_kind", length=32)
    )
    channel: Mapped[Channel] = mapped_column(enum_type(Channel, "notification_channel"))
    recipient: Mapped[str] = mapped_column(String(254), default="")
    subject: Mapped[str] = mapped_column(String(200), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"))
    scheduled_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[NotificationStatus] = mapped_column(
        enum_type(NotificationStatus, "notification_status"), default=NotificationStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    claimed_by: Mapped[str] = mapped_column(String(64), default="")
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MessageTemplate(Base):
    """The clinic's wording for one kind of message on one channel."""

    __tablename__ = "message_template"
    __table_args__ = (UniqueConstraint("organization_id", "kind", "channel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"))
    kind: Mapped[NotificationKind] = mapped_column(
        enum_type(NotificationKind, "notification_kind", length=32)
    )
    channel: Mapped[Channel] = mapped_column(enum_type(Channel, "notification_channel"))
    subject: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")
