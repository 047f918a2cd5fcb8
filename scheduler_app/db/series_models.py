"""Repeating appointments: one row per series (see `domain.recurrence`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from scheduler_app.db.base import Base
from scheduler_app.db.types import UTCDateTime


class Series(Base):
    """A rule (RFC 5545 text, expanded in ``zone`` on the wall clock from
    ``first_start``) whose occurrences are appointments of ``length_minutes``.
    A series cut short ("this and following") keeps its rule up to the cut."""

    __tablename__ = "series"
    __table_args__ = (CheckConstraint("length_minutes BETWEEN 1 AND 720", name="length_minutes"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    rule: Mapped[str] = mapped_column(Text)
    zone: Mapped[str] = mapped_column(String(64))
    first_start: Mapped[datetime] = mapped_column(UTCDateTime)
    length_minutes: Mapped[int] = mapped_column(Integer)
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id"))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("service.id"))
    professional_id: Mapped[int | None] = mapped_column(ForeignKey("professional.id"))
    #: The series this one was split from ("this and following" changed).
    split_from_id: Mapped[int | None] = mapped_column(ForeignKey("series.id"))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
