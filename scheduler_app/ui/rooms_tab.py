"""The Rooms tab: the week of the day shown, a row per room or piece of equipment and a
column per day, with what holds each and its maintenance — for managers planning
rooms. Read on a worker thread; a newer question's answer replaces an older one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.opening_hours import format_day
from scheduler_app.services.bundle import Services
from scheduler_app.services.resources import HeldTime, ResourceView, ResourceWeek
from scheduler_app.ui.background import BackgroundJob
from scheduler_app.ui.i18n import day_text, translate

DOWN = QColor("#fff3e0")
#: A day outside the resource's own hours.
UNAVAILABLE = QColor("#eceff1")


def held_text(held: HeldTime, tz: object) -> str:
    a, b = held.start.astimezone(tz), held.end.astimezone(tz)  # type: ignore[arg-type]
    when = f"{a:%H:%M}-{b:%H:%M}"
    if held.maintenance:
        what = translate("RoomsTab", "Maintenance")
        return f"{when} {what}" + (f" ({held.what})" if held.what else "")
    return f"{when} {held.what}"


def hours_text(resource: ResourceView, weekday: int) -> str:
    """A resource's own hours on ``weekday`` ("Hours 08:00-13:00", "Not available"), or
    "" when it has none (whenever the clinic is open)."""
    if not resource.hours:
        return ""
    ranges = [(h.opens, h.closes) for h in resource.hours if h.weekday == weekday]
    if not ranges:
        return translate("RoomsTab", "Not available")
    return translate("RoomsTab", "Hours {ranges}").format(ranges=format_day(ranges))


class RoomsTab(QWidget):
    #: The week was read and shown (for tests and the status bar).
    shown = Signal()
    #: A read failed (the user-facing message).
    failed = Signal(object)

    def __init__(
        self, services: Services, day: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._day = day
        self._asked = 0
        self._jobs: list[BackgroundJob] = []
        self.title = QLabel()
        self.title.setAccessibleName(translate("RoomsTab", "Week shown"))
        self.table = QTableWidget(0, 7)
        self.table.setAccessibleName(translate("RoomsTab", "Rooms and equipment by day"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.empty = QLabel(
            translate(
                "RoomsTab", "No rooms or equipment are set up (Clinic > Rooms and equipment)."
            )
        )
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        """Read the week of the day shown on a worker; show it when it comes."""
        day = self._day()
        monday = day - timedelta(days=day.weekday())
        self._asked += 1
        asked = self._asked
        self.title.setText(
            translate("RoomsTab", "Week of {day} (reading…)").format(day=day_text(monday))
        )
        job = BackgroundJob(lambda _progress, _cancelled: self._services.resources.week(monday))
        job.finished.connect(lambda week: self._show(week, asked))
        job.failed.connect(lambda message: self._failed(message, asked))
        job.finished.connect(lambda _week: self._jobs.remove(job))
        job.failed.connect(lambda _message: self._jobs.remove(job))
        self._jobs.append(job)
        job.start()

    def _failed(self, message: str, asked: int) -> None:
        if asked == self._asked:
            self.title.setText(message)
            self.failed.emit(message)

    def _show(self, week: ResourceWeek, asked: int) -> None:
        if asked != self._asked:
            return  # a newer question is on its way
        tz = self._services.context.timezone
        self.title.setText(
            translate("RoomsTab", "Week of {day}").format(day=day_text(week.first_day))
        )
        self.table.setColumnCount(7)
        self.table.setHorizontalHeaderLabels(
            [day_text(week.first_day + timedelta(days=n)) for n in range(7)]
        )
        self.table.setRowCount(len(week.resources))
        self.table.setVerticalHeaderLabels([r.name for r in week.resources])
        for row, resource in enumerate(week.resources):
            for column, held in enumerate(week.days.get(resource.id, ())):
                day = week.first_day + timedelta(days=column)
                hours = hours_text(resource, day.weekday())
                lines = [*([hours] if hours else []), *(held_text(h, tz) for h in held)]
                item = QTableWidgetItem("\n".join(lines))
                item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                if any(h.maintenance for h in held):
                    item.setBackground(DOWN)
                elif resource.hours and not any(h.weekday == day.weekday() for h in resource.hours):
                    item.setBackground(UNAVAILABLE)
                self.table.setItem(row, column, item)
        self.empty.setVisible(not week.resources)
        self.table.setVisible(bool(week.resources))
        self.shown.emit()
