"""A weekly series of 52 dates checked and booked in one transaction, beside 52
single bookings, on SQLite and PostgreSQL.

Run: `.venv/bin/python -m pytest -m benchmark -s tests/benchmarks/test_series_speed.py`

A clinic of 3 professionals with a working week already booked around the series'
time (every weekday, three appointments a day each) over the year.
The series: every Tuesday at 12:00 for 45 minutes, 52 times, with one
professional. Timed: the report (each date decided alone, no alternatives
needed: all free), the booking (decided again, required together, written,
checked again under the lock, one commit), and, on a fresh copy of the same
schedule, the same 52 appointments booked one by one (52 transactions).
"""

from __future__ import annotations

import time as clock
from datetime import date, datetime, time, timedelta

import pytest

from scheduler_app.db.engine import Database
from scheduler_app.domain.recurrence import SeriesRule, rule_text
from scheduler_app.services.dto import BookingRequest
from scheduler_app.services.series_dto import SeriesRequest
from tests.conftest import Clinic, make_clinic

pytestmark = pytest.mark.benchmark

WEEKS = 52
FIRST = date(2026, 3, 3)  # a Tuesday


def _fill(clinic: Clinic, professionals: list[int]) -> None:
    """Three appointments a weekday for each professional, around the series' time."""
    for week in range(WEEKS):
        for weekday in range(5):
            day = FIRST - timedelta(days=1) + timedelta(weeks=week, days=weekday)
            for n, prof in enumerate(professionals):
                for hour in (8, 10, 15):
                    start = datetime.combine(day, time(hour, 5 * n), clinic.tz)
                    clinic.booking.book(
                        clinic.admin,
                        BookingRequest(
                            start=start, end=start + timedelta(minutes=50), professional_id=prof
                        ),
                    )


def _series(clinic: Clinic, prof: int) -> SeriesRequest:
    rule = rule_text(SeriesRule("WEEKLY", count=WEEKS))
    start = datetime.combine(FIRST, time(12), clinic.tz)
    return SeriesRequest(rule, start, professional_id=prof, minutes=45)


def _timed(database: Database) -> dict[str, float]:
    clinic = make_clinic(database)
    professionals = clinic.professionals(*(f"P{n}" for n in range(3)))
    _fill(clinic, professionals)
    series = clinic.services.series
    request = _series(clinic, professionals[0])
    t0 = clock.perf_counter()
    report = series.report(clinic.admin, request)
    t1 = clock.perf_counter()
    booked = series.book(clinic.admin, report)
    t2 = clock.perf_counter()
    assert len(report.free) == WEEKS and len(booked.appointment_ids) == WEEKS
    # The same dates one by one, with another professional (the same schedule around).
    t3 = clock.perf_counter()
    for occ in report.occurrences:
        assert occ.start is not None and occ.end is not None
        clinic.booking.book(
            clinic.admin,
            BookingRequest(start=occ.start, end=occ.end, professional_id=professionals[1]),
        )
    t4 = clock.perf_counter()
    return {
        "report": (t1 - t0) * 1000,
        "book series": (t2 - t1) * 1000,
        "52 single": (t4 - t3) * 1000,
    }


def test_series_of_52_beside_52_single_bookings(
    sqlite_database: Database, postgres_database: Database
) -> None:
    found = {"SQLite": _timed(sqlite_database), "PostgreSQL": _timed(postgres_database)}
    print()
    print(f"{'':14}{'SQLite':>12}{'PostgreSQL':>12}")
    for key in ("report", "book series", "52 single"):
        row = "".join(f"{found[db][key]:>10.0f}ms" for db in ("SQLite", "PostgreSQL"))
        print(f"{key:14}{row}")
