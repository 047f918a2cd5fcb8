"""Booking, moving, resizing, (re)assigning and editing appointments."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection

from scheduler_app.db import appointments as appointment_rows
from scheduler_app.db import raw_query, schedule
from scheduler_app.domain.capacity import Demand, Proposal, Refusal
from scheduler_app.domain.limits import real_end
from scheduler_app.domain.localtime import day_bounds
from scheduler_app.domain.rules import Rule
from scheduler_app.errors import NotFoundError, ValidationError
from scheduler_app.services import (
    availability,
    joint,
    local_check,
    placing,
    reading,
    room_fit,
    unit_of_work,
)
from scheduler_app.services.audit import APPOINTMENT_FIELDS, record, snapshot
from scheduler_app.services.availability import epoch
from scheduler_app.services.checks import (
    check_actor,
    check_appointment,
    check_client,
    check_service,
    check_times,
)
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.details import EDITABLE, check_virtual, clean_details
from scheduler_app.services.dto import (
    AppointmentView,
    Availability,
    BookingRequest,
    MoveRequest,
)
from scheduler_app.services.guard import guarded
from scheduler_app.services.moves import KEEP, Keep, move_group, move_one
from scheduler_app.services.new_booking import book_in
from scheduler_app.services.permissions import readers, writers, writes
from scheduler_app.services.resource_holds import Holding
from scheduler_app.services.views import appointment_view, names_of


@guarded
class BookingService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- reads ---------------------------------------------------------------

    @readers
    def check_availability(
        self,
        start: datetime,
        end: datetime,
        professional_id: int | None = None,
        appointment_id: int | None = None,
        service_id: int | None = None,
        resource_ids: tuple[int, ...] = (),
    ) -> Availability:
        """Would an appointment at ``[start, end)`` fit? (Read-only; for hovering and dialogs.)

        ``appointment_id`` names an existing appointment being moved, so that it
        does not conflict with itself (its service then is the appointment's). The
        booking rules are met as booking or moving would meet them. A new one must
        also get the rooms and equipment its service needs, and ``resource_ids``
        (those the desk chose), as its booking would (`room_fit`).
        """
        try:
            check_times(start, end)
        except ValidationError as exc:
            return Availability(False, exc.message)
        key = appointment_id if appointment_id is not None else availability.NEW_KEY

        def work(conn: Connection) -> Availability:
            service, new_time = service_id, True
            if appointment_id is not None:
                found = appointment_rows.listed_one(conn, self.ctx.organization_id, key)
                if found is not None:
                    service, new_time = found[0].service_id, found[0].start_at != start

            def under(rules: list[Rule]) -> Availability:
                seen = placing.preview(
                    conn,
                    self.ctx,
                    key,
                    start,
                    end,
                    professional_id,
                    service,
                    new_time=new_time,
                    rules=rules,
                )
                if seen.problem is not None:
                    return Availability(False, seen.problem, by_rule=True, overridable=True)
                placement = seen.placement
                name = None
                if service is not None and (placement.before_minutes or placement.after_minutes):
                    name = schedule.service_name(conn, self.ctx.organization_id, service)
                words = placing.buffer_words(placement, name)
                with raw_query.asking_together(conn):  # the rooms' holds with the window
                    ahead = None
                    if appointment_id is None:
                        ahead = room_fit.ask_ahead(
                            conn, self.ctx, service, resource_ids, start, end
                        )
                    verdict = self._verdict(conn, placement.proposal, words)
                if not verdict.ok or appointment_id is not None:
                    return verdict
                fit = room_fit.read(conn, self.ctx, service, resource_ids, start, end, ahead=ahead)
                refused = fit.refusal(epoch(start), epoch(end)) if fit is not None else None
                return verdict if refused is None else Availability(False, refused)

            return _with_current_rules(conn, self.ctx, under)

        return reading.read_connection(self.ctx, work)

    @readers
    def check_moves(self, moves: list[MoveRequest]) -> Availability:
        """Would all of ``moves`` fit if made together? (Read-only, for hovering.)"""
        try:
            for move in moves:
                check_times(move.start, move.end)
        except ValidationError as exc:
            return Availability(False, exc.message)

        def work(conn: Connection) -> Availability:
            return _with_current_rules(conn, self.ctx, lambda rules: under(conn, rules))

        def under(conn: Connection, rules: list[Rule]) -> Availability:
            org = self.ctx.organization_id
            rows = {
                row.id: row
                for row, _n in appointment_rows.listed_by_id(
                    conn, org, [m.appointment_id for m in moves]
                )
            }
            demands: list[Demand] = []
            services: list[tuple[int, int | None]] = []
            for m in moves:
                row = rows.get(m.appointment_id)
                seen = placing.preview(
                    conn,
                    self.ctx,
                    m.appointment_id,
                    m.start,
                    m.end,
                    m.professional_id,
                    row.service_id if row is not None else None,
                    new_time=row is None or row.start_at != m.start,
                    rules=rules,
                )
                if seen.problem is not None:
                    return Availability(False, seen.problem, by_rule=True, overridable=True)
                demands.append(seen.placement.demand)
                services += seen.placement.proposal.services
            proposal = Proposal(tuple(demands), services=tuple(services))
            return self._verdict(conn, proposal, _group_words(moves))

        return reading.read_connection(self.ctx, work)

    def _verdict(self, conn: Connection, proposal: Proposal, words: Any = None) -> Availability:
        org = self.ctx.organization_id
        verdict = availability.evaluate(conn, self.ctx, proposal)
        refusal = verdict.refusal
        if refusal is None:
            return Availability(True)
        message = availability.refusal_message(conn, org, refusal, self.ctx.timezone, verdict.world)
        if words is not None:
            message = words(conn, org, refusal, message)
        return Availability(False, message, overridable=refusal.kind == "off_duty")

    @readers
    def get(self, appointment_id: int) -> AppointmentView:
        def work(conn: Connection) -> AppointmentView:
            found = appointment_rows.listed_one(conn, self.ctx.organization_id, appointment_id)
            if found is None:
                raise NotFoundError("That appointment no longer exists.")
            return appointment_view(*found)

        return reading.read_connection(self.ctx, work)

    @readers
    def appointments_between(self, start: datetime, end: datetime) -> list[AppointmentView]:
        """Appointments overlapping ``[start, end)``, by start (what a calendar shows)."""

        def work(conn: Connection) -> list[AppointmentView]:
            rows = appointment_rows.listed_between(conn, self.ctx.organization_id, start, end)
            return [appointment_view(row, names) for row, names in rows]

        return reading.read_connection(self.ctx, work)

    @readers
    def decision_snapshot(self, start: datetime, end: datetime) -> local_check.Snapshot:
        """The appointments of ``[start, end)`` (as `appointments_between`) and what the
        availability decision depends on for changes within it, for the desk to decide
        its hover checks itself (`services.local_check`)."""
        local_check.check_period(start, end)
        return reading.read_connection(
            self.ctx, lambda conn: local_check.read_snapshot(conn, self.ctx, start, end)
        )

    @readers
    def appointments_on(self, day: date) -> list[AppointmentView]:
        """Appointments overlapping the local calendar ``day``."""
        start, end = day_bounds(day, self.ctx.timezone)
        return self.appointments_between(start, end)

    @readers
    def client_appointments(self, client_id: int, limit: int = 200) -> list[AppointmentView]:
        """A client's appointments, the latest first (for finding a client)."""

        def work(conn: Connection) -> list[AppointmentView]:
            rows = appointment_rows.listed_of_client(
                conn, self.ctx.organization_id, client_id, limit
            )
            return [appointment_view(row, names) for row, names in rows]

        return reading.read_connection(self.ctx, work)

    # -- writes --------------------------------------------------------------

    @writers
    def book(self, actor_id: int, request: BookingRequest) -> AppointmentView:
        """Book ``request``; the view names the rooms and equipment it took."""

        def work(tx: unit_of_work.ScheduleChange) -> tuple[AppointmentView, Held]:
            return book_in(self.ctx, tx, actor_id, request), tx.held

        return _holding(*unit_of_work.change(self.ctx, work))

    @writers
    def reschedule(
        self,
        actor_id: int,
        appointment_id: int,
        expected_version: int,
        start: datetime,
        end: datetime | None = None,
        professional_id: int | Keep | None = KEEP,
        *,
        override_reason: str = "",
        book_both: bool = False,
        room: tuple[int, int] | None = None,
    ) -> AppointmentView:
        """Move to ``start`` (keeping the length unless ``end`` is given), and/or to
        another professional (None: unassigned). ``override_reason``: a manager's
        reason to move past the booking rules or outside working time; ``book_both``:
        the desk confirmed the client may hold two appointments at once there;
        ``room``: (the room or equipment it leaves, the one the desk chose instead),
        held at the new time or the whole move is refused. The view says what it holds."""
        asked = None if isinstance(professional_id, Keep) else professional_id

        def work(tx: unit_of_work.ScheduleChange) -> tuple[AppointmentView, Held]:
            facts = tx.facts(actor_id, appointment_id=appointment_id, professional_id=asked)
            check_actor(facts.actor)
            appt = check_appointment(facts.appointment, expected_version)
            if book_both:
                tx.book_both(actor_id)
            new_end = end if end is not None else real_end(start, appt.end_at - appt.start_at)
            others = joint.along(tx, actor_id, appt, facts, start, new_end)
            if others:  # every piece of the appointment moves with it, checked together
                group = [(appt, facts, start, new_end, professional_id)]
                group += [(*piece, KEEP) for piece in others]
                reason = override_reason
                moved, *_pieces = move_group(self.ctx, tx, actor_id, group, override_reason=reason)
            else:
                moved = move_one(
                    self.ctx,
                    tx,
                    actor_id,
                    appt,
                    facts,
                    start,
                    end,
                    professional_id,
                    override_reason=override_reason,
                )
            if room is not None and room[0] != room[1]:
                tx.swap_resource(appt.id, *room)
                record(
                    tx.conn,
                    self.ctx,
                    actor_id,
                    "room",
                    "appointment",
                    appt.id,
                    before={"resource_id": room[0]},
                    after={"resource_id": room[1]},
                )
            return moved, tx.held

        return _holding(*unit_of_work.change(self.ctx, work))

    @writers
    def move_together(
        self, actor_id: int, moves: list[MoveRequest], *, book_both: bool = False
    ) -> list[AppointmentView]:
        """Move several appointments at once: all of them, or none (one transaction).

        Each is checked where the others land, so a group can shift into its
        own old places (e.g. a whole morning half an hour later). ``book_both``: as
        in `reschedule`.
        """
        if len({m.appointment_id for m in moves}) != len(moves):
            raise ValidationError("The same appointment cannot be moved twice at once.")

        def work(tx: unit_of_work.ScheduleChange) -> list[AppointmentView]:
            if book_both:
                tx.book_both(actor_id)
            group: list[tuple[Any, Any, datetime, datetime, int | Keep | None]] = []
            asked = {m.appointment_id for m in moves}
            joined = []  # the other pieces of appointments with several professionals
            for move in moves:
                facts = tx.facts(
                    actor_id,
                    appointment_id=move.appointment_id,
                    professional_id=move.professional_id,
                )
                check_actor(facts.actor)
                appt = check_appointment(facts.appointment, move.version)
                group.append((appt, facts, move.start, move.end, move.professional_id))
                for piece in joint.along(tx, actor_id, appt, facts, move.start, move.end):
                    if piece[0].id not in asked:
                        asked.add(piece[0].id)
                        joined.append((*piece, KEEP))
            moved = move_group(self.ctx, tx, actor_id, [*group, *joined], words=_group_words(moves))
            return moved[: len(moves)]

        return unit_of_work.change(self.ctx, work)

    @writers
    def move(
        self,
        actor_id: int,
        appointment_id: int,
        expected_version: int,
        start: datetime,
        professional_id: int | Keep | None = KEEP,
        *,
        book_both: bool = False,
    ) -> AppointmentView:
        """Move keeping the length (a drag in the calendar)."""
        return self.reschedule(
            actor_id,
            appointment_id,
            expected_version,
            start,
            None,
            professional_id,
            book_both=book_both,
        )

    @writers
    def resize(
        self,
        actor_id: int,
        appointment_id: int,
        expected_version: int,
        end: datetime,
        *,
        book_both: bool = False,
    ) -> AppointmentView:
        """Change the end time (dragging the bottom edge)."""
        current = self.get(appointment_id)
        return self.reschedule(
            actor_id, appointment_id, expected_version, current.start, end, book_both=book_both
        )

    @writes(setting="assign_role")
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

    @writers
    def edit_details(
        self,
        actor_id: int,
        appointment_id: int,
        expected_version: int,
        changes: Mapping[str, Any],
        *,
        book_both: bool = False,
    ) -> AppointmentView:
        """Change what an appointment is about (not its time, professional or status).
        Details add no demand: nothing is required; the scheduling lock is taken only
        when another client is given (who may not be in two places at once unless
        ``book_both``, as in `reschedule`)."""
        unknown = set(changes) - EDITABLE
        if unknown:
            raise ValidationError(
                f"These fields cannot be edited here: {', '.join(sorted(unknown))}."
            )
        values = clean_details(dict(changes))
        client_id = values.get("client_id")
        service_id = values.get("service_id")

        def work(tx: unit_of_work.ScheduleChange) -> AppointmentView:
            facts = tx.facts(
                actor_id, appointment_id=appointment_id, client_id=client_id, service_id=service_id
            )
            check_actor(facts.actor)
            appt = check_appointment(facts.appointment, expected_version)
            if book_both:
                tx.book_both(actor_id)
            if client_id is not None:
                check_client(facts.client)
            if service_id is not None:
                check_service(facts.service)
            edited = {**appt._asdict(), **values}
            check_virtual(edited["is_virtual"], edited["meeting_url"])
            after = tx.write(
                appt, {**values, "updated_by_id": actor_id, "updated_at": self.ctx.now()}
            )
            fields = (*APPOINTMENT_FIELDS, *sorted(values))
            record(
                tx.conn,
                self.ctx,
                actor_id,
                "edit",
                "appointment",
                appt.id,
                before=snapshot(appt, fields),
                after=snapshot(after, fields),
            )
            joint.share_details(tx, actor_id, appt, facts, values, fields)
            names = names_of(after, facts.client, facts.professional, facts.service)
            return appointment_view(after, names)

        return unit_of_work.change(self.ctx, work)


#: What the appointments of a change hold once it finished (`ScheduleChange.held`).
Held = Mapping[int, Holding]


def _holding(view: AppointmentView, held: Held) -> AppointmentView:
    """``view`` with the rooms and equipment it holds after the change."""
    found = held.get(view.id)
    return view if found is None else replace(view, resources=found.names, resource_ids=found.ids)


def _with_current_rules(
    conn: Connection, ctx: ServiceContext, check: Callable[[list[Rule]], Availability]
) -> Availability:
    """``check`` under the booking rules this desk knows, confirmed: the decision
    refreshes them when the roster's version changed, and a refusal by notice or
    horizon (made before any decision) is checked again under the rules as stored
    (no extra read in the common case)."""
    known = availability.known_rules(conn, ctx)
    verdict = check(known)
    current = availability.known_rules(conn, ctx)  # the decision refreshed them?
    if current is not known:
        return check(current)
    if verdict.by_rule and availability.stored_rules(conn, ctx) != known:
        return check(availability.fresh_rules(conn, ctx))  # refused before any decision
    return verdict


def _group_words(moves: list[MoveRequest]) -> Any:
    """How a refusal of several appointments moved together is put."""

    def words(conn: Connection, org_id: int, refusal: Refusal, message: str) -> str:
        moving = [m.appointment_id for m in moves]
        lookup = availability.DbLookup(conn, org_id)
        return availability.group_phrase(moving, lookup, refusal, message)

    return words
