"""The reads of a report: appointments counted per period, per professional,
service, room (or other resource held) or team (of the professional), per status,
billable or not and late or undone, with their money (in cents); and the conflicts
opened.

A cancellation is *late* when it was flagged so when made (the booking rules'
deadline, `Appointment.late_cancellation`). A booking is *undone* when the desk
took it back (Edit > Undo: cancelled with the reason `BOOKING_UNDONE`) less than a
minute after making it (its ``updated_at`` within 60 s of its ``created_at``): the
report counts it neither as booked nor as cancelled.

Measured at a million appointments in a year (tests/benchmarks/test_report_speed.py):

* SQLite: one statement per period on the (organization, start) index. A single
  statement that finds each row's period (a CASE on the start) cost three times
  as much: SQLite sorts every row to group them.
* PostgreSQL: one statement for the whole range, each row's period found by a
  binary tree of CASE comparisons against the periods' bounds (log2(periods)
  comparisons per row): a parallel scan and a hash aggregate, less than half of
  what a statement per period costs there.

The bounds are the clinic's midnights in UTC, so periods are exact across DST.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Connection,
    Integer,
    and_,
    bindparam,
    case,
    cast,
    func,
    literal,
    select,
)

from scheduler_app.db.base import table_of
from scheduler_app.db.models import Appointment, Conflict
from scheduler_app.db.raw_query import RawQuery
from scheduler_app.db.resource_models import AppointmentResource
from scheduler_app.db.schedule import DIALECTS, epoch
from scheduler_app.db.team_models import TeamMember
from scheduler_app.db.types import UTCDateTime
from scheduler_app.domain.status import BOOKING_UNDONE, AppointmentStatus

_A = table_of(Appointment)
_H = table_of(AppointmentResource)
_M = table_of(TeamMember)
_CONFLICT = table_of(Conflict)
#: What a report can break its figures down by: the column giving the key (an
#: appointment holding two rooms, or whose professional is in two teams, counts
#: under each; one holding none, or of nobody in a team, under None).
BREAKDOWNS = {
    "professional": _A.c.professional_id,
    "service": _A.c.service_id,
    "room": _H.c.resource_id,
    "team": _M.c.team_id,
}
#: The breakdowns under which each piece of an appointment with several professionals
#: counts (each professional had it).
_PER_PROFESSIONAL = ("professional", "team")
_STATUS = {s.value: s for s in AppointmentStatus}
#: An undone booking was taken back less than this many seconds after it was made.
UNDONE_WITHIN = 60
LATE, UNDONE = "late", "undone"


@dataclass(frozen=True, slots=True)
class CountRow:
    period: int  # the index of the period among the bounds given
    key: int | None
    status: AppointmentStatus
    billable: bool
    count: int
    estimated_cents: int
    actual_cents: int
    #: "" , `LATE` (a cancellation flagged late) or `UNDONE` (a booking taken back).
    mark: str = ""


#: A report's statements may take this long on PostgreSQL (the desk's own limit is
#: 5 s: a year's report with utilisation over 1M appointments passed it at load 6).
REPORT_STATEMENT_MS = 60_000


def allow_long_statements(conn: Connection) -> None:
    """Within this transaction, statements may take up to `REPORT_STATEMENT_MS`
    (PostgreSQL; SQLite has no statement timeout)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SET LOCAL statement_timeout = {REPORT_STATEMENT_MS}")


def whole_range_at_once(conn: Connection) -> bool:
    """Whether `counts` is best asked for the whole range in one call (PostgreSQL)
    rather than in parts (SQLite reads a period per statement anyway)."""
    return conn.dialect.name != "sqlite"


def _cents(column: Any) -> Any:
    return cast(func.round(func.sum(column) * 100), BigInteger)


def _period_of(column: Any, bounds: Sequence[datetime], low: int, high: int) -> Any:
    """The index i in [low, high) with bounds[i] <= column < bounds[i + 1]."""
    if high - low == 1:
        return literal(low, Integer)
    middle = (low + high) // 2
    return case(
        (column < literal(bounds[middle], UTCDateTime), _period_of(column, bounds, low, middle)),
        else_=_period_of(column, bounds, middle, high),
    )


