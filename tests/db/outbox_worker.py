"""One desk's delivery worker in the exactly-once test (run in a child process)."""

from __future__ import annotations

import time
from datetime import timedelta
from zoneinfo import ZoneInfo

from scheduler_app.db.engine import open_database
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.delivery import DeliveryService
from scheduler_app.services.dispatch import deliver_due, smtp_settings


def run(url: str, org: int, name: str, deadline_s: float) -> dict[str, int]:
    database = open_database(url)
    ctx = ServiceContext(database, org, ZoneInfo("UTC"))
    delivery = DeliveryService(ctx, retry_after=lambda _n: timedelta(seconds=1))
    settings = smtp_settings(ctx)
    totals = {"sent": 0, "failed": 0, "rounds": 0}
    stop = time.monotonic() + deadline_s
    while time.monotonic() < stop:
        result = deliver_due(delivery, name, settings, lambda _job: None, limit=20)
        totals["sent"] += result.sent
        totals["failed"] += result.failed
        totals["rounds"] += 1
        if not result.sent and not result.failed:
            counts = delivery.counts()
            if not counts.get("pending") and not counts.get("sending"):
                break
            time.sleep(0.05)
    database.dispose()
    return totals
