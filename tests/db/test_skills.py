"""Skills on both databases: a service that needs skills goes only to professionals
who have them — booked to one, left unassigned for one, offered by Find a time and
Assign to — and changing skills is refused when an appointment to come would lose
everyone able to take it."""

from __future__ import annotations

import itertools
import random
from datetime import date, time
from decimal import Decimal

import pytest

from scheduler_app.db.engine import Database
from scheduler_app.domain.working_time import WeeklyRange
from scheduler_app.errors import ConflictError, ValidationError
from scheduler_app.services.dto import BookingRequest, ServiceDetails
from scheduler_app.services.free_times import FreeTimeRequest
from tests.conftest import Clinic, make_clinic

WEDNESDAY = 4  # 4 March 2026


def _physio(clinic: Clinic) -> int:
    details = ServiceDetails("Physiotherapy", 60, Decimal("50.00"), "EUR", "#3366cc")
    service = clinic.services.catalog.add(clinic.admin, details).id
    clinic.services.skills.set_for_service(clinic.admin, service, ["Manual therapy"])
    return service


def _book(clinic: Clinic, hour: int, prof: int | None, service: int | None) -> object:
    request = BookingRequest(clinic.at(3, hour), professional_id=prof, service_id=service)
    return clinic.booking.book(clinic.admin, request)


def test_only_a_skilled_professional_is_given_the_service(clinic: Clinic) -> None:
    silva, costa = clinic.professionals("Dr Silva", "Dr Costa")
    physio = _physio(clinic)
    clinic.services.skills.set_for_professional(clinic.admin, costa, ["manual therapy "])
    assert clinic.services.skills.of_professionals() == {costa: ["Manual therapy"]}
    with pytest.raises(ConflictError, match="Dr Silva does not have the skills"):
        _book(clinic, 10, silva, physio)
    _book(clinic, 10, costa, physio)
    # Unassigned: only Dr Costa could take it, and she is busy then.
    with pytest.raises(ConflictError, match="No professional with the skills it needs"):
        _book(clinic, 10, None, physio)
    _book(clinic, 10, None, None)  # anything else: Dr Silva takes it
    _book(clinic, 11, None, physio)  # Dr Costa is free at 11
    with pytest.raises(ConflictError):
        _book(clinic, 11, costa, None)  # she is the only one for the 11:00 physiotherapy


def test_find_a_time_and_assign_to_offer_only_skilled_professionals(clinic: Clinic) -> None:
    silva, costa = clinic.professionals("Dr Silva", "Dr Costa")
    physio = _physio(clinic)
    clinic.services.skills.set_for_professional(clinic.admin, costa, ["Manual therapy"])
    booked = _book(clinic, 10, None, physio)
    free_times = clinic.services.free_times
    who = free_times.who_can_take(booked.id, booked.start, booked.end)  # type: ignore[attr-defined]
    assert {a.professional_id for a in who if a.refusal is None} == {costa}
    silva_says = next(a for a in who if a.professional_id == silva)
    assert silva_says.message.startswith("Dr Silva does not have the skills")
    found = free_times.find(
        FreeTimeRequest(60, date(2026, 3, 3), date(2026, 3, 3), service_id=physio, limit=50)
    )
    assert found and {f.professional_id for f in found} == {costa}
    assert silva not in {f.professional_id for f in found}


def test_taking_a_skill_away_is_refused_while_appointments_need_it(clinic: Clinic) -> None:
    silva, costa = clinic.professionals("Dr Silva", "Dr Costa")
    physio = _physio(clinic)
    skills = clinic.services.skills
    skills.set_for_professional(clinic.admin, costa, ["Manual therapy"])
    at_ten = _book(clinic, 10, costa, physio)
    with pytest.raises(ConflictError, match="Not saved: 1 appointment to come"):
        skills.set_for_professional(clinic.admin, costa, [])
    with pytest.raises(ConflictError, match="Not saved: 1 appointment to come"):
        skills.set_for_service(clinic.admin, physio, ["Manual therapy", "Dry needling"])
    assert skills.of_professionals() == {costa: ["Manual therapy"]}
    assert skills.of_services() == {physio: ["Manual therapy"]}
    skills.set_for_professional(clinic.admin, silva, ["Manual therapy"])
    _book(clinic, 14, None, physio)  # unassigned: either of them
    _book(clinic, 14, silva, None)
    skills.set_for_professional(clinic.admin, silva, [])  # Dr Costa can still take it
    with pytest.raises(ConflictError, match="No professional is free at 14:00"):
        _book(clinic, 14, costa, None)  # she is the only one left for it
    clinic.lifecycle.cancel(clinic.admin, at_ten.id, at_ten.version)  # type: ignore[attr-defined]
    with pytest.raises(ConflictError, match="Not saved: an unassigned appointment"):
        skills.set_for_professional(clinic.admin, costa, [])
    assert skills.of_professionals() == {costa: ["Manual therapy"]}


