"""Exact availability: can every active appointment still be given a professional?

Two rules hold after every change to the schedule:

* R1: a professional never has two active appointments that overlap, nor one in
  time when they take no appointments (after they leave, say).
* R2: the active appointments without a professional can all still be given one
  who is free for the whole of it and has what its service needs (its skills:
  `Demand.eligible`), without anyone holding two at once.

Counting "how many appointments overlap the window" wrongly refuses, and "at most
N at once" wrongly accepts as soon as some appointments are already assigned:
with P1 busy 10-11 and P2 busy 11-12, an unassigned 10:30-11:30 is at most two at
once, yet fits neither. So R2 is decided exactly.

A change is a `Proposal`: appointments at their new places (new ones with
negative keys), and time some professionals stop being available. `decide`
checks R1 for the moved appointments, then R2 for every group of unassigned
appointments the change touches (a group: appointments chained by overlaps; the
others kept their assignment). Each touched group goes through four steps:

1. Counting pre-check: if at some instant more appointments (and professionals'
   own bookings and time off) run than there are professionals, refuse at once
   with that instant ("capacity").
2. Placing without backtracking (`free_stretches`): each appointment, in start
   order, into the soonest-ending free stretch of some professional that holds
   it, making room by chains of displacements; it nearly always succeeds at once
   when there is room.
3. Per-instant matching proof: at every instant the appointments running then
   need distinct professionals free for each one's whole span; a bipartite
   matching per instant that leaves one unmatched proves the group cannot fit
   ("unassignable", blaming that one).
4. Exact answer: a SAT solver (clause learning) finds a placement or proves
   there is none, within `DEFAULT_STEP_LIMIT` conflicts. Beyond that it
   refuses as ``"too_complex"`` rather than guess; that refusal is counted by the
   tests and the benchmark and is not expected in practice.

A change that lowers capacity (a professional leaving) may be forced by a
manager: `stranded` then names appointments to set aside so that every other
appointment keeps R2.

Times are integers: epoch seconds in the application (small numbers in tests),
intervals half-open ``[start, end)``. `FOREVER` stands for "no end".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal, NamedTuple

from scheduler_app.domain.free_stretches import SearchLimitError, Stretches, place
from scheduler_app.domain.spans import Span as Span  # (the decision's callers import it here)
from scheduler_app.domain.spans import merged

#: Solver conflicts allowed for one group before giving up (the hardest of 10,000
#: dense days measured needed about 10,000; this is a few seconds).
DEFAULT_STEP_LIMIT = 100_000
#: "No end" (1 January 9999 UTC, in epoch seconds).
FOREVER = 253_370_764_800

#: Active professionals, each with the spans in which they take no appointments
#: (sorted, not overlapping; empty when always available).
Professionals = Mapping[int, Sequence[Span]]


class Demand(NamedTuple):
    """An active appointment as the rules see it (a tuple: thousands are made per second)."""

    key: int
    start: int
    end: int
    professional: int | None = None
    #: The professionals who have what its service needs (its skills); None: anyone.
    eligible: frozenset[int] | None = None

    def overlaps(self, other: Demand) -> bool:
        return self.start < other.end and other.start < self.end


class Hints(dict[int, int]):
    """Where decisions placed unassigned appointments (key -> professional), kept by
    the caller so the next decision starts from there: the check made again under
    the scheduling lock, the next change to the same day, the next candidate time.

    Only a starting point, never trusted: an appointment goes back to its hinted
    professional only when they are still free for all of it, and a change is
    accepted only on a placement of every appointment checked afresh. A desk's
    hints are forgotten past `CAPACITY` entries.
    """

    CAPACITY = 50_000

    def remember(self, placed: Mapping[int, int]) -> None:
        if len(self) + len(placed) > self.CAPACITY:
            self.clear()
        self.update(placed)


@dataclass(frozen=True, slots=True)
class Proposal:
    """A change: ``moved`` appointments at their new places (new ones with negative
    keys), and ``withdrawn`` spans (professional, start, end) from now on off duty."""

    moved: tuple[Demand, ...] = ()
    withdrawn: tuple[tuple[int, int, int], ...] = ()
    #: Moved appointments a manager places outside their professional's working time
    #: (R0 is not asked of them; R1 and R2 are).
    anywhere: frozenset[int] = frozenset()
    #: The service of each moved appointment (key, service), for capacity limits.
    services: tuple[tuple[int, int | None], ...] = ()


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a change does not fit.

    * ``"professional_busy"``: R1; ``blocking`` holds the moved appointment and the
      one of the same professional in its way.
    * ``"off_duty"``: R1; ``blocking`` holds the moved appointment, placed when its
      professional takes no appointments: from ``at`` until ``until``.
    * ``"capacity"``: R2; at instant ``at``, ``busy`` appointments need a
      professional and only ``available`` professionals are on duty.
    * ``"unassignable"``: R2 with enough professionals in number, but none free for
      the whole of ``blocking[0]``.
    * ``"too_complex"``: the search ran out of steps around ``blocking[0]``.
    * ``"limit"``: a capacity limit (a booking rule): at ``at``, ``busy`` appointments
      would run where at most ``available`` may (of service ``until``, or 0: any).
    * ``"unqualified"``: R0; ``blocking`` holds the moved appointment, given a
      professional who lacks what its service needs.
    """

    kind: Literal[
        "professional_busy",
        "off_duty",
        "capacity",
        "unassignable",
        "too_complex",
        "limit",
        "unqualified",
    ]
    blocking: tuple[Demand, ...] = ()
    at: int = 0
    busy: int = 0
    available: int = 0
    until: int = 0

    @property
    def can_be_forced(self) -> bool:
        """R2 refusals may be forced by a manager (the stranded are set aside); R1 never."""
        return self.kind in ("capacity", "unassignable", "too_complex")


