"""Which days a write transaction changed, told to every desk on commit.

Each flush remembers the old and new times of the appointments it writes (a
session event, so no use case can forget it); the writes that skip the ORM for
speed name them to their `unit_of_work.PlainWrite`. On PostgreSQL the unit of work
then sends ``NOTIFY`` in the same transaction: other desks hear it exactly when
the change commits, never for a change that rolled back. SQLite has no such
channel; its desks watch ``PRAGMA data_version`` instead (see
`scheduler_app.workers.change_listener`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, bindparam, event, func, inspect, select
from sqlalchemy.orm import Session

from scheduler_app.db.models import Appointment
from scheduler_app.db.raw_query import RawQuery, Statement

#: The PostgreSQL channel every desk listens on.
CHANNEL = "scheduler_schedule_changed"
_SPANS = "changed_appointment_spans"


@event.listens_for(Session, "before_flush")
def _remember_spans(session: Session, _context: Any, _instances: Any) -> None:
    spans: list[tuple[datetime, datetime]] | None = None
    for obj in (*session.new, *session.dirty, *session.deleted):
        if not isinstance(obj, Appointment):
            continue
        if spans is None:
            spans = session.info.setdefault(_SPANS, [])
        if obj.start_at is not None and obj.end_at is not None:
            spans.append((obj.start_at, obj.end_at))
        state = inspect(obj)
        old_start = state.attrs.start_at.history.deleted
        old_end = state.attrs.end_at.history.deleted
        if old_start or old_end:
            spans.append(
                (old_start[0] if old_start else obj.start_at, old_end[0] if old_end else obj.end_at)
            )


def changed_days(session: Session, tz: ZoneInfo) -> set[date]:
    """Local days touched by the appointments this session wrote."""
    return days_of(session.info.get(_SPANS, ()), tz)


def days_of(spans: Iterable[tuple[datetime, datetime]], tz: ZoneInfo) -> set[date]:
    """Local days touched by appointments at ``spans`` (each start, end)."""
    days: set[date] = set()
    for start, end in spans:
        day, last = (
            start.astimezone(tz).date(),
            (end - timedelta(microseconds=1)).astimezone(tz).date(),
        )
        while day <= last:
            days.add(day)
            day += timedelta(days=1)
    return days


def payload(organization_id: int, days: set[date]) -> str:
    return json.dumps({"org": organization_id, "days": sorted(d.isoformat() for d in days)})


def parse_payload(text: str) -> tuple[int, frozenset[date]] | None:
    """(organization, days) of a notification; None when it is not one of ours."""
    try:
        data = json.loads(text)
        return int(data["org"]), frozenset(date.fromisoformat(d) for d in data["days"])
    except (ValueError, KeyError, TypeError):
        return None


def announce(session: Session, organization_id: int, tz: ZoneInfo) -> None:
    """Queue the notification of this transaction's changes (PostgreSQL only)."""
    if session.get_bind().dialect.name == "postgresql":
        notify(session.connection(), organization_id, changed_days(session, tz))


def notify(conn: Connection, organization_id: int, days: set[date]) -> None:
    """Queue the notification that ``days`` changed (PostgreSQL; sent on commit)."""
    for query, params in notice(conn.dialect.name, organization_id, days):
        query.all(conn, params)


def notice(dialect: str, organization_id: int, days: set[date]) -> list[Statement]:
    """`notify` as statements (none when nothing changed or on SQLite), to send
    in the round trip of another."""
    if not days or dialect != "postgresql":
        return []
    return [(_NOTIFY, {"channel": CHANNEL, "payload": payload(organization_id, days)})]


_NOTIFY = RawQuery(select(func.pg_notify(bindparam("channel"), bindparam("payload"))))
