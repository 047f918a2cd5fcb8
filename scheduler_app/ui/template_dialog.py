"""Clinic > Message templates: the wording of confirmations, changes and reminders."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.templates import PLACEHOLDERS
from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.ui.dialog_buttons import dialog_buttons

KINDS = [
    ("appointment_created", "Booking confirmation"),
    ("appointment_updated", "Appointment changed"),
    ("appointment_cancelled", "Appointment cancelled"),
    ("appointment_reminder", "Reminder"),
]
CHANNELS = [("email", "E-mail"), ("sms", "SMS"), ("in_app", "At the desk")]


class TemplateDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Message templates")
        self.setMinimumWidth(560)
        self._services = services
        self.kind = QComboBox()
        for value, label in KINDS:
            self.kind.addItem(label, value)
        self.channel = QComboBox()
        for value, label in CHANNELS:
            self.channel.addItem(label, value)
        self.subject = QLineEdit()
        self.body = QPlainTextEdit()
        self.kind.setAccessibleName("Message")
        self.channel.setAccessibleName("Sent by")
        self.subject.setAccessibleName("Subject")
        self.body.setAccessibleName("Text")
        hint = QLabel(
            "Placeholders: "
            + ", ".join(f"{{{name}}} ({meaning})" for name, meaning in PLACEHOLDERS.items())
        )
        hint.setWordWrap(True)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Message", self.kind)
        form.addRow("Sent by", self.channel)
        form.addRow("Subject", self.subject)
        form.addRow("Text", self.body)
        buttons = dialog_buttons(self, self.save, reject=QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.outcome)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self.load)
        self.channel.currentIndexChanged.connect(self.load)
        self.load()

    def load(self) -> None:
        subject, body = self._services.directory.template(
            self.kind.currentData(), self.channel.currentData()
        )
        self.subject.setText(subject)
        self.body.setPlainText(body)
        self.outcome.clear()

    def save(self) -> None:
        try:
            self._services.directory.save_template(
                self._services.actor_id,
                self.kind.currentData(),
                self.channel.currentData(),
                self.subject.text(),
                self.body.toPlainText(),
            )
        except SchedulerError as exc:
            self.outcome.setStyleSheet("color: #b71c1c;")
            self.outcome.setText(exc.message)
            return
        self.outcome.setStyleSheet("color: #1b5e20;")
        self.outcome.setText("Saved. New messages use this wording.")
