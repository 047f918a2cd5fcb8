"""Complete an appointment: how it went (notes), a rating from 1 to 5, the client's words."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.services.dto import AppointmentView
from scheduler_app.ui.dialog_buttons import dialog_buttons
from scheduler_app.ui.i18n import translate


class CompleteDialog(QDialog):
    def __init__(self, appt: AppointmentView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("CompleteDialog", "Complete appointment"))
        who = appt.client_name or appt.title or translate("CompleteDialog", "this appointment")
        heading = QLabel(translate("CompleteDialog", "How did it go with {who}?").format(who=who))
        heading.setWordWrap(True)
        self.notes = QPlainTextEdit(appt.completion_notes)
        self.notes.setAccessibleName(translate("CompleteDialog", "Completion notes"))
        self.notes.setPlaceholderText(translate("CompleteDialog", "What was done, what follows"))
        self.rating = QSpinBox()
        self.rating.setRange(0, 5)
        self.rating.setSpecialValueText(translate("CompleteDialog", "not rated"))
        self.rating.setValue(appt.completion_rating or 0)
        self.rating.setAccessibleName(translate("CompleteDialog", "Rating from 1 to 5"))
        self.feedback = QPlainTextEdit(appt.completion_feedback)
        self.feedback.setAccessibleName(translate("CompleteDialog", "Client's feedback"))
        self.feedback.setPlaceholderText(
            translate("CompleteDialog", "What the client said (optional)")
        )
        form = QFormLayout()
        form.addRow(translate("CompleteDialog", "Notes"), self.notes)
        form.addRow(translate("CompleteDialog", "Rating (1-5)"), self.rating)
        form.addRow(translate("CompleteDialog", "Feedback"), self.feedback)
        self.buttons = dialog_buttons(
            self,
            accept=QDialogButtonBox.StandardButton.Ok,
            accept_text=translate("CompleteDialog", "Complete"),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def values(self) -> tuple[str, int | None, str]:
        """(notes, rating or None, feedback) as filled in."""
        return (
            self.notes.toPlainText().strip(),
            self.rating.value() or None,
            self.feedback.toPlainText().strip(),
        )
