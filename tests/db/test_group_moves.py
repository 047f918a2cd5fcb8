"""Several appointments moved together: all of them or none, on both databases."""

from __future__ import annotations

import contextlib
import itertools
import random
from datetime import timedelta

import pytest

from scheduler_app.domain.capacity import Demand
from scheduler_app.errors import ConflictError, StaleDataError
from scheduler_app.services.dto import AppointmentView, MoveRequest
from tests.conftest import Clinic
from tests.db.test_booking import book
from tests.unit.domain.test_capacity import feasible


def shifted(appt: AppointmentView, minutes: int, prof: int | str | None = "same") -> MoveRequest:
    delta = timedelta(minutes=minutes)
    professional = appt.professional_id if prof == "same" else prof
    return MoveRequest(appt.id, appt.version, appt.start + delta, appt.end + delta, professional)  # type: ignore[arg-type]


def test_a_morning_shifts_into_its_own_old_places(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    first = book(clinic, clinic.at(3, 9), clinic.at(3, 10), silva)
    second = book(clinic, clinic.at(3, 10), clinic.at(3, 11), silva)
    # One at a time, the first would land on the second:
    assert not clinic.booking.check_availability(
        clinic.at(3, 10), clinic.at(3, 11), silva, first.id
    ).ok
    moves = [shifted(first, 60), shifted(second, 60)]
    assert clinic.booking.check_moves(moves).ok
    after = clinic.booking.move_together(clinic.admin, moves)
    assert [(a.start, a.end) for a in after] == [
        (clinic.at(3, 10), clinic.at(3, 11)),
        (clinic.at(3, 11), clinic.at(3, 12)),
    ]
    stored = {a.id: a for a in clinic.booking.appointments_on(clinic.at(3, 0).date())}
    assert stored[first.id].start == clinic.at(3, 10) and stored[first.id].professional_id == silva
    assert stored[second.id].start == clinic.at(3, 11)
    assert all(a.version > 1 for a in after)


def test_one_refusal_moves_none_and_says_which(clinic: Clinic) -> None:
    silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    costa = clinic.client("Joana Costa")
    first = book(clinic, clinic.at(3, 9), clinic.at(3, 10), silva, client_id=costa)
    second = book(clinic, clinic.at(3, 10), clinic.at(3, 11), silva)
    book(clinic, clinic.at(3, 9), clinic.at(3, 10), becker)  # Becker is busy at 9
    moves = [shifted(first, 0, becker), shifted(second, 0, becker)]
    verdict = clinic.booking.check_moves(moves)
    assert not verdict.ok and "Joana Costa's appointment cannot go there" in verdict.reason
    with pytest.raises(ConflictError) as caught:
        clinic.booking.move_together(clinic.admin, moves)
    assert "Tom Becker already has 09:00-10:00" in caught.value.message
    assert "None of them was moved" in caught.value.message
    stored = {a.id: a for a in clinic.booking.appointments_on(clinic.at(3, 0).date())}
    assert stored[first.id].professional_id == silva and stored[second.id].professional_id == silva
    assert stored[first.id].version == 1 and stored[second.id].version == 1


def test_moved_appointments_may_not_land_on_each_other(clinic: Clinic) -> None:
    silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    first = book(clinic, clinic.at(3, 9), clinic.at(3, 10), silva)
    other = book(clinic, clinic.at(3, 9, 30), clinic.at(3, 10, 30), becker)
    moves = [shifted(first, 60), shifted(other, 0, silva)]
    with pytest.raises(ConflictError, match="would overlap for the same professional"):
        clinic.booking.move_together(clinic.admin, moves)


def test_unassigned_appointments_moved_together_count_against_capacity(clinic: Clinic) -> None:
    silva, _becker = clinic.professionals("Dr Silva", "Tom Becker")
    book(clinic, clinic.at(3, 14), clinic.at(3, 15), silva)
    a = book(clinic, clinic.at(3, 9), clinic.at(3, 10))
    b = book(clinic, clinic.at(3, 9), clinic.at(3, 10))
    # At 14:00 only Becker is free: two unassigned appointments cannot both go there.
    with pytest.raises(ConflictError, match="No professional is free"):
        clinic.booking.move_together(clinic.admin, [shifted(a, 300), shifted(b, 300)])
    moved = clinic.booking.move_together(clinic.admin, [shifted(a, 60), shifted(b, 60)])
    assert [m.start for m in moved] == [clinic.at(3, 10), clinic.at(3, 10)]


def test_a_stale_version_moves_none(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    first = book(clinic, clinic.at(3, 9), clinic.at(3, 10), silva)
    second = book(clinic, clinic.at(3, 11), clinic.at(3, 12), silva)
    clinic.booking.move(clinic.admin, second.id, second.version, clinic.at(3, 13))
    with pytest.raises(StaleDataError):
        clinic.booking.move_together(clinic.admin, [shifted(first, 30), shifted(second, 30)])
    assert clinic.booking.get(first.id).start == clinic.at(3, 9)


@pytest.mark.parametrize("seed", range(3))
def test_group_moves_agree_with_brute_force(clinic: Clinic, seed: int) -> None:
    """Random small days and random group shifts: accepted exactly when the day
    after the move could be staffed without overlaps."""
    rng = random.Random(seed)
    profs = clinic.professionals("P1", "P2")
    day, hour = 3 + seed, 9
    booked: list[AppointmentView] = []
    for _ in range(14):
        start = clinic.at(day, hour) + timedelta(minutes=30 * rng.randrange(0, 12))
        end = start + timedelta(minutes=30 * rng.randrange(1, 4))
        prof = rng.choice([None, *profs])
        with contextlib.suppress(ConflictError):
            booked.append(book(clinic, start, end, prof))
    accepted = refused = 0
    for _ in range(25):
        current = {a.id: a for a in clinic.booking.appointments_on(clinic.at(day, 0).date())}
        group = rng.sample(sorted(current), k=min(len(current), rng.randrange(2, 4)))
        minutes = 30 * rng.randrange(-3, 4)
        moves = [shifted(current[i], minutes, rng.choice(["same", None, *profs])) for i in group]
        final = [
            Demand(a.id, int(a.start.timestamp()), int(a.end.timestamp()), a.professional_id)
            for a in current.values()
            if a.id not in group
        ] + [
            Demand(
                m.appointment_id,
                int(m.start.timestamp()),
                int(m.end.timestamp()),
                m.professional_id,
            )
            for m in moves
        ]
        expected = all(
            not (x.professional is not None and x.professional == y.professional and x.overlaps(y))
            for x, y in itertools.combinations(final, 2)
        ) and feasible(final, profs)
        assert clinic.booking.check_moves(moves).ok == expected
        try:
            clinic.booking.move_together(clinic.admin, moves)
        except ConflictError:
            assert not expected
            refused += 1
        else:
            assert expected
            accepted += 1
    assert accepted and refused
