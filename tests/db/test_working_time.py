"""Working time through the services, on both databases: refusals name the rule, and
taking working time away is decided exactly (refused with what it strands, or forced)."""

from __future__ import annotations

import itertools
import random
from datetime import datetime, time

import pytest

from scheduler_app.db.engine import Database
from scheduler_app.db.working_time_models import TimeOffKind
from scheduler_app.domain.working_time import WeeklyRange
from scheduler_app.errors import ConflictError
from scheduler_app.services.availability import StrandingError
from scheduler_app.services.dto import AppointmentView, BookingRequest
from tests.conftest import Clinic, make_clinic

WEDNESDAY = 4  # 4 March 2026


@pytest.fixture
def open_8_to_19(database: Database) -> Clinic:
    return make_clinic(database, around_the_clock=False)


def book(
    clinic: Clinic, start: datetime, end: datetime, prof: int | None = None
) -> AppointmentView:
    return clinic.booking.book(
        clinic.admin, BookingRequest(start=start, end=end, professional_id=prof)
    )


def test_outside_opening_hours_the_clinic_says_so(open_8_to_19: Clinic) -> None:
    clinic = open_8_to_19
    (silva,) = clinic.professionals("Dr Silva")
    expected = "The clinic is closed then: on Tuesdays it opens 08:00-19:00."
    with pytest.raises(ConflictError, match=expected):
        book(clinic, clinic.at(3, 19), clinic.at(3, 20))
    with pytest.raises(ConflictError, match=expected):
        book(clinic, clinic.at(3, 18, 30), clinic.at(3, 19, 30), silva)
    assert not clinic.booking.check_availability(clinic.at(3, 23, 59), clinic.at(4, 0, 30)).ok
    assert book(clinic, clinic.at(3, 18), clinic.at(3, 19), silva).professional_id == silva


def test_a_public_holiday_closes_the_clinic(open_8_to_19: Clinic) -> None:
    clinic = open_8_to_19
    clinic.professionals("Dr Silva")
    clinic.services.working_time.set_holidays(clinic.admin, "pt")
    with pytest.raises(ConflictError, match=r"The clinic is closed on Wed 10 Jun \(.+\)"):
        book(clinic, clinic.at(10, 10, month=6), clinic.at(10, 11, month=6))
    assert book(clinic, clinic.at(11, 10, month=6), clinic.at(11, 11, month=6))


def test_a_weekly_plan_limits_a_professional(open_8_to_19: Clinic) -> None:
    clinic = open_8_to_19
    silva, _becker = clinic.professionals("Dr Silva", "Tom Becker")
    mornings = [WeeklyRange(d, time(8), time(13)) for d in range(5)]
    clinic.services.working_time.set_weekly_plan(clinic.admin, silva, mornings)
    with pytest.raises(ConflictError, match="Dr Silva does not work 13:00-19:00 on Wed 04 Mar"):
        book(clinic, clinic.at(WEDNESDAY, 14), clinic.at(WEDNESDAY, 15), silva)
    assert book(clinic, clinic.at(WEDNESDAY, 9), clinic.at(WEDNESDAY, 10), silva)
    # An afternoon appointment without a professional needs Becker, the only one then.
    book(clinic, clinic.at(WEDNESDAY, 14), clinic.at(WEDNESDAY, 15))
    with pytest.raises(ConflictError, match="No professional is free at 14:30"):
        book(clinic, clinic.at(WEDNESDAY, 14, 30), clinic.at(WEDNESDAY, 15))


def test_an_absence_is_named_when_it_refuses(open_8_to_19: Clinic) -> None:
    clinic = open_8_to_19
    silva, _becker = clinic.professionals("Dr Silva", "Tom Becker")
    clinic.services.working_time.add_time_off(
        clinic.admin,
        clinic.at(9, 0),
        clinic.at(14, 0),
        professional_id=silva,
        kind=TimeOffKind.VACATION,
        reason="Spring break",
    )
    with pytest.raises(ConflictError, match=r"Dr Silva is away \(vacation: Spring break\)"):
        book(clinic, clinic.at(10, 10), clinic.at(10, 11), silva)
    assert book(clinic, clinic.at(10, 10), clinic.at(10, 11)).professional_id is None


def test_an_absence_hands_appointments_over_or_is_refused_with_them(open_8_to_19: Clinic) -> None:
    clinic = open_8_to_19
    silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    mine = book(clinic, clinic.at(10, 10), clinic.at(10, 11), silva)
    lowered = clinic.services.working_time.add_time_off(
        clinic.admin, clinic.at(10, 0), clinic.at(11, 0), professional_id=silva
    )
    assert lowered.unassigned == 1 and clinic.booking.get(mine.id).professional_id is None
    # Becker is the only one left for it: his day off would strand it.
    with pytest.raises(StrandingError) as refused:
        clinic.services.working_time.add_time_off(
            clinic.admin, clinic.at(10, 8), clinic.at(10, 19), professional_id=becker
        )
    assert refused.value.count == 1 and "10:00-11:00 on Tue 10 Mar" in refused.value.message
    forced = clinic.services.working_time.add_time_off(
        clinic.admin,
        clinic.at(10, 8),
        clinic.at(10, 19),
        professional_id=becker,
        force_reason="Off sick",
    )
    assert forced.set_aside == 1 and clinic.services.conflicts.open_count() == 1


