"""Ask before cancelling an appointment, with an optional reason.

The buttons say what they do: "Cancel appointment" or "Keep" (a plain
"Cancel" button would mean the opposite of cancelling).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.services.dto import AppointmentView
from scheduler_app.services.series_dto import SeriesScope
from scheduler_app.ui.dialog_buttons import dialog_buttons
from scheduler_app.ui.i18n import day_text, time_text, translate


class CancelDialog(QDialog):
    def __init__(self, appt: AppointmentView, tz: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("CancelDialog", "Cancel appointment"))
        start = appt.start.astimezone(tz)
        when = translate("CancelDialog", "{day} at {time}").format(
            day=day_text(start.date()), time=time_text(start)
        )
        question = (
            translate("CancelDialog", "Cancel {client}'s appointment on {when}?").format(
                client=appt.client_name, when=when
            )
            if appt.client_name
            else translate("CancelDialog", "Cancel the appointment on {when}?").format(when=when)
        )
        self.question = QLabel(question)
        self.question.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setAccessibleName(translate("CancelDialog", "Reason for cancelling"))
        self.reason.setPlaceholderText(translate("CancelDialog", "Reason (optional)"))
        self.buttons = dialog_buttons(
            self,
            accept=QDialogButtonBox.StandardButton.Ok,
            accept_text=translate("CancelDialog", "Cancel appointment"),
            reject_text=translate("CancelDialog", "Keep"),
        )
        # Enter alone keeps the appointment; Enter after typing a reason cancels it.
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.reason.returnPressed.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        #: For an appointment of a series: which of its dates (None: a single one).
        self.scopes: dict[SeriesScope, QRadioButton] = {}
        if appt.series_id is not None:
            for scope, label in (
                (SeriesScope.THIS, translate("CancelDialog", "&Only this one")),
                (SeriesScope.FOLLOWING, translate("CancelDialog", "This and the &following ones")),
                (SeriesScope.ALL, translate("CancelDialog", "&All of the series still to come")),
            ):
                self.scopes[scope] = QRadioButton(label)
                layout.addWidget(self.scopes[scope])
            self.scopes[SeriesScope.THIS].setChecked(True)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)

    def scope(self) -> SeriesScope | None:
        """Which dates of the series to cancel (None: not part of a series)."""
        return next((s for s, button in self.scopes.items() if button.isChecked()), None)
