"""The exact availability rules against a brute-force oracle."""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Mapping, Sequence
from pathlib import Path

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from scheduler_app.domain.capacity import (
    FOREVER,
    Demand,
    Hints,
    Proposal,
    Span,
    always_available,
    decide,
    find_assignment,
    max_concurrency,
    stranded,
)

Off = Mapping[int, Sequence[Span]]


def _clash(a: Demand, b: Demand) -> bool:
    return a.professional is not None and a.professional == b.professional and a.overlaps(b)


def _off_duty(slot: Demand, off: Off) -> bool:
    spans = off.get(slot.professional, ()) if slot.professional is not None else ()
    return any(s < slot.end and slot.start < e for s, e in spans)


def feasible(
    slots: Sequence[Demand], professionals: Off | Sequence[int], checked: Sequence[Demand] = ()
) -> bool:
    """Try every way of giving the unassigned appointments a professional who is on
    duty; ``checked`` (assigned ones among ``slots``) must be on duty themselves."""
    off = professionals if isinstance(professionals, Mapping) else always_available(professionals)
    if any(_off_duty(s, off) for s in checked):
        return False
    unassigned = [s for s in slots if s.professional is None]
    fixed = [s for s in slots if s.professional is not None]
    if any(_clash(a, b) for a, b in itertools.combinations(fixed, 2)):
        return False
    for choice in itertools.product(sorted(off), repeat=len(unassigned)):
        placed = [s._replace(professional=p) for s, p in zip(unassigned, choice, strict=True)]
        if any(_off_duty(s, off) for s in placed):
            continue
        if not any(_clash(a, b) for a, b in itertools.combinations(fixed + placed, 2)):
            return True
    return False


def valid(assignment: dict[int, int], slots: list[Demand], professionals: list[int]) -> bool:
    placed = [s._replace(professional=s.professional or assignment[s.key]) for s in slots]
    if any(s.professional is None and assignment[s.key] not in professionals for s in slots):
        return False
    return not any(_clash(a, b) for a, b in itertools.combinations(placed, 2))


def check(candidate: Demand, others: list[Demand], professionals: Off | list[int]):  # type: ignore[no-untyped-def]
    off = professionals if isinstance(professionals, Mapping) else always_available(professionals)
    return decide(Proposal((candidate,)), others, off)


@st.composite
def schedules(draw: st.DrawFn, max_slots: int = 7) -> tuple[list[Demand], list[int]]:
    professionals = list(range(1, draw(st.integers(1, 3)) + 1))
    count = draw(st.integers(0, max_slots))
    slots = []
    for key in range(1, count + 1):
        start = draw(st.integers(0, 16))
        end = start + draw(st.integers(1, 6))
        prof = draw(st.one_of(st.none(), st.sampled_from(professionals)))
        slots.append(Demand(key, start, end, prof))
    return slots, professionals


@st.composite
def rosters(draw: st.DrawFn, professionals: list[int]) -> dict[int, tuple[Span, ...]]:
    """Professionals with random time off (a break, a late start, leaving early)."""
    off: dict[int, tuple[Span, ...]] = {}
    for p in professionals:
        spans: list[Span] = []
        for _ in range(draw(st.integers(0, 2))):
            start = draw(st.integers(0, 18))
            spans.append((start, start + draw(st.integers(1, 8))))
        off[p] = tuple(_merge(spans))
    return off


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


# Best-fit placement alone fails here; backtracking must find P2 for 5-8, P1 for 6-10.
GREEDY_TRAP = (
    [Demand(1, 5, 8), Demand(2, 6, 10), Demand(3, 10, 11, 1), Demand(4, 9, 12)],
    [1, 2],
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schedules())
@example(GREEDY_TRAP)
def test_find_assignment_agrees_with_brute_force(case: tuple[list[Demand], list[int]]) -> None:
    slots, professionals = case
    result = find_assignment(slots, always_available(professionals))
    assert (result is not None) == feasible(slots, professionals)
    if result is not None:
        assert valid(result, slots, professionals)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schedules(max_slots=6), st.integers(0, 16), st.integers(1, 6), st.data())