def test_skill_names_are_checked(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    with pytest.raises(ValidationError, match="100 characters"):
        clinic.services.skills.set_for_professional(clinic.admin, silva, ["x" * 101])
    clinic.services.skills.set_for_professional(clinic.admin, silva, [" ", "A", "a", "B"])
    assert clinic.services.skills.names() == ["A", "B"]


# -- against a brute-force oracle that knows working time and skills ----------------


def _feasible(
    booked: list[tuple[int, int, int | None, frozenset[int] | None]],
    plan: dict[int, tuple[int, int]],
) -> bool:
    """Try every way of giving the unassigned ones a professional who works then and
    has the skills; the assigned ones must too."""
    profs = sorted(plan)

    def fits(s: int, e: int, p: int, who: frozenset[int] | None) -> bool:
        a, b = plan[p]
        return a <= s and e <= b and (who is None or p in who)

    unassigned = [b for b in booked if b[2] is None]
    fixed = [(s, e, p, w) for s, e, p, w in booked if p is not None]
    for choice in itertools.product(profs, repeat=len(unassigned)):
        placed = fixed + [(s, e, p, w) for (s, e, _, w), p in zip(unassigned, choice, strict=True)]
        if not all(fits(s, e, p, w) for s, e, p, w in placed if p is not None):
            continue
        if all(
            not (p1 == p2 and s1 < e2 and s2 < e1)
            for (s1, e1, p1, _w1), (s2, e2, p2, _w2) in itertools.combinations(placed, 2)
        ):
            return True
    return False


@pytest.mark.parametrize("seed", range(4))
def test_bookings_with_skills_agree_with_brute_force(database: Database, seed: int) -> None:
    clinic = make_clinic(database, around_the_clock=False)
    rng = random.Random(seed)
    profs = clinic.professionals("P1", "P2", "P3")
    plan: dict[int, tuple[int, int]] = {}
    for p in profs:
        start = rng.choice([8, 9, 10, 12])
        end = rng.choice([h for h in (12, 14, 16, 19) if h > start])
        plan[p] = (start, end)
        clinic.services.working_time.set_weekly_plan(
            clinic.admin, p, [WeeklyRange(2, time(start), time(end))]
        )
    physio = _physio(clinic)
    skilled = frozenset(rng.sample(profs, rng.choice([1, 2])))
    for p in skilled:
        clinic.services.skills.set_for_professional(clinic.admin, p, ["Manual therapy"])
    booked: list[tuple[int, int, int | None, frozenset[int] | None]] = []
    accepted = refused = 0
    for _ in range(14):
        start = rng.choice(range(8, 19))
        end = min(start + rng.choice([1, 1, 2, 3]), 19)
        prof = rng.choice([None, *profs])
        service = rng.choice([None, physio])
        who = skilled if service == physio else None
        expected = _feasible([*booked, (start, end, prof, who)], plan)
        request = BookingRequest(
            clinic.at(WEDNESDAY, start),
            clinic.at(WEDNESDAY, end),
            professional_id=prof,
            service_id=service,
        )
        try:
            clinic.booking.book(clinic.admin, request)
        except ConflictError:
            assert not expected, (start, end, prof, who, booked, plan)
            refused += 1
        else:
            assert expected, (start, end, prof, who, booked, plan)
            booked.append((start, end, prof, who))
            accepted += 1
    assert accepted and refused
