"""Changes that take working time away, in a large clinic, on SQLite and PostgreSQL.

Run: `.venv/bin/python -m pytest -m benchmark -s tests/benchmarks/test_lowering_speed.py`
(size via BENCH_LOWERING_PROFESSIONALS, default 400). The clinic is open 08:00-20:00
on weekdays and 09:00-13:00 on Saturdays; each professional has eight 45-minute
appointments every weekday of the next 60 days, a fifth of them without a
professional. Timed through `WorkingTimeService`, as the manager's dialog saves:

* the opening hours shortened by an hour on weekdays (every professional loses
  400 days of evenings: nothing booked there, so nothing is stranded);
* a week's absence of one professional over booked days (forced: their
  appointments there lose them, and the others must still fit).

Beside them, in the same run, the least such a check must do: reading the
occupied times of every future appointment once.
"""

from __future__ import annotations

import os
import random
import time
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert, text

from scheduler_app.db import schedule
from scheduler_app.db.base import table_of
from scheduler_app.db.engine import Database
from scheduler_app.db.models import Appointment
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.working_time import WorkingTimeService
from tests.conftest import NOW, identity_with_account

pytestmark = pytest.mark.benchmark

PROFESSIONALS = int(os.environ.get("BENCH_LOWERING_PROFESSIONALS", "400"))
DAYS = 60
PER_DAY = 8
TZ_NAME = "Europe/Lisbon"


def _clinic(database: Database) -> tuple[WorkingTimeService, int, list[int], datetime]:
    identity = identity_with_account(database, "bench", TZ_NAME)
    org, actor = identity.organization_id, identity.staff_user_id
    tz = ZoneInfo(identity.timezone)
    ctx = ServiceContext(database, org, tz, lambda: NOW)
    ctx.desk.become(actor)
    hours = WorkingTimeService(ctx)
    week = {d: [(dtime(8), dtime(20))] for d in range(5)} | {5: [(dtime(9), dtime(13))]}
    hours.set_opening_hours(actor, week)
    with database.engine.begin() as conn:
        profs = [
            conn.execute(
                text(
                    "INSERT INTO professional (organization_id, name, title, color, is_active,"
                    " sort_order) VALUES (:org, :name, '', '#336699', true, :n) RETURNING id"
                ),
                {"org": org, "name": f"Dr {n}", "n": n},
            ).scalar_one()
            for n in range(PROFESSIONALS)
        ]
        rng = random.Random(3)
        first = NOW.astimezone(tz).replace(hour=0, minute=0) + timedelta(days=1)
        rows = []
        for d in range(DAYS):
            day = first + timedelta(days=d)
            if day.weekday() >= 5:
                continue
            for prof in profs:
                start = day.replace(hour=8)
                for _ in range(PER_DAY):
                    end = start + timedelta(minutes=45)
                    rows.append(
                        {
                            "organization_id": org,
                            "start_at": start.astimezone(UTC),
                            "end_at": end.astimezone(UTC),
                            "professional_id": None if rng.random() < 0.2 else prof,
                            "created_by_id": actor,
                            "updated_by_id": actor,
                            "created_at": NOW,
                            "updated_at": NOW,
                        }
                    )
                    start = end + timedelta(minutes=15)
        conn.execute(insert(table_of(Appointment)), rows)
    return hours, actor, profs, first


def _timed(action: object) -> float:
    began = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - began


def test_taking_working_time_away_in_a_large_clinic(database: Database) -> None:
    hours, actor, profs, first = _clinic(database)
    ctx = hours.ctx

    def read_once() -> None:
        with database.engine.connect() as conn:
            schedule.occupied_of_professionals(conn, ctx.organization_id, profs, NOW)

    baseline = min(_timed(read_once) for _ in range(3))
    shorter = {d: [(dtime(8), dtime(19))] for d in range(5)} | {5: [(dtime(9), dtime(13))]}
    opening = _timed(lambda: hours.set_opening_hours(actor, shorter))
    week = first + timedelta(days=14)
    absence = _timed(
        lambda: hours.add_time_off(
            actor, week, week + timedelta(days=7), professional_id=profs[7], force_reason="Ill"
        )
    )
    print(
        f"\n{database.dialect}, {PROFESSIONALS} professionals, "
        f"{PROFESSIONALS * PER_DAY * DAYS * 5 // 7:,} future appointments: opening hours "
        f"shortened {opening:.2f} s ({opening / baseline:.0f}x reading them once, "
        f"{baseline * 1000:.0f} ms); a week's absence over booked days {absence:.2f} s "
        f"({absence / baseline:.1f}x)"
    )
