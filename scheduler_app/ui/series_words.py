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


def on_place(ordinal: int, weekday: int) -> str:
    """ "on the second Tuesday", "on the last Friday" (Saturday and Sunday apart: some
    languages say their ordinals in another gender)."""
    if weekday >= 5:
        weekend = {
            1: translate("SeriesWords", "on the first {day}", "Saturday or Sunday"),
            2: translate("SeriesWords", "on the second {day}", "Saturday or Sunday"),
            3: translate("SeriesWords", "on the third {day}", "Saturday or Sunday"),
            4: translate("SeriesWords", "on the fourth {day}", "Saturday or Sunday"),
            5: translate("SeriesWords", "on the fifth {day}", "Saturday or Sunday"),
            -1: translate("SeriesWords", "on the last {day}", "Saturday or Sunday"),
            -2: translate("SeriesWords", "on the second to last {day}", "Saturday or Sunday"),
            -3: translate("SeriesWords", "on the third to last {day}", "Saturday or Sunday"),
            -4: translate("SeriesWords", "on the fourth to last {day}", "Saturday or Sunday"),
            -5: translate("SeriesWords", "on the fifth to last {day}", "Saturday or Sunday"),
        }
        return weekend[ordinal].format(day=_weekday(weekday))
    weekdays = {
        1: translate("SeriesWords", "on the first {day}"),
        2: translate("SeriesWords", "on the second {day}"),
        3: translate("SeriesWords", "on the third {day}"),
        4: translate("SeriesWords", "on the fourth {day}"),
        5: translate("SeriesWords", "on the fifth {day}"),
        -1: translate("SeriesWords", "on the last {day}"),
        -2: translate("SeriesWords", "on the second to last {day}"),
        -3: translate("SeriesWords", "on the third to last {day}"),
        -4: translate("SeriesWords", "on the fourth to last {day}"),
        -5: translate("SeriesWords", "on the fifth to last {day}"),
    }
    return weekdays[ordinal].format(day=_weekday(weekday))


def _which(ordinal: int) -> str:
    """BYSETPOS in words: "the first", "the last"."""
    return {
        1: translate("SeriesWords", "the first"),
        2: translate("SeriesWords", "the second"),
        3: translate("SeriesWords", "the third"),
        4: translate("SeriesWords", "the fourth"),
        5: translate("SeriesWords", "the fifth"),
        -1: translate("SeriesWords", "the last"),
        -2: translate("SeriesWords", "the second to last"),
        -3: translate("SeriesWords", "the third to last"),
        -4: translate("SeriesWords", "the fourth to last"),
        -5: translate("SeriesWords", "the fifth to last"),
    }[ordinal]


def _monthly(rule: SeriesRule, start: datetime) -> str:
    """The monthly part: "every month on day 17", "every 2 months on the last Friday",
    "every month (of the days on Monday ... and Friday: the last)"."""
    n = rule.interval
    if rule.positions and not rule.month_days:
        places = _listed([on_place(o, d) for o, d in rule.positions])
        return (
            translate("SeriesWords", "every month {places}").format(places=places)
            if n == 1
            else translate("SeriesWords", "every {n} months {places}").format(n=n, places=places)
        )
    if rule.set_positions:
        every = (
            translate("SeriesWords", "every month")
            if n == 1
            else translate("SeriesWords", "every {n} months").format(n=n)
        )
        days = _listed([_weekday(d) for d in rule.weekdays]) or translate(
            "SeriesWords", "day {days}"
        ).format(days=_listed([str(d) for d in rule.month_days]))
        which = _listed([_which(o) for o in rule.set_positions])
        return translate("SeriesWords", "{every} (of the days on {days}: {which})").format(
            every=every, days=days, which=which
        )
    month_days = _listed([str(d) for d in sorted(rule.month_days)]) or str(start.day)
    every = (
        translate("SeriesWords", "every month on day {days}").format(days=month_days)
        if n == 1
        else translate("SeriesWords", "every {n} months on day {days}").format(n=n, days=month_days)
    )
    if rule.positions:
        every += " " + _listed([on_place(o, d) for o, d in rule.positions])
    return every


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
        every = _monthly(rule, start)
        days = "" if rule.set_positions else days
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
