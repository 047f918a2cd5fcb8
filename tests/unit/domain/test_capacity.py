"""The exact availability rules against a brute-force oracle."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from scheduler_app.domain.capacity import Slot, check_change, find_assignment, max_concurrency


def feasible(slots: list[Slot], professionals: list[int]) -> bool:
    """Try every way of giving the unassigned slots a professional."""
    unassigned = [s for s in slots if s.professional is None]
    fixed = [s for s in slots if s.professional is not None]
    for choice in itertools.product(professionals, repeat=len(unassigned)):
        placed = fixed + [
            Slot(s.key, s.start, s.end, p) for s, p in zip(unassigned, choice, strict=True)
        ]
        if all(
            not (a.professional == b.professional and a.overlaps(b))
            for a, b in itertools.combinations(placed, 2)
        ):
            return True
    return False


def valid(assignment: dict[int, int], slots: list[Slot], professionals: list[int]) -> bool:
    placed = [Slot(s.key, s.start, s.end, s.professional or assignment[s.key]) for s in slots]
    if any(s.professional is None and assignment[s.key] not in professionals for s in slots):
        return False
    return all(
        not (a.professional == b.professional and a.overlaps(b))
        for a, b in itertools.combinations(placed, 2)
    )


@st.composite
def schedules(draw: st.DrawFn, max_slots: int = 7) -> tuple[list[Slot], list[int]]:
    professionals = list(range(1, draw(st.integers(1, 3)) + 1))
    count = draw(st.integers(0, max_slots))
    slots = []
    for key in range(1, count + 1):
        start = draw(st.integers(0, 16))
        end = start + draw(st.integers(1, 6))
        prof = draw(st.one_of(st.none(), st.sampled_from(professionals)))
        slots.append(Slot(key, start, end, prof))
    return slots, professionals


# Best-fit placement alone fails here; backtracking must find P2 for 5-8, P1 for 6-10.
GREEDY_TRAP = (
    [Slot(1, 5, 8), Slot(2, 6, 10), Slot(3, 10, 11, 1), Slot(4, 9, 12)],
    [1, 2],
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schedules())
@example(GREEDY_TRAP)
def test_find_assignment_agrees_with_brute_force(case: tuple[list[Slot], list[int]]) -> None:
    slots, professionals = case
    result = find_assignment(slots, professionals)
    assert (result is not None) == feasible(slots, professionals)
    if result is not None:
        assert valid(result, slots, professionals)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schedules(max_slots=6), st.integers(0, 16), st.integers(1, 6), st.data())
def test_check_change_accepts_exactly_what_fits(
    case: tuple[list[Slot], list[int]], start: int, length: int, data: st.DataObject
) -> None:
    others, professionals = case
    if not feasible(others, professionals):
        return  # the stored schedule always satisfies the rules before a change
    prof = data.draw(st.one_of(st.none(), st.sampled_from(professionals)))
    candidate = Slot(-1, start, start + length, prof)
    refusal = check_change(candidate, others, professionals)
    assert (refusal is None) == feasible([*others, candidate], professionals), refusal


@settings(max_examples=300, deadline=None)
@given(schedules(max_slots=6), st.data())
def test_moving_an_appointment_never_conflicts_with_itself(
    case: tuple[list[Slot], list[int]], data: st.DataObject
) -> None:
    others, professionals = case
    if not others or not feasible(others, professionals):
        return
    moved = data.draw(st.sampled_from(others))
    shift = data.draw(st.integers(-3, 3))
    candidate = Slot(moved.key, moved.start + shift, moved.end + shift, moved.professional)
    rest = [s for s in others if s.key != moved.key]
    refusal = check_change(candidate, others, professionals)
    assert (refusal is None) == feasible([*rest, candidate], professionals)


def test_random_schedules_agree_with_brute_force() -> None:
    """Thousands of dense random days: many need backtracking, none may be misjudged."""
    rng = random.Random(20261123)
    refused = accepted = 0
    for _ in range(4000):
        professionals = list(range(1, rng.randint(2, 3) + 1))
        others = []
        for key in range(1, rng.randint(2, 7) + 1):
            start = rng.randint(0, 12)
            others.append(
                Slot(
                    key, start, start + rng.randint(1, 5), rng.choice([None, None, *professionals])
                )
            )
        if not feasible(others, professionals):
            assert find_assignment(others, professionals) is None
            continue
        start = rng.randint(0, 12)
        candidate = Slot(-1, start, start + rng.randint(1, 5), rng.choice([None, *professionals]))
        fits = feasible([*others, candidate], professionals)
        assert (check_change(candidate, others, professionals) is None) == fits
        refused += not fits
        accepted += fits
    assert refused > 500 and accepted > 500  # both outcomes were really exercised


def test_seed_one_wrong_rejection_is_accepted() -> None:
    # Two professionals, A 09:00-10:00 and B 11:00-12:00: seed 1 counts two overlapping
    # appointments for C 09:30-11:30 and refuses; at no instant are two busy.
    a, b = Slot(1, 900, 1000), Slot(2, 1100, 1200)
    assert check_change(Slot(3, 930, 1130), [a, b], [1, 2]) is None


def test_count_is_not_enough_once_some_are_assigned() -> None:
    # P1 has 10-11, P2 has 11-12; an unassigned 10:30-11:30 is "2 at once" but fits nobody.
    p1, p2 = Slot(1, 1000, 1100, 1), Slot(2, 1100, 1200, 2)
    candidate = Slot(3, 1030, 1130)
    assert max_concurrency([p1, p2, candidate])[0] == 2
    refusal = check_change(candidate, [p1, p2], [1, 2])
    assert refusal is not None and refusal.kind == "unassignable"
    assert refusal.blocking == (candidate,)


def test_assigning_into_an_unassigned_group_can_break_it() -> None:
    # One unassigned 10-11 relies on P1 being free; giving P1 another 10:30-11 breaks it.
    waiting = Slot(1, 1000, 1100)
    p2_busy = Slot(2, 1000, 1100, 2)
    refusal = check_change(Slot(3, 1030, 1100, 1), [waiting, p2_busy], [1, 2])
    assert refusal is not None and refusal.kind == "capacity"
    assert refusal.at == 1030 and refusal.busy == 3 and refusal.available == 2


def test_professional_busy_names_the_blocking_appointment() -> None:
    existing = Slot(7, 1000, 1100, 1)
    refusal = check_change(Slot(-1, 1030, 1130, 1), [existing], [1, 2])
    assert refusal is not None and refusal.kind == "professional_busy"
    assert refusal.blocking == (existing,)


def test_back_to_back_appointments_do_not_overlap() -> None:
    assert check_change(Slot(-1, 1100, 1200, 1), [Slot(1, 1000, 1100, 1)], [1]) is None
    assert check_change(Slot(-1, 1100, 1200), [Slot(1, 1000, 1100, 1)], [1]) is None


def test_no_professionals_means_no_unassigned_booking() -> None:
    refusal = check_change(Slot(-1, 1000, 1100), [], [])
    assert refusal is not None and refusal.kind == "capacity" and refusal.available == 0


def test_inactive_professionals_keep_their_bookings_but_take_no_new_ones() -> None:
    # Professional 9 is inactive (not in the list) yet still holds 10-11.
    held = Slot(1, 1000, 1100, 9)
    assert check_change(Slot(-1, 1000, 1100), [held], [1]) is None
    refusal = check_change(Slot(-1, 1000, 1100, 9), [held], [1])
    assert refusal is not None and refusal.kind == "professional_busy"


def test_a_busy_day_of_unassigned_appointments_is_solved_exactly() -> None:
    # 40 professionals, 400 chained unassigned appointments over a day, full to capacity.
    professionals = list(range(1, 41))
    slots = []
    key = 0
    for lane in range(40):
        t = lane % 7
        while t + 10 <= 600:
            key += 1
            slots.append(Slot(key, t, t + 10 + (key % 3)))
            t += 10 + (key % 3)
    result = find_assignment(slots, professionals)
    assert result is not None and valid(result, slots, professionals)
    refusal = check_change(Slot(-1, 300, 305), slots, professionals)
    assert refusal is not None and refusal.kind == "capacity"


def test_a_hopeless_crowd_is_proved_so_not_given_up_on() -> None:
    # 50 professionals; 25 of them are busy until 10:03 or from 10:57. Twenty-six
    # appointments run 10:00-11:00: never more than 39 at once, yet only the 25
    # professionals free all morning can take any of them.
    free = list(range(1, 26))
    early, late = list(range(26, 39)), list(range(39, 51))
    blocks = [Slot(100 + p, 900, 1003, p) for p in early]
    blocks += [Slot(100 + p, 1057, 1200, p) for p in late]
    crowd = [Slot(k, 1000 + k % 3, 1060) for k in range(1, 26)]
    everyone = free + early + late
    refusal = check_change(Slot(-1, 1001, 1060), [*blocks, *crowd], everyone)
    assert refusal is not None and refusal.kind == "unassignable"
    assert check_change(Slot(-1, 1003, 1056), [*blocks, *crowd], everyone) is None


def test_a_dense_real_day_is_decided_exactly() -> None:
    """Regression: this day once exhausted the search budget ("too complex")."""
    data = json.loads((Path(__file__).parent / "dense_day.json").read_text())
    others = [Slot(*row) for row in data["others"]]
    candidate = Slot(*data["candidate"])
    refusal = check_change(candidate, others, data["professionals"])
    assert refusal is not None and refusal.kind == "unassignable"
    slots = [*others, candidate]
    assert find_assignment(slots, data["professionals"]) is None
    assert find_assignment(others, data["professionals"]) is not None
