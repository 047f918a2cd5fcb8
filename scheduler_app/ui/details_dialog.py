"""An appointment's details: what it is about, notes, where (not when or who)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from scheduler_app.services.dto import AppointmentView
from scheduler_app.ui.dialog_buttons import dialog_buttons


class DetailsDialog(QDialog):
    def __init__(self, appt: AppointmentView, tz: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Appointment details")
        self._appt = appt
        start, end = appt.start.astimezone(tz), appt.end.astimezone(tz)
        form = QFormLayout(self)
        form.addRow("When:", QLabel(f"{start:%a %d %b %Y %H:%M}-{end:%H:%M}"))
        form.addRow("Client:", QLabel(appt.client_name or "-"))
        form.addRow("Professional:", QLabel(appt.professional_name or "Unassigned"))
        form.addRow("Status:", QLabel(appt.status.label))
        self.title = QLineEdit(appt.title)
        self.title.setAccessibleName("Title")
        self.location = QLineEdit(appt.location)
        self.location.setAccessibleName("Location")
        self.description = QPlainTextEdit(appt.description)
        self.description.setAccessibleName("Notes")
        form.addRow("Title:", self.title)
        form.addRow("Location:", self.location)
        form.addRow("Notes:", self.description)
        form.addRow(dialog_buttons(self))

    def changes(self) -> dict[str, Any]:
        """Only the fields that differ from the appointment as it was opened."""
        now = {
            "title": self.title.text().strip(),
            "location": self.location.text().strip(),
            "description": self.description.toPlainText().strip(),
        }
        return {k: v for k, v in now.items() if v != getattr(self._appt, k)}
