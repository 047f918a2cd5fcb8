"""Find a time on a 1M-appointment SQLite file, next to trying every slot.

Run: `.venv/bin/python -m pytest -m benchmark -s tests/benchmarks/test_free_times_speed.py`
(size via BENCH_FREE_TIMES_SIZE, default 1,000,000). The clinic of
`test_availability_speed` with 50 professionals: about ten appointments each per
working day, 8% cancelled, 10% of the last two weeks pending without a
professional. The desk asks, from 30 days before the last booked day, for the next
10 free times of a 45-minute service with anyone over 30 days. Beside it, in the
same run, the same answer found by trying every slot of every day with every
professional through the booking check (`BookingService.check_availability`);
both must give the same times. Target: <= 20 ms for Find a time. The same for one
professional (fewer free times a day: the search goes over more days) is printed
beside it.
"""

from __future__ import annotations

import os
import statistics
import time as clock
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from scheduler_app.domain.localtime import localize
from scheduler_app.services.booking import BookingService
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.directory import DirectoryService
from scheduler_app.services.free_times import FreeTimeRequest, FreeTimeService
from tests.benchmarks import test_availability_speed as clinic_file

SIZE = int(os.environ.get("BENCH_FREE_TIMES_SIZE", "1000000"))
PROFESSIONALS = 50
DAYS = 30
MINUTES = 45
WANTED = 10
TARGET_MS = 20.0

Found = list[tuple[datetime, int]]


def every_slot(
    booking: BookingService, request: FreeTimeRequest, professionals: list[int], step: int
) -> Found:
    """The slow way: each slot of each day, each professional, through the booking check."""
    tz, now = booking.ctx.timezone, booking.ctx.now()
    found: Found = []
    day = request.first_day
    while day <= request.last_day and len(found) < request.limit:
        for minute in range(0, 24 * 60, step):
            start = localize(day, time(minute // 60, minute % 60), tz)
            if start <= now:
                continue
            end = start + timedelta(minutes=request.minutes)
            for professional in professionals:
                if booking.check_availability(start, end, professional).ok:
                    found.append((start, professional))
                    break
            if len(found) == request.limit:
                break
        day += timedelta(days=1)
    return found


def _timed(call: Callable[[], object], repeats: int) -> tuple[list[float], object]:
    samples, result = [], None
    for _ in range(repeats):
        began = clock.perf_counter_ns()
        result = call()
        samples.append((clock.perf_counter_ns() - began) / 1e6)
    return samples, result


@pytest.mark.benchmark
def test_next_free_times_speed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clinic_file, "PROFESSIONALS", PROFESSIONALS)
    began = clock.perf_counter()
    booking, raw, _first, last = clinic_file._build(tmp_path / "free_times.sqlite3", SIZE)
    raw.close()
    built_s = clock.perf_counter() - began
    first_day: date = (last - timedelta(days=DAYS)).date()
    now = datetime.combine(first_day, time(0), ZoneInfo("UTC"))
    ctx = ServiceContext(
        booking.ctx.database, booking.ctx.organization_id, ZoneInfo("UTC"), clock=lambda: now
    )
    ctx.desk.become(booking.ctx.desk.actor_id)  # the same person, signed in at this desk
    booking, free_times = BookingService(ctx), FreeTimeService(ctx)
    step = DirectoryService(ctx).organization().slot_minutes
    lines = []
    for who, chosen in (("anyone", ()), ("only P1", (1,))):
        request = FreeTimeRequest(
            minutes=MINUTES,
            first_day=first_day,
            last_day=first_day + timedelta(days=DAYS - 1),
            professional_ids=chosen,
            limit=WANTED,
        )
        free_times.find(request)  # warm: the roster, the connection
        ours, found = _timed(lambda request=request: free_times.find(request), 20)
        everyone = list(chosen or range(1, PROFESSIONALS + 1))
        theirs, tried = _timed(
            lambda request=request, everyone=everyone: every_slot(booking, request, everyone, step),
            1,
        )
        assert isinstance(found, list)
        pairs = [(f.start, f.professional_id) for f in found]
        assert len(pairs) == WANTED
        assert pairs == tried  # the same times, the same professionals
        median = statistics.median(ours)
        lines.append(
            f"  {who:>8}: Find a time (FreeTimeService.find) median {median:.2f} ms, "
            f"min {min(ours):.2f} ms, max {max(ours):.2f} ms over {len(ours)} runs; "
            f"every slot through the booking check {theirs[0]:.0f} ms "
            f"({theirs[0] / median:.0f}x); first {found[0].start:%a %d %b %H:%M} "
            f"{found[0].professional_name}, last {found[-1].start:%a %d %b %H:%M} "
            f"{found[-1].professional_name}; target <= {TARGET_MS:.0f} ms "
            f"{'met' if median <= TARGET_MS else 'MISSED'}"
        )
    ctx.database.dispose()
    print(
        f"\nNext {WANTED} free times, {MINUTES} min, {DAYS} days from {first_day}, "
        f"{PROFESSIONALS} professionals, SQLite file with {SIZE:,} appointments "
        f"(built in {built_s:.0f} s)"
    )
    print("\n".join(lines))
