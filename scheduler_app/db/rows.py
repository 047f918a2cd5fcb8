"""Typed rows the services work with (plain values, no ORM state).

`AppointmentRow` has one column list, `APPOINTMENT_COLUMNS`, shared by every
statement that reads or returns appointments, so each of them builds its rows
the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from scheduler_app.db.base import table_of
from scheduler_app.db.models import Appointment, Priority, Role
from scheduler_app.domain.notifications import Channel, NotificationKind
from scheduler_app.domain.status import AppointmentStatus


class AppointmentRow(NamedTuple):
    """An appointment as stored (what changes and views need of it)."""

    id: int
    version: int
    start_at: datetime
    end_at: datetime
    status: AppointmentStatus
    priority: Priority
    title: str
    client_id: int | None
    professional_id: int | None
    service_id: int | None
    description: str
    location: str
    is_virtual: bool
    meeting_url: str
    estimated_cost: Decimal | None
    actual_cost: Decimal | None
    currency: str
    is_billable: bool
    cancellation_reason: str
    completion_notes: str
    completion_rating: int | None
    completion_feedback: str
    external_id: str
    external_url: str
    conflict_id: int | None
    buffer_before_minutes: int
    buffer_after_minutes: int
    late_cancellation: bool
    outside_hours_reason: str
    series_id: int | None
    occurrence_start: datetime | None
    joint_of: int | None


_APPOINTMENT = table_of(Appointment)
#: The columns of `AppointmentRow`, in its order.
APPOINTMENT_COLUMNS = [_APPOINTMENT.c[name] for name in AppointmentRow._fields]


class Names(NamedTuple):
    """The names an appointment's desk view shows beside it."""

    client_name: str | None = None
    client_phone: str | None = None
    professional_name: str | None = None
    service_name: str | None = None
    #: The rooms and equipment it holds, by name ("Room 2, Ultrasound").
    resources: str | None = None
    #: Their ids, in the same order.
    resource_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ClinicRow:
    id: int
    name: str
    default_duration_minutes: int
    reminder_minutes: str
    sms_url: str
    #: Raised by every change to working time and booking rules (desks keep both by it).
    roster_version: int
    #: The clinic has set up rooms or equipment (changes check what appointments hold).
    uses_resources: bool = False
    #: How far ahead a series may reach from its first date.
    series_horizon_days: int = 366


@dataclass(frozen=True, slots=True)
class ActorRow:
    """The staff account making a change."""

    id: int
    is_active: bool
    role: Role


@dataclass(frozen=True, slots=True)
class ClientRow:
    id: int
    name: str
    phone: str
    email: str
    is_active: bool


@dataclass(frozen=True, slots=True)
class ProfessionalRow:
    id: int
    name: str
    is_active: bool
    available_until: datetime | None


@dataclass(frozen=True, slots=True)
class ServiceRow:
    """A service the clinic offers (the `service` table)."""

    id: int
    name: str
    is_active: bool
    duration_minutes: int
    price: Decimal
    currency: str
    reminder_minutes: str


#: The clinic's own wording of messages: (kind, channel) -> (subject, body).
Templates = dict[tuple[NotificationKind, Channel], tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Facts:
    """What one change needs, read in one query; each row is None when it does not
    exist in this clinic (or was not asked for)."""

    clinic: ClinicRow
    actor: ActorRow | None
    appointment: AppointmentRow | None
    client: ClientRow | None
    professional: ProfessionalRow | None  # the appointment's (None for a new one)
    new_professional: ProfessionalRow | None  # the one asked for
    service: ServiceRow | None
    templates: Templates
    #: The id a new appointment will have (asked for, where the database gives it).
    new_id: int | None = None
    #: How many pieces the appointment leads (further professionals of it).
    joint_pieces: int = 0