def always_available(ids: Iterable[int]) -> dict[int, tuple[Span, ...]]:
    """``ids`` as professionals with no time off."""
    return dict.fromkeys(ids, ())


#: Per service that needs skills: the professionals who have them all.
Qualified = Mapping[int, frozenset[int]]


def skilled(proposal: Proposal, qualified: Qualified | None) -> Proposal:
    """``proposal`` with each moved appointment limited to the professionals who have
    what its service needs (from ``proposal.services``)."""
    if not qualified or not proposal.services:
        return proposal
    services = dict(proposal.services)
    moved = []
    for d in proposal.moved:
        service = services.get(d.key)
        eligible = qualified.get(service) if service is not None else None
        moved.append(d if eligible is None else d._replace(eligible=eligible))
    return Proposal(tuple(moved), proposal.withdrawn, proposal.anywhere, proposal.services)


def decide(
    proposal: Proposal,
    others: Iterable[Demand],
    professionals: Professionals,
    *,
    step_limit: int = DEFAULT_STEP_LIMIT,
    hints: Hints | None = None,
    qualified: Qualified | None = None,
) -> Refusal | None:
    """None when the ``proposal`` fits among the ``others`` active appointments, else why not.

    ``others`` must hold every active appointment that overlaps a moved one or a
    withdrawn span, and, for each unassigned one among them, everything that
    overlaps its group (the services read that window); unassigned ones carry the
    professionals who may take them (`Demand.eligible`). ``professionals`` hold
    the off-duty spans *after* the change. ``hints``: where to start placing the
    unassigned (see `Hints`); the placements found are added to them.
    ``qualified``: who may take the moved appointments, by their service.
    """
    proposal = skilled(proposal, qualified)
    moved = proposal.moved
    for demand in moved:
        if not demand.start < demand.end:
            raise ValueError("an appointment must end after it starts")
    rest = _without(others, moved)
    refusal = _first_clash(moved, rest, professionals, proposal.anywhere)
    if refusal is not None:
        return refusal
    slots = [*rest, *moved]
    for group in _touched_groups(proposal, slots):
        refusal = _solve_group(group, slots, professionals, step_limit, hints)
        if refusal is not None:
            return refusal
    return None


