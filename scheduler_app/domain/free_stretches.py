"""Giving a group of unassigned appointments professionals, stretch by stretch.

A professional's *free stretch* is the time between two of their busy spans (their
own bookings and their time off). An appointment can go to a professional only
inside one stretch that holds all of it, and one professional's stretches never
overlap, so the stretches are independent: each appointment goes to a stretch
that holds it, never two overlapping ones to the same stretch.

That is hard in general (intervals into machines with time windows), so it goes
in steps, cheapest first (`place`): placing without backtracking, which nearly
always succeeds when there is room; a matching at each instant, which proves most
crowds cannot fit; from an earlier placement, a short local search; and for what is
left, the exact answer of a SAT solver.
"""

from __future__ import annotations

import bisect
import heapq
import math
import random
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from pysat.solvers import Cadical153

from scheduler_app.domain.relaxation import leanings

if TYPE_CHECKING:
    from scheduler_app.domain.capacity import Demand, Span

#: A stretch with no busy span before it (or after it) is open on that side.
NEVER, OPEN = -math.inf, math.inf


class SearchLimitError(Exception):
    """The solver ran out of steps before it could answer."""


class Stretches:
    """The free stretches of the professionals around one group of appointments."""

    def __init__(self, busy: Mapping[int, Sequence[Span]], professionals: Sequence[int]) -> None:
        """``busy``: each professional's busy spans (sorted, not overlapping); one
        missing from it is free all the time."""
        self.start: list[float] = []
        self.end: list[float] = []
        self.owner: list[int] = []
        for p in professionals:
            begin: float = NEVER
            for a, b in busy.get(p, ()):
                if a > begin:
                    self._add(p, begin, a)
                begin = max(begin, b)
            self._add(p, begin, OPEN)

    def _add(self, professional: int, start: float, end: float) -> None:
        self.start.append(start)
        self.end.append(end)
        self.owner.append(professional)

    def holding(self, group: Sequence[Demand]) -> list[list[int]]:
        """For each appointment of ``group`` (sorted by start), the stretches that
        hold it, the soonest ending first."""
        order = sorted(range(len(self.start)), key=self.start.__getitem__)
        active: list[int] = []
        j = 0
        out: list[list[int]] = []
        for slot in group:
            while j < len(order) and self.start[order[j]] <= slot.start:
                active.append(order[j])
                j += 1
            active = [g for g in active if self.end[g] > slot.start]
            fits = [g for g in active if self.end[g] >= slot.end]
            if slot.eligible is not None:  # only professionals with the skills it needs
                fits = [g for g in fits if self.owner[g] in slot.eligible]
            fits.sort(key=self.end.__getitem__)
            out.append(fits)
        return out


def place(
    group: list[Demand],
    stretches: Stretches,
    step_limit: int,
    hints: Mapping[int, int] | None = None,
) -> dict[int, int] | Demand | None:
    """Professionals for the group (key -> professional), or when there are none an
    appointment to blame (None: no single one stands out).

    Placing without backtracking first (`repaired`, from the ``hints`` of an earlier
    decision when there are some); then a proof that some instant has more
    appointments than stretches free for them; from the hints, a short local search
    (`searched`); then the linear relaxation (`relaxation.leanings`): no solution
    proves none exists, a solution is where placing starts again; last, the exact
    answer of a SAT solver (`solved`). `SearchLimitError` when the solver runs out of
    steps."""
    holding = stretches.holding(group)
    for slot, fits in zip(group, holding, strict=True):
        if not fits:
            return slot
    found = repaired(group, holding, stretches, hints)
    if found is not None:
        return found
    stuck = unmatched_at_some_instant(group, holding)
    if stuck is not None:
        return stuck
    if hints:
        found = searched(group, holding, stretches, hints)
        if found is not None:
            return found
    leaning = leanings(group, holding)
    if leaning is None:
        return None  # not even the relaxation has a solution
    if leaning:
        hints = {group[i].key: stretches.owner[g] for i, g in enumerate(leaning)}
        found = repaired(group, holding, stretches, hints)
        if found is None:
            found = searched(group, holding, stretches, hints)
        if found is not None:
            return found
    return solved(group, holding, stretches, step_limit, hints)


#: Moves `searched` may make before it gives up (measured on dense days: when it
#: finds a placement it does so within about a hundred).
SEARCH_MOVES = 400


