"""Conflicts a manager's forced change left open (see `db.conflicts`)."""

from __future__ import annotations

from scheduler_app.db import conflicts
from scheduler_app.services import unit_of_work
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.guard import guarded
from scheduler_app.services.permissions import readers


@guarded
class ConflictService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @readers
    def open_count(self) -> int:
        """How many conflicts wait to be resolved (the status bar shows it)."""
        return unit_of_work.read_connection(
            self.ctx, lambda conn: conflicts.open_count(conn, self.ctx.organization_id)
        )
