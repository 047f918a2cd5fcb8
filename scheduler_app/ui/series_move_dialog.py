"""Change a date of a series and the following ones, or all of it: the new time,
length and professional (what is left as it was stays as each date has it)."""

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
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.services.dto import AppointmentView
from scheduler_app.services.series_dto import SeriesScope
from scheduler_app.services.series_move import MAX_MINUTES, SeriesChange
from scheduler_app.ui.dialog_buttons import dialog_buttons
from scheduler_app.ui.i18n import day_text, translate, unassigned


class SeriesMoveDialog(QDialog):
    def __init__(
        self,
        appt: AppointmentView,
        professionals: list[tuple[int, str]],
        tz: ZoneInfo,
        parent: QWidget | None = None,
        scope: SeriesScope = SeriesScope.FOLLOWING,
    ) -> None:
        super().__init__(parent)
        self._appt = appt
        start = appt.start.astimezone(tz)
        self._start = time(start.hour, start.minute)
        self._minutes = int((appt.end - appt.start).total_seconds() // 60)
        if scope is SeriesScope.ALL:
            self.setWindowTitle(translate("SeriesMoveDialog", "Change every date of the series"))
            question = translate(
                "SeriesMoveDialog",
                "Every date of this series still to come takes the new time on its own "
                "day, the new length and the professional.",
            )
        else:
            title = translate("SeriesMoveDialog", "Change this and the following dates")
            self.setWindowTitle(title)
            question = translate(
                "SeriesMoveDialog",
                "From {day} on, every date of this series still to come takes the new "
                "time on its own day, the new length and the professional.",
            ).format(day=day_text(start.date()))
        self.setMinimumWidth(440)
        self.question = QLabel(question)
        self.question.setWordWrap(True)
        self.time_edit = QTimeEdit(QTime(start.hour, start.minute))
        self.time_edit.setDisplayFormat(QLocale().timeFormat(QLocale.FormatType.ShortFormat))
        self.length = QSpinBox()
        self.length.setRange(1, MAX_MINUTES)
        self.length.setValue(self._minutes)
        self.length.setSuffix(translate("SeriesMoveDialog", " min"))
        self.length.setAccessibleName(translate("SeriesMoveDialog", "Length in minutes"))
        self.professional = QComboBox()
        self.professional.addItem(unassigned(), None)
        for key, name in professionals:
            self.professional.addItem(name, key)
        self.professional.setCurrentIndex(max(0, self.professional.findData(appt.professional_id)))
        form = QFormLayout()
        time_label = QLabel(translate("SeriesMoveDialog", "New &time"))
        time_label.setBuddy(self.time_edit)
        form.addRow(time_label, self.time_edit)
        length_label = QLabel(translate("SeriesMoveDialog", "&Length"))
        length_label.setBuddy(self.length)
        form.addRow(length_label, self.length)
        who_label = QLabel(translate("SeriesMoveDialog", "&Professional"))
        who_label.setBuddy(self.professional)
        form.addRow(who_label, self.professional)
        self.buttons = dialog_buttons(
            self,
            self.accept,
            accept=QDialogButtonBox.StandardButton.Ok,
            accept_text=translate("SeriesMoveDialog", "&Save"),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def chosen(self) -> tuple[time, int | None]:
        t = self.time_edit.time()
        return time(t.hour(), t.minute()), self.professional.currentData()

    def change(self) -> SeriesChange:
        """What the desk changed from this date as it is (the rest kept on each date)."""
        at, professional = self.chosen()
        minutes = self.length.value()
        return SeriesChange(
            at=at if at != self._start else None,
            minutes=minutes if minutes != self._minutes else None,
            professional_id=professional,
            reassign=professional != self._appt.professional_id,
        )