def test_a_change_is_accepted_exactly_when_it_fits(
    case: tuple[list[Demand], list[int]], start: int, length: int, data: st.DataObject
) -> None:
    others, professionals = case
    assume(feasible(others, professionals))  # a stored schedule keeps the rules
    prof = data.draw(st.one_of(st.none(), st.sampled_from(professionals)))
    candidate = Demand(-1, start, start + length, prof)
    refusal = check(candidate, others, professionals)
    assert (refusal is None) == feasible([*others, candidate], professionals), refusal


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schedules(max_slots=5), st.integers(0, 16), st.integers(1, 6), st.data())
def test_time_off_is_decided_exactly(
    case: tuple[list[Demand], list[int]], start: int, length: int, data: st.DataObject
) -> None:
    """Breaks and absences: nobody takes an appointment while off duty."""
    others, professionals = case
    off = data.draw(rosters(professionals))
    assume(feasible(others, off))
    prof = data.draw(st.one_of(st.none(), st.sampled_from(professionals)))
    candidate = Demand(-1, start, start + length, prof)
    refusal = decide(Proposal((candidate,)), others, off)
    fits = feasible([*others, candidate], off, checked=[candidate])
    assert (refusal is None) == fits, refusal
    if refusal is not None and _off_duty(candidate, off):
        assert refusal.kind == "off_duty"


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schedules(max_slots=6), st.integers(0, 16), st.integers(1, 6), st.data())
def test_hints_never_change_the_answer(
    case: tuple[list[Demand], list[int]], start: int, length: int, data: st.DataObject
) -> None:
    """Whatever a desk remembers (stale, wrong, for professionals who are gone),
    the decision is the brute force's, and what it remembers next is a placement
    that works."""
    others, professionals = case
    off = data.draw(rosters(professionals))
    assume(feasible(others, off))
    prof = data.draw(st.one_of(st.none(), st.sampled_from(professionals)))
    candidate = Demand(-1, start, start + length, prof)
    keys = [-1, *(s.key for s in others)]
    hints = Hints(
        data.draw(st.dictionaries(st.sampled_from(keys), st.sampled_from([*professionals, 9])))
    )
    refusal = decide(Proposal((candidate,)), others, off, hints=hints)
    after = [*others, candidate]
    assert (refusal is None) == feasible(after, off, checked=[candidate]), refusal
    if refusal is None and prof is None:  # the candidate's group was placed afresh
        group = [candidate]
        for slot in sorted(after, key=lambda s: s.start):
            chained = any(slot.overlaps(g) for g in group)
            if slot.professional is None and slot not in group and chained:
                group.append(slot)
        placed = [s._replace(professional=hints[s.key]) for s in group]
        fixed = [s for s in after if s.professional is not None]
        assert not any(_off_duty(s, off) for s in placed)
        assert not any(_clash(a, b) for a, b in itertools.combinations(fixed + placed, 2))


@settings(max_examples=300, deadline=None)
@given(schedules(max_slots=6), st.data())
def test_moving_an_appointment_never_conflicts_with_itself(
    case: tuple[list[Demand], list[int]], data: st.DataObject
) -> None:
    others, professionals = case
    assume(others and feasible(others, professionals))
    moved = data.draw(st.sampled_from(others))
    shift = data.draw(st.integers(-3, 3))
    candidate = moved._replace(start=moved.start + shift, end=moved.end + shift)
    rest = [s for s in others if s.key != moved.key]
    refusal = check(candidate, others, professionals)
    assert (refusal is None) == feasible([*rest, candidate], professionals)


