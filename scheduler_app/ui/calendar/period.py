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

    A week starts on ``week_start`` (0 = Monday, as `date.weekday`; the desk uses
    its locale's first day); a month shows whole weeks, six of them, so the grid
    never changes height from one month to the next.
    """

    span: Span
    anchor: date
    week_start: int = 0

    @property
    def first(self) -> date:
        if self.span is Span.DAY:
            return self.anchor
        if self.span is Span.WEEK:
            return self.anchor - timedelta(days=(self.anchor.weekday() - self.week_start) % 7)
        first_of_month = self.anchor.replace(day=1)
        return first_of_month - timedelta(days=(first_of_month.weekday() - self.week_start) % 7)

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
            return Period(self.span, self.anchor + timedelta(days=direction), self.week_start)
        if self.span is Span.WEEK:
            return Period(self.span, self.anchor + timedelta(weeks=direction), self.week_start)
        return Period(self.span, self.anchor + relativedelta(months=direction), self.week_start)
