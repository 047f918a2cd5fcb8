"""Schedule templates through the services, on both databases: every kind copied into
a professional's plan writes the right ranges, dated days and booking rules; bad
input is refused with a clear message and nothing written; a copy that would strand
booked appointments is refused like any change that takes working time away."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from decimal import Decimal

import pytest

from scheduler_app.domain.rules import RuleKind, RuleScope
from scheduler_app.domain.working_time import TemplateKind, week_parity
from scheduler_app.errors import SchedulerError, ValidationError
from scheduler_app.services.availability import StrandingError
from scheduler_app.services.dto import BookingRequest
from scheduler_app.services.schedule_templates import TemplateDetails, TemplateView
from tests.conftest import Clinic

NINE_TO_ONE = {"starts": time(9), "ends": time(13)}


def save(clinic: Clinic, name: str, **fields: object) -> TemplateView:
    details = TemplateDetails(name, **{**NINE_TO_ONE, **fields})  # type: ignore[arg-type]
    return clinic.services.schedule_templates.save(clinic.admin, None, details)


def days_of(clinic: Clinic, prof: int) -> dict[date, list[tuple[time, time]]]:
    return clinic.services.working_time.dated_days(prof)


def test_a_weekly_template_every_other_week_fills_one_week_of_the_pair(clinic: Clinic) -> None:
    silva, becker = clinic.professionals("Dr Silva", "Dr Becker")
    template = save(clinic, "Alternate Mondays", weekdays=(0,), interval=2)
    first, last = date(2026, 3, 9), date(2026, 4, 30)
    copies = clinic.services.schedule_templates
    copies.copy_into_plan(clinic.admin, template.id, silva, first, last)
    copies.copy_into_plan(clinic.admin, template.id, becker, first, last, week_parity=1)
    a_weeks = week_parity(first)  # the period's first week and those like it
    inside = [r for r in clinic.services.working_time.weekly_plan(silva) if r.valid_from == first]
    assert (0, time(9), time(13), a_weeks, last) in [
        (r.weekday, r.starts, r.ends, r.week_parity, r.valid_until) for r in inside
    ]
    # The other weeks of the period keep what the plan said (the clinic's hours here).
    assert {(r.weekday, r.week_parity) for r in inside if r.starts == time(0)} == {
        (day, 1 - a_weeks) for day in range(7)
    }
    # Another template fills those: both weeks of the pair are then the templates'.
    afternoons = save(
        clinic, "Alternate Tuesdays", weekdays=(1,), interval=2, starts=time(14), ends=time(18)
    )
    copies.copy_into_plan(clinic.admin, afternoons.id, silva, first, last, week_parity=1 - a_weeks)
    inside = [r for r in clinic.services.working_time.weekly_plan(silva) if r.valid_from == first]
    assert sorted((r.weekday, r.starts, r.week_parity) for r in inside) == [
        (0, time(9), a_weeks),
        (1, time(14), 1 - a_weeks),
    ]
    theirs = clinic.services.working_time.weekly_plan(becker)
    assert [r.week_parity for r in theirs if r.valid_from == first and r.starts == time(9)] == [1]
    # Every week (interval 1) is what templates did before: no A/B weeks.
    weekly = save(clinic, "Mornings", weekdays=(0, 1))
    copies.copy_into_plan(clinic.admin, weekly.id, silva, date(2026, 6, 1))
    plan = clinic.services.working_time.weekly_plan(silva)
    assert {(r.weekday, r.week_parity) for r in plan if r.valid_from == date(2026, 6, 1)} == {
        (0, None),
        (1, None),
    }


def test_a_daily_template_every_third_day_becomes_dated_days(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    template = save(
        clinic,
        "Every third day",
        kind=TemplateKind.DAILY,
        interval=3,
        weekdays=(0, 1, 2, 3, 4, 5, 6),
    )
    copies = clinic.services.schedule_templates
    with pytest.raises(ValidationError, match="give the period an end"):
        copies.copy_into_plan(clinic.admin, template.id, silva, date(2026, 3, 9))
    copies.copy_into_plan(clinic.admin, template.id, silva, date(2026, 3, 9), date(2026, 3, 15))
    assert days_of(clinic, silva) == {
        date(2026, 3, 9): [(time(9), time(13))],
        date(2026, 3, 10): [],
        date(2026, 3, 11): [],
        date(2026, 3, 12): [(time(9), time(13))],
        date(2026, 3, 13): [],
        date(2026, 3, 14): [],
        date(2026, 3, 15): [(time(9), time(13))],
    }
    assert clinic.services.working_time.weekly_plan(silva) == []  # the plan is kept


def test_a_monthly_template_skips_months_without_the_day(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    template = save(
        clinic,
        "Month ends",
        kind=TemplateKind.MONTHLY,
        weekdays=(),
        month_days=(31, 15, 1),
        break_starts=time(10),
        break_ends=time(11),
    )
    assert template.details.month_days == (1, 15, 31) and template.details.weekdays == ()
    clinic.services.schedule_templates.copy_into_plan(
        clinic.admin, template.id, silva, date(2026, 3, 10), date(2026, 4, 30)
    )
    hours = [(time(9), time(10)), (time(11), time(13))]
    assert days_of(clinic, silva) == {
        date(2026, 3, 15): hours,
        date(2026, 3, 31): hours,
        date(2026, 4, 1): hours,
        date(2026, 4, 15): hours,
    }


def test_yearly_and_custom_templates_write_their_dates_in_the_period(clinic: Clinic) -> None:
    silva, becker = clinic.professionals("Dr Silva", "Dr Becker")
    copies = clinic.services.schedule_templates
    yearly = save(
        clinic,
        "Christmas eve",
        kind=TemplateKind.YEARLY,
        weekdays=(),
        year_days=((12, 24), (2, 29)),
    )
    copies.copy_into_plan(clinic.admin, yearly.id, silva, date(2026, 3, 10), date(2027, 12, 31))
    assert set(days_of(clinic, silva)) == {date(2026, 12, 24), date(2027, 12, 24)}
    custom = save(
        clinic,
        "Saturdays in March",
        kind=TemplateKind.CUSTOM,
        weekdays=(),
        dates=(date(2026, 3, 21), date(2026, 3, 7), date(2026, 3, 14)),
    )
    assert custom.details.dates == (date(2026, 3, 7), date(2026, 3, 14), date(2026, 3, 21))
    copies.copy_into_plan(clinic.admin, custom.id, becker, date(2026, 3, 10))  # no end: fine
    assert days_of(clinic, becker) == {
        date(2026, 3, 14): [(time(9), time(13))],
        date(2026, 3, 21): [(time(9), time(13))],
    }
    with pytest.raises(ValidationError, match="works on no day from 01 Apr 2026"):
        copies.copy_into_plan(clinic.admin, custom.id, becker, date(2026, 4, 1))


def test_notice_and_horizon_become_the_professionals_rules_for_the_period(clinic: Clinic) -> None:
    silva, becker = clinic.professionals("Dr Silva", "Dr Becker")
    template = save(
        clinic, "Booked ahead", min_notice_minutes=24 * 60, max_horizon_days=30, price=Decimal("45")
    )
    assert template.details.price == Decimal("45.00")
    copied = clinic.services.schedule_templates.duplicate(clinic.admin, template.id)
    assert replace(copied.details, name="Booked ahead") == template.details
    first, last = date(2026, 3, 9), date(2026, 3, 31)
    copies = clinic.services.schedule_templates
    copies.copy_into_plan(clinic.admin, template.id, silva, first, last)
    found = {r.details.kind: r for r in clinic.services.rules.rules()}
    assert set(found) == {RuleKind.MIN_NOTICE, RuleKind.MAX_HORIZON}
    for rule in found.values():
        d = rule.details
        assert (d.scope, d.professional_id, d.valid_from, d.valid_until) == (
            RuleScope.PROFESSIONAL,
            silva,
            first,
            last,
        )
        assert rule.applies_to == "Dr Silva"
        assert d.note == "From the template 'Booked ahead'"
    assert found[RuleKind.MIN_NOTICE].says == "Bookings need 1 day's notice."
    # A booking with less notice in the period is refused; Dr Becker has no such rule.
    soon = BookingRequest(start=clinic.at(9, 11), end=clinic.at(9, 12), professional_id=silva)
    clinic.clock.now = clinic.at(9, 8)
    with pytest.raises(SchedulerError, match="1 day's notice"):
        clinic.booking.book(clinic.admin, soon)
    clinic.booking.book(
        clinic.admin,
        BookingRequest(start=clinic.at(9, 11), end=clinic.at(9, 12), professional_id=becker),
    )
    # Blank: no rule.
    plain = save(clinic, "Plain")
    assert len(clinic.services.rules.rules()) == 2
    copies.copy_into_plan(clinic.admin, plain.id, becker, first, last)
    assert len(clinic.services.rules.rules()) == 2


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"interval": 0}, "interval", "The interval is from 1 to 366."),
        ({"interval": 3}, "interval", "every week or every other week"),
        ({"dates": (date(2026, 5, 1),)}, "dates", "dates are for monthly, yearly and custom"),
        (
            {"kind": TemplateKind.MONTHLY, "weekdays": (), "month_days": (32,)},
            "dates",
            "A day of the month is from 1 to 31.",
        ),
        (
            {"kind": TemplateKind.MONTHLY, "month_days": (1,)},
            "weekdays",
            "work on dates, not on weekdays",
        ),
        (
            {"kind": TemplateKind.YEARLY, "weekdays": (), "year_days": ((2, 30),)},
            "dates",
            "There is no day 30/2.",
        ),
        (
            {"kind": TemplateKind.CUSTOM, "weekdays": (), "dates": (date(1999, 12, 31),)},
            "dates",
            "The dates are from 2000 to 2099.",
        ),
        ({"kind": TemplateKind.CUSTOM, "weekdays": ()}, "dates", "Give the dates"),
        (
            {"min_notice_minutes": 3 * 24 * 60, "max_horizon_days": 2},
            "max_horizon_days",
            "at least the minimum notice",
        ),
        ({"min_notice_minutes": 0}, "min_notice_minutes", "from 1 minute to 60 days"),
        ({"price": Decimal("-1")}, "price", "A price is from 0"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(
    clinic: Clinic, fields: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message) as refused:
        save(clinic, "Wrong", **fields)
    assert refused.value.field == field
    assert clinic.services.schedule_templates.templates() == []


def test_a_copy_that_strands_booked_appointments_is_refused_and_writes_nothing(
    clinic: Clinic,
) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    clinic.booking.book(
        clinic.admin,
        BookingRequest(start=clinic.at(15, 15), end=clinic.at(15, 16), professional_id=silva),
    )
    template = save(
        clinic,
        "Mid-month mornings",
        kind=TemplateKind.MONTHLY,
        weekdays=(),
        month_days=(15,),
        min_notice_minutes=60,
    )
    copies = clinic.services.schedule_templates
    with pytest.raises(StrandingError, match="1 appointment"):
        copies.copy_into_plan(clinic.admin, template.id, silva, date(2026, 3, 1), date(2026, 3, 31))
    assert days_of(clinic, silva) == {} and clinic.services.rules.rules() == []
    forced = copies.copy_into_plan(
        clinic.admin,
        template.id,
        silva,
        date(2026, 3, 1),
        date(2026, 3, 31),
        force_reason="Mornings only on the 15th",
    )
    assert forced.set_aside == 1
    assert days_of(clinic, silva) == {date(2026, 3, 15): [(time(9), time(13))]}
    assert len(clinic.services.rules.rules()) == 1


def test_a_long_period_is_written_at_once_and_too_long_a_one_refused(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    every_other = save(
        clinic, "Every other day", kind=TemplateKind.DAILY, interval=2, weekdays=tuple(range(7))
    )
    copies = clinic.services.schedule_templates
    with pytest.raises(ValidationError, match="at most two years"):
        copies.copy_into_plan(
            clinic.admin, every_other.id, silva, date(2026, 3, 9), date(2029, 3, 8)
        )
    assert days_of(clinic, silva) == {}
    copies.copy_into_plan(clinic.admin, every_other.id, silva, date(2026, 3, 9), date(2027, 3, 8))
    found = days_of(clinic, silva)
    assert len(found) == 365
    assert sum(1 for hours in found.values() if hours) == 183
