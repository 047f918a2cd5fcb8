"""The linear relaxation of giving a group of appointments free stretches: a proof,
in milliseconds, that a crowd cannot fit where clause learning needs a tenth of a
second, and where it can, a placement to start from.

One variable per appointment and stretch that holds it, between 0 and 1: each
appointment's add up to 1 (it goes somewhere), and in each stretch those of the
appointments that share an instant (each maximal clique of its intervals) add up
to at most 1 (one at a time). A placement is a solution in 0s and 1s, so when the
relaxation has no solution at all, no placement exists: an exact refusal.

Why: on the dense days that reach the SAT solver, the ones that cannot fit are
refuted by counting ("these twelve appointments need twelve places where eleven
are free between 10:00 and 12:00"), which clause learning can only find by
enumerating (45-120 ms on the worst of 10,000 days); the relaxation finds it in
4-25 ms (HiGHS's dual simplex). Where the relaxation has a solution, the stretch
each appointment leans to most is where `free_stretches.repaired` starts: on those
days it finds a placement in a few tenths of a millisecond, where the solver from
the stored placement took up to 160 ms.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scheduler_app.domain.capacity import Demand

_local = threading.local()


def warm() -> None:
    """Load HiGHS (about 0.1 s, numpy with it), so that the first hard decision does
    not wait for it: the desk calls this on a worker when it starts."""
    import highspy  # noqa: F401


def _solver() -> Any:
    """This thread's HiGHS instance, quiet (made once: HiGHS greets on stdout when made)."""
    found = getattr(_local, "highs", None)
    if found is None:
        import highspy  # only on the hardest days: not at start-up

        found = _local.highs = highspy.Highs()  # type: ignore[no-untyped-call]
        found.setOptionValue("output_flag", False)
        found.setOptionValue("threads", 1)
    else:
        found.clearModel()
    return found


def cliques(starts: Sequence[int], ends: Sequence[int]) -> list[list[int]]:
    """The maximal sets of the intervals ``starts[k]``-``ends[k]`` (half-open) that
    share an instant, of two or more: where a start is followed by an end."""
    events = sorted(
        [(e, 0, k) for k, e in enumerate(ends)] + [(s, 1, k) for k, s in enumerate(starts)]
    )  # at one instant, ends before starts: [a, b) and [b, c) share nothing
    out: list[list[int]] = []
    running: set[int] = set()
    grew = False
    for _when, is_start, k in events:
        if is_start:
            running.add(k)
            grew = True
            continue
        if grew and len(running) > 1:
            out.append(sorted(running))
        grew = False
        running.discard(k)
    return out


def leanings(group: Sequence[Demand], holding: Sequence[Sequence[int]]) -> list[int] | None:
    """None when the relaxation has no solution (no placement exists); else, for each
    appointment of ``group``, the stretch of ``holding`` its solution gives most of it
    (empty when HiGHS could not tell: then nothing is proved)."""
    import numpy as np

    columns: list[list[int]] = []  # per appointment, its variables (in holding's order)
    in_stretch: dict[int, list[tuple[int, int]]] = {}  # stretch -> (appointment, variable)
    count = 0
    for i, fits in enumerate(holding):
        columns.append(list(range(count, count + len(fits))))
        for g in fits:
            in_stretch.setdefault(g, []).append((i, count))
            count += 1
    rows: list[list[int]] = [list(c) for c in columns]
    lower: list[float] = [1.0] * len(rows)
    for members in in_stretch.values():
        if len(members) < 2:
            continue
        starts = [group[i].start for i, _v in members]
        ends = [group[i].end for i, _v in members]
        for clique in cliques(starts, ends):
            rows.append([members[k][1] for k in clique])
            lower.append(-np.inf)
    first = np.cumsum([0] + [len(r) for r in rows[:-1]], dtype=np.int32)
    index = np.fromiter((v for r in rows for v in r), dtype=np.int32)
    highs = _solver()
    highs.addVars(count, np.zeros(count), np.ones(count))
    highs.addRows(
        len(rows),
        np.array(lower),
        np.ones(len(rows)),
        len(index),
        first,
        index,
        np.ones(len(index)),
    )
    highs.run()
    import highspy

    status = highs.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible:
        return None
    if status != highspy.HighsModelStatus.kOptimal:
        return []  # it could not tell: the solver decides
    x = highs.getSolution().col_value
    out = []
    for fits, variables in zip(holding, columns, strict=True):
        most = max(range(len(variables)), key=lambda k: float(x[variables[k]]))
        out.append(fits[most])
    return out
