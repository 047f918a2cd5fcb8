"""The decision on realistic days, against independent exact methods: brute force on
small groups (the SAT step alone), a slower exact search on medium days, and
valid assignments on dense days (every acceptance shown to be right)."""

from __future__ import annotations

import itertools
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler_app.domain.capacity import Demand, Hints, Proposal, decide, find_assignment, stranded
from scheduler_app.domain.free_stretches import Stretches, place, repaired, searched, solved
from scheduler_app.domain.relaxation import cliques, leanings
from scheduler_app.domain.spans import merged
from tests.unit.domain import exhaustive
from tests.unit.domain.realistic_days import Day, change, day, dense_day
from tests.unit.domain.test_capacity import feasible, rosters


def after(d: Day) -> list[Demand]:
    """The day's appointments once the change is made."""
    moved = {m.key: m for m in d.proposal.moved}
    kept = [moved.pop(s.key, s) for s in d.demands]
    return [*kept, *moved.values()]


def valid(assignment: dict[int, int], demands: list[Demand], off: Day | dict) -> bool:  # type: ignore[type-arg]
    spans = off.off if isinstance(off, Day) else off
    placed = [d._replace(professional=d.professional or assignment.get(d.key)) for d in demands]
    if any(d.professional is None for d in placed):
        return False
    for d in placed:
        if any(a < d.end and d.start < b for a, b in spans.get(d.professional, ())):
            return False
    by_prof: dict[int, list[Demand]] = {}
    for d in placed:
        by_prof.setdefault(d.professional, []).append(d)  # type: ignore[arg-type]
    return not any(
        a.overlaps(b)
        for items in by_prof.values()
        for a, b in itertools.combinations(sorted(items), 2)
    )


@st.composite
def crowds(draw: st.DrawFn) -> tuple[list[Demand], dict[int, tuple[tuple[int, int], ...]]]:
    """Unassigned appointments, often at the very same times (twins), and
    professionals with time off."""
    professionals = list(range(1, draw(st.integers(1, 4)) + 1))
    off = draw(rosters(professionals))
    times = draw(st.lists(st.tuples(st.integers(0, 14), st.integers(1, 6)), min_size=1, max_size=4))
    group = []
    for key in range(1, draw(st.integers(1, 7)) + 1):
        start, length = draw(st.sampled_from(times))
        group.append(Demand(key, start, start + length))
    group.sort(key=lambda s: (s.start, s.end, s.key))
    return group, off


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(crowds())
def test_the_exact_solver_agrees_with_brute_force(
    case: tuple[list[Demand], dict[int, tuple[tuple[int, int], ...]]],
) -> None:
    group, off = case
    stretches = Stretches(off, sorted(off))
    found = solved(group, stretches.holding(group), stretches, 1_000_000)
    assert (found is not None) == feasible(group, off)
    if found is not None:
        assert valid(found, group, off)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(crowds(), st.data())
def test_the_solver_starting_from_a_stored_placement_agrees_with_brute_force(
    case: tuple[list[Demand], dict[int, tuple[tuple[int, int], ...]]], data: st.DataObject
) -> None:
    """Whatever the stored placement says (stale, wrong, for professionals who are
    gone), the solver starting from it answers as brute force does, with a valid
    placement."""
    group, off = case
    stretches = Stretches(off, sorted(off))
    keys = [s.key for s in group]
    hints = data.draw(st.dictionaries(st.sampled_from(keys), st.sampled_from([*off, 9])))
    found = solved(group, stretches.holding(group), stretches, 1_000_000, hints)
    assert (found is not None) == feasible(group, off)
    if found is not None:
        assert valid(found, group, off)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(crowds(), st.data())
def test_the_local_search_only_gives_valid_placements(
    case: tuple[list[Demand], dict[int, tuple[tuple[int, int], ...]]], data: st.DataObject
) -> None:
    """From any earlier placement (stale, wrong), the local search gives a valid
    placement of the whole group or nothing, never one where brute force has none."""
    group, off = case
    stretches = Stretches(off, sorted(off))
    keys = [s.key for s in group]
    hints = data.draw(st.dictionaries(st.sampled_from(keys), st.sampled_from([*off, 9])))
    found = searched(group, stretches.holding(group), stretches, hints)
    if found is not None:
        assert set(found) == set(keys) and valid(found, group, off)
    if not feasible(group, off):
        assert found is None


