"""Reading the audit trail: the Audit window's filters and an appointment's history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, or_, select

from scheduler_app.db.base import table_of
from scheduler_app.db.models import Appointment, AuditEntry, StaffUser

_AUDIT = table_of(AuditEntry)
_STAFF = table_of(StaffUser)
_APPT = table_of(Appointment)


@dataclass(frozen=True, slots=True)
class AuditFilter:
    appointment_id: int | None = None
    client_id: int | None = None
    staff_id: int | None = None
    action: str | None = None
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True, slots=True)
class AuditRow:
    id: int
    at: datetime
    staff_id: int
    staff_name: str
    action: str
    entity: str
    entity_id: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def entries(conn: Connection, org_id: int, wanted: AuditFilter, limit: int) -> list[AuditRow]:
    """The latest ``limit`` entries matching ``wanted``, newest first."""
    stmt = (
        select(
            _AUDIT.c.id,
            _AUDIT.c.at,
            _AUDIT.c.actor_id,
            _STAFF.c.display_name,
            _AUDIT.c.action,
            _AUDIT.c.entity,
            _AUDIT.c.entity_id,
            _AUDIT.c.before,
            _AUDIT.c.after,
        )
        .join(_STAFF, _STAFF.c.id == _AUDIT.c.actor_id)
        .where(_AUDIT.c.organization_id == org_id)
    )
    if wanted.appointment_id is not None:
        stmt = stmt.where(
            _AUDIT.c.entity == "appointment", _AUDIT.c.entity_id == wanted.appointment_id
        )
    if wanted.client_id is not None:
        theirs = select(_APPT.c.id).where(_APPT.c.client_id == wanted.client_id)
        stmt = stmt.where(
            or_(
                and_(_AUDIT.c.entity == "client", _AUDIT.c.entity_id == wanted.client_id),
                and_(_AUDIT.c.entity == "appointment", _AUDIT.c.entity_id.in_(theirs)),
            )
        )
    if wanted.staff_id is not None:
        stmt = stmt.where(_AUDIT.c.actor_id == wanted.staff_id)
    if wanted.action:
        stmt = stmt.where(_AUDIT.c.action == wanted.action)
    if wanted.start is not None:
        stmt = stmt.where(_AUDIT.c.at >= wanted.start)
    if wanted.end is not None:
        stmt = stmt.where(_AUDIT.c.at < wanted.end)
    rows = conn.execute(stmt.order_by(_AUDIT.c.at.desc(), _AUDIT.c.id.desc()).limit(limit))
    return [AuditRow(*row) for row in rows]


def actions(conn: Connection, org_id: int) -> list[str]:
    return list(
        conn.execute(
            select(_AUDIT.c.action)
            .where(_AUDIT.c.organization_id == org_id)
            .distinct()
            .order_by(_AUDIT.c.action)
        ).scalars()
    )
