"""Which days a view shows, and where previous/next lead (pure code, no Qt)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta


class Span(enum.Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True)
class Period:
    """The days shown for ``anchor`` (the day the desk is on) in a ``span``.

    A week runs Monday to Sunday; a month shows whole weeks, six of them, so
    the grid never changes height from one month to the next.
    """

    span: Span
    anchor: date

    @property
    def first(self) -> date:
        if self.span is Span.DAY:
            return self.anchor
        if self.span is Span.WEEK:
            return self.anchor - timedelta(days=self.anchor.weekday())
        first_of_month = self.anchor.replace(day=1)
        return first_of_month - timedelta(days=first_of_month.weekday())

    @property
    def length(self) -> int:
        return {Span.DAY: 1, Span.WEEK: 7, Span.MONTH: 42}[self.span]

    @property
    def days(self) -> list[date]:
        first = self.first
        return [first + timedelta(days=i) for i in range(self.length)]

    @property
    def last(self) -> date:
        return self.first + timedelta(days=self.length - 1)

    def step(self, direction: int) -> Period:
        """The previous (-1) or next (+1) period, keeping the anchor's place in it."""
        if self.span is Span.DAY:
            return Period(self.span, self.anchor + timedelta(days=direction))
        if self.span is Span.WEEK:
            return Period(self.span, self.anchor + timedelta(weeks=direction))
        return Period(self.span, self.anchor + relativedelta(months=direction))

    @property
    def title(self) -> str:
        if self.span is Span.DAY:
            return f"{self.anchor:%A %d %B %Y}"
        if self.span is Span.WEEK:
            first, last = self.first, self.last
            week = first.isocalendar().week
            if first.month == last.month:
                return f"Week {week}: {first.day}-{last:%d %B %Y}"
            if first.year == last.year:
                return f"Week {week}: {first:%d %b}-{last:%d %b %Y}"
            return f"Week {week}: {first:%d %b %Y}-{last:%d %b %Y}"
        return f"{self.anchor:%B %Y}"
