"""The data model (SQLAlchemy 2, typed). Schema changes go through Alembic migrations."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql import expression

from scheduler_app.db.base import Base
from scheduler_app.db.types import UTCDateTime
from scheduler_app.domain.roles import Role as Role  # kept importable from here
from scheduler_app.domain.status import AppointmentStatus


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class ReminderChannel(StrEnum):
    """How a client prefers to be reminded."""

    EMAIL = "email"
    SMS = "sms"


def enum_type(cls: type[StrEnum], name: str, length: int = 16) -> Enum:
    """A string column limited to the enum's values (a CHECK, not a native type)."""
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def new_clinic_id() -> str:
    return str(uuid.uuid4())


class Organization(Base):
    __tablename__ = "organization"
    __table_args__ = (
        CheckConstraint("slot_minutes IN (5, 10, 15, 20, 30, 60)", name="slot_minutes"),
        CheckConstraint(
            "default_duration_minutes > 0 AND default_duration_minutes <= 720",
            name="default_duration",
        ),
        CheckConstraint("series_horizon_days BETWEEN 7 AND 1830", name="series_horizon_days"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Which clinic this is, wherever its data goes (backups, Message-IDs): a UUID
    #: given when the clinic is created.
    clinic_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_clinic_id)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    slot_minutes: Mapped[int] = mapped_column(Integer, default=15)
    default_duration_minutes: Mapped[int] = mapped_column(Integer, default=90)
    #: The earliest opening and the latest closing of the week's `OpeningHours`
    #: (kept with them; the calendar shades the hours between them).
    opens_at: Mapped[time] = mapped_column(Time, default=time(8, 0))
    closes_at: Mapped[time] = mapped_column(Time, default=time(19, 0))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: Minutes before the start at which reminders go out, e.g. "1440,120".
    reminder_minutes: Mapped[str] = mapped_column(
        String(64), default="1440,120", server_default="1440,120"
    )
    smtp_host: Mapped[str] = mapped_column(String(200), default="", server_default="")
    smtp_port: Mapped[int] = mapped_column(Integer, default=587, server_default="587")
    smtp_security: Mapped[str] = mapped_column(
        String(16), default="starttls", server_default="starttls"
    )
    smtp_user: Mapped[str] = mapped_column(String(200), default="", server_default="")
    mail_from: Mapped[str] = mapped_column(String(254), default="", server_default="")
    #: SMS gateway: an address with {to} and {text}, called with GET (password: keyring).
    sms_url: Mapped[str] = mapped_column(String(500), default="", server_default="")
    sms_user: Mapped[str] = mapped_column(String(200), default="", server_default="")
    #: Public holidays (the `holidays` package): ISO country and subdivision; "" none.
    holiday_country: Mapped[str] = mapped_column(String(2), default="", server_default="")
    holiday_subdivision: Mapped[str] = mapped_column(String(10), default="", server_default="")
    #: Raised by every change to working time (plans, days, time off, holidays), in its
    #: transaction: desks keep the roster they read until it changes.
    roster_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: When the clinic was set up (the first-start set-up finished or skipped); None
    #: for a new clinic.
    set_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Minutes without use after which a desk hides the schedule and asks for the
    #: password again (0: never).
    idle_lock_minutes: Mapped[int] = mapped_column(Integer, default=10, server_default="10")
    #: One person, no sign-in: the desk opens as the clinic's administrator.
    single_user: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=expression.false()
    )
    #: The least role that may assign professionals to appointments.
    assign_role: Mapped[Role] = mapped_column(
        enum_type(Role, "assign_role"), default=Role.RECEPTION, server_default="reception"
    )
    #: The least role that may confirm appointments.
    confirm_role: Mapped[Role] = mapped_column(
        enum_type(Role, "confirm_role"), default=Role.RECEPTION, server_default="reception"
    )
    #: The clinic has set up rooms or equipment (`resource_models`): changes then
    #: check and write what appointments hold; until then they read nothing of it.
    uses_resources: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=expression.false()
    )
    #: How far ahead a series may reach from its first date (days).
    series_horizon_days: Mapped[int] = mapped_column(Integer, default=366, server_default="366")