def _leaving(
    others: list[Demand], professionals: list[int], who: int, at: int
) -> tuple[Proposal, dict[int, tuple[Span, ...]]]:
    """``who`` takes no appointments from ``at``: theirs from then on lose them."""
    moved = tuple(
        s._replace(professional=None) for s in others if s.professional == who and s.start >= at
    )
    off = always_available(professionals)
    off[who] = ((at, FOREVER),)
    return Proposal(moved, ((who, at, FOREVER),)), off


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schedules(max_slots=6), st.integers(0, 16), st.data())
def test_a_professional_leaving_is_decided_exactly_and_forcing_strands_only_what_must(
    case: tuple[list[Demand], list[int]], at: int, data: st.DataObject
) -> None:
    others, professionals = case
    assume(len(professionals) > 1 and feasible(others, professionals))
    who = data.draw(st.sampled_from(professionals))
    proposal, off = _leaving(others, professionals, who, at)
    moved = {d.key: d for d in proposal.moved}
    after = [moved.get(s.key, s) for s in others]
    fits = feasible(after, off)
    assert (decide(proposal, others, off) is None) == fits
    left = stranded(proposal, others, off)
    assert (not left) == fits
    kept = [s for s in after if s.key not in {d.key for d in left}]
    assert all(d.professional is None for d in left)
    assert feasible(kept, off)  # every other appointment keeps R2 ...
    for d in left:  # ... and none of those set aside could have been kept
        assert not feasible([*kept, d], off)
    # Later changes are decided as if the set-aside ones were not there: never
    # refused because of them, never allowed to strand more.
    start = data.draw(st.integers(0, 16))
    candidate = Demand(-5, start, start + data.draw(st.integers(1, 6)), None)
    accepted = decide(Proposal((candidate,)), kept, off) is None
    assert accepted == feasible([*kept, candidate], off)


def test_random_schedules_agree_with_brute_force() -> None:
    """Thousands of dense random days: many need backtracking, none may be misjudged."""
    rng = random.Random(20261123)
    refused = accepted = 0
    for _ in range(4000):
        professionals = list(range(1, rng.randint(2, 3) + 1))
        others = []
        for key in range(1, rng.randint(2, 7) + 1):
            start = rng.randint(0, 12)
            prof = rng.choice([None, None, *professionals])
            others.append(Demand(key, start, start + rng.randint(1, 5), prof))
        if not feasible(others, professionals):
            assert find_assignment(others, always_available(professionals)) is None
            continue
        start = rng.randint(0, 12)
        candidate = Demand(-1, start, start + rng.randint(1, 5), rng.choice([None, *professionals]))
        fits = feasible([*others, candidate], professionals)
        assert (check(candidate, others, professionals) is None) == fits
        refused += not fits
        accepted += fits
    assert refused > 500 and accepted > 500  # both outcomes were really exercised


def test_random_departures_agree_with_brute_force() -> None:
    """Seeded dense days where one professional leaves: refused exactly when the rest
    cannot take their appointments; forced, the set aside is exact."""
    rng = random.Random(20261129)
    refused = accepted = 0
    for _ in range(1500):
        professionals = list(range(1, rng.randint(2, 3) + 1))
        others = []
        for key in range(1, rng.randint(2, 7) + 1):
            start = rng.randint(0, 12)
            prof = rng.choice([None, *professionals, *professionals])
            others.append(Demand(key, start, start + rng.randint(1, 5), prof))
        if not feasible(others, professionals):
            continue
        proposal, off = _leaving(
            others, professionals, rng.choice(professionals), rng.randint(0, 12)
        )
        moved = {d.key: d for d in proposal.moved}
        after = [moved.get(s.key, s) for s in others]
        fits = feasible(after, off)
        assert (decide(proposal, others, off) is None) == fits
        left = {d.key for d in stranded(proposal, others, off)}
        assert feasible([s for s in after if s.key not in left], off)
        refused += not fits
        accepted += fits
    assert refused > 100 and accepted > 100


def test_a_wrongly_counted_rejection_is_accepted() -> None:
    # Two professionals, A 09:00-10:00 and B 11:00-12:00: counting the appointments
    # overlapping C 09:30-11:30 finds two and refuses; at no instant are two busy.
    a, b = Demand(1, 900, 1000), Demand(2, 1100, 1200)
    assert check(Demand(3, 930, 1130), [a, b], [1, 2]) is None


def test_count_is_not_enough_once_some_are_assigned() -> None:
    # P1 has 10-11, P2 has 11-12; an unassigned 10:30-11:30 is "2 at once" but fits nobody.
    p1, p2 = Demand(1, 1000, 1100, 1), Demand(2, 1100, 1200, 2)
    candidate = Demand(3, 1030, 1130)
    assert max_concurrency([p1, p2, candidate])[0] == 2
    refusal = check(candidate, [p1, p2], [1, 2])
    assert refusal is not None and refusal.kind == "unassignable"
    assert refusal.blocking == (candidate,)


