"""Reads of the clinic's schedule templates (admin data: loaded as ORM objects and
changed by the session; templates add no demand to the schedule)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from scheduler_app.db.working_time_models import ScheduleTemplate


def templates(
    session: Session, org_id: int, *, include_inactive: bool
) -> Sequence[ScheduleTemplate]:
    """By name; without ``include_inactive``, the active ones."""
    query = select(ScheduleTemplate).where(ScheduleTemplate.organization_id == org_id)
    if not include_inactive:
        query = query.where(ScheduleTemplate.is_active.is_(True))
    return session.scalars(query.order_by(ScheduleTemplate.name)).all()


def named(session: Session, org_id: int, name: str) -> int | None:
    """The id of the template called ``name``, if there is one."""
    return session.scalars(
        select(ScheduleTemplate.id).where(
            ScheduleTemplate.organization_id == org_id, ScheduleTemplate.name == name
        )
    ).first()


def other_defaults(session: Session, org_id: int, template_id: int) -> Sequence[ScheduleTemplate]:
    """The templates other than ``template_id`` marked as the default."""
    return session.scalars(
        select(ScheduleTemplate).where(
            ScheduleTemplate.organization_id == org_id,
            ScheduleTemplate.is_default.is_(True),
            ScheduleTemplate.id != template_id,
        )
    ).all()
