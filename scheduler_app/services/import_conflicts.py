"""Imported appointments the schedule refuses, recorded as conflicts (the manager's
choice "record them as conflicts" in an import, `imports.OnRefusal.RECORD`).

A row refused by the exact decision is booked without a professional and set
aside by a conflict of its own kind, with the refusal as its cause: the
professional it names was busy (double booking), not working then (team
conflict), or nobody could take it (capacity exceeded). Like a forced change's
appointments it waits in the Conflicts window, out of the count, until someone
gives it a place. A client in two places at once is booked as the file says and
recorded as a time conflict (`client_clash`). Everything goes through the one path
(`unit_of_work.change`), in the import's transaction.
"""

from __future__ import annotations

from scheduler_app.db import conflicts
from scheduler_app.db.models import ConflictKind
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import ConflictError
from scheduler_app.services import outbox, unit_of_work
from scheduler_app.services.audit import APPOINTMENT_FIELDS, record, snapshot
from scheduler_app.services.checks import (
    MANAGERS,
    check_actor,
    check_client,
    check_service,
    check_times,
)
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.details import clean_details
from scheduler_app.services.dto import BookingRequest

#: The kind of conflict each refusal of the schedule is recorded as.
KINDS = {
    "professional_busy": ConflictKind.DOUBLE_BOOKING,
    "off_duty": ConflictKind.TEAM_CONFLICT,
    "capacity": ConflictKind.CAPACITY_EXCEEDED,
    "unassignable": ConflictKind.CAPACITY_EXCEEDED,
    "too_complex": ConflictKind.CAPACITY_EXCEEDED,
    "limit": ConflictKind.CAPACITY_EXCEEDED,
}


def recordable(error: Exception) -> bool:
    """Whether an import may record ``error`` as a conflict (a refusal by the
    schedule itself, not by the input or a booking rule's notice or horizon)."""
    return isinstance(error, ConflictError) and error.refused_by in KINDS


def set_aside(
    ctx: ServiceContext,
    actor_id: int,
    request: BookingRequest,
    error: ConflictError,
    cause: str,
    reason: str,
) -> int:
    """Book ``request`` without a professional, set aside by a new conflict of the
    kind of ``error`` with ``cause``; the appointment's id."""
    kind = KINDS[error.refused_by]
    end = request.end
    assert end is not None  # an imported row has its end

    def work(tx: unit_of_work.ScheduleChange) -> int:
        facts = tx.facts(actor_id, client_id=request.client_id, service_id=request.service_id)
        check_actor(facts.actor, *MANAGERS)
        tx.book_both(actor_id)  # the manager chose to record, not refuse
        check_times(request.start, end)
        if request.client_id is not None:
            check_client(facts.client)
        service = check_service(facts.service) if request.service_id is not None else None
        fields = clean_details(
            {
                "title": request.title,
                "description": request.description,
                "location": request.location,
                "estimated_cost": request.estimated_cost,
                "external_id": request.external_id,
            }
        )
        now = ctx.now()
        appt = tx.add(
            {
                "organization_id": ctx.organization_id,
                "start_at": request.start,
                "end_at": end,
                "status": AppointmentStatus.PENDING,
                "client_id": request.client_id,
                "professional_id": None,
                "service_id": request.service_id,
                "currency": service.currency if service else "EUR",
                "created_by_id": actor_id,
                "updated_by_id": actor_id,
                "created_at": now,
                "updated_at": now,
                **fields,
            }
        )
        conflict_id = conflicts.open_conflict(
            tx.conn,
            ctx.organization_id,
            kind=kind,
            cause=cause,
            reason=reason,
            forced_by=actor_id,
            at=now,
            appointment_ids=[appt.id],
            tell_desks=False,  # the import says how many it recorded
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
        record(
            tx.conn,
            ctx,
            actor_id,
            "import",
            "conflict",
            conflict_id,
            after={"kind": kind.value, "cause": cause, "appointments": [appt.id]},
        )
        about = outbox.about(appt, facts.client, None, facts.service, facts.clinic)
        outbox.plan(tx.conn, ctx, about, facts.templates, "replanned")  # reminders only
        return appt.id

    return unit_of_work.change(ctx, work)
