"""The one way to take working time away: decided exactly, like a booking.

A professional leaving, a new weekly plan, a day off, an absence, a closure, a
holiday: each takes time away from some professionals. Their appointments in that
time (not those already under way) lose their professional, and every appointment
without one must still fit among those who work then. Otherwise the change is
refused with the appointments it would strand (`availability.StrandingError`), or,
by a manager's choice and with a reason, applied with those set aside as a conflict.
"""

from __future__ import annotations

import bisect
from datetime import datetime

from scheduler_app.db import appointments as appointment_rows
from scheduler_app.db import schedule
from scheduler_app.db.rows import AppointmentRow
from scheduler_app.domain.capacity import FOREVER, Proposal, Span
from scheduler_app.domain.rules import MAX_BUFFER_MINUTES
from scheduler_app.domain.spans import merged
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services import availability, outbox, unit_of_work
from scheduler_app.services.audit import APPOINTMENT_FIELDS, record, snapshot
from scheduler_app.services.context import ServiceContext


def capacity_lowered(
    tx: unit_of_work.ScheduleChange,
    ctx: ServiceContext,
    actor_id: int,
    taken: dict[int, list[Span]],
    cause: str,
    force: unit_of_work.Force | None,
) -> int:
    """Take ``taken`` (spans of epoch seconds) away from each professional: their
    appointments there lose them, and the change is required like a booking (refused
    with what it strands, unless forced). Returns how many appointments lost theirs."""
    now = ctx.now()
    instant = int(now.timestamp())
    away = {p: merged(spans) for p, spans in taken.items() if spans}
    moving: list[AppointmentRow] = []
    if away:
        # An appointment's buffer after it may reach into the time taken.
        first = min(spans[0][0] for spans in away.values()) - MAX_BUFFER_MINUTES * 60
        after = datetime.fromtimestamp(first, tz=ctx.timezone)
        org = ctx.organization_id
        losing = [
            key
            for key, professional, start, a, b in schedule.occupied_of_professionals(
                tx.conn, org, sorted(away), after
            )
            # One under way stays with its professional.
            if start > instant and _meets(away[professional], a, b)
        ]
        moving = [row for row, _names in appointment_rows.listed_by_id(tx.conn, org, losing)]
    withdrawn = tuple((p, s, e) for p, spans in away.items() for s, e in spans)
    proposal = Proposal(tuple(availability.placed(a, None) for a in moving), withdrawn)
    tx.require(proposal, cause=cause, force=force)
    for appt in moving:
        facts = tx.facts(actor_id, appointment_id=appt.id)
        status = appt.status
        if status == AppointmentStatus.CONFIRMED:
            status = AppointmentStatus.PENDING  # confirmed means "with a professional"
        changed = tx.write(
            appt,
            {
                "professional_id": None,
                "status": status,
                "updated_by_id": actor_id,
                "updated_at": now,
            },
        )
        record(
            tx.conn,
            ctx,
            actor_id,
            "unassign",
            "appointment",
            appt.id,
            before=snapshot(appt, APPOINTMENT_FIELDS),
            after=snapshot(changed, APPOINTMENT_FIELDS),
        )
        message = outbox.about(changed, facts.client, None, facts.service, facts.clinic)
        outbox.plan(tx.conn, ctx, message, facts.templates, "replanned")
    return len(moving)


def _meets(spans: list[Span], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of ``spans`` (sorted, merged)."""
    at = bisect.bisect_right(spans, (start, FOREVER))
    return (at > 0 and spans[at - 1][1] > start) or (at < len(spans) and spans[at][0] < end)
