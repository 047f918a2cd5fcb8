"""Frozen values handed to the GUI and across threads (never ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from scheduler_app.domain.status import AppointmentStatus


@dataclass(frozen=True, slots=True)
class OrganizationView:
    id: int
    name: str
    timezone: str
    slot_minutes: int
    default_duration_minutes: int
    opens_at: time
    closes_at: time
    currency: str
    reminder_minutes: str = "1440,120"


@dataclass(frozen=True, slots=True)
class StaffUserView:
    id: int
    username: str
    display_name: str
    role: str
    is_active: bool


@dataclass(frozen=True, slots=True)
class ProfessionalView:
    id: int
    name: str
    title: str
    color: str
    is_active: bool
    sort_order: int
    #: When the professional leaves (no appointments from then on); None: no end.
    available_until: datetime | None = None


@dataclass(frozen=True, slots=True)
class ClientView:
    id: int
    name: str
    phone: str
    email: str
    notes: str
    #: False: archived (kept with their history, not offered for booking).
    is_active: bool
    date_of_birth: date | None = None
    #: "email" or "sms": how the client prefers to be reminded.
    preferred_channel: str = "email"
    #: The client agreed to be reminded of appointments.
    reminder_consent: bool = True
    #: The client's personal data was erased on their request (a pseudonym is left).
    erased: bool = False


@dataclass(frozen=True, slots=True)
class ServiceView:
    id: int
    name: str
    duration_minutes: int
    price: Decimal
    currency: str
    color: str
    is_active: bool
    #: Reminder lead times in minutes, longest first; () means the clinic's.
    reminder_minutes: tuple[int, ...] = ()
    sort_order: int = 0


@dataclass(frozen=True, slots=True)
class AppointmentView:
    id: int
    version: int
    start: datetime
    end: datetime
    status: AppointmentStatus
    priority: str
    title: str
    client_id: int | None
    client_name: str
    client_phone: str
    professional_id: int | None
    professional_name: str
    service_id: int | None
    service_name: str
    description: str = ""
    location: str = ""
    is_virtual: bool = False
    meeting_url: str = ""
    estimated_cost: Decimal | None = None
    actual_cost: Decimal | None = None
    currency: str = "EUR"
    is_billable: bool = True
    cancellation_reason: str = ""
    completion_notes: str = ""
    completion_rating: int | None = None
    completion_feedback: str = ""
    external_id: str = ""
    external_url: str = ""
    #: The open conflict that sets this appointment aside (it has no valid place).
    conflict_id: int | None = None
    #: Minutes it occupies its professional before and after (the service's buffers).
    buffer_before_minutes: int = 0
    buffer_after_minutes: int = 0
    #: Cancelled after the cancellation deadline (the rule allowed it).
    late_cancellation: bool = False
    #: Why a manager placed it outside working time (empty: inside it).
    outside_hours_reason: str = ""
    #: The series it belongs to (None: a single appointment).
    series_id: int | None = None
    #: The lead appointment this one is a piece of (one more professional of the same
    #: appointment); None for a lead and for an ordinary appointment.
    joint_of: int | None = None
    #: The rooms and equipment it holds, by name ("Room 2, Ultrasound").
    resources: str = ""
    #: Their ids, in the same order.
    resource_ids: tuple[int, ...] = ()

    @property
    def outside_hours(self) -> bool:
        """Placed outside working time by a manager (the calendar can mark the block)."""
        return bool(self.outside_hours_reason)

    @property
    def duration_minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


@dataclass(frozen=True, slots=True)
class MoveRequest:
    """One appointment of several moved together (as the desk last saw it)."""

    appointment_id: int
    version: int
    start: datetime
    end: datetime
    professional_id: int | None


@dataclass(frozen=True, slots=True)
class BookingRequest:
    """What the desk fills in to book. ``end`` None means the type's or default length."""

    start: datetime
    end: datetime | None = None
    client_id: int | None = None
    professional_id: int | None = None
    service_id: int | None = None
    title: str = ""
    description: str = ""
    priority: str = "normal"
    location: str = ""
    is_virtual: bool = False
    meeting_url: str = ""
    estimated_cost: Decimal | None = None
    is_billable: bool = True
    confirmed: bool = False
    external_id: str = ""
    external_url: str = ""
    #: A manager's reason to book past a booking rule (notice, horizon) or outside the
    #: professional's working time; audited, and marked on the appointment when it is
    #: outside working time. Reception cannot.
    override_reason: str = ""
    #: The desk confirmed booking the client although they already have an
    #: appointment at that time ("Book both?"): the overlap is recorded as a conflict.
    book_both: bool = False
    #: Rooms or equipment the desk chose; what the service needs besides is picked.
    resource_ids: tuple[int, ...] = ()
    #: Further professionals of the same appointment: each gets a linked piece (its own
    #: row at the same time, in their column), moved and changed with it.
    with_professionals: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Availability:
    """Answer to "would this fit?"; ``reason`` is the message when it does not."""

    ok: bool
    reason: str = ""
    #: Refused by a booking rule on notice or horizon (before any other check).
    by_rule: bool = False
    #: A manager may book it anyway with a reason (notice, horizon, or outside the
    #: professional's working time).
    overridable: bool = False


# -- setting the clinic up -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class OpeningRange:
    """The clinic is open on ``weekday`` (Monday = 0) from ``opens`` until ``closes``."""

    weekday: int
    opens: time
    closes: time


@dataclass(frozen=True, slots=True)
class ClinicSettings:
    """What Clinic > Settings edits."""

    name: str
    timezone: str
    slot_minutes: int
    default_duration_minutes: int
    currency: str
    opening_hours: tuple[OpeningRange, ...]
    #: Reminder lead times in minutes, longest first.
    reminder_minutes: tuple[int, ...]
    #: How far ahead a series may reach from its first date (days).
    series_horizon_days: int = 366


@dataclass(frozen=True, slots=True)
class ZoneChange:
    """What moving the clinic to another time zone does to what is booked: the
    instants stay, the wall-clock times shown move."""

    #: Active appointments from now on.
    upcoming: int
    #: The first of them (None when there is none).
    first_start: datetime | None


@dataclass(frozen=True, slots=True)
class ServiceDetails:
    """A service as Clinic > Services edits it."""

    name: str
    duration_minutes: int
    price: Decimal
    currency: str
    color: str
    #: Lead times in minutes; () means the clinic's.
    reminder_minutes: tuple[int, ...] = ()
    is_active: bool = True


@dataclass(frozen=True, slots=True)
class ProfessionalDetails:
    name: str
    title: str = ""
    #: "#rrggbb"; "" picks a palette colour apart from the others'.
    color: str = ""


@dataclass(frozen=True, slots=True)
class ClientDetails:
    """A client as the client window edits it."""

    name: str
    phone: str = ""
    email: str = ""
    date_of_birth: date | None = None
    notes: str = ""
    preferred_channel: str = "email"
    reminder_consent: bool = True


@dataclass(frozen=True, slots=True)
class ClientHistory:
    """A client's appointments (the latest first) and what they tell."""

    appointments: tuple[AppointmentView, ...]
    #: All their appointments (``appointments`` holds the latest ones).
    total: int
    no_shows: int
    #: Cancelled less than `LATE_CANCELLATION` before the start.
    late_cancellations: int
