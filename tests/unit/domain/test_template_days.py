"""Which days a schedule template works on, against a plain reading of its words,
and its dates stored and read back."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scheduler_app.domain.template_days import (
    DatesError,
    TemplateDays,
    checked,
    parse_dates,
    stored,
    working_days,
)
from scheduler_app.domain.working_time import TemplateKind

firsts = st.dates(date(2026, 1, 1), date(2028, 12, 31))


@given(
    first=firsts,
    length=st.integers(0, 400),
    month_days=st.sets(st.integers(1, 31), min_size=1, max_size=5),
)
def test_a_monthly_template_works_on_its_days_and_skips_months_without_them(
    first: date, length: int, month_days: set[int]
) -> None:
    last = first + timedelta(days=length)
    days = checked(TemplateDays(TemplateKind.MONTHLY, month_days=tuple(month_days)))
    every = [first + timedelta(days=n) for n in range(length + 1)]
    assert working_days(days, first, last) == [d for d in every if d.day in month_days]


@given(
    first=firsts,
    length=st.integers(0, 60),
    every=st.integers(1, 9),
    weekdays=st.sets(st.integers(0, 6), min_size=1),
)
def test_a_daily_template_works_every_n_days_from_the_first_on_its_weekdays(
    first: date, length: int, every: int, weekdays: set[int]
) -> None:
    days = checked(TemplateDays(TemplateKind.DAILY, every, tuple(weekdays)))
    found = working_days(days, first, first + timedelta(days=length))
    expected, day = [], first
    while day <= first + timedelta(days=length):
        if day.weekday() in weekdays:
            expected.append(day)
        day += timedelta(days=every)
    assert found == expected


def test_yearly_pairs_skip_29_february_outside_leap_years() -> None:
    days = checked(TemplateDays(TemplateKind.YEARLY, year_days=((2, 29), (12, 24))))
    found = working_days(days, date(2026, 1, 1), date(2028, 12, 31))
    assert found == [date(2026, 12, 24), date(2027, 12, 24), date(2028, 2, 29), date(2028, 12, 24)]


@pytest.mark.parametrize(
    "days",
    [
        TemplateDays(TemplateKind.MONTHLY, month_days=(31, 1, 15, 1)),
        TemplateDays(TemplateKind.YEARLY, year_days=((12, 31), (1, 6))),
        TemplateDays(TemplateKind.CUSTOM, dates=(date(2026, 12, 19), date(2026, 12, 12))),
        TemplateDays(TemplateKind.WEEKLY, 2, (4, 0)),
    ],
)
def test_dates_are_stored_sorted_and_read_back(days: TemplateDays) -> None:
    kept = checked(days)
    dates, month_days, year_days = parse_dates(kept.kind, stored(kept))
    assert (dates, month_days, year_days) == (kept.dates, kept.month_days, kept.year_days)
    assert list(kept.dates) == sorted(kept.dates) and list(kept.month_days) == sorted(
        kept.month_days
    )


def test_an_open_period_is_refused_for_days_that_never_end() -> None:
    days = checked(TemplateDays(TemplateKind.MONTHLY, month_days=(1,)))
    with pytest.raises(DatesError, match="Give the period an end"):
        working_days(days, date(2026, 1, 1), None)
