"""The days a report has counted, kept for the next report, and what tells whether
a kept day still holds.

A day is counted once and kept (`ReportDay`, with the stamp it was counted at in
`ReportDayStamp`); a report reads its kept days and counts again only the days
whose stamp changed. The stamp is made of what the day's figures depend on: how
many times the appointments of its dates were written (`ScheduleDay`, kept by
database triggers on every write, whatever made it: `schema_extras`), the roster's
version, the professionals, and the clinic's time zone.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from scheduler_app.db.base import Base


class ScheduleDay(Base):
    """How many appointments (and resources they hold) were written on each UTC
    date: at their start's date and at their end's (an appointment lasts 12 hours at
    most, so no date between). Raised by triggers in the transaction of the write:
    a report that read a day's count before counting the day knows the day is
    unchanged while the count is."""

    __tablename__ = "schedule_day"

    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    writes: Mapped[int] = mapped_column(BigInteger, default=0)


class ReportDayStamp(Base):
    """A kept day of one kind (``all``, ``professional``, ``service`` or
    ``resource``): the stamp it was counted at."""

    __tablename__ = "report_day_stamp"

    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)  # the clinic's day
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    stamp: Mapped[str] = mapped_column(String(200))


class ReportDay(Base):
    """One line of a kept day: the appointments starting on it per status (a booking
    undone within a minute apart), the late cancellations, the money in cents, and
    the seconds of working time and booked inside and outside it, for all (key
    None), or one professional, service or resource (key None: none of them)."""

    __tablename__ = "report_day"
    __table_args__ = (
        Index("ix_report_day_organization_id_kind_day", "organization_id", "kind", "day"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[int | None] = mapped_column(Integer)
    pending: Mapped[int] = mapped_column(Integer, default=0)
    confirmed: Mapped[int] = mapped_column(Integer, default=0)
    checked_in: Mapped[int] = mapped_column(Integer, default=0)
    completed: Mapped[int] = mapped_column(Integer, default=0)
    no_show: Mapped[int] = mapped_column(Integer, default=0)
    cancelled: Mapped[int] = mapped_column(Integer, default=0)
    late: Mapped[int] = mapped_column(Integer, default=0)
    undone: Mapped[int] = mapped_column(Integer, default=0)
    estimated_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    actual_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    #: Seconds (None: not measured, as per service or for nobody).
    working: Mapped[int | None] = mapped_column(BigInteger)
    inside: Mapped[int | None] = mapped_column(BigInteger)
    outside: Mapped[int | None] = mapped_column(BigInteger)
