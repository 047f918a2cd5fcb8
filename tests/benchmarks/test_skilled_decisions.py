"""The exact decision with skills, side by side with the same days without them.

Run: `.venv/bin/python -m pytest -m benchmark -s tests/benchmarks/test_skilled_decisions.py`
(days via BENCH_DAYS, default 10,000). Each day is a realistic one
(`realistic_days.day`: 5-50 professionals with plans, 50-95% booked, 10-35% without
a professional), and then 5 skills: every professional has one or two, and half of
the appointments are of a service that needs one — one their professional has (the
day stays feasible). One booking or move is decided, with and without the skills.
Printed: median, p99 and max per decision, and the "too complex" count (target 0).
"""

from __future__ import annotations

import os
import random
import statistics
import time

import pytest

from scheduler_app.domain.capacity import Proposal, decide
from tests.unit.domain.realistic_days import day

DAYS = int(os.environ.get("BENCH_DAYS", "10000"))
SKILLS = 5


@pytest.mark.benchmark
def test_skilled_days() -> None:
    rng = random.Random(20261130)
    plain: list[float] = []
    with_skills: list[float] = []
    outcomes: dict[str, int] = {}
    for _ in range(DAYS):
        d = day(rng)
        professionals = sorted(d.off)
        has = {p: set(rng.sample(range(SKILLS), rng.choice((1, 2)))) for p in professionals}
        who = {s: frozenset(p for p, mine in has.items() if s in mine) for s in range(SKILLS)}
        # The day was built with everyone where they were booked: an appointment needs
        # a skill of the professional it was built for (kept in `built`).
        demands = []
        for demand, built in zip(d.demands, d.built, strict=True):
            if rng.random() < 0.5:
                demand = demand._replace(eligible=who[rng.choice(sorted(has[built]))])
            demands.append(demand)
        moved = d.proposal.moved[0]
        needs = who[rng.randrange(SKILLS)] if rng.random() < 0.5 else None
        proposal = Proposal((moved._replace(eligible=needs),))
        began = time.perf_counter()
        decide(d.proposal, d.demands, d.off)
        plain.append((time.perf_counter() - began) * 1000)
        began = time.perf_counter()
        refusal = decide(proposal, demands, d.off)
        with_skills.append((time.perf_counter() - began) * 1000)
        kind = refusal.kind if refusal is not None else "accepted"
        outcomes[kind] = outcomes.get(kind, 0) + 1
    print(
        f"\n{DAYS} realistic days, 5 skills: {_figures('without skills', plain)}; "
        f"{_figures('with skills', with_skills)}\noutcomes with skills: "
        f"{dict(sorted(outcomes.items()))}; 0 too complex "
        f"{'met' if not outcomes.get('too_complex') else 'MISSED'}"
    )
    assert not outcomes.get("too_complex")


def _figures(name: str, times: list[float]) -> str:
    times = sorted(times)
    p99 = times[int(0.99 * len(times)) - 1]
    return (
        f"{name} median {statistics.median(times):.3f} ms, p99 {p99:.1f} ms, max {times[-1]:.1f} ms"
    )
