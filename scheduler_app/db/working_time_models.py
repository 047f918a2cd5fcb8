"""Working time: professionals' weekly plans and days, time off, holiday openings.

A professional with no weekly plan works whenever the clinic is open. Time off
is the one "unavailable" model: a professional's absence (vacation, sickness,
training), a blackout, or, without a professional, a closure of the whole clinic.
Public holidays come from the `holidays` package for the clinic's country and
subdivision; the clinic is closed on them unless it opens on one
(`HolidayOpening`).
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    Time,
)
from sqlalchemy.orm import Mapped, mapped_column

from scheduler_app.db.base import Base
from scheduler_app.db.models import enum_type
from scheduler_app.db.types import UTCDateTime
from scheduler_app.domain.rules import MAX_HORIZON_DAYS, MAX_NOTICE_MINUTES
from scheduler_app.domain.template_days import MAX_INTERVAL
from scheduler_app.domain.working_time import TemplateKind as TemplateKind  # kept importable
from scheduler_app.domain.working_time import TimeOffKind as TimeOffKind  # from here


class WorkRange(Base):
    """Part of a professional's weekly plan: on ``weekday`` (0 Monday) from ``starts``
    to ``ends`` (wall clock), every week or on A/B weeks, within ``valid_from`` ..
    ``valid_until`` (a new plan from 1 January)."""

    __tablename__ = "work_range"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        CheckConstraint("ends > starts", name="ends_after_start"),
        CheckConstraint("week_parity IS NULL OR week_parity IN (0, 1)", name="week_parity"),
        Index(None, "organization_id", "professional_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"))
    professional_id: Mapped[int] = mapped_column(ForeignKey("professional.id"))
    weekday: Mapped[int] = mapped_column(Integer)
    starts: Mapped[time] = mapped_column(Time)
    ends: Mapped[time] = mapped_column(Time)
    #: None: every week; 0: A weeks; 1: B weeks (see `domain.working_time.week_parity`).
    week_parity: Mapped[int | None] = mapped_column(Integer)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)


class WorkDay(Base):
    """A date on which a professional's plan is replaced: they work these hours (a row
    without hours: not at all that day), e.g. "works Sat 12 Dec 09-13"."""

    __tablename__ = "work_day"
    __table_args__ = (
        CheckConstraint("starts IS NULL OR ends > starts", name="ends_after_start"),
        Index(None, "organization_id", "professional_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"))
    professional_id: Mapped[int] = mapped_column(ForeignKey("professional.id"))
    day: Mapped[date] = mapped_column(Date)
    starts: Mapped[time | None] = mapped_column(Time)
    ends: Mapped[time | None] = mapped_column(Time)


class TimeOff(Base):
    """A time nobody can book: a professional's (absence, blackout, busy in their own
    calendar), a resource's (maintenance), or, naming neither, the whole clinic's
    (closure, blackout)."""

    __tablename__ = "time_off"
    __table_args__ = (
        CheckConstraint("end_at > start_at", name="ends_after_start"),
        Index(None, "organization_id", "end_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"))
    professional_id: Mapped[int | None] = mapped_column(ForeignKey("professional.id"))
    resource_id: Mapped[int | None] = mapped_column(ForeignKey("resource.id"))
    kind: Mapped[TimeOffKind] = mapped_column(enum_type(TimeOffKind, "time_off_kind"))
    reason: Mapped[str] = mapped_column(Text, default="")
    start_at: Mapped[datetime] = mapped_column(UTCDateTime)
    end_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: Kind "calendar": the calendar integration that read it, and the event's UID
    #: there (a later sync moves or removes it).
    integration_id: Mapped[int | None] = mapped_column(
        ForeignKey("calendar_integration.id"), index=True
    )
    external_uid: Mapped[str | None] = mapped_column(String(500))


class HolidayOpening(Base):
    """A public holiday on which the clinic opens all the same."""

    __tablename__ = "holiday_opening"

    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")


class ScheduleTemplate(Base):
    """A named working pattern (the ERP's ScheduleTemplate): on ``weekdays`` (a bit
    per weekday, 1 Monday ... 64 Sunday) from ``starts`` to ``ends`` with an
    optional break, every ``repeat_interval`` days or weeks, or on ``dates`` (days of
    the month, month-day pairs or dates, see `domain.template_days`), with the
    booking notice and horizon it brings. Copied into a professional's plan for a
    period: a starting point, not a link (the plan's values win afterwards)."""

    __tablename__ = "schedule_template"
    __table_args__ = (
        CheckConstraint("ends > starts", name="ends_after_start"),
        CheckConstraint("weekdays BETWEEN 0 AND 127", name="weekdays"),
        CheckConstraint(
            "(break_starts IS NULL AND break_ends IS NULL) OR "
            "(break_starts > starts AND break_ends > break_starts AND break_ends < ends)",
            name="break_inside",
        ),
        CheckConstraint("slot_minutes BETWEEN 1 AND 1440", name="slot_minutes"),
        CheckConstraint("max_capacity IS NULL OR max_capacity > 0", name="max_capacity"),
        CheckConstraint(f"repeat_interval BETWEEN 1 AND {MAX_INTERVAL}", name="repeat_interval"),
        CheckConstraint("price IS NULL OR price >= 0", name="price"),
        CheckConstraint(
            f"min_notice_minutes IS NULL OR min_notice_minutes BETWEEN 1 AND {MAX_NOTICE_MINUTES}",
            name="min_notice_minutes",
        ),
        CheckConstraint(
            f"max_horizon_days IS NULL OR max_horizon_days BETWEEN 1 AND {MAX_HORIZON_DAYS}",
            name="max_horizon_days",
        ),
        CheckConstraint(
            "min_notice_minutes IS NULL OR max_horizon_days IS NULL"
            " OR max_horizon_days * 1440 >= min_notice_minutes",
            name="horizon_after_notice",
        ),
        Index(None, "organization_id", "name", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"))
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[TemplateKind] = mapped_column(enum_type(TemplateKind, "template_kind"))
    weekdays: Mapped[int] = mapped_column(Integer)
    starts: Mapped[time] = mapped_column(Time)
    ends: Mapped[time] = mapped_column(Time)
    #: The default length of an appointment in it (minutes).
    slot_minutes: Mapped[int] = mapped_column(Integer)
    break_starts: Mapped[time | None] = mapped_column(Time)
    break_ends: Mapped[time | None] = mapped_column(Time)
    max_capacity: Mapped[int | None] = mapped_column(Integer)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Every N days (daily) or weeks (weekly: 1 or 2, the plan's A/B weeks).
    repeat_interval: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    #: Days of the month, month-day pairs or dates (see `domain.template_days`).
    dates: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: What a session in this pattern is quoted at (for reference; bookings keep
    #: the service's price).
    price: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    #: The booking rules a copy brings for its period (None: none).
    min_notice_minutes: Mapped[int | None] = mapped_column(Integer)
    max_horizon_days: Mapped[int | None] = mapped_column(Integer)
