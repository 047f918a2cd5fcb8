"""Reads and writes of calendar integrations, their lease, and the busy time they read.

The lease: a desk syncs an integration only after taking it in one conditional
UPDATE (free, or its lease expired). On PostgreSQL a second desk's UPDATE waits for
the first's commit and then finds the lease taken (READ COMMITTED re-checks the
row); on SQLite writes are serialised by BEGIN IMMEDIATE. So two desks never sync
the same calendar at once, as two desks never send the same message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, or_, select, update

from scheduler_app.db.base import table_of
from scheduler_app.db.calendar_models import CalendarIntegration
from scheduler_app.db.models import Professional
from scheduler_app.db.working_time import bump_version
from scheduler_app.db.working_time_models import TimeOff, TimeOffKind

_I = table_of(CalendarIntegration)
_P = table_of(Professional)
_OFF = table_of(TimeOff)


@dataclass(frozen=True, slots=True)
class IntegrationRow:
    id: int
    professional_id: int
    professional_name: str
    kind: str
    provider: str
    url: str
    username: str
    frequency_minutes: int
    with_client_names: bool
    is_active: bool
    status: str
    status_text: str
    last_sync_at: datetime | None
    retries: int
    next_sync_at: datetime | None
    claimed_by: str
    claimed_until: datetime | None


@dataclass(frozen=True, slots=True)
class BusyRow:
    """Busy time read from a calendar: the time off row and the event it came from."""

    id: int
    uid: str
    start: datetime
    end: datetime


def _listing() -> Any:
    return select(
        _I.c.id,
        _I.c.professional_id,
        _P.c.name,
        _I.c.kind,
        _I.c.provider,
        _I.c.url,
        _I.c.username,
        _I.c.frequency_minutes,
        _I.c.with_client_names,
        _I.c.is_active,
        _I.c.status,
        _I.c.status_text,
        _I.c.last_sync_at,
        _I.c.retries,
        _I.c.next_sync_at,
        _I.c.claimed_by,
        _I.c.claimed_until,
    ).join(_P, _P.c.id == _I.c.professional_id)


def integrations(conn: Connection, org_id: int) -> list[IntegrationRow]:
    rows = conn.execute(
        _listing().where(_I.c.organization_id == org_id).order_by(_P.c.name, _I.c.id)
    )
    return [IntegrationRow(*r) for r in rows]


def integration(conn: Connection, org_id: int, integration_id: int) -> IntegrationRow | None:
    row = conn.execute(
        _listing().where(_I.c.organization_id == org_id, _I.c.id == integration_id)
    ).first()
    return None if row is None else IntegrationRow(*row)


def insert_integration(conn: Connection, values: dict[str, Any]) -> int:
    return int(conn.execute(insert(_I).values(**values).returning(_I.c.id)).scalar_one())


def update_integration(
    conn: Connection, org_id: int, integration_id: int, values: dict[str, Any]
) -> bool:
    done = conn.execute(
        update(_I).where(_I.c.id == integration_id, _I.c.organization_id == org_id).values(**values)
    ).rowcount
    return bool(done)


def delete_integration(conn: Connection, org_id: int, integration_id: int) -> bool:
    """Delete the integration and the busy time it read."""
    conn.execute(delete(_OFF).where(_OFF.c.integration_id == integration_id))
    bump_version(conn, org_id)
    done = conn.execute(
        delete(_I).where(_I.c.id == integration_id, _I.c.organization_id == org_id)
    ).rowcount
    return bool(done)


def due(conn: Connection, org_id: int, now: datetime) -> list[int]:
    """Active integrations whose next sync is due and that nobody holds."""
    return list(
        conn.execute(
            select(_I.c.id)
            .where(
                _I.c.organization_id == org_id,
                _I.c.is_active.is_(True),
                or_(_I.c.next_sync_at.is_(None), _I.c.next_sync_at <= now),
                or_(_I.c.claimed_until.is_(None), _I.c.claimed_until <= now),
            )
            .order_by(_I.c.next_sync_at, _I.c.id)
        ).scalars()
    )


def claim(
    conn: Connection, org_id: int, integration_id: int, worker: str, now: datetime, until: datetime
) -> bool:
    """Take the integration's lease for ``worker`` until ``until``, in one statement;
    False when another desk holds it."""
    taken = conn.execute(
        update(_I)
        .where(
            _I.c.id == integration_id,
            _I.c.organization_id == org_id,
            or_(_I.c.claimed_until.is_(None), _I.c.claimed_until <= now),
        )
        .values(claimed_by=worker, claimed_until=until, last_attempt_at=now)
    ).rowcount
    return bool(taken)


def holds(conn: Connection, integration_id: int, worker: str, now: datetime) -> bool:
    """Whether ``worker`` still holds the integration's lease (it may have expired)."""
    found = conn.execute(
        select(_I.c.id).where(
            _I.c.id == integration_id, _I.c.claimed_by == worker, _I.c.claimed_until > now
        )
    ).first()
    return found is not None


def release(conn: Connection, integration_id: int, worker: str, values: dict[str, Any]) -> bool:
    """Record the sync's outcome and give the lease back (only its holder may)."""
    done = conn.execute(
        update(_I)
        .where(_I.c.id == integration_id, _I.c.claimed_by == worker)
        .values(claimed_by="", claimed_until=None, **values)
    ).rowcount
    return bool(done)


def busy(conn: Connection, integration_id: int) -> list[BusyRow]:
    rows = conn.execute(
        select(_OFF.c.id, _OFF.c.external_uid, _OFF.c.start_at, _OFF.c.end_at)
        .where(_OFF.c.integration_id == integration_id)
        .order_by(_OFF.c.start_at, _OFF.c.id)
    )
    return [BusyRow(r.id, r.external_uid or "", r.start_at, r.end_at) for r in rows]


def replace_busy(
    conn: Connection,
    org_id: int,
    integration_id: int,
    professional_id: int,
    *,
    gone: Sequence[int],
    added: Sequence[tuple[str, datetime, datetime]],
    reason: str,
    created_by: int,
    at: datetime,
) -> None:
    """Remove the busy time ``gone`` and add ``added`` (uid, start, end)."""
    if gone:
        conn.execute(
            delete(_OFF).where(_OFF.c.integration_id == integration_id, _OFF.c.id.in_(gone))
        )
    if added:
        conn.execute(
            insert(_OFF),
            [
                {
                    "organization_id": org_id,
                    "professional_id": professional_id,
                    "kind": TimeOffKind.CALENDAR,
                    "reason": reason,
                    "start_at": start,
                    "end_at": end,
                    "created_by_id": created_by,
                    "created_at": at,
                    "integration_id": integration_id,
                    "external_uid": uid,
                }
                for uid, start, end in added
            ],
        )
    bump_version(conn, org_id)
