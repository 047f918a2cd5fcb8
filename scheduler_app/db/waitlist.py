"""Waitlist rows (see `db.waitlist_models`), with the names the desk reads."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, NamedTuple

from sqlalchemy import Connection, delete, insert, select, update

from scheduler_app.db.base import table_of
from scheduler_app.db.models import Client, Professional, Service
from scheduler_app.db.waitlist_models import WaitlistEntry

_W = table_of(WaitlistEntry)
_C = table_of(Client)
_P = table_of(Professional)
_S = table_of(Service)


class WaitlistRow(NamedTuple):
    id: int
    client_id: int
    service_id: int
    professional_id: int | None
    first_day: date
    last_day: date
    earliest: time
    latest: time
    status: str
    appointment_id: int | None
    created_at: datetime
    held_until: datetime | None
    client_name: str
    service_name: str
    professional_name: str | None


_COLUMNS = [_W.c[name] for name in WaitlistRow._fields[:12]]
_NAMES = [_C.c.name.label("client_name"), _S.c.name.label("service_name"), _P.c.name]


def _listed() -> Any:
    return (
        select(*_COLUMNS, *_NAMES)
        .join(_C, _C.c.id == _W.c.client_id)
        .join(_S, _S.c.id == _W.c.service_id)
        .outerjoin(_P, _P.c.id == _W.c.professional_id)
    )


def insert_entry(conn: Connection, values: dict[str, Any]) -> int:
    return int(conn.execute(insert(_W).returning(_W.c.id), values).scalar_one())


def entries(
    conn: Connection,
    org_id: int,
    service_id: int | None = None,
    professional_id: int | None = None,
    status: str | None = None,
) -> list[WaitlistRow]:
    """This clinic's entries, first come first (by when they were added)."""
    query = _listed().where(_W.c.organization_id == org_id)
    if service_id is not None:
        query = query.where(_W.c.service_id == service_id)
    if professional_id is not None:
        query = query.where(_W.c.professional_id == professional_id)
    if status is not None:
        query = query.where(_W.c.status == status)
    query = query.order_by(_W.c.created_at, _W.c.id)
    return [WaitlistRow._make(row) for row in conn.execute(query)]


def waiting_on(conn: Connection, org_id: int, day: date) -> list[WaitlistRow]:
    """Entries still waiting whose days include ``day``, first come first."""
    query = (
        _listed()
        .where(
            _W.c.organization_id == org_id,
            _W.c.status == "waiting",
            _W.c.first_day <= day,
            _W.c.last_day >= day,
        )
        .order_by(_W.c.created_at, _W.c.id)
    )
    return [WaitlistRow._make(row) for row in conn.execute(query)]


def entry(conn: Connection, org_id: int, entry_id: int) -> WaitlistRow | None:
    query = _listed().where(_W.c.organization_id == org_id, _W.c.id == entry_id)
    row = conn.execute(query).one_or_none()
    return None if row is None else WaitlistRow._make(row)


def mark_booked(conn: Connection, entry_id: int, appointment_id: int) -> None:
    values = {"status": "booked", "appointment_id": appointment_id, "held_until": None}
    conn.execute(update(_W).where(_W.c.id == entry_id).values(values))


def mark_waiting(conn: Connection, entry_id: int) -> None:
    """Waiting again (its booking taken back)."""
    values = {"status": "waiting", "appointment_id": None, "held_until": None}
    conn.execute(update(_W).where(_W.c.id == entry_id).values(values))


def mark_held(conn: Connection, entry_id: int, appointment_id: int, until: datetime) -> None:
    values = {"status": "held", "appointment_id": appointment_id, "held_until": until}
    conn.execute(update(_W).where(_W.c.id == entry_id).values(values))


def held(conn: Connection, org_id: int) -> list[WaitlistRow]:
    """The entries holding a time for their client."""
    query = _listed().where(_W.c.organization_id == org_id, _W.c.status == "held")
    return [WaitlistRow._make(row) for row in conn.execute(query.order_by(_W.c.held_until))]


def delete_entry(conn: Connection, entry_id: int) -> None:
    conn.execute(delete(_W).where(_W.c.id == entry_id))


def move_client(conn: Connection, org_id: int, from_id: int, to_id: int) -> None:
    """A merged duplicate's entries wait for the client kept."""
    where = (_W.c.organization_id == org_id) & (_W.c.client_id == from_id)
    conn.execute(update(_W).where(where).values(client_id=to_id))


def delete_of_clients(conn: Connection, org_id: int, client_ids: list[int]) -> None:
    """An erased client waits for nothing any more."""
    where = (_W.c.organization_id == org_id) & _W.c.client_id.in_(client_ids)
    conn.execute(delete(_W).where(where))
