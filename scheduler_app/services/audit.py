"""Audit trail entries, written inside the transaction of the change they record."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import Connection, insert
from sqlalchemy.orm import Session

from scheduler_app.db.base import table_of
from scheduler_app.db.models import AuditEntry


def snapshot(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """JSON-safe copy of ``fields`` of ``obj``."""
    return {name: _plain(getattr(obj, name)) for name in fields}


def record(
    executor: Session | Connection,
    *,
    organization_id: int,
    actor_id: int,
    action: str,
    entity: str,
    entity_id: int,
    at: datetime,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    executor.execute(
        _INSERT,
        {
            "organization_id": organization_id,
            "actor_id": actor_id,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "before": before,
            "after": after,
            "at": at,
        },
    )


_INSERT = insert(table_of(AuditEntry))


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    return value
