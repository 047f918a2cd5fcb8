"""The waitlist: clients waiting for a time to free up, first come first served.

An entry waits for a service (with a professional, or anyone) within days and hours
of the day; past the end of its range it is expired (kept and shown as such). When
a time frees up (`freed`), the waiting entries it suits are decided with the same
check a booking meets (`BookingService.check_availability`): an entry is offered
only if booking it there would be accepted. Booking from the waitlist (`book`) goes
through the booking path (`new_booking.book_in`) and marks the entry booked, in the
same schedule change; taking that booking back (`undo_book`) makes the entry
wait again, and bringing it back (`redo_book`) marks it booked again, each in one
schedule change with the appointment.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import partial

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from scheduler_app.db import waitlist as waitlist_rows
from scheduler_app.db.facts import read_facts
from scheduler_app.db.rows import Facts
from scheduler_app.domain.limits import real_end
from scheduler_app.domain.localtime import localize
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import ConflictError, NotFoundError, StaleDataError, ValidationError
from scheduler_app.services import reading, unit_of_work
from scheduler_app.services.audit import record
from scheduler_app.services.booking import BookingService
from scheduler_app.services.checks import (
    check_actor,
    check_client,
    check_professional,
    check_service,
)
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import AppointmentView, BookingRequest
from scheduler_app.services.guard import guarded
from scheduler_app.services.lifecycle import LifecycleService
from scheduler_app.services.new_booking import book_in
from scheduler_app.services.permissions import readers, writers
from scheduler_app.services.waitlist_dto import (
    FreedSlot,
    WaitlistEntryView,
    WaitlistMatch,
    WaitlistRequest,
)

STATUSES = ("waiting", "held", "booked", "expired")
#: How long a freed time is held for a waiting client, by default.
HOLD_HOURS = 2
#: A held time the client confirmed (the desk confirmed or checked them in).
CONFIRMED_ONES = frozenset(
    {AppointmentStatus.CONFIRMED, AppointmentStatus.CHECKED_IN, AppointmentStatus.COMPLETED}
)
#: The longest range an entry may wait for.
MAX_DAYS = 366


@guarded
class WaitlistService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @readers
    def entries(
        self,
        service_id: int | None = None,
        professional_id: int | None = None,
        status: str | None = None,
    ) -> list[WaitlistEntryView]:
        """The entries, first come first; ``status`` one of `STATUSES` (None: all)."""
        if status is not None and status not in STATUSES:
            raise ValidationError("Choose waiting, booked or expired.")
        stored = "booked" if status == "booked" else None if status is None else "waiting"

        def work(conn: Connection) -> list[WaitlistEntryView]:
            org = self.ctx.organization_id
            rows = waitlist_rows.entries(conn, org, service_id, professional_id, stored)
            return [self._view(row) for row in rows]

        found = reading.read_connection(self.ctx, work)
        return [e for e in found if status is None or e.status == status]

    @writers
    def add(self, actor_id: int, request: WaitlistRequest) -> WaitlistEntryView:
        """Put a client on the waitlist."""
        if request.last_day < request.first_day:
            raise ValidationError("The last day comes before the first day.")
        if (request.last_day - request.first_day).days > MAX_DAYS:
            raise ValidationError("A client can wait for at most a year.")
        if request.latest <= request.earliest:
            raise ValidationError("The latest time must come after the earliest time.")
        if self._ends(request.last_day, request.latest) <= self.ctx.now():
            raise ValidationError("That range has already ended.")

        def work(session: Session) -> WaitlistEntryView:
            conn = session.connection()
            facts = self._facts(conn, actor_id, request)
            check_actor(facts.actor)
            check_client(facts.client)
            check_service(facts.service)
            if request.professional_id is not None:
                check_professional(facts.new_professional)
            values = {
                "organization_id": self.ctx.organization_id,
                "client_id": request.client_id,
                "service_id": request.service_id,
                "professional_id": request.professional_id,
                "first_day": request.first_day,
                "last_day": request.last_day,
                "earliest": request.earliest,
                "latest": request.latest,
                "status": "waiting",
                "created_by_id": actor_id,
                "created_at": self.ctx.now(),
            }
            entry_id = waitlist_rows.insert_entry(conn, values)
            after = {k: str(v) for k, v in values.items() if k != "organization_id"}
            record(conn, self.ctx, actor_id, "add", "waitlist_entry", entry_id, after=after)
            return self._view(self._row(conn, entry_id))

        return unit_of_work.admin(self.ctx, work)

    @writers
    def remove(self, actor_id: int, entry_id: int) -> None:
        """Take an entry off the waitlist."""

        def work(session: Session) -> None:
            conn = session.connection()
            facts = read_facts(conn, self.ctx.organization_id, actor_id)
            check_actor(facts.actor if facts else None)
            row = self._row(conn, entry_id)
            waitlist_rows.delete_entry(conn, entry_id)
            before = {"client_id": row.client_id, "service_id": row.service_id}
            record(conn, self.ctx, actor_id, "remove", "waitlist_entry", entry_id, before=before)

        unit_of_work.admin(self.ctx, work)

    @readers
    def freed(self, start: datetime, end: datetime, professional_id: int | None) -> FreedSlot:
        """Who waits for ``[start, end)`` with ``professional_id`` (None: unassigned),
        first come first: each waiting entry that booking there (from ``start``, or
        from the entry's earliest time if later) would accept."""
        if end <= start:
            return FreedSlot(start, end, professional_id, None, ())
        tz = self.ctx.timezone
        day = start.astimezone(tz).date()

        def work(conn: Connection) -> tuple[list[waitlist_rows.WaitlistRow], dict[int, int], str]:
            org = self.ctx.organization_id
            rows = waitlist_rows.waiting_on(conn, org, day)
            minutes: dict[int, int] = {}
            for row in rows:
                facts = read_facts(conn, org, 0, service_id=row.service_id)
                if facts is not None and facts.service is not None:
                    minutes[row.service_id] = facts.service.duration_minutes
            name = ""
            if professional_id is not None:
                facts = read_facts(conn, org, 0, professional_id=professional_id)
                if facts is not None and facts.new_professional is not None:
                    name = facts.new_professional.name
            return rows, minutes, name

        rows, minutes, name = reading.read_connection(self.ctx, work)
        booking = BookingService(self.ctx)
        matches = []
        for row in rows:
            if row.professional_id is not None and row.professional_id != professional_id:
                continue
            if row.service_id not in minutes:
                continue
            at = max(start, self._at(day, row.earliest))  # as early as the client can come
            until = real_end(at, timedelta(minutes=minutes[row.service_id]))
            if until > end or until > self._at(day, row.latest) or until <= self.ctx.now():
                continue
            if self._ends(row.last_day, row.latest) <= self.ctx.now():
                continue  # expired
            verdict = booking.check_availability(
                at, until, professional_id, service_id=row.service_id
            )
            if verdict.ok:
                matches.append(WaitlistMatch(self._view(row), at, until, professional_id))
        return FreedSlot(start, end, professional_id, name or None, tuple(matches))

    @writers
    def book(
        self, actor_id: int, entry_id: int, start: datetime, professional_id: int | None
    ) -> AppointmentView:
        """Book a waiting entry at ``start`` through the booking check, and mark it booked."""

        def work(tx: unit_of_work.ScheduleChange) -> AppointmentView:
            row = self._row(tx.conn, entry_id)
            view = self._view(row)
            if view.status != "waiting":
                raise ValidationError(f"This entry is {view.status}: it cannot be booked.")
            request = BookingRequest(
                start=start,
                client_id=row.client_id,
                professional_id=professional_id,
                service_id=row.service_id,
            )
            booked = book_in(self.ctx, tx, actor_id, request)
            waitlist_rows.mark_booked(tx.conn, entry_id, booked.id)
            after = {"status": "booked", "appointment_id": booked.id}
            record(tx.conn, self.ctx, actor_id, "book", "waitlist_entry", entry_id, after=after)
            return booked

        return unit_of_work.change(self.ctx, work)

    @writers
    def hold(
        self,
        actor_id: int,
        entry_id: int,
        start: datetime,
        professional_id: int | None,
        hours: int = HOLD_HOURS,
    ) -> AppointmentView:
        """Hold a freed time for a waiting entry's client: booked through the booking
        check (it takes its place, pending), the entry held for ``hours``, and the client
        asked by e-mail / SMS to call back and confirm. Confirmed in time, the entry is
        booked; not, the booking lapses by itself (`settle_holds`)."""
        if not 1 <= hours <= 72:
            raise ValidationError("Hold a time for 1 to 72 hours.", "hours")

        def work(tx: unit_of_work.ScheduleChange) -> AppointmentView:
            row = self._row(tx.conn, entry_id)
            view = self._view(row)
            if view.status != "waiting":
                raise ValidationError(f"This entry is {view.status}: no time can be held for it.")
            until = self.ctx.now() + timedelta(hours=hours)
            request = BookingRequest(
                start=start,
                client_id=row.client_id,
                professional_id=professional_id,
                service_id=row.service_id,
                title="Held for the client to confirm",
            )
            booked = book_in(self.ctx, tx, actor_id, request, held_until=until)
            waitlist_rows.mark_held(tx.conn, entry_id, booked.id, until)
            after = {"status": "held", "appointment_id": booked.id, "until": until.isoformat()}
            record(tx.conn, self.ctx, actor_id, "hold", "waitlist_entry", entry_id, after=after)
            return booked

        return unit_of_work.change(self.ctx, work)

    @writers
    def settle_holds(self, actor_id: int) -> int:
        """The holds that ended: confirmed ones are booked; one whose time was cancelled
        waits again; one past its time, not confirmed, is cancelled ("Hold lapsed") and
        the entry waits again. Each in its own change; returns how many ended."""
        org = self.ctx.organization_id
        rows = reading.read_connection(self.ctx, lambda c: waitlist_rows.held(c, org))
        ended = 0
        for row in rows:
            try:
                ended += unit_of_work.change(
                    self.ctx, partial(self._settle, actor_id=actor_id, seen=row)
                )
            except (StaleDataError, ConflictError):
                continue  # another desk settled it, or it changed meanwhile: next round
        return ended

    def _settle(
        self, tx: unit_of_work.ScheduleChange, *, actor_id: int, seen: waitlist_rows.WaitlistRow
    ) -> int:
        row = waitlist_rows.entry(tx.conn, self.ctx.organization_id, seen.id)
        if row is None or row.status != "held" or row.appointment_id is None:
            return 0
        facts = tx.facts(actor_id, appointment_id=row.appointment_id)
        appt = facts.appointment
        if appt is not None and appt.status in CONFIRMED_ONES:
            waitlist_rows.mark_booked(tx.conn, row.id, appt.id)
            outcome = "booked"
        elif appt is None or not appt.status.is_active:
            waitlist_rows.mark_waiting(tx.conn, row.id)
            outcome = "waiting"
        elif row.held_until is not None and row.held_until <= self.ctx.now():
            LifecycleService(self.ctx)._apply(
                tx,
                actor_id,
                facts,
                appt,
                AppointmentStatus.CANCELLED,
                {"cancellation_reason": "Hold lapsed: not confirmed in time"},
            )
            waitlist_rows.mark_waiting(tx.conn, row.id)
            outcome = "waiting"
        else:
            return 0
        after = {"status": outcome, "appointment_id": row.appointment_id}
        record(tx.conn, self.ctx, actor_id, "settle", "waitlist_entry", row.id, after=after)
        return 1

    @writers
    def undo_book(
        self, actor_id: int, entry_id: int, appointment_id: int, version: int
    ) -> AppointmentView:
        """Take back a booking made from the waitlist (as `LifecycleService.undo_booking`)
        and let the entry wait again, in one schedule change. An entry removed or
        booked for something else meanwhile stays as it is."""

        def work(tx: unit_of_work.ScheduleChange) -> AppointmentView:
            undone = LifecycleService(self.ctx)._undo_booking(tx, actor_id, appointment_id, version)
            row = waitlist_rows.entry(tx.conn, self.ctx.organization_id, entry_id)
            if row is not None and (row.status, row.appointment_id) == ("booked", appointment_id):
                waitlist_rows.mark_waiting(tx.conn, entry_id)
                before = {"status": "booked", "appointment_id": appointment_id}
                after = {"status": "waiting", "appointment_id": None}
                record(
                    tx.conn,
                    self.ctx,
                    actor_id,
                    "update",
                    "waitlist_entry",
                    entry_id,
                    before=before,
                    after=after,
                )
            return undone

        return unit_of_work.change(self.ctx, work)

    @writers
    def redo_book(
        self, actor_id: int, entry_id: int, appointment_id: int, version: int
    ) -> AppointmentView:
        """Bring back a booking `undo_book` took back (if its time is still free) and
        mark the entry booked again, in one schedule change; refused when the entry
        was booked for another time meanwhile."""

        def work(tx: unit_of_work.ScheduleChange) -> AppointmentView:
            row = waitlist_rows.entry(tx.conn, self.ctx.organization_id, entry_id)
            if row is not None and row.status == "booked" and row.appointment_id != appointment_id:
                raise ConflictError(
                    "This client was booked from the waitlist for another time meanwhile: "
                    "nothing was restored."
                )
            restored = LifecycleService(self.ctx)._restore(tx, actor_id, appointment_id, version)
            if row is not None and row.status == "waiting":
                waitlist_rows.mark_booked(tx.conn, entry_id, appointment_id)
                after = {"status": "booked", "appointment_id": appointment_id}
                record(tx.conn, self.ctx, actor_id, "book", "waitlist_entry", entry_id, after=after)
            return restored

        return unit_of_work.change(self.ctx, work)

    # -- helpers ---------------------------------------------------------------

    def _facts(self, conn: Connection, actor_id: int, request: WaitlistRequest) -> Facts:
        facts = read_facts(
            conn,
            self.ctx.organization_id,
            actor_id,
            client_id=request.client_id,
            professional_id=request.professional_id,
            service_id=request.service_id,
        )
        if facts is None:
            raise NotFoundError("This clinic is not in the database any more.")
        return facts

    def _row(self, conn: Connection, entry_id: int) -> waitlist_rows.WaitlistRow:
        row = waitlist_rows.entry(conn, self.ctx.organization_id, entry_id)
        if row is None:
            raise NotFoundError("That waitlist entry no longer exists.")
        return row

    def _at(self, day: date, clock: time) -> datetime:
        return localize(day, clock, self.ctx.timezone)

    def _ends(self, day: date, clock: time) -> datetime:
        return self._at(day, clock)

    def _view(self, row: waitlist_rows.WaitlistRow) -> WaitlistEntryView:
        status = row.status
        if status == "waiting" and self._ends(row.last_day, row.latest) <= self.ctx.now():
            status = "expired"
        return WaitlistEntryView(
            row.id,
            row.client_id,
            row.client_name,
            row.service_id,
            row.service_name,
            row.professional_id,
            row.professional_name,
            row.first_day,
            row.last_day,
            row.earliest,
            row.latest,
            status,
            row.appointment_id,
            row.created_at,
            row.held_until,
        )
