"""Realistic clinic days for the decision's tests and benchmarks (times in minutes).

Each professional works a plan (full time with a lunch break, mornings,
afternoons, or a split day), is booked back to back with gaps until the share of
working time asked for is booked, and a share of the appointments is then left
without a professional. The day is feasible by construction (everyone where they
were booked); the change proposed may or may not fit.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from scheduler_app.domain.capacity import Demand, Proposal, Span

LENGTHS = (15, 20, 30, 30, 45, 60)
DAY_END = 24 * 60


@dataclass(frozen=True)
class Day:
    off: dict[int, tuple[Span, ...]]
    demands: list[Demand]
    proposal: Proposal
    #: The professional each of ``demands`` was booked with when the day was built.
    built: tuple[int, ...] = ()


def plan(rng: random.Random) -> list[Span]:
    """A weekday's working ranges."""
    kind = rng.random()
    start = rng.choice((480, 480, 510, 540))
    if kind < 0.6:  # full time with a lunch break
        lunch = rng.choice((720, 750, 780))
        return [(start, lunch), (lunch + rng.choice((30, 60)), rng.choice((1080, 1140, 1200)))]
    if kind < 0.8:  # part time, mornings
        return [(start, rng.choice((780, 810)))]
    if kind < 0.95:  # part time, afternoons
        return [(rng.choice((810, 840)), rng.choice((1140, 1200)))]
    return [(start, 660), (900, 1200)]  # a split day


def off_spans(work: list[Span]) -> tuple[Span, ...]:
    """The rest of the day."""
    spans, t = [], 0
    for a, b in work:
        if a > t:
            spans.append((t, a))
        t = b
    spans.append((t, DAY_END))
    return tuple(spans)


def day(
    rng: random.Random,
    professionals: tuple[int, int] = (5, 50),
    booked: tuple[float, float] = (0.50, 0.95),
    unassigned: tuple[float, float] = (0.10, 0.35),
) -> Day:
    count = rng.randint(*professionals)
    fill = rng.uniform(*booked)
    share = rng.uniform(*unassigned)
    off: dict[int, tuple[Span, ...]] = {}
    demands: list[Demand] = []
    for p in range(1, count + 1):
        work = plan(rng)
        off[p] = off_spans(work)
        for a, b in work:
            t = a
            while True:
                length = rng.choice(LENGTHS)
                if t + length > b:
                    break
                demands.append(Demand(len(demands) + 1, t, t + length, p))
                t += length
                while rng.random() > fill and t + 15 <= b:  # a gap
                    t += 15
    built = tuple(d.professional for d in demands if d.professional is not None)
    demands = [d._replace(professional=None) if rng.random() < share else d for d in demands]
    return Day(off, demands, change(rng, off, demands), built)


def dense_day(rng: random.Random) -> Day:
    """90-95% of working time booked, 25-35% without a professional, 20-50 professionals."""
    return day(rng, professionals=(20, 50), booked=(0.90, 0.95), unassigned=(0.25, 0.35))


def change(rng: random.Random, off: dict[int, tuple[Span, ...]], demands: list[Demand]) -> Proposal:
    """A booking (without or with a professional) or a move of one appointment."""
    r = rng.random()
    length = rng.choice(LENGTHS)
    start = rng.randrange(480, 1200 - length, 5)
    if r < 0.6:
        return Proposal((Demand(-1, start, start + length, None),))
    if r < 0.8:
        return Proposal((Demand(-1, start, start + length, rng.choice(list(off))),))
    moved = rng.choice(demands)
    prof = rng.choice([None, moved.professional, rng.choice(list(off))])
    return Proposal((Demand(moved.key, start, start + (moved.end - moved.start), prof),))
