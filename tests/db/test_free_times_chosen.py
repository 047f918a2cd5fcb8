"""Find a time for chosen professionals skips, by a first look at their own bookings and
working time, the days where nothing of theirs could fit; the times found stay exactly
those that trying every slot through the booking check gives, on both databases."""

from __future__ import annotations

import contextlib
import random
from datetime import date, time, timedelta
from typing import Any

import pytest

from scheduler_app.db.engine import Database
from scheduler_app.domain.working_time import WeeklyRange
from scheduler_app.errors import ConflictError, ValidationError
from scheduler_app.services import availability
from scheduler_app.services.dto import BookingRequest
from scheduler_app.services.free_times import FreeTimeRequest
from tests.conftest import Clinic, make_clinic
from tests.db.test_free_times import _pairs, by_trying_every_slot


@pytest.fixture
def clinic_day(database: Database) -> Clinic:
    return make_clinic(database, around_the_clock=False)


@pytest.mark.parametrize("seed", range(3))
def test_busy_chosen_professionals_give_what_every_slot_gives(
    clinic_day: Clinic, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    clinic = clinic_day
    rng = random.Random(seed)
    profs = clinic.professionals("Dr Silva", "Tom Becker", "Ana Lima")
    clinic.services.working_time.set_weekly_plan(  # Tom: mornings, Tuesday to Thursday
        clinic.admin, profs[1], [WeeklyRange(d, time(8), time(12)) for d in (1, 2, 3)]
    )
    clinic.services.working_time.add_time_off(  # Silva away on Wednesday
        clinic.admin, clinic.at(4, 0), clinic.at(5, 0), professional_id=profs[0]
    )
    for _ in range(120):  # Silva and Tom nearly full; some without a professional
        day = rng.randrange(3, 10)
        start = clinic.at(day, rng.randrange(8, 19), rng.choice([0, 15, 30, 45]))
        with contextlib.suppress(ConflictError, ValidationError):
            clinic.booking.book(
                clinic.admin,
                BookingRequest(
                    start=start,
                    end=start + timedelta(minutes=rng.choice([30, 45, 60])),
                    professional_id=rng.choice([None, profs[0], profs[1], profs[1]]),
                ),
            )
    for chosen in ((profs[0],), (profs[1],), (profs[0], profs[1])):
        request = FreeTimeRequest(
            minutes=60,
            first_day=date(2026, 3, 3),
            last_day=date(2026, 3, 13),
            professional_ids=chosen,
            limit=6,
        )
        found = clinic.services.free_times.find(request)
        assert _pairs(found) == by_trying_every_slot(clinic, request)


def test_days_where_nothing_of_theirs_fits_are_not_read(
    clinic_day: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    clinic = clinic_day
    (tom,) = clinic.professionals("Tom Becker")
    clinic.services.working_time.set_weekly_plan(  # mornings, Tuesday to Thursday
        clinic.admin, tom, [WeeklyRange(d, time(8), time(12)) for d in (1, 2, 3)]
    )
    for day in (3, 4, 5):  # this week's mornings are full
        for hour in (8, 9, 10, 11):
            clinic.booking.book(
                clinic.admin,
                BookingRequest(
                    start=clinic.at(day, hour), end=clinic.at(day, hour + 1), professional_id=tom
                ),
            )
    days_read: list[int] = []
    gather = availability.gather

    def counted(*args: Any, **kwargs: Any) -> availability.World:
        days_read.append(1)
        return gather(*args, **kwargs)

    monkeypatch.setattr(availability, "gather", counted)
    request = FreeTimeRequest(
        minutes=60,
        first_day=date(2026, 3, 3),
        last_day=date(2026, 3, 13),
        professional_ids=(tom,),
        limit=1,
    )
    (found,) = clinic.services.free_times.find(request)
    assert found.start == clinic.at(10, 8)  # next Tuesday
    # Read: Tuesday 3 (the first day, for the roster) and Tuesday 10; not the full
    # Wednesday and Thursday, nor Friday and Monday when Tom does not work.
    assert len(days_read) == 2