def test_assigning_into_an_unassigned_group_can_break_it() -> None:
    # One unassigned 10-11 relies on P1 being free; giving P1 another 10:30-11 breaks it.
    waiting = Demand(1, 1000, 1100)
    p2_busy = Demand(2, 1000, 1100, 2)
    refusal = check(Demand(3, 1030, 1100, 1), [waiting, p2_busy], [1, 2])
    assert refusal is not None and refusal.kind == "capacity"
    assert refusal.at == 1030 and refusal.busy == 3 and refusal.available == 2


def test_capacity_counts_professionals_on_duty_then() -> None:
    # P2 is off 10-12: at 10:30 one appointment waits and one professional is on duty.
    off = {1: (), 2: ((1000, 1200),)}
    refusal = decide(Proposal((Demand(-1, 1030, 1100),)), [Demand(1, 1000, 1100)], off)
    assert refusal is not None and refusal.kind == "capacity"
    assert (refusal.at, refusal.busy, refusal.available) == (1030, 2, 1)


def test_professional_busy_names_the_blocking_appointment() -> None:
    existing = Demand(7, 1000, 1100, 1)
    candidate = Demand(-1, 1030, 1130, 1)
    refusal = check(candidate, [existing], [1, 2])
    assert refusal is not None and refusal.kind == "professional_busy"
    assert refusal.blocking == (candidate, existing)


def test_back_to_back_appointments_do_not_overlap() -> None:
    assert check(Demand(-1, 1100, 1200, 1), [Demand(1, 1000, 1100, 1)], [1]) is None
    assert check(Demand(-1, 1100, 1200), [Demand(1, 1000, 1100, 1)], [1]) is None


def test_no_professionals_means_no_unassigned_booking() -> None:
    refusal = check(Demand(-1, 1000, 1100), [], [])
    assert refusal is not None and refusal.kind == "capacity" and refusal.available == 0


def test_inactive_professionals_keep_their_bookings_but_take_no_new_ones() -> None:
    # Professional 9 is inactive (not in the list) yet still holds 10-11.
    held = Demand(1, 1000, 1100, 9)
    assert check(Demand(-1, 1000, 1100), [held], [1]) is None
    refusal = check(Demand(-1, 1000, 1100, 9), [held], [1])
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
            slots.append(Demand(key, t, t + 10 + (key % 3)))
            t += 10 + (key % 3)
    result = find_assignment(slots, always_available(professionals))
    assert result is not None and valid(result, slots, professionals)
    refusal = check(Demand(-1, 300, 305), slots, professionals)
    assert refusal is not None and refusal.kind == "capacity"


def test_a_hopeless_crowd_is_proved_so_not_given_up_on() -> None:
    # 50 professionals; 25 of them are busy until 10:03 or from 10:57. Twenty-six
    # appointments run 10:00-11:00: never more than 39 at once, yet only the 25
    # professionals free all morning can take any of them.
    free = list(range(1, 26))
    early, late = list(range(26, 39)), list(range(39, 51))
    blocks = [Demand(100 + p, 900, 1003, p) for p in early]
    blocks += [Demand(100 + p, 1057, 1200, p) for p in late]
    crowd = [Demand(k, 1000 + k % 3, 1060) for k in range(1, 26)]
    everyone = free + early + late
    refusal = check(Demand(-1, 1001, 1060), [*blocks, *crowd], everyone)
    assert refusal is not None and refusal.kind == "unassignable"
    assert check(Demand(-1, 1003, 1056), [*blocks, *crowd], everyone) is None


def test_a_dense_real_day_is_decided_exactly() -> None:
    """Regression: this day once exhausted the search budget ("too complex")."""
    data = json.loads((Path(__file__).parent / "dense_day.json").read_text())
    others = [Demand(*row) for row in data["others"]]
    candidate = Demand(*data["candidate"])
    professionals = always_available(data["professionals"])
    refusal = decide(Proposal((candidate,)), others, professionals)
    assert refusal is not None and refusal.kind == "unassignable"
    slots = [*others, candidate]
    assert find_assignment(slots, professionals) is None
    assert find_assignment(others, professionals) is not None
