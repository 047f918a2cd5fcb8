"""Calendar integrations: a professional's calendar on a CalDAV server, kept in step.

Each integration names the server (the calendar collection's URL and the user; the
password is in the system keyring), how often it syncs, whether client names go
out, and what the last sync did. A desk syncing it holds a lease (``claimed_by``
until ``claimed_until``) so that two desks never sync the same calendar at once.
The calendar's own busy events become ``time_off`` rows of the kind "calendar"
tied to the integration and the event's UID.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from scheduler_app.db.base import Base
from scheduler_app.db.types import UTCDateTime

#: How often a calendar may sync, in minutes (5 minutes to a day).
MIN_FREQUENCY, MAX_FREQUENCY = 5, 1440
#: What the last sync did.
STATUSES = ("new", "ok", "conflicts", "failed")


class CalendarIntegration(Base):
    __tablename__ = "calendar_integration"
    __table_args__ = (
        CheckConstraint("kind IN ('caldav')", name="kind"),
        CheckConstraint(
            f"frequency_minutes BETWEEN {MIN_FREQUENCY} AND {MAX_FREQUENCY}", name="frequency"
        ),
        CheckConstraint("status IN (" + ", ".join(f"'{s}'" for s in STATUSES) + ")", name="status"),
        CheckConstraint("retries >= 0", name="retries"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    professional_id: Mapped[int] = mapped_column(ForeignKey("professional.id"))
    kind: Mapped[str] = mapped_column(String(16), default="caldav")
    #: The server or service, in the clinic's words ("Nextcloud", "Radicale at home").
    provider: Mapped[str] = mapped_column(String(120), default="")
    #: The calendar collection's URL.
    url: Mapped[str] = mapped_column(String(2000))
    username: Mapped[str] = mapped_column(String(200), default="")
    frequency_minutes: Mapped[int] = mapped_column(Integer, default=15)
    #: Events sent out carry the client's name and the service (else only "Busy").
    with_client_names: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[str] = mapped_column(String(16), default="new")
    #: What the last sync did or why it failed, in words.
    status_text: Mapped[str] = mapped_column(Text, default="")
    last_sync_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Failed syncs in a row (0 after a good one).
    retries: Mapped[int] = mapped_column(Integer, default=0)
    next_sync_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The desk syncing it now, until when (a lease taken in one statement).
    claimed_by: Mapped[str] = mapped_column(String(200), default="")
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
