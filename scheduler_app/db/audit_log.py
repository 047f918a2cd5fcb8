"""Audit trail entries, written inside the transaction of the change they record."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, insert, select

from scheduler_app.db.base import table_of
from scheduler_app.db.models import AuditEntry

_AUDIT = table_of(AuditEntry)
_INSERT = insert(_AUDIT)


def insert_entries(conn: Connection, entries: Sequence[dict[str, Any]]) -> None:
    """Write ``entries`` (columns of `AuditEntry`, without the id)."""
    if entries:
        conn.execute(_INSERT, list(entries))


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
