"""The waitlist: clients waiting for a time to free up."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Time
from sqlalchemy.orm import Mapped, mapped_column

from scheduler_app.db.base import Base
from scheduler_app.db.types import UTCDateTime


class WaitlistEntry(Base):
    """A client waiting for ``service_id`` (with ``professional_id``, or anyone) on a
    day from ``first_day`` to ``last_day``, starting no earlier than ``earliest`` and
    ending no later than ``latest`` (local wall time). Waiting until booked; past
    ``last_day`` a waiting entry is expired (kept, shown as such). Held: a freed time
    was booked for the client, theirs until ``held_until``."""

    __tablename__ = "waitlist_entry"
    __table_args__ = (
        CheckConstraint("first_day <= last_day", name="days"),
        CheckConstraint("earliest < latest", name="hours"),
        CheckConstraint("status IN ('waiting', 'booked', 'held')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"))
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"))
    professional_id: Mapped[int | None] = mapped_column(ForeignKey("professional.id"))
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    earliest: Mapped[time] = mapped_column(Time)
    latest: Mapped[time] = mapped_column(Time)
    status: Mapped[str] = mapped_column(String(16), default="waiting")
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"))
    #: Held: the time booked for the client is theirs until then, if they call back to
    #: confirm it; past it the hold lapses and the entry waits again.
    held_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
