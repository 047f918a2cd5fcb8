"""Clinic > Professional leaving: decided exactly, before anything is saved.

The manager picks who leaves and when (now, or after a last working day). If the
others cannot take over every appointment, the dialog stays open and lists the
ones left without a professional; the manager can then choose another day, or
leave anyway with a reason, and those appointments are recorded as a conflict.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.localtime import localize
from scheduler_app.errors import SchedulerError
from scheduler_app.services.availability import StrandingError
from scheduler_app.services.bundle import Services
from scheduler_app.services.professionals import Departure
from scheduler_app.ui.i18n import translate


class LeaveDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("LeaveDialog", "Professional leaving"))
        self._services = services
        self.departure: Departure | None = None
        self.who = QComboBox()
        self.who.setAccessibleName(translate("LeaveDialog", "Professional"))
        for prof in services.directory.professionals():
            self.who.addItem(prof.name, prof.id)
        self.now = QRadioButton(
            translate("LeaveDialog", "Leaves now: their appointments wait for another professional")
        )
        self.later = QRadioButton(
            translate("LeaveDialog", "Keeps their appointments up to the last working day:")
        )
        self.now.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.now)
        group.addButton(self.later)
        today = services.context.now().astimezone(services.context.timezone).date()
        self.last_day = QDateEdit(QDate(today.year, today.month, today.day))
        self.last_day.setCalendarPopup(True)
        self.last_day.setDisplayFormat("ddd d MMM yyyy")
        self.last_day.setMinimumDate(QDate(today.year, today.month, today.day))
        self.last_day.setAccessibleName(translate("LeaveDialog", "Last working day"))
        self.last_day.setEnabled(False)
        self.later.toggled.connect(self.last_day.setEnabled)
        self.stranded = QPlainTextEdit()
        self.stranded.setReadOnly(True)
        self.stranded.setAccessibleName(
            translate("LeaveDialog", "Appointments left without a professional")
        )
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(
            translate("LeaveDialog", "Why it cannot wait (recorded with the conflict)")
        )
        self.reason.setAccessibleName(translate("LeaveDialog", "Reason to leave anyway"))
        self.force = QPushButton(translate("LeaveDialog", "Leave anyway and record a conflict"))
        self.force.setEnabled(False)
        self.reason.textChanged.connect(lambda text: self.force.setEnabled(bool(text.strip())))
        self.force.clicked.connect(self._force)
        self.refusal = QLabel()
        self.refusal.setWordWrap(True)
        self.refusal.setAccessibleName(translate("LeaveDialog", "Why it cannot be saved"))
        self._stranding: list[QWidget] = [self.stranded, self.reason, self.force]
        for widget in self._stranding:
            widget.hide()
        form = QFormLayout()
        form.addRow(translate("LeaveDialog", "Who"), self.who)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save = buttons.addButton(
            translate("LeaveDialog", "Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save.setDefault(True)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.now)
        layout.addWidget(self.later)
        layout.addWidget(self.last_day)
        layout.addWidget(self.refusal)
        layout.addWidget(self.stranded)
        layout.addWidget(self.reason)
        layout.addWidget(self.force)
        layout.addWidget(buttons)
        self.resize(560, 200)

    def leaving_on(self) -> datetime | None:
        """None (now), or the start of the day after the last working day."""
        if self.now.isChecked():
            return None
        qdate = self.last_day.date()
        day = date(qdate.year(), qdate.month(), qdate.day()) + timedelta(days=1)
        return localize(day, time(0), self._services.context.timezone)

    def _save(self) -> None:
        self._leave("")

    def _force(self) -> None:
        self._leave(self.reason.text())

    def _leave(self, reason: str) -> None:
        professional = self.who.currentData()
        if professional is None:
            self._refused(translate("LeaveDialog", "There is no professional to choose."))
            return
        try:
            self.departure = self._services.professionals.leave(
                self._services.actor_id, professional, on=self.leaving_on(), force_reason=reason
            )
        except StrandingError as exc:
            first, _, rest = exc.message.partition("\n")
            self._refused(first)
            self.stranded.setPlainText(rest)
            for widget in self._stranding:
                widget.show()
            return
        except SchedulerError as exc:
            self._refused(exc.message)
            return
        self.accept()

    def _refused(self, message: str) -> None:
        self.refusal.setText(message)
        self.refusal.setStyleSheet("color: #b71c1c;")
