"""The checks of every change, on the typed rows it read (`db.facts`).

Each raises the user-facing error with the reason, before anything is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from scheduler_app.db.client_clashes import Clash
from scheduler_app.db.models import Role
from scheduler_app.db.rows import ActorRow, AppointmentRow, ClientRow, ProfessionalRow, ServiceRow
from scheduler_app.domain.limits import TimeRangeError, check_time_range
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import (
    ClientClashError,
    NotFoundError,
    PermissionDeniedError,
    StaleDataError,
    ValidationError,
)

#: Who may change the clinic's set-up (services, professionals, settings).
MANAGERS = (Role.MANAGER, Role.ADMIN)


def check_actor(user: ActorRow | None, *roles: Role) -> ActorRow:
    """``user`` (this clinic's, or None) may act, with one of ``roles``."""
    if user is None or not user.is_active:
        raise PermissionDeniedError("Your desk account is unknown or disabled.")
    if roles and user.role not in roles:
        names = " or ".join(r.value for r in roles)
        raise PermissionDeniedError(f"Only a {names} can do that.")
    return user


def check_appointment(appt: AppointmentRow | None, expected_version: int | None) -> AppointmentRow:
    """``appt`` (this clinic's, or None) exists, at ``expected_version`` if given."""
    if appt is None:
        raise NotFoundError("That appointment no longer exists.")
    if expected_version is not None and appt.version != expected_version:
        raise StaleDataError(
            "Someone else changed this appointment since you opened it. "
            "It has been reloaded; please check it and try again."
        )
    return appt


def check_movable(appt: AppointmentRow) -> None:
    if not appt.status.is_active:
        raise ValidationError(
            f"A {appt.status.label.lower()} appointment cannot be moved. "
            + (
                "Restore it first."
                if appt.status in (AppointmentStatus.CANCELLED, AppointmentStatus.NO_SHOW)
                else "Book a new one instead."
            )
        )


def check_professional(prof: ProfessionalRow | None) -> ProfessionalRow:
    if prof is None:
        raise ValidationError("That professional does not exist.")
    if not prof.is_active:
        raise ValidationError(f"{prof.name} is not active and cannot take appointments.")
    return prof


def check_client(client: ClientRow | None) -> ClientRow:
    if client is None:
        raise ValidationError("That client does not exist.")
    if not client.is_active:
        raise ValidationError(f"{client.name}'s record is archived; restore it first.")
    return client


def check_service(service: ServiceRow | None) -> ServiceRow:
    if service is None:
        raise ValidationError("That service does not exist.")
    if not service.is_active:
        raise ValidationError(f"The service {service.name!r} is no longer offered.")
    return service


def check_times(start: datetime, end: datetime) -> None:
    try:
        check_time_range(start, end)
    except TimeRangeError as exc:
        raise ValidationError(str(exc)) from exc


def check_not_past(now: datetime, end: datetime) -> None:
    if end <= now:
        raise ValidationError("That time has already passed. Choose a time still to come.")


def check_client_clashes(clashes: Sequence[Clash], tz: tzinfo) -> None:
    """Refuse a change that gives a client two active appointments at once, in the
    words a receptionist would use; the desk may confirm it (`ClientClashError`)."""
    if not clashes:
        return
    first = clashes[0]
    others = len({c.other_id for c in clashes})
    start, end = first.other_start.astimezone(tz), first.other_end.astimezone(tz)
    span = f"{start:%H:%M}\N{EN DASH}{end:%H:%M}"
    if start.date() != end.date():
        span = f"{start:%a %d %b %H:%M}\N{EN DASH}{end:%a %d %b %H:%M}"
    who = f" with {first.other_professional}" if first.other_professional else ""
    more = f" (and {others - 1} more at that time)" if others > 1 else ""
    raise ClientClashError(
        f"{first.client_name} already has an appointment at {span}{who}{more}. Book both?",
        client_name=first.client_name,
        other_start=first.other_start,
        other_end=first.other_end,
        other_professional=first.other_professional,
        others=others,
    )
