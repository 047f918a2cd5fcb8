"""The time off tab of Clinic > Working time: a professional's absences and blocked
time, and the whole clinic's closures, added and given back."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QTimeEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from scheduler_app.domain.localtime import localize
from scheduler_app.domain.working_time import TimeOffKind
from scheduler_app.errors import SchedulerError
from scheduler_app.services.dto import ProfessionalView
from scheduler_app.services.working_time import (
    TimeOffView,
)
from scheduler_app.ui.i18n import day_year_text, span_text, time_text, translate
from scheduler_app.ui.working_time_tabs import (
    DataRole,
    Tab,
    chosen_day,
    date_edit,
    make_button,
)
from scheduler_app.ui.working_time_words import kind_name

if TYPE_CHECKING:
    from scheduler_app.ui.working_time_dialog import WorkingTimeDialog

#: Kinds of time off for a professional, and for the whole clinic.
PERSONAL_KINDS = (
    TimeOffKind.VACATION,
    TimeOffKind.SICK,
    TimeOffKind.TRAINING,
    TimeOffKind.ABSENCE,
    TimeOffKind.BLACKOUT,
)
CLINIC_KINDS = (TimeOffKind.CLOSURE, TimeOffKind.BLACKOUT)


class TimeOffTab(Tab):
    """Absences (vacation, sickness, training) with a reason, blackouts, and closures
    of the whole clinic, for a day, some hours or a period."""

    def __init__(self, dialog: WorkingTimeDialog) -> None:
        super().__init__(dialog)
        self.names: dict[int, str] = {}
        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        self.list.setAccessibleName(translate("WorkingTime", "Time off ahead"))
        self.list.setHeaderLabels(
            [
                translate("WorkingTime", "Who"),
                translate("WorkingTime", "What"),
                translate("WorkingTime", "When"),
                translate("WorkingTime", "Reason"),
            ]
        )
        self.who = QComboBox()
        self.who.setAccessibleName(translate("WorkingTime", "Whose time off"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(translate("WorkingTime", "Kind of time off"))
        self.whole_days = QCheckBox(translate("WorkingTime", "Whole days"))
        self.whole_days.setChecked(True)
        self.first = date_edit(self.today, translate("WorkingTime", "From"))
        self.last = date_edit(self.today, translate("WorkingTime", "Until"))
        self.starts = QTimeEdit(QTime(9, 0))
        self.starts.setAccessibleName(translate("WorkingTime", "From time"))
        self.ends = QTimeEdit(QTime(13, 0))
        self.ends.setAccessibleName(translate("WorkingTime", "Until time"))
        self.reason = QLineEdit()
        self.reason.setAccessibleName(translate("WorkingTime", "Reason"))
        self.reason.setPlaceholderText(translate("WorkingTime", "Shown in the calendar"))
        self.add = make_button(translate("WorkingTime", "Add time off"))
        self.remove = make_button(translate("WorkingTime", "Remove"))
        self.add.clicked.connect(self.add_time_off)
        self.remove.clicked.connect(self.remove_time_off)
        self.remove.setEnabled(False)
        self.list.currentItemChanged.connect(
            lambda item, _old: self.remove.setEnabled(item is not None)
        )
        self.who.currentIndexChanged.connect(lambda _i: self._kinds())
        self.whole_days.toggled.connect(lambda _on: self._whole_days())
        self.first.dateChanged.connect(
            lambda d: self.last.setDate(d) if self.last.date() < d else None
        )
        start = QHBoxLayout()
        start.addWidget(self.first)
        start.addWidget(self.starts)
        end = QHBoxLayout()
        end.addWidget(self.last)
        end.addWidget(self.ends)
        form = QFormLayout()
        form.addRow(translate("WorkingTime", "Who"), self.who)
        form.addRow(translate("WorkingTime", "What"), self.kind)
        form.addRow("", self.whole_days)
        form.addRow(translate("WorkingTime", "From"), start)
        form.addRow(translate("WorkingTime", "Until"), end)
        form.addRow(translate("WorkingTime", "Reason"), self.reason)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        buttons.addWidget(self.add)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self._whole_days()

    def set_professionals(self, professionals: Sequence[ProfessionalView]) -> None:
        self.names = {p.id: p.name for p in professionals}
        self.who.clear()
        self.who.addItem(translate("WorkingTime", "The whole clinic"), None)
        for prof in professionals:
            self.who.addItem(prof.name, prof.id)
        self.who.setCurrentIndex(1 if professionals else 0)
        self._kinds()

    def _kinds(self) -> None:
        kinds = CLINIC_KINDS if self.who.currentData() is None else PERSONAL_KINDS
        self.kind.clear()
        for kind in kinds:
            self.kind.addItem(kind_name(kind), kind)

    def _whole_days(self) -> None:
        whole = self.whole_days.isChecked()
        self.starts.setVisible(not whole)
        self.ends.setVisible(not whole)

    def span(self) -> tuple[datetime, datetime]:
        """The time off typed (whole days: from the first day's start to the end of
        the last)."""
        tz = self.dialog.services.context.timezone
        first, last = chosen_day(self.first), chosen_day(self.last)
        if self.whole_days.isChecked():
            return localize(first, time(0), tz), localize(last + timedelta(days=1), time(0), tz)
        s, e = self.starts.time(), self.ends.time()
        return (
            localize(first, time(s.hour(), s.minute()), tz),
            localize(last, time(e.hour(), e.minute()), tz),
        )

    def load(self) -> None:
        service = self.dialog.services.working_time
        self.dialog.run(service.time_off, self._got)

    def _got(self, found: list[TimeOffView]) -> None:
        tz = self.dialog.services.context.timezone
        self.list.clear()
        for off in found:
            who = (
                translate("WorkingTime", "The whole clinic")
                if off.professional_id is None
                else self.names.get(off.professional_id, "?")
            )
            start, end = off.start.astimezone(tz), off.end.astimezone(tz)
            item = QTreeWidgetItem([who, kind_name(off.kind), _when(start, end), off.reason])
            item.setData(0, DataRole, off.id)
            self.list.addTopLevelItem(item)
        for column in range(3):
            self.list.resizeColumnToContents(column)
        self.remove.setEnabled(False)

    def add_time_off(self) -> None:
        try:
            start, end = self.span()
        except SchedulerError as exc:
            self.dialog.say(exc.message, bad=True)
            return
        professional, kind = self.who.currentData(), TimeOffKind(self.kind.currentData())
        reason = self.reason.text()
        service = self.dialog.services.working_time
        self.dialog.decide(
            lambda force: service.add_time_off(
                self.actor,
                start,
                end,
                professional_id=professional,
                kind=kind,
                reason=reason,
                force_reason=force,
            ),
            self._added,
        )

    def _added(self, _done: object) -> None:
        self.reason.clear()
        self.load()

    def remove_time_off(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        time_off_id = item.data(0, DataRole)
        service = self.dialog.services.working_time
        self.dialog.run(
            lambda: service.remove_time_off(self.actor, time_off_id),
            self._removed,
        )

    def _removed(self, given_back: tuple[datetime, datetime, int | None]) -> None:
        self.dialog.added.append(given_back)  # offered to the clients waiting, like a cancel
        self.dialog.saved()
        self.load()


def _when(start: datetime, end: datetime) -> str:
    """ "Mon 2 Mar 2026 15:00-19:00", or whole days "Mon 2 Mar 2026 - Fri 6 Mar 2026"."""
    midnight = start.time() == time(0) and end.time() == time(0)
    if midnight:
        last = end.date() - timedelta(days=1)
        if last == start.date():
            return day_year_text(start.date())
        return f"{day_year_text(start.date())} - {day_year_text(last)}"
    if start.date() == end.date():
        return f"{day_year_text(start.date())} {span_text(start, end)}"
    return (
        f"{day_year_text(start.date())} {time_text(start)} - "
        f"{day_year_text(end.date())} {time_text(end)}"
    )


# -- public holidays ------------------------------------------------------------------
