"""Audit trail entries, written inside the transaction of the change they record."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import Connection

from scheduler_app.db.audit_log import insert_entries
from scheduler_app.services.context import ServiceContext

#: Fields recorded for every appointment change.
APPOINTMENT_FIELDS = (
    "start_at",
    "end_at",
    "status",
    "professional_id",
    "client_id",
    "buffer_before_minutes",
    "buffer_after_minutes",
    "late_cancellation",
    "outside_hours_reason",
)


def snapshot(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """JSON-safe copy of ``fields`` of ``obj``."""
    return {name: _plain(getattr(obj, name)) for name in fields}


def record(
    conn: Connection,
    ctx: ServiceContext,
    actor_id: int,
    action: str,
    entity: str,
    entity_id: int,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """One entry: ``actor_id`` did ``action`` to ``entity`` ``entity_id``, now."""
    insert_entries(
        conn, [entry(ctx, actor_id, action, entity, entity_id, before=before, after=after)]
    )


def entry(
    ctx: ServiceContext,
    actor_id: int,
    action: str,
    entity: str,
    entity_id: int,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The entry `record` writes, for writing several at once (`insert_entries`)."""
    return {
        "organization_id": ctx.organization_id,
        "actor_id": actor_id,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "before": before,
        "after": after,
        "at": ctx.now(),
    }


def _plain(value: Any) -> Any:
    if isinstance(value, date):  # and datetime
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    return value
