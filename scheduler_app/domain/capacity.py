"""Exact availability: can every active appointment still be given a professional?

Two rules hold for every change to the schedule:

* R1: a professional never has two active appointments that overlap.
* R2: the active appointments that have no professional yet can all still be given
  one, without any professional holding two overlapping appointments.

Counting "how many appointments overlap the window" (seed 1's check) wrongly
refuses, and "at most N at once" wrongly accepts as soon as some appointments are
already assigned: with P1 busy 10-11 and P2 busy 11-12, an unassigned 10:30-11:30
is at most two at once, yet fits neither. So R2 is decided by search: unassigned
appointments fall into groups that overlap each other (components); each group
touched by the change is solved by best-fit placement with backtracking over
professionals, memoising states already known to fail.

Intervals are half-open ``[start, end)``. Times are anything ordered (aware
datetimes in the application, integers in tests).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Literal, NamedTuple

#: Search steps allowed for one group before giving up (not reached in practice:
#: a busy clinic day needs a few hundred).
DEFAULT_STEP_LIMIT = 200_000
#: Steps tried before looking for a quick proof that a group cannot fit.
QUICK_STEPS = 200


class Slot(NamedTuple):
    """An active appointment as the rules see it (a tuple: thousands are made per second)."""

    key: int
    start: Any
    end: Any
    professional: int | None = None

    def overlaps(self, other: Slot) -> bool:
        return bool(self.start < other.end and other.start < self.end)


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a change does not fit.

    ``kind`` is ``"professional_busy"`` (R1: ``blocking`` holds the appointment of
    that professional in the way), ``"capacity"`` (R2: ``at`` is the busiest instant,
    ``busy`` how many appointments need a professional then, ``available`` how many
    professionals there are) or ``"unassignable"`` (R2 with enough professionals in
    number, but none free for the whole of ``blocking[0]``).
    """

    kind: Literal["professional_busy", "capacity", "unassignable", "too_complex"]
    blocking: tuple[Slot, ...] = ()
    at: Any = None
    busy: int = 0
    available: int = 0


class SearchLimitError(Exception):
    """The search for an assignment ran out of steps (`find_assignment` only;
    `check_change` reports it as a ``"too_complex"`` refusal)."""


def check_change(
    candidate: Slot,
    others: Iterable[Slot],
    professionals: Collection[int],
    *,
    step_limit: int = DEFAULT_STEP_LIMIT,
) -> Refusal | None:
    """Decide whether ``candidate`` fits among the ``others`` active appointments.

    ``others`` must hold every active appointment that overlaps the candidate, and,
    for each unassigned one among them, everything that overlaps its group (the
    services read that window). ``professionals`` are those able to take
    unassigned appointments (the active ones).
    """
    if not candidate.start < candidate.end:
        raise ValueError("an appointment must end after it starts")
    rest = [s for s in others if s.key != candidate.key]
    if candidate.professional is not None:
        for slot in rest:
            if slot.professional == candidate.professional and slot.overlaps(candidate):
                return Refusal("professional_busy", blocking=(slot,))
    slots = [*rest, candidate]
    unassigned = [s for s in slots if s.professional is None]
    for group in _groups(unassigned):
        if not _touches(group, candidate):
            continue
        refusal = _solve_group(group, slots, professionals, step_limit)
        if refusal is not None:
            return refusal
    return None


def find_assignment(
    slots: Sequence[Slot],
    professionals: Collection[int],
    *,
    step_limit: int = DEFAULT_STEP_LIMIT,
) -> dict[int, int] | None:
    """Give each unassigned slot a professional, or return None when impossible.

    Returns None as well when assigned slots already break R1.
    """
    by_prof: dict[int, list[Slot]] = defaultdict(list)
    for slot in slots:
        if slot.professional is not None:
            by_prof[slot.professional].append(slot)
    for items in by_prof.values():
        items.sort(key=lambda s: s.start)
        if any(a.end > b.start for a, b in pairwise(items)):
            return None
    result: dict[int, int] = {}
    blocks = _Blocks(by_prof)
    for group in _groups([s for s in slots if s.professional is None]):
        placed = _place(group, blocks, sorted(professionals), step_limit)
        if not isinstance(placed, dict):
            return None
        result.update(placed)
    return result


