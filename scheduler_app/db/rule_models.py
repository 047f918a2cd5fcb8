"""Booking rules (typed, one row per rule; see `domain.rules`)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql import expression

from scheduler_app.db.base import Base
from scheduler_app.db.models import enum_type
from scheduler_app.db.types import UTCDateTime
from scheduler_app.domain.rules import (
    MAX_AT_ONCE,
    MAX_BUFFER_MINUTES,
    MAX_HORIZON_DAYS,
    MAX_NOTICE_MINUTES,
    LatePolicy,
    RuleKind,
    RuleScope,
)


class BookingRule(Base):
    """A rule for bookings: minimum notice, maximum horizon, cancellation deadline,
    buffers around a service, or a limit of appointments at once; for the whole
    clinic, one professional or one service, valid on a range of dates, with a
    priority (higher wins)."""

    __tablename__ = "booking_rule"
    __table_args__ = (
        CheckConstraint(
            "(scope = 'clinic' AND professional_id IS NULL AND service_id IS NULL)"
            " OR (scope = 'professional' AND professional_id IS NOT NULL AND service_id IS NULL)"
            " OR (scope = 'service' AND service_id IS NOT NULL AND professional_id IS NULL)",
            name="scope_target",
        ),
        CheckConstraint(
            "valid_from IS NULL OR valid_until IS NULL OR valid_until >= valid_from",
            name="valid_dates",
        ),
        CheckConstraint(
            f"notice_minutes BETWEEN 0 AND {MAX_NOTICE_MINUTES}", name="notice_minutes"
        ),
        CheckConstraint(f"horizon_days BETWEEN 0 AND {MAX_HORIZON_DAYS}", name="horizon_days"),
        CheckConstraint(
            f"before_minutes BETWEEN 0 AND {MAX_BUFFER_MINUTES}"
            f" AND after_minutes BETWEEN 0 AND {MAX_BUFFER_MINUTES}",
            name="buffer_minutes",
        ),
        CheckConstraint(f"max_at_once BETWEEN 0 AND {MAX_AT_ONCE}", name="max_at_once"),
        Index(None, "organization_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"))
    kind: Mapped[RuleKind] = mapped_column(enum_type(RuleKind, "booking_rule_kind"))
    scope: Mapped[RuleScope] = mapped_column(enum_type(RuleScope, "booking_rule_scope"))
    professional_id: Mapped[int | None] = mapped_column(ForeignKey("professional.id"))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("service.id"))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    #: Minimum notice, or the cancellation deadline, in minutes before the start.
    notice_minutes: Mapped[int] = mapped_column(Integer, default=0)
    horizon_days: Mapped[int] = mapped_column(Integer, default=0)
    exempt_walk_ins: Mapped[bool] = mapped_column(Boolean, default=False)
    late_policy: Mapped[LatePolicy] = mapped_column(
        enum_type(LatePolicy, "booking_rule_late_policy"), default=LatePolicy.FLAG
    )
    before_minutes: Mapped[int] = mapped_column(Integer, default=0)
    after_minutes: Mapped[int] = mapped_column(Integer, default=0)
    max_at_once: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=expression.true())
    note: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
