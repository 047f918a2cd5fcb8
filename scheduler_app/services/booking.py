"""Booking, moving, resizing, (re)assigning and editing appointments."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any, Final

from sqlalchemy import Connection, insert
from sqlalchemy.orm import Session

from scheduler_app.db import queries
from scheduler_app.domain.capacity import Slot
from scheduler_app.domain.localtime import day_bounds
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import ConflictError, ValidationError
from scheduler_app.services import availability, outbox, unit_of_work
from scheduler_app.services.audit import record, snapshot
from scheduler_app.services.common import (
    AUDIT_FIELDS,
    check_actor,
    check_appointment,
    check_client,
    check_not_past,
    check_professional,
    check_times,
    check_type,
    load_appointment,
    require_actor,
    require_client,
    require_professional,
    require_type,
    touch,
    view,
)
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.details import EDITABLE, check_virtual, clean_details
from scheduler_app.services.dto import (
    AppointmentView,
    Availability,
    BookingRequest,
    MoveRequest,
)
from scheduler_app.services.facts import (
    APPOINTMENTS,
    as_confirmed,
    read_facts,
    write_unless_changed,
)
from scheduler_app.services.views import appointment_view, appointment_view_from_plain


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


#: "Leave the professional as it is" in `BookingService.reschedule`.
KEEP: Final = _Keep()


class BookingService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- reads ---------------------------------------------------------------

    def check_availability(
        self,
        start: datetime,
        end: datetime,
        professional_id: int | None = None,
        appointment_id: int | None = None,
    ) -> Availability:
        """Would an appointment at ``[start, end)`` fit? (Read-only; for hovering and dialogs.)

        ``appointment_id`` names an existing appointment being moved, so that it
        does not conflict with itself.
        """
        try:
            check_times(start, end)
        except ValidationError as exc:
            return Availability(False, exc.message)
        key = appointment_id if appointment_id is not None else availability.NEW_KEY
        candidate = Slot(key, start, end, professional_id)

        def work(conn: Connection) -> Availability:
            refusal = availability.decide(conn, self.ctx.organization_id, candidate)
            if refusal is None:
                return Availability(True)
            message = availability.refusal_message(conn, refusal, self.ctx.timezone)
            return Availability(False, message)

        return unit_of_work.read_connection(self.ctx, work)

    def check_moves(self, moves: list[MoveRequest]) -> Availability:
        """Would all of ``moves`` fit if made together? (Read-only, for hovering.)"""
        try:
            for move in moves:
                check_times(move.start, move.end)
        except ValidationError as exc:
            return Availability(False, exc.message)

        def work(conn: Connection) -> Availability:
            message = self._refuse_moves(conn, moves)
            return Availability(True) if message is None else Availability(False, message)

        return unit_of_work.read_connection(self.ctx, work)

    def _refuse_moves(self, conn: Connection, moves: list[MoveRequest]) -> str | None:
        slots = [Slot(m.appointment_id, m.start, m.end, m.professional_id) for m in moves]
        found = availability.decide_many(conn, self.ctx.organization_id, slots)
        if found is None:
            return None
        candidate, refusal = found
        moving = {m.appointment_id for m in moves}
        if refusal.kind == "professional_busy" and refusal.blocking[0].key in moving:
            return (
                "Two of the appointments being moved would overlap for the same "
                "professional. Move them another way."
            )
        message = availability.refusal_message(conn, refusal, self.ctx.timezone)
        if len(moves) == 1:
            return message
        summary = queries.appointment_summary(conn, candidate.key)
        who = f"{summary[2]}'s appointment" if summary and summary[2] else "One appointment"
        return f"{who} cannot go there: {message} None of them was moved."

    def get(self, appointment_id: int) -> AppointmentView:
        def work(session: Session) -> AppointmentView:
            load_appointment(session, self.ctx, appointment_id, None)
            return view(session, appointment_id)

        return unit_of_work.read(self.ctx, work)

    def appointments_between(self, start: datetime, end: datetime) -> list[AppointmentView]:
        """Appointments overlapping ``[start, end)``, by start (what a calendar shows)."""

        def work(conn: Connection) -> list[AppointmentView]:
            rows = queries.view_rows_between(conn, self.ctx.organization_id, start, end)
            return [appointment_view_from_plain(r) for r in rows]

        return unit_of_work.read_connection(self.ctx, work)

    def appointments_on(self, day: date) -> list[AppointmentView]:
        """Appointments overlapping the local calendar ``day``."""
        start, end = day_bounds(day, self.ctx.timezone)
        return self.appointments_between(start, end)

    def client_appointments(self, client_id: int, limit: int = 200) -> list[AppointmentView]:
        """A client's appointments, the latest first (for finding a client)."""

        def work(session: Session) -> list[AppointmentView]:
            rows = queries.client_appointments(session, self.ctx.organization_id, client_id, limit)
            return [appointment_view(r) for r in rows]

        return unit_of_work.read(self.ctx, work)

    # -- writes --------------------------------------------------------------

    def book(self, actor_id: int, request: BookingRequest) -> AppointmentView:
        def work(tx: unit_of_work.PlainWrite) -> AppointmentView:
            facts = read_facts(
                tx.conn,
                self.ctx,
                actor_id,
                client_id=request.client_id,
                professional_id=request.professional_id,
                type_id=request.appointment_type_id,
            )
            check_actor(facts.actor)
            end = request.end
            kind = None
            if request.appointment_type_id is not None:
                kind = check_type(facts.kind)
            if end is None:
                minutes = kind.duration_minutes if kind else facts.clinic.default_duration_minutes
                end = request.start + timedelta(minutes=minutes)
            check_times(request.start, end)
            check_not_past(self.ctx, end)
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
                    if request.estimated_cost is not None or kind is None
                    else kind.price,
                    "is_billable": request.is_billable,
                    "external_id": request.external_id,
                    "external_url": request.external_url,
                }
            )
            check_virtual(fields["is_virtual"], fields["meeting_url"])
            tx.check_fits(Slot(availability.NEW_KEY, request.start, end, request.professional_id))
            now = self.ctx.now()
            values = {
                "organization_id": self.ctx.organization_id,
                "start_at": request.start,
                "end_at": end,
                "status": AppointmentStatus.CONFIRMED
                if request.confirmed
                else AppointmentStatus.PENDING,
                "client_id": request.client_id,
                "professional_id": tx.unassigned_until_confirmed(request.professional_id),
                "appointment_type_id": request.appointment_type_id,
                "currency": kind.currency if kind else "EUR",
                "created_by_id": actor_id,
                "updated_by_id": actor_id,
                "created_at": now,
                "updated_at": now,
                **fields,
            }
            written = tx.conn.execute(_INSERT, values).one()
            tx.confirm_as(written.id)
            appt = as_confirmed(written, request.professional_id)
            tx.changed(appt.start_at, appt.end_at)
            self._audit(tx.conn, actor_id, "book", appt, None)
            outbox.plan(
                tx.conn,
                self.ctx,
                facts.about(appt, facts.new_professional),
                facts.templates,
                "created",
            )
            return facts.view(appt, facts.new_professional)

        return unit_of_work.write_plain(self.ctx, work)

    def reschedule(
        self,
        actor_id: int,
        appointment_id: int,
        expected_version: int,
        start: datetime,
        end: datetime | None = None,
        professional_id: int | _Keep | None = KEEP,
    ) -> AppointmentView:
        """Move to ``start`` (keeping the length unless ``end`` is given), and/or to
        another professional (None: unassigned)."""
        keep = isinstance(professional_id, _Keep)
        asked = None if isinstance(professional_id, _Keep) else professional_id

        def work(tx: unit_of_work.PlainWrite) -> AppointmentView:
            facts = read_facts(
                tx.conn, self.ctx, actor_id, appointment_id=appointment_id, professional_id=asked
            )
            check_actor(facts.actor)
            appt = check_appointment(facts.appointment, expected_version)
            _require_movable(appt)
            new_end = end if end is not None else start + (appt.end_at - appt.start_at)
            new_prof = appt.professional_id if keep else asked
            check_times(start, new_end)
            check_not_past(self.ctx, new_end)
            if new_prof is not None and new_prof != appt.professional_id:
                check_professional(facts.new_professional)
            tx.check_fits(Slot(appt.id, start, new_end, new_prof))
            status = appt.status
            if new_prof is None and status == AppointmentStatus.CONFIRMED:
                status = AppointmentStatus.PENDING  # confirmed means "with a professional"
            values = {
                "start_at": start,
                "end_at": new_end,
                "professional_id": tx.unassigned_until_confirmed(new_prof),
                "status": status,
                "updated_by_id": actor_id,
                "updated_at": self.ctx.now(),
                "reminder_sent": False,  # the new time needs its own reminder
                "reminder_sent_at": None,
            }
            row = write_unless_changed(tx.conn, appt, values)
            moved = as_confirmed(row, new_prof)
            tx.changed(appt.start_at, appt.end_at)
            tx.changed(moved.start_at, moved.end_at)
            prof = (
                facts.professional if new_prof == appt.professional_id else facts.new_professional
            )
            before = snapshot(appt, AUDIT_FIELDS)
            self._audit(tx.conn, actor_id, "move" if keep else "reschedule", moved, before)
            outbox.plan(tx.conn, self.ctx, facts.about(moved, prof), facts.templates, "updated")
            return facts.view(moved, prof)

        return unit_of_work.write_plain(self.ctx, work)

    def move_together(self, actor_id: int, moves: list[MoveRequest]) -> list[AppointmentView]:
        """Move several appointments at once: all of them, or none (one transaction).

        Each is checked where the others land, so a group can shift into its
        own old places (e.g. a whole morning half an hour later).
        """
        if len({m.appointment_id for m in moves}) != len(moves):
            raise ValidationError("The same appointment cannot be moved twice at once.")

        def work(session: Session) -> list[AppointmentView]:
            actor = require_actor(session, self.ctx, actor_id)
            outbox.prefetch(session, self.ctx)
            appts = []
            for move in moves:
                appt = load_appointment(session, self.ctx, move.appointment_id, move.version)
                _require_movable(appt)
                check_times(move.start, move.end)
                check_not_past(self.ctx, move.end)
                if move.professional_id not in (None, appt.professional_id):
                    require_professional(session, self.ctx, move.professional_id)
                appts.append(appt)
            message = self._refuse_moves(session.connection(), moves)
            if message is not None:
                raise ConflictError(message)
            befores = [snapshot(appt, AUDIT_FIELDS) for appt in appts]
            # Out of every professional's column while moving: the database's overlap
            # guard checks row by row and must not see the group half-moved; and, as in
            # `unit_of_work.PlainWrite`, rows without a professional are written before
            # the lock without ever waiting for another desk's.
            now = self.ctx.now()
            for appt, move in zip(appts, moves, strict=True):
                appt.start_at, appt.end_at = move.start, move.end
                appt.professional_id = None
                if move.professional_id is None and appt.status == AppointmentStatus.CONFIRMED:
                    appt.status = AppointmentStatus.PENDING
                touch(appt, actor, now)
            session.flush()
            if not self.ctx.database.is_sqlite:  # checked again under the lock
                unit_of_work.lock_schedule(session, self.ctx)
                message = self._refuse_moves(session.connection(), moves)
                if message is not None:
                    raise ConflictError(message)
            for appt, move in zip(appts, moves, strict=True):
                appt.professional_id = move.professional_id
            session.flush()
            for appt, before in zip(appts, befores, strict=True):
                self._audit(session, actor.id, "reschedule", appt, before)
                outbox.enqueue(session, self.ctx, appt, "updated")
            return [view(session, appt.id) for appt in appts]

        return unit_of_work.write(self.ctx, work, schedule_lock=False)

    def move(
        self,
        actor_id: int,
        appointment_id: int,
        expected_version: int,
        start: datetime,
        professional_id: int | _Keep | None = KEEP,
    ) -> AppointmentView:
        """Move keeping the length (a drag in the calendar)."""
        return self.reschedule(
            actor_id, appointment_id, expected_version, start, None, professional_id
        )

    def resize(
        self, actor_id: int, appointment_id: int, expected_version: int, end: datetime
    ) -> AppointmentView:
        """Change the end time (dragging the bottom edge)."""
        current = self.get(appointment_id)
        return self.reschedule(actor_id, appointment_id, expected_version, current.start, end)

    def assign(
        self,
        actor_id: int,
        appointment_id: int,
        expected_version: int,
        professional_id: int | None,
    ) -> AppointmentView:
        """Give the appointment to a professional, another one, or none."""
        current = self.get(appointment_id)
        return self.reschedule(
            actor_id, appointment_id, expected_version, current.start, current.end, professional_id
        )

    def edit_details(
        self,
        actor_id: int,
        appointment_id: int,
        expected_version: int,
        changes: Mapping[str, Any],
    ) -> AppointmentView:
        unknown = set(changes) - EDITABLE
        if unknown:
            raise ValidationError(
                f"These fields cannot be edited here: {', '.join(sorted(unknown))}."
            )

        def work(session: Session) -> AppointmentView:
            actor = require_actor(session, self.ctx, actor_id)
            appt = load_appointment(session, self.ctx, appointment_id, expected_version)
            values = clean_details(dict(changes))
            if values.get("client_id") is not None:
                require_client(session, self.ctx, values["client_id"])
            if values.get("appointment_type_id") is not None:
                require_type(session, self.ctx, values["appointment_type_id"])
            fields = (*AUDIT_FIELDS, *sorted(values))
            before = snapshot(appt, fields)
            for name, value in values.items():
                setattr(appt, name, value)
            check_virtual(appt.is_virtual, appt.meeting_url)
            touch(appt, actor, self.ctx.now())
            record(
                session,
                organization_id=self.ctx.organization_id,
                actor_id=actor.id,
                action="edit",
                entity="appointment",
                entity_id=appt.id,
                at=self.ctx.now(),
                before=before,
                after=snapshot(appt, fields),
            )
            return view(session, appt.id)

        # No scheduling lock: details add no demand (like a status change), and a
        # desk holding the lock must never wait for this appointment's row.
        return unit_of_work.write(self.ctx, work, schedule_lock=False)

    # -- helpers -------------------------------------------------------------

    def _audit(
        self, executor: Session | Connection, actor_id: int, action: str, appt: Any, before: Any
    ) -> None:
        record(
            executor,
            organization_id=self.ctx.organization_id,
            actor_id=actor_id,
            action=action,
            entity="appointment",
            entity_id=appt.id,
            at=self.ctx.now(),
            before=before,
            after=snapshot(appt, AUDIT_FIELDS),
        )


_INSERT = insert(APPOINTMENTS).returning(*APPOINTMENTS.c)


#: A move, if nobody changed the appointment since it was read (version "seen").
def _require_movable(appt: Any) -> None:
    if not appt.status.is_active:
        raise ValidationError(
            f"A {appt.status.label.lower()} appointment cannot be moved. "
            + (
                "Restore it first."
                if appt.status in (AppointmentStatus.CANCELLED, AppointmentStatus.NO_SHOW)
                else "Book a new one instead."
            )
        )