def test_the_local_search_places_what_displacement_chains_miss() -> None:
    """Seeded dense days with their stored placement and one more appointment: where
    the chains of single displacements find nothing, the search often does, and the
    solver agrees that each such day fits."""
    rng = random.Random(61)
    missed = found = 0
    for _ in range(400):
        d = dense_day(rng)
        stored = {
            s.key: p for s, p in zip(d.demands, d.built, strict=True) if s.professional is None
        }
        new = change(rng, d.off, d.demands).moved[0]._replace(key=-1, professional=None)
        group = sorted(
            [s for s in d.demands if s.professional is None] + [new], key=lambda s: (s.start, s.end)
        )
        busy: dict[int, list[tuple[int, int]]] = {}
        for s in d.demands:
            if s.professional is not None:
                busy.setdefault(s.professional, []).append((s.start, s.end))
        stretches = Stretches(
            {p: merged([*busy.get(p, ()), *d.off[p]]) for p in d.off}, sorted(d.off)
        )
        holding = stretches.holding(group)
        if not all(holding) or repaired(group, holding, stretches, stored) is not None:
            continue
        missed += 1
        placed = searched(group, holding, stretches, stored)
        if placed is not None:
            found += 1
            assert valid(placed, group, d.off)
            assert solved(group, holding, stretches, 1_000_000) is not None
    assert missed >= 10 and found >= 3, (missed, found)


def test_medium_days_agree_with_a_slower_exact_method() -> None:
    """Seeded busy days of 4-9 professionals: every decision is the slower method's."""
    rng = random.Random(20261129)
    counted = gave_up = refused = 0
    for _ in range(600):
        d = day(rng, professionals=(4, 9), booked=(0.5, 0.9), unassigned=(0.25, 0.5))
        try:
            fits = exhaustive.assignable(after(d), d.off)
        except exhaustive.GaveUpError:
            gave_up += 1
            continue
        refusal = decide(d.proposal, d.demands, d.off)
        assert (refusal is None) == fits, (refusal, d.proposal)
        counted += 1
        refused += not fits
    assert counted >= 550 and refused >= 100 and counted - refused >= 80, (refused, gave_up)


def test_dense_days_are_decided_and_every_acceptance_is_shown_right() -> None:
    """Seeded dense days (20-50 professionals, 90-95% booked, 25-35% unassigned): no
    decision gives up, and each accepted change has a valid assignment of the day."""
    rng = random.Random(16)
    accepted = 0
    for _ in range(150):
        d = dense_day(rng)
        refusal = decide(d.proposal, d.demands, d.off)
        assert refusal is None or refusal.kind != "too_complex"
        if refusal is None:
            found = find_assignment(after(d), d.off)
            assert found is not None and valid(found, after(d), d)
            accepted += 1
    assert accepted > 20


def test_a_desk_that_remembers_decides_as_one_that_does_not() -> None:
    """Seeded dense days, three decisions each at a desk that keeps its hints (the
    change, the same check again as under the lock, then another change): each is
    the decision made from nothing."""
    rng = random.Random(30)
    remembered = 0
    for _ in range(120):
        d = dense_day(rng)
        hints = Hints()
        for proposal in (d.proposal, d.proposal, change(rng, d.off, d.demands)):
            warm = decide(proposal, d.demands, d.off, hints=hints)
            cold = decide(proposal, d.demands, d.off)
            assert (warm is None) == (cold is None), (warm, cold)
            assert warm is None or cold is None or warm.kind == cold.kind
        remembered += bool(hints)
    assert remembered > 20


def test_a_desk_starting_from_the_stored_placement_decides_as_one_from_nothing() -> None:
    """Seeded dense days whose placement is known (as stored by their last change):
    the decision starting there is the one made from nothing, and every acceptance
    has a valid assignment."""
    rng = random.Random(44)
    accepted = 0
    for _ in range(150):
        d = dense_day(rng)
        stored = Hints(
            {s.key: p for s, p in zip(d.demands, d.built, strict=True) if s.professional is None}
        )
        warm = decide(d.proposal, d.demands, d.off, hints=stored)
        cold = decide(d.proposal, d.demands, d.off)
        assert (warm is None) == (cold is None), (warm, cold)
        if warm is None:
            assert valid(dict(stored), after(d), d)
            accepted += 1
    assert accepted > 20


