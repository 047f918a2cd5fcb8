"""The scheduling lock and the reads of the availability decision (the hot path).

Window reads bound ``start_at`` from below by ``MAX_DURATION`` so that both
databases answer from the (organization, start_at, ...) index instead of
scanning. Times come back as integer epoch seconds, computed by the database, and
rows straight from the driver (`RawQuery`): nothing is parsed per row.

Appointments set aside by an open conflict (unassigned, stranded by a manager's
forced change) are left out of the decision until the conflict is resolved.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    Connection,
    Integer,
    Select,
    bindparam,
    cast,
    func,
    literal_column,
    select,
    text,
    union_all,
)

from scheduler_app.db.base import table_of
from scheduler_app.db.models import Appointment, Organization, Professional, Service
from scheduler_app.db.placement_models import AppointmentPlacement
from scheduler_app.db.raw_query import RawQuery, Statement
from scheduler_app.db.working_time_models import TimeOff
from scheduler_app.domain.capacity import Demand, Span
from scheduler_app.domain.limits import MAX_DURATION
from scheduler_app.domain.rules import MAX_BUFFER_MINUTES
from scheduler_app.domain.status import ACTIVE_STATUSES

_APPOINTMENT = table_of(Appointment)
_PROFESSIONAL = table_of(Professional)
_ORGANIZATION = table_of(Organization)
_SERVICE = table_of(Service)
_TIME_OFF = table_of(TimeOff)
_PLACEMENT = table_of(AppointmentPlacement)
#: Time off is read this far around a decision's window (groups rarely reach further).
TIME_OFF_MARGIN = timedelta(days=1)
#: The farthest an appointment's buffer reaches beyond its start or end.
MAX_BUFFERS = timedelta(minutes=MAX_BUFFER_MINUTES)
ACTIVE_SQL = ", ".join(f"'{s.value}'" for s in sorted(ACTIVE_STATUSES))
DIALECTS = ("sqlite", "postgresql")


def epoch(column: Any, dialect: str) -> Any:
    """Seconds since 1970 as an integer, computed by the database (no per-row parsing)."""
    if dialect == "sqlite":
        if sqlite3.sqlite_version_info >= (3, 38):
            return func.unixepoch(column)  # a third of strftime's cost
        return cast(func.strftime(literal_column("'%s'"), column), Integer)
    return cast(func.extract("epoch", column), BigInteger)


def utc(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def window_params(org_id: int, start: datetime, end: datetime) -> dict[str, Any]:
    """Parameters of a window read of ``[start, end)`` (see the module)."""
    return {
        "org": org_id,
        "lowest_start": start - MAX_DURATION,
        "start": start,
        "end": end,
        # The occupied ranges (buffers included) reach this far beyond the times.
        "occupied_lowest_start": start - MAX_DURATION - MAX_BUFFERS,
        "occupied_start": start - MAX_BUFFERS,
        "occupied_end": end + MAX_BUFFERS,
        "start_s": int(start.timestamp()),
        "end_s": int(end.timestamp()),
    }


def window_filter(c: Any) -> Any:
    """Rows of ``:org`` overlapping ``[:start, :end)``, index-backed."""
    return (
        (c.organization_id == bindparam("org"))
        & (c.start_at > bindparam("lowest_start"))
        & (c.start_at < bindparam("end"))
        & (c.end_at > bindparam("start"))
    )


def occupied_start(c: Any, dialect: str) -> Any:
    """When an appointment starts occupying its professional (epoch seconds)."""
    return epoch(c.start_at, dialect) - 60 * c.buffer_before_minutes


def occupied_end(c: Any, dialect: str) -> Any:
    """When an appointment stops occupying its professional (epoch seconds)."""
    return epoch(c.end_at, dialect) + 60 * c.buffer_after_minutes


def occupied_window_filter(c: Any, dialect: str) -> Any:
    """Rows of ``:org`` whose occupied range overlaps ``[:start, :end)``: the times
    bounded (index-backed) as far as buffers reach, then the occupied range itself."""
    return (
        (c.organization_id == bindparam("org"))
        & (c.start_at > bindparam("occupied_lowest_start"))
        & (c.start_at < bindparam("occupied_end"))
        & (c.end_at > bindparam("occupied_start"))
        & (occupied_start(c, dialect) < bindparam("end_s"))
        & (occupied_end(c, dialect) > bindparam("start_s"))
    )


def active_window_statement(dialect: str) -> Select[Any]:
    """The active appointments occupying part of the window, as the decision sees them:
    (id, occupied start, occupied end, professional, where the last accepted decision
    placed it when it has no professional)."""
    c, placement = _APPOINTMENT.c, _PLACEMENT.c
    return (
        select(
            c.id,
            occupied_start(c, dialect),
            occupied_end(c, dialect),
            c.professional_id,
            placement.professional_id,
        )
        .select_from(
            _APPOINTMENT.outerjoin(
                _PLACEMENT, (placement.appointment_id == c.id) & c.professional_id.is_(None)
            )
        )
        .where(
            occupied_window_filter(c, dialect),
            # Constants rendered inline: an expanding IN would be re-processed every call.
            text(f"appointment.status IN ({ACTIVE_SQL})"),
            (c.professional_id.is_not(None)) | (c.conflict_id.is_(None)),
        )
    )


def _decision_statement(dialect: str) -> Any:
    """What a decision needs, in one trip; the rows are told apart by their shape:

    * an active appointment: (id, start, end, professional or NULL, placed or NULL);
    * an active professional: (NULL, NULL, available until or NULL, professional, NULL);
    * the roster's version: (NULL, version, NULL, NULL, NULL);
    * time off within a day of the window: (-id, start, end, professional or NULL, NULL).
    """
    p, o, t = _PROFESSIONAL.c, _ORGANIZATION.c, _TIME_OFF.c
    null: Any = literal_column("NULL")
    professionals = select(null, null, epoch(p.available_until, dialect), p.id, null).where(
        p.organization_id == bindparam("org"), p.is_active.is_(True)
    )
    version = select(null, o.roster_version, null, null, null).where(o.id == bindparam("org"))
    time_off = select(
        -t.id, epoch(t.start_at, dialect), epoch(t.end_at, dialect), t.professional_id, null
    ).where(
        t.organization_id == bindparam("org"),
        t.resource_id.is_(None),
        t.end_at > bindparam("off_lo"),
        t.start_at < bindparam("off_hi"),
    )
    return union_all(active_window_statement(dialect), professionals, version, time_off)


# Built once: the decision runs on every hover and must not pay for building SQL.
_DECISION = {d: RawQuery(_decision_statement(d)) for d in DIALECTS}
_EDGE = {d: RawQuery(active_window_statement(d)) for d in DIALECTS}
#: FOR NO KEY UPDATE: FOR UPDATE would block the foreign-key checks of every insert
#: referring to the organization.
_SCHEDULE_LOCK = RawQuery(
    select(_ORGANIZATION.c.id)
    .where(_ORGANIZATION.c.id == bindparam("org"))
    .with_for_update(key_share=True)
)


def lock_taken_at_begin(conn: Connection) -> bool:
    """Whether a write transaction holds the scheduling lock from its start.

    SQLite: yes, its BEGIN IMMEDIATE holds the database's write lock. PostgreSQL:
    no, the lock is the organization row, taken by `lock_statements`.
    """
    return conn.dialect.name == "sqlite"


def lock_statements(conn: Connection, org_id: int) -> list[Statement]:
    """The statements that take the scheduling lock (none where the transaction
    already holds it), to run first in the round trip of a read."""
    if lock_taken_at_begin(conn):
        return []
    return [(_SCHEDULE_LOCK, {"org": org_id})]


@dataclass(frozen=True, slots=True)
class Window:
    """What the first read of a decision found."""

    demands: list[Demand]
    #: Active professionals: id -> the instant they leave (epoch seconds) or None.
    professionals: dict[int, int | None]
    roster_version: int
    time_off: list[tuple[int, int, int, int | None]]  # id, start, end, professional
    #: The span the time off was read for (epoch seconds).
    time_off_read: Span
    #: Where the last accepted decision placed the unassigned ones (key -> professional).
    placed: dict[int, int]


def window_and_professionals(
    conn: Connection,
    org_id: int,
    start: int,
    end: int,
    *,
    first: Sequence[Statement] = (),
) -> Window:
    """Active appointments overlapping ``[start, end)`` (epoch seconds), the active
    professionals, the roster's version and the time off around, in one query.

    ``first``: statements to run before it in the same round trip, such as the
    scheduling lock: the read then starts, with its own snapshot, once the lock
    is granted, and the lock is held one round trip less.
    """
    lo, hi = utc(start), utc(end)
    params = {
        **window_params(org_id, lo, hi),
        "off_lo": lo - TIME_OFF_MARGIN,
        "off_hi": hi + TIME_OFF_MARGIN,
    }
    rows = _DECISION[conn.dialect.name].all(conn, params, first)
    demands: list[Demand] = []
    professionals: dict[int, int | None] = {}
    time_off, version = [], 0
    placed: dict[int, int] = {}
    for r in rows:
        if r[0] is None:
            if r[3] is not None:
                professionals[r[3]] = r[2]
            else:
                version = r[1]
        elif r[0] < 0:
            time_off.append((-r[0], r[1], r[2], r[3]))
        else:
            demands.append(_demand(r, placed))
    margin = int(TIME_OFF_MARGIN.total_seconds())
    return Window(demands, professionals, version, time_off, (start - margin, end + margin), placed)


def _demand(row: Sequence[Any], placed: dict[int, int]) -> Demand:
    """An appointment row of the window; where it was placed goes into ``placed``."""
    if row[4] is not None:
        placed[row[0]] = row[4]
    return Demand(row[0], row[1], row[2], row[3])


def window_edge(
    conn: Connection, org_id: int, start: int, end: int, placed: dict[int, int] | None = None
) -> list[Demand]:
    """The active appointments overlapping ``[start, end)`` (epoch seconds) alone;
    where the unassigned ones were placed goes into ``placed``."""
    params = window_params(org_id, utc(start), utc(end))
    into = {} if placed is None else placed
    return [_demand(r, into) for r in _EDGE[conn.dialect.name].all(conn, params)]


def window_edges(
    conn: Connection,
    org_id: int,
    spans: Sequence[tuple[int, int]],
    placed: dict[int, int] | None = None,
) -> list[list[Demand]]:
    """`window_edge` for each of ``spans``, in one round trip (a series' dates)."""
    many = [window_params(org_id, utc(start), utc(end)) for start, end in spans]
    found = _EDGE[conn.dialect.name].all_many(conn, many)
    into = {} if placed is None else placed
    return [[_demand(r, into) for r in rows] for rows in found]


def _occupied_of_many_statement(dialect: str) -> Select[Any]:
    c = _APPOINTMENT.c
    return (
        select(
            c.id,
            c.professional_id,
            epoch(c.start_at, dialect),
            occupied_start(c, dialect),
            occupied_end(c, dialect),
        )
        .where(
            c.organization_id == bindparam("org"),
            c.professional_id.in_(bindparam("professionals", expanding=True)),
            c.end_at > bindparam("after"),
            text(f"appointment.status IN ({ACTIVE_SQL})"),
        )
        .order_by(c.professional_id, c.start_at, c.id)
    )


_OCCUPIED_OF_MANY = {d: RawQuery(_occupied_of_many_statement(d)) for d in DIALECTS}


def occupied_of_professionals(
    conn: Connection, org_id: int, professional_ids: Sequence[int], after: datetime
) -> list[tuple[int, int, int, int, int]]:
    """The active appointments of ``professional_ids`` ending after ``after``:
    (id, professional, start, occupied start, occupied end), epoch seconds, by
    professional and start (a change to many professionals' hours reads them all)."""
    if not professional_ids:
        return []
    params = {"org": org_id, "professionals": list(professional_ids), "after": after}
    return [tuple(r) for r in _OCCUPIED_OF_MANY[conn.dialect.name].all(conn, params)]


def _services_statement(dialect: str) -> Select[Any]:
    c = _APPOINTMENT.c
    return select(
        c.id, occupied_start(c, dialect), occupied_end(c, dialect), c.professional_id, c.service_id
    ).where(
        occupied_window_filter(c, dialect),
        text(f"appointment.status IN ({ACTIVE_SQL})"),
        (c.professional_id.is_not(None)) | (c.conflict_id.is_(None)),
    )


_SERVICES = {d: RawQuery(_services_statement(d)) for d in DIALECTS}


def window_with_services(
    conn: Connection, org_id: int, start: int, end: int
) -> list[tuple[Demand, int | None]]:
    """The active appointments occupying part of ``[start, end)`` with their services
    (for capacity limits)."""
    params = window_params(org_id, utc(start), utc(end))
    return [(Demand(*r[:4]), r[4]) for r in _SERVICES[conn.dialect.name].all(conn, params)]


def services_of(conn: Connection, org_id: int, ids: Sequence[int]) -> dict[int, int | None]:
    """The service of each of the appointments ``ids``."""
    c = _APPOINTMENT.c
    rows = conn.execute(
        select(c.id, c.service_id).where(c.organization_id == org_id, c.id.in_(list(ids)))
    )
    return {r[0]: r[1] for r in rows}


def service_name(conn: Connection, org_id: int, service_id: int) -> str | None:
    s = _SERVICE.c
    return conn.execute(
        select(s.name).where(s.organization_id == org_id, s.id == service_id)
    ).scalar_one_or_none()


def backend_of(conn: Connection) -> int | None:
    """The server process serving ``conn`` (PostgreSQL; None for a file)."""
    if conn.dialect.name != "postgresql":
        return None
    raw = conn.connection.dbapi_connection
    return int(raw.info.backend_pid) if raw is not None else None


def wait_for_backend_end(conn: Connection, backend: int, timeout_s: float = 5.0) -> None:
    """Wait (at most ``timeout_s``) until the server process ``backend`` is gone: once
    it is, a transaction whose reply was lost has committed or rolled back for good."""
    deadline = time.monotonic() + timeout_s
    alive = text("SELECT 1 FROM pg_stat_activity WHERE pid = :pid")
    while conn.execute(alive, {"pid": backend}).first() is not None:
        if time.monotonic() > deadline:
            return
        time.sleep(0.02)


def _booked_statement(dialect: str) -> Any:
    c = _APPOINTMENT.c
    return select(c.professional_id, epoch(c.start_at, dialect), epoch(c.end_at, dialect)).where(
        window_filter(c),
        c.professional_id.in_(bindparam("professionals", expanding=True)),
        text(f"appointment.status IN ({ACTIVE_SQL})"),
    )


_BOOKED = {d: _booked_statement(d) for d in DIALECTS}


def booked_of(
    conn: Connection, org_id: int, professionals: Sequence[int], start: datetime, end: datetime
) -> list[tuple[int, int, int]]:
    """The active appointments of ``professionals`` overlapping ``[start, end)``, as
    (professional, start, end) in epoch seconds (a first look for Find a time)."""
    if not professionals:
        return []
    params = {**window_params(org_id, start, end), "professionals": sorted(set(professionals))}
    return [(p, s, e) for p, s, e in conn.execute(_BOOKED[conn.dialect.name], params)]
