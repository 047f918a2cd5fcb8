"""The desk's language: translations (Qt's tr machinery) and locale formats.

Every text the desk shows goes through `translate` (with a context named after
the part of the window it belongs to), so `pyside6-lupdate` finds it and the
`.qm` files under ``resources/translations`` translate it. Dates, times and
numbers are written by `QLocale`, which `install` sets to the chosen language.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTime,
    QTranslator,
)

from scheduler_app import config
from scheduler_app.domain.status import AppointmentStatus

#: Languages a desk can choose ("" follows the system); the names are written in
#: their own language, as language menus do.
LANGUAGES = {"": "", "en": "English", "pt": "Português"}
#: The country whose conventions a chosen language brings when the system speaks
#: another one (the Portuguese translation is European Portuguese).
LANGUAGE_LOCALES = {"en": "en_GB", "pt": "pt_PT"}
SETTING = "ui/language"
_installed: list[QTranslator] = []


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the desk's language (`QCoreApplication.translate`)."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def translations_dir() -> Path:
    return config.resources_dir() / "translations"


def chosen_language(settings: QSettings | None) -> str:
    """The language kept in the settings ("" when the system's is followed)."""
    if settings is None:
        return ""
    value = str(settings.value(SETTING, "") or "")
    return value if value in LANGUAGES else ""


def locale_for(language: str) -> QLocale:
    """The locale the desk writes dates and numbers in for ``language``."""
    system = QLocale.system()
    if not language or system.language() == QLocale(language).language():
        return system  # the system's own country conventions for its own language
    return QLocale(LANGUAGE_LOCALES.get(language, language))


def install(language: str = "") -> QLocale:
    """Load the translation for ``language`` ("" follows the system) and make its
    locale the default. Safe to call again: the previous translators are removed."""
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            QCoreApplication.removeTranslator(translator)
    _installed.clear()
    locale = locale_for(language)
    QLocale.setDefault(locale)
    if app is None:
        return locale
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (
        ("scheduler", str(translations_dir())),
        ("qtbase", qt_dir),
        ("qtbase", str(translations_dir())),  # a packaged bundle keeps Qt's beside ours
    ):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder) and not translator.isEmpty():
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
    return locale


def language_of_translation() -> str:
    """The language the desk is shown in ("en" when nothing is translated)."""
    return QLocale().name().split("_")[0] if _installed else "en"


# -- formats ------------------------------------------------------------------


def time_text(moment: datetime) -> str:
    """A wall-clock time as the locale writes it (10:30, or 10:30 AM)."""
    return QLocale().toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)


def span_text(start: datetime, end: datetime) -> str:
    return f"{time_text(start)}-{time_text(end)}"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def day_text(day: date) -> str:
    """A short day: "Mon 2 Mar"."""
    return QLocale().toString(_qdate(day), "ddd d MMM")


def day_year_text(day: date) -> str:
    """A day with its year: "Mon 2 Mar 2026"."""
    return QLocale().toString(_qdate(day), "ddd d MMM yyyy")


def long_day_text(day: date) -> str:
    """A day written out as the locale does: "Monday, 2 March 2026"."""
    return QLocale().toString(_qdate(day), QLocale.FormatType.LongFormat)


def month_text(day: date) -> str:
    """ "March 2026"."""
    return QLocale().toString(_qdate(day), "MMMM yyyy")


def weekday_name(day: date) -> str:
    """ "Mon" (the locale's short name of the weekday)."""
    return QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)


def money_text(amount: Decimal | None, currency: str = "") -> str:
    if amount is None:
        return ""
    text = QLocale().toString(float(amount), "f", 2)
    return f"{text} {currency}".strip()


def parse_money(text: str) -> Decimal | None:
    """A money amount typed the locale's way ("1.234,50" or "1,234.50"); None if empty."""
    text = text.strip()
    if not text:
        return None
    value, ok = QLocale().toDouble(text)
    if not ok:
        value, ok = QLocale.c().toDouble(text)
    if not ok:
        raise ValueError(text)
    return Decimal(str(value)).quantize(Decimal("0.01"))


def first_weekday() -> int:
    """The first day of the locale's week as Python counts (0 = Monday)."""
    return QLocale().firstDayOfWeek().value - 1


# -- shared words -------------------------------------------------------------


def status_label(status: AppointmentStatus) -> str:
    """An appointment status in the desk's language."""
    labels = {
        AppointmentStatus.PENDING: translate("Status", "Pending"),
        AppointmentStatus.CONFIRMED: translate("Status", "Confirmed"),
        AppointmentStatus.CHECKED_IN: translate("Status", "Checked in"),
        AppointmentStatus.COMPLETED: translate("Status", "Completed"),
        AppointmentStatus.NO_SHOW: translate("Status", "No-show"),
        AppointmentStatus.CANCELLED: translate("Status", "Cancelled"),
    }
    return labels[status]


def unassigned() -> str:
    return translate("Calendar", "Unassigned")


def period_title(span: str, first: date, last: date, anchor: date) -> str:
    """ "Monday, 2 March 2026", "Week 10: 2-8 March 2026" or "March 2026"."""
    if span == "day":
        return long_day_text(anchor)
    if span == "week":
        week = anchor.isocalendar().week
        return translate("Calendar", "Week {number}: {first} - {last}").format(
            number=week, first=day_text(first), last=day_year_text(last)
        )
    return month_text(anchor)
