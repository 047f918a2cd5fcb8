"""Find a time: the times offered are exactly those a booking would get, earliest first,
the same as trying every slot through the booking check; on both databases."""

from __future__ import annotations

import contextlib
import random
from datetime import date, time, timedelta
from decimal import Decimal

import pytest

from scheduler_app.db.engine import Database
from scheduler_app.domain.localtime import localize
from scheduler_app.domain.working_time import WeeklyRange
from scheduler_app.errors import ConflictError, ValidationError
from scheduler_app.services.dto import BookingRequest, ServiceDetails
from scheduler_app.services.free_times import FreeTime, FreeTimeRequest
from scheduler_app.services.resources import ResourceDetails
from tests.conftest import Clinic, make_clinic


@pytest.fixture
def clinic_day(database: Database) -> Clinic:
    return make_clinic(database, around_the_clock=False)


def by_trying_every_slot(clinic: Clinic, request: FreeTimeRequest) -> list[tuple]:
    """The baseline: every slot of every day, every professional, through check_availability."""
    profs = request.professional_ids or tuple(p.id for p in clinic.directory.professionals())
    found: list[tuple] = []
    day = request.first_day
    while day <= request.last_day and len(found) < request.limit:
        for minute in range(0, 24 * 60, 15):
            clock = time(minute // 60, minute % 60)
            if not request.earliest <= clock <= request.latest:
                continue
            start = localize(day, clock, clinic.tz)
            if start <= clinic.clock.now:
                continue
            end = start + timedelta(minutes=request.minutes)
            for prof in profs:
                if clinic.booking.check_availability(start, end, prof).ok:
                    found.append((start, prof))
                    break
            if len(found) == request.limit:
                break
        day += timedelta(days=1)
    return found


def _pairs(found: list[FreeTime]) -> list[tuple]:
    return [(f.start, f.professional_id) for f in found]


@pytest.mark.parametrize("seed", range(3))
def test_the_times_found_are_those_every_slot_tried_gives(clinic_day: Clinic, seed: int) -> None:
    clinic = clinic_day
    rng = random.Random(seed)
    profs = clinic.professionals("Dr Silva", "Tom Becker", "Ana Lima")
    clinic.services.working_time.set_weekly_plan(
        clinic.admin, profs[0], [WeeklyRange(d, time(9), time(13)) for d in range(5)]
    )
    for _ in range(40):
        day = rng.randrange(3, 6)
        start = clinic.at(day, rng.randrange(8, 18), rng.choice([0, 15, 30, 45]))
        with contextlib.suppress(ConflictError, ValidationError):
            clinic.booking.book(
                clinic.admin,
                BookingRequest(
                    start=start,
                    end=start + timedelta(minutes=rng.choice([30, 45, 60, 90])),
                    professional_id=rng.choice([None, *profs]),
                ),
            )
    request = FreeTimeRequest(
        minutes=45, first_day=date(2026, 3, 3), last_day=date(2026, 3, 6), limit=10
    )
    found = clinic.services.free_times.find(request)
    assert len(found) == 10
    assert _pairs(found) == by_trying_every_slot(clinic, request)
    first = found[0]
    booked = clinic.booking.book(  # choosing one books it
        clinic.admin,
        BookingRequest(start=first.start, end=first.end, professional_id=first.professional_id),
    )
    assert booked.professional_name == first.professional_name


def test_preferences_narrow_the_times(clinic_day: Clinic) -> None:
    clinic = clinic_day
    silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    request = FreeTimeRequest(
        minutes=30,
        first_day=date(2026, 3, 2),
        last_day=date(2026, 3, 13),
        professional_ids=(becker,),
        earliest=time(14),
        latest=time(16),
        weekdays=(3,),  # Thursdays
        limit=3,
    )
    found = clinic.services.free_times.find(request)
    assert [
        (f.start.astimezone(clinic.tz).strftime("%a %H:%M"), f.professional_id) for f in found
    ] == [
        ("Thu 14:00", becker),
        ("Thu 14:15", becker),
        ("Thu 14:30", becker),
    ]
    assert silva not in {f.professional_id for f in found}
    with pytest.raises(ValidationError, match="last day comes before"):
        clinic.services.free_times.find(
            FreeTimeRequest(minutes=30, first_day=date(2026, 3, 5), last_day=date(2026, 3, 4))
        )


def by_booking_every_slot(clinic: Clinic, request: FreeTimeRequest) -> list[tuple]:
    """The baseline with rooms: every slot, every professional, *booked* through the
    booking service (rooms decided as under the lock), then cancelled again."""
    profs = tuple(p.id for p in clinic.directory.professionals())
    found: list[tuple] = []
    day = request.first_day
    while day <= request.last_day and len(found) < request.limit:
        for minute in range(8 * 60, 19 * 60, 15):
            start = localize(day, time(minute // 60, minute % 60), clinic.tz)
            if start <= clinic.clock.now:
                continue
            end = start + timedelta(minutes=request.minutes)
            for prof in profs:
                ask = BookingRequest(
                    start, end, professional_id=prof, service_id=request.service_id
                )
                try:
                    booked = clinic.booking.book(clinic.admin, ask)
                except (ConflictError, ValidationError):
                    continue
                clinic.lifecycle.cancel(clinic.admin, booked.id, booked.version)
                found.append((start, prof))
                break
            if len(found) == request.limit:
                break
        day += timedelta(days=1)
    return found


@pytest.mark.parametrize("seed", range(3))
def test_a_time_with_no_free_room_of_what_the_service_needs_is_not_offered(
    clinic_day: Clinic, seed: int
) -> None:
    """Physiotherapy needs a treatment room, and the clinic has two (one under
    maintenance for a morning): Find a time offers exactly the times a booking gets,
    and the booking check refuses a time with both rooms taken, or a room named
    that is taken, in the booking's words."""
    clinic = clinic_day
    rng = random.Random(seed)
    profs = clinic.professionals("Dr Silva", "Tom Becker", "Ana Lima")
    physio = clinic.services.catalog.add(
        clinic.admin, ServiceDetails("Physiotherapy", 60, Decimal("50.00"), "EUR", "#3366cc")
    ).id
    resources = clinic.services.resources
    rooms = [
        resources.add(clinic.admin, ResourceDetails(f"Room {n}", "Treatment room")).id
        for n in (1, 2)
    ]
    resources.set_needs(clinic.admin, physio, [("Treatment room", 1)])
    resources.add_maintenance(clinic.admin, rooms[0], clinic.at(3, 8), clinic.at(3, 12), "")
    for _ in range(30):
        start = clinic.at(rng.randrange(3, 5), rng.randrange(8, 18), rng.choice([0, 15, 30, 45]))
        with contextlib.suppress(ConflictError, ValidationError):
            clinic.booking.book(
                clinic.admin,
                BookingRequest(
                    start,
                    start + timedelta(minutes=rng.choice([30, 60])),
                    professional_id=rng.choice(profs),
                    service_id=rng.choice([physio, None]),
                ),
            )
    request = FreeTimeRequest(
        minutes=60, first_day=date(2026, 3, 3), last_day=date(2026, 3, 5), service_id=physio
    )
    found = _pairs(clinic.services.free_times.find(request))
    assert found == by_booking_every_slot(clinic, request)
    # The booking check says why, before anything is written.
    day = clinic.booking.appointments_on(date(2026, 3, 3))
    held = [a for a in day if a.resource_ids == (rooms[1],) and a.status.is_active]
    if held:
        taken = held[0]
        verdict = clinic.booking.check_availability(
            taken.start, taken.end, None, service_id=physio, resource_ids=(rooms[1],)
        )
        assert not verdict.ok and verdict.reason.startswith("Room 2 is in use at")
    at_nine = clinic.booking.check_availability(
        clinic.at(3, 9), clinic.at(3, 10), None, service_id=physio, resource_ids=(rooms[0],)
    )
    assert not at_nine.ok and at_nine.reason.startswith("Room 1 is under maintenance")
