"""Which days a write transaction changed, told to every desk on commit.

Every appointment write of a schedule change names its old and new times to its
`services.unit_of_work.ScheduleChange`. On PostgreSQL the unit of work then sends
``NOTIFY`` in the same transaction: other desks hear it exactly when the change
commits, never for a change that rolled back. SQLite has no such
channel; its desks watch ``PRAGMA data_version`` instead (see
`scheduler_app.workers.change_listener`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, func, select

from scheduler_app.db.raw_query import RawQuery, Statement

#: The PostgreSQL channel every desk listens on.
CHANNEL = "scheduler_schedule_changed"


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


def notice(dialect: str, organization_id: int, days: set[date]) -> list[Statement]:
    """`notify` as statements (none when nothing changed or on SQLite), to send
    in the round trip of another."""
    if not days or dialect != "postgresql":
        return []
    return [(_NOTIFY, {"channel": CHANNEL, "payload": payload(organization_id, days)})]


_NOTIFY = RawQuery(select(func.pg_notify(bindparam("channel"), bindparam("payload"))))
