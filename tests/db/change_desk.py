"""Another desk in a child process: books one appointment and prints when it committed.

Run: python -m tests.db.change_desk URL ORG ACTOR PROFESSIONAL
"""

from __future__ import annotations

import sys
import time
from datetime import datetime
from zoneinfo import ZoneInfo

from scheduler_app.db.engine import open_database
from scheduler_app.services.booking import BookingService
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import BookingRequest
from tests.conftest import NOW

LISBON = ZoneInfo("Europe/Lisbon")


def main(url: str, org: int, actor: int, professional: int) -> None:
    database = open_database(url)
    ctx = ServiceContext(database, org, LISBON, clock=lambda: NOW)
    ctx.desk.become(actor)
    booking = BookingService(ctx)
    start = datetime(2026, 3, 5, 10, 0, tzinfo=LISBON)
    booking.check_availability(start, start.replace(hour=11))  # connected and warm
    booking.book(
        actor, BookingRequest(start=start, end=start.replace(hour=11), professional_id=professional)
    )
    print(time.time(), flush=True)  # committed
    database.dispose()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
