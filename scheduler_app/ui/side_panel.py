"""Beside the calendar: a month to pick a day from, and what the colours mean."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCalendarWidget,
    QGridLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.ui.appointment_model import STATUS_COLORS
from scheduler_app.ui.calendar.blocks import ColorBy, Palette
from scheduler_app.ui.i18n import status_label, translate

S = AppointmentStatus
#: The statuses drawn in the calendars (cancelled ones are only listed).
LEGEND_STATUSES = (S.PENDING, S.CONFIRMED, S.CHECKED_IN, S.COMPLETED, S.NO_SHOW)


class Legend(QGroupBox):
    """Swatches for the colouring in use (status, professional or service)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("SidePanel", "Colour legend"))
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(6, 6, 6, 6)
        self._grid.setHorizontalSpacing(6)
        self._grid.setVerticalSpacing(2)
        self.entries: list[tuple[str, str]] = []

    def show_palette(
        self, palette: Palette, names: dict[int, str], services: dict[int, str]
    ) -> None:
        """What ``palette`` paints; ``names`` and ``services`` name its ids."""
        if palette.by is ColorBy.PROFESSIONAL:
            self.setTitle(translate("SidePanel", "Colours: professional"))
            entries = [(palette.professional_color(k), n) for k, n in names.items()]
        elif palette.by is ColorBy.SERVICE:
            self.setTitle(translate("SidePanel", "Colours: service"))
            entries = [(palette.service_color(k), n) for k, n in services.items()]
        else:
            self.setTitle(translate("SidePanel", "Colours: status"))
            entries = [(STATUS_COLORS[s], status_label(s)) for s in LEGEND_STATUSES]
        if palette.by is not ColorBy.STATUS:
            entries.append((STATUS_COLORS[S.PENDING], translate("SidePanel", "Others: by status")))
        self._fill([(c, n) for c, n in entries if c])

    def _fill(self, entries: list[tuple[str, str]]) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for row, (color, name) in enumerate(entries):
            swatch = QLabel()
            swatch.setFixedSize(18, 14)
            border = QColor(color).darker(140).name()
            swatch.setStyleSheet(f"background: {color}; border: 1px solid {border};")
            swatch.setAccessibleName(name)
            text = QLabel(name)
            self._grid.addWidget(swatch, row, 0)
            self._grid.addWidget(text, row, 1)
        self.entries = entries


class SidePanel(QWidget):
    day_chosen = Signal(object)  # date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName(translate("SidePanel", "Month to choose a day from"))
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setLocale(QLocale())
        self.calendar.setHorizontalHeaderFormat(
            QCalendarWidget.HorizontalHeaderFormat.ShortDayNames
            if max(len(QLocale().dayName(d, QLocale.FormatType.ShortFormat)) for d in range(1, 8))
            <= 3
            else QCalendarWidget.HorizontalHeaderFormat.SingleLetterDayNames
        )
        self.calendar.setFirstDayOfWeek(QLocale().firstDayOfWeek())
        for name, said in (
            ("qt_calendar_calendarview", translate("SidePanel", "Days of the month")),
            ("qt_calendar_prevmonth", translate("SidePanel", "Previous month")),
            ("qt_calendar_nextmonth", translate("SidePanel", "Next month")),
            ("qt_calendar_monthbutton", translate("SidePanel", "Month")),
            ("qt_calendar_yearbutton", translate("SidePanel", "Year")),
            ("qt_calendar_yearedit", translate("SidePanel", "Year")),
        ):
            part = self.calendar.findChild(QWidget, name)
            if part is not None:
                part.setAccessibleName(said)
        self.calendar.clicked.connect(self._clicked)
        self.calendar.activated.connect(self._clicked)
        self.legend = Legend()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.calendar)
        layout.addWidget(self.legend)
        layout.addStretch(1)
        self.setMaximumWidth(max(240, self.calendar.sizeHint().width() + 8))

    def show_day(self, day: date) -> None:
        self.calendar.blockSignals(True)
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.calendar.blockSignals(False)

    def _clicked(self, chosen: QDate) -> None:
        self.day_chosen.emit(date(chosen.year(), chosen.month(), chosen.day()))
