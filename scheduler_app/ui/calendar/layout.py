"""Pure layout arithmetic for the calendar (no Qt): lanes, snapping, geometry."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(slots=True)  # not frozen: thousands are made on every date change
class Lane:
    index: int
    count: int


def lanes(items: Sequence[tuple[Hashable, float, float]]) -> dict[Hashable, Lane]:
    """Side-by-side placement of overlapping items in one column.

    ``items`` are (key, start, end). Items that overlap (directly or through a
    chain) form a cluster; each gets the lowest free lane, and every item of a
    cluster shares its lane count so widths line up.
    """
    out: dict[Hashable, Lane] = {}
    cluster: list[tuple[Hashable, int]] = []
    lane_ends: list[float] = []
    reach = float("-inf")
    for key, start, end in sorted(items, key=lambda i: (i[1], -i[2])):
        if cluster and start >= reach:
            count = len(lane_ends)
            for done, index in cluster:
                out[done] = Lane(index, count)
            cluster, lane_ends = [], []
        for index, lane_end in enumerate(lane_ends):
            if lane_end <= start:
                lane_ends[index] = end
                break
        else:
            index = len(lane_ends)
            lane_ends.append(end)
        cluster.append((key, index))
        reach = max(reach, end) if len(cluster) > 1 else end
    count = len(lane_ends)
    for done, index in cluster:
        out[done] = Lane(index, count)
    return out


def snap(minutes: float, step: int) -> int:
    """Round to the nearest multiple of ``step`` minutes."""
    return int(round(minutes / step) * step)


def snap_down(minutes: float, step: int) -> int:
    return int(minutes // step * step)


@dataclass(frozen=True)
class Grid:
    """Where things go: minutes since local midnight <-> y, column <-> x."""

    px_per_minute: float
    column_width: float
    gutter: float = 56.0

    def y(self, minutes: float) -> float:
        return minutes * self.px_per_minute

    def minutes(self, y: float) -> float:
        return y / self.px_per_minute

    def x(self, column: int) -> float:
        return self.gutter + column * self.column_width

    def column(self, x: float, columns: int) -> int | None:
        if x < self.gutter:
            return None
        index = int((x - self.gutter) // self.column_width)
        return index if 0 <= index < columns else None

    @property
    def height(self) -> float:
        return self.y(24 * 60)
