"""A slower exact method, independent of the decision's, for days too big to try
every assignment: depth-first over the unassigned appointments in start order,
each to every professional free for the whole of it, remembering states that
failed (the appointment reached and who is busy until when)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

from scheduler_app.domain.capacity import Demand, Span


class GaveUpError(Exception):
    """The method gave up (it is exponential): the day is not counted."""


def assignable(
    demands: Sequence[Demand], off: Mapping[int, Sequence[Span]], limit: int = 200_000
) -> bool:
    """Whether every unassigned appointment can get a professional who is on duty and
    free for the whole of it, the assigned ones staying where they are."""
    busy: dict[int, list[Span]] = {p: list(spans) for p, spans in off.items()}
    for d in demands:
        if d.professional is not None:
            if d.professional not in busy:
                return False
            busy[d.professional].append((d.start, d.end))
    for spans in busy.values():
        spans.sort()
        if any(a[1] > b[0] for a, b in itertools.pairwise(spans)):
            return False  # the assigned ones already clash
    todo = sorted((d for d in demands if d.professional is None), key=lambda d: (d.start, d.end))
    options = [
        [
            p
            for p, spans in busy.items()
            if _free(spans, d) and (d.eligible is None or p in d.eligible)
        ]
        for d in todo
    ]
    taken: dict[int, int] = {}  # professional -> busy until (with an appointment of todo)
    failed: set[tuple[int, frozenset[tuple[int, int]]]] = set()
    steps = 0

    def place(i: int) -> bool:
        nonlocal steps
        if i == len(todo):
            return True
        steps += 1
        if steps > limit:
            raise GaveUpError
        start = todo[i].start
        state = (i, frozenset((p, u) for p, u in taken.items() if u > start))
        if state in failed:
            return False
        for p in options[i]:
            if taken.get(p, start) > start:
                continue
            before = taken.get(p)
            taken[p] = todo[i].end
            if place(i + 1):
                return True
            if before is None:
                del taken[p]
            else:
                taken[p] = before
        failed.add(state)
        return False

    return place(0)


def _free(spans: list[Span], d: Demand) -> bool:
    return not any(a < d.end and d.start < b for a, b in spans)
