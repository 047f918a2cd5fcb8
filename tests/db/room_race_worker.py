"""One desk in the rooms race test (run in a child process): books, moves and cancels
a service that needs a treatment room, in the same two hours as the other desks."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from scheduler_app.db.engine import open_database
from scheduler_app.errors import BusyError, ConflictError, StaleDataError
from scheduler_app.services.booking import BookingService
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import BookingRequest
from scheduler_app.services.lifecycle import LifecycleService

DAY = datetime(2026, 3, 3, 9, 0, tzinfo=ZoneInfo("Europe/Lisbon"))
NOW = datetime(2026, 3, 2, 7, 0, tzinfo=ZoneInfo("UTC"))


def desk(
    url: str, org: int, actor: int, professionals: list[int], service: int, attempts: int, seed: int
) -> dict[str, int]:
    database = open_database(url)
    ctx = ServiceContext(database, org, ZoneInfo("Europe/Lisbon"), clock=lambda: NOW)
    ctx.desk.become(actor)
    booking, life = BookingService(ctx), LifecycleService(ctx)
    rng = random.Random(seed)
    outcome = {"accepted": 0, "refused": 0}
    mine: list[tuple[int, int]] = []
    for _ in range(attempts):
        start = DAY + timedelta(minutes=15 * rng.randrange(8))
        roll = rng.random()
        try:
            if roll < 0.65 or not mine:
                prof = rng.choice([None, *professionals])
                made = booking.book(
                    actor,
                    BookingRequest(
                        start,
                        start + timedelta(minutes=30),
                        professional_id=prof,
                        service_id=service,
                    ),
                )
                mine.append((made.id, made.version))
            elif roll < 0.85:
                key, version = mine.pop(rng.randrange(len(mine)))
                moved = booking.move(actor, key, version, start, rng.choice(professionals))
                mine.append((moved.id, moved.version))
            else:
                key, version = mine.pop(rng.randrange(len(mine)))
                life.cancel(actor, key, version)
            outcome["accepted"] += 1
        except (ConflictError, BusyError, StaleDataError):
            outcome["refused"] += 1
    database.dispose()
    return outcome
