"""The details dialog's "Series" tab: the rule in words and every date of the series.

The series is read with the dialog's lists, on the worker (`dialog_lists`): the
tab says "Loading…" until it is in.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from scheduler_app.domain.recurrence import RecurrenceError, parse_rule
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.series_dto import SeriesInfo
from scheduler_app.ui.dialog_lists import loading
from scheduler_app.ui.i18n import day_year_text, status_label, time_text, translate
from scheduler_app.ui.series_words import rule_words


class SeriesPage(QWidget):
    """A series' rule and dates (``current``: the appointment the dialog shows)."""

    def __init__(self, current: int, tz: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current, self._tz = current, tz
        layout = QVBoxLayout(self)
        self.words = QLabel(loading())
        self.words.setWordWrap(True)
        self.words.setAccessibleName(translate("SeriesPage", "Repeats"))
        self.dates = QListWidget()
        self.dates.setAccessibleName(translate("SeriesPage", "Dates of the series"))
        layout.addWidget(self.words)
        layout.addWidget(self.dates)

    def show_series(self, info: SeriesInfo | None, problem: str = "") -> None:
        """Show ``info``, or why it could not be read (``problem``)."""
        self.dates.clear()
        if info is None:
            self.words.setText(problem)
            return
        try:
            rule = parse_rule(info.rule)
        except RecurrenceError as exc:
            self.words.setText(str(exc))
            return
        self.words.setText(
            translate("SeriesPage", "Repeats {rule}.").format(
                rule=rule_words(rule, info.first_start.astimezone(self._tz))
            )
        )
        for appointment_id, start, status in info.appointments:
            local = start.astimezone(self._tz)
            text = translate("SeriesPage", "{day} {time}: {status}").format(
                day=day_year_text(local.date()),
                time=time_text(local),
                status=status_label(AppointmentStatus(status)),
            )
            self.dates.addItem(("▶ " if appointment_id == self._current else "") + text)
            if appointment_id == self._current:
                self.dates.setCurrentRow(self.dates.count() - 1)
