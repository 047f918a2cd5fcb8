"""One desk in the multi-process race test (run in a child process)."""

from __future__ import annotations

import os
import random
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from scheduler_app.db.engine import Database, open_database
from scheduler_app.errors import BusyError, ConflictError, StaleDataError, ValidationError
from scheduler_app.services.booking import BookingService
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import BookingRequest
from scheduler_app.services.lifecycle import LifecycleService

DAY = datetime(2026, 3, 3, 9, 0, tzinfo=ZoneInfo("Europe/Lisbon"))
NOW = datetime(2026, 3, 2, 7, 0, tzinfo=ZoneInfo("UTC"))


def desk(
    url: str,
    org: int,
    actor: int,
    professionals: list[int],
    attempts: int,
    seed: int,
    slots: int = 12,
    days: int = 1,
    every: float = 0.0,
    first_day: int = 0,
) -> dict:
    """Book, move and cancel at random in the same three hours (``slots`` quarter
    hours from 09:00, on ``days`` days); count what happened.

    ``every`` > 0 paces the desk: an attempt starts every ``every`` seconds (as a
    person would), instead of one right after the other. ``first_day`` shifts the
    days (a desk alone elsewhere in the calendar, for comparison).
    """
    database = open_database(url)
    ctx = ServiceContext(database, org, ZoneInfo("Europe/Lisbon"), clock=lambda: NOW)
    ctx.desk.become(actor)
    booking, life = BookingService(ctx), LifecycleService(ctx)
    rng = random.Random(seed)
    outcome: dict = {"accepted": 0, "refused": 0, "busy": 0, "stale": 0, "latencies": []}
    outcome["began"] = time.time()
    cpu = time.process_time()
    mine: list[tuple[int, int]] = []
    next_start = time.perf_counter() + rng.uniform(0, every)
    for _ in range(attempts):
        if every:
            time.sleep(max(0.0, next_start - time.perf_counter()))
            next_start += every
        roll = rng.random()
        day = first_day + rng.randrange(days)
        start = DAY + timedelta(days=day, minutes=15 * rng.randrange(slots))
        began = time.perf_counter()
        try:
            if roll < 0.6 or not mine:
                prof = rng.choice([None, None, *professionals])
                end = start + timedelta(minutes=rng.choice((15, 30, 45, 60)))
                view = booking.book(
                    actor, BookingRequest(start=start, end=end, professional_id=prof)
                )
                mine.append((view.id, view.version))
            elif roll < 0.85:
                i = rng.randrange(len(mine))
                appt_id, version = mine[i]
                view = booking.move(actor, appt_id, version, start)
                mine[i] = (appt_id, view.version)
            else:
                appt_id, version = mine.pop(rng.randrange(len(mine)))
                life.cancel(actor, appt_id, version)
            outcome["accepted"] += 1
        except ConflictError:
            outcome["refused"] += 1
        except BusyError:
            outcome["busy"] += 1
        except (StaleDataError, ValidationError):
            outcome["stale"] += 1
        outcome["latencies"].append(time.perf_counter() - began)
    outcome["ended"] = time.time()
    outcome["cpu"] = time.process_time() - cpu
    outcome["server_cpu"] = _server_cpu(database)
    database.dispose()
    return outcome


def _server_cpu(database: Database) -> float:
    """CPU seconds of this desk's server process (PostgreSQL on this machine; the
    desk wrote through one pooled connection), or 0 when it cannot be read."""
    if database.is_sqlite:
        return 0.0
    with database.writer.connect() as conn:
        pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
