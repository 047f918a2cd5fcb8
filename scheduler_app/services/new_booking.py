"""A new booking, decided and written within a schedule change (the booking dialog's
Book, Find a time, and a booking from the waitlist all come here)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from scheduler_app.db.rows import AppointmentRow, Facts
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
    extra = _extra_professionals(request)
    # Read before the lead's facts, which carry the new appointment's id.
    extra_facts = [tx.facts(actor_id, professional_id=p) for p in extra]
    facts = tx.facts(
        actor_id,
        client_id=request.client_id,
        professional_id=request.professional_id,
        service_id=request.service_id,
        new=True,
    )
    check_actor(facts.actor)
    for found in extra_facts:
        check_professional(found.new_professional)
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
    pieces = [
        placing.place(
            tx,
            found,
            _piece_key(index),
            request.start,
            end,
            professional,
            None,
            override_reason=request.override_reason,
        )
        for index, (professional, found) in enumerate(zip(extra, extra_facts, strict=True))
    ]
    service_name = service.name if service else None
    # With pieces, decided together: R1 and R2 for all of them at once.
    proposal = placing.together([placement, *pieces]) if pieces else placement.proposal
    tx.require(proposal, words=placing.buffer_words(placement, service_name))
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
    for index, (piece, found) in enumerate(zip(pieces, extra_facts, strict=True)):
        _add_piece(ctx, tx, actor_id, appt, found, piece, _piece_key(index), request)
    prof = facts.new_professional
    about = outbox.about(appt, facts.client, prof, facts.service, facts.clinic)
    if held_until is None:
        outbox.plan(tx.conn, ctx, about, facts.templates, "created")
    else:
        offered = replace(about, held_until=held_until)
        outbox.plan(tx.conn, ctx, offered, facts.templates, "offered")
    return appointment_view(appt, names_of(appt, facts.client, prof, facts.service))


def _piece_key(index: int) -> int:
    """The key of a new appointment's ``index``-th piece in its proposal."""
    return availability.NEW_KEY - 1 - index


def _extra_professionals(request: BookingRequest) -> tuple[int, ...]:
    """The further professionals of ``request``, checked: each named once, none the
    lead's own, and only with a lead professional."""
    extra = request.with_professionals
    if not extra:
        return ()
    if request.professional_id is None:
        raise ValidationError("Choose the professional first, then who else takes part.")
    if request.professional_id in extra:
        raise ValidationError("The appointment's own professional cannot also be one it is with.")
    if len(set(extra)) != len(extra):
        raise ValidationError("Each professional can be named only once.")
    return extra


def _add_piece(
    ctx: ServiceContext,
    tx: unit_of_work.ScheduleChange,
    actor_id: int,
    lead: AppointmentRow,
    facts: Facts,
    placement: placing.Placement,
    key: int,
    request: BookingRequest,
) -> AppointmentRow:
    """Store one more professional's piece of the appointment ``lead``: its own row at
    the same time, with the client, title and status, without service, price or
    messages (the client hears once, from the lead)."""
    now = ctx.now()
    piece = tx.add(
        {
            "organization_id": ctx.organization_id,
            "start_at": lead.start_at,
            "end_at": lead.end_at,
            "status": lead.status,
            "client_id": lead.client_id,
            "professional_id": facts.new_professional.id if facts.new_professional else None,
            "service_id": None,
            "title": lead.title,
            "priority": lead.priority,
            "location": lead.location,
            "is_virtual": lead.is_virtual,
            "meeting_url": lead.meeting_url,
            "estimated_cost": None,
            "is_billable": False,
            "currency": lead.currency,
            "joint_of": lead.id,
            "created_by_id": actor_id,
            "updated_by_id": actor_id,
            "created_at": now,
            "updated_at": now,
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
        piece.id,
        after={**snapshot(piece, APPOINTMENT_FIELDS), "joint_of": lead.id},
    )
    placing.audit_override(tx.conn, ctx, actor_id, piece.id, placement, request.override_reason)
    return piece
