"""The reads of utilisation: the time professionals and resources are booked, and
who can be booked (professionals with their leaving instant, resources with their
maintenance: `resources.decision_resources`).

Booked time: every appointment but cancelled ones (a no-show held its time), as
epoch seconds computed by the database, read through the covering
``ix_appointment_window`` index (organization, start, end, status, professional).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, bindparam, select

from scheduler_app.db.base import table_of
from scheduler_app.db.models import Appointment, Professional
from scheduler_app.db.raw_query import RawQuery
from scheduler_app.db.resource_models import AppointmentResource
from scheduler_app.db.schedule import DIALECTS, epoch
from scheduler_app.domain.limits import MAX_DURATION
from scheduler_app.domain.status import AppointmentStatus

_A = table_of(Appointment)
_H = table_of(AppointmentResource)
_P = table_of(Professional)
_CANCELLED = AppointmentStatus.CANCELLED


class Staff(NamedTuple):
    id: int
    name: str
    active: bool
    #: The instant they leave (epoch seconds), or None.
    until: int | None


def staff(conn: Connection, org_id: int) -> list[Staff]:
    """Every professional of the clinic, retired ones too."""
    until = epoch(_P.c.available_until, conn.dialect.name)
    query = select(_P.c.id, _P.c.name, _P.c.is_active, until)
    rows = conn.execute(query.where(_P.c.organization_id == org_id).order_by(_P.c.id))
    return [Staff(int(i), str(n), bool(a), None if u is None else int(u)) for i, n, a, u in rows]


def _window(dialect: str, start: Any, end: Any, owner: Any, *where: Any) -> Any:
    """In the index's order (by start): each owner's spans come sorted. SQLite gives
    its stored text (turned into seconds by `_seconds`), PostgreSQL the seconds."""
    if dialect != "sqlite":
        start, end = epoch(start, dialect), epoch(end, dialect)
    return (
        select(owner, start, end)
        .where(
            _A.c.organization_id == bindparam("org"),
            _A.c.start_at >= bindparam("from"),
            _A.c.start_at < bindparam("hi"),
            _A.c.end_at > bindparam("lo"),
            _A.c.status != _CANCELLED,
            *where,
        )
        .order_by(_A.c.start_at)
    )


# Straight through the driver (`RawQuery`): a year holds a million rows, and
# SQLAlchemy's per-row work cost more than the rest of the report (measured).
_BOOKED = {
    d: RawQuery(
        _window(
            d, _A.c.start_at, _A.c.end_at, _A.c.professional_id, _A.c.professional_id.is_not(None)
        )
    )
    for d in DIALECTS
}
_HELD = {
    d: RawQuery(
        _window(d, _H.c.start_at, _H.c.end_at, _H.c.resource_id).join_from(
            _A, _H, _H.c.appointment_id == _A.c.id
        )
    )
    for d in DIALECTS
}


#: Per owner (professional or resource): the starts and the ends (epoch seconds), by start.
Spans = dict[int, tuple[list[int], list[int]]]


def _read(conn: Connection, query: RawQuery, org_id: int, lo: datetime, hi: datetime) -> Spans:
    """The rows grouped by owner, their times in seconds, in one pass.

    SQLite gives its stored UTC text ('YYYY-MM-DD HH:MM:SS'): each distinct text is
    converted once (appointments start and end on few distinct minutes: a year of 1M
    on a 5-minute grid has a few thousand), where SQLite's ``unixepoch`` on every row
    cost more than the rest of utilisation (measured about 2 us a row)."""
    params = {"org": org_id, "from": lo - MAX_DURATION, "lo": lo, "hi": hi}
    rows: list[Any] = query.all(conn, params)
    seconds: dict[Any, int] = {}
    if conn.dialect.name == "sqlite":
        for _owner, start, end in rows:
            seconds[start] = seconds[end] = 0
        for text in seconds:
            seconds[text] = int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp())
    out: Spans = {}
    for owner, start, end in rows:
        mine = out.get(owner)
        if mine is None:
            mine = out[owner] = ([], [])
        mine[0].append(seconds[start] if seconds else start)
        mine[1].append(seconds[end] if seconds else end)
    return out


def booked(conn: Connection, org_id: int, lo: datetime, hi: datetime) -> Spans:
    """Appointments with a professional overlapping ``[lo, hi)``, cancelled ones
    left out: per professional, their starts and ends."""
    return _read(conn, _BOOKED[conn.dialect.name], org_id, lo, hi)


def held(conn: Connection, org_id: int, lo: datetime, hi: datetime) -> Spans:
    """Resources held by appointments overlapping ``[lo, hi)``, cancelled ones left
    out: per resource, the starts and ends of its holds."""
    return _read(conn, _HELD[conn.dialect.name], org_id, lo, hi)
