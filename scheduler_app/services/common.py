"""Checks shared by the appointment use cases, run inside their transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from scheduler_app.db.models import (
    Appointment,
    AppointmentType,
    Client,
    Professional,
    Role,
    StaffUser,
)
from scheduler_app.domain.limits import TimeRangeError, check_time_range
from scheduler_app.errors import (
    NotFoundError,
    PermissionDeniedError,
    StaleDataError,
    ValidationError,
)
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import AppointmentView
from scheduler_app.services.views import appointment_view_with

#: Fields recorded in the audit trail for every appointment change.
AUDIT_FIELDS = ("start_at", "end_at", "status", "professional_id", "client_id")


def require_actor(session: Session, ctx: ServiceContext, actor_id: int, *roles: Role) -> StaffUser:
    """The active staff user ``actor_id`` of this organization, with one of ``roles``."""
    user = session.get(StaffUser, actor_id)
    check_actor(_ours(user, ctx), *roles)
    assert user is not None
    return user


def check_actor(user: Any | None, *roles: Role) -> None:
    """``user`` (this organization's, or None) may act, with one of ``roles``."""
    if user is None or not user.is_active:
        raise PermissionDeniedError("Your desk account is unknown or disabled.")
    if roles and user.role not in roles:
        names = " or ".join(r.value for r in roles)
        raise PermissionDeniedError(f"Only a {names} can do that.")


def load_appointment(
    session: Session, ctx: ServiceContext, appointment_id: int, expected_version: int | None
) -> Appointment:
    appt = session.get(Appointment, appointment_id)
    check_appointment(_ours(appt, ctx), expected_version)
    assert appt is not None
    return appt


def check_appointment(appt: Any | None, expected_version: int | None) -> Any:
    """``appt`` (this organization's, or None) exists, at ``expected_version`` if given."""
    if appt is None:
        raise NotFoundError("That appointment no longer exists.")
    if expected_version is not None and appt.version != expected_version:
        raise StaleDataError(
            "Someone else changed this appointment since you opened it. "
            "It has been reloaded; please check it and try again."
        )
    return appt


def hold(session: Session, obj: object) -> None:
    """Keep ``obj`` in this transaction's identity map (it holds objects weakly): later
    lookups of it, e.g. for the notification text, then need no query."""
    session.info.setdefault("held", []).append(obj)


def require_professional(session: Session, ctx: ServiceContext, professional_id: int) -> None:
    prof = session.get(Professional, professional_id)
    hold(session, prof)
    check_professional(_ours(prof, ctx))


def check_professional(prof: Any | None) -> None:
    if prof is None:
        raise ValidationError("That professional does not exist.")
    if not prof.is_active:
        raise ValidationError(f"{prof.name} is not active and cannot take appointments.")


def require_client(session: Session, ctx: ServiceContext, client_id: int) -> None:
    client = session.get(Client, client_id)
    hold(session, client)
    check_client(_ours(client, ctx))


def check_client(client: Any | None) -> None:
    if client is None:
        raise ValidationError("That client does not exist.")
    if not client.is_active:
        raise ValidationError(f"{client.name}'s record is archived; restore it first.")


def require_type(session: Session, ctx: ServiceContext, type_id: int) -> AppointmentType:
    kind = session.get(AppointmentType, type_id)
    check_type(_ours(kind, ctx))
    assert kind is not None
    return kind


def check_type(kind: Any | None) -> Any:
    if kind is None:
        raise ValidationError("That appointment type does not exist.")
    if not kind.is_active:
        raise ValidationError(f"The service {kind.name!r} is no longer offered.")
    return kind


def _ours(obj: Any | None, ctx: ServiceContext) -> Any | None:
    """``obj`` if it belongs to this organization, else None (as if it did not exist)."""
    return obj if obj is not None and obj.organization_id == ctx.organization_id else None


def check_times(start: datetime, end: datetime) -> None:
    try:
        check_time_range(start, end)
    except TimeRangeError as exc:
        raise ValidationError(str(exc)) from exc


def check_not_past(ctx: ServiceContext, end: datetime) -> None:
    if end <= ctx.now():
        raise ValidationError("That time has already passed. Choose a time still to come.")


def touch(appt: Appointment, actor: StaffUser, now: datetime) -> None:
    appt.updated_by_id = actor.id
    appt.updated_at = now


def view(session: Session, appointment_id: int) -> AppointmentView:
    """The appointment as the desk sees it, from what this transaction already holds
    (no query when the client, professional and service were loaded: the use
    cases check them, and each query here would run under the scheduling lock)."""
    session.flush()
    appt = session.get(Appointment, appointment_id)
    assert appt is not None
    client = session.get(Client, appt.client_id) if appt.client_id is not None else None
    prof = (
        session.get(Professional, appt.professional_id)
        if appt.professional_id is not None
        else None
    )
    kind = (
        session.get(AppointmentType, appt.appointment_type_id)
        if appt.appointment_type_id is not None
        else None
    )
    return appointment_view_with(appt, client, prof, kind)


def active_staff(session: Session, ctx: ServiceContext) -> list[StaffUser]:
    stmt = select(StaffUser).where(
        StaffUser.organization_id == ctx.organization_id, StaffUser.is_active.is_(True)
    )
    return list(session.scalars(stmt))
