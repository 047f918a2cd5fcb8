"""Where the last accepted change placed each appointment without a professional
(`AppointmentPlacement`): written with the change, read with the decision's window
(`db.schedule`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.dialects import postgresql, sqlite

from scheduler_app.db import raw_query
from scheduler_app.db.base import table_of
from scheduler_app.db.placement_models import AppointmentPlacement

_P = table_of(AppointmentPlacement)


def _upsert(dialect: Any) -> Any:
    insert = dialect.insert(_P)
    return insert.on_conflict_do_update(
        index_elements=[_P.c.appointment_id],
        set_={"professional_id": insert.excluded.professional_id},
    )


# Built once (a change writes them under the scheduling lock).
_STORE = {"postgresql": _upsert(postgresql), "sqlite": _upsert(sqlite)}


def store(conn: Connection, placed: Sequence[tuple[int, int]]) -> None:
    """Keep each (appointment, professional) as where the appointment was placed;
    sent with the next round trip where writes wait (`raw_query.waiting_writes`)."""
    statement = _STORE[conn.dialect.name]
    params = [{"appointment_id": key, "professional_id": prof} for key, prof in placed]
    if raw_query.waits(conn):
        for one in params:
            raw_query.later(conn, raw_query.written(conn, statement, one))
        return
    conn.execute(statement, params[0] if len(params) == 1 else params)
