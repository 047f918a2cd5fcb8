"""Clinic > Settings: name, time zone, grid step, default length, currency, opening
hours per weekday and reminder lead times, in one dialog.

Save asks the services; a refusal is shown next to its field with everything
typed kept. Moving the clinic to another time zone with appointments ahead says
first what happens: each keeps its instant, the wall-clock time shown moves.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, available_timezones

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.recurrence import MAX_SERIES_HORIZON_DAYS
from scheduler_app.errors import SchedulerError, ValidationError
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import ClinicSettings
from scheduler_app.ui.dialog_buttons import Button, dialog_buttons
from scheduler_app.ui.durations_text import lead_times_text, read_lead_times
from scheduler_app.ui.field_errors import FieldErrors
from scheduler_app.ui.i18n import day_text, time_text, translate
from scheduler_app.ui.keyboard_order import follow_fields
from scheduler_app.ui.message_boxes import ask
from scheduler_app.ui.opening_hours_editor import OpeningHoursEditor

SLOT_MINUTES = (5, 10, 15, 20, 30, 60)


def zone_names() -> list[str]:
    """The zones to offer: "Area/City" ones and UTC (not the old aliases such as
    "Portugal" or "W-SU", which name the same zones)."""
    legacy = ("Etc/", "SystemV/", "US/", "Canada/", "Mexico/", "Brazil/", "Chile/")
    return sorted(
        name
        for name in available_timezones()
        if (("/" in name and not name.startswith(legacy)) or name == "UTC")
    )


def zone_box(current: str) -> QComboBox:
    """An IANA time zone, chosen from the list or typed (any part of its name finds it)."""
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    names = zone_names()
    box.addItems(names if current in names or not current else [current, *names])
    completer = QCompleter(box.model(), box)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    box.setCompleter(completer)
    box.setEditText(current)
    box.setAccessibleName(translate("SettingsDialog", "Time zone"))
    return box


def zone_change_text(first: datetime, old: str, new: str, count: int) -> str:
    """What moving to ``new`` does to what is booked, with the first one as example."""
    before, after = first.astimezone(ZoneInfo(old)), first.astimezone(ZoneInfo(new))
    return translate(
        "SettingsDialog",
        "Appointments keep their moment in time; the times shown follow the new zone. "
        "The first of the {count} appointments to come, on {day} at {before} in {old}, "
        "will show on {new_day} at {after} in {new}.\n\nUse {new} from now on?",
    ).format(
        count=count,
        day=day_text(before.date()),
        before=time_text(before),
        old=old,
        new_day=day_text(after.date()),
        after=time_text(after),
        new=new,
    )


class SettingsDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("SettingsDialog", "Clinic settings"))
        self._services = services
        self.saved: ClinicSettings | None = None
        current = self._current = services.settings.current()
        self.errors = FieldErrors(QLabel())
        self.name = QLineEdit(current.name)
        self.name.setAccessibleName(translate("SettingsDialog", "Clinic name"))
        self.zone = zone_box(current.timezone)
        self.slot = QComboBox()
        self.slot.setAccessibleName(translate("SettingsDialog", "Grid step"))
        for minutes in SLOT_MINUTES:
            self.slot.addItem(translate("SettingsDialog", "{minutes} min").format(minutes=minutes))
            self.slot.setItemData(self.slot.count() - 1, minutes)
        self.slot.setCurrentIndex(max(0, self.slot.findData(current.slot_minutes)))
        self.length = QSpinBox()
        self.length.setRange(1, 720)
        self.length.setSuffix(translate("SettingsDialog", " min"))
        self.length.setValue(current.default_duration_minutes)
        self.length.setAccessibleName(translate("SettingsDialog", "Default length in minutes"))
        self.currency = QLineEdit(current.currency)
        self.currency.setMaxLength(3)
        self.currency.setMaximumWidth(80)
        self.currency.setAccessibleName(translate("SettingsDialog", "Currency"))
        self.reminders = QLineEdit(lead_times_text(current.reminder_minutes))
        self.reminders.setPlaceholderText(
            translate("SettingsDialog", "e.g. 1 day, 2 hours (none when empty)")
        )
        self.reminders.setAccessibleName(
            translate("SettingsDialog", "Reminders before each appointment")
        )
        self.horizon = QSpinBox()
        self.horizon.setRange(7, MAX_SERIES_HORIZON_DAYS)
        self.horizon.setSuffix(translate("SettingsDialog", " days"))
        self.horizon.setValue(current.series_horizon_days)
        self.horizon.setAccessibleName(
            translate("SettingsDialog", "How far ahead a series may reach, in days")
        )
        self.hours = OpeningHoursEditor(self.errors)
        self.hours.show_hours(current.opening_hours)

        clinic = QFormLayout()
        e = self.errors
        clinic.addRow(translate("SettingsDialog", "Name"), e.field("name", self.name))
        clinic.addRow(translate("SettingsDialog", "Time zone"), e.field("timezone", self.zone))
        clinic.addRow(translate("SettingsDialog", "Grid step"), e.field("slot_minutes", self.slot))
        clinic.addRow(
            translate("SettingsDialog", "Default length"),
            e.field("default_duration_minutes", self.length),
        )
        clinic.addRow(translate("SettingsDialog", "Currency"), e.field("currency", self.currency))
        clinic.addRow(
            translate("SettingsDialog", "Reminders before"),
            e.field("reminder_minutes", self.reminders),
        )
        clinic.addRow(
            translate("SettingsDialog", "Series reach at most"),
            e.field("series_horizon_days", self.horizon),
        )
        left = QGroupBox(translate("SettingsDialog", "Clinic"))
        left.setLayout(clinic)
        right = QGroupBox(translate("SettingsDialog", "Opening hours"))
        hours = QVBoxLayout(right)
        hint = QLabel(
            translate(
                "SettingsDialog",
                "Several ranges a day are separated by commas; leave a day empty when closed.",
            )
        )
        hint.setWordWrap(True)
        hours.addWidget(hint)
        hours.addWidget(self.hours)
        columns = QHBoxLayout()
        columns.addWidget(left, 1)
        columns.addWidget(right, 1)
        self.buttons = dialog_buttons(self, self.save)
        self.buttons.button(Button.Save).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.errors.message)
        layout.addWidget(self.buttons)
        follow_fields(
            [
                self.name,
                self.zone,
                self.slot,
                self.length,
                self.currency,
                self.reminders,
                self.horizon,
                *self.hours.days,
                self.hours.copy,
                self.buttons,
            ]
        )
        self.name.setFocus()

    def settings(self) -> ClinicSettings:
        """What is filled in (raises `ValidationError` for what cannot be read, the
        fields in the order shown)."""
        reminders = read_lead_times(self.reminders.text())
        return ClinicSettings(
            name=self.name.text(),
            timezone=self.zone.currentText().strip(),
            slot_minutes=int(self.slot.currentData()),
            default_duration_minutes=self.length.value(),
            currency=self.currency.text(),
            opening_hours=self.hours.hours(),
            reminder_minutes=reminders,
            series_horizon_days=self.horizon.value(),
        )

    def save(self) -> None:
        """Save; on a refusal stay open with the reason next to the field."""
        try:
            wanted = self.settings()
            if wanted.timezone != self._current.timezone and not self._zone_change_agreed(wanted):
                return
            self.saved = self._services.settings.save(self._services.actor_id, wanted)
        except SchedulerError as exc:
            self.errors.show(exc)
            return
        self.accept()

    def _zone_change_agreed(self, wanted: ClinicSettings) -> bool:
        if wanted.timezone not in available_timezones():
            raise ValidationError(
                translate(
                    "SettingsDialog", "Unknown time zone {zone}: choose one from the list."
                ).format(zone=wanted.timezone),
                "timezone",
            )
        ahead = self._services.settings.zone_change()
        if ahead.first_start is None:
            return True
        return ask(
            self,
            translate("SettingsDialog", "Change the time zone?"),
            zone_change_text(
                ahead.first_start, self._current.timezone, wanted.timezone, ahead.upcoming
            ),
            translate("SettingsDialog", "Change the time zone"),
            translate("SettingsDialog", "Keep {zone}").format(zone=self._current.timezone),
        )
