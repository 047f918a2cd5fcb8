"""Conflicts: appointments a manager's forced change left without a valid assignment.

While a conflict is open its appointments carry its id (`Appointment.conflict_id`)
and the availability decision leaves them out (`db.schedule`); a change that
gives one a place, or ends it, takes it out of the conflict, and the conflict is
resolved once none is left.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import Connection, exists, func, insert, select, update

from scheduler_app.db.base import table_of
from scheduler_app.db.models import (
    Appointment,
    Conflict,
    ConflictAppointment,
    ConflictKind,
    ConflictStatus,
)

_CONFLICT = table_of(Conflict)
_LINK = table_of(ConflictAppointment)
_A = table_of(Appointment)


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
) -> int:
    """Record a conflict over ``appointment_ids`` and set them aside; its id."""
    conflict_id: int = conn.execute(
        insert(_CONFLICT)
        .values(
            organization_id=org_id,
            kind=kind,
            status=ConflictStatus.OPEN,
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
    conn.execute(
        update(_A).where(_A.c.id.in_(list(appointment_ids))).values(conflict_id=conflict_id)
    )
    return conflict_id


def resolve_emptied(conn: Connection, conflict_ids: Iterable[int], at: datetime) -> None:
    """Resolve those of ``conflict_ids`` that no appointment is set aside by any more."""
    ids = sorted(set(conflict_ids))
    if not ids:
        return
    still = exists().where(_A.c.conflict_id == _CONFLICT.c.id)
    conn.execute(
        update(_CONFLICT)
        .where(_CONFLICT.c.id.in_(ids), _CONFLICT.c.status == ConflictStatus.OPEN, ~still)
        .values(status=ConflictStatus.RESOLVED, resolved_at=at)
    )


def open_count(conn: Connection, org_id: int) -> int:
    """How many conflicts are open."""
    return int(
        conn.execute(
            select(func.count()).where(
                _CONFLICT.c.organization_id == org_id, _CONFLICT.c.status == ConflictStatus.OPEN
            )
        ).scalar_one()
    )
