"""Opening hours, one line per weekday: "09:00-13:00, 14:00-19:00", empty when closed.

Each day's refusal is shown next to that day (fields ``opening_hours.0`` for
Monday ... ``opening_hours.6`` for Sunday, as the services name them).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time, timedelta

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QFormLayout, QLineEdit, QPushButton, QWidget

from scheduler_app.services.dto import OpeningRange
from scheduler_app.ui.durations_text import day_text, read_day
from scheduler_app.ui.field_errors import FieldErrors
from scheduler_app.ui.i18n import translate

A_MONDAY = date(2024, 1, 1)


def weekday_name(weekday: int) -> str:
    """ "Monday" in the desk's language (Monday = 0)."""
    day = A_MONDAY + timedelta(days=weekday)
    return QLocale().dayName(day.isoweekday(), QLocale.FormatType.LongFormat).capitalize()


class OpeningHoursEditor(QWidget):
    """The clinic's opening hours, or (``field`` "hours") a room's or equipment's own
    hours, ``empty`` said in an empty day and ``named`` naming each day's field."""

    def __init__(
        self,
        errors: FieldErrors,
        parent: QWidget | None = None,
        *,
        field: str = "opening_hours",
        empty: str = "",
        named: str = "",
    ) -> None:
        super().__init__(parent)
        self.days: list[QLineEdit] = []
        self._field = field
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for weekday in range(7):
            line = QLineEdit()
            line.setPlaceholderText(empty or translate("OpeningHours", "Closed"))
            name = weekday_name(weekday)
            label = named or translate("OpeningHours", "Opening hours on {day}")
            line.setAccessibleName(label.format(day=name))
            self.days.append(line)
            form.addRow(name, errors.field(f"{field}.{weekday}", line))
        self.copy = QPushButton(translate("OpeningHours", "Monday's hours on every weekday"))
        self.copy.setAccessibleName(
            translate("OpeningHours", "Use Monday's hours from Tuesday to Friday")
        )
        self.copy.setAutoDefault(False)
        self.copy.clicked.connect(self.copy_monday)
        form.addRow("", self.copy)

    def show_hours(self, ranges: Iterable[OpeningRange]) -> None:
        by_day: dict[int, list[tuple[time, time]]] = {d: [] for d in range(7)}
        for item in ranges:
            by_day[item.weekday].append((item.opens, item.closes))
        for weekday, line in enumerate(self.days):
            line.setText(day_text(by_day[weekday]))

    def hours(self) -> tuple[OpeningRange, ...]:
        """The ranges typed (raises `ValidationError` naming the day that is wrong)."""
        found = []
        for weekday, line in enumerate(self.days):
            for opens, closes in read_day(line.text(), f"{self._field}.{weekday}"):
                found.append(OpeningRange(weekday, opens, closes))
        return tuple(found)

    def copy_monday(self) -> None:
        monday = self.days[0].text()
        for line in self.days[1:5]:
            line.setText(monday)
