"""The tabs of Clinic > Working time (see `working_time_dialog`): a professional's
weekly plan, their dated days and public holidays (time off and closures:
`time_off_tab`), and what the tabs share."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.working_time import WeeklyRange, week_parity
from scheduler_app.errors import ValidationError
from scheduler_app.services.working_time import (
    Holidays,
    holiday_places,
)
from scheduler_app.ui.durations_text import day_text, read_day
from scheduler_app.ui.i18n import day_year_text, translate
from scheduler_app.ui.opening_hours_editor import weekday_name

if TYPE_CHECKING:
    from scheduler_app.ui.working_time_dialog import WorkingTimeDialog

DataRole = Qt.ItemDataRole.UserRole


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def chosen_day(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def date_edit(day: date, name: str) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd d MMM yyyy")
    edit.setAccessibleName(name)
    return edit


def make_button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)
    button.setAccessibleName(text.rstrip("."))
    return button


class Tab(QWidget):
    def __init__(self, dialog: WorkingTimeDialog) -> None:
        super().__init__()
        self.dialog = dialog

    @property
    def actor(self) -> int:
        return self.dialog.services.actor_id

    @property
    def today(self) -> date:
        ctx = self.dialog.services.context
        return ctx.now().astimezone(ctx.timezone).date()


# -- the weekly plan ------------------------------------------------------------------


class PlanTab(Tab):
    """Ranges per weekday ("09:00-13:00, 14:00-18:00": a break between them), on
    every week or on alternating A/B weeks, from a date on."""

    def __init__(self, dialog: WorkingTimeDialog) -> None:
        super().__init__(dialog)
        self.ranges: list[WeeklyRange] = []
        self.whenever_open = QCheckBox(
            translate("WorkingTime", "Works whenever the clinic is open (no plan of their own)")
        )
        self.alternating = QCheckBox(translate("WorkingTime", "Alternating A and B weeks"))
        self.valid_from = date_edit(self.today, translate("WorkingTime", "New plan from"))
        self.valid_from.setMinimumDate(_qdate(self.today))
        self.week_note = QLabel()
        self.lines: dict[tuple[int, int], QLineEdit] = {}
        grid = QGridLayout()
        self.a_title = QLabel(translate("WorkingTime", "Every week"))
        self.b_title = QLabel(translate("WorkingTime", "B weeks"))
        grid.addWidget(self.a_title, 0, 1)
        grid.addWidget(self.b_title, 0, 2)
        for weekday in range(7):
            grid.addWidget(QLabel(weekday_name(weekday)), weekday + 1, 0)
            for week in (0, 1):
                line = QLineEdit()
                line.setPlaceholderText(translate("WorkingTime", "Not working"))
                line.setAccessibleName(
                    translate("WorkingTime", "Hours on {day}, {week}").format(
                        day=weekday_name(weekday), week=self._week_name(week)
                    )
                )
                self.lines[(week, weekday)] = line
                grid.addWidget(line, weekday + 1, week + 1)
        self.save = make_button(translate("WorkingTime", "Save plan"))
        self.save.clicked.connect(self.save_plan)
        hint = QLabel(
            translate(
                "WorkingTime",
                "Several ranges a day are separated by commas (the time between them is a "
                "break); leave a day empty when they do not work. Hours outside the "
                "clinic's opening hours are not bookable.",
            )
        )
        hint.setWordWrap(True)
        since = QHBoxLayout()
        since.addWidget(QLabel(translate("WorkingTime", "New plan from")))
        since.addWidget(self.valid_from)
        since.addStretch(1)
        since.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.whenever_open)
        layout.addWidget(self.alternating)
        layout.addWidget(self.week_note)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addLayout(since)
        self.alternating.toggled.connect(lambda _on: self._show_weeks())
        self.whenever_open.toggled.connect(lambda _on: self._show_weeks())
        self.valid_from.dateChanged.connect(lambda _d: self.show_plan())
        self._show_weeks()

    @staticmethod
    def _week_name(week: int) -> str:
        return (
            translate("WorkingTime", "A weeks")
            if week == 0
            else translate("WorkingTime", "B weeks")
        )

    def _show_weeks(self) -> None:
        alternating = self.alternating.isChecked()
        own = not self.whenever_open.isChecked()
        self.alternating.setEnabled(own)
        for (week, _weekday), line in self.lines.items():
            line.setVisible(week == 0 or alternating)
            line.setEnabled(own)
        self.b_title.setVisible(alternating)
        self.a_title.setText(
            self._week_name(0) if alternating else translate("WorkingTime", "Every week")
        )
        this_week = self._week_name(week_parity(self.today))
        self.week_note.setText(
            translate("WorkingTime", "This week is one of the {week}.").format(week=this_week)
        )
        self.week_note.setVisible(alternating)

    def load(self) -> None:
        professional = self.dialog.professional_id
        if professional is None:
            return
        service = self.dialog.services.working_time
        self.dialog.run(lambda: service.weekly_plan(professional), self._got)

    def _got(self, ranges: list[WeeklyRange]) -> None:
        self.ranges = list(ranges)
        self.show_plan()

    def show_plan(self) -> None:
        """The plan in force on the "from" day."""
        day = chosen_day(self.valid_from)
        shown = [
            r
            for r in self.ranges
            if (r.valid_from is None or r.valid_from <= day)
            and (r.valid_until is None or r.valid_until >= day)
        ]
        self.whenever_open.setChecked(not self.ranges)
        self.alternating.setChecked(any(r.week_parity is not None for r in shown))
        for (week, weekday), line in self.lines.items():
            hours = [
                (r.starts, r.ends)
                for r in sorted(shown, key=lambda r: r.starts)
                if r.weekday == weekday and (r.week_parity or 0) == week
            ]
            line.setText(day_text(hours))
        self._show_weeks()

    def typed(self) -> list[WeeklyRange]:
        """The whole plan to store: the ranges typed from the "from" day, after the
        earlier ones (cut short the day before)."""
        if self.whenever_open.isChecked():
            return []
        since = chosen_day(self.valid_from)
        alternating = self.alternating.isChecked()
        new = []
        for (week, weekday), line in sorted(self.lines.items()):
            if week == 1 and not alternating:
                continue
            field = f"{self._week_name(week)}, {weekday_name(weekday)}"
            for starts, ends in read_day(line.text(), field):
                parity = week if alternating else None
                new.append(WeeklyRange(weekday, starts, ends, parity, since))
        earlier = [r for r in self.ranges if r.valid_from is None or r.valid_from < since]
        if not earlier and since <= self.today:
            return [WeeklyRange(r.weekday, r.starts, r.ends, r.week_parity) for r in new]
        kept = []
        for r in earlier:
            if r.valid_until is not None and r.valid_until < since:
                kept.append(r)
            else:
                kept.append(
                    WeeklyRange(
                        r.weekday,
                        r.starts,
                        r.ends,
                        r.week_parity,
                        r.valid_from,
                        since - timedelta(days=1),
                    )
                )
        return kept + new

    def save_plan(self) -> None:
        professional = self.dialog.professional_id
        if professional is None:
            return
        try:
            ranges = self.typed()
        except ValidationError as exc:
            where = f"{exc.field}: " if exc.field else ""
            self.dialog.say(where + exc.message, bad=True)
            return
        service = self.dialog.services.working_time
        self.dialog.decide(
            lambda reason: service.set_weekly_plan(
                self.actor, professional, ranges, force_reason=reason
            ),
            lambda _done: self.load(),
        )


# -- dated days -----------------------------------------------------------------------


class DaysTab(Tab):
    """Days that replace the plan: "works Sat 12 Dec 09:00-13:00", or not at all."""

    def __init__(self, dialog: WorkingTimeDialog) -> None:
        super().__init__(dialog)
        self.list = QListWidget()
        self.list.setAccessibleName(translate("WorkingTime", "Days that replace the plan"))
        self.day = date_edit(self.today, translate("WorkingTime", "Day"))
        self.day.setMinimumDate(_qdate(self.today))
        self.hours = QLineEdit()
        self.hours.setPlaceholderText(translate("WorkingTime", "Not working that day"))
        self.hours.setAccessibleName(translate("WorkingTime", "Hours that day"))
        self.save = make_button(translate("WorkingTime", "Save day"))
        self.back = make_button(translate("WorkingTime", "Back to the weekly plan"))
        self.save.clicked.connect(self.save_day)
        self.back.clicked.connect(self.back_to_plan)
        self.list.currentItemChanged.connect(lambda item, _old: self._picked(item))
        form = QFormLayout()
        form.addRow(translate("WorkingTime", "Day"), self.day)
        form.addRow(translate("WorkingTime", "Hours"), self.hours)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        buttons.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(translate("WorkingTime", "Days ahead that do not follow the weekly plan:"))
        )
        hint = QLabel(
            translate(
                "WorkingTime",
                "A day the clinic is closed (a Saturday, say) needs its opening hours too "
                "(Clinic > Settings) before anyone can be booked on it.",
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        self.back.setEnabled(False)

    def load(self) -> None:
        professional = self.dialog.professional_id
        if professional is None:
            return
        service = self.dialog.services.working_time
        self.dialog.run(lambda: service.dated_days(professional), self._got)

    def _got(self, days: dict[date, list[tuple[time, time]]]) -> None:
        self.list.clear()
        for day, hours in sorted(days.items()):
            what = day_text(hours) if hours else translate("WorkingTime", "not working")
            item = QListWidgetItem(f"{day_year_text(day)}: {what}")
            item.setData(DataRole, (day, hours))
            self.list.addItem(item)
        self.back.setEnabled(False)

    def _picked(self, item: QListWidgetItem | None) -> None:
        self.back.setEnabled(item is not None)
        if item is not None:
            day, hours = item.data(DataRole)
            self.day.setDate(_qdate(day))
            self.hours.setText(day_text(hours))

    def save_day(self) -> None:
        professional = self.dialog.professional_id
        if professional is None:
            return
        try:
            hours = read_day(self.hours.text(), "hours")
        except ValidationError as exc:
            self.dialog.say(exc.message, bad=True)
            return
        day = chosen_day(self.day)
        service = self.dialog.services.working_time
        self.dialog.decide(
            lambda reason: service.set_day(
                self.actor, professional, day, hours, force_reason=reason
            ),
            lambda _done: self.load(),
        )

    def back_to_plan(self) -> None:
        item, professional = self.list.currentItem(), self.dialog.professional_id
        if item is None or professional is None:
            return
        day = item.data(DataRole)[0]
        service = self.dialog.services.working_time
        self.dialog.decide(
            lambda reason: service.set_day(
                self.actor, professional, day, None, force_reason=reason
            ),
            lambda _done: self.load(),
        )


# -- time off -------------------------------------------------------------------------


class HolidaysTab(Tab):
    """Where the clinic's public holidays come from, and each one kept closed or
    opened."""

    OPEN_COLUMN = 2

    def __init__(self, dialog: WorkingTimeDialog) -> None:
        super().__init__(dialog)
        self.places = holiday_places()
        self.country = QComboBox()
        self.country.setAccessibleName(translate("WorkingTime", "Country"))
        self.country.addItem(translate("WorkingTime", "None"), "")
        for code in self.places:
            territory = QLocale.codeToTerritory(code)
            name = QLocale.territoryToString(territory) if territory else code
            self.country.addItem(f"{name} ({code})", code)
        self.subdivision = QComboBox()
        self.subdivision.setAccessibleName(translate("WorkingTime", "Region"))
        self.use = make_button(translate("WorkingTime", "Use these holidays"))
        self.use.clicked.connect(self.use_place)
        self.country.currentIndexChanged.connect(lambda _i: self._subdivisions(""))
        self.year = QSpinBox()
        self.year.setRange(self.today.year - 2, self.today.year + 10)
        self.year.setValue(self.today.year)
        self.year.setAccessibleName(translate("WorkingTime", "Year"))
        self.year.valueChanged.connect(lambda _y: self.load())
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(translate("WorkingTime", "Public holidays"))
        self.table.setHorizontalHeaderLabels(
            [
                translate("WorkingTime", "Day"),
                translate("WorkingTime", "Holiday"),
                translate("WorkingTime", "Open"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.itemChanged.connect(self._toggled)
        self._filling = False
        place = QHBoxLayout()
        place.addWidget(QLabel(translate("WorkingTime", "Country")))
        place.addWidget(self.country, 2)
        place.addWidget(QLabel(translate("WorkingTime", "Region")))
        place.addWidget(self.subdivision, 1)
        place.addWidget(self.use)
        year = QHBoxLayout()
        year.addWidget(QLabel(translate("WorkingTime", "Year")))
        year.addWidget(self.year)
        year.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(place)
        layout.addWidget(
            QLabel(
                translate(
                    "WorkingTime",
                    "The clinic is closed on public holidays; tick one to open on it.",
                )
            )
        )
        layout.addLayout(year)
        layout.addWidget(self.table, 1)

    def _subdivisions(self, chosen: str) -> None:
        self.subdivision.clear()
        self.subdivision.addItem(translate("WorkingTime", "The whole country"), "")
        for code in self.places.get(self.country.currentData() or "", []):
            self.subdivision.addItem(code, code)
        self.subdivision.setCurrentIndex(max(0, self.subdivision.findData(chosen)))

    def load(self) -> None:
        service, year = self.dialog.services.working_time, self.year.value()
        self.dialog.run(lambda: service.holidays(year), self._got)

    def _got(self, found: Holidays) -> None:
        self.country.blockSignals(True)
        self.country.setCurrentIndex(max(0, self.country.findData(found.country)))
        self.country.blockSignals(False)
        self._subdivisions(found.subdivision)
        self._filling = True
        self.table.setRowCount(len(found.days))
        for row, holiday in enumerate(found.days):
            day = QTableWidgetItem(day_year_text(holiday.day))
            day.setData(DataRole, holiday.day)
            self.table.setItem(row, 0, day)
            self.table.setItem(row, 1, QTableWidgetItem(holiday.name))
            opened = QTableWidgetItem(translate("WorkingTime", "open"))
            opened.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            opened.setCheckState(
                Qt.CheckState.Checked if holiday.is_open else Qt.CheckState.Unchecked
            )
            self.table.setItem(row, self.OPEN_COLUMN, opened)
        self.table.resizeColumnsToContents()
        self._filling = False

    def set_open(self, row: int, is_open: bool) -> None:
        """Tick (open) or untick (closed) a holiday, as the manager does."""
        item = self.table.item(row, self.OPEN_COLUMN)
        if item is None:
            return
        item.setCheckState(Qt.CheckState.Checked if is_open else Qt.CheckState.Unchecked)

    def _toggled(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != self.OPEN_COLUMN:
            return
        day_item = self.table.item(item.row(), 0)
        if day_item is None:
            return
        day = day_item.data(DataRole)
        is_open = item.checkState() == Qt.CheckState.Checked
        service = self.dialog.services.working_time
        self.dialog.decide(
            lambda reason: service.set_holiday_open(self.actor, day, is_open, force_reason=reason),
            lambda _done: self.load(),
            refused=self.load,  # shows it as it still is
        )

    def use_place(self) -> None:
        country = self.country.currentData() or ""
        subdivision = self.subdivision.currentData() or ""
        service = self.dialog.services.working_time
        self.dialog.decide(
            lambda reason: service.set_holidays(
                self.actor, country, subdivision, force_reason=reason
            ),
            lambda _done: self.load(),
        )