def searched(
    group: list[Demand],
    holding: list[list[int]],
    stretches: Stretches,
    hints: Mapping[int, int],
    moves: int = SEARCH_MOVES,
) -> dict[int, int] | None:
    """A placement found by a short local search from an earlier placement, or None
    (which proves nothing).

    The appointments go back where ``hints`` put them when they can; then an
    appointment left out, taken at random, goes to the stretch where the fewest are
    in its way (those it moves back out, and may not return there for a few moves).
    Where the hints hold all but the change, this answers in a few moves the cases
    a chain of single displacements (`repaired`) misses and the solver takes a
    tenth of a second over. Seeded by the group's size: the same day, the same
    answer."""
    if not all(holding):
        return None
    rng = random.Random(len(group))
    owner = stretches.owner
    inside: dict[int, set[int]] = {}
    where: dict[int, int] = {}

    def in_way(i: int, g: int) -> list[int]:
        slot = group[i]
        return [j for j in inside.get(g, ()) if j != i and group[j].overlaps(slot)]

    def put(i: int, g: int) -> None:
        where[i] = g
        inside.setdefault(g, set()).add(i)

    left: list[int] = []
    for i, slot in enumerate(group):
        hinted = hints.get(slot.key)
        back = next((g for g in holding[i] if owner[g] == hinted), None)
        if back is not None and not in_way(i, back):
            put(i, back)
        else:
            left.append(i)
    barred: dict[tuple[int, int], int] = {}
    for move in range(moves):
        if not left:
            return {group[i].key: owner[g] for i, g in where.items()}
        i = left.pop(rng.randrange(len(left)))
        best, fewest = holding[i][0], math.inf
        for g in rng.sample(holding[i], len(holding[i])):
            count = len(in_way(i, g)) + (0.5 if barred.get((i, g), -1) > move else 0)
            if count < fewest:
                best, fewest = g, count
                if not count:
                    break
        for j in in_way(i, best):
            inside[best].discard(j)
            del where[j]
            left.append(j)
            barred[(j, best)] = move + 10
        put(i, best)
    return None if left else {group[i].key: owner[g] for i, g in where.items()}


def solved(
    group: list[Demand],
    holding: list[list[int]],
    stretches: Stretches,
    step_limit: int,
    hints: Mapping[int, int] | None = None,
) -> dict[int, int] | None:
    """An exact answer from a SAT solver: one variable per (appointment, stretch
    that holds it); each appointment in at least one of its stretches; no two
    overlapping appointments in the same stretch. None when there is no placement;
    `SearchLimitError` past ``step_limit`` conflicts.

    Chosen by measurement on dense days (hundreds of unassigned appointments,
    where placing in start order with backtracking needed seconds or gave up):
    clause learning finds or refutes a placement in milliseconds."""
    first: list[int] = []  # first variable of each appointment (1-based)
    clauses: list[list[int]] = []
    inside: dict[int, list[int]] = {}  # stretch -> variables of its appointments, by start
    who: list[int] = [0]  # variable -> appointment index (variables start at 1)
    for i, fits in enumerate(holding):
        first.append(len(who))
        clauses.append(list(range(len(who), len(who) + len(fits))))
        for g in fits:
            inside.setdefault(g, []).append(len(who))
            who.append(i)
    for variables in inside.values():
        for x, a in enumerate(variables):
            end = group[who[a]].end
            for b in variables[x + 1 :]:
                if group[who[b]].start >= end:
                    break
                clauses.append([-a, -b])
    # Appointments at the same times, needing the same skills, are interchangeable:
    # the later one takes a stretch further down the list than the earlier one (a
    # search never tries both orders; proofs that nothing fits get much shorter).
    twin: dict[tuple[int, int, frozenset[int] | None], int] = {}
    for i, slot in enumerate(group):
        same = (slot.start, slot.end, slot.eligible)
        j = twin.get(same)
        twin[same] = i
        if j is not None:
            for k in range(len(holding[i])):
                clauses += ([-(first[j] + k), -(first[i] + m)] for m in range(k + 1))
    owner = stretches.owner
    with Cadical153(bootstrap_with=clauses) as solver:
        if hints:  # the solver tries the hinted professionals first
            solver.set_phases(
                [
                    first[i] + k
                    for i, fits in enumerate(holding)
                    for k, g in enumerate(fits)
                    if owner[g] == hints.get(group[i].key)
                ]
            )
        solver.conf_budget(step_limit)
        fits = solver.solve_limited()
        if fits is None:
            raise SearchLimitError
        if not fits:
            return None
        answer = solver.get_model()
    assert answer is not None
    placed: dict[int, int] = {}
    for i, fits in enumerate(holding):
        v = next(v for v in range(first[i], first[i] + len(fits)) if answer[v - 1] > 0)
        placed[group[i].key] = owner[fits[v - first[i]]]
    return placed


