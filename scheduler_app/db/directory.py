"""Reads of the clinic's directory: its settings, professionals, clients, services, staff.

Admin changes load these as ORM objects, change them and let the session write
them (they add no demand to the schedule); the desk's hot paths read `db.facts`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import Connection, func, or_, select, update
from sqlalchemy.orm import Session

from scheduler_app.db.base import table_of
from scheduler_app.db.models import (
    Appointment,
    Client,
    Organization,
    Professional,
    Service,
    StaffUser,
)
from scheduler_app.db.notification_models import Channel, MessageTemplate, NotificationKind


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


def professional_names(conn: Connection, org_id: int, ids: Iterable[int]) -> dict[int, str]:
    keys = sorted(set(ids))
    if not keys:
        return {}
    rows = conn.execute(
        select(Professional.id, Professional.name).where(
            Professional.organization_id == org_id, Professional.id.in_(keys)
        )
    )
    return {key: name for key, name in rows}


def active_services(session: Session, org_id: int) -> Sequence[Service]:
    return session.scalars(
        select(Service)
        .where(Service.organization_id == org_id, Service.is_active.is_(True))
        .order_by(Service.name)
    ).all()


def find_clients(session: Session, org_id: int, text: str, limit: int) -> Sequence[Client]:
    """Active clients whose name, phone or e-mail contains ``text`` (all when empty)."""
    stmt = select(Client).where(Client.organization_id == org_id, Client.is_active.is_(True))
    if text:
        pattern = "%" + text.replace("%", r"\%").replace("_", r"\_") + "%"
        digits = re.sub(r"\D", "", text)
        conditions = [
            Client.name.ilike(pattern, escape="\\"),
            Client.email.ilike(pattern, escape="\\"),
        ]
        if len(digits) >= 3:
            phone = func.replace(func.replace(Client.phone, " ", ""), "-", "")
            conditions.append(phone.like(f"%{digits}%"))
        stmt = stmt.where(or_(*conditions))
    return session.scalars(stmt.order_by(Client.name, Client.id).limit(limit)).all()


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