def _left_out_one_at_a_time(proposal: Proposal, d: Day) -> list[int]:
    """`stranded` as its definition says it: in start order, each appointment of a
    touched group is kept when it fits with the ones kept before it."""
    moved = {m.key: m for m in proposal.moved}
    slots = [moved.pop(s.key, s) for s in d.demands] + list(moved.values())
    fixed = [s for s in slots if s.professional is not None]
    loose = sorted(
        (s for s in slots if s.professional is None), key=lambda s: (s.start, s.end, s.key)
    )
    touched = {
        s.key for s in loose if any(s.start < e and b < s.end for _p, b, e in proposal.withdrawn)
    }
    touched |= {m.key for m in proposal.moved}
    off = {
        p: tuple(merged([*spans, *((b, e) for q, b, e in proposal.withdrawn if q == p)]))
        for p, spans in d.off.items()
    }
    kept: list[Demand] = []
    out = []
    groups: list[list[Demand]] = []
    for s in loose:  # chains of overlapping ones
        if groups and s.start < max(x.end for x in groups[-1]):
            groups[-1].append(s)
        else:
            groups.append([s])
    for group in groups:
        if (
            not any(s.key in touched for s in group)
            or find_assignment([*fixed, *group], off) is not None
        ):
            continue
        kept = []
        for s in group:
            if find_assignment([*fixed, *kept, s], off) is not None:
                kept.append(s)
            else:
                out.append(s.key)
    return out


def test_what_a_forced_change_sets_aside_is_what_one_at_a_time_would() -> None:
    """Seeded busy days where a professional leaves for the afternoon (a forced
    change): the appointments set aside are those the definition gives, checking
    them one at a time."""
    rng = random.Random(52)
    compared = 0
    for _ in range(40):
        d = day(rng, professionals=(4, 12), booked=(0.7, 0.95), unassigned=(0.3, 0.5))
        leaving = rng.choice(sorted(d.off))
        proposal = Proposal(withdrawn=((leaving, 780, 1440),))
        mine = [s.professional == leaving and s.start < 1440 and s.end > 780 for s in d.demands]
        moved = tuple(
            s._replace(professional=None) for s, m in zip(d.demands, mine, strict=True) if m
        )
        proposal = Proposal(moved, proposal.withdrawn)
        expected = _left_out_one_at_a_time(proposal, d)
        after = {
            p: tuple(merged([*o, (780, 1440)])) if p == leaving else o for p, o in d.off.items()
        }
        assert sorted(s.key for s in stranded(proposal, d.demands, after)) == sorted(expected)
        compared += bool(expected)
    assert compared >= 10


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(crowds())
def test_the_relaxation_never_refuses_what_fits(
    case: tuple[list[Demand], dict[int, tuple[tuple[int, int], ...]]],
) -> None:
    """No solution of the relaxation only where brute force finds no placement; where
    it has one, each appointment leans to a stretch that holds it."""
    group, off = case
    stretches = Stretches(off, sorted(off))
    holding = stretches.holding(group)
    if not all(holding):
        return
    leaning = leanings(group, holding)
    if leaning is None:
        assert not feasible(group, off)
    else:
        assert len(leaning) == len(group)
        assert all(g in fits for g, fits in zip(leaning, holding, strict=True))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.integers(1, 6)), max_size=9))
def test_the_cliques_are_the_largest_sets_sharing_an_instant(
    spans: list[tuple[int, int]],
) -> None:
    starts = [s for s, _n in spans]
    ends = [s + n for s, n in spans]
    shared = {
        frozenset(k for k in range(len(spans)) if starts[k] <= t / 2 < ends[k])
        for t in range(0, 2 * 27)
    }
    largest = {c for c in shared if len(c) > 1 and not any(c < other for other in shared)}
    assert {frozenset(c) for c in cliques(starts, ends)} == largest


def test_the_relaxation_proves_the_crowds_that_cannot_fit_on_dense_days() -> None:
    """Seeded dense days with one more appointment, where placing without backtracking
    finds nothing: the relaxation has no solution exactly where the SAT solver proves
    there is no placement (it never refuses one that fits), and where it has one, the
    placement `place` gives is valid."""
    rng = random.Random(29)
    reached = proved = 0
    for _ in range(600):
        d = dense_day(rng)
        new = change(rng, d.off, d.demands).moved[0]._replace(key=-1, professional=None)
        group = sorted(
            [s for s in d.demands if s.professional is None] + [new], key=lambda s: (s.start, s.end)
        )
        busy: dict[int, list[tuple[int, int]]] = {}
        for s in d.demands:
            if s.professional is not None:
                busy.setdefault(s.professional, []).append((s.start, s.end))
        stretches = Stretches(
            {p: merged([*busy.get(p, ()), *d.off[p]]) for p in d.off}, sorted(d.off)
        )
        holding = stretches.holding(group)
        if not all(holding) or repaired(group, holding, stretches) is not None:
            continue
        reached += 1
        exact = solved(group, holding, stretches, 1_000_000)
        leaning = leanings(group, holding)
        assert (leaning is None) == (exact is None)
        proved += leaning is None
        placed = place(group, stretches, 1_000_000)
        assert isinstance(placed, dict) == (exact is not None)
        if isinstance(placed, dict):
            assert valid(placed, group, d.off)
    assert reached >= 20 and proved >= 5, (reached, proved)