def max_concurrency(slots: Iterable[Slot]) -> tuple[int, Any]:
    """The largest number of slots running at one instant, and the first such instant."""
    events: list[tuple[Any, int]] = []
    for s in slots:
        events.append((s.start, 1))
        events.append((s.end, -1))
    events.sort(key=lambda e: (e[0], e[1]))  # ends before starts at the same instant
    best, at, now = 0, None, 0
    for when, delta in events:
        now += delta
        if now > best:
            best, at = now, when
    return best, at


def _touches(group: Sequence[Slot], candidate: Slot) -> bool:
    return any(s.key == candidate.key or s.overlaps(candidate) for s in group)


def _groups(unassigned: Iterable[Slot]) -> Iterator[list[Slot]]:
    """Split slots into chains of overlapping ones, each sorted by start."""
    group: list[Slot] = []
    reach: Any = None
    for slot in sorted(unassigned, key=lambda s: (s.start, s.end, s.key)):
        if group and not slot.start < reach:
            yield group
            group = []
        if not group or slot.end > reach:
            reach = slot.end
        group.append(slot)
    if group:
        yield group


def _solve_group(
    group: list[Slot],
    slots: Sequence[Slot],
    professionals: Collection[int],
    step_limit: int,
) -> Refusal | None:
    lo = group[0].start
    hi = max(s.end for s in group)
    by_prof: dict[int, list[Slot]] = defaultdict(list)
    for slot in slots:
        if slot.professional is not None and slot.start < hi and lo < slot.end:
            by_prof[slot.professional].append(slot)
    able = set(professionals)
    demand = [*group, *(s for p, items in by_prof.items() if p in able for s in items)]
    busy, at = max_concurrency(demand)
    if busy > len(able):
        return Refusal("capacity", at=at, busy=busy, available=len(able))
    try:
        placed = _place(group, _Blocks(by_prof), sorted(able), step_limit)
    except SearchLimitError:
        return Refusal("too_complex", blocking=(group[0],))
    if isinstance(placed, dict):
        return None
    return Refusal("unassignable", blocking=(placed or _hardest(group, by_prof, able),))


def _place(
    group: list[Slot], blocks: _Blocks, profs: list[int], step_limit: int
) -> dict[int, int] | Slot | None:
    """An assignment for the group, or (when there is none) a slot to blame or None."""
    try:
        # Best fit nearly always succeeds at once when there is room; a short budget
        # keeps hopeless searches from wandering before the cheaper proof below.
        return _search(group, blocks, profs, QUICK_STEPS + 2 * len(group))
    except SearchLimitError:
        pass
    stuck = _unmatched_at_some_instant(group, blocks, profs)
    if stuck is not None:
        return stuck
    return _search(group, blocks, profs, step_limit)


def _unmatched_at_some_instant(group: list[Slot], blocks: _Blocks, profs: list[int]) -> Slot | None:
    """A necessary condition, cheap to refute with: at each instant, the slots running
    then must go to distinct professionals, each free for that slot's whole span.

    Returns a slot that cannot be matched at some instant, or None if every instant
    has a matching (which does not yet prove the whole group fits).
    """
    eligible = {s.key: [p for p in profs if blocks.is_free(p, s)] for s in group}
    for slot in group:
        if not eligible[slot.key]:
            return slot
    for t in sorted({s.start for s in group}):
        stuck = _unmatched([s for s in group if s.start <= t < s.end], eligible)
        if stuck is not None:
            return stuck
    return None


def _unmatched(running: list[Slot], eligible: dict[int, list[int]]) -> Slot | None:
    """A slot left over by a maximum matching of slots to distinct eligible professionals."""
    owner: dict[int, int] = {}  # professional -> slot key

    def augment(key: int, seen: set[int]) -> bool:
        for p in eligible[key]:
            if p not in seen:
                seen.add(p)
                if p not in owner or augment(owner[p], seen):
                    owner[p] = key
                    return True
        return False

    for slot in running:
        if not augment(slot.key, set()):
            return slot
    return None


