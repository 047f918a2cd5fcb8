"""The clinic's settings: opening hours, what is booked ahead, whether it is set up.

Admin changes: ORM objects, written by the caller's session (no scheduling lock).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from scheduler_app.db.models import Appointment, OpeningHours, Professional, Service
from scheduler_app.domain.status import ACTIVE_STATUSES


def opening_hours(session: Session, org_id: int) -> Sequence[OpeningHours]:
    """The clinic's ranges by weekday and time."""
    return session.scalars(
        select(OpeningHours)
        .where(OpeningHours.organization_id == org_id)
        .order_by(OpeningHours.weekday, OpeningHours.opens)
    ).all()


def upcoming(session: Session, org_id: int, now: datetime) -> tuple[int, datetime | None]:
    """(how many active appointments start from ``now`` on, the first one's start)."""
    count, first = session.execute(
        select(func.count(), func.min(Appointment.start_at)).where(
            Appointment.organization_id == org_id,
            Appointment.start_at >= now,
            Appointment.status.in_(sorted(ACTIVE_STATUSES)),
        )
    ).one()
    return int(count), first


def has_professionals_or_services(session: Session, org_id: int) -> bool:
    return bool(
        session.scalar(
            select(
                exists().where(Professional.organization_id == org_id)
                | exists().where(Service.organization_id == org_id)
            )
        )
    )
