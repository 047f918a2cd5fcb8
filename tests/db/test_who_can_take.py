"""Who could take an appointment where it is (Assign to): each professional decided by
the engine, with the parts of the reason for those who cannot; on both databases."""

from __future__ import annotations

from datetime import time

import pytest

from scheduler_app.db.engine import Database
from scheduler_app.domain.working_time import WeeklyRange
from scheduler_app.errors import ValidationError
from scheduler_app.services.dto import BookingRequest
from tests.conftest import Clinic, make_clinic


@pytest.fixture
def clinic_day(database: Database) -> Clinic:
    return make_clinic(database, around_the_clock=False)


def test_each_professional_with_the_engines_reason(clinic_day: Clinic) -> None:
    clinic = clinic_day
    free, busy, mornings, away = clinic.professionals(
        "Ana Free", "Bruno Busy", "Carla Mornings", "Duarte Away"
    )
    clinic.services.working_time.set_weekly_plan(
        clinic.admin, mornings, [WeeklyRange(d, time(8), time(13)) for d in range(5)]
    )
    clinic.services.working_time.add_time_off(
        clinic.admin, clinic.at(3, 8), clinic.at(6, 19), professional_id=away, reason="Vacation"
    )
    book = clinic.booking.book
    book(
        clinic.admin,
        BookingRequest(
            start=clinic.at(3, 14, 15),
            end=clinic.at(3, 15),
            professional_id=busy,
            client_id=clinic.client("Rui Matos"),
        ),
    )
    target = book(clinic.admin, BookingRequest(start=clinic.at(3, 14), end=clinic.at(3, 14, 45)))
    found = {
        a.professional_id: a
        for a in clinic.services.free_times.who_can_take(target.id, target.start, target.end)
    }
    assert found[free].refusal is None and found[free].name == "Ana Free"
    b = found[busy]
    assert (b.refusal, b.start, b.end, b.detail) == (
        "busy",
        clinic.at(3, 14, 15),
        clinic.at(3, 15),
        "Rui Matos",
    )
    assert b.message.startswith("Bruno Busy already has 14:15-15:00")
    assert found[mornings].refusal == "not working"
    assert "Carla Mornings does not work" in found[mornings].message
    d = found[away]
    assert (d.refusal, d.detail, d.end) == ("away", "absence: Vacation", clinic.at(6, 19))
    # Every answer is the booking's own: moving it to each professional says the same.
    for professional, answer in found.items():
        verdict = clinic.booking.check_availability(
            target.start, target.end, professional, target.id
        )
        assert verdict.ok == (answer.refusal is None)
        assert verdict.ok or verdict.reason == answer.message


def test_a_professional_needed_by_the_unassigned_ones_is_told_apart(clinic_day: Clinic) -> None:
    clinic = clinic_day
    _ana, bruno = clinic.professionals("Ana", "Bruno")
    book = clinic.booking.book

    def at(start: tuple[int, int], end: tuple[int, int], who: int | None = None) -> BookingRequest:
        return BookingRequest(
            start=clinic.at(3, *start), end=clinic.at(3, *end), professional_id=who
        )

    book(clinic.admin, at((10, 30), (11, 30), bruno))
    book(clinic.admin, at((10, 0), (10, 45)))  # only Ana can take it
    early = book(clinic.admin, at((9, 0), (10, 15)))  # fits Bruno, before his 10:30
    answers = clinic.services.free_times.who_can_take(early.id, early.start, early.end)
    assert {a.name: a.refusal for a in answers} == {"Ana": "needed", "Bruno": None}
    with pytest.raises(ValidationError):
        clinic.services.free_times.who_can_take(early.id, early.end, early.start)
