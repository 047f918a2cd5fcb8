"""The audit trail on screen: who did what and when, what it was before and after.

Managers and administrators read the whole trail (the Audit window, its CSV
export); anyone signed in reads an appointment's own history.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

from sqlalchemy import Connection

from scheduler_app.db import audit_trail
from scheduler_app.db.audit_trail import AuditFilter, AuditRow
from scheduler_app.services import reading
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.guard import MAX_ROWS, guarded
from scheduler_app.services.permissions import MANAGERS, readers, reads

__all__ = ["AuditFilter", "AuditRow", "AuditTrailService"]

#: Entries shown at once.
LIMIT = 2000


@guarded
class AuditTrailService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @reads(*MANAGERS)
    def entries(self, wanted: AuditFilter, limit: int = LIMIT) -> list[AuditRow]:
        return reading.read_connection(
            self.ctx,
            lambda conn: audit_trail.entries(conn, self.ctx.organization_id, wanted, limit),
        )

    @reads(*MANAGERS)
    def actions(self) -> list[str]:
        return reading.read_connection(
            self.ctx, lambda conn: audit_trail.actions(conn, self.ctx.organization_id)
        )

    @readers
    def appointment_history(self, appointment_id: int) -> list[AuditRow]:
        """Every change of the appointment, newest first."""

        def work(conn: Connection) -> list[AuditRow]:
            wanted = AuditFilter(appointment_id=appointment_id)
            return audit_trail.entries(conn, self.ctx.organization_id, wanted, LIMIT)

        return reading.read_connection(self.ctx, work)

    @reads(*MANAGERS)
    def csv(self, wanted: AuditFilter) -> bytes:
        """The latest `MAX_ROWS` entries matching ``wanted`` as CSV (UTF-8 with a BOM,
        for spreadsheets)."""
        rows = self.entries(wanted, MAX_ROWS)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["when", "staff", "action", "record", "number", "before", "after"])
        for row in rows:
            writer.writerow(
                [
                    self._local(row.at),
                    row.staff_name,
                    row.action,
                    row.entity,
                    row.entity_id,
                    _json(row.before),
                    _json(row.after),
                ]
            )
        return ("\ufeff" + out.getvalue()).encode("utf-8")

    def _local(self, at: datetime) -> str:
        return at.astimezone(self.ctx.timezone).isoformat(timespec="seconds")


def _json(value: object) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)
