"""ORM rows to frozen views."""

from __future__ import annotations

from scheduler_app.db.models import (
    Client,
    Organization,
    Professional,
    Service,
    StaffUser,
)
from scheduler_app.db.rows import AppointmentRow, ClientRow, Names, ProfessionalRow, ServiceRow
from scheduler_app.domain.durations import stored_lead_times
from scheduler_app.services.dto import (
    AppointmentView,
    ClientView,
    OrganizationView,
    ProfessionalView,
    ServiceView,
    StaffUserView,
)


def appointment_view(row: AppointmentRow, names: Names) -> AppointmentView:
    """The appointment as the desk sees it (the one builder of `AppointmentView`)."""
    return AppointmentView(
        id=row.id,
        version=row.version,
        start=row.start_at,
        end=row.end_at,
        status=row.status,
        priority=row.priority.value,
        title=row.title,
        client_id=row.client_id,
        client_name=names.client_name or "",
        client_phone=names.client_phone or "",
        professional_id=row.professional_id,
        professional_name=names.professional_name or "",
        service_id=row.service_id,
        service_name=names.service_name or "",
        description=row.description,
        location=row.location,
        is_virtual=row.is_virtual,
        meeting_url=row.meeting_url,
        estimated_cost=row.estimated_cost,
        actual_cost=row.actual_cost,
        currency=row.currency,
        is_billable=row.is_billable,
        cancellation_reason=row.cancellation_reason,
        completion_notes=row.completion_notes,
        completion_rating=row.completion_rating,
        completion_feedback=row.completion_feedback,
        external_id=row.external_id,
        external_url=row.external_url,
        conflict_id=row.conflict_id,
        buffer_before_minutes=row.buffer_before_minutes,
        buffer_after_minutes=row.buffer_after_minutes,
        late_cancellation=row.late_cancellation,
        outside_hours_reason=row.outside_hours_reason,
        series_id=row.series_id,
        joint_of=row.joint_of,
        resources=names.resources or "",
        resource_ids=names.resource_ids,
    )


def names_of(
    row: AppointmentRow,
    client: ClientRow | None,
    professional: ProfessionalRow | None,
    service: ServiceRow | None,
) -> Names:
    """The names of ``row``'s client, professional and service, from their rows."""
    return Names(
        client.name if client is not None and row.client_id is not None else None,
        client.phone if client is not None and row.client_id is not None else None,
        professional.name if professional is not None and row.professional_id is not None else None,
        service.name if service is not None and row.service_id is not None else None,
    )


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
    return ProfessionalView(
        p.id, p.name, p.title, p.color, p.is_active, p.sort_order, p.available_until
    )


def client_view(c: Client) -> ClientView:
    return ClientView(
        c.id,
        c.name,
        c.phone,
        c.email,
        c.notes,
        c.is_active,
        c.date_of_birth,
        c.preferred_channel.value,
        c.reminder_consent,
        c.erased_at is not None,
    )


def service_view(t: Service) -> ServiceView:
    return ServiceView(
        t.id,
        t.name,
        t.duration_minutes,
        t.price,
        t.currency,
        t.color,
        t.is_active,
        stored_lead_times(t.reminder_minutes),
        t.sort_order,
    )


def staff_user_view(u: StaffUser) -> StaffUserView:
    return StaffUserView(u.id, u.username, u.display_name, u.role.value, u.is_active)
