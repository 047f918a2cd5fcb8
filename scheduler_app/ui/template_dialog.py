"""Clinic > Message templates: the wording of confirmations, changes and reminders.

Choosing another message (or channel) while the shown one has unsaved edits asks
first: save them, drop them, or stay.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.templates import PLACEHOLDERS
from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.ui.dialog_buttons import dialog_buttons
from scheduler_app.ui.i18n import translate


def kinds() -> list[tuple[str, str]]:
    return [
        ("appointment_created", translate("TemplateDialog", "Booking confirmation")),
        ("appointment_updated", translate("TemplateDialog", "Appointment changed")),
        (
            "schedule_change",
            translate("TemplateDialog", "Changed by the clinic (time or professional)"),
        ),
        ("appointment_cancelled", translate("TemplateDialog", "Appointment cancelled")),
        ("appointment_reminder", translate("TemplateDialog", "Reminder")),
        ("waitlist_offer", translate("TemplateDialog", "A freed time held for a waiting client")),
    ]


def channels() -> list[tuple[str, str]]:
    return [
        ("email", translate("TemplateDialog", "E-mail")),
        ("sms", translate("TemplateDialog", "SMS")),
        ("in_app", translate("TemplateDialog", "At the desk")),
    ]


def placeholder_meanings() -> dict[str, str]:
    return {
        "client": translate("TemplateDialog", "the client's name"),
        "professional": translate("TemplateDialog", "the professional's name (or 'our team')"),
        "service": translate("TemplateDialog", "the service booked"),
        "date": translate("TemplateDialog", "the day, e.g. Tue 03 Mar 2026"),
        "time": translate("TemplateDialog", "the start time, e.g. 10:30"),
        "location": translate("TemplateDialog", "where it takes place"),
        "meeting_url": translate("TemplateDialog", "the video link of a virtual appointment"),
        "clinic": translate("TemplateDialog", "the clinic's name"),
        "until": translate(
            "TemplateDialog", "until when a freed time is held, e.g. Tue 03 Mar 14:30"
        ),
    }


class TemplateDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("TemplateDialog", "Message templates"))
        self.setMinimumWidth(560)
        self._services = services
        self._loaded = ("", "")  # subject and text as last loaded or saved
        self._shown = (0, 0)  # the message and channel indexes they belong to
        self.kind = QComboBox()
        for value, label in kinds():
            self.kind.addItem(label, value)
        self.channel = QComboBox()
        for value, label in channels():
            self.channel.addItem(label, value)
        self.subject = QLineEdit()
        self.body = QPlainTextEdit()
        self.kind.setAccessibleName(translate("TemplateDialog", "Message"))
        self.channel.setAccessibleName(translate("TemplateDialog", "Sent by"))
        self.subject.setAccessibleName(translate("TemplateDialog", "Subject"))
        self.body.setAccessibleName(translate("TemplateDialog", "Text"))
        meanings = placeholder_meanings()
        hint = QLabel(
            translate("TemplateDialog", "Placeholders: {list}").format(
                list=", ".join(f"{{{name}}} ({meanings.get(name, name)})" for name in PLACEHOLDERS)
            )
        )
        hint.setWordWrap(True)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName(translate("TemplateDialog", "Result"))
        form = QFormLayout()
        form.addRow(translate("TemplateDialog", "Message"), self.kind)
        form.addRow(translate("TemplateDialog", "Sent by"), self.channel)
        form.addRow(translate("TemplateDialog", "Subject"), self.subject)
        form.addRow(translate("TemplateDialog", "Text"), self.body)
        buttons = dialog_buttons(self, self.save, reject=QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.outcome)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._switch)
        self.channel.currentIndexChanged.connect(self._switch)
        self.load()

    @property
    def edited(self) -> bool:
        return (self.subject.text(), self.body.toPlainText()) != self._loaded

    def _switch(self) -> None:
        """Another message chosen: ask before dropping unsaved edits of the one shown."""
        if self.edited:
            answer = self._ask_unsaved()
            if answer == "stay" or (answer == "save" and not self._save_shown()):
                self._show_choice(*self._shown)
                return
        self.load()

    def _ask_unsaved(self) -> str:
        """ "save", "drop" or "stay" (a message box whose buttons say so)."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            translate("TemplateDialog", "Unsaved changes"),
            translate(
                "TemplateDialog", "The wording of “{message}” has changed. Save the changes first?"
            ).format(message=self.kind.itemText(self._shown[0])),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        save = box.addButton(
            translate("TemplateDialog", "Save changes"), QMessageBox.ButtonRole.AcceptRole
        )
        drop = box.addButton(
            translate("TemplateDialog", "Discard changes"), QMessageBox.ButtonRole.DestructiveRole
        )
        stay = box.addButton(
            translate("TemplateDialog", "Keep editing"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(save)
        box.setEscapeButton(stay)
        box.exec()
        clicked = box.clickedButton()
        return "save" if clicked is save else "drop" if clicked is drop else "stay"

    def _show_choice(self, kind: int, channel: int) -> None:
        for combo, index in ((self.kind, kind), (self.channel, channel)):
            combo.blockSignals(True)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)

    def load(self) -> None:
        subject, body = self._services.directory.template(
            self.kind.currentData(), self.channel.currentData()
        )
        self.subject.setText(subject)
        self.body.setPlainText(body)
        self._loaded = (subject, body)
        self._shown = (self.kind.currentIndex(), self.channel.currentIndex())
        self.outcome.clear()

    def _save_shown(self) -> bool:
        """Save the edits of the message shown before the choice changed."""
        chosen = (self.kind.currentIndex(), self.channel.currentIndex())
        self._show_choice(*self._shown)
        saved = self._store()
        self._show_choice(*chosen)
        return saved

    def save(self) -> None:
        self._store()

    def _store(self) -> bool:
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
            return False
        self._loaded = (self.subject.text(), self.body.toPlainText())
        self.outcome.setStyleSheet("color: #1b5e20;")
        self.outcome.setText(translate("TemplateDialog", "Saved. New messages use this wording."))
        return True
