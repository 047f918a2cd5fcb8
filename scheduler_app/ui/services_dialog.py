"""Clinic > Services: the services the clinic offers, in the order the desk lists them.

Add and edit (name, length, price and currency, colour, reminder times, offered
or not) in `ServiceEditor`; retire (no longer offered, kept on the appointments
that have it) and offer again; move up and down. Every change is saved at once
through the services; a refusal keeps the editor open with the reason next to
the field.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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

from scheduler_app.domain.palette import suggest
from scheduler_app.errors import SchedulerError, ValidationError
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import ServiceDetails, ServiceView
from scheduler_app.ui.colour_button import ColourButton
from scheduler_app.ui.dialog_buttons import Button, dialog_buttons
from scheduler_app.ui.durations_text import lead_times_text, read_lead_times
from scheduler_app.ui.field_errors import FieldErrors
from scheduler_app.ui.i18n import money_text, parse_money, translate
from scheduler_app.ui.keyboard_order import follow_fields
from scheduler_app.ui.list_editing import change_and_reload, problem_line
from scheduler_app.ui.resources_dialog import categories
from scheduler_app.ui.skills_field import read_skills, skills_field

IdRole = Qt.ItemDataRole.UserRole


def swatch(color: str) -> QPixmap:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color))
    return pixmap


class ServiceEditor(QDialog):
    """One service's details; Save asks the services and stays open on a refusal."""

    def __init__(
        self,
        services: Services,
        service: ServiceView | None,
        used_colors: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._service = service
        self.saved: ServiceView | None = None
        self.setWindowTitle(
            translate("ServicesDialog", "New service")
            if service is None
            else translate("ServicesDialog", "Service: {name}").format(name=service.name)
        )
        self.setMinimumWidth(480)
        currency = services.directory.organization().currency
        clinic_leads = services.settings.current().reminder_minutes
        self.errors = FieldErrors(QLabel())
        self.name = QLineEdit(service.name if service else "")
        self.name.setAccessibleName(translate("ServicesDialog", "Name"))
        self.length = QSpinBox()
        self.length.setRange(1, 720)
        self.length.setSuffix(translate("ServicesDialog", " min"))
        self.length.setValue(service.duration_minutes if service else 30)
        self.length.setAccessibleName(translate("ServicesDialog", "Length in minutes"))
        self.price = QLineEdit(money_text(service.price) if service else "")
        self.price.setPlaceholderText(money_text(Decimal("45")))
        self.price.setAccessibleName(translate("ServicesDialog", "Price"))
        self.currency = QLineEdit(service.currency if service else currency)
        self.currency.setMaxLength(3)
        self.currency.setMaximumWidth(80)
        self.currency.setAccessibleName(translate("ServicesDialog", "Currency"))
        self.color = ColourButton(service.color if service else suggest(used_colors), used_colors)
        self.reminders = QLineEdit(lead_times_text(service.reminder_minutes) if service else "")
        self.reminders.setPlaceholderText(
            translate("ServicesDialog", "The clinic's: {times}").format(
                times=lead_times_text(clinic_leads) or translate("ServicesDialog", "none")
            )
        )
        self.reminders.setAccessibleName(translate("ServicesDialog", "Reminders before"))
        self.active = QCheckBox(translate("ServicesDialog", "Offered (can be booked)"))
        self.active.setChecked(service.is_active if service else True)
        kinds = categories(services.resources.resources())
        needs = services.resources.needs().get(service.id, []) if service else []
        self.needs = QComboBox()
        self.needs.setEditable(True)
        self.needs.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.needs.addItem("")
        self.needs.addItems(kinds)
        self.needs.setEditText(needs[0][0] if needs else "")
        self.needs.setAccessibleName(translate("ServicesDialog", "Needs a room or equipment"))
        needs_line = self.needs.lineEdit()
        assert needs_line is not None
        needs_line.setPlaceholderText(translate("ServicesDialog", "Nothing besides a professional"))
        self.needs_count = QSpinBox()
        self.needs_count.setRange(1, 10)
        self.needs_count.setValue(needs[0][1] if needs else 1)
        self.needs_count.setAccessibleName(translate("ServicesDialog", "How many"))
        self._other_needs = needs[1:]
        had = services.skills.of_services().get(service.id, []) if service else []
        self._skills_before = had
        self.skills = skills_field(services, had)
        self.skills.setAccessibleName(translate("ServicesDialog", "Skills it needs"))
        self.team = QComboBox()
        self.team.setAccessibleName(translate("ServicesDialog", "Given by"))
        self.team.addItem(translate("ServicesDialog", "Anyone (no team)"), None)
        for team_id, name in services.teams.active():
            self.team.addItem(name, team_id)
        self._team_before = services.teams.service_teams().get(service.id) if service else None
        self.team.setCurrentIndex(max(0, self.team.findData(self._team_before)))
        e = self.errors
        form = QFormLayout()
        form.addRow(translate("ServicesDialog", "Name"), e.field("name", self.name))
        form.addRow(translate("ServicesDialog", "Length"), e.field("duration_minutes", self.length))
        money = QHBoxLayout()
        money.addWidget(e.field("price", self.price), 1)
        money.addWidget(e.field("currency", self.currency))
        form.addRow(translate("ServicesDialog", "Price"), money)
        form.addRow(translate("ServicesDialog", "Colour"), e.field("color", self.color))
        form.addRow(
            translate("ServicesDialog", "Reminders before"),
            e.field("reminder_minutes", self.reminders),
        )
        if kinds or needs:  # the clinic has rooms or equipment
            wanted = QHBoxLayout()
            wanted.addWidget(self.needs_count)
            wanted.addWidget(e.field("needs", self.needs), 1)
            form.addRow(translate("ServicesDialog", "Needs"), wanted)
        else:
            self.needs.hide()
            self.needs_count.hide()
        form.addRow(translate("ServicesDialog", "Skills it needs"), e.field("skills", self.skills))
        if self.team.count() > 1 or self._team_before is not None:
            form.addRow(translate("ServicesDialog", "Given by"), e.field("team", self.team))
        else:
            self.team.hide()
        form.addRow("", self.active)
        buttons = dialog_buttons(self, self.save)
        buttons.button(Button.Save).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors.message)
        layout.addWidget(buttons)
        follow_fields(
            [
                self.name,
                self.length,
                self.price,
                self.currency,
                self.color.swatch,
                self.color.other,
                self.reminders,
                self.active,
                buttons,
            ]
        )
        self.name.setFocus()

    def details(self) -> ServiceDetails:
        try:
            price = parse_money(self.price.text()) or Decimal(0)
        except ValueError:
            raise ValidationError(
                translate(
                    "ServicesDialog", "“{text}” is not an amount: write e.g. {example}."
                ).format(text=self.price.text().strip(), example=money_text(Decimal("45.5"))),
                "price",
            ) from None
        return ServiceDetails(
            name=self.name.text(),
            duration_minutes=self.length.value(),
            price=price,
            currency=self.currency.text(),
            color=self.color.color(),
            reminder_minutes=read_lead_times(self.reminders.text()),
            is_active=self.active.isChecked(),
        )

    def save(self) -> None:
        catalog, actor = self._services.catalog, self._services.actor_id
        try:
            details = self.details()
            if self._service is None:
                self.saved = catalog.add(actor, details)
                self._service = self.saved  # saving again (a refusal below) edits it
            else:
                self.saved = catalog.update(actor, self._service.id, details)
            team = self.team.currentData()
            if team != self._team_before:
                self._services.teams.set_service_team(actor, self.saved.id, team)
                self._team_before = team
            wanted_skills = read_skills(self.skills)
            if wanted_skills != self._skills_before:
                self._services.skills.set_for_service(actor, self.saved.id, wanted_skills)
                self._skills_before = wanted_skills
            kind = self.needs.currentText().strip()
            wanted = [(kind, self.needs_count.value())] if kind else []
            if self.needs.isVisibleTo(self) or self._other_needs:
                self._services.resources.set_needs(
                    actor, self.saved.id, [*wanted, *self._other_needs]
                )
        except SchedulerError as exc:
            self.errors.show(exc)
            return
        self.accept()


class ServicesDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ServicesDialog", "Services"))
        self.resize(620, 460)
        self._services = services
        self.changed = False
        self.list = QListWidget()
        self.list.setAccessibleName(translate("ServicesDialog", "Services, in the desk's order"))
        self.list.itemActivated.connect(lambda _item: self.edit())
        self.add_button = QPushButton(translate("ServicesDialog", "Add..."))
        self.edit_button = QPushButton(translate("ServicesDialog", "Edit..."))
        self.retire_button = QPushButton(translate("ServicesDialog", "Retire"))
        self.up_button = QPushButton(translate("ServicesDialog", "Move up"))
        self.down_button = QPushButton(translate("ServicesDialog", "Move down"))
        for button, slot in (
            (self.add_button, self.add),
            (self.edit_button, self.edit),
            (self.retire_button, self.toggle_retired),
            (self.up_button, lambda: self.move_by(-1)),
            (self.down_button, lambda: self.move_by(1)),
        ):
            button.clicked.connect(slot)
            button.setAccessibleName(button.text().rstrip("."))
            button.setAutoDefault(False)
        self.up_button.setToolTip(translate("ServicesDialog", "Move up (Alt+Up)"))
        self.down_button.setToolTip(translate("ServicesDialog", "Move down (Alt+Down)"))
        QShortcut(QKeySequence("Alt+Up"), self, lambda: self.move_by(-1))
        QShortcut(QKeySequence("Alt+Down"), self, lambda: self.move_by(1))
        self.message = problem_line(translate("ServicesDialog", "What went wrong"))
        side = QVBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.retire_button,
            self.up_button,
            self.down_button,
        ):
            side.addWidget(button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        close = dialog_buttons(self, accept=Button.Close, reject=Button.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                translate(
                    "ServicesDialog",
                    "Retired services are no longer offered; past appointments keep them.",
                )
            )
        )
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.load()

    def load(self, select: int | None = None) -> None:
        try:
            found = self._services.catalog.services(include_retired=True)
        except SchedulerError as exc:
            self.message.setText(exc.message)
            return
        self.list.clear()
        for service in found:
            text = translate("ServicesDialog", "{name} · {minutes} min · {price}").format(
                name=service.name,
                minutes=service.duration_minutes,
                price=money_text(service.price, service.currency),
            )
            if not service.is_active:
                text += " " + translate("ServicesDialog", "(retired)")
            item = QListWidgetItem(swatch(service.color), text)
            item.setData(IdRole, service)
            if not service.is_active:
                item.setForeground(QColor("#5f6368"))
            self.list.addItem(item)
        ids = [s.id for s in found]
        self.list.setCurrentRow(ids.index(select) if select in ids else (0 if ids else -1))
        self._update_buttons()

    def current(self) -> ServiceView | None:
        item = self.list.currentItem()
        found: ServiceView | None = item.data(IdRole) if item is not None else None
        return found

    def _all(self) -> list[ServiceView]:
        return [self.list.item(r).data(IdRole) for r in range(self.list.count())]

    def _update_buttons(self) -> None:
        chosen = self.current()
        row, count = self.list.currentRow(), self.list.count()
        for button in (self.edit_button, self.retire_button):
            button.setEnabled(chosen is not None)
        self.retire_button.setText(
            translate("ServicesDialog", "Offer again")
            if chosen is not None and not chosen.is_active
            else translate("ServicesDialog", "Retire")
        )
        self.retire_button.setAccessibleName(self.retire_button.text())
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    def _editor(self, service: ServiceView | None) -> ServiceView | None:
        used = [s.color for s in self._all()]
        editor = ServiceEditor(self._services, service, used, self)
        if editor.exec() != QDialog.DialogCode.Accepted or editor.saved is None:
            return None
        self.changed = True
        self.load(editor.saved.id)
        return editor.saved

    def add(self) -> ServiceView | None:
        return self._editor(None)

    def edit(self) -> ServiceView | None:
        chosen = self.current()
        return self._editor(chosen) if chosen is not None else None

    def toggle_retired(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        self._run(
            lambda: self._services.catalog.set_active(
                self._services.actor_id, chosen.id, not chosen.is_active
            ),
            chosen.id,
        )

    def move_by(self, step: int) -> None:
        chosen, row = self.current(), self.list.currentRow()
        ids = [s.id for s in self._all()]
        if chosen is None or not 0 <= row + step < len(ids):
            return
        ids[row], ids[row + step] = ids[row + step], ids[row]
        self._run(lambda: self._services.catalog.reorder(self._services.actor_id, ids), chosen.id)

    def _run(self, change: Callable[[], object], select: int) -> None:
        change_and_reload(self, change, select)
