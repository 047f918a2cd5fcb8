"""A series' rule in the desk's words: "every Tuesday and Thursday at 09:00 until 15 Jan"."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale

from scheduler_app.domain.recurrence import SeriesRule
from scheduler_app.ui.i18n import time_text, translate


def _weekday(day: int) -> str:
    """The locale's full name of the weekday ``day`` (0 Monday)."""
    return QLocale().dayName(day + 1, QLocale.FormatType.LongFormat)


def _listed(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return translate("SeriesWords", "{first} and {last}").format(
        first=", ".join(names[:-1]), last=names[-1]
    )


def _short_date(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


def rule_words(rule: SeriesRule, start: datetime) -> str:
    """``rule`` from the local ``start`` (its wall-clock time), in words."""
    at = time_text(start)
    n = rule.interval
    days = _listed([_weekday(d) for d in sorted(rule.weekdays)])
    month_days = _listed([str(d) for d in sorted(rule.month_days)])
    if rule.freq == "DAILY":
        every = (
            translate("SeriesWords", "every day")
            if n == 1
            else translate("SeriesWords", "every {n} days").format(n=n)
        )
    elif rule.freq == "WEEKLY":
        days = days or _weekday(start.weekday())
        every = (
            translate("SeriesWords", "every {days}").format(days=days)
            if n == 1
            else translate("SeriesWords", "every {n} weeks on {days}").format(n=n, days=days)
        )
        days = ""
    else:
        month_days = month_days or str(start.day)
        every = (
            translate("SeriesWords", "every month on day {days}").format(days=month_days)
            if n == 1
            else translate("SeriesWords", "every {n} months on day {days}").format(
                n=n, days=month_days
            )
        )
        month_days = ""
    if days:
        every += " " + translate("SeriesWords", "(on {days})").format(days=days)
    if month_days:
        every += " " + translate("SeriesWords", "(on day {days})").format(days=month_days)
    text = translate("SeriesWords", "{every} at {time}").format(every=every, time=at)
    if rule.until is not None:
        text = translate("SeriesWords", "{text} until {day}").format(
            text=text, day=_short_date(rule.until)
        )
    elif rule.count is not None:
        text = (
            translate("SeriesWords", "{text}, once").format(text=text)
            if rule.count == 1
            else translate("SeriesWords", "{text}, {n} times").format(text=text, n=rule.count)
        )
    if rule.exdates:
        text += translate("SeriesWords", " (except {days})").format(
            days=", ".join(_short_date(d) for d in rule.exdates)
        )
    return text
