"""Move a date of a series and the following ones: the new time, and with whom."""

from __future__ import annotations

from datetime import time
from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.services.dto import AppointmentView
from scheduler_app.ui.dialog_buttons import dialog_buttons
from scheduler_app.ui.i18n import day_text, translate, unassigned


class SeriesMoveDialog(QDialog):
    def __init__(
        self,
        appt: AppointmentView,
        professionals: list[tuple[int, str]],
        tz: ZoneInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("SeriesMoveDialog", "Move this and the following dates"))
        self.setMinimumWidth(440)
        start = appt.start.astimezone(tz)
        self.question = QLabel(
            translate(
                "SeriesMoveDialog",
                "From {day} on, every date of this series still to come moves to the "
                "new time on its own day.",
            ).format(day=day_text(start.date()))
        )
        self.question.setWordWrap(True)
        self.time_edit = QTimeEdit(QTime(start.hour, start.minute))
        self.time_edit.setDisplayFormat(QLocale().timeFormat(QLocale.FormatType.ShortFormat))
        self.professional = QComboBox()
        self.professional.addItem(unassigned(), None)
        for key, name in professionals:
            self.professional.addItem(name, key)
        self.professional.setCurrentIndex(max(0, self.professional.findData(appt.professional_id)))
        form = QFormLayout()
        time_label = QLabel(translate("SeriesMoveDialog", "New &time"))
        time_label.setBuddy(self.time_edit)
        form.addRow(time_label, self.time_edit)
        who_label = QLabel(translate("SeriesMoveDialog", "&Professional"))
        who_label.setBuddy(self.professional)
        form.addRow(who_label, self.professional)
        self.buttons = dialog_buttons(
            self,
            self.accept,
            accept=QDialogButtonBox.StandardButton.Ok,
            accept_text=translate("SeriesMoveDialog", "&Move them"),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def chosen(self) -> tuple[time, int | None]:
        t = self.time_edit.time()
        return time(t.hour(), t.minute()), self.professional.currentData()
