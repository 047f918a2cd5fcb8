"""What every service needs: the database, the organization and a clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from scheduler_app.db.engine import Database
from scheduler_app.domain.capacity import Hints
from scheduler_app.services.permissions import Desk


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class ServiceContext:
    database: Database
    organization_id: int
    timezone: ZoneInfo
    clock: Callable[[], datetime] = field(default=utc_now)
    #: What the desk keeps between its actions (the roster, while its version holds).
    cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    #: Who is signed in at this desk (every service call checks it).
    desk: Desk = field(default_factory=Desk, compare=False, repr=False)
    #: Where this desk's decisions placed the unassigned appointments: the next
    #: decision starts there (the check made again under the lock, above all).
    hints: Hints = field(default_factory=Hints, compare=False, repr=False)

    def now(self) -> datetime:
        return self.clock()
