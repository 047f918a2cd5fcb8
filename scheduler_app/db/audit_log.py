"""Audit trail entries, written inside the transaction of the change they record.

The first entry a user action writes carries the action's idempotency key (see
`services.unit_of_work`), given to the connection with `expect_key`; the key is
unique, so an action can never be saved twice, and after a lost reply to COMMIT
`key_recorded` tells whether it was saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, insert, select

from scheduler_app.db import raw_query
from scheduler_app.db.base import table_of
from scheduler_app.db.models import AuditEntry

_AUDIT = table_of(AuditEntry)
_INSERT = insert(_AUDIT)


_KEY = "scheduler_action_key"


def expect_key(conn: Connection, key: str) -> Callable[[], None]:
    """The next entry written on ``conn`` carries ``key``; returns what forgets it
    (call it when the transaction is over: the connection goes back to its pool)."""
    info = conn.info
    info[_KEY] = key
    return lambda: info.pop(_KEY, None)


def insert_entries(conn: Connection, entries: Sequence[dict[str, Any]]) -> None:
    """Write ``entries`` (columns of `AuditEntry`, without the id and the key)."""
    if not entries:
        return
    key = conn.info.pop(_KEY, None)
    rows = [{**entry, "action_key": key if i == 0 else None} for i, entry in enumerate(entries)]
    if raw_query.waits(conn):  # sent with the change's next round trip
        for row in rows:
            raw_query.later(conn, raw_query.written(conn, _INSERT, row))
        return
    conn.execute(_INSERT, rows[0] if len(rows) == 1 else rows)


def key_recorded(conn: Connection, key: str) -> bool:
    """Whether an action with idempotency ``key`` was saved."""
    return conn.execute(select(_AUDIT.c.id).where(_AUDIT.c.action_key == key)).first() is not None


def status_before(conn: Connection, appointment_id: int, status: str) -> str | None:
    """The status the appointment had before it last became ``status`` (None if the
    trail does not say)."""
    before = conn.execute(
        select(_AUDIT.c.before)
        .where(
            _AUDIT.c.entity == "appointment",
            _AUDIT.c.entity_id == appointment_id,
            _AUDIT.c.action == f"status:{status}",
        )
        .order_by(_AUDIT.c.at.desc(), _AUDIT.c.id.desc())
        .limit(1)
    ).scalar()
    value = before.get("status") if isinstance(before, dict) else None
    return value if isinstance(value, str) else None
