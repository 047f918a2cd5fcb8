"""Conflicts a manager's forced change left open (see `db.conflicts`), and their resolution.

For each appointment a conflict sets aside the engine suggests places: the
professionals who could take it at its own time (the exact decision of every
booking, `domain.capacity.decide`) and the nearest free times (`FreeTimeService`,
decided the same way). Accepting one is an ordinary move through the one path
(`BookingService.move`), checked again under the lock like any change; the
appointment then leaves the conflict, and the conflict is resolved once none is
left. A conflict can also be ignored with a reason (its appointments stay set
aside, waiting without a professional) or escalated to the managers, who get a
message in the outbox.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from scheduler_app.db import client_clashes, conflicts
from scheduler_app.db import directory as directory_rows
from scheduler_app.db import outbox as outbox_rows
from scheduler_app.db import schedule as schedule_rows
from scheduler_app.db.models import UNRESOLVED, ConflictKind, ConflictStatus
from scheduler_app.domain.capacity import Proposal, decide
from scheduler_app.domain.notifications import Channel, NotificationKind
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import NotFoundError, ValidationError
from scheduler_app.services import availability, reading, unit_of_work
from scheduler_app.services.audit import record
from scheduler_app.services.checks import MANAGERS, check_actor
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.free_times import FreeTime, FreeTimeRequest, FreeTimeService
from scheduler_app.services.guard import guarded
from scheduler_app.services.permissions import readers, writers, writes

#: Professionals suggested, at most, to take an appointment at its own time.
MOST_REASSIGNED = 3
#: Other times suggested, at most, for one appointment.
MOST_MOVES = 2
#: How far ahead other times are looked for.
MOVE_DAYS = 14


@dataclass(frozen=True, slots=True)
class WaitingAppointment:
    """An appointment a conflict sets aside."""

    id: int
    version: int
    start: datetime
    end: datetime
    status: str
    client_name: str
    service_name: str
    title: str
    service_id: int | None = None


@dataclass(frozen=True, slots=True)
class ConflictView:
    id: int
    kind: str
    status: str
    impact: str
    cause: str
    reason: str
    forced_by: str
    created_at: datetime
    notes: str
    appointments: tuple[WaitingAppointment, ...]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A place for one appointment: ``professional_id`` from ``start`` (its own time
    when ``moved`` is False)."""

    appointment_id: int
    version: int
    start: datetime
    end: datetime
    professional_id: int
    professional_name: str
    moved: bool


