"""The periods a report is cut into: days, weeks, months, quarters or years of the
clinic's calendar, clipped to the days asked for."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


def _next_start(day: date, period: Period, week_starts: int) -> date:
    """The first day of the period after the one ``day`` is in."""
    if period is Period.DAY:
        return day + timedelta(days=1)
    if period is Period.WEEK:
        return day + timedelta(days=7 - (day.weekday() - week_starts) % 7)
    if period is Period.YEAR:
        return date(day.year + 1, 1, 1)
    months = 3 if period is Period.QUARTER else 1
    first = (day.month - 1) // months * months + 1
    month = first + months
    return date(day.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def periods(
    first: date, last: date, period: Period, week_starts: int = 0
) -> list[tuple[date, date]]:
    """``[first, last]`` cut into periods: (first day, day after the last), in order.
    ``week_starts``: the weekday weeks start on (0 = Monday)."""
    cut = []
    day = first
    while day <= last:
        end = min(_next_start(day, period, week_starts), last + timedelta(days=1))
        cut.append((day, end))
        day = end
    return cut


def chunks(count: int, parts: int = 12) -> list[tuple[int, int]]:
    """``range(count)`` in about ``parts`` consecutive pieces (for progress)."""
    size = max(1, -(-count // parts))
    return [(start, min(start + size, count)) for start in range(0, count, size)]
