"""Lengths are real time: end = start + length in UTC, on both DST days, in Lisbon and
Berlin, on both databases. Only recurrence and display use the wall clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from scheduler_app.db.engine import Database
from scheduler_app.errors import ValidationError
from scheduler_app.services.dto import BookingRequest
from tests.conftest import Clinic, make_clinic

# Clocks go back at 02:00 summer time (Lisbon: to 01:00, Berlin: to 02:00 standard)
# on 25 Oct 2026, and forward on 29 Mar 2026 (Lisbon: 01:00 -> 02:00; Berlin: 02:00 -> 03:00).
AUTUMN = {"Europe/Lisbon": (1, 45), "Europe/Berlin": (2, 45)}
SPRING = {"Europe/Lisbon": (0, 45), "Europe/Berlin": (1, 45)}


@pytest.fixture(params=["Europe/Lisbon", "Europe/Berlin"])
def zoned(database: Database, request: pytest.FixtureRequest) -> Clinic:
    clinic = make_clinic(database, request.param)
    clinic.professionals("Dr Costa")
    return clinic


def _service(clinic: Clinic) -> int:
    return clinic.directory.add_service(clinic.admin, "Massage", 30).id


def _minutes(start: datetime, end: datetime) -> float:
    return (end.timestamp() - start.timestamp()) / 60


def test_a_service_booked_before_the_clocks_go_back_lasts_its_length(zoned: Clinic) -> None:
    hour, minute = AUTUMN[zoned.tz.key]
    start = datetime(2026, 10, 25, hour, minute, tzinfo=zoned.tz)  # the first occurrence
    booked = zoned.booking.book(
        zoned.admin, BookingRequest(start=start, service_id=_service(zoned))
    )
    assert _minutes(booked.start, booked.end) == 30
    assert booked.duration_minutes == 30
    again = zoned.booking.get(booked.id)
    assert (again.start, again.end) == (booked.start, booked.end)


def test_a_service_running_into_the_spring_gap_is_accepted(zoned: Clinic) -> None:
    hour, minute = SPRING[zoned.tz.key]
    start = datetime(2026, 3, 29, hour, minute, tzinfo=zoned.tz)
    booked = zoned.booking.book(
        zoned.admin, BookingRequest(start=start, service_id=_service(zoned))
    )
    assert _minutes(booked.start, booked.end) == 30
    local_end = booked.end.astimezone(zoned.tz)
    assert (local_end.hour, local_end.minute) == (hour + 2, minute - 30)  # the clock jumped


def test_the_second_half_hour_of_the_repeated_hour_ends_after_it_starts(zoned: Clinic) -> None:
    hour, _minute = AUTUMN[zoned.tz.key]
    start = datetime(2026, 10, 25, hour, 30, tzinfo=zoned.tz, fold=1)  # the second 01:30
    end = datetime(2026, 10, 25, hour, 45, tzinfo=zoned.tz)  # the first 01:45: before it
    with pytest.raises(ValidationError, match="must end after it starts"):
        zoned.booking.book(zoned.admin, BookingRequest(start=start, end=end))
    later = datetime(2026, 10, 25, hour, 45, tzinfo=zoned.tz, fold=1)
    booked = zoned.booking.book(zoned.admin, BookingRequest(start=start, end=later))
    assert _minutes(booked.start, booked.end) == 15


def test_a_move_across_the_change_keeps_the_real_length(zoned: Clinic) -> None:
    prof = zoned.directory.professionals()[0].id
    booked = zoned.booking.book(
        zoned.admin,
        BookingRequest(
            start=datetime(2026, 10, 24, 10, tzinfo=zoned.tz),
            end=datetime(2026, 10, 24, 11, tzinfo=zoned.tz),
            professional_id=prof,
        ),
    )
    hour, minute = AUTUMN[zoned.tz.key]
    moved = zoned.booking.move(
        zoned.admin,
        booked.id,
        booked.version,
        datetime(2026, 10, 25, hour, minute, tzinfo=zoned.tz),
    )
    assert _minutes(moved.start, moved.end) == 60
    assert moved.end - moved.start == timedelta(hours=1)


def test_the_length_is_the_same_in_any_zone_the_desk_passes(zoned: Clinic) -> None:
    start = datetime(2026, 10, 25, 0, 45, tzinfo=ZoneInfo("UTC"))
    booked = zoned.booking.book(
        zoned.admin, BookingRequest(start=start, service_id=_service(zoned))
    )
    assert booked.start == start and _minutes(booked.start, booked.end) == 30
