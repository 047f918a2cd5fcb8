"""Staff accounts and the clinic's sign-in settings (no scheduling lock: they add
no demand on the schedule)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, func, select
from sqlalchemy.orm import Session

from scheduler_app.db.base import table_of
from scheduler_app.db.models import Organization, Professional, Role, StaffUser

_STAFF = table_of(StaffUser)
_ORG = table_of(Organization)


def account_state(conn: Connection, org_id: int, staff_id: int) -> Row[Any, Any, Any, Any] | None:
    """The active account's id, username, display name and role (None if it is not
    this clinic's, or disabled)."""
    return conn.execute(
        select(_STAFF.c.id, _STAFF.c.username, _STAFF.c.display_name, _STAFF.c.role).where(
            _STAFF.c.id == staff_id,
            _STAFF.c.organization_id == org_id,
            _STAFF.c.is_active.is_(True),
        )
    ).first()


def least_role(conn: Connection, org_id: int, setting: str) -> Role:
    column = {"assign_role": _ORG.c.assign_role, "confirm_role": _ORG.c.confirm_role}[setting]
    value = conn.execute(select(column).where(_ORG.c.id == org_id)).scalar()
    return Role(value) if value is not None else Role.RECEPTION


def named(session: Session, org_id: int, username: str) -> StaffUser | None:
    """The account called ``username`` (letter case aside)."""
    return session.scalar(
        select(StaffUser).where(
            StaffUser.organization_id == org_id,
            func.lower(StaffUser.username) == username.strip().lower(),
        )
    )


def get(session: Session, org_id: int, staff_id: int) -> StaffUser | None:
    user = session.get(StaffUser, staff_id)
    return user if user is not None and user.organization_id == org_id else None


def accounts(session: Session, org_id: int) -> Sequence[StaffUser]:
    return session.scalars(
        select(StaffUser)
        .where(StaffUser.organization_id == org_id)
        .order_by(StaffUser.is_active.desc(), func.lower(StaffUser.display_name), StaffUser.id)
    ).all()


def active_admins(session: Session, org_id: int) -> int:
    return (
        session.scalar(
            select(func.count(StaffUser.id)).where(
                StaffUser.organization_id == org_id,
                StaffUser.role == Role.ADMIN,
                StaffUser.is_active.is_(True),
            )
        )
        or 0
    )


def with_password(session: Session, org_id: int) -> int:
    """How many accounts have a password."""
    return (
        session.scalar(
            select(func.count(StaffUser.id)).where(
                StaffUser.organization_id == org_id, StaffUser.password_hash.is_not(None)
            )
        )
        or 0
    )


def first_admin(session: Session, org_id: int) -> StaffUser | None:
    """The oldest active administrator."""
    return session.scalar(
        select(StaffUser)
        .where(
            StaffUser.organization_id == org_id,
            StaffUser.role == Role.ADMIN,
            StaffUser.is_active.is_(True),
        )
        .order_by(StaffUser.id)
        .limit(1)
    )


def professional_names(session: Session, org_id: int) -> dict[int, str]:
    rows = session.execute(
        select(Professional.id, Professional.name).where(Professional.organization_id == org_id)
    )
    return {row.id: row.name for row in rows}


def professional_of(session: Session, org_id: int, professional_id: int) -> Professional | None:
    prof = session.get(Professional, professional_id)
    return prof if prof is not None and prof.organization_id == org_id else None


def organization(session: Session, org_id: int) -> Organization:
    org = session.get(Organization, org_id)
    assert org is not None
    return org
