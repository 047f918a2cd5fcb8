"""Series rows (repeating appointments); their appointments are in `db.appointments`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, delete, insert, select, update

from scheduler_app.db.base import table_of
from scheduler_app.db.series_models import Series

_S = table_of(Series)


class SeriesRow(NamedTuple):
    id: int
    rule: str
    zone: str
    first_start: datetime
    length_minutes: int
    client_id: int | None
    service_id: int | None
    professional_id: int | None
    split_from_id: int | None


_COLUMNS = [_S.c[name] for name in SeriesRow._fields]


def insert_series(conn: Connection, values: dict[str, Any]) -> SeriesRow:
    return SeriesRow._make(conn.execute(insert(_S).returning(*_COLUMNS), values).one())


def series_row(conn: Connection, org_id: int, series_id: int) -> SeriesRow | None:
    """The series ``series_id`` of this clinic, or None."""
    query = select(*_COLUMNS).where(_S.c.organization_id == org_id, _S.c.id == series_id)
    row = conn.execute(query).one_or_none()
    return None if row is None else SeriesRow._make(row)


def series_rows_of(conn: Connection, org_id: int, series_ids: Iterable[int]) -> list[SeriesRow]:
    """The series ``series_ids`` of this clinic, by id."""
    ids = sorted(set(series_ids))
    if not ids:
        return []
    query = (
        select(*_COLUMNS).where(_S.c.organization_id == org_id, _S.c.id.in_(ids)).order_by(_S.c.id)
    )
    return [SeriesRow._make(row) for row in conn.execute(query)]


def set_rule(conn: Connection, series_id: int, rule: str) -> None:
    """Store the series' rule (cut short, or with dates left out)."""
    conn.execute(update(_S).where(_S.c.id == series_id).values(rule=rule))


def set_shape(conn: Connection, series_id: int, first_start: datetime, length: int) -> None:
    """Store the series' first start (its wall-clock time is every date's) and length."""
    values = {"first_start": first_start, "length_minutes": length}
    conn.execute(update(_S).where(_S.c.id == series_id).values(values))


def delete_series(conn: Connection, series_id: int) -> None:
    """Remove a series no appointment belongs to any more (an undone split)."""
    conn.execute(delete(_S).where(_S.c.id == series_id))
