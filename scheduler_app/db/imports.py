"""The reads and writes of an import and an export: the clinic's people and services
to match by name, the ids already imported, new clients, professionals and
services, and the booking notices an import does not send.

Imported appointments themselves are booked by `BookingService.book`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Connection, func, insert, select, update

from scheduler_app.db.appointments import listed_row, listing
from scheduler_app.db.base import table_of
from scheduler_app.db.models import (
    Appointment,
    Client,
    Organization,
    Professional,
    Service,
    StaffUser,
)
from scheduler_app.db.notification_models import Notification
from scheduler_app.db.resource_models import AppointmentResource
from scheduler_app.db.rows import ActorRow, AppointmentRow, Names
from scheduler_app.db.schedule import window_filter, window_params
from scheduler_app.domain.notifications import NotificationKind, NotificationStatus

_A = table_of(Appointment)
_C = table_of(Client)
_HOLD = table_of(AppointmentResource)
_P = table_of(Professional)
_S = table_of(Service)
_O = table_of(Organization)
_U = table_of(StaffUser)
_N = table_of(Notification)


@dataclass(frozen=True, slots=True)
class Named:
    """A client, professional or service as an import matches it."""

    id: int
    name: str
    is_active: bool
    email: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class ClinicIdentity:
    clinic_id: str
    name: str
    currency: str


def clinic(conn: Connection, org_id: int) -> ClinicIdentity:
    row = conn.execute(select(_O.c.clinic_id, _O.c.name, _O.c.currency).where(_O.c.id == org_id))
    return ClinicIdentity(*row.one())


def actor(conn: Connection, org_id: int, actor_id: int) -> ActorRow | None:
    row = conn.execute(
        select(_U.c.id, _U.c.is_active, _U.c.role).where(
            _U.c.id == actor_id, _U.c.organization_id == org_id
        )
    ).first()
    return None if row is None else ActorRow(*row)


def clients(conn: Connection, org_id: int) -> list[Named]:
    rows = conn.execute(
        select(_C.c.id, _C.c.name, _C.c.is_active, _C.c.email, _C.c.phone)
        .where(_C.c.organization_id == org_id)
        .order_by(_C.c.id)
    )
    return [Named(*r) for r in rows]


def professionals(conn: Connection, org_id: int) -> list[Named]:
    rows = conn.execute(
        select(_P.c.id, _P.c.name, _P.c.is_active)
        .where(_P.c.organization_id == org_id)
        .order_by(_P.c.is_active.desc(), _P.c.id)
    )
    return [Named(*r) for r in rows]


def services(conn: Connection, org_id: int) -> list[Named]:
    rows = conn.execute(
        select(_S.c.id, _S.c.name, _S.c.is_active)
        .where(_S.c.organization_id == org_id)
        .order_by(_S.c.is_active.desc(), _S.c.id)
    )
    return [Named(*r) for r in rows]


def imported_ids(conn: Connection, org_id: int) -> set[str]:
    """The previous systems' ids the clinic's appointments already carry."""
    rows = conn.execute(
        select(_A.c.external_id).where(_A.c.organization_id == org_id, _A.c.external_id != "")
    )
    return {r[0] for r in rows}


def add_client(
    conn: Connection,
    org_id: int,
    *,
    name: str,
    phone: str,
    email: str,
    notes: str,
    at: datetime,
) -> int:
    values = {
        "organization_id": org_id,
        "name": name,
        "phone": phone,
        "email": email,
        "notes": notes,
        "is_active": True,
        "created_at": at,
    }
    return int(conn.execute(insert(_C).values(values).returning(_C.c.id)).scalar_one())


def add_professional(conn: Connection, org_id: int, *, name: str, color: str) -> int:
    count = conn.execute(
        select(func.count()).select_from(_P).where(_P.c.organization_id == org_id)
    ).scalar_one()
    values = {
        "organization_id": org_id,
        "name": name,
        "title": "",
        "color": color,
        "is_active": True,
        "sort_order": count,
    }
    return int(conn.execute(insert(_P).values(values).returning(_P.c.id)).scalar_one())


def add_service(
    conn: Connection, org_id: int, *, name: str, minutes: int, price: Decimal, currency: str
) -> int:
    values = {
        "organization_id": org_id,
        "name": name,
        "duration_minutes": minutes,
        "price": price,
        "currency": currency,
        "color": "#7cb342",
        "is_active": True,
        "reminder_minutes": "",
    }
    return int(conn.execute(insert(_S).values(values).returning(_S.c.id)).scalar_one())


def mark_imported(conn: Connection, appointment_ids: Iterable[int], external_id: str) -> None:
    """Keep the previous system's id on ``appointment_ids`` (a series' dates, all of
    one repeating event): the event is not imported twice."""
    ids = sorted(set(appointment_ids))
    for first in range(0, len(ids), 500):
        conn.execute(
            update(_A).where(_A.c.id.in_(ids[first : first + 500])).values(external_id=external_id)
        )


def withdraw_booking_notices(conn: Connection, appointment_ids: Iterable[int]) -> int:
    """Withdraw the "appointment booked" (and "changed") messages of
    ``appointment_ids`` not yet sent (their reminders stay); how many."""
    ids = sorted(set(appointment_ids))
    withdrawn = 0
    for first in range(0, len(ids), 500):
        result = conn.execute(
            update(_N)
            .where(
                _N.c.appointment_id.in_(ids[first : first + 500]),
                _N.c.kind.in_(
                    (NotificationKind.APPOINTMENT_CREATED, NotificationKind.APPOINTMENT_UPDATED)
                ),
                _N.c.status == NotificationStatus.PENDING,
            )
            .values(status=NotificationStatus.CANCELLED)
        )
        withdrawn += result.rowcount
    return withdrawn


def series_export_rows(
    conn: Connection, org_id: int, series_ids: Iterable[int]
) -> list[tuple[AppointmentRow, Names, str]]:
    """Every appointment of ``series_ids`` (cancelled ones too), by start, with their
    names and their client's e-mail address."""
    ids = sorted(set(series_ids))
    if not ids:
        return []
    statement = (
        listing(conn.dialect.name)
        .add_columns(_C.c.email)
        .where(_A.c.organization_id == org_id, _A.c.series_id.in_(ids))
        .order_by(_A.c.start_at, _A.c.id)
    )
    found = []
    for row in conn.execute(statement):
        appt, names = listed_row(row[:-1])
        found.append((appt, names, row[-1] or ""))
    return found


def export_rows(
    conn: Connection,
    org_id: int,
    start: datetime,
    end: datetime,
    professional_id: int | None,
    resource_id: int | None = None,
) -> list[tuple[AppointmentRow, Names, str]]:
    """Appointments overlapping ``[start, end)`` (of one professional, or holding one
    resource, if given), by start, with their names and their client's e-mail address."""
    statement = listing(conn.dialect.name).add_columns(_C.c.email).where(window_filter(_A.c))
    if professional_id is not None:
        statement = statement.where(_A.c.professional_id == professional_id)
    else:  # an appointment with several professionals: once, by its lead
        statement = statement.where(_A.c.joint_of.is_(None))
    if resource_id is not None:
        holding = select(_HOLD.c.appointment_id).where(_HOLD.c.resource_id == resource_id)
        statement = statement.where(_A.c.id.in_(holding))
    statement = statement.order_by(_A.c.start_at, _A.c.id)
    found = []
    for row in conn.execute(statement, window_params(org_id, start, end)):
        appt, names = listed_row(row[:-1])
        found.append((appt, names, row[-1] or ""))
    return found
