"""Clinic > Rooms and equipment: the clinic's resources and their maintenance.

Add and edit (name, kind of room or equipment, capacity, location, costs,
specifications) in `ResourceEditor`; retire and bring back; maintenance windows
in `MaintenanceEditor`. Every change is saved at once through the services; a
refusal (a room still holding appointments, say) is shown with its reason.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.localtime import LocalTimeError, localize
from scheduler_app.domain.resources import MAX_CAPACITY, ResourceKind
from scheduler_app.errors import SchedulerError, ValidationError
from scheduler_app.services.bundle import Services
from scheduler_app.services.resources import ResourceDetails, ResourceView
from scheduler_app.ui.dialog_buttons import Button, dialog_buttons
from scheduler_app.ui.field_errors import FieldErrors
from scheduler_app.ui.i18n import money_text, parse_money, translate
from scheduler_app.ui.list_editing import change_and_reload, problem_line
from scheduler_app.ui.opening_hours_editor import OpeningHoursEditor

IdRole = Qt.ItemDataRole.UserRole


def kind_names() -> dict[str, str]:
    return {
        ResourceKind.ROOM.value: translate("ResourcesDialog", "Room"),
        ResourceKind.EQUIPMENT.value: translate("ResourcesDialog", "Equipment"),
        ResourceKind.VEHICLE.value: translate("ResourcesDialog", "Vehicle"),
        ResourceKind.OTHER.value: translate("ResourcesDialog", "Other"),
    }


def categories(found: list[ResourceView]) -> list[str]:
    """The kinds of rooms and equipment the clinic has ("Treatment room"), sorted."""
    return sorted({r.category for r in found}, key=str.casefold)


class ResourceEditor(QDialog):
    """One resource's details; Save asks the services and stays open on a refusal."""

    def __init__(
        self,
        services: Services,
        resource: ResourceView | None,
        known: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._resource = resource
        self.saved: ResourceView | None = None
        self.setWindowTitle(
            translate("ResourcesDialog", "New room or equipment")
            if resource is None
            else translate("ResourcesDialog", "Room or equipment: {name}").format(
                name=resource.name
            )
        )
        self.setMinimumWidth(480)
        self.errors = FieldErrors(QLabel())
        self.name = QLineEdit(resource.name if resource else "")
        self.name.setAccessibleName(translate("ResourcesDialog", "Name"))
        self.name.setPlaceholderText(translate("ResourcesDialog", "Room 1"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(translate("ResourcesDialog", "Kind"))
        for value, label in kind_names().items():
            self.kind.addItem(label, value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(resource.kind if resource else "")))
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.category.addItems(known)
        self.category.setEditText(resource.category if resource else "")
        self.category.setAccessibleName(translate("ResourcesDialog", "What it is"))
        line = self.category.lineEdit()
        assert line is not None
        line.setPlaceholderText(translate("ResourcesDialog", "Treatment room"))
        self.capacity = QSpinBox()
        self.capacity.setRange(1, MAX_CAPACITY)
        self.capacity.setValue(resource.capacity if resource else 1)
        self.capacity.setAccessibleName(translate("ResourcesDialog", "Appointments at once"))
        self.location = QLineEdit(resource.location if resource else "")
        self.location.setAccessibleName(translate("ResourcesDialog", "Location"))
        self.cost_per_hour = QLineEdit(money_text(resource.cost_per_hour) if resource else "")
        self.cost_per_hour.setAccessibleName(translate("ResourcesDialog", "Cost per hour"))
        self.cost_per_use = QLineEdit(money_text(resource.cost_per_use) if resource else "")
        self.cost_per_use.setAccessibleName(translate("ResourcesDialog", "Cost per use"))
        self.specifications = QPlainTextEdit(resource.specifications if resource else "")
        self.specifications.setAccessibleName(translate("ResourcesDialog", "Specifications"))
        self.specifications.setFixedHeight(70)
        e = self.errors
        form = QFormLayout()
        form.addRow(translate("ResourcesDialog", "Name"), e.field("name", self.name))
        form.addRow(translate("ResourcesDialog", "Kind"), e.field("kind", self.kind))
        form.addRow(
            translate("ResourcesDialog", "What it is (services ask for this)"),
            e.field("category", self.category),
        )
        form.addRow(
            translate("ResourcesDialog", "Appointments at once"),
            e.field("capacity", self.capacity),
        )
        form.addRow(translate("ResourcesDialog", "Location"), self.location)
        costs = QHBoxLayout()
        costs.addWidget(e.field("cost_per_hour", self.cost_per_hour))
        costs.addWidget(QLabel(translate("ResourcesDialog", "per hour, or")))
        costs.addWidget(e.field("cost_per_use", self.cost_per_use))
        costs.addWidget(QLabel(translate("ResourcesDialog", "per use")))
        form.addRow(translate("ResourcesDialog", "Cost"), costs)
        form.addRow(translate("ResourcesDialog", "Specifications"), self.specifications)
        self.hours = OpeningHoursEditor(
            self.errors,
            field="hours",
            empty=translate("ResourcesDialog", "Not available"),
            named=translate("ResourcesDialog", "Hours it can be used on {day}"),
        )
        self.hours.show_hours(resource.hours if resource else ())
        hours = QGroupBox(translate("ResourcesDialog", "Hours it can be used"))
        hours_layout = QVBoxLayout(hours)
        note = QLabel(
            translate(
                "ResourcesDialog",
                "Leave every day empty to use it whenever the clinic is open.",
            )
        )
        note.setWordWrap(True)
        hours_layout.addWidget(note)
        hours_layout.addWidget(self.hours)
        buttons = dialog_buttons(self, self.save)
        buttons.button(Button.Save).setDefault(True)
        layout = QVBoxLayout(self)
        columns = QHBoxLayout()
        columns.addLayout(form, 3)
        columns.addWidget(hours, 2)
        layout.addLayout(columns)
        layout.addWidget(self.errors.message)
        layout.addWidget(buttons)
        self.name.setFocus()

    def _money(self, field: QLineEdit, name: str) -> Decimal | None:
        text = field.text().strip()
        if not text:
            return None
        try:
            return parse_money(text)
        except ValueError:
            raise ValidationError(
                translate(
                    "ResourcesDialog", "“{text}” is not an amount: write e.g. {example}."
                ).format(text=text, example=money_text(Decimal("12.5"))),
                name,
            ) from None

    def details(self) -> ResourceDetails:
        return ResourceDetails(
            name=self.name.text(),
            category=self.category.currentText(),
            kind=self.kind.currentData(),
            capacity=self.capacity.value(),
            location=self.location.text(),
            cost_per_hour=self._money(self.cost_per_hour, "cost_per_hour"),
            cost_per_use=self._money(self.cost_per_use, "cost_per_use"),
            specifications=self.specifications.toPlainText(),
            hours=self.hours.hours(),
        )

    def save(self) -> None:
        found, actor = self._services.resources, self._services.actor_id
        try:
            details = self.details()
            if self._resource is None:
                self.saved = found.add(actor, details)
            else:
                self.saved = found.update(actor, self._resource.id, details)
        except SchedulerError as exc:
            self.errors.show(exc)
            return
        self.accept()


class MaintenanceEditor(QDialog):
    """A maintenance window for one resource: from, until, why."""

    def __init__(
        self, services: Services, resource: ResourceView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._resource = resource
        self.setWindowTitle(
            translate("ResourcesDialog", "Maintenance: {name}").format(name=resource.name)
        )
        tz = services.context.timezone
        start = services.context.now().astimezone(tz).replace(minute=0, second=0, microsecond=0)
        start += timedelta(days=1)
        until = start + timedelta(hours=2)
        self.start = QDateTimeEdit(
            QDateTime(start.year, start.month, start.day, start.hour, start.minute, 0)
        )
        self.start.setCalendarPopup(True)
        self.start.setAccessibleName(translate("ResourcesDialog", "From"))
        self.end = QDateTimeEdit(
            QDateTime(until.year, until.month, until.day, until.hour, until.minute, 0)
        )
        self.end.setCalendarPopup(True)
        self.end.setAccessibleName(translate("ResourcesDialog", "Until"))
        self.reason = QLineEdit()
        self.reason.setAccessibleName(translate("ResourcesDialog", "Reason"))
        self.reason.setPlaceholderText(translate("ResourcesDialog", "Cleaning, repairs..."))
        self.errors = FieldErrors(QLabel())
        form = QFormLayout()
        form.addRow(translate("ResourcesDialog", "From"), self.start)
        form.addRow(translate("ResourcesDialog", "Until"), self.errors.field("end", self.end))
        form.addRow(translate("ResourcesDialog", "Reason"), self.reason)
        buttons = dialog_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors.message)
        layout.addWidget(buttons)

    def _moment(self, edit: QDateTimeEdit) -> datetime:
        d, t = edit.dateTime().date(), edit.dateTime().time()
        return localize(
            date(d.year(), d.month(), d.day()),
            time(t.hour(), t.minute()),
            self._services.context.timezone,
        )

    def save(self) -> None:
        try:
            self._services.resources.add_maintenance(
                self._services.actor_id,
                self._resource.id,
                self._moment(self.start),
                self._moment(self.end),
                self.reason.text(),
            )
        except LocalTimeError as exc:
            self.errors.show(ValidationError(str(exc), "end"))
            return
        except SchedulerError as exc:
            self.errors.show(exc)
            return
        self.accept()


class ResourcesDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ResourcesDialog", "Rooms and equipment"))
        self.resize(640, 480)
        self._services = services
        self.changed = False
        self.list = QListWidget()
        self.list.setAccessibleName(translate("ResourcesDialog", "Rooms and equipment"))
        self.list.itemActivated.connect(lambda _item: self.edit())
        self.add_button = QPushButton(translate("ResourcesDialog", "Add..."))
        self.edit_button = QPushButton(translate("ResourcesDialog", "Edit..."))
        self.retire_button = QPushButton(translate("ResourcesDialog", "Retire"))
        self.maintenance_button = QPushButton(translate("ResourcesDialog", "Maintenance..."))
        side = QVBoxLayout()
        for button, slot in (
            (self.add_button, self.add),
            (self.edit_button, self.edit),
            (self.retire_button, self.toggle_retired),
            (self.maintenance_button, self.maintenance),
        ):
            button.clicked.connect(slot)
            button.setAccessibleName(button.text().rstrip("."))
            button.setAutoDefault(False)
            side.addWidget(button)
        side.addStretch(1)
        self.windows = QListWidget()
        self.windows.setAccessibleName(translate("ResourcesDialog", "Maintenance to come"))
        self.message = problem_line(translate("ResourcesDialog", "What went wrong"))
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                translate(
                    "ResourcesDialog",
                    "A service that needs a kind of room takes a free one when it is booked.",
                )
            )
        )
        layout.addLayout(row, 2)
        layout.addWidget(QLabel(translate("ResourcesDialog", "Maintenance to come")))
        layout.addWidget(self.windows, 1)
        layout.addWidget(self.message)
        layout.addWidget(dialog_buttons(self, accept=Button.Close, reject=Button.Close))
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.load()

    def load(self, select: int | None = None) -> None:
        try:
            found = self._services.resources.resources(include_retired=True)
            windows = self._services.resources.maintenance(self._services.context.now())
        except SchedulerError as exc:
            self.message.setText(exc.message)
            return
        kinds = kind_names()
        self.list.clear()
        for resource in found:
            text = translate("ResourcesDialog", "{name} · {what} · {count} at once").format(
                name=resource.name, what=resource.category, count=resource.capacity
            )
            if resource.kind != ResourceKind.ROOM.value:
                text += f" · {kinds.get(resource.kind, resource.kind)}"
            if not resource.is_active:
                text += " " + translate("ResourcesDialog", "(retired)")
            item = QListWidgetItem(text)
            item.setData(IdRole, resource)
            if not resource.is_active:
                item.setForeground(QColor("#5f6368"))
            self.list.addItem(item)
        names = {r.id: r.name for r in found}
        tz = self._services.context.timezone
        self.windows.clear()
        for window in windows:
            a, b = window.start.astimezone(tz), window.end.astimezone(tz)
            self.windows.addItem(
                f"{names.get(window.resource_id, '')}: {a:%a %d %b %H:%M} - {b:%a %d %b %H:%M}"
                + (f" ({window.reason})" if window.reason else "")
            )
        ids = [r.id for r in found]
        self.list.setCurrentRow(ids.index(select) if select in ids else (0 if ids else -1))
        self._update_buttons()

    def current(self) -> ResourceView | None:
        item = self.list.currentItem()
        found: ResourceView | None = item.data(IdRole) if item is not None else None
        return found

    def _update_buttons(self) -> None:
        chosen = self.current()
        for button in (self.edit_button, self.retire_button, self.maintenance_button):
            button.setEnabled(chosen is not None)
        self.retire_button.setText(
            translate("ResourcesDialog", "Bring back")
            if chosen is not None and not chosen.is_active
            else translate("ResourcesDialog", "Retire")
        )
        self.retire_button.setAccessibleName(self.retire_button.text())

    def _editor(self, resource: ResourceView | None) -> None:
        known = [self.list.item(r).data(IdRole) for r in range(self.list.count())]
        editor = ResourceEditor(self._services, resource, categories(known), self)
        if editor.exec() != QDialog.DialogCode.Accepted or editor.saved is None:
            return
        self.changed = True
        self.load(editor.saved.id)

    def add(self) -> None:
        self._editor(None)

    def edit(self) -> None:
        chosen = self.current()
        if chosen is not None:
            self._editor(chosen)

    def maintenance(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        if MaintenanceEditor(self._services, chosen, self).exec() == QDialog.DialogCode.Accepted:
            self.changed = True
            self.load(chosen.id)

    def toggle_retired(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        self._run(
            lambda: self._services.resources.set_active(
                self._services.actor_id, chosen.id, not chosen.is_active
            ),
            chosen.id,
        )

    def _run(self, change: Callable[[], object], select: int) -> None:
        change_and_reload(self, change, select)