def test_a_closure_of_the_whole_clinic_strands_what_is_booked(open_8_to_19: Clinic) -> None:
    clinic = open_8_to_19
    (silva,) = clinic.professionals("Dr Silva")
    book(clinic, clinic.at(12, 10), clinic.at(12, 11), silva)
    with pytest.raises(StrandingError, match="1 appointment"):
        clinic.services.working_time.add_time_off(
            clinic.admin, clinic.at(12, 0), clinic.at(13, 0), kind=TimeOffKind.CLOSURE
        )
    clinic.services.working_time.add_time_off(
        clinic.admin, clinic.at(13, 0), clinic.at(14, 0), kind=TimeOffKind.CLOSURE, reason="Works"
    )
    with pytest.raises(ConflictError, match=r"The clinic is closed \(closure: Works\)"):
        book(clinic, clinic.at(13, 10), clinic.at(13, 11))


def test_a_new_plan_that_strands_is_refused_then_forced(open_8_to_19: Clinic) -> None:
    clinic = open_8_to_19
    (silva,) = clinic.professionals("Dr Silva")
    book(clinic, clinic.at(WEDNESDAY, 15), clinic.at(WEDNESDAY, 16), silva)
    mornings = [WeeklyRange(d, time(8), time(13)) for d in range(5)]
    with pytest.raises(StrandingError, match="Dr Silva's new weekly plan would leave 1"):
        clinic.services.working_time.set_weekly_plan(clinic.admin, silva, mornings)
    forced = clinic.services.working_time.set_weekly_plan(
        clinic.admin, silva, mornings, force_reason="Mornings only from now on"
    )
    assert (forced.unassigned, forced.set_aside) == (1, 1)
    assert [r.starts for r in clinic.services.working_time.weekly_plan(silva)] == [time(8)] * 5


# -- against a brute-force oracle that knows working time -----------------------

HOURS = range(8, 19)


def _works(plan: dict[int, list[tuple[int, int]]], prof: int, start: int, end: int) -> bool:
    """Whether ``prof`` works the whole of hours ``[start, end)`` on the Wednesday."""
    return any(a <= start and end <= b for a, b in plan[prof])


def _feasible(
    booked: list[tuple[int, int, int | None]], plan: dict[int, list[tuple[int, int]]]
) -> bool:
    profs = sorted(plan)
    unassigned = [b for b in booked if b[2] is None]
    for choice in itertools.product(profs, repeat=len(unassigned)):
        placed = [b for b in booked if b[2] is not None]
        placed += [(s, e, p) for (s, e, _), p in zip(unassigned, choice, strict=True)]
        if not all(_works(plan, p, s, e) for s, e, p in placed if p is not None):
            continue
        if all(
            not (p1 == p2 and s1 < e2 and s2 < e1)
            for (s1, e1, p1), (s2, e2, p2) in itertools.combinations(placed, 2)
        ):
            return True
    return False


@pytest.mark.parametrize("seed", range(4))
def test_bookings_against_working_time_agree_with_brute_force(
    open_8_to_19: Clinic, seed: int
) -> None:
    clinic = open_8_to_19
    rng = random.Random(seed)
    profs = clinic.professionals("P1", "P2", "P3")
    plan: dict[int, list[tuple[int, int]]] = {}
    for p in profs:
        start = rng.choice([8, 9, 10, 12])
        end = rng.choice([h for h in (12, 14, 16, 19) if h > start])
        plan[p] = [(start, end)]
        clinic.services.working_time.set_weekly_plan(
            clinic.admin, p, [WeeklyRange(2, time(start), time(end))]
        )
    booked: list[tuple[int, int, int | None]] = []
    accepted = refused = 0
    for _ in range(14):
        start = rng.choice(list(HOURS))
        end = min(start + rng.choice([1, 1, 2, 3]), 19)
        prof = rng.choice([None, *profs])
        expected = _feasible([*booked, (start, end, prof)], plan)
        try:
            book(clinic, clinic.at(WEDNESDAY, start), clinic.at(WEDNESDAY, end), prof)
        except ConflictError:
            assert not expected, (start, end, prof, booked, plan)
            refused += 1
        else:
            assert expected, (start, end, prof, booked, plan)
            booked.append((start, end, prof))
            accepted += 1
    assert accepted and refused
