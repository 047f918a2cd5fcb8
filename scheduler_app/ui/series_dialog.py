"""Repeat an appointment: how often, on which days, and until when.

Every field has an Alt+letter; the rule is read back in words as it changes, and
a rule that cannot be used (no end, too far, too many) says why before anything
is asked of the schedule.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.recurrence import (
    MAX_INTERVAL,
    MAX_OCCURRENCES,
    RecurrenceError,
    SeriesRule,
    expand,
    rule_text,
)
from scheduler_app.ui.dialog_buttons import dialog_buttons
from scheduler_app.ui.i18n import translate
from scheduler_app.ui.series_words import on_place, rule_words

GOOD, BAD = "color: #1b5e20;", "color: #b71c1c;"
_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY")


class SeriesDialog(QDialog):
    """Builds a rule for appointments like the one starting at ``start`` (aware)."""

    def __init__(
        self, start: datetime, minutes: int, tz: ZoneInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("SeriesDialog", "Repeat appointment"))
        self._start = start.astimezone(tz)
        self._minutes = minutes
        self._tz = tz
        self.frequency = QComboBox()
        for label in (
            translate("SeriesDialog", "Daily"),
            translate("SeriesDialog", "Weekly"),
            translate("SeriesDialog", "Monthly"),
        ):
            self.frequency.addItem(label)
        self.frequency.setCurrentIndex(1)
        self.interval = QSpinBox()
        self.interval.setRange(1, MAX_INTERVAL)
        self.interval.setAccessibleName(translate("SeriesDialog", "Repeat every"))
        self.days: list[QCheckBox] = []
        days_row = QHBoxLayout()
        for day in range(7):
            box = QCheckBox(QLocale().dayName(day + 1, QLocale.FormatType.ShortFormat))
            box.setAccessibleName(QLocale().dayName(day + 1, QLocale.FormatType.LongFormat))
            box.setChecked(day == self._start.weekday())
            self.days.append(box)
            days_row.addWidget(box)
        self.month_by = QComboBox()
        self.month_by.setAccessibleName(translate("SeriesDialog", "In the month"))
        for label, positions in self._month_choices():
            self.month_by.addItem(label, positions)
        self.days_box = QWidget()
        self.days_box.setLayout(days_row)
        days_row.setContentsMargins(0, 0, 0, 0)
        self.by_count = QRadioButton(translate("SeriesDialog", "&Number of times"))
        self.count = QSpinBox()
        self.count.setRange(1, MAX_OCCURRENCES)
        self.count.setValue(6)
        self.count.setAccessibleName(translate("SeriesDialog", "Number of times"))
        self.by_until = QRadioButton(translate("SeriesDialog", "&Until"))
        self.until = QDateEdit()
        self.until.setCalendarPopup(True)
        last = self._start.date() + timedelta(weeks=6)
        self.until.setDate(QDate(last.year, last.month, last.day))
        self.until.setAccessibleName(translate("SeriesDialog", "Last date"))
        self.by_count.setChecked(True)
        self.words = QLabel()
        self.words.setWordWrap(True)
        self.words.setAccessibleName(translate("SeriesDialog", "The rule in words"))

        form = QFormLayout()
        frequency_label = QLabel(translate("SeriesDialog", "&Repeats"))
        frequency_label.setBuddy(self.frequency)
        form.addRow(frequency_label, self.frequency)
        interval_label = QLabel(translate("SeriesDialog", "&Every"))
        interval_label.setBuddy(self.interval)
        form.addRow(interval_label, self.interval)
        form.addRow(translate("SeriesDialog", "On"), self.days_box)
        month_label = QLabel(translate("SeriesDialog", "In the &month"))
        month_label.setBuddy(self.month_by)
        form.addRow(month_label, self.month_by)
        form.addRow(self.by_count, self.count)
        form.addRow(self.by_until, self.until)
        self.buttons = dialog_buttons(
            self,
            self.accept,
            accept=QDialogButtonBox.StandardButton.Ok,
            accept_text=translate("SeriesDialog", "&Check the dates..."),
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.words)
        layout.addWidget(self.buttons)
        for signal in (
            self.frequency.currentIndexChanged,
            self.interval.valueChanged,
            self.count.valueChanged,
            self.until.dateChanged,
            self.by_count.toggled,
            self.month_by.currentIndexChanged,
        ):
            signal.connect(self._update)
        for box in self.days:
            box.toggled.connect(self._update)
        self._update()

    def rule(self) -> SeriesRule:
        freq = _FREQUENCIES[self.frequency.currentIndex()]
        weekdays = tuple(d for d, box in enumerate(self.days) if box.isChecked())
        until_q = self.until.date()
        until = date(until_q.year(), until_q.month(), until_q.day())
        positions: tuple[tuple[int, int], ...] = self.month_by.currentData() or ()
        return SeriesRule(
            freq=freq,
            interval=self.interval.value(),
            weekdays=weekdays if freq == "WEEKLY" else (),
            count=self.count.value() if self.by_count.isChecked() else None,
            until=None if self.by_count.isChecked() else until,
            positions=positions if freq == "MONTHLY" else (),
        )

    def _month_choices(self) -> list[tuple[str, tuple[tuple[int, int], ...]]]:
        """ "on day 17", "on the third Tuesday" and, in a month's last week, "on the
        last Tuesday" (the first date's day, weekday and place in its month)."""
        day = self._start.date()
        weekday = day.weekday()
        following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        choices: list[tuple[str, tuple[tuple[int, int], ...]]] = [
            (translate("SeriesDialog", "on day {n}").format(n=day.day), ())
        ]
        for ordinal in ((day.day - 1) // 7 + 1, -(((following - day).days - 1) // 7 + 1)):
            if ordinal in (1, 2, 3, 4, 5, -1):
                choices.append((on_place(ordinal, weekday), ((ordinal, weekday),)))
        return choices

    def rule_text(self) -> str:
        return rule_text(self.rule())

    def _update(self) -> None:
        weekly = self.frequency.currentIndex() == 1
        self.days_box.setEnabled(weekly)
        self.month_by.setEnabled(self.frequency.currentIndex() == 2)
        self.count.setEnabled(self.by_count.isChecked())
        self.until.setEnabled(self.by_until.isChecked())
        rule = self.rule()
        try:
            dates = expand(rule, self._start, timedelta(minutes=self._minutes), self._tz)
        except RecurrenceError as exc:
            self.words.setText(str(exc))
            self.words.setStyleSheet(BAD)
            self.ok_button.setEnabled(False)
            return
        words = rule_words(rule, self._start)
        text = (
            translate("SeriesDialog", "{rule}: 1 appointment").format(rule=words)
            if len(dates) == 1
            else translate("SeriesDialog", "{rule}: {n} appointments").format(
                rule=words, n=len(dates)
            )
        )
        self.words.setText(text)
        self.words.setStyleSheet(GOOD)
        self.ok_button.setEnabled(True)
