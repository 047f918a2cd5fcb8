"""The reads of a report: appointments counted by period, by professional or service,
and by status, with their money; and the conflicts opened.

A period is found by the database with a binary tree of CASE comparisons of the
start against the periods' bounds (about log2(periods) comparisons per row, the
same on both databases, exact across DST changes: the bounds are the clinic's
midnights in UTC). Rows are read through the (organization, start) index.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Integer, String, case, cast, func, literal, select

from scheduler_app.db.base import table_of
from scheduler_app.db.models import Appointment, Conflict
from scheduler_app.db.types import UTCDateTime
from scheduler_app.domain.status import AppointmentStatus

_A = table_of(Appointment)
_CONFLICT = table_of(Conflict)
#: What a report can break its figures down by: the appointment's column.
BREAKDOWNS = {"professional": _A.c.professional_id, "service": _A.c.service_id}
_STATUS = {s.value: s for s in AppointmentStatus}


@dataclass(frozen=True, slots=True)
class CountRow:
    period: int
    key: int | None
    status: AppointmentStatus
    count: int
    #: Money of the billable ones: estimated, and actual with how many had one.
    estimated: Decimal
    actual: Decimal


def _period_of(column: Any, bounds: Sequence[datetime], low: int, high: int) -> Any:
    """The index i in [low, high) with bounds[i] <= column < bounds[i + 1]."""
    if high - low == 1:
        return literal(low, Integer)
    middle = (low + high) // 2
    return case(
        (column < literal(bounds[middle], UTCDateTime), _period_of(column, bounds, low, middle)),
        else_=_period_of(column, bounds, middle, high),
    )


def _money(value: Any) -> Decimal:
    return Decimal("0.00") if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def counts(
    conn: Connection, org_id: int, bounds: Sequence[datetime], breakdown: str | None
) -> list[CountRow]:
    """Appointments starting in ``[bounds[0], bounds[-1])``, counted per period
    (``bounds[i]`` to ``bounds[i + 1]``), per ``breakdown`` key and per status."""
    key = BREAKDOWNS[breakdown] if breakdown else literal(None, Integer)
    billable = _A.c.is_billable.is_(True)
    inner = (
        select(
            _period_of(_A.c.start_at, bounds, 0, len(bounds) - 1).label("period"),
            key.label("key"),
            _A.c.status.label("status"),
            case((billable, _A.c.estimated_cost)).label("estimated"),
            case((billable, _A.c.actual_cost)).label("actual"),
        )
        .where(
            _A.c.organization_id == org_id,
            _A.c.start_at >= literal(bounds[0], UTCDateTime),
            _A.c.start_at < literal(bounds[-1], UTCDateTime),
        )
        .subquery()
    )
    statement = select(
        inner.c.period,
        inner.c.key,
        inner.c.status,
        func.count(),
        cast(func.sum(inner.c.estimated), String),
        cast(func.sum(inner.c.actual), String),
    ).group_by(inner.c.period, inner.c.key, inner.c.status)
    return [
        CountRow(int(p), k, _STATUS[str(s)], int(n), _money(e), _money(a))
        for p, k, s, n, e, a in conn.execute(statement)
    ]


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
