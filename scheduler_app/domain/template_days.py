"""Which days a schedule template works on, and how its dates are stored.

A weekly template works on weekdays, every week or every other week (the plan's
A/B weeks); a daily one every N days (on its weekdays); a monthly one on days of
the month (a month without that day is skipped); a yearly one on month-day pairs;
a custom one on the dates it lists. The dates are stored as one text column in a
canonical form ("1,15"; "12-24,12-31"; "2026-12-12,2026-12-19") that `parse_dates`
reads back into typed values.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from scheduler_app.domain.working_time import TemplateKind

#: The longest interval (every N days or weeks) a template may give.
MAX_INTERVAL = 366
#: The most dates a template may list.
MAX_DATES = 366
#: Custom dates are kept within these years.
FIRST_YEAR, LAST_YEAR = 2000, 2099
#: A leap year, to tell a real month-day pair (29 February included).
_LEAP = 2024
#: Kinds whose copy writes dated days (the others write weekly ranges).
DATED = (TemplateKind.MONTHLY, TemplateKind.YEARLY, TemplateKind.CUSTOM)


class DatesError(ValueError):
    """Days that cannot be kept: the reason in words, and the field it is about."""

    def __init__(self, message: str, field: str = "dates") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class TemplateDays:
    """The days part of a template."""

    kind: TemplateKind
    interval: int = 1
    weekdays: tuple[int, ...] = ()
    dates: tuple[date, ...] = ()  # CUSTOM
    month_days: tuple[int, ...] = ()  # MONTHLY, 1-31
    year_days: tuple[tuple[int, int], ...] = ()  # YEARLY, (month, day)


def checked(days: TemplateDays) -> TemplateDays:
    """``days`` sorted and without repeats; `DatesError` when they cannot be kept."""
    kind = days.kind
    if not 1 <= days.interval <= MAX_INTERVAL:
        raise DatesError(f"The interval is from 1 to {MAX_INTERVAL}.", "interval")
    if kind is TemplateKind.WEEKLY and days.interval > 2:
        raise DatesError(
            "A weekly template repeats every week or every other week "
            "(the plan's A and B weeks): give 1 or 2.",
            "interval",
        )
    if kind in DATED and days.interval != 1:
        raise DatesError(
            "Only daily and weekly templates repeat at an interval: give 1.", "interval"
        )
    given = bool(days.dates or days.month_days or days.year_days)
    if kind in (TemplateKind.DAILY, TemplateKind.WEEKLY):
        if given:
            raise DatesError(
                "Daily and weekly templates work on weekdays; "
                "dates are for monthly, yearly and custom templates."
            )
        if not days.weekdays or any(day not in range(7) for day in days.weekdays):
            raise DatesError("Choose the weekdays the template works on.", "weekdays")
        return TemplateDays(kind, days.interval, tuple(sorted(set(days.weekdays))))
    if days.weekdays:
        raise DatesError(
            "Monthly, yearly and custom templates work on dates, not on weekdays.", "weekdays"
        )
    if kind is TemplateKind.MONTHLY:
        if days.dates or days.year_days or not days.month_days:
            raise DatesError("Give the days of the month the template works on (1 to 31).")
        if any(not 1 <= day <= 31 for day in days.month_days):
            raise DatesError("A day of the month is from 1 to 31.")
        return TemplateDays(kind, month_days=tuple(sorted(set(days.month_days))))
    if kind is TemplateKind.YEARLY:
        if days.dates or days.month_days or not days.year_days:
            raise DatesError("Give the days of the year the template works on, such as 24/12.")
        for month, day in days.year_days:
            if not _real(month, day):
                raise DatesError(f"There is no day {day}/{month}.")
        return TemplateDays(kind, year_days=tuple(sorted(set(days.year_days))))
    if days.month_days or days.year_days or not days.dates:
        raise DatesError("Give the dates the template works on.")
    if len(set(days.dates)) > MAX_DATES:
        raise DatesError(f"A template lists at most {MAX_DATES} dates.")
    for when in days.dates:
        if not FIRST_YEAR <= when.year <= LAST_YEAR:
            raise DatesError(f"The dates are from {FIRST_YEAR} to {LAST_YEAR}.")
    return TemplateDays(kind, dates=tuple(sorted(set(days.dates))))


def _real(month: int, day: int) -> bool:
    try:
        date(_LEAP, month, day)
    except (ValueError, TypeError):
        return False
    return True


def stored(days: TemplateDays) -> str:
    """The dates column of checked ``days``."""
    if days.kind is TemplateKind.MONTHLY:
        return ",".join(str(day) for day in days.month_days)
    if days.kind is TemplateKind.YEARLY:
        return ",".join(f"{month:02d}-{day:02d}" for month, day in days.year_days)
    return ",".join(day.isoformat() for day in days.dates)


def parse_dates(
    kind: TemplateKind, text: str
) -> tuple[tuple[date, ...], tuple[int, ...], tuple[tuple[int, int], ...]]:
    """(dates, month days, year days) of a dates column written by `stored`."""
    parts = [part for part in text.split(",") if part]
    if kind is TemplateKind.MONTHLY:
        return (), tuple(int(p) for p in parts), ()
    if kind is TemplateKind.YEARLY:
        pairs = tuple((int(p[:2]), int(p[3:])) for p in parts)
        return (), (), pairs
    if kind is TemplateKind.CUSTOM:
        return tuple(date.fromisoformat(p) for p in parts), (), ()
    return (), (), ()


def _period(first: date, last: date) -> Iterator[date]:
    for n in range((last - first).days + 1):
        yield first + timedelta(days=n)


def working_days(days: TemplateDays, first: date, last: date | None) -> list[date]:
    """The dates within ``first`` .. ``last`` (None: open) a dated template, or a daily
    one every N days (counted from ``first``, on its weekdays), works on."""
    kind = days.kind
    if kind is TemplateKind.CUSTOM:
        return [d for d in days.dates if first <= d and (last is None or d <= last)]
    if last is None:
        raise DatesError("Give the period an end.", "last")
    if kind is TemplateKind.MONTHLY:
        return [d for d in _period(first, last) if d.day in days.month_days]
    if kind is TemplateKind.YEARLY:
        return [d for d in _period(first, last) if (d.month, d.day) in days.year_days]
    return [
        d
        for d in _period(first, last)
        if (d - first).days % days.interval == 0 and d.weekday() in days.weekdays
    ]
