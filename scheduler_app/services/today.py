"""The desk's Today board: the day's arrivals, what comes next, what was left open,
the conflicts waiting for a manager and the messages that could not be sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Connection

from scheduler_app.db import appointments, outbox, today
from scheduler_app.domain.arrivals import Arrival, arrival, minutes_late
from scheduler_app.domain.localtime import day_bounds
from scheduler_app.domain.notifications import NotificationStatus
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services import reading
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.delivery import NotificationView
from scheduler_app.services.dto import AppointmentView
from scheduler_app.services.guard import guarded
from scheduler_app.services.permissions import readers
from scheduler_app.services.views import appointment_view

#: "Next up": the first appointments still to start, within this horizon.
UPCOMING = 10
UPCOMING_HORIZON = timedelta(days=7)
#: Appointments left open (ended, still active) are looked for this far back.
OVERDUE_LOOKBACK = timedelta(days=30)
OVERDUE_LIMIT = 200
#: Failed messages of this recent past are shown (older ones stay in Notifications).
FAILED_LOOKBACK = timedelta(days=7)
FAILED_LIMIT = 50
CONFLICT_LIMIT = 50


@dataclass(frozen=True, slots=True)
class ArrivalView:
    appointment: AppointmentView
    state: Arrival
    #: Minutes past the start (for a late client; 0 otherwise).
    minutes_late: int
    #: In progress past its end (the desk has not completed it yet).
    overrun: bool = False


@dataclass(frozen=True, slots=True)
class OpenConflictView:
    id: int
    cause: str
    reason: str
    opened_at: datetime
    opened_by: str
    #: How many appointments still wait for a place, and when the first one starts.
    waiting: int
    first_start: datetime | None


@dataclass(frozen=True, slots=True)
class TodayBoard:
    day: date
    now: datetime
    arrivals: tuple[ArrivalView, ...]
    cancelled: int
    upcoming: tuple[AppointmentView, ...]
    overdue: tuple[AppointmentView, ...]
    conflicts: tuple[OpenConflictView, ...]
    failed: tuple[NotificationView, ...]

    def count(self, state: Arrival) -> int:
        return sum(1 for a in self.arrivals if a.state is state)


@guarded
class TodayService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @readers
    def board(self) -> TodayBoard:
        """The board as of now, in one read."""
        now, tz, org = self.ctx.now(), self.ctx.timezone, self.ctx.organization_id
        day = now.astimezone(tz).date()
        start, end = day_bounds(day, tz)

        def work(conn: Connection) -> TodayBoard:
            listed = appointments.listed_between(conn, org, start, end)
            # An appointment with several professionals arrives once: its lead.
            of_day = [appointment_view(*r) for r in listed if r[0].joint_of is None]
            arrivals = []
            for appt in of_day:
                state = arrival(appt.status, appt.start, now)
                if state is not None:
                    late = minutes_late(appt.start, now) if state is Arrival.LATE else 0
                    overrun = state is Arrival.IN_PROGRESS and now >= appt.end
                    arrivals.append(ArrivalView(appt, state, late, overrun))
            cancelled = sum(1 for a in of_day if a.status is AppointmentStatus.CANCELLED)
            upcoming = today.coming(conn, org, now, now + UPCOMING_HORIZON, UPCOMING)
            overdue = today.left_open(conn, org, now - OVERDUE_LOOKBACK, now, OVERDUE_LIMIT)
            conflicts = today.open_conflicts(conn, org, CONFLICT_LIMIT)
            failed = outbox.recent(
                conn,
                org,
                status=NotificationStatus.FAILED,
                limit=FAILED_LIMIT,
                search="",
                appointment_id=None,
            )
            return TodayBoard(
                day=day,
                now=now,
                arrivals=tuple(arrivals),
                cancelled=cancelled,
                upcoming=tuple(appointment_view(*r) for r in upcoming),
                overdue=tuple(appointment_view(*r) for r in overdue),
                conflicts=tuple(
                    OpenConflictView(
                        c.id, c.cause, c.reason, c.created_at, c.forced_by, c.waiting, c.first_start
                    )
                    for c in conflicts
                ),
                failed=tuple(
                    NotificationView(
                        n.id,
                        n.kind,
                        n.channel,
                        n.recipient,
                        n.subject,
                        n.scheduled_at,
                        n.sent_at,
                        n.status,
                        n.attempts,
                        n.last_error,
                        n.appointment_id,
                    )
                    for n in failed
                    if n.scheduled_at >= now - FAILED_LOOKBACK
                ),
            )

        return reading.read_connection(self.ctx, work)
