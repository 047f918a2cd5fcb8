"""Status changes: confirm, check in, complete, no-show, cancel, restore."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal

from scheduler_app.domain.capacity import Slot
from scheduler_app.domain.status import AppointmentStatus, can_transition, transition_refusal
from scheduler_app.errors import TransitionError, ValidationError
from scheduler_app.services import outbox, unit_of_work
from scheduler_app.services.audit import record, snapshot
from scheduler_app.services.common import (
    AUDIT_FIELDS,
    check_actor,
    check_appointment,
    load_appointment,
)
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.details import clean_details
from scheduler_app.services.dto import AppointmentView
from scheduler_app.services.facts import as_confirmed, read_facts, write_unless_changed

S = AppointmentStatus


class LifecycleService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def confirm(self, actor_id: int, appointment_id: int, version: int) -> AppointmentView:
        return self.set_status(actor_id, appointment_id, version, S.CONFIRMED)

    def check_in(self, actor_id: int, appointment_id: int, version: int) -> AppointmentView:
        return self.set_status(actor_id, appointment_id, version, S.CHECKED_IN)

    def complete(
        self,
        actor_id: int,
        appointment_id: int,
        version: int,
        *,
        notes: str = "",
        rating: int | None = None,
        feedback: str = "",
        actual_cost: Decimal | None = None,
    ) -> AppointmentView:
        details = {"completion_notes": notes, "completion_feedback": feedback}
        if rating is not None:
            details["completion_rating"] = rating  # type: ignore[assignment]
        if actual_cost is not None:
            details["actual_cost"] = actual_cost  # type: ignore[assignment]
        return self.set_status(actor_id, appointment_id, version, S.COMPLETED, details=details)

    def mark_no_show(self, actor_id: int, appointment_id: int, version: int) -> AppointmentView:
        return self.set_status(actor_id, appointment_id, version, S.NO_SHOW)

    def cancel(
        self, actor_id: int, appointment_id: int, version: int, reason: str = ""
    ) -> AppointmentView:
        return self.set_status(
            actor_id, appointment_id, version, S.CANCELLED, details={"cancellation_reason": reason}
        )

    def restore(self, actor_id: int, appointment_id: int, version: int) -> AppointmentView:
        """Bring back a cancelled or no-show appointment, if its time is still free."""
        current = unit_of_work.read(
            self.ctx, lambda s: load_appointment(s, self.ctx, appointment_id, None).professional_id
        )
        target = S.CONFIRMED if current is not None else S.PENDING
        return self.set_status(actor_id, appointment_id, version, target)

    def set_status(
        self,
        actor_id: int,
        appointment_id: int,
        version: int,
        target: AppointmentStatus,
        *,
        details: Mapping[str, object] | None = None,
    ) -> AppointmentView:
        """Any allowed transition, with the checks it needs (also used by undo)."""

        def work(tx: unit_of_work.PlainWrite) -> AppointmentView:
            facts = read_facts(tx.conn, self.ctx, actor_id, appointment_id=appointment_id)
            check_actor(facts.actor)
            appt = check_appointment(facts.appointment, version)
            current = appt.status
            if not can_transition(current, target):
                raise TransitionError(transition_refusal(current, target))
            self._check_preconditions(appt.start_at, appt.professional_id, target)
            fields = (*AUDIT_FIELDS, *sorted(details or {}))
            values = clean_details(dict(details or {}))
            if target.is_active and not current.is_active:
                tx.check_fits(Slot(appt.id, appt.start_at, appt.end_at, appt.professional_id))
                values["professional_id"] = tx.unassigned_until_confirmed(appt.professional_id)
            if current == S.CANCELLED and target.is_active:
                values["cancellation_reason"] = ""
            change: outbox.Change | None = None
            if target == S.CANCELLED:
                change = "cancelled"
            elif target in (S.NO_SHOW, S.COMPLETED):
                change = "silenced"
            elif current in (S.CANCELLED, S.NO_SHOW) and target.is_active:
                change = "updated"
                values.update(reminder_sent=False, reminder_sent_at=None)  # to be reminded again
            now = self.ctx.now()
            values.update(status=target, updated_by_id=actor_id, updated_at=now)
            row = write_unless_changed(tx.conn, appt, values)
            changed = as_confirmed(row, appt.professional_id)
            tx.changed(changed.start_at, changed.end_at)
            if change is not None:
                about = facts.about(changed, facts.professional)
                outbox.plan(tx.conn, self.ctx, about, facts.templates, change)
            record(
                tx.conn,
                organization_id=self.ctx.organization_id,
                actor_id=actor_id,
                action=f"status:{target.value}",
                entity="appointment",
                entity_id=appt.id,
                at=now,
                before=snapshot(appt, fields),
                after=snapshot(changed, fields),
            )
            return facts.view(changed, facts.professional)

        return unit_of_work.write_plain(self.ctx, work)

    def _check_preconditions(
        self, start: datetime, professional_id: int | None, target: AppointmentStatus
    ) -> None:
        now = self.ctx.now()
        if target == S.CONFIRMED and professional_id is None:
            raise ValidationError("Assign a professional before confirming the appointment.")
        if target == S.NO_SHOW and now < start:
            local = start.astimezone(self.ctx.timezone)
            raise ValidationError(
                f"The appointment has not started yet (it starts at {local:%H:%M} on "
                f"{local:%a %d %b}); it cannot be a no-show before then."
            )
        if target == S.CHECKED_IN:
            today = now.astimezone(self.ctx.timezone).date()
            if start.astimezone(self.ctx.timezone).date() != today:
                raise ValidationError("Only today's appointments can be checked in.")