def stranded(
    proposal: Proposal,
    others: Iterable[Demand],
    professionals: Professionals,
    *,
    step_limit: int = DEFAULT_STEP_LIMIT,
    qualified: Qualified | None = None,
) -> list[Demand]:
    """Unassigned appointments to set aside so that all the others keep R2.

    For each touched group that cannot be given professionals, the appointments
    are taken in start order and kept while the kept ones still fit together; the
    rest are returned. Every kept appointment fits (exactly); the set aside is
    maximal, not always the smallest possible. R1 refusals cannot be set aside:
    call `decide` first.
    """
    moved = skilled(proposal, qualified).moved
    slots = [*_without(others, moved), *moved]
    out: list[Demand] = []
    for group in _touched_groups(proposal, slots):
        if _solve_group(group, slots, professionals, step_limit) is None:
            continue
        # Only what overlaps the group matters to its parts.
        lo, hi = group[0].start, max(s.end for s in group)
        near = [s for s in slots if s.professional is not None and s.start < hi and lo < s.end]
        out += _left_out(group, near, professionals, step_limit)
    return out


def _left_out(
    group: list[Demand], slots: list[Demand], professionals: Professionals, step_limit: int
) -> list[Demand]:
    """The appointments of ``group`` left out when they are taken in start order and
    kept while the kept ones still fit: in batches that double while they fit (each
    of a batch that fits with the kept ones would have been kept in turn) and halve
    when not, each check starting where the last placed the kept ones."""
    hints = Hints()

    def fit(kept: list[Demand], batch: list[Demand]) -> bool:
        keys = {d.key for d in batch}
        return all(
            _solve_group(part, slots, professionals, step_limit, hints) is None
            for part in _groups([*kept, *batch])
            if any(d.key in keys for d in part)
        )

    kept: list[Demand] = []
    out: list[Demand] = []
    at, size = 0, 1
    while at < len(group):
        batch = group[at : at + size]
        if fit(kept, batch):
            kept += batch
            at, size = at + len(batch), size * 2
        elif size > 1:
            size //= 2
        else:
            out.append(group[at])
            at += 1
    return out


def find_assignment(
    slots: Sequence[Demand],
    professionals: Professionals,
    *,
    step_limit: int = DEFAULT_STEP_LIMIT,
) -> dict[int, int] | None:
    """Give each unassigned appointment a professional, or None when impossible.

    Returns None as well when the assigned ones already break R1.
    """
    by_prof: dict[int, list[Span]] = defaultdict(list)
    for slot in slots:
        if slot.professional is not None:
            by_prof[slot.professional].append((slot.start, slot.end))
    for items in by_prof.values():
        items.sort()
        if any(a[1] > b[0] for a, b in pairwise(items)):
            return None
    for p, off in professionals.items():
        if off:
            by_prof[p] = merged([*by_prof.get(p, ()), *off])
    result: dict[int, int] = {}
    stretches = Stretches(by_prof, sorted(professionals))
    for group in _groups([s for s in slots if s.professional is None]):
        placed = place(group, stretches, step_limit)
        if not isinstance(placed, dict):
            return None
        result.update(placed)
    return result


def max_concurrency(slots: Iterable[Demand]) -> tuple[int, int]:
    """The largest number of appointments running at one instant, and the first such instant."""
    best, at, _ = _peak(_events((s.start, s.end) for s in slots))
    return best, at


def _without(others: Iterable[Demand], moved: Sequence[Demand]) -> list[Demand]:
    if len(moved) == 1:
        key = moved[0].key
        return [s for s in others if s.key != key]
    keys = {d.key for d in moved}
    return [s for s in others if s.key not in keys]


