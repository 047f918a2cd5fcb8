"""Status changes: confirm, check in, complete, no-show, cancel, restore."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from scheduler_app.db import appointments as appointment_rows
from scheduler_app.db import audit_log
from scheduler_app.db import outbox as outbox_rows
from scheduler_app.db.rows import AppointmentRow, Facts
from scheduler_app.domain.capacity import Proposal
from scheduler_app.domain.rules import (
    Cancellation,
    RuleKind,
    cancellation,
    cancellation_words,
    in_force,
)
from scheduler_app.domain.status import (
    BOOKING_UNDONE,
    AppointmentStatus,
    can_transition,
    transition_refusal,
)
from scheduler_app.errors import (
    ConflictError,
    PermissionDeniedError,
    TransitionError,
    ValidationError,
)
from scheduler_app.services import availability, joint, outbox, reading, unit_of_work
from scheduler_app.services.audit import APPOINTMENT_FIELDS, record, snapshot
from scheduler_app.services.checks import MANAGERS, check_actor, check_appointment
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.details import clean_details
from scheduler_app.services.dto import AppointmentView
from scheduler_app.services.guard import guarded
from scheduler_app.services.permissions import readers, writers, writes
from scheduler_app.services.views import appointment_view, names_of

S = AppointmentStatus


@guarded
class LifecycleService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @writes(setting="confirm_role")
    def confirm(self, actor_id: int, appointment_id: int, version: int) -> AppointmentView:
        return self.set_status(actor_id, appointment_id, version, S.CONFIRMED)

    @writers
    def check_in(self, actor_id: int, appointment_id: int, version: int) -> AppointmentView:
        return self.set_status(actor_id, appointment_id, version, S.CHECKED_IN)

    @writers
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
        details: dict[str, Any] = {"completion_notes": notes, "completion_feedback": feedback}
        if rating is not None:
            details["completion_rating"] = rating
        if actual_cost is not None:
            details["actual_cost"] = actual_cost
        return self.set_status(actor_id, appointment_id, version, S.COMPLETED, details=details)

    @writers
    def mark_no_show(self, actor_id: int, appointment_id: int, version: int) -> AppointmentView:
        return self.set_status(actor_id, appointment_id, version, S.NO_SHOW)

    @writers
    def cancel(
        self,
        actor_id: int,
        appointment_id: int,
        version: int,
        reason: str = "",
        *,
        override_reason: str = "",
    ) -> AppointmentView:
        """Cancel, under the cancellation deadline in force: after it, the cancellation
        is marked late, or refused (a manager may still cancel, with ``override_reason``;
        it is marked late and audited)."""

        def work(tx: unit_of_work.ScheduleChange) -> AppointmentView:
            facts, appt = self._read(tx, actor_id, appointment_id, version)
            details: dict[str, object] = {"cancellation_reason": reason}
            if appt.status.is_active and can_transition(appt.status, S.CANCELLED):
                late = self._deadline(tx, facts, appt, override_reason)
                details["late_cancellation"] = late
            return self._apply(tx, actor_id, facts, appt, S.CANCELLED, details)

        return unit_of_work.change(self.ctx, work)

    def _deadline(
        self,
        tx: unit_of_work.ScheduleChange,
        facts: Facts,
        appt: AppointmentRow,
        override_reason: str,
    ) -> bool:
        """Whether cancelling ``appt`` now is late (raises when the rule refuses it)."""
        rules = availability.rules_at(tx.conn, self.ctx, facts.clinic.roster_version)
        day = appt.start_at.astimezone(self.ctx.timezone).date()
        rule = in_force(rules, RuleKind.CANCELLATION, day, appt.professional_id, appt.service_id)
        outcome = cancellation(rule, self.ctx.now(), appt.start_at)
        if outcome is Cancellation.ON_TIME or rule is None:
            return False
        reason = override_reason.strip()
        if outcome is Cancellation.REFUSED:
            actor = check_actor(facts.actor)
            if not reason:
                raise ConflictError(
                    f"{cancellation_words(rule)} Only a manager can cancel it now, with a reason."
                )
            if actor.role not in MANAGERS:
                raise PermissionDeniedError(
                    f"{cancellation_words(rule)} Only a manager can cancel it now."
                )
            record(
                tx.conn,
                self.ctx,
                actor.id,
                "override",
                "appointment",
                appt.id,
                after={"rules": [cancellation_words(rule)], "reason": reason},
            )
        return True

    @writers
    def undo_booking(self, actor_id: int, appointment_id: int, version: int) -> AppointmentView:
        """Take back a booking made by mistake: cancelled, and its messages withdrawn
        unless one already went out (then the client is told it is cancelled)."""

        return unit_of_work.change(
            self.ctx, lambda tx: self._undo_booking(tx, actor_id, appointment_id, version)
        )

    def _undo_booking(
        self, tx: unit_of_work.ScheduleChange, actor_id: int, appointment_id: int, version: int
    ) -> AppointmentView:
        """`undo_booking` within the schedule change ``tx``."""
        facts, appt = self._read(tx, actor_id, appointment_id, version)
        lead = joint.lead_of(appt)  # the messages of several professionals' are the lead's
        told = outbox_rows.anything_sent(tx.conn, lead)
        if not told:
            outbox_rows.withdraw_unsent(tx.conn, lead)
        reason = {"cancellation_reason": BOOKING_UNDONE}
        return self._apply(tx, actor_id, facts, appt, S.CANCELLED, reason, silent=not told)

    @readers
    def booking_notice_sent(self, appointment_id: int) -> bool:
        """Whether a message about the appointment went out (undoing its booking then
        tells the client it is cancelled)."""

        def work(conn: Connection) -> bool:
            lead = appointment_rows.lead_id(conn, self.ctx.organization_id, appointment_id)
            return outbox_rows.anything_sent(conn, lead)

        return reading.read_connection(self.ctx, work)

    @writers
    def restore(
        self, actor_id: int, appointment_id: int, version: int, *, book_both: bool = False
    ) -> AppointmentView:
        """Bring back a cancelled or no-show appointment in the status it had before,
        if its time is still free (``book_both``: the desk confirmed its client may
        hold two appointments at once, see `BookingService.reschedule`)."""

        def work(tx: unit_of_work.ScheduleChange) -> AppointmentView:
            if book_both:
                tx.book_both(actor_id)
            return self._restore(tx, actor_id, appointment_id, version)

        return unit_of_work.change(self.ctx, work)

    def _restore(
        self, tx: unit_of_work.ScheduleChange, actor_id: int, appointment_id: int, version: int
    ) -> AppointmentView:
        """`restore` within the schedule change ``tx``."""
        facts, appt = self._read(tx, actor_id, appointment_id, version)
        before = audit_log.status_before(tx.conn, appt.id, appt.status.value)
        target = S.CONFIRMED if before == S.CONFIRMED.value else S.PENDING
        if appt.professional_id is None:
            target = S.PENDING  # confirmed means "with a professional"
        return self._apply(tx, actor_id, facts, appt, target, None)

    @writers
    def set_status(
        self,
        actor_id: int,
        appointment_id: int,
        version: int,
        target: AppointmentStatus,
        *,
        details: Mapping[str, object] | None = None,
        book_both: bool = False,
    ) -> AppointmentView:
        """Any allowed transition, with the checks it needs (also used by undo);
        ``book_both`` as in `restore`."""

        def work(tx: unit_of_work.ScheduleChange) -> AppointmentView:
            if book_both:
                tx.book_both(actor_id)
            facts, appt = self._read(tx, actor_id, appointment_id, version)
            return self._apply(tx, actor_id, facts, appt, target, details)

        return unit_of_work.change(self.ctx, work)

    def _read(
        self, tx: unit_of_work.ScheduleChange, actor_id: int, appointment_id: int, version: int
    ) -> tuple[Facts, AppointmentRow]:
        facts = tx.facts(actor_id, appointment_id=appointment_id)
        check_actor(facts.actor)
        return facts, check_appointment(facts.appointment, version)

    def _apply(
        self,
        tx: unit_of_work.ScheduleChange,
        actor_id: int,
        facts: Facts,
        appt: AppointmentRow,
        target: AppointmentStatus,
        details: Mapping[str, object] | None,
        *,
        silent: bool = False,
    ) -> AppointmentView:
        """Change ``appt``'s status, and that of the other pieces of its appointment
        when it has several professionals (decided together)."""
        group = [(appt, facts), *joint.others(tx, actor_id, appt, facts)]
        for row, _facts in group:
            if not can_transition(row.status, target):
                raise TransitionError(transition_refusal(row.status, target))
            self._check_preconditions(row.start_at, row.professional_id, target)
        if target.is_active and not appt.status.is_active:
            # Placed outside working time by a manager: it comes back where it was.
            rows = [row for row, _facts in group]
            anywhere = frozenset(row.id for row in rows if row.outside_hours_reason)
            services = tuple((row.id, row.service_id) for row in rows)
            demands = tuple(availability.placed(row) for row in rows)
            tx.require(Proposal(demands, anywhere=anywhere, services=services))
        piece_details = {k: v for k, v in (details or {}).items() if k != "actual_cost"}
        views = [
            self._apply_one(
                tx,
                actor_id,
                theirs,
                row,
                target,
                details if row.joint_of is None else piece_details,
                silent=silent,
            )
            for row, theirs in group
        ]
        return views[0]

    def _apply_one(
        self,
        tx: unit_of_work.ScheduleChange,
        actor_id: int,
        facts: Facts,
        appt: AppointmentRow,
        target: AppointmentStatus,
        details: Mapping[str, object] | None,
        *,
        silent: bool = False,
    ) -> AppointmentView:
        current = appt.status
        fields = (*APPOINTMENT_FIELDS, *sorted(details or {}))
        values = clean_details(dict(details or {}))
        if current == S.CANCELLED and target.is_active:
            values["cancellation_reason"] = ""
            values["late_cancellation"] = False
        change: outbox.Change | None = None
        if target == S.CANCELLED:
            change = "silenced" if silent else "cancelled"
        elif target in (S.NO_SHOW, S.COMPLETED):
            change = "silenced"
        elif current in (S.CANCELLED, S.NO_SHOW) and target.is_active:
            change = "updated"
            values |= {"reminder_sent": False, "reminder_sent_at": None}  # reminded again
        values |= {"status": target, "updated_by_id": actor_id, "updated_at": self.ctx.now()}
        changed = tx.write(appt, values)
        if change is not None and appt.joint_of is None:  # a piece's client hears from its lead
            about = outbox.about(
                changed, facts.client, facts.professional, facts.service, facts.clinic
            )
            outbox.plan(tx.conn, self.ctx, about, facts.templates, change)
        record(
            tx.conn,
            self.ctx,
            actor_id,
            f"status:{target.value}",
            "appointment",
            appt.id,
            before=snapshot(appt, fields),
            after=snapshot(changed, fields),
        )
        names = names_of(changed, facts.client, facts.professional, facts.service)
        return appointment_view(changed, names)

    def _is_today(self, start: datetime) -> bool:
        tz = self.ctx.timezone
        return start.astimezone(tz).date() == self.ctx.now().astimezone(tz).date()

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
        if target == S.CHECKED_IN and not self._is_today(start):
            raise ValidationError("Only today's appointments can be checked in.")
