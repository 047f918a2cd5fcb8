"""Skills: an appointment goes only to a professional who has what its service needs,
decided exactly (against trying every assignment) and refused in the decision's terms."""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping, Sequence

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from scheduler_app.domain.capacity import (
    Demand,
    Hints,
    Proposal,
    Span,
    decide,
    find_assignment,
)
from tests.unit.domain.exhaustive import assignable

Off = Mapping[int, Sequence[Span]]


def _clash(a: Demand, b: Demand) -> bool:
    return a.professional is not None and a.professional == b.professional and a.overlaps(b)


def _allowed(slot: Demand, prof: int, off: Off) -> bool:
    if slot.eligible is not None and prof not in slot.eligible:
        return False
    return not any(s < slot.end and slot.start < e for s, e in off.get(prof, ()))


def feasible(slots: Sequence[Demand], off: Off, checked: Sequence[Demand] = ()) -> bool:
    """Try every way of giving the unassigned ones a professional who works then and
    has the skills; ``checked`` assigned ones must work then and have them too."""
    if any(not _allowed(s, s.professional, off) for s in checked if s.professional):
        return False
    unassigned = [s for s in slots if s.professional is None]
    fixed = [s for s in slots if s.professional is not None]
    if any(_clash(a, b) for a, b in itertools.combinations(fixed, 2)):
        return False
    for choice in itertools.product(sorted(off), repeat=len(unassigned)):
        if not all(_allowed(s, p, off) for s, p in zip(unassigned, choice, strict=True)):
            continue
        placed = [s._replace(professional=p) for s, p in zip(unassigned, choice, strict=True)]
        if not any(_clash(a, b) for a, b in itertools.combinations(fixed + placed, 2)):
            return True
    return False


@st.composite
def skilled_days(
    draw: st.DrawFn, max_slots: int = 6
) -> tuple[list[Demand], dict[int, tuple[Span, ...]]]:
    professionals = list(range(1, draw(st.integers(1, 3)) + 1))
    off: dict[int, tuple[Span, ...]] = {}
    for p in professionals:
        if draw(st.booleans()):
            start = draw(st.integers(0, 18))
            off[p] = ((start, start + draw(st.integers(1, 6))),)
        else:
            off[p] = ()
    groups = [
        None,
        *(frozenset(s) for r in (1, 2) for s in itertools.combinations(professionals, r)),
    ]
    slots = []
    for key in range(1, draw(st.integers(0, max_slots)) + 1):
        start = draw(st.integers(0, 16))
        end = start + draw(st.integers(1, 6))
        eligible = draw(st.sampled_from(groups))
        prof = draw(st.one_of(st.none(), st.sampled_from(professionals)))
        slots.append(Demand(key, start, end, prof, eligible))
    return slots, off


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(skilled_days(), st.integers(0, 16), st.integers(1, 6), st.data())
def test_a_change_is_accepted_exactly_when_skilled_professionals_can_take_everything(
    case: tuple[list[Demand], dict[int, tuple[Span, ...]]],
    start: int,
    length: int,
    data: st.DataObject,
) -> None:
    others, off = case
    assume(feasible(others, off))  # a stored schedule keeps the rules
    professionals = sorted(off)
    prof = data.draw(st.one_of(st.none(), st.sampled_from(professionals)))
    eligible = data.draw(
        st.one_of(st.none(), st.sets(st.sampled_from(professionals), min_size=1).map(frozenset))
    )
    candidate = Demand(-1, start, start + length, prof, eligible)
    refusal = decide(Proposal((candidate,)), others, off)
    fits = feasible([*others, candidate], off, checked=[candidate])
    assert (refusal is None) == fits, refusal
    if prof is not None and eligible is not None and prof not in eligible:
        assert refusal is not None and refusal.kind == "unqualified"
        assert not refusal.can_be_forced
    hints = Hints({d.key: professionals[0] for d in others if d.professional is None})
    assert (decide(Proposal((candidate,)), others, off, hints=hints) is None) == fits


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(skilled_days(max_slots=7))
def test_an_assignment_found_gives_everyone_a_skilled_professional(
    case: tuple[list[Demand], dict[int, tuple[Span, ...]]],
) -> None:
    slots, off = case
    found = find_assignment(slots, off)
    assert (found is not None) == feasible(slots, off)
    for slot in slots:
        if found is not None and slot.professional is None:
            assert _allowed(slot, found[slot.key], off)


def test_random_skilled_days_agree_with_the_slower_exact_method() -> None:
    """Days too big to try every assignment: 8-14 professionals, a third of the
    appointments needing one of two skills."""
    rng = random.Random(17)
    checked = 0
    for _ in range(150):
        count = rng.randint(8, 14)
        professionals = list(range(1, count + 1))
        skill_a = frozenset(rng.sample(professionals, rng.randint(2, count // 2)))
        skill_b = frozenset(rng.sample(professionals, rng.randint(2, count // 2)))
        off = {
            p: ((rng.randint(40, 60), rng.randint(61, 70)),) if rng.random() < 0.3 else ()
            for p in professionals
        }
        slots = []
        for key in range(1, rng.randint(20, 45)):
            start = rng.randint(0, 100)
            needs = rng.choice([None, None, None, skill_a, skill_b])
            prof = rng.choice(professionals) if rng.random() < 0.3 else None
            if prof is not None and needs is not None and prof not in needs:
                needs = None
            end = start + rng.randint(5, 30)
            if prof is not None and not _allowed(Demand(key, start, end), prof, off):
                prof = None  # a stored appointment is inside its professional's time
            slots.append(Demand(key, start, end, prof, needs))
        found = find_assignment(slots, off)
        try:
            expected = assignable(slots, off)
        except Exception:  # the slower method gave up: not counted
            continue
        checked += 1
        assert (found is not None) == expected
        if found is not None:
            for slot in slots:
                if slot.professional is None:
                    assert _allowed(slot, found[slot.key], off)
    assert checked >= 100
