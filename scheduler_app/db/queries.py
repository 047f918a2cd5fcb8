"""Reads the services need, written once, index-backed.

Window reads bound ``start_at`` from below by ``MAX_DURATION`` so that both
databases answer from the (organization, start_at, ...) index instead of scanning.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, Select, and_, bindparam, func, select, text
from sqlalchemy.orm import Session

from scheduler_app.db.models import (
    Appointment,
    AppointmentType,
    AuditEntry,
    Client,
    Professional,
)
from scheduler_app.domain.limits import MAX_DURATION
from scheduler_app.domain.status import ACTIVE_STATUSES

_appointment = Appointment.__table__
#: An appointment with its client's name and phone, professional's and service's names.
ViewRow = Row[Appointment, str, str, str, str]
_ACTIVE = sorted(s.value for s in ACTIVE_STATUSES)
_ACTIVE_SQL = ", ".join(f"'{s}'" for s in _ACTIVE)


def overlapping_filter(org_id: int, start: datetime, end: datetime) -> Any:
    """Rows of ``org_id`` whose ``[start_at, end_at)`` overlaps ``[start, end)``."""
    c = _appointment.c
    return and_(
        c.organization_id == org_id,
        c.start_at > start - MAX_DURATION,
        c.start_at < end,
        c.end_at > start,
    )


def _active_window_statement() -> Select[Any]:
    c = _appointment.c
    return select(c.id, c.start_at, c.end_at, c.professional_id).where(
        c.organization_id == bindparam("org"),
        c.start_at > bindparam("lowest_start"),
        c.start_at < bindparam("end"),
        c.end_at > bindparam("start"),
        # Constants rendered inline: an expanding IN would be re-processed every call.
        text(f"appointment.status IN ({_ACTIVE_SQL})"),
    )


# Built once: the availability check runs on every hover and must not pay for
# constructing and compiling SQL each time.
_ACTIVE_WINDOW = _active_window_statement()
_ACTIVE_PROFESSIONALS = select(Professional.id).where(
    Professional.organization_id == bindparam("org"), Professional.is_active.is_(True)
)


def active_in_window(
    conn: Connection, org_id: int, start: datetime, end: datetime
) -> Sequence[Row[Any]]:
    """(id, start_at, end_at, professional_id) of active appointments overlapping the window."""
    params = {"org": org_id, "lowest_start": start - MAX_DURATION, "start": start, "end": end}
    return conn.execute(_ACTIVE_WINDOW, params).all()


def active_professional_ids(conn: Connection, org_id: int) -> list[int]:
    return list(conn.execute(_ACTIVE_PROFESSIONALS, {"org": org_id}).scalars())


def appointment_view_statement() -> Select[Appointment, str, str, str, str]:
    """Appointments joined with the names the desk sees."""
    return (
        select(Appointment, Client.name, Client.phone, Professional.name, AppointmentType.name)
        .outerjoin(Client, Appointment.client_id == Client.id)
        .outerjoin(Professional, Appointment.professional_id == Professional.id)
        .outerjoin(AppointmentType, Appointment.appointment_type_id == AppointmentType.id)
    )


def appointments_between(
    session: Session, org_id: int, start: datetime, end: datetime
) -> Sequence[ViewRow]:
    stmt = (
        appointment_view_statement()
        .where(overlapping_filter(org_id, start, end))
        .order_by(Appointment.start_at, Appointment.id)
    )
    return session.execute(stmt).all()


def appointment_row(session: Session, appointment_id: int) -> ViewRow | None:
    stmt = appointment_view_statement().where(Appointment.id == appointment_id)
    return session.execute(stmt).first()


def last_audit_id(conn: Connection) -> int:
    return conn.execute(select(func.max(AuditEntry.id))).scalar() or 0