def _first_clash(
    moved: Sequence[Demand],
    rest: Sequence[Demand],
    professionals: Professionals,
    anywhere: frozenset[int] = frozenset(),
) -> Refusal | None:
    """R1 for the moved appointments that have a professional (R0 too unless ``anywhere``)."""
    for i, demand in enumerate(moved):
        prof = demand.professional
        if prof is None:
            continue
        if demand.eligible is not None and prof not in demand.eligible:
            return Refusal("unqualified", blocking=(demand,))
        for start, end in () if demand.key in anywhere else professionals.get(prof, ()):
            if start < demand.end and demand.start < end:
                return Refusal("off_duty", blocking=(demand,), at=start, until=end)
        for slot in rest:
            if slot.professional == prof and slot.overlaps(demand):
                return Refusal("professional_busy", blocking=(demand, slot))
        for earlier in moved[:i]:
            if earlier.professional == prof and earlier.overlaps(demand):
                return Refusal("professional_busy", blocking=(demand, earlier))
    return None


def _touched_groups(proposal: Proposal, slots: Sequence[Demand]) -> Iterator[list[Demand]]:
    """The groups of unassigned appointments the change can have made infeasible:
    those holding or overlapping a moved appointment or a withdrawn span (the
    others keep the assignment they had)."""
    regions = [(d.start, d.end) for d in proposal.moved]
    regions += [(start, end) for _p, start, end in proposal.withdrawn]
    keys = {d.key for d in proposal.moved}
    for group in _groups([s for s in slots if s.professional is None]):
        if any(s.key in keys or any(a < s.end and s.start < b for a, b in regions) for s in group):
            yield group


def _groups(unassigned: Iterable[Demand]) -> Iterator[list[Demand]]:
    """Split appointments into chains of overlapping ones, each sorted by start."""
    group: list[Demand] = []
    reach = 0
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
    group: list[Demand],
    slots: Sequence[Demand],
    professionals: Professionals,
    step_limit: int,
    hints: Hints | None = None,
) -> Refusal | None:
    lo = group[0].start
    hi = max(s.end for s in group)
    booked: dict[int, list[Span]] = defaultdict(list)
    for slot in slots:
        p = slot.professional
        if p is not None and p in professionals and slot.start < hi and lo < slot.end:
            booked[p].append((slot.start, slot.end))
    by_prof: dict[int, list[Span]] = {}
    off_here: list[Span] = []
    for p, off in professionals.items():
        near = [(a, b) for a, b in off if a < hi and lo < b]
        off_here += near
        if near or p in booked:
            by_prof[p] = merged([*booked.get(p, ()), *near]) if near else sorted(booked[p])
    # 1. Counting: appointments, bookings and time off at once against professionals.
    spans = [(s.start, s.end) for s in group]
    for items in by_prof.values():
        spans += items
    busy, at, _ = _peak(_events(spans))
    if busy > len(professionals):
        off_then = sum(1 for a, b in off_here if a <= at < b)
        return Refusal(
            "capacity", at=at, busy=busy - off_then, available=len(professionals) - off_then
        )
    stretches = Stretches(by_prof, sorted(professionals))
    try:
        placed = place(group, stretches, step_limit, hints)
    except SearchLimitError:
        return Refusal("too_complex", blocking=(group[0],))
    if isinstance(placed, dict):
        if hints is not None:
            hints.remember(placed)
        return None
    return Refusal("unassignable", blocking=(placed or _hardest(group, stretches),))


def _events(spans: Iterable[Span]) -> list[tuple[int, int]]:
    events: list[tuple[int, int]] = []
    for start, end in spans:
        events.append((start, 1))
        events.append((end, -1))
    events.sort()  # ends (-1) before starts (+1) at the same instant
    return events


def _peak(events: list[tuple[int, int]]) -> tuple[int, int, int]:
    best, at, now = 0, 0, 0
    for when, delta in events:
        now += delta
        if now > best:
            best, at = now, when
    return best, at, now


def _hardest(group: list[Demand], stretches: Stretches) -> Demand:
    """The unassigned appointment with the fewest stretches that hold it (for the message)."""
    holding = stretches.holding(group)
    return min(zip(group, holding, strict=True), key=lambda p: (len(p[1]), p[0].start))[0]
