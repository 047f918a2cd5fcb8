"""A new booking, decided and written within a schedule change (the booking dialog's
Book, Find a time, and a booking from the waitlist all come here)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from scheduler_app.domain.limits import real_end
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import ValidationError
from scheduler_app.services import availability, outbox, placing, resource_holds, unit_of_work
from scheduler_app.services.audit import APPOINTMENT_FIELDS, record, snapshot
from scheduler_app.services.checks import (
    check_actor,
    check_client,
    check_not_past,
    check_professional,
    check_service,
    check_times,
)
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.details import check_virtual, clean_details
from scheduler_app.services.dto import AppointmentView, BookingRequest
from scheduler_app.services.views import appointment_view, names_of


def book_in(
    ctx: ServiceContext,
    tx: unit_of_work.ScheduleChange,
    actor_id: int,
    request: BookingRequest,
    *,
    held_until: datetime | None = None,
) -> AppointmentView:
    """Book ``request`` within the schedule change ``tx`` (the booking check included).

    ``held_until``: the time is held for the client until then (a freed time offered
    from the waitlist): they are told so, and asked to call back, instead of being sent
    the booking's confirmation."""
    facts = tx.facts(
        actor_id,
        client_id=request.client_id,
        professional_id=request.professional_id,
        service_id=request.service_id,
        new=True,
    )
    check_actor(facts.actor)
    if request.book_both:
        tx.book_both(actor_id)
    service = None
    if request.service_id is not None:
        service = check_service(facts.service)
    end = request.end
    if end is None:
        minutes = service.duration_minutes if service else facts.clinic.default_duration_minutes
        end = real_end(request.start, timedelta(minutes=minutes))
    check_times(request.start, end)
    check_not_past(ctx.now(), end)
    if request.client_id is not None:
        check_client(facts.client)
    if request.professional_id is not None:
        check_professional(facts.new_professional)
    elif request.confirmed:
        raise ValidationError("Assign a professional before confirming the appointment.")
    fields = clean_details(
        {
            "title": request.title,
            "description": request.description,
            "priority": request.priority,
            "location": request.location,
            "is_virtual": request.is_virtual,
            "meeting_url": request.meeting_url,
            "estimated_cost": request.estimated_cost
            if request.estimated_cost is not None or service is None
            else service.price,
            "is_billable": request.is_billable,
            "external_id": request.external_id,
            "external_url": request.external_url,
        }
    )
    check_virtual(fields["is_virtual"], fields["meeting_url"])
    key = availability.NEW_KEY
    placement = placing.place(
        tx,
        facts,
        key,
        request.start,
        end,
        request.professional_id,
        request.service_id,
        override_reason=request.override_reason,
    )
    service_name = service.name if service else None
    tx.require(placement.proposal, words=placing.buffer_words(placement, service_name))
    if request.resource_ids or facts.clinic.uses_resources:
        named = tuple(dict.fromkeys(request.resource_ids))
        tx.want_resources(key, resource_holds.Wish(named, request.service_id))
    now = ctx.now()
    appt = tx.add(
        {
            "organization_id": ctx.organization_id,
            "start_at": request.start,
            "end_at": end,
            "status": AppointmentStatus.CONFIRMED
            if request.confirmed
            else AppointmentStatus.PENDING,
            "client_id": request.client_id,
            "professional_id": request.professional_id,
            "service_id": request.service_id,
            "currency": service.currency if service else "EUR",
            "created_by_id": actor_id,
            "updated_by_id": actor_id,
            "created_at": now,
            "updated_at": now,
            **fields,
            **placement.stored(),
        },
        key,
    )
    record(
        tx.conn,
        ctx,
        actor_id,
        "book",
        "appointment",
        appt.id,
        after=snapshot(appt, APPOINTMENT_FIELDS),
    )
    placing.audit_override(tx.conn, ctx, actor_id, appt.id, placement, request.override_reason)
    prof = facts.new_professional
    about = outbox.about(appt, facts.client, prof, facts.service, facts.clinic)
    if held_until is None:
        outbox.plan(tx.conn, ctx, about, facts.templates, "created")
    else:
        offered = replace(about, held_until=held_until)
        outbox.plan(tx.conn, ctx, offered, facts.templates, "offered")
    return appointment_view(appt, names_of(appt, facts.client, prof, facts.service))