def repaired(
    group: list[Demand],
    holding: list[list[int]],
    stretches: Stretches,
    hints: Mapping[int, int] | None = None,
) -> dict[int, int] | None:
    """A placement found without backtracking, or None (which proves nothing).

    With ``hints`` (appointment key -> professional: where an earlier decision put
    it), each appointment first goes back where it was hinted when that is still
    free for it; hints are never trusted, only tried. The others, in start order,
    go to the soonest-ending stretch free for them; when none is, a chain of
    displacements makes room: it takes a stretch where a single appointment is in
    its way, which moves to another stretch, and so on until one lands in a free
    place (a breadth-first search, each stretch used once per chain, like an
    augmenting path in a matching)."""
    inside: dict[int, list[int]] = {}  # stretch -> its appointments (indexes), by start
    where: dict[int, int] = {}  # appointment index -> stretch

    def in_way(i: int, g: int) -> list[int]:
        slot = group[i]
        return [j for j in inside.get(g, ()) if j != i and group[j].overlaps(slot)]

    def put(i: int, g: int) -> None:
        old = where.get(i)
        if old is not None:
            inside[old].remove(i)
        where[i] = g
        bisect.insort(inside.setdefault(g, []), i)

    owner = stretches.owner
    waiting: list[int] = []
    for i, slot in enumerate(group):
        hinted = hints.get(slot.key) if hints else None
        back = next((g for g in holding[i] if owner[g] == hinted), None)
        if back is not None and not in_way(i, back):
            put(i, back)
        else:
            waiting.append(i)
    for i in waiting:
        free = next((g for g in holding[i] if not in_way(i, g)), None)
        if free is not None:
            put(i, free)
            continue
        # Breadth-first over displacements: parent[j] = (who takes j's stretch, which).
        parent: dict[int, tuple[int, int]] = {}
        used = set()
        queue = [i]
        landed: tuple[int, int] | None = None
        for j in queue:
            for g in holding[j]:
                if g in used or where.get(j) == g:
                    continue
                blocking = in_way(j, g)
                if not blocking:
                    landed = (j, g)
                    break
                if len(blocking) == 1 and blocking[0] not in parent and blocking[0] != i:
                    used.add(g)
                    parent[blocking[0]] = (j, g)
                    queue.append(blocking[0])
            if landed is not None:
                break
        if landed is None:
            return None
        j, g = landed
        while True:
            put(j, g)
            if j == i:
                break
            j, g = parent[j]
    return {group[i].key: owner[g] for i, g in where.items()}


def unmatched_at_some_instant(group: list[Demand], holding: list[list[int]]) -> Demand | None:
    """A necessary condition, cheap to refute with: at each instant, the appointments
    running then need distinct stretches that hold them.

    Returns an appointment left over at some instant, or None when every instant
    has a matching (which does not yet prove the whole group fits). One matching
    is kept along the day: at each start, the appointments that ended leave it and
    the ones starting join it by augmenting paths (while every instant so far was
    matched whole, what is left stays a maximum matching)."""
    owner: dict[int, int] = {}  # stretch -> appointment index
    mine: dict[int, int] = {}  # appointment index -> stretch
    ends: list[tuple[int, int]] = []  # (end, appointment index), a heap

    def augment(i: int, seen: set[int]) -> bool:
        for g in holding[i]:
            if g not in seen:
                seen.add(g)
                if g not in owner or augment(owner[g], seen):
                    owner[g] = i
                    mine[i] = g
                    return True
        return False

    for i, slot in enumerate(group):  # in start order
        while ends and ends[0][0] <= slot.start:
            _end, gone = heapq.heappop(ends)
            del owner[mine.pop(gone)]
        if not augment(i, set()):
            return slot
        heapq.heappush(ends, (slot.end, i))
    return None
