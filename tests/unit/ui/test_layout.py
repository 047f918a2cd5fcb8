"""Calendar layout arithmetic, without a window."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from scheduler_app.ui.calendar.layout import Grid, Lane, lanes, snap, snap_down


def test_overlapping_items_go_side_by_side_and_share_width() -> None:
    placed = lanes([("a", 600, 660), ("b", 630, 690), ("c", 700, 760)])
    assert placed == {"a": Lane(0, 2), "b": Lane(1, 2), "c": Lane(0, 1)}


def test_back_to_back_items_use_one_lane() -> None:
    assert lanes([("a", 600, 660), ("b", 660, 720)]) == {"a": Lane(0, 1), "b": Lane(0, 1)}


def test_a_chain_shares_the_lane_count_and_reuses_freed_lanes() -> None:
    placed = lanes([("a", 0, 100), ("b", 10, 30), ("c", 40, 60), ("d", 90, 120)])
    assert placed["a"] == Lane(0, 2)
    assert {placed[k].index for k in "bcd"} == {1}
    assert all(p.count == 2 for p in placed.values())


@given(st.lists(st.tuples(st.integers(0, 100), st.integers(1, 30)), max_size=30))
def test_lanes_never_overlap(spans: list[tuple[int, int]]) -> None:
    items = [(i, s, s + d) for i, (s, d) in enumerate(spans)]
    placed = lanes(items)
    assert set(placed) == {i for i, _, _ in items}
    for i, s1, e1 in items:
        assert 0 <= placed[i].index < placed[i].count
        for j, s2, e2 in items:
            if i < j and s1 < e2 and s2 < e1:
                assert placed[i].index != placed[j].index
                assert placed[i].count == placed[j].count


def test_snapping_and_geometry() -> None:
    assert snap(607, 15) == 600 and snap(608, 15) == 615 and snap_down(614, 15) == 600
    grid = Grid(px_per_minute=1.5, column_width=100)
    assert grid.y(60) == 90 and grid.minutes(90) == 60
    assert grid.column(56, 3) == 0 and grid.column(255, 3) == 1 and grid.column(400, 3) is None
    assert grid.column(10, 3) is None and grid.height == 2160
