"""What a change to working time takes away, against minute-by-minute sets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scheduler_app.domain.spans import merged
from scheduler_app.services.working_time import _minus

spans = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)), max_size=8).map(
    lambda items: merged((start, start + length) for start, length in items)
)


def _minutes(items: list[tuple[int, int]]) -> set[int]:
    return {m for start, end in items for m in range(start, end)}


@settings(max_examples=500, deadline=None)
@given(spans, spans)
def test_time_taken_is_the_minutes_of_one_not_in_the_other(
    kept: list[tuple[int, int]], away: list[tuple[int, int]]
) -> None:
    left = _minus(kept, away)
    assert _minutes(left) == _minutes(kept) - _minutes(away)
    assert left == merged(left)  # sorted, apart