def _hardest(group: list[Slot], by_prof: dict[int, list[Slot]], able: set[int]) -> Slot:
    """The unassigned slot with the fewest professionals free for it (for the message)."""

    def free_count(slot: Slot) -> int:
        return sum(1 for p in able if not any(b.overlaps(slot) for b in by_prof.get(p, ())))

    return min(group, key=lambda s: (free_count(s), s.start))


class _Blocks:
    """Assigned appointments per professional, sorted, for fast "is p free" queries."""

    def __init__(self, by_prof: dict[int, list[Slot]]) -> None:
        self._items = {p: sorted(items, key=lambda s: s.start) for p, items in by_prof.items()}
        self._starts = {p: [s.start for s in items] for p, items in self._items.items()}

    def is_free(self, prof: int, slot: Slot) -> bool:
        items = self._items.get(prof)
        if not items:
            return True
        i = bisect.bisect_left(self._starts[prof], slot.end)
        # Only the block starting last before slot.end can reach into the slot,
        # because one professional's blocks do not overlap each other.
        return i == 0 or not items[i - 1].end > slot.start

    def next_start(self, prof: int, after: Any) -> Any:
        """Start of the professional's first block starting at or after ``after``."""
        starts = self._starts.get(prof)
        if not starts:
            return None
        i = bisect.bisect_left(starts, after)
        return starts[i] if i < len(starts) else None

    def future(self, prof: int, after: Any) -> tuple[tuple[Any, Any], ...]:
        """The professional's blocks ending after ``after``: equal tuples, same prospects."""
        items = self._items.get(prof, [])
        return tuple((s.start, s.end) for s in items if s.end > after)


def _search(
    group: list[Slot], blocks: _Blocks, profs: list[int], step_limit: int
) -> dict[int, int] | None:
    """Depth-first placement of one group's slots, in start order, best fit first.

    A state is the slot index plus which professionals are still busy with an
    earlier slot of the group past its start; states that failed once are not
    searched again. Iterative, so long groups cannot exhaust the call stack.
    """
    n = len(group)
    if n == 0:
        return {}
    last_end: dict[int, Any] = {}
    chosen: list[int] = []
    saved: list[Any] = []
    failed: set[tuple[int, tuple[tuple[Any, Any], ...]]] = set()

    def state(i: int) -> tuple[int, tuple[tuple[Any, Any], ...]]:
        # Professionals with the same blocks ahead are interchangeable: the state is
        # which *kinds* of professional are still busy, and until when.
        start = group[i].start
        busy = [(blocks.future(p, start), e) for p, e in last_end.items() if e > start]
        return i, tuple(sorted(busy))

    def candidates(i: int) -> Iterator[int]:
        slot = group[i]
        seen: set[tuple[tuple[Any, Any], ...]] = set()
        options = []
        for p in profs:
            end = last_end.get(p)
            if end is not None and end > slot.start:
                continue
            if not blocks.is_free(p, slot):
                continue
            future = blocks.future(p, slot.start)
            if future in seen:  # interchangeable with a professional already offered
                continue
            seen.add(future)
            nxt = blocks.next_start(p, slot.end)
            # Best fit: the professional whose next block comes soonest after this slot.
            options.append((nxt is None, nxt if nxt is not None else 0, p))
        options.sort()
        return iter([o[2] for o in options])

    def place(i: int, p: int) -> None:
        saved.append(last_end.get(p))
        last_end[p] = group[i].end
        chosen.append(p)

    def unplace() -> None:
        p = chosen.pop()
        before = saved.pop()
        if before is None:
            del last_end[p]
        else:
            last_end[p] = before

    stack = [candidates(0)]
    steps = 0
    while stack:
        steps += 1
        if steps > step_limit:
            raise SearchLimitError
        i = len(stack) - 1  # invariant: len(chosen) == i
        p = next(stack[i], None)
        if p is None:
            failed.add(state(i))
            stack.pop()
            if chosen:
                unplace()
            continue
        place(i, p)
        if i + 1 == n:
            return {slot.key: prof for slot, prof in zip(group, chosen, strict=True)}
        if state(i + 1) in failed:
            unplace()
            continue
        stack.append(candidates(i + 1))
    return None
