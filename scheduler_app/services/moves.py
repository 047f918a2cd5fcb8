"""Moving appointments within a schedule change: one at a time, or several decided
together (one proposal: all of them, or none) — a drag, a resize, a reassignment, the
pieces of an appointment with several professionals (`BookingService`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

from scheduler_app.domain.limits import real_end
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services import outbox, placing, unit_of_work
from scheduler_app.services.audit import APPOINTMENT_FIELDS, record, snapshot
from scheduler_app.services.checks import (
    check_movable,
    check_not_past,
    check_professional,
    check_times,
)
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import AppointmentView
from scheduler_app.services.views import appointment_view, names_of


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


#: The type of `KEEP` (in the services' signatures).
Keep = _Keep
#: "Leave the professional as it is" in `BookingService.reschedule`.
KEEP: Final = _Keep()


def move_group(
    ctx: ServiceContext,
    tx: unit_of_work.ScheduleChange,
    actor_id: int,
    group: list[tuple[Any, Any, datetime, datetime, int | Keep | None]],
    *,
    override_reason: str = "",
    words: Any = None,
) -> list[AppointmentView]:
    """Move the appointments of ``group`` (row, facts, start, end, professional)
    within ``tx``, decided together (one proposal): all of them, or none."""
    found = []
    for appt, facts, start, end, professional_id in group:
        check_movable(appt)
        check_times(start, end)
        new_prof = appt.professional_id if isinstance(professional_id, Keep) else professional_id
        placement = placing.place(
            tx,
            facts,
            appt.id,
            start,
            end,
            new_prof,
            appt.service_id,
            override_reason=override_reason,
            new_time=start != appt.start_at,
        )
        found.append((appt, facts, start, end, professional_id, placement))
    tx.require(placing.together([p for *_rest, p in found]), words=words)
    return [
        move_one(
            ctx,
            tx,
            actor_id,
            appt,
            facts,
            start,
            end,
            professional_id,
            placement=placement,
            override_reason=override_reason,
        )
        for appt, facts, start, end, professional_id, placement in found
    ]


def move_one(
    ctx: ServiceContext,
    tx: unit_of_work.ScheduleChange,
    actor_id: int,
    appt: Any,
    facts: Any,
    start: datetime,
    end: datetime | None,
    professional_id: int | Keep | None,
    *,
    placement: placing.Placement | None = None,
    override_reason: str = "",
) -> AppointmentView:
    """Move one appointment within ``tx`` (checked alone unless its ``placement``
    was required among others moved together)."""
    keep = isinstance(professional_id, Keep)
    check_movable(appt)
    new_end = end if end is not None else real_end(start, appt.end_at - appt.start_at)
    new_prof = appt.professional_id if isinstance(professional_id, Keep) else professional_id
    check_times(start, new_end)
    check_not_past(ctx.now(), new_end)
    if new_prof is not None and new_prof != appt.professional_id:
        check_professional(facts.new_professional)
    if placement is None:
        placement = placing.place(
            tx,
            facts,
            appt.id,
            start,
            new_end,
            new_prof,
            appt.service_id,
            override_reason=override_reason,
            new_time=start != appt.start_at,
        )
        service_name = facts.service.name if facts.service else None
        tx.require(placement.proposal, words=placing.buffer_words(placement, service_name))
    status = appt.status
    if new_prof is None and status == AppointmentStatus.CONFIRMED:
        status = AppointmentStatus.PENDING  # confirmed means "with a professional"
    moved = tx.write(
        appt,
        {
            "start_at": start,
            "end_at": new_end,
            "professional_id": new_prof,
            "status": status,
            "updated_by_id": actor_id,
            "updated_at": ctx.now(),
            "reminder_sent": False,  # the new time needs its own reminder
            "reminder_sent_at": None,
            **placement.stored(),
        },
    )
    prof = facts.professional if new_prof == appt.professional_id else facts.new_professional
    record(
        tx.conn,
        ctx,
        actor_id,
        "move" if keep else "reschedule",
        "appointment",
        appt.id,
        before=snapshot(appt, APPOINTMENT_FIELDS),
        after=snapshot(moved, APPOINTMENT_FIELDS),
    )
    placing.audit_override(tx.conn, ctx, actor_id, appt.id, placement, override_reason)
    if appt.joint_of is None:  # a piece's client hears from its lead
        about = outbox.about(moved, facts.client, prof, facts.service, facts.clinic)
        changed = (moved.start_at, moved.professional_id) != (
            appt.start_at,
            appt.professional_id,
        )
        outbox.plan(tx.conn, ctx, about, facts.templates, "rescheduled" if changed else "updated")
    return appointment_view(moved, names_of(moved, facts.client, prof, facts.service))
