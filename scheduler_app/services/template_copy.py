"""What copying a schedule template into a professional's plan writes: weekly
ranges, dated days and booking rules for the period (pure: no database)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from scheduler_app.domain.rules import RuleKind, RuleScope
from scheduler_app.domain.template_days import DATED, DatesError, working_days
from scheduler_app.domain.working_time import TemplateKind, WeeklyRange, week_parity
from scheduler_app.errors import ValidationError
from scheduler_app.services.rules import RuleDetails

if TYPE_CHECKING:
    from scheduler_app.services.schedule_templates import TemplateView

__all__ = ["MAX_DATED_PERIOD", "PlanCopy", "around", "inside", "outside", "plan_copy"]

#: The longest period a template is copied into as dated days.
MAX_DATED_PERIOD = timedelta(days=731)


@dataclass(frozen=True)
class PlanCopy:
    """The plan's weekly ranges within the period (None: the plan is kept), the
    dated days (date -> hours, []: not working) and the rules for the period."""

    ranges: list[WeeklyRange] | None
    days: dict[date, list[tuple[time, time]]]
    rules: list[RuleDetails]


def plan_copy(
    template: TemplateView,
    professional_id: int,
    first: date,
    last: date | None,
    parity: int | None,
) -> PlanCopy:
    """What copying ``template`` from ``first`` to ``last`` writes (`ValidationError`
    when the plan cannot express it)."""
    d = template.details
    hours = template.hours()
    every_day = d.kind is TemplateKind.DAILY and d.interval == 1
    if d.kind is TemplateKind.WEEKLY or every_day:
        if d.interval > 2:
            raise ValidationError(
                "The plan repeats every week or every other week: "
                f"a template every {d.interval} weeks cannot be copied into it."
            )
        if d.interval == 2 and parity is None:
            parity = week_parity(first)
        on = parity if d.interval == 2 else None
        ranges = [WeeklyRange(day, s, e, on, first, last) for day, s, e in template.ranges()]
        return PlanCopy(ranges, {}, _rules(template, professional_id, first, last))
    if last is None and d.kind is not TemplateKind.CUSTOM:
        raise ValidationError(
            "A template that works on dates or every few days is copied for a period: "
            "give the period an end.",
            "last",
        )
    if last is not None and last - first > MAX_DATED_PERIOD:
        raise ValidationError(
            "Copy this template for at most two years at a time.",
            "last",
        )
    try:
        works = working_days(d.days, first, last)
    except DatesError as exc:
        raise ValidationError(str(exc), exc.field) from None
    if not works:
        raise ValidationError(
            f"The template {template.name!r} works on no day from {first:%d %b %Y}"
            + (f" to {last:%d %b %Y}." if last is not None else " on."),
            "last",
        )
    days = {day: list(hours) for day in works}
    if d.kind not in DATED and last is not None:  # every N days: not working in between
        for n in range((last - first).days + 1):
            days.setdefault(first + timedelta(days=n), [])
    return PlanCopy(None, days, _rules(template, professional_id, first, last))


def _rules(
    template: TemplateView, professional_id: int, first: date, last: date | None
) -> list[RuleDetails]:
    d = template.details

    def rule(kind: RuleKind, notice: int = 0, horizon: int = 0) -> RuleDetails:
        return RuleDetails(
            kind,
            RuleScope.PROFESSIONAL,
            professional_id,
            valid_from=first,
            valid_until=last,
            notice_minutes=notice,
            horizon_days=horizon,
            note=f"From the template {template.name!r}",
        )

    out = []
    if d.min_notice_minutes is not None:
        out.append(rule(RuleKind.MIN_NOTICE, notice=d.min_notice_minutes))
    if d.max_horizon_days is not None:
        out.append(rule(RuleKind.MAX_HORIZON, horizon=d.max_horizon_days))
    return out


def around(
    plan: list[WeeklyRange], new: list[WeeklyRange], first: date, last: date | None
) -> list[WeeklyRange]:
    """The plan with ``new`` in the period ``first`` .. ``last``: what the plan says
    outside it is kept and, when ``new`` fills only the A or the B weeks, what it says
    for the other weeks of the period too."""
    kept = outside(plan, first, last)
    parities = {r.week_parity for r in new}
    if len(parities) == 1 and None not in parities:
        other = 1 - next(iter(parities))  # type: ignore[operator]
        kept += [
            replace(r, week_parity=other)
            for r in inside(plan, first, last)
            if r.week_parity in (None, other)
        ]
    return kept + new


def inside(ranges: list[WeeklyRange], first: date, last: date | None) -> list[WeeklyRange]:
    """The parts of ``ranges`` valid from ``first`` to ``last`` (None: on)."""
    out = []
    for r in ranges:
        since = first if r.valid_from is None else max(r.valid_from, first)
        until = r.valid_until if last is None else min(r.valid_until or last, last)
        if until is None or since <= until:
            out.append(replace(r, valid_from=since, valid_until=until))
    return out


def outside(ranges: list[WeeklyRange], first: date, last: date | None) -> list[WeeklyRange]:
    """The parts of ``ranges`` valid before ``first`` or after ``last``."""
    out = []
    for r in ranges:
        if r.valid_from is None or r.valid_from < first:
            until = first - timedelta(days=1)
            if r.valid_until is not None and r.valid_until < until:
                until = r.valid_until
            out.append(replace(r, valid_until=until))
        if last is not None and (r.valid_until is None or r.valid_until > last):
            since = last + timedelta(days=1)
            if r.valid_from is not None and r.valid_from > since:
                since = r.valid_from
            out.append(replace(r, valid_from=since))
    return out
