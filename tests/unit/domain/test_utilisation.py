"""`domain.utilisation.use` against a second-by-second count (hypothesis): random
periods, available stretches, overlapping bookings and capacities."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from scheduler_app.domain.spans import merged
from scheduler_app.domain.utilisation import Use, gaps, use

LO, HI = 0, 120

spans = st.lists(
    st.tuples(st.integers(LO - 20, HI + 20), st.integers(1, 40)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=12,
)


@settings(max_examples=400, deadline=None)
@given(
    cuts=st.lists(st.integers(LO + 1, HI - 1), unique=True, max_size=5),
    free=spans,
    booked=spans,
    places=st.integers(1, 3),
)
def test_use_counts_what_second_by_second_counting_counts(
    cuts: list[int], free: list[tuple[int, int]], booked: list[tuple[int, int]], places: int
) -> None:
    bounds = [LO, *sorted(cuts), HI]
    available = gaps(gaps(merged(free), LO, HI), LO, HI)  # within the bounds, merged
    booked.sort()
    got = use(bounds, available, [s for s, _e in booked], [e for _s, e in booked], places)
    expected = []
    for a, b in pairwise(bounds):
        working = inside = outside = 0
        for t in range(a, b):
            held = min(sum(1 for s, e in booked if s <= t < e), places)
            if any(s <= t < e for s, e in available):
                working += places
                inside += held
            else:
                outside += held
        expected.append(Use(working, inside, outside))
    assert got == expected


def test_gaps_turn_off_spans_round() -> None:
    assert gaps([(0, 5), (3, 8), (10, 12)], 2, 11) == [(8, 10)]
    assert gaps([], 2, 11) == [(2, 11)]
