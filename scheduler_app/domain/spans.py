"""Spans of time as half-open integer intervals ``[start, end)``, and their union."""

from __future__ import annotations

from collections.abc import Iterable

Span = tuple[int, int]


def merged(spans: Iterable[Span], *, within: int = 0) -> list[Span]:
    """The union of ``spans`` as sorted, non-overlapping spans; spans that touch, or
    lie less than ``within`` apart, become one."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1] + within:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out
