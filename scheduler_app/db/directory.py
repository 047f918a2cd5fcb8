"""Reads of the clinic's directory: its settings, professionals, clients, services, staff.

Admin changes load these as ORM objects, change them and let the session write
them (they add no demand to the schedule); the desk's hot paths read `db.facts`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from sqlalchemy import Connection, bindparam, func, select, update
from sqlalchemy.orm import Session

from scheduler_app.db import raw_query
from scheduler_app.db.base import table_of
from scheduler_app.db.models import (
    Appointment,
    Organization,
    Professional,
    Service,
    StaffUser,
)
from scheduler_app.db.notification_models import Channel, MessageTemplate, NotificationKind
from scheduler_app.db.raw_query import RawQuery
from scheduler_app.db.rows import ActorRow


def first_organization(session: Session) -> Organization | None:
    return session.scalar(select(Organization).order_by(Organization.id).limit(1))


def staff_user_named(session: Session, org_id: int, username: str) -> StaffUser | None:
    return session.scalar(
        select(StaffUser).where(StaffUser.organization_id == org_id, StaffUser.username == username)
    )


def first_staff_user(session: Session, org_id: int) -> StaffUser | None:
    return session.scalar(
        select(StaffUser).where(StaffUser.organization_id == org_id).order_by(StaffUser.id).limit(1)
    )


def appointment_count(session: Session) -> int:
    return session.scalar(select(func.count(Appointment.id))) or 0


def staff_count(session: Session, org_id: int) -> int:
    return (
        session.scalar(select(func.count(StaffUser.id)).where(StaffUser.organization_id == org_id))
        or 0
    )


def professionals(
    session: Session, org_id: int, *, include_inactive: bool, now: datetime
) -> Sequence[Professional]:
    """In the clinic's column order; without ``include_inactive``, those active and
    not gone by ``now``."""
    stmt = select(Professional).where(Professional.organization_id == org_id)
    if not include_inactive:
        stmt = stmt.where(
            Professional.is_active.is_(True),
            Professional.available_until.is_(None) | (Professional.available_until > now),
        )
    return session.scalars(
        stmt.order_by(Professional.sort_order, Professional.name, Professional.id)
    ).all()


def professional_count(session: Session, org_id: int) -> int:
    return (
        session.scalar(
            select(func.count(Professional.id)).where(Professional.organization_id == org_id)
        )
        or 0
    )


_PROFESSIONAL_NAMES = select(Professional.id, Professional.name).where(
    Professional.organization_id == bindparam("org"),
    Professional.id.in_(bindparam("ids", expanding=True)),
)


def professional_names(conn: Connection, org_id: int, ids: Iterable[int]) -> dict[int, str]:
    keys = sorted(set(ids))
    if not keys:
        return {}
    rows = conn.execute(_PROFESSIONAL_NAMES, {"org": org_id, "ids": keys})
    return {key: name for key, name in rows}


_ALL_PROFESSIONAL_NAMES = select(Professional.id, Professional.name).where(
    Professional.organization_id == bindparam("org")
)
_ALL_SERVICE_NAMES = select(Service.id, Service.name).where(
    Service.organization_id == bindparam("org")
)
_ALL_PROFESSIONAL_NAMES_RAW = RawQuery(_ALL_PROFESSIONAL_NAMES)
_ALL_SERVICE_NAMES_RAW = RawQuery(_ALL_SERVICE_NAMES)


def all_names(conn: Connection, org_id: int) -> tuple[dict[int, str], dict[int, str]]:
    """Every professional's and every service's name, retired ones included (the words
    of a refusal decided on the desk)."""
    return all_names_with_next_read(conn, org_id)()


def all_names_with_next_read(
    conn: Connection, org_id: int
) -> Callable[[], tuple[dict[int, str], dict[int, str]]]:
    """`all_names`, asked in the round trip of the next read (`raw_query.with_next_read`):
    what gives them."""
    params = {"org": org_id}
    professionals = raw_query.with_next_read(conn, _ALL_PROFESSIONAL_NAMES_RAW, params)
    services = raw_query.with_next_read(conn, _ALL_SERVICE_NAMES_RAW, params)
    return lambda: (dict(professionals()), dict(services()))


_PROFESSIONAL_NAME = RawQuery(
    select(Professional.name).where(
        Professional.organization_id == bindparam("org"), Professional.id == bindparam("id")
    )
)


def professional_name(conn: Connection, org_id: int, professional_id: int) -> str | None:
    """One professional's name, straight through the driver (refusals on the hover path)."""
    rows = _PROFESSIONAL_NAME.all(conn, {"org": org_id, "id": professional_id})
    return rows[0][0] if rows else None


def services(session: Session, org_id: int, *, include_retired: bool) -> Sequence[Service]:
    """In the clinic's order; without ``include_retired``, those still offered."""
    stmt = select(Service).where(Service.organization_id == org_id)
    if not include_retired:
        stmt = stmt.where(Service.is_active.is_(True))
    return session.scalars(stmt.order_by(Service.sort_order, Service.name, Service.id)).all()


def service_count(session: Session, org_id: int) -> int:
    return (
        session.scalar(select(func.count(Service.id)).where(Service.organization_id == org_id)) or 0
    )


def actor_row(session: Session, org_id: int, actor_id: int) -> ActorRow | None:
    """The staff account ``actor_id`` of this clinic (None if it is not one)."""
    user = session.get(StaffUser, actor_id)
    if user is None or user.organization_id != org_id:
        return None
    return ActorRow(user.id, user.is_active, user.role)


def professional_colors(session: Session, org_id: int) -> list[str]:
    return list(
        session.scalars(select(Professional.color).where(Professional.organization_id == org_id))
    )


def message_template(
    session: Session, org_id: int, kind: NotificationKind, channel: Channel
) -> MessageTemplate | None:
    return session.scalar(
        select(MessageTemplate).where(
            MessageTemplate.organization_id == org_id,
            MessageTemplate.kind == kind,
            MessageTemplate.channel == channel,
        )
    )


def set_professional_leaving(
    conn: Connection, professional_id: int, *, is_active: bool, available_until: datetime | None
) -> None:
    """Record when a professional leaves (`Professional.available_until`)."""
    conn.execute(
        update(table_of(Professional))
        .where(table_of(Professional).c.id == professional_id)
        .values(is_active=is_active, available_until=available_until)
    )


def professional_row(conn: Connection, org_id: int, professional_id: int) -> Professional | None:
    """One professional of this clinic, as its columns (read on a change's connection)."""
    table = table_of(Professional)
    row = conn.execute(
        select(table).where(table.c.id == professional_id, table.c.organization_id == org_id)
    ).first()
    return None if row is None else Professional(**row._mapping)


def slot_minutes(conn: Connection, org_id: int) -> int:
    """The clinic's grid step."""
    o = table_of(Organization)
    return int(conn.execute(select(o.c.slot_minutes).where(o.c.id == org_id)).scalar_one())
