"""Reads and writes of the days a report kept (`report_day_models`): the counts of
writes per UTC date, the kept days with their stamps and lines, and keeping days
anew."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import (
    Connection,
    Date,
    Integer,
    bindparam,
    case,
    delete,
    func,
    literal,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite

from scheduler_app.db.base import table_of
from scheduler_app.db.raw_query import RawQuery
from scheduler_app.db.report_day_models import ReportDay, ReportDayStamp, ScheduleDay
from scheduler_app.db.schedule import DIALECTS

_W = table_of(ScheduleDay)
_S = table_of(ReportDayStamp)
_D = table_of(ReportDay)

#: A line's figures, in this order (the statuses as `AppointmentStatus` names them).
COUNTS = ("pending", "confirmed", "checked_in", "completed", "no_show", "cancelled")
FIGURES = (*COUNTS, "late", "undone", "estimated_cents", "actual_cents")
USE = ("working", "inside", "outside")


class Line(NamedTuple):
    """One line of a kept day: its key, its figures (`FIGURES`) and its use (`USE`;
    None: not measured)."""

    key: int | None
    figures: tuple[int, ...]
    use: tuple[int, int, int] | None


_WRITES = RawQuery(
    select(_W.c.day, _W.c.writes).where(
        _W.c.organization_id == bindparam("org"),
        _W.c.day >= bindparam("first"),
        _W.c.day <= bindparam("last"),
    )
)


def _day(value: Any, known: dict[Any, date]) -> date:
    """A date as the driver gives it (SQLite: its text), converted once per text."""
    found = known.get(value)
    if found is None:
        found = known[value] = value if isinstance(value, date) else date.fromisoformat(value)
    return found


def writes(conn: Connection, org_id: int, first: date, last: date) -> dict[date, int]:
    """How many times each UTC date from ``first`` to ``last`` was written (a date
    never written is left out)."""
    rows = _WRITES.all(conn, {"org": org_id, "first": first, "last": last})
    known: dict[Any, date] = {}
    return {_day(day, known): int(count) for day, count in rows}


_STAMPS = RawQuery(
    select(_S.c.day, _S.c.stamp).where(
        _S.c.organization_id == bindparam("org"),
        _S.c.kind == bindparam("kind"),
        _S.c.day >= bindparam("first"),
        _S.c.day <= bindparam("last"),
    )
)


def stamps(conn: Connection, org_id: int, kind: str, first: date, last: date) -> dict[date, str]:
    """The days of ``kind`` kept from ``first`` to ``last``, with their stamps."""
    known: dict[Any, date] = {}
    params = {"org": org_id, "kind": kind, "first": first, "last": last}
    return {_day(d, known): str(s) for d, s in _STAMPS.all(conn, params)}


class Sum(NamedTuple):
    """The kept lines of a key in a period, added up (`use` None: none measured)."""

    period: int
    key: int | None
    figures: tuple[int, ...]
    use: tuple[int, int, int] | None


def _period_of(column: Any, bounds: Sequence[date], low: int, high: int) -> Any:
    """The index i in [low, high) with bounds[i] <= column < bounds[i + 1]."""
    if high - low == 1:
        return literal(low, Integer)
    middle = (low + high) // 2
    return case(
        (column < literal(bounds[middle], Date), _period_of(column, bounds, low, middle)),
        else_=_period_of(column, bounds, middle, high),
    )


_ONE = literal(0, Integer)


def _sums_statement(period: Any) -> Any:
    return (
        select(
            period,
            _D.c.key,
            *(func.sum(_D.c[n]) for n in FIGURES),
            *(func.sum(_D.c[n]) for n in USE),
            func.count(_D.c.working),
        )
        .where(
            _D.c.organization_id == bindparam("org"),
            _D.c.kind == bindparam("kind"),
            _D.c.day >= bindparam("first"),
            _D.c.day < bindparam("end"),
            _D.c.day.not_in(bindparam("left_out", expanding=True)),
        )
        .group_by(*([] if period is _ONE else [period]), _D.c.key)
    )


_PER_PERIOD = RawQuery(_sums_statement(_ONE))


def sums(
    conn: Connection, org_id: int, kind: str, bounds: Sequence[date], left_out: Sequence[date]
) -> list[Sum]:
    """The kept lines of ``kind`` added up per period (``bounds[i]`` to
    ``bounds[i + 1]`` is period i) and key, the days ``left_out`` left out. SQLite:
    a statement per period (on the index); PostgreSQL: one, each day's period found
    by a binary tree of comparisons."""
    base = {"org": org_id, "kind": kind, "left_out": list(left_out) or [date.min]}
    if conn.dialect.name == "sqlite":
        found = [
            (i, row)
            for i in range(len(bounds) - 1)
            for row in _PER_PERIOD.all(conn, {**base, "first": bounds[i], "end": bounds[i + 1]})
        ]
    else:
        period = _period_of(_D.c.day, bounds, 0, len(bounds) - 1)
        statement = RawQuery(_sums_statement(period))
        params = {**base, "first": bounds[0], "end": bounds[-1]}
        found = [(int(row[0]), row) for row in statement.all(conn, params)]
    width = len(FIGURES)
    return [
        Sum(
            i,
            row[1],
            tuple(int(v or 0) for v in row[2 : 2 + width]),
            tuple(int(v) for v in row[2 + width : 5 + width]) if row[-1] else None,  # type: ignore[arg-type]
        )
        for i, row in found
    ]


def _upsert(dialect: str) -> Any:
    build: Any = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = build(_S)
    return statement.on_conflict_do_update(
        index_elements=[_S.c.organization_id, _S.c.day, _S.c.kind],
        set_={"stamp": statement.excluded.stamp},
    )


_STAMP = {d: _upsert(d) for d in DIALECTS}
#: PostgreSQL: desks keeping days at once take turns (each replaces a day's lines
#: whole; two at once would both add theirs).
_TAKE_TURNS = "SELECT pg_advisory_xact_lock(7270, :org)"


def keep(
    conn: Connection,
    org_id: int,
    kind: str,
    days: Sequence[tuple[date, str]],
    lines: Iterable[tuple[date, Line]],
) -> None:
    """Keep ``days`` (each with its stamp) of ``kind`` with their ``lines``, in place
    of what was kept for them."""
    if not days:
        return
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(_TAKE_TURNS.replace(":org", str(int(org_id))))
    dates = [day for day, _stamp in days]
    for first in range(0, len(dates), 500):
        part = dates[first : first + 500]
        conn.execute(
            delete(_D).where(_D.c.organization_id == org_id, _D.c.kind == kind, _D.c.day.in_(part))
        )
    # Straight through the driver: a year per professional is a hundred thousand lines.
    sqlite_dates = conn.dialect.name == "sqlite"
    rows = [
        (
            org_id,
            day.isoformat() if sqlite_dates else day,
            kind,
            line.key,
            *line.figures,
            *(line.use or (None, None, None)),
        )
        for day, line in lines
    ]
    if rows:
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        columns = ("organization_id", "day", "kind", "key", *FIGURES, *USE)
        conn.exec_driver_sql(
            f"INSERT INTO report_day ({', '.join(columns)})"
            f" VALUES ({', '.join([mark] * len(columns))})",
            rows,
        )
    stamps = [{"organization_id": org_id, "day": d, "kind": kind, "stamp": s} for d, s in days]
    conn.execute(_STAMP[conn.dialect.name], stamps)


def forget(conn: Connection, org_id: int) -> None:
    """Drop every kept day of the clinic (each report then counts its days again)."""
    conn.execute(delete(_D).where(_D.c.organization_id == org_id))
    conn.execute(delete(_S).where(_S.c.organization_id == org_id))
