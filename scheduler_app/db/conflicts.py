"""Conflicts: appointments a manager's forced change left without a valid assignment.

While a conflict is open its appointments carry its id (`Appointment.conflict_id`)
and the availability decision leaves them out (`db.schedule`); a change that
gives one a place, or ends it, takes it out of the conflict, and the conflict is
resolved once none is left.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, exists, func, insert, select, update

from scheduler_app.db.base import table_of
from scheduler_app.db.models import (
    UNRESOLVED,
    Appointment,
    Client,
    Conflict,
    ConflictAppointment,
    ConflictImpact,
    ConflictKind,
    ConflictStatus,
    Professional,
    Role,
    Service,
    StaffUser,
)
from scheduler_app.db.notification_models import Channel, Notification, NotificationKind

_CONFLICT = table_of(Conflict)
_LINK = table_of(ConflictAppointment)
_A = table_of(Appointment)
_C = table_of(Client)
_P = table_of(Professional)
_S = table_of(Service)
_STAFF = table_of(StaffUser)
_N = table_of(Notification)
#: The in-app recipient meaning every desk (as `services.outbox.DESK`).
DESKS = "desk"


def impact_of(first_start: datetime | None, at: datetime) -> ConflictImpact:
    """How much a conflict matters by how soon its first appointment starts: within a
    day critical, within a week high, later medium."""
    if first_start is None:
        return ConflictImpact.MEDIUM
    ahead = first_start - at
    if ahead < timedelta(days=1):
        return ConflictImpact.CRITICAL
    if ahead < timedelta(days=7):
        return ConflictImpact.HIGH
    return ConflictImpact.MEDIUM


def open_conflict(
    conn: Connection,
    org_id: int,
    *,
    kind: ConflictKind,
    cause: str,
    reason: str,
    forced_by: int,
    at: datetime,
    appointment_ids: Sequence[int],
    team_members: Sequence[str] = (),
    tell_desks: bool = True,
) -> int:
    """Record a conflict over ``appointment_ids`` and set them aside; its id. Its
    impact follows how soon the first of them starts (`impact_of`). Every desk is
    told: that ``team_members`` are unavailable when the change was theirs (their
    absence, plan or leaving), else that there is a new conflict."""
    first_start = conn.execute(
        select(func.min(_A.c.start_at)).where(_A.c.id.in_(list(appointment_ids)))
    ).scalar()
    conflict_id: int = conn.execute(
        insert(_CONFLICT)
        .values(
            organization_id=org_id,
            kind=kind,
            status=ConflictStatus.OPEN,
            impact=impact_of(first_start, at),
            cause=cause[:500],
            reason=reason,
            forced_by_id=forced_by,
            created_at=at,
        )
        .returning(_CONFLICT.c.id)
    ).scalar_one()
    conn.execute(
        insert(_LINK), [{"conflict_id": conflict_id, "appointment_id": a} for a in appointment_ids]
    )
    count = len(appointment_ids)
    waiting = (
        f"{count} appointment{'s wait' if count != 1 else ' waits'} for a professional "
        f"since a forced change ({cause})."
    )
    resolve = "Click the red count of open conflicts in the status bar to resolve them."
    if team_members:
        who = ", ".join(team_members)
        notice = NotificationKind.TEAM_MEMBER_UNAVAILABLE
        subject = f"Team member unavailable: {who}"
        message = f"{who} will not be there for booked appointments. {waiting} {resolve}"
    else:
        notice, subject = NotificationKind.CONFLICT_DETECTED, f"New conflict: {cause}"
        message = f"{waiting} {resolve}"
    if tell_desks:  # every desk is told at once (the in-app channel)
        _tell_desks(conn, org_id, at, appointment_ids, notice, subject, message)
    conn.execute(
        update(_A).where(_A.c.id.in_(list(appointment_ids))).values(conflict_id=conflict_id)
    )
    return conflict_id


def _tell_desks(
    conn: Connection,
    org_id: int,
    at: datetime,
    appointment_ids: Sequence[int],
    notice: NotificationKind,
    subject: str,
    message: str,
) -> None:
    conn.execute(
        insert(_N).values(
            organization_id=org_id,
            kind=notice,
            channel=Channel.IN_APP,
            recipient=DESKS,
            subject=subject[:200],
            message=message,
            appointment_id=min(appointment_ids) if appointment_ids else None,
            scheduled_at=at,
            created_at=at,
        )
    )


def resolve_emptied(conn: Connection, conflict_ids: Iterable[int], at: datetime) -> None:
    """Resolve those of ``conflict_ids`` that no appointment is set aside by any more."""
    ids = sorted(set(conflict_ids))
    if not ids:
        return
    still = exists().where(_A.c.conflict_id == _CONFLICT.c.id)
    conn.execute(
        update(_CONFLICT)
        .where(_CONFLICT.c.id.in_(ids), _CONFLICT.c.status.in_(UNRESOLVED), ~still)
        .values(status=ConflictStatus.RESOLVED, resolved_at=at)
    )


def open_count(conn: Connection, org_id: int) -> int:
    """How many conflicts wait to be resolved (open or escalated)."""
    return int(
        conn.execute(
            select(func.count()).where(
                _CONFLICT.c.organization_id == org_id, _CONFLICT.c.status.in_(UNRESOLVED)
            )
        ).scalar_one()
    )


def unresolved(conn: Connection, org_id: int) -> list[dict[str, Any]]:
    """The conflicts waiting to be resolved, most urgent first (impact, then age)."""
    rank = {i: n for n, i in enumerate(ConflictImpact)}
    rows = conn.execute(
        select(
            _CONFLICT.c.id,
            _CONFLICT.c.kind,
            _CONFLICT.c.status,
            _CONFLICT.c.impact,
            _CONFLICT.c.cause,
            _CONFLICT.c.reason,
            _CONFLICT.c.created_at,
            _CONFLICT.c.resolution_notes,
            _STAFF.c.display_name.label("forced_by"),
        )
        .join(_STAFF, _STAFF.c.id == _CONFLICT.c.forced_by_id)
        .where(_CONFLICT.c.organization_id == org_id, _CONFLICT.c.status.in_(UNRESOLVED))
        .order_by(_CONFLICT.c.created_at, _CONFLICT.c.id)
    ).mappings()
    found = [dict(r) for r in rows]
    found.sort(key=lambda r: -rank[ConflictImpact(r["impact"])])
    return found


def set_aside_by(
    conn: Connection,
    conflict_ids: Sequence[int] | None,
    org_id: int | None = None,
    appointment_id: int | None = None,
) -> list[dict[str, Any]]:
    """The appointments each of ``conflict_ids`` still sets aside, by start; with
    None, appointment ``appointment_id`` of clinic ``org_id`` if an unresolved
    conflict sets it aside."""
    which: list[ColumnElement[bool]]
    if conflict_ids is not None:
        if not conflict_ids:
            return []
        which = [_A.c.conflict_id.in_(list(conflict_ids))]
    else:
        which = [
            _A.c.organization_id == org_id,
            _A.c.id == appointment_id,
            _A.c.conflict_id.in_(select(_CONFLICT.c.id).where(_CONFLICT.c.status.in_(UNRESOLVED))),
        ]
    rows = conn.execute(
        select(
            _A.c.id,
            _A.c.conflict_id,
            _A.c.version,
            _A.c.start_at,
            _A.c.end_at,
            _A.c.status,
            _A.c.title,
            _A.c.service_id,
            _C.c.name.label("client"),
            _S.c.name.label("service"),
        )
        .outerjoin(_C, _C.c.id == _A.c.client_id)
        .outerjoin(_S, _S.c.id == _A.c.service_id)
        .where(*which)
        .order_by(_A.c.start_at, _A.c.id)
    ).mappings()
    return [dict(r) for r in rows]


def status_of(conn: Connection, org_id: int, conflict_id: int) -> ConflictStatus | None:
    found = conn.execute(
        select(_CONFLICT.c.status).where(
            _CONFLICT.c.organization_id == org_id, _CONFLICT.c.id == conflict_id
        )
    ).scalar()
    return None if found is None else ConflictStatus(found)


def set_status(
    conn: Connection,
    conflict_id: int,
    status: ConflictStatus,
    *,
    by: int,
    at: datetime,
    notes: str,
) -> None:
    """``status`` set by staff member ``by`` with their ``notes``; ignored ones are
    done with (``resolved_at``), escalated ones still wait."""
    conn.execute(
        update(_CONFLICT)
        .where(_CONFLICT.c.id == conflict_id)
        .values(
            status=status,
            resolved_by_id=by,
            resolution_notes=notes,
            resolved_at=at if status in (ConflictStatus.IGNORED, ConflictStatus.RESOLVED) else None,
        )
    )


def managers(conn: Connection, org_id: int) -> list[tuple[int, str]]:
    """(id, username) of the clinic's active managers and administrators."""
    rows = conn.execute(
        select(_STAFF.c.id, _STAFF.c.username)
        .where(
            _STAFF.c.organization_id == org_id,
            _STAFF.c.is_active.is_(True),
            _STAFF.c.role.in_([Role.MANAGER, Role.ADMIN]),
        )
        .order_by(_STAFF.c.id)
    ).all()
    return [(i, name) for i, name in rows]
