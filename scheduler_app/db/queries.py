"""Reads the services need, written once, index-backed.

Window reads bound ``start_at`` from below by ``MAX_DURATION`` so that both
databases answer from the (organization, start_at, ...) index instead of scanning.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Connection,
    Integer,
    Row,
    Select,
    String,
    and_,
    bindparam,
    cast,
    func,
    literal_column,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session

from scheduler_app.db.base import table_of
from scheduler_app.db.models import (
    Appointment,
    AppointmentType,
    Client,
    Organization,
    Professional,
)
from scheduler_app.db.raw_query import RawQuery, Statement
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


def _epoch(column: Any, dialect: str) -> Any:
    """Seconds since 1970 as an integer, computed by the database (no per-row parsing)."""
    if dialect == "sqlite":
        if sqlite3.sqlite_version_info >= (3, 38):
            return func.unixepoch(column)  # a third of strftime's cost
        return cast(func.strftime(literal_column("'%s'"), column), Integer)
    return cast(func.extract("epoch", column), BigInteger)


def _active_window_statement(dialect: str) -> Select[Any]:
    c = _appointment.c
    return select(
        c.id, _epoch(c.start_at, dialect), _epoch(c.end_at, dialect), c.professional_id
    ).where(
        c.organization_id == bindparam("org"),
        c.start_at > bindparam("lowest_start"),
        c.start_at < bindparam("end"),
        c.end_at > bindparam("start"),
        # Constants rendered inline: an expanding IN would be re-processed every call.
        text(f"appointment.status IN ({_ACTIVE_SQL})"),
    )


def _decision_statement(dialect: str) -> Any:
    """The window's active appointments, then the active professionals, in one trip.

    Professional rows come back as (NULL, NULL, NULL, professional id).
    """
    p = Professional.__table__.c
    null: Any = literal_column("NULL")
    professionals = select(null, null, null, p.id).where(
        p.organization_id == bindparam("org"), p.is_active.is_(True)
    )
    return union_all(_active_window_statement(dialect), professionals)


# Built once: the availability check runs on every hover and must not pay for
# constructing SQL each time.
_ACTIVE_WINDOW = {d: _active_window_statement(d) for d in ("sqlite", "postgresql")}
_DECISION = {d: RawQuery(_decision_statement(d)) for d in ("sqlite", "postgresql")}
_EDGE = {d: RawQuery(_active_window_statement(d)) for d in ("sqlite", "postgresql")}
#: The scheduling lock (see `services.unit_of_work`): FOR NO KEY UPDATE, as FOR UPDATE
#: would block the foreign-key checks of every insert referring to the organization.
_ORGANIZATION = table_of(Organization)
_SCHEDULE_LOCK = RawQuery(
    select(_ORGANIZATION.c.id)
    .where(_ORGANIZATION.c.id == bindparam("org"))
    .with_for_update(key_share=True)
)


def _window_params(org_id: int, start: datetime, end: datetime) -> dict[str, Any]:
    return {"org": org_id, "lowest_start": start - MAX_DURATION, "start": start, "end": end}


def active_in_window(
    conn: Connection, org_id: int, start: datetime, end: datetime
) -> Sequence[Row[int, int, int, int | None]]:
    """Active appointments overlapping ``[start, end)``.

    Rows are (id, start, end, professional_id) with times as integer epoch seconds:
    the hot path of every availability decision, so nothing is parsed per row.
    """
    return conn.execute(_ACTIVE_WINDOW[conn.dialect.name], _window_params(org_id, start, end)).all()


def lock_schedule(conn: Connection, org_id: int) -> None:
    """Take the organization's scheduling lock (PostgreSQL; held until the commit)."""
    _SCHEDULE_LOCK.all(conn, {"org": org_id})


def schedule_lock(org_id: int) -> Statement:
    """`lock_schedule` as a statement for `window_and_professionals` to run first."""
    return _SCHEDULE_LOCK, {"org": org_id}


def window_and_professionals(
    conn: Connection,
    org_id: int,
    start: datetime,
    end: datetime,
    *,
    first: Sequence[Statement] = (),
) -> tuple[list[tuple[int, int, int, int | None]], list[int]]:
    """`active_in_window` plus the ids of the active professionals, in one query.

    ``first``: statements to run before it in the same round trip, such as the
    scheduling lock (`schedule_lock`): the read then starts, with its own snapshot,
    once the lock is granted, and the lock is held one round trip less.
    """
    query, params = _DECISION[conn.dialect.name], _window_params(org_id, start, end)
    rows = query.all(conn, params, first)
    return [r for r in rows if r[0] is not None], [r[3] for r in rows if r[0] is None]


