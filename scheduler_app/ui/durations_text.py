"""Reminder lead times and opening hours in the desk's language (`domain.durations`,
`domain.opening_hours` read and write them; the words and the refusals are here)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time

from scheduler_app.domain.durations import (
    DAY,
    HOUR,
    MINUTE,
    WEEK,
    DurationError,
    Words,
    format_lead_times,
    parse_lead_times,
)
from scheduler_app.domain.opening_hours import HoursError, Range, format_day, parse_day
from scheduler_app.errors import ValidationError
from scheduler_app.ui.i18n import translate


def unit_words() -> Words:
    return {
        WEEK: (translate("Durations", "week"), translate("Durations", "weeks")),
        DAY: (translate("Durations", "day"), translate("Durations", "days")),
        HOUR: (translate("Durations", "hour"), translate("Durations", "hours")),
        MINUTE: (translate("Durations", "minute"), translate("Durations", "minutes")),
    }


def lead_times_text(minutes: Iterable[int]) -> str:
    """ "1 day, 2 hours" in the desk's language."""
    return format_lead_times(minutes, unit_words())


def read_lead_times(text: str, field: str = "reminder_minutes") -> tuple[int, ...]:
    """The lead times typed, in minutes; a `ValidationError` naming ``field`` with
    the reason in the desk's language."""
    try:
        return parse_lead_times(text)
    except DurationError as exc:
        raise ValidationError(duration_problem(exc), field) from exc


def duration_problem(error: DurationError) -> str:
    part = error.part
    if error.kind == "no unit":
        return translate(
            "Durations", "“{part}”: say minutes, hours or days (e.g. {part} hours)."
        ).format(part=part)
    if error.kind == "zero":
        return translate(
            "Durations", "“{part}” is no time at all: give a length such as 2 hours."
        ).format(part=part)
    if error.kind == "too long":
        return translate(
            "Durations", "“{part}” is too long: reminders go out at most 30 days before."
        ).format(part=part)
    return translate(
        "Durations", "“{part}” is not a length of time: write e.g. 1 day, 2 hours."
    ).format(part=part)


def read_day(text: str, field: str) -> list[Range]:
    """One weekday's ranges as typed; a `ValidationError` naming ``field``."""
    try:
        return parse_day(text)
    except HoursError as exc:
        raise ValidationError(hours_problem(exc), field) from exc


def day_text(ranges: Iterable[tuple[time, time]]) -> str:
    return format_day(ranges)


def hours_problem(error: HoursError) -> str:
    part = error.part
    if error.kind == "no such time":
        return translate("Durations", "“{part}”: a time runs from 00:00 to 23:59.").format(
            part=part
        )
    if error.kind == "backwards":
        return translate("Durations", "“{part}” closes before it opens.").format(part=part)
    if error.kind == "overlap":
        return translate("Durations", "“{part}” overlaps another range of the same day.").format(
            part=part
        )
    return translate(
        "Durations", "“{part}” is not a range of hours: write e.g. 09:00-13:00, 14:00-19:00."
    ).format(part=part)
