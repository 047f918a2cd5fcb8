"""The Templates tab of Clinic > Working time: named working patterns, edited,
duplicated, (de)activated, and copied into a professional's plan for a period (a
starting point: the plan can be changed afterwards, the template stays as it is).
Weekly and daily templates work on weekdays, monthly, yearly and custom ones on
dates (the form shows the fields of the type chosen)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.working_time import TemplateKind
from scheduler_app.errors import ValidationError
from scheduler_app.services.dto import ProfessionalView
from scheduler_app.services.schedule_templates import TemplateDetails, TemplateView
from scheduler_app.ui.i18n import translate
from scheduler_app.ui.keyboard_order import follow_fields
from scheduler_app.ui.opening_hours_editor import weekday_name
from scheduler_app.ui.template_fields import (
    DATED,
    TemplateFields,
    column_titles,
    kind_text,
    template_columns,
)
from scheduler_app.ui.working_time_tabs import DataRole, Tab, chosen_day, date_edit, make_button

if TYPE_CHECKING:
    from scheduler_app.ui.working_time_dialog import WorkingTimeDialog


def _time(edit: QTimeEdit) -> time:
    t = edit.time()
    return time(t.hour(), t.minute())


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


class TemplatesTab(Tab):
    def __init__(self, dialog: WorkingTimeDialog) -> None:
        super().__init__(dialog)
        self.list = QTreeWidget()
        self.list.setAccessibleName(translate("Templates", "Schedule templates"))
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setHeaderLabels(column_titles())
        # Each column as wide as what it shows (a narrow window scrolls sideways).
        self.list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.currentItemChanged.connect(lambda item, _old: self._picked(item))
        self.name = QLineEdit()
        self.name.setAccessibleName(translate("Templates", "Template name"))
        self.description = QLineEdit()
        self.description.setAccessibleName(translate("Templates", "Description"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(translate("Templates", "Type"))
        for kind in TemplateKind:
            self.kind.addItem(kind_text(kind), kind.value)
        self.kind.setCurrentIndex(self.kind.findData(TemplateKind.WEEKLY.value))
        self.fields = TemplateFields()
        self.days = [QCheckBox(weekday_name(day)[:3]) for day in range(7)]
        for day, box in enumerate(self.days):
            box.setAccessibleName(weekday_name(day))
            box.setChecked(day < 5)
        self.starts = QTimeEdit(QTime(9, 0))
        self.starts.setAccessibleName(translate("Templates", "Starts"))
        self.ends = QTimeEdit(QTime(18, 0))
        self.ends.setAccessibleName(translate("Templates", "Ends"))
        self.has_break = QCheckBox(translate("Templates", "Break"))
        self.break_starts = QTimeEdit(QTime(13, 0))
        self.break_starts.setAccessibleName(translate("Templates", "Break starts"))
        self.break_ends = QTimeEdit(QTime(14, 0))
        self.break_ends.setAccessibleName(translate("Templates", "Break ends"))
        self.has_break.toggled.connect(self.break_starts.setEnabled)
        self.has_break.toggled.connect(self.break_ends.setEnabled)
        self.has_break.setChecked(True)
        self.length = QSpinBox()
        self.length.setRange(5, 480)
        self.length.setValue(30)
        self.length.setSuffix(translate("Templates", " min"))
        self.length.setAccessibleName(translate("Templates", "Default length"))
        self.capacity = QSpinBox()
        self.capacity.setRange(0, 999)
        self.capacity.setSpecialValueText(translate("Templates", "no limit"))
        self.capacity.setAccessibleName(translate("Templates", "Maximum capacity"))
        self.active = QCheckBox(translate("Templates", "Active"))
        self.active.setChecked(True)
        self.default = QCheckBox(translate("Templates", "Default"))
        self.new = make_button(translate("Templates", "New"))
        self.save = make_button(translate("Templates", "Save template"))
        self.duplicate = make_button(translate("Templates", "Duplicate"))
        self.activate = make_button(translate("Templates", "Deactivate"))
        self.new.clicked.connect(self.clear)
        self.save.clicked.connect(self.save_template)
        self.duplicate.clicked.connect(self.duplicate_template)
        self.activate.clicked.connect(self.toggle_active)
        self.who = QComboBox()
        self.who.setAccessibleName(translate("Templates", "Whose plan"))
        self.first = date_edit(self.today, translate("Templates", "From"))
        self.until = QCheckBox(translate("Templates", "until"))
        self.last = date_edit(self.today, translate("Templates", "Until"))
        self.last.setEnabled(False)
        self.until.toggled.connect(self.last.setEnabled)
        self.weeks = QComboBox()
        self.weeks.setAccessibleName(translate("Templates", "Which weeks"))
        self.weeks.addItem(translate("Templates", "weeks like the first"), None)
        self.weeks.addItem(translate("Templates", "A weeks"), 0)
        self.weeks.addItem(translate("Templates", "B weeks"), 1)
        self.weeks.setToolTip(
            translate(
                "Templates",
                "A template every other week fills one week of the plan's A/B pair: "
                "the weeks like the period's first one, or the A or B weeks.",
            )
        )
        self.copy = make_button(translate("Templates", "Copy into the plan"))
        self.copy.clicked.connect(self.copy_into_plan)

        self.weekdays = QWidget()
        days = QHBoxLayout(self.weekdays)
        days.setContentsMargins(0, 0, 0, 0)
        for box in self.days:
            days.addWidget(box)
        hours = QHBoxLayout()
        hours.addWidget(self.starts)
        hours.addWidget(self.ends)
        hours.addWidget(self.has_break)
        hours.addWidget(self.break_starts)
        hours.addWidget(self.break_ends)
        flags = QHBoxLayout()
        flags.addWidget(self.active)
        flags.addWidget(self.default)
        f = self.fields
        self.form = form = QFormLayout()
        form.addRow(translate("Templates", "Name"), self.name)
        form.addRow(translate("Templates", "Description"), self.description)
        form.addRow(translate("Templates", "Type"), self.kind)
        form.addRow(translate("Templates", "Repeats every"), f.repeat)
        form.addRow(translate("Templates", "Days"), self.weekdays)
        form.addRow(translate("Templates", "Dates"), f.dates)
        form.addRow(translate("Templates", "Hours"), hours)
        form.addRow(translate("Templates", "Default length"), self.length)
        form.addRow(translate("Templates", "Maximum capacity"), self.capacity)
        form.addRow(translate("Templates", "Price"), f.price)
        form.addRow(translate("Templates", "Booking"), f.booking)
        form.addRow("", flags)
        form.addRow(f.help)
        buttons = QHBoxLayout()
        for button in (self.new, self.duplicate, self.activate):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.save)
        copy = QGroupBox(translate("Templates", "Copy into a professional's plan"))
        row = QHBoxLayout(copy)
        row.addWidget(self.who, 1)
        row.addWidget(self.first)
        row.addWidget(self.until)
        row.addWidget(self.last)
        row.addWidget(self.weeks)
        row.addWidget(self.copy)
        side = QWidget()
        right = QVBoxLayout(side)
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(form)
        right.addLayout(buttons)
        right.addStretch(1)
        top = QHBoxLayout()
        side.setMaximumWidth(640)  # a wider window gives the list the room
        top.addWidget(self.list, 1)
        top.addWidget(side, 0)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(copy)
        self.duplicate.setEnabled(False)
        self.activate.setEnabled(False)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self._kind_changed()
        follow_fields(
            [
                self.list,
                self.name,
                self.description,
                self.kind,
                f.interval,
                *self.days,
                f.dates,
                self.starts,
                self.ends,
                self.has_break,
                self.break_starts,
                self.break_ends,
                self.length,
                self.capacity,
                f.price,
                f.notice,
                f.horizon,
                self.active,
                self.default,
                self.new,
                self.duplicate,
                self.activate,
                self.save,
                self.who,
                self.first,
                self.until,
                self.last,
                self.weeks,
                self.copy,
            ]
        )

    def _kind_changed(self) -> None:
        """Weekdays for daily and weekly templates, dates for the others."""
        kind = TemplateKind(self.kind.currentData())
        dated = kind in DATED
        self.fields.show_kind(kind)
        self.form.setRowVisible(self.fields.repeat, not dated)
        self.form.setRowVisible(self.weekdays, not dated)
        self.form.setRowVisible(self.fields.dates, dated)
        self._weeks_shown()

    def _weeks_shown(self) -> None:
        """The A/B choice, for a template every other week."""
        chosen = self.current()
        self.weeks.setVisible(
            chosen is not None
            and chosen.details.kind is TemplateKind.WEEKLY
            and chosen.details.interval == 2
        )

    def set_professionals(self, professionals: Sequence[ProfessionalView]) -> None:
        self.who.clear()
        for prof in professionals:
            self.who.addItem(prof.name, prof.id)

    def current(self) -> TemplateView | None:
        item = self.list.currentItem()
        found: TemplateView | None = item.data(0, DataRole) if item is not None else None
        return found

    def load(self, select: int | None = None) -> None:
        service = self.dialog.services.schedule_templates
        self.dialog.run(service.templates, lambda found: self._got(found, select))

    def _got(self, found: list[TemplateView], select: int | None) -> None:
        self.list.clear()
        for template in found:
            item = QTreeWidgetItem(template_columns(template))
            item.setData(0, DataRole, template)
            for column, text in enumerate(template_columns(template)):
                item.setToolTip(column, text)
            item.setToolTip(0, template.details.description or template.name)
            self.list.addTopLevelItem(item)
        ids = [t.id for t in found]
        default = next((t.id for t in found if t.details.is_default), None)
        chosen = select if select in ids else default
        if chosen is not None:
            self.list.setCurrentIndex(self.list.model().index(ids.index(chosen), 0))

    def _picked(self, item: QTreeWidgetItem | None) -> None:
        template: TemplateView | None = item.data(0, DataRole) if item is not None else None
        self.duplicate.setEnabled(template is not None)
        self.activate.setEnabled(template is not None)
        self._weeks_shown()
        if template is None:
            return
        d = template.details
        self.name.setText(d.name)
        self.description.setText(d.description)
        self.kind.setCurrentIndex(self.kind.findData(d.kind.value))
        for day, box in enumerate(self.days):
            box.setChecked(day in d.weekdays)
        self.starts.setTime(_qtime(d.starts))
        self.ends.setTime(_qtime(d.ends))
        self.has_break.setChecked(d.break_starts is not None)
        if d.break_starts is not None and d.break_ends is not None:
            self.break_starts.setTime(_qtime(d.break_starts))
            self.break_ends.setTime(_qtime(d.break_ends))
        self.length.setValue(d.slot_minutes)
        self.capacity.setValue(d.max_capacity or 0)
        self.active.setChecked(d.is_active)
        self.default.setChecked(d.is_default)
        self.fields.show(d)
        self.activate.setText(
            translate("Templates", "Deactivate")
            if d.is_active
            else translate("Templates", "Activate")
        )

    def clear(self) -> None:
        """A new template: the form emptied, nothing picked."""
        self.list.setCurrentIndex(QModelIndex())
        self.list.clearSelection()
        self.name.clear()
        self.description.clear()
        self.fields.clear()
        self.default.setChecked(False)
        self.active.setChecked(True)
        self.name.setFocus()

    def details(self) -> TemplateDetails:
        """What the form holds (`ValidationError` when a field cannot be read)."""
        breaks = self.has_break.isChecked()
        kind = TemplateKind(self.kind.currentData())
        weekdays = () if kind in DATED else self.days
        return TemplateDetails(
            **self.fields.values(kind),  # type: ignore[arg-type]
            name=self.name.text(),
            description=self.description.text(),
            kind=kind,
            weekdays=tuple(day for day, box in enumerate(weekdays) if box.isChecked()),
            starts=_time(self.starts),
            ends=_time(self.ends),
            slot_minutes=self.length.value(),
            break_starts=_time(self.break_starts) if breaks else None,
            break_ends=_time(self.break_ends) if breaks else None,
            max_capacity=self.capacity.value() or None,
            is_active=self.active.isChecked(),
            is_default=self.default.isChecked(),
        )

    def save_template(self) -> None:
        chosen = self.current()
        try:
            details = self.details()
        except ValidationError as exc:
            self.dialog.say(exc.message, bad=True)
            return
        service = self.dialog.services.schedule_templates
        self.dialog.run(
            lambda: service.save(self.actor, chosen.id if chosen else None, details),
            self._saved,
        )

    def _saved(self, saved: TemplateView) -> None:
        self.dialog.say(translate("Templates", "Template {name} saved.").format(name=saved.name))
        self.load(saved.id)

    def duplicate_template(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        service = self.dialog.services.schedule_templates
        self.dialog.run(lambda: service.duplicate(self.actor, chosen.id), self._saved)

    def toggle_active(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        service, active = self.dialog.services.schedule_templates, not chosen.details.is_active
        self.dialog.run(lambda: service.set_active(self.actor, chosen.id, active), self._saved)

    def copy_into_plan(self) -> None:
        chosen, professional = self.current(), self.who.currentData()
        if chosen is None or professional is None:
            self.dialog.say(
                translate("Templates", "Choose a template and a professional first."), bad=True
            )
            return
        first = chosen_day(self.first)
        last = chosen_day(self.last) if self.until.isChecked() else None
        parity = self.weeks.currentData() if self.weeks.isVisibleTo(self) else None
        service = self.dialog.services.schedule_templates
        self.dialog.decide(
            lambda reason: service.copy_into_plan(
                self.actor,
                chosen.id,
                professional,
                first,
                last,
                week_parity=parity,
                force_reason=reason,
            ),
            lambda _done: self._copied(),
        )

    def _copied(self) -> None:
        """The plan and the dated days shown again (a copy may change both)."""
        self.dialog.plan.load()
        self.dialog.days.load()
