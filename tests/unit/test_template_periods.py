"""Copying a template into a plan for a period keeps the plan before and after it."""

from __future__ import annotations

from datetime import date, time

from scheduler_app.domain.working_time import WeeklyRange
from scheduler_app.services.schedule_templates import outside


def test_the_plan_around_the_period_is_kept() -> None:
    always = WeeklyRange(0, time(9), time(17))
    later = WeeklyRange(1, time(9), time(12), None, date(2026, 5, 1))
    inside = WeeklyRange(2, time(9), time(12), None, date(2026, 3, 10), date(2026, 3, 12))
    kept = outside([always, later, inside], date(2026, 3, 9), date(2026, 3, 13))
    assert kept == [
        WeeklyRange(0, time(9), time(17), None, None, date(2026, 3, 8)),
        WeeklyRange(0, time(9), time(17), None, date(2026, 3, 14), None),
        WeeklyRange(1, time(9), time(12), None, date(2026, 5, 1), None),
    ]
    assert outside([always], date(2026, 3, 9), None) == [
        WeeklyRange(0, time(9), time(17), None, None, date(2026, 3, 8))
    ]
