"""Clinic > Booking rules: minimum notice, how far ahead, the cancellation deadline,
buffers around a service and limits of appointments at once.

Each rule is for the whole clinic, one professional or one service, may hold
between two dates, and has a priority (higher wins). Rules are switched off rather
than deleted, so what held when is kept. Every change is saved at once through the
services; a refusal keeps the editor open with the reason next to the field.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.rules import (
    MAX_AT_ONCE,
    MAX_BUFFER_MINUTES,
    MAX_HORIZON_DAYS,
    LatePolicy,
    RuleKind,
    RuleScope,
)
from scheduler_app.errors import SchedulerError, ValidationError
from scheduler_app.services.bundle import Services
from scheduler_app.services.rules import RuleDetails, RuleView
from scheduler_app.ui.dialog_buttons import Button, dialog_buttons
from scheduler_app.ui.durations_text import lead_times_text, read_lead_times
from scheduler_app.ui.field_errors import FieldErrors
from scheduler_app.ui.i18n import day_text, translate

IdRole = Qt.ItemDataRole.UserRole


def kind_names() -> dict[RuleKind, str]:
    return {
        RuleKind.MIN_NOTICE: translate("RulesDialog", "Minimum notice"),
        RuleKind.MAX_HORIZON: translate("RulesDialog", "How far ahead"),
        RuleKind.CANCELLATION: translate("RulesDialog", "Cancellation deadline"),
        RuleKind.BUFFER: translate("RulesDialog", "Buffers around appointments"),
        RuleKind.CAPACITY: translate("RulesDialog", "Appointments at once"),
    }


def rule_text(view: RuleView) -> str:
    """What the list says of a rule: what it asks, for whom, when, its priority."""
    d = view.details
    if d.kind is RuleKind.MIN_NOTICE:
        says = translate("RulesDialog", "Book at least {lead} ahead").format(
            lead=lead_times_text((d.notice_minutes,))
        )
        if d.exempt_walk_ins:
            says += translate("RulesDialog", " (walk-ins excepted)")
    elif d.kind is RuleKind.MAX_HORIZON:
        says = translate("RulesDialog", "Bookings open at most {days} days ahead").format(
            days=d.horizon_days
        )
    elif d.kind is RuleKind.CANCELLATION:
        says = (
            translate("RulesDialog", "Cancel at least {lead} ahead, or it is refused")
            if d.late_policy is LatePolicy.REFUSE
            else translate("RulesDialog", "Cancel at least {lead} ahead, or it is marked late")
        ).format(lead=lead_times_text((d.notice_minutes,)))
    elif d.kind is RuleKind.BUFFER:
        says = translate("RulesDialog", "{before} min free before, {after} min after").format(
            before=d.before_minutes, after=d.after_minutes
        )
    else:
        says = translate("RulesDialog", "At most {count} at once").format(count=d.max_at_once)
    who = (
        view.applies_to
        if d.scope is not RuleScope.CLINIC
        else translate("RulesDialog", "whole clinic")
    )
    parts = [says, who]
    if d.valid_from or d.valid_until:
        start = day_text(d.valid_from) if d.valid_from else "…"
        end = day_text(d.valid_until) if d.valid_until else "…"
        parts.append(f"{start} - {end}")
    parts.append(translate("RulesDialog", "priority {n}").format(n=d.priority))
    text = " · ".join(parts)
    if not d.is_active:
        text += " " + translate("RulesDialog", "(off)")
    return text


def _day(edit: QDateEdit) -> date:
    picked = edit.date()
    return date(picked.year(), picked.month(), picked.day())


class RuleEditor(QDialog):
    """One rule; Save asks the services and stays open on a refusal."""

    def __init__(
        self, services: Services, rule: RuleView | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._rule = rule
        self.saved: RuleView | None = None
        self.setWindowTitle(
            translate("RulesDialog", "New booking rule")
            if rule is None
            else translate("RulesDialog", "Booking rule")
        )
        self.setMinimumWidth(520)
        d = rule.details if rule is not None else RuleDetails(RuleKind.MIN_NOTICE)
        self.errors = FieldErrors(QLabel())
        e = self.errors
        self.kind = QComboBox()
        for kind, name in kind_names().items():
            self.kind.addItem(name, kind)
        self.kind.setCurrentIndex(self.kind.findData(d.kind))
        self.kind.setAccessibleName(translate("RulesDialog", "Kind of rule"))
        self.scope = QComboBox()
        self.scope.addItem(translate("RulesDialog", "Whole clinic"), RuleScope.CLINIC)
        self.scope.addItem(translate("RulesDialog", "One professional"), RuleScope.PROFESSIONAL)
        self.scope.addItem(translate("RulesDialog", "One service"), RuleScope.SERVICE)
        self.scope.setCurrentIndex(self.scope.findData(d.scope))
        self.scope.setAccessibleName(translate("RulesDialog", "For"))
        self.professional = QComboBox()
        for prof in services.directory.professionals():
            self.professional.addItem(prof.name, prof.id)
        self.professional.setAccessibleName(translate("RulesDialog", "Professional"))
        self.service = QComboBox()
        for item in services.catalog.services(include_retired=True):
            self.service.addItem(item.name, item.id)
        self.service.setAccessibleName(translate("RulesDialog", "Service"))
        if d.professional_id is not None:
            self.professional.setCurrentIndex(self.professional.findData(d.professional_id))
        if d.service_id is not None:
            self.service.setCurrentIndex(self.service.findData(d.service_id))
        minutes, days = translate("RulesDialog", " min"), translate("RulesDialog", " days")
        self.notice = QLineEdit(lead_times_text((d.notice_minutes or 120,)))
        self.notice.setPlaceholderText(translate("RulesDialog", "e.g. 2 hours, or 1 day"))
        self.notice.setAccessibleName(translate("RulesDialog", "Notice"))
        self.walk_ins = QCheckBox(translate("RulesDialog", "Walk-ins (now) are excepted"))
        self.walk_ins.setChecked(d.exempt_walk_ins)
        self.days = self._spin(d.horizon_days or 90, 1, MAX_HORIZON_DAYS, days)
        self.days.setAccessibleName(translate("RulesDialog", "Days ahead"))
        self.late = QComboBox()
        self.late.addItem(translate("RulesDialog", "Allowed, marked late"), LatePolicy.FLAG)
        self.late.addItem(translate("RulesDialog", "Refused"), LatePolicy.REFUSE)
        self.late.setCurrentIndex(self.late.findData(d.late_policy))
        self.late.setAccessibleName(translate("RulesDialog", "Later cancellations"))
        self.before = self._spin(d.before_minutes, 0, MAX_BUFFER_MINUTES, minutes)
        self.before.setAccessibleName(translate("RulesDialog", "Free before, in minutes"))
        self.after = self._spin(d.after_minutes, 0, MAX_BUFFER_MINUTES, minutes)
        self.after.setAccessibleName(translate("RulesDialog", "Free after, in minutes"))
        self.at_once = self._spin(d.max_at_once or 1, 1, MAX_AT_ONCE, "")
        self.at_once.setAccessibleName(translate("RulesDialog", "At most at once"))
        self.from_check = QCheckBox(translate("RulesDialog", "From"))
        self.until_check = QCheckBox(translate("RulesDialog", "Until"))
        self.valid_from = self._date(d.valid_from, self.from_check)
        self.valid_until = self._date(d.valid_until, self.until_check)
        self.priority = self._spin(d.priority, -100, 100, "")
        self.priority.setAccessibleName(translate("RulesDialog", "Priority"))
        self.active = QCheckBox(translate("RulesDialog", "In use"))
        self.active.setChecked(d.is_active)
        self.note = QLineEdit(d.note)
        self.note.setAccessibleName(translate("RulesDialog", "Note"))
        self.form = QFormLayout()
        self._rows: dict[QWidget, QWidget] = {}
        for label, name, widget in (
            (translate("RulesDialog", "Rule"), "kind", self.kind),
            (translate("RulesDialog", "For"), "scope", self.scope),
            (translate("RulesDialog", "Professional"), "professional_id", self.professional),
            (translate("RulesDialog", "Service"), "service_id", self.service),
            (translate("RulesDialog", "Notice"), "notice_minutes", self.notice),
            ("", "", self.walk_ins),
            (translate("RulesDialog", "Days ahead"), "horizon_days", self.days),
            (translate("RulesDialog", "Later cancellations"), "late_policy", self.late),
            (translate("RulesDialog", "Free before"), "before_minutes", self.before),
            (translate("RulesDialog", "Free after"), "after_minutes", self.after),
            (translate("RulesDialog", "At most at once"), "max_at_once", self.at_once),
        ):
            row = e.field(name, widget) if name else widget
            self._rows[widget] = row
            self.form.addRow(label, row)
        dates = QHBoxLayout()
        dates.addWidget(self.from_check)
        dates.addWidget(self.valid_from)
        dates.addWidget(self.until_check)
        dates.addWidget(e.field("valid_until", self.valid_until))
        self.form.addRow(translate("RulesDialog", "Valid"), dates)
        self.form.addRow(translate("RulesDialog", "Priority"), self.priority)
        self.form.addRow(translate("RulesDialog", "Note"), e.field("note", self.note))
        self.form.addRow("", self.active)
        hint = QLabel(
            translate(
                "RulesDialog",
                "Of the rules that apply to an appointment, the highest priority wins; "
                "on equal priority, a professional's or a service's wins over the clinic's.",
            )
        )
        hint.setWordWrap(True)
        buttons = dialog_buttons(self, self.save)
        buttons.button(Button.Save).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(hint)
        layout.addWidget(self.errors.message)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self._show_fields())
        self.scope.currentIndexChanged.connect(lambda _i: self._show_fields())
        self._show_fields()
        self.kind.setFocus()

    def _spin(self, value: int, low: int, high: int, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setSuffix(suffix)
        return spin

    def _date(self, value: date | None, check: QCheckBox) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDate(QDate(value.year, value.month, value.day) if value else QDate.currentDate())
        check.setChecked(value is not None)
        edit.setEnabled(value is not None)
        check.toggled.connect(edit.setEnabled)
        return edit

    def _show_fields(self) -> None:
        kind, scope = RuleKind(self.kind.currentData()), RuleScope(self.scope.currentData())
        shown = {
            self.professional: scope is RuleScope.PROFESSIONAL,
            self.service: scope is RuleScope.SERVICE,
            self.notice: kind in (RuleKind.MIN_NOTICE, RuleKind.CANCELLATION),
            self.walk_ins: kind is RuleKind.MIN_NOTICE,
            self.days: kind is RuleKind.MAX_HORIZON,
            self.late: kind is RuleKind.CANCELLATION,
            self.before: kind is RuleKind.BUFFER,
            self.after: kind is RuleKind.BUFFER,
            self.at_once: kind is RuleKind.CAPACITY,
        }
        for widget, visible in shown.items():
            self.form.setRowVisible(self._rows[widget], visible)

    def details(self) -> RuleDetails:
        kind = RuleKind(self.kind.currentData())
        return RuleDetails(
            kind=kind,
            scope=RuleScope(self.scope.currentData()),
            professional_id=self.professional.currentData(),
            service_id=self.service.currentData(),
            valid_from=_day(self.valid_from) if self.from_check.isChecked() else None,
            valid_until=_day(self.valid_until) if self.until_check.isChecked() else None,
            priority=self.priority.value(),
            notice_minutes=(
                self._notice() if kind in (RuleKind.MIN_NOTICE, RuleKind.CANCELLATION) else 0
            ),
            horizon_days=self.days.value() if kind is RuleKind.MAX_HORIZON else 0,
            exempt_walk_ins=kind is RuleKind.MIN_NOTICE and self.walk_ins.isChecked(),
            late_policy=LatePolicy(self.late.currentData()),
            before_minutes=self.before.value() if kind is RuleKind.BUFFER else 0,
            after_minutes=self.after.value() if kind is RuleKind.BUFFER else 0,
            max_at_once=self.at_once.value() if kind is RuleKind.CAPACITY else 0,
            is_active=self.active.isChecked(),
            note=self.note.text(),
        )

    def _notice(self) -> int:
        """The notice typed ("2 hours"), in minutes."""
        found = read_lead_times(self.notice.text(), "notice_minutes")
        if len(found) != 1:
            raise ValidationError(
                translate("RulesDialog", "Give one length of time, e.g. 2 hours."),
                "notice_minutes",
            )
        return found[0]

    def save(self) -> None:
        rules, actor = self._services.rules, self._services.actor_id
        try:
            details = self.details()
            if self._rule is None:
                self.saved = rules.add(actor, details)
            else:
                self.saved = rules.edit(actor, self._rule.id, details)
        except SchedulerError as exc:
            self.errors.show(exc)
            self.adjustSize()  # room for the reason under its field
            return
        self.accept()


class RulesDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("RulesDialog", "Booking rules"))
        self.resize(880, 440)
        self._services = services
        self.list = QListWidget()
        self.list.setAccessibleName(translate("RulesDialog", "Booking rules"))
        self.list.itemActivated.connect(lambda _item: self.edit())
        self.add_button = QPushButton(translate("RulesDialog", "Add..."))
        self.edit_button = QPushButton(translate("RulesDialog", "Edit..."))
        self.toggle_button = QPushButton(translate("RulesDialog", "Switch off"))
        for button, slot in (
            (self.add_button, self.add),
            (self.edit_button, self.edit),
            (self.toggle_button, self.toggle),
        ):
            button.clicked.connect(slot)
            button.setAccessibleName(button.text().rstrip("."))
            button.setAutoDefault(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b71c1c;")
        self.message.setAccessibleName(translate("RulesDialog", "What went wrong"))
        side = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.toggle_button):
            side.addWidget(button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        intro = QLabel(
            translate(
                "RulesDialog",
                "Rules apply to bookings, moves and cancellations from now on. "
                "A manager may book past them, or outside working hours, with a reason.",
            )
        )
        intro.setWordWrap(True)
        close = dialog_buttons(self, accept=Button.Close, reject=Button.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.views: list[RuleView] = []
        self.load()

    def load(self, select: int | None = None) -> None:
        order = list(kind_names())
        try:
            self.views = sorted(
                self._services.rules.rules(),
                key=lambda v: (order.index(v.details.kind), -v.details.priority, v.id),
            )
        except SchedulerError as exc:
            self.message.setText(exc.message)
            return
        self.list.clear()
        for view in self.views:
            item = QListWidgetItem(rule_text(view))
            item.setData(IdRole, view.id)
            item.setToolTip(view.details.note or item.text())
            if not view.details.is_active:
                item.setForeground(Qt.GlobalColor.gray)
            self.list.addItem(item)
            if view.id == select:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def current(self) -> RuleView | None:
        row = self.list.currentRow()
        return self.views[row] if 0 <= row < len(self.views) else None

    def _update_buttons(self) -> None:
        view = self.current()
        self.edit_button.setEnabled(view is not None)
        self.toggle_button.setEnabled(view is not None)
        on = view is None or view.details.is_active
        self.toggle_button.setText(
            translate("RulesDialog", "Switch off") if on else translate("RulesDialog", "Switch on")
        )

    def add(self) -> None:
        editor = RuleEditor(self._services, None, self)
        if editor.exec() == QDialog.DialogCode.Accepted and editor.saved is not None:
            self.load(editor.saved.id)

    def edit(self) -> None:
        view = self.current()
        if view is None:
            return
        editor = RuleEditor(self._services, view, self)
        if editor.exec() == QDialog.DialogCode.Accepted and editor.saved is not None:
            self.load(editor.saved.id)

    def toggle(self) -> None:
        view = self.current()
        if view is None:
            return
        try:
            self._services.rules.set_active(
                self._services.actor_id, view.id, not view.details.is_active
            )
        except SchedulerError as exc:
            self.message.setText(exc.message)
            return
        self.message.clear()
        self.load(view.id)