def _mark(dialect: str) -> Any:
    cancelled = _A.c.status == AppointmentStatus.CANCELLED
    undone = and_(
        cancelled,
        _A.c.cancellation_reason == BOOKING_UNDONE,
        epoch(_A.c.updated_at, dialect) - epoch(_A.c.created_at, dialect) < UNDONE_WITHIN,
    )
    return case(
        (undone, literal(UNDONE)),
        (and_(cancelled, _A.c.late_cancellation.is_(True)), literal(LATE)),
        else_=literal(""),
    )


def _statement(period: Any, breakdown: str | None, dialect: str) -> Any:
    key: Any = BREAKDOWNS[breakdown] if breakdown else literal(None, Integer)
    mark = _mark(dialect)
    grouped: list[Any] = [_A.c.status, _A.c.is_billable, mark]
    if breakdown:
        grouped.insert(0, key)
    joined: Any = _A
    if breakdown == "room":
        joined = _A.outerjoin(_H, _H.c.appointment_id == _A.c.id)
    elif breakdown == "team":
        joined = _A.outerjoin(_M, _M.c.professional_id == _A.c.professional_id)
    # An appointment with several professionals counts under each of them (and their
    # teams); elsewhere once, by its lead (its pieces have joint_of).
    own = [] if breakdown in _PER_PROFESSIONAL else [_A.c.joint_of.is_(None)]
    return (
        select(
            period.label("period"),
            key,
            _A.c.status,
            _A.c.is_billable,
            func.count(),
            _cents(_A.c.estimated_cost),
            _cents(_A.c.actual_cost),
            mark,
        )
        .select_from(joined)
        .where(
            _A.c.organization_id == bindparam("org"),
            _A.c.start_at >= bindparam("start"),
            _A.c.start_at < bindparam("end"),
            *own,
        )
        .group_by(*([period] if period is not _ONE else []), *grouped)
    )


_ONE = literal(0, Integer)
# Built once: on SQLite a report runs one per period (365 for a year of days), each
# straight through the driver (a year's days are hundreds of thousands of rows).
_PER_PERIOD = {
    (d, b): RawQuery(_statement(_ONE, b, d)) for d in DIALECTS for b in (None, *BREAKDOWNS)
}


def counts(
    conn: Connection, org_id: int, bounds: Sequence[datetime], breakdown: str | None
) -> list[CountRow]:
    """Appointments starting in ``[bounds[0], bounds[-1])``, counted per period
    (``bounds[i]`` to ``bounds[i + 1]`` is period i), per ``breakdown`` key (the
    professional's or service's id), status and billable or not."""
    found: list[CountRow] = []
    windows: list[tuple[int | None, datetime, datetime]]
    if whole_range_at_once(conn):
        period = _period_of(_A.c.start_at, bounds, 0, len(bounds) - 1)
        statement = RawQuery(_statement(period, breakdown, conn.dialect.name))
        windows = [(None, bounds[0], bounds[-1])]
    else:
        statement = _PER_PERIOD[(conn.dialect.name, breakdown)]
        windows = [(i, bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]
    for index, start, end in windows:
        params = {"org": org_id, "start": start, "end": end}
        for p, k, s, b, n, e, a, m in statement.all(conn, params):
            found.append(
                CountRow(
                    int(p) if index is None else index,
                    k,
                    _STATUS[str(s)],
                    bool(b),
                    int(n),
                    int(e or 0),
                    int(a or 0),
                    str(m),
                )
            )
    return found


@dataclass(frozen=True, slots=True)
class ConflictRow:
    opened_at: datetime
    resolved_at: datetime | None


def conflicts(conn: Connection, org_id: int, start: datetime, end: datetime) -> list[ConflictRow]:
    """Conflicts opened in ``[start, end)``, with when they were resolved."""
    rows = conn.execute(
        select(_CONFLICT.c.created_at, _CONFLICT.c.resolved_at).where(
            _CONFLICT.c.organization_id == org_id,
            _CONFLICT.c.created_at >= start,
            _CONFLICT.c.created_at < end,
        )
    )
    return [ConflictRow(*r) for r in rows]
