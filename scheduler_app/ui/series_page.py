"""The details dialog's "Series" tab: the rule in words and every date of the series."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from scheduler_app.domain.recurrence import RecurrenceError, parse_rule
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.ui.i18n import day_year_text, status_label, time_text, translate
from scheduler_app.ui.series_words import rule_words


def series_page(services: Services, series_id: int, current: int, tz: ZoneInfo) -> QWidget:
    """The series ``series_id`` (``current``: the appointment the dialog shows)."""
    page = QWidget()
    layout = QVBoxLayout(page)
    words = QLabel()
    words.setWordWrap(True)
    words.setAccessibleName(translate("SeriesPage", "Repeats"))
    dates = QListWidget()
    dates.setAccessibleName(translate("SeriesPage", "Dates of the series"))
    layout.addWidget(words)
    layout.addWidget(dates)
    try:
        info = services.series.info(series_id)
        rule = parse_rule(info.rule)
    except (SchedulerError, RecurrenceError) as exc:
        words.setText(str(exc))
        return page
    words.setText(
        translate("SeriesPage", "Repeats {rule}.").format(
            rule=rule_words(rule, info.first_start.astimezone(tz))
        )
    )
    for appointment_id, start, status in info.appointments:
        local = start.astimezone(tz)
        text = translate("SeriesPage", "{day} {time}: {status}").format(
            day=day_year_text(local.date()),
            time=time_text(local),
            status=status_label(AppointmentStatus(status)),
        )
        dates.addItem(("▶ " if appointment_id == current else "") + text)
        if appointment_id == current:
            dates.setCurrentRow(dates.count() - 1)
    return page
