"""The reads of the desk's Today board: what is still to come, what was left
open, and which conflicts wait (today's own appointments are a window read,
`appointments.listed_between`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, func, select, text

from scheduler_app.db.appointments import listed_row, listing
from scheduler_app.db.base import table_of
from scheduler_app.db.models import UNRESOLVED, Appointment, Conflict, StaffUser
from scheduler_app.db.rows import AppointmentRow, Names
from scheduler_app.db.schedule import ACTIVE_SQL, DIALECTS

_A = table_of(Appointment)
_CONFLICT = table_of(Conflict)
_STAFF = table_of(StaffUser)
_ACTIVE = text(f"appointment.status IN ({ACTIVE_SQL})")


def _coming_statement(dialect: str) -> Any:
    return (
        listing(dialect)
        .where(
            _A.c.organization_id == bindparam("org"),
            _A.c.start_at >= bindparam("after"),
            _A.c.start_at < bindparam("before"),
            _ACTIVE,
            _A.c.joint_of.is_(None),  # an appointment with several professionals: once
        )
        .order_by(_A.c.start_at, _A.c.id)
        .limit(bindparam("limit"))
    )


def _left_open_statement(dialect: str) -> Any:
    return (
        listing(dialect)
        .where(
            _A.c.organization_id == bindparam("org"),
            _A.c.start_at > bindparam("since"),
            _A.c.start_at < bindparam("now"),
            _A.c.end_at <= bindparam("now"),
            _ACTIVE,
            _A.c.joint_of.is_(None),  # an appointment with several professionals: once
        )
        .order_by(_A.c.start_at, _A.c.id)
        .limit(bindparam("limit"))
    )


_COMING = {d: _coming_statement(d) for d in DIALECTS}
_LEFT_OPEN = {d: _left_open_statement(d) for d in DIALECTS}


def coming(
    conn: Connection, org_id: int, after: datetime, before: datetime, limit: int
) -> list[tuple[AppointmentRow, Names]]:
    """Active appointments starting in ``[after, before)``, the first ``limit`` by start."""
    params = {"org": org_id, "after": after, "before": before, "limit": limit}
    return [listed_row(r) for r in conn.execute(_COMING[conn.dialect.name], params)]


def left_open(
    conn: Connection, org_id: int, since: datetime, now: datetime, limit: int
) -> list[tuple[AppointmentRow, Names]]:
    """Appointments that started after ``since`` and ended by ``now`` still active
    (neither completed, nor a no-show, nor cancelled), by start."""
    params = {"org": org_id, "since": since, "now": now, "limit": limit}
    return [listed_row(r) for r in conn.execute(_LEFT_OPEN[conn.dialect.name], params)]


@dataclass(frozen=True, slots=True)
class OpenConflictRow:
    id: int
    cause: str
    reason: str
    created_at: datetime
    forced_by: str
    #: The appointments it still sets aside: how many, and the first one's start.
    waiting: int
    first_start: datetime | None


def open_conflicts(conn: Connection, org_id: int, limit: int) -> list[OpenConflictRow]:
    """Open conflicts, the newest first, with what they still set aside."""
    waiting = (
        select(
            _A.c.conflict_id,
            func.count().label("waiting"),
            func.min(_A.c.start_at).label("first_start"),
        )
        .where(_A.c.organization_id == org_id, _A.c.conflict_id.is_not(None))
        .group_by(_A.c.conflict_id)
        .subquery()
    )
    rows = conn.execute(
        select(
            _CONFLICT.c.id,
            _CONFLICT.c.cause,
            _CONFLICT.c.reason,
            _CONFLICT.c.created_at,
            _STAFF.c.display_name,
            func.coalesce(waiting.c.waiting, 0),
            waiting.c.first_start,
        )
        .join(_STAFF, _STAFF.c.id == _CONFLICT.c.forced_by_id)
        .outerjoin(waiting, waiting.c.conflict_id == _CONFLICT.c.id)
        .where(_CONFLICT.c.organization_id == org_id, _CONFLICT.c.status.in_(UNRESOLVED))
        .order_by(_CONFLICT.c.created_at.desc(), _CONFLICT.c.id.desc())
        .limit(limit)
    )
    return [OpenConflictRow(*r) for r in rows]