class OpeningHours(Base):
    """One range of a weekday the clinic is open (several a day are allowed)."""

    __tablename__ = "opening_hours"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        Index(None, "organization_id", "weekday"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"))
    #: Monday = 0 ... Sunday = 6.
    weekday: Mapped[int] = mapped_column(Integer)
    opens: Mapped[time] = mapped_column(Time)
    closes: Mapped[time] = mapped_column(Time)


class StaffUser(Base):
    """A person working at a desk; every change names one."""

    __tablename__ = "staff_user"
    __table_args__ = (UniqueConstraint("organization_id", "username"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"))
    username: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(enum_type(Role, "staff_role"), default=Role.RECEPTION)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Argon2 hash of the password (None: none set yet; an administrator sets one).
    password_hash: Mapped[str | None] = mapped_column(String(200))
    #: Set by an administrator's reset: the person chooses a new password at sign-in.
    must_change_password: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=expression.false()
    )
    #: Wrong passwords in a row; at the limit the account waits until `locked_until`.
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The professional this person is, if any (e.g. to see their own day).
    professional_id: Mapped[int | None] = mapped_column(ForeignKey("professional.id"))


class Professional(Base):
    __tablename__ = "professional"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    color: Mapped[str] = mapped_column(String(9), default="#4a90d9")
    #: Listed and taking appointments (see `available_until`).
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    #: The professional leaves then: no appointments from this instant on (None: no end).
    available_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Client(Base):
    __tablename__ = "client"
    __table_args__ = (
        # Search as you type: the key read in its order, stopping at the first matches.
        Index(None, "organization_id", "search_key", "is_active"),
        # PostgreSQL finds rare matches anywhere in the key by trigrams (pg_trgm).
        Index(
            "ix_client_search_key_trigrams",
            "search_key",
            postgresql_using="gin",
            postgresql_ops={"search_key": "gin_trgm_ops"},
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"))
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    #: Archived clients (False) are kept with their history but not offered.
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    preferred_channel: Mapped[ReminderChannel] = mapped_column(
        enum_type(ReminderChannel, "reminder_channel"),
        default=ReminderChannel.EMAIL,
        server_default=ReminderChannel.EMAIL.value,
    )
    #: The client agreed to be reminded of appointments.
    reminder_consent: Mapped[bool] = mapped_column(
        Boolean, default=True, server_default=expression.true()
    )
    #: Name, e-mail and phone digits as searched (`domain.client_search.search_key`);
    #: compared character by character (PostgreSQL: collation "C"), whatever the locale.
    search_key: Mapped[str] = mapped_column(
        String(500).with_variant(String(500, collation="C"), "postgresql"),
        default="",
        server_default="",
    )
    #: A duplicate merged into that client: kept (and its audit), never offered or found.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("client.id"))
    #: When the client's personal data was erased on their request (a pseudonym is left).
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Service(Base):
    """A service the clinic offers (consultation, follow-up, ...)."""

    __tablename__ = "service"
    __table_args__ = (
        CheckConstraint(
            "duration_minutes > 0 AND duration_minutes <= 720", name="duration_minutes"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    duration_minutes: Mapped[int] = mapped_column(Integer)
    price: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0"))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    color: Mapped[str] = mapped_column(String(9), default="#7cb342")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Reminder lead times for this service ("1440,120"); empty: the clinic's.
    reminder_minutes: Mapped[str] = mapped_column(String(64), default="", server_default="")
    #: Where the service is listed (the booking dialog's order).
    sort_order: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Appointment(Base):
    __tablename__ = "appointment"
    __table_args__ = (
        CheckConstraint("end_at > start_at", name="ends_after_start"),
        CheckConstraint(
            "completion_rating IS NULL OR (completion_rating BETWEEN 1 AND 5)",
            name="completion_rating",
        ),
        CheckConstraint(
            "buffer_before_minutes BETWEEN 0 AND 120 AND buffer_after_minutes BETWEEN 0 AND 120",
            name="buffer_minutes",
        ),
        # Window reads: start_at bounded by MAX_DURATION, the rest read from the index.
        Index(
            "ix_appointment_window",
            "organization_id",
            "start_at",
            "end_at",
            "status",
            "professional_id",
            "conflict_id",
            "buffer_before_minutes",
            "buffer_after_minutes",
        ),
        Index(None, "professional_id", "start_at"),
        Index(None, "client_id", "start_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"))
    title: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    start_at: Mapped[datetime] = mapped_column(UTCDateTime)
    end_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[AppointmentStatus] = mapped_column(
        enum_type(AppointmentStatus, "appointment_status"), default=AppointmentStatus.PENDING
    )
    priority: Mapped[Priority] = mapped_column(
        enum_type(Priority, "appointment_priority"), default=Priority.NORMAL
    )
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id"))
    professional_id: Mapped[int | None] = mapped_column(ForeignKey("professional.id"))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("service.id"))
    location: Mapped[str] = mapped_column(String(200), default="")
    is_virtual: Mapped[bool] = mapped_column(Boolean, default=False)
    meeting_url: Mapped[str] = mapped_column(String(500), default="")
    estimated_cost: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    actual_cost: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    is_billable: Mapped[bool] = mapped_column(Boolean, default=True)
    cancellation_reason: Mapped[str] = mapped_column(Text, default="")
    completion_notes: Mapped[str] = mapped_column(Text, default="")
    completion_rating: Mapped[int | None] = mapped_column(Integer)
    completion_feedback: Mapped[str] = mapped_column(Text, default="")
    external_id: Mapped[str] = mapped_column(String(200), default="")
    external_url: Mapped[str] = mapped_column(String(500), default="")
    reminder_sent: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=expression.false()
    )
    reminder_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The open conflict this appointment is set aside by (unassigned, left without a
    #: professional by a manager's forced change): R2 leaves it out until it is resolved.
    conflict_id: Mapped[int | None] = mapped_column(ForeignKey("conflict.id"))
    #: Minutes the appointment occupies its professional before and after it (the
    #: service's buffers when it was placed): R0-R2 and the overlap guard see
    #: ``[start_at - before, end_at + after)``.
    buffer_before_minutes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    buffer_after_minutes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: Cancelled after the cancellation deadline (allowed by the rule, marked).
    late_cancellation: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=expression.false()
    )
    #: Why a manager placed it outside working time (empty: inside it).
    outside_hours_reason: Mapped[str] = mapped_column(String(500), default="", server_default="")
    #: The series it is an occurrence of, and the occurrence's original start (a moved
    #: occurrence keeps it: the series knows which date it stands for).
    series_id: Mapped[int | None] = mapped_column(ForeignKey("series.id"), index=True)
    occurrence_start: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The lead appointment this one is a piece of (one more professional of the same
    #: appointment, at the same time); None for a lead and for an ordinary appointment.
    joint_of: Mapped[int | None] = mapped_column(
        ForeignKey("appointment.id", ondelete="CASCADE"), index=True
    )
    created_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    client: Mapped[Client | None] = relationship(lazy="raise")
    professional: Mapped[Professional | None] = relationship(lazy="raise")
    service: Mapped[Service | None] = relationship(lazy="raise")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class ConflictKind(StrEnum):
    """What a conflict is about (the kinds of the clinic's previous system)."""

    DOUBLE_BOOKING = "double_booking"
    RESOURCE_CONFLICT = "resource_conflict"
    TEAM_CONFLICT = "team_conflict"
    TIME_CONFLICT = "time_conflict"
    LOCATION_CONFLICT = "location_conflict"
    CAPACITY_EXCEEDED = "capacity_exceeded"


class ConflictStatus(StrEnum):
    #: Waiting to be resolved ("pending").
    OPEN = "open"
    RESOLVED = "resolved"
    IGNORED = "ignored"
    #: Handed to a manager; still waiting to be resolved.
    ESCALATED = "escalated"


#: Conflicts still waiting to be resolved (counted in the status bar, listed).
UNRESOLVED = (ConflictStatus.OPEN, ConflictStatus.ESCALATED)


class ConflictImpact(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class Conflict(Base):
    """Appointments a manager's forced change left without a valid assignment."""

    __tablename__ = "conflict"
    __table_args__ = (Index(None, "organization_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"))
    kind: Mapped[ConflictKind] = mapped_column(enum_type(ConflictKind, "conflict_kind", 32))
    status: Mapped[ConflictStatus] = mapped_column(
        enum_type(ConflictStatus, "conflict_status"), default=ConflictStatus.OPEN
    )
    impact: Mapped[ConflictImpact] = mapped_column(
        enum_type(ConflictImpact, "conflict_impact"),
        default=ConflictImpact.HIGH,
        server_default=ConflictImpact.HIGH.value,
    )
    #: What was forced, in words ("Dr Silva leaves on Tue 10 Mar").
    cause: Mapped[str] = mapped_column(String(500), default="")
    #: Why the manager forced it.
    reason: Mapped[str] = mapped_column(Text, default="")
    forced_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Who ignored, escalated or resolved it by hand, and their words.
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    resolution_notes: Mapped[str] = mapped_column(Text, default="", server_default="")


class ConflictAppointment(Base):
    """An appointment concerned by a conflict (kept after it is resolved)."""

    __tablename__ = "conflict_appointment"

    conflict_id: Mapped[int] = mapped_column(ForeignKey("conflict.id"), primary_key=True)
    appointment_id: Mapped[int] = mapped_column(
        ForeignKey("appointment.id"), primary_key=True, index=True
    )


class AuditEntry(Base):
    """Who changed what, written in the same transaction as the change."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index(None, "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"))
    actor_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    #: The user action's idempotency key, on the first entry it writes: after a lost
    #: reply to COMMIT the desk looks it up to know whether the action was saved.
    action_key: Mapped[str | None] = mapped_column(String(32), unique=True)


# The series table is in its own module; loaded with the appointment that refers to it.
from scheduler_app.db import calendar_models as calendar_models  # noqa: E402
from scheduler_app.db import placement_models as placement_models  # noqa: E402
from scheduler_app.db import report_day_models as report_day_models  # noqa: E402
from scheduler_app.db import resource_models as resource_models  # noqa: E402
from scheduler_app.db import series_models as series_models  # noqa: E402
from scheduler_app.db import skill_models as skill_models  # noqa: E402
from scheduler_app.db import team_models as team_models  # noqa: E402
from scheduler_app.db import waitlist_models as waitlist_models  # noqa: E402
