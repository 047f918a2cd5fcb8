"""ORM rows to frozen views."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from scheduler_app.db.models import (
    Appointment,
    AppointmentType,
    Client,
    Organization,
    Professional,
    StaffUser,
)
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.dto import (
    AppointmentTypeView,
    AppointmentView,
    ClientView,
    OrganizationView,
    ProfessionalView,
    StaffUserView,
)


def appointment_view(row: Any) -> AppointmentView:
    """From a row of `queries.appointment_view_statement`."""
    a: Appointment = row[0]
    client_name, client_phone, professional_name, type_name = row[1], row[2], row[3], row[4]
    return AppointmentView(
        id=a.id,
        version=a.version,
        start=a.start_at,
        end=a.end_at,
        status=a.status,
        priority=a.priority.value,
        title=a.title,
        client_id=a.client_id,
        client_name=client_name or "",
        client_phone=client_phone or "",
        professional_id=a.professional_id,
        professional_name=professional_name or "",
        appointment_type_id=a.appointment_type_id,
        appointment_type_name=type_name or "",
        description=a.description,
        location=a.location,
        is_virtual=a.is_virtual,
        meeting_url=a.meeting_url,
        estimated_cost=a.estimated_cost,
        actual_cost=a.actual_cost,
        currency=a.currency,
        is_billable=a.is_billable,
        cancellation_reason=a.cancellation_reason,
        completion_notes=a.completion_notes,
        completion_rating=a.completion_rating,
        completion_feedback=a.completion_feedback,
        external_id=a.external_id,
        external_url=a.external_url,
    )


def appointment_view_with(
    appt: Any, client: Any | None, professional: Any | None, kind: Any | None
) -> AppointmentView:
    """``appt`` with its client, professional and service (each may be missing)."""
    return appointment_view(
        (
            appt,
            client.name if client else None,
            client.phone if client else None,
            professional.name if professional else None,
            kind.name if kind else None,
        )
    )


def appointment_view_from_plain(row: tuple[Any, ...]) -> AppointmentView:
    """From a row of `queries.view_rows_between` (plain driver values)."""
    (
        id_, version, start, end, status, priority, title, client_id, client_name, client_phone,
        professional_id, professional_name, type_id, type_name, description, location,
        is_virtual, meeting_url, estimated, actual, currency, is_billable, cancellation,
        notes, rating, feedback, external_id, external_url,
    ) = row  # fmt: skip
    return AppointmentView(
        id=id_,
        version=version,
        start=datetime.fromtimestamp(start, UTC),
        end=datetime.fromtimestamp(end, UTC),
        status=_STATUS[status],
        priority=priority,
        title=title,
        client_id=client_id,
        client_name=client_name or "",
        client_phone=client_phone or "",
        professional_id=professional_id,
        professional_name=professional_name or "",
        appointment_type_id=type_id,
        appointment_type_name=type_name or "",
        description=description,
        location=location,
        is_virtual=bool(is_virtual),
        meeting_url=meeting_url,
        estimated_cost=None if estimated is None else _money(estimated),
        actual_cost=None if actual is None else _money(actual),
        currency=currency,
        is_billable=bool(is_billable),
        cancellation_reason=cancellation,
        completion_notes=notes,
        completion_rating=rating,
        completion_feedback=feedback,
        external_id=external_id,
        external_url=external_url,
    )


_STATUS = {s.value: s for s in AppointmentStatus}


def _money(text: str) -> Decimal:
    return Decimal(text).quantize(Decimal("0.01"))


def organization_view(o: Organization) -> OrganizationView:
    return OrganizationView(
        id=o.id,
        name=o.name,
        timezone=o.timezone,
        slot_minutes=o.slot_minutes,
        default_duration_minutes=o.default_duration_minutes,
        opens_at=o.opens_at,
        closes_at=o.closes_at,
        currency=o.currency,
        reminder_minutes=o.reminder_minutes,
    )


def professional_view(p: Professional) -> ProfessionalView:
    return ProfessionalView(p.id, p.name, p.title, p.color, p.is_active, p.sort_order)


def client_view(c: Client) -> ClientView:
    return ClientView(c.id, c.name, c.phone, c.email, c.notes, c.is_active)


def appointment_type_view(t: AppointmentType) -> AppointmentTypeView:
    return AppointmentTypeView(
        t.id, t.name, t.duration_minutes, t.price, t.currency, t.color, t.is_active
    )


def staff_user_view(u: StaffUser) -> StaffUserView:
    return StaffUserView(u.id, u.username, u.display_name, u.role.value, u.is_active)