@guarded
class ConflictService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @readers
    def open_count(self) -> int:
        """How many conflicts wait to be resolved (the status bar shows it)."""
        return reading.read_connection(
            self.ctx, lambda conn: conflicts.open_count(conn, self.ctx.organization_id)
        )

    @readers
    def unresolved(self) -> list[ConflictView]:
        """The conflicts waiting to be resolved (open or escalated), most urgent first,
        each with the appointments it still sets aside (a time conflict: the client's
        appointments that overlap)."""

        def work(conn: Connection) -> list[ConflictView]:
            found = conflicts.unresolved(conn, self.ctx.organization_id)
            waiting: dict[int, list[WaitingAppointment]] = {}
            for row in conflicts.set_aside_by(conn, [c["id"] for c in found]):
                waiting.setdefault(row["conflict_id"], []).append(_waiting(row))
            clashes = [c["id"] for c in found if c["kind"] == ConflictKind.TIME_CONFLICT]
            for row in client_clashes.linked_to(conn, clashes):
                waiting.setdefault(row["conflict_id"], []).append(_waiting(row))
            return [
                ConflictView(
                    c["id"],
                    str(c["kind"]),
                    str(c["status"]),
                    str(c["impact"]),
                    c["cause"],
                    c["reason"],
                    c["forced_by"],
                    c["created_at"],
                    c["resolution_notes"],
                    tuple(waiting.get(c["id"], [])),
                )
                for c in found
            ]

        return reading.read_connection(self.ctx, work)

    @readers
    def suggestions(self, appointment_id: int) -> list[Suggestion]:
        """Places for an appointment a conflict sets aside: first the professionals who
        could take it at its own time, then the nearest other free times. For one of a
        client's appointments at the same time (a time conflict): the nearest free
        times apart from the client's others."""

        def waiting(conn: Connection) -> tuple[WaitingAppointment, list[tuple[datetime, datetime]]]:
            org = self.ctx.organization_id
            rows = conflicts.set_aside_by(conn, None, org, appointment_id)
            if rows:
                return _waiting(rows[0]), []
            clash = client_clashes.clashing_with(conn, org, appointment_id)
            if clash is None:
                raise NotFoundError("That appointment no longer waits for a place.")
            return _waiting(clash[0]), clash[1]

        appointment, clashing = reading.read_connection(self.ctx, waiting)
        length = appointment.end - appointment.start
        if clashing:  # a client booked twice at once: other times, apart from the others
            return self._moves(appointment, length, clashing)

        def work(conn: Connection) -> list[Suggestion]:
            candidate = availability.demand(
                appointment.id, appointment.start, appointment.end, None
            )
            world = availability.gather(conn, self.ctx, Proposal((candidate,)))
            org = self.ctx.organization_id
            service = schedule_rows.services_of(conn, org, [appointment.id]).get(appointment.id)
            names = directory_rows.professional_names(conn, self.ctx.organization_id, world.off)
            able = [
                p
                for p in sorted(world.off, key=lambda p: (names.get(p, ""), p))
                if decide(
                    Proposal(
                        (candidate._replace(professional=p),),
                        services=((candidate.key, service),),
                    ),
                    world.others,
                    world.off,
                    hints=self.ctx.hints,
                    qualified=world.qualified,
                )
                is None
            ]
            return [
                Suggestion(
                    appointment.id,
                    appointment.version,
                    appointment.start,
                    appointment.end,
                    p,
                    names.get(p, ""),
                    moved=False,
                )
                for p in able[:MOST_REASSIGNED]
            ]

        return reading.read_connection(self.ctx, work) + self._moves(appointment, length)

    def _moves(
        self,
        appointment: WaitingAppointment,
        length: timedelta,
        apart_from: Sequence[tuple[datetime, datetime]] = (),
    ) -> list[Suggestion]:
        """The nearest free times for ``appointment``, none overlapping ``apart_from``."""
        nearest = sorted(
            (
                t
                for t in self._free_times(appointment.start, length, appointment.service_id)
                if t.start != appointment.start
                and not any(t.start < e and s < t.start + length for s, e in apart_from)
            ),
            key=lambda t: (abs(t.start - appointment.start), t.start),
        )
        return [
            Suggestion(
                appointment.id,
                appointment.version,
                t.start,
                t.start + length,
                t.professional_id,
                t.professional_name,
                moved=True,
            )
            for t in nearest[:MOST_MOVES]
        ]

    def _free_times(
        self, start: datetime, length: timedelta, service_id: int | None
    ) -> list[FreeTime]:
        """Free times near ``start``: the last ones before it and the first after it
        that day, and the first on the days after (up to `MOVE_DAYS`), where a booking
        of the service ``service_id`` would be accepted (its buffers, limits, rooms)."""
        tz = self.ctx.timezone
        minutes = max(1, min(720, int(length.total_seconds() // 60)))
        local = start.astimezone(tz)
        today = self.ctx.now().astimezone(tz).date()
        day = max(today, local.date())
        times = FreeTimeService(self.ctx)
        found: list[FreeTime] = []
        if day == local.date():
            earlier = FreeTimeRequest(
                minutes, day, day, latest=local.time(), limit=200, service_id=service_id
            )
            found += times.find(earlier)[-MOST_MOVES:]
            later = FreeTimeRequest(
                minutes,
                day,
                day,
                earliest=local.time(),
                limit=MOST_MOVES + 1,
                service_id=service_id,
            )
            found += times.find(later)
        after = day + timedelta(days=1) if day == local.date() else day
        last = day + timedelta(days=MOVE_DAYS)
        found += times.find(
            FreeTimeRequest(minutes, after, last, limit=MOST_MOVES, service_id=service_id)
        )
        return found

    @writes(*MANAGERS)
    def ignore(self, actor_id: int, conflict_id: int, reason: str) -> None:
        """Set the conflict aside with the manager's ``reason``: its appointments stay
        without a professional, out of the count, until someone gives them a place."""
        reason = reason.strip()
        if not reason:
            raise ValidationError("Say why the conflict is ignored.", "reason")
        self._decide(actor_id, conflict_id, ConflictStatus.IGNORED, reason, managers_only=True)

    @writers
    def escalate(self, actor_id: int, conflict_id: int, note: str = "") -> int:
        """Hand the conflict to the managers: each gets a message at their desk. How
        many were told."""
        return self._decide(actor_id, conflict_id, ConflictStatus.ESCALATED, note.strip())

    def _decide(
        self,
        actor_id: int,
        conflict_id: int,
        status: ConflictStatus,
        notes: str,
        *,
        managers_only: bool = False,
    ) -> int:
        def work(session: Session) -> int:
            org = self.ctx.organization_id
            roles = MANAGERS if managers_only else ()
            check_actor(directory_rows.actor_row(session, org, actor_id), *roles)
            conn = session.connection()
            current = conflicts.status_of(conn, org, conflict_id)
            if current is None:
                raise NotFoundError("That conflict no longer exists.")
            if current not in UNRESOLVED:
                raise ValidationError("That conflict was already dealt with.")
            if current == status:
                raise ValidationError("That conflict was already escalated.")
            now = self.ctx.now()
            conflicts.set_status(conn, conflict_id, status, by=actor_id, at=now, notes=notes)
            record(
                conn,
                self.ctx,
                actor_id,
                status.value,
                "conflict",
                conflict_id,
                before={"status": current.value},
                after={"status": status.value, "notes": notes},
            )
            if status != ConflictStatus.ESCALATED:
                return 0
            told = conflicts.managers(conn, org)
            waiting = conflicts.set_aside_by(conn, [conflict_id])
            about = waiting[0]["id"] if waiting else None
            message = (
                f"Conflict {conflict_id} needs a manager: {len(waiting)} appointment(s) "
                "wait for a professional. Open the Conflicts window to resolve it."
                + (f" Note: {notes}" if notes else "")
            )
            outbox_rows.insert_notifications(
                conn,
                [
                    {
                        "organization_id": org,
                        "kind": NotificationKind.CONFLICT_DETECTED,
                        "channel": Channel.IN_APP,
                        "recipient": username,
                        "subject": f"Conflict {conflict_id} escalated",
                        "message": message,
                        "appointment_id": about,
                        "scheduled_at": now,
                        "created_at": now,
                    }
                    for _id, username in told
                ],
            )
            return len(told)

        return unit_of_work.admin(self.ctx, work)


def _waiting(row: dict[str, Any]) -> WaitingAppointment:
    return WaitingAppointment(
        row["id"],
        row["version"],
        row["start_at"],
        row["end_at"],
        AppointmentStatus(row["status"]).value,
        row["client"] or "",
        row["service"] or "",
        row["title"],
        row["service_id"],
    )