def window_edge(
    conn: Connection, org_id: int, start: datetime, end: datetime
) -> list[tuple[int, int, int, int | None]]:
    """`active_in_window` for the hot path (plain tuples, straight from the driver)."""
    return _EDGE[conn.dialect.name].all(conn, _window_params(org_id, start, end))


#: Appointments with their client, professional and service (each may be missing).
_WITH_NAMES = (
    _appointment.outerjoin(Client.__table__, _appointment.c.client_id == Client.__table__.c.id)
    .outerjoin(
        Professional.__table__, _appointment.c.professional_id == Professional.__table__.c.id
    )
    .outerjoin(
        AppointmentType.__table__,
        _appointment.c.appointment_type_id == AppointmentType.__table__.c.id,
    )
)


def _summary_statement(dialect: str) -> Select[Any]:
    a, cl, pr = _appointment.c, Client.__table__.c, Professional.__table__.c
    return (
        select(_epoch(a.start_at, dialect), _epoch(a.end_at, dialect), cl.name, pr.name)
        .select_from(_WITH_NAMES)
        .where(a.id == bindparam("id"))
    )


_SUMMARY = {d: RawQuery(_summary_statement(d)) for d in ("sqlite", "postgresql")}


def appointment_summary(
    conn: Connection, appointment_id: int
) -> tuple[datetime, datetime, str | None, str | None] | None:
    """(start, end, client name, professional name) of one appointment (the refusal
    message of a hover check: the driver's cursor straight, like the decision)."""
    rows = _SUMMARY[conn.dialect.name].all(conn, {"id": appointment_id})
    if not rows:
        return None
    start, end, client, professional = rows[0]
    return (
        datetime.fromtimestamp(start, UTC),
        datetime.fromtimestamp(end, UTC),
        client,
        professional,
    )


def active_professional_ids(conn: Connection, org_id: int) -> list[int]:
    stmt = select(Professional.id).where(
        Professional.organization_id == org_id, Professional.is_active.is_(True)
    )
    return list(conn.execute(stmt).scalars())


def appointment_view_statement() -> Select[Appointment, str, str, str, str]:
    """Appointments joined with the names the desk sees."""
    return (
        select(Appointment, Client.name, Client.phone, Professional.name, AppointmentType.name)
        .outerjoin(Client, Appointment.client_id == Client.id)
        .outerjoin(Professional, Appointment.professional_id == Professional.id)
        .outerjoin(AppointmentType, Appointment.appointment_type_id == AppointmentType.id)
    )


def client_appointments(
    session: Session, org_id: int, client_id: int, limit: int
) -> Sequence[ViewRow]:
    """A client's appointments, latest first (index on client and start)."""
    stmt = (
        appointment_view_statement()
        .where(Appointment.organization_id == org_id, Appointment.client_id == client_id)
        .order_by(Appointment.start_at.desc(), Appointment.id.desc())
        .limit(limit)
    )
    return session.execute(stmt).all()


def _view_rows_statement(dialect: str) -> Select[Any]:
    """`appointment_view_statement` as plain columns, times as epoch seconds."""
    a, cl = _appointment.c, Client.__table__.c
    pr, ty = Professional.__table__.c, AppointmentType.__table__.c
    return (
        select(
            a.id,
            a.version,
            _epoch(a.start_at, dialect),
            _epoch(a.end_at, dialect),
            a.status,
            a.priority,
            a.title,
            a.client_id,
            cl.name,
            cl.phone,
            a.professional_id,
            pr.name,
            a.appointment_type_id,
            ty.name,
            a.description,
            a.location,
            a.is_virtual,
            a.meeting_url,
            cast(a.estimated_cost, String),
            cast(a.actual_cost, String),
            a.currency,
            a.is_billable,
            a.cancellation_reason,
            a.completion_notes,
            a.completion_rating,
            a.completion_feedback,
            a.external_id,
            a.external_url,
        )
        .select_from(_WITH_NAMES)
        .where(
            a.organization_id == bindparam("org"),
            a.start_at > bindparam("lowest_start"),
            a.start_at < bindparam("end"),
            a.end_at > bindparam("start"),
        )
        .order_by(a.start_at, a.id)
    )


_VIEW_ROWS = {d: RawQuery(_view_rows_statement(d)) for d in ("sqlite", "postgresql")}


def view_rows_between(
    conn: Connection, org_id: int, start: datetime, end: datetime
) -> list[tuple[Any, ...]]:
    """Appointments overlapping ``[start, end)`` with the names the desk sees, as plain
    driver tuples in the column order of `_view_rows_statement` (calendar loads:
    thousands of rows, so nothing is converted per row but what the view needs)."""
    return _VIEW_ROWS[conn.dialect.name].all(conn, _window_params(org_id, start, end))


def appointment_row(session: Session, appointment_id: int) -> ViewRow | None:
    stmt = appointment_view_statement().where(Appointment.id == appointment_id)
    return session.execute(stmt).first()
