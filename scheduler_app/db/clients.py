"""Clients: search as the desk types, and what a client's history counts.

Search reads the search key (`domain.client_search`) in its order and stops at the
first matches: fast when many clients match. When few do, SQLite still reads
only the narrow index (every key, some 10 ms at 100,000 clients); PostgreSQL
first tries the first keys in order, then finds the rare matches by trigrams
and sorts only those. Admin changes load clients as ORM objects.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, case, func, select
from sqlalchemy.orm import Session

from scheduler_app.db.base import table_of
from scheduler_app.db.models import Appointment, AuditEntry, Client
from scheduler_app.db.types import UTCDateTime
from scheduler_app.domain.client_search import Needle
from scheduler_app.domain.status import AppointmentStatus

#: Keys PostgreSQL reads in order before it looks for rare matches by trigrams.
PROBE = 2000
#: Sorts after every character a key holds.
_LAST = "\U0010ffff"
_C = table_of(Client)
_A = table_of(Appointment)
_AUDIT = table_of(AuditEntry)


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _matching(key: Any, needle: Needle | None) -> list[ColumnElement[bool]]:
    if needle is None:
        return []
    if needle.prefix:  # a range of the key's order (compared character by character)
        start = needle.parts[0]
        return [key >= start, key < start + _LAST, key.like(_escaped(start) + "%", escape="\\")]
    return [key.like(f"%{_escaped(part)}%", escape="\\") for part in needle.parts]


def find(
    session: Session, org_id: int, needle: Needle | None, *, archived: bool, limit: int
) -> list[Client]:
    """Clients matching ``needle`` (every client when None) in name order; archived
    ones too when ``archived``."""
    shown = [_C.c.organization_id == org_id]
    if not archived:
        shown.append(_C.c.is_active.is_(True))
    else:  # archived ones too, but never a duplicate merged into another client
        shown.append(_C.c.merged_into_id.is_(None))
    ordered = (_C.c.search_key, _C.c.id)
    conn = session.connection()
    if conn.dialect.name == "postgresql" and needle is not None and not needle.prefix:
        first = select(_C.c.id, _C.c.search_key).where(*shown).order_by(*ordered).limit(PROBE)
        probe = first.subquery()
        ids = list(
            conn.execute(
                select(probe.c.id)
                .where(*_matching(probe.c.search_key, needle))
                .order_by(probe.c.search_key, probe.c.id)
                .limit(limit)
            ).scalars()
        )
        if len(ids) < limit:  # rare: all of them, found by trigrams, then sorted
            matches = (
                select(_C.c.id, _C.c.search_key)
                .where(*shown, *_matching(_C.c.search_key, needle))
                .cte("matches")
                .prefix_with("MATERIALIZED")
            )
            ids = list(
                conn.execute(
                    select(matches.c.id).order_by(matches.c.search_key, matches.c.id).limit(limit)
                ).scalars()
            )
    else:
        ids = list(
            conn.execute(
                select(_C.c.id)
                .where(*shown, *_matching(_C.c.search_key, needle))
                .order_by(*ordered)
                .limit(limit)
            ).scalars()
        )
    if not ids:
        return []
    found = {c.id: c for c in session.scalars(select(Client).where(Client.id.in_(ids)))}
    return [found[i] for i in ids]


def client(session: Session, org_id: int, client_id: int) -> Client | None:
    found = session.get(Client, client_id)
    return found if found is not None and found.organization_id == org_id else None


def history_counts(conn: Connection, org_id: int, client_id: int) -> tuple[int, int]:
    """(appointments, no-shows) of the client, all of them."""
    no_show = func.sum(case((_A.c.status == AppointmentStatus.NO_SHOW.value, 1), else_=0))
    total, missed = conn.execute(
        select(func.count(), func.coalesce(no_show, 0)).where(
            _A.c.organization_id == org_id, _A.c.client_id == client_id
        )
    ).one()
    return int(total), int(missed)


def cancellations(
    conn: Connection, org_id: int, client_id: int, *, leaving_out: Iterable[str] = ()
) -> list[tuple[datetime, datetime]]:
    """(start, when it was cancelled) of each of the client's cancelled appointments,
    from the audit trail; those cancelled with a reason in ``leaving_out`` are not
    counted."""
    cancelled_at = func.max(_AUDIT.c.at, type_=UTCDateTime())
    rows = conn.execute(
        select(_A.c.start_at, cancelled_at)
        .join(
            _AUDIT,
            (_AUDIT.c.entity == "appointment")
            & (_AUDIT.c.entity_id == _A.c.id)
            & (_AUDIT.c.action == f"status:{AppointmentStatus.CANCELLED.value}"),
        )
        .where(
            _A.c.organization_id == org_id,
            _A.c.client_id == client_id,
            _A.c.status == AppointmentStatus.CANCELLED.value,
            _A.c.cancellation_reason.not_in(list(leaving_out)),
        )
        .group_by(_A.c.id, _A.c.start_at)
    ).all()
    return [(start, at) for start, at in rows]
