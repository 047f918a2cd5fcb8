"""Put a client on the waitlist: service, professional (or anyone), days and hours."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.waitlist_dto import WaitlistEntryView, WaitlistRequest
from scheduler_app.ui.client_picker import ClientPicker
from scheduler_app.ui.i18n import translate


class WaitlistDialog(QDialog):
    def __init__(self, services: Services, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.saved: WaitlistEntryView | None = None
        self.setWindowTitle(translate("Waitlist", "Add to the waitlist"))
        self.client = ClientPicker(services, self)
        self.service = QComboBox()
        self.service.setAccessibleName(translate("Waitlist", "Service"))
        self.professional = QComboBox()
        self.professional.setAccessibleName(translate("Waitlist", "Professional"))
        self.professional.addItem(translate("Waitlist", "Anyone"), None)
        failure = ""
        try:
            for s in services.catalog.services():
                self.service.addItem(s.name, s.id)
            for p in services.directory.professionals():
                self.professional.addItem(p.name, p.id)
        except SchedulerError as exc:
            failure = exc.message
        self.first_day = QDateEdit(QDate(day.year, day.month, day.day))
        self.last_day = QDateEdit(QDate(day.year, day.month, day.day).addDays(6))
        self.first_day.setAccessibleName(translate("Waitlist", "From"))
        self.last_day.setAccessibleName(translate("Waitlist", "Until"))
        for edit in (self.first_day, self.last_day):
            edit.setCalendarPopup(True)
        self.earliest = QTimeEdit(QTime(8, 0))
        self.latest = QTimeEdit(QTime(19, 0))
        self.earliest.setAccessibleName(translate("Waitlist", "Earliest"))
        self.latest.setAccessibleName(translate("Waitlist", "Latest"))
        self.problem = QLabel(failure)
        self.problem.setStyleSheet("color: #b71c1c;")
        self.problem.setWordWrap(True)
        self.client.problem.connect(self.problem.setText)
        form = QFormLayout()
        form.addRow(translate("Waitlist", "Client"), self.client)
        form.addRow(translate("Waitlist", "Service"), self.service)
        form.addRow(translate("Waitlist", "Professional"), self.professional)
        form.addRow(translate("Waitlist", "From"), self.first_day)
        form.addRow(translate("Waitlist", "Until"), self.last_day)
        form.addRow(translate("Waitlist", "Earliest"), self.earliest)
        form.addRow(translate("Waitlist", "Latest"), self.latest)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("Waitlist", "&Add"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def request(self) -> WaitlistRequest | None:
        chosen, client = self.client.choice()
        if not chosen or client is None:
            self.problem.setText(translate("Waitlist", "Choose the client who waits."))
            return None
        service = self.service.currentData()
        if service is None:
            self.problem.setText(translate("Waitlist", "Choose a service."))
            return None
        first, last = self.first_day.date(), self.last_day.date()
        early, late = self.earliest.time(), self.latest.time()
        return WaitlistRequest(
            client,
            int(service),
            date(first.year(), first.month(), first.day()),
            date(last.year(), last.month(), last.day()),
            time(early.hour(), early.minute()),
            time(late.hour(), late.minute()),
            professional_id=self.professional.currentData(),
        )

    def save(self) -> None:
        request = self.request()
        if request is None:
            return
        try:
            self.saved = self._services.waitlist.add(self._services.actor_id, request)
        except SchedulerError as exc:
            self.problem.setText(exc.message)
            return
        self.accept()
