"""Book an appointment: time, length, professional, client (searched as you type)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.localtime import LocalTimeError, localize
from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui.dialog_buttons import dialog_buttons
from scheduler_app.ui.setup_dialogs import client_dialog


class BookingDialog(QDialog):
    """Collects a `BookingRequest`; the caller books it (so it can be undone)."""

    def __init__(self, services: Services, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Book appointment")
        self._services = services
        self._day = day
        org = services.directory.organization()
        self._tz = services.context.timezone
        self._new_client_id: int | None = None

        self.time_edit = QTimeEdit(QTime(org.opens_at.hour, org.opens_at.minute))
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName("Start time")
        self.duration = QSpinBox()
        self.duration.setRange(5, 720)
        self.duration.setSingleStep(org.slot_minutes)
        self.duration.setSuffix(" min")
        self.duration.setValue(org.default_duration_minutes)
        self.duration.setAccessibleName("Length in minutes")
        self.service = QComboBox()
        self.service.setAccessibleName("Service")
        self.service.addItem("(no service)", None)
        for kind in services.directory.appointment_types():
            self.service.addItem(f"{kind.name} ({kind.duration_minutes} min)", kind)
        self.professional = QComboBox()
        self.professional.setAccessibleName("Professional")
        self.professional.addItem("Unassigned", None)
        for prof in services.directory.professionals():
            self.professional.addItem(prof.name, prof.id)
        self.client_search = QLineEdit()
        self.client_search.setPlaceholderText("Name, phone or e-mail")
        self.client_search.setAccessibleName("Find client")
        self.new_client = QPushButton("New client...")
        self.new_client.setAccessibleName("New client")
        self.new_client.clicked.connect(self._create_client)
        self.client_list = QListWidget()
        self.client_list.setAccessibleName("Matching clients")
        self.client_list.setMaximumHeight(120)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setAccessibleName("Availability")

        form = QFormLayout()
        form.addRow(f"Start ({day:%a %d %b %Y})", self.time_edit)
        form.addRow("Length", self.duration)
        form.addRow("Service", self.service)
        form.addRow("Professional", self.professional)
        search_row = QHBoxLayout()
        search_row.addWidget(self.client_search)
        search_row.addWidget(self.new_client)
        form.addRow("Client", search_row)
        form.addRow("", self.client_list)
        self.buttons = dialog_buttons(self, accept=QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Book")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.verdict)
        layout.addWidget(self.buttons)

        self.client_search.textChanged.connect(self._search_clients)
        self.service.currentIndexChanged.connect(self._service_changed)
        for signal in (
            self.time_edit.timeChanged,
            self.duration.valueChanged,
            self.professional.currentIndexChanged,
        ):
            signal.connect(self._update_verdict)
        self._search_clients("")
        self._update_verdict()

    def preset(self, start: datetime, end: datetime | None, professional_id: int | None) -> None:
        """Pre-fill from a click or a dragged range in the calendar."""
        local = start.astimezone(self._tz)
        self.time_edit.setTime(QTime(local.hour, local.minute))
        if end is not None:
            self.duration.setValue(int((end - start).total_seconds() // 60))
        index = self.professional.findData(professional_id)
        self.professional.setCurrentIndex(max(index, 0))
        self.client_search.setFocus()

    def _create_client(self) -> None:
        dialog = client_dialog(self, self.client_search.text().strip())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            client = self._services.directory.add_client(
                self._services.actor_id,
                dialog.name.text(),
                dialog.second.text(),
                dialog.third.text(),
            )
        except SchedulerError as exc:
            QMessageBox.warning(self, exc.title, exc.message)
            return
        self.client_search.blockSignals(True)
        self.client_search.setText(client.name)
        self.client_search.blockSignals(False)
        self._search_clients(client.name)
        for row in range(self.client_list.count()):
            if self.client_list.item(row).data(Qt.ItemDataRole.UserRole) == client.id:
                self.client_list.setCurrentRow(row)

    def _service_changed(self) -> None:
        kind = self.service.currentData()
        if kind is not None:
            self.duration.setValue(kind.duration_minutes)

    def _search_clients(self, text: str) -> None:
        self.client_list.clear()
        for client in self._services.directory.find_clients(text, limit=30):
            item = QListWidgetItem(f"{client.name}   {client.phone}   {client.email}".strip())
            item.setData(Qt.ItemDataRole.UserRole, client.id)
            self.client_list.addItem(item)
        if self.client_list.count():
            self.client_list.setCurrentRow(0)

    def _start(self) -> datetime:
        t = self.time_edit.time()
        return localize(
            self._day, datetime.min.time().replace(hour=t.hour(), minute=t.minute()), self._tz
        )

    def _update_verdict(self) -> None:
        ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        try:
            start = self._start()
        except LocalTimeError as exc:
            self._show(False, str(exc))
            ok_button.setEnabled(False)
            return
        end = start + timedelta(minutes=self.duration.value())
        verdict = self._services.booking.check_availability(
            start, end, self.professional.currentData()
        )
        self._show(verdict.ok, "Free" if verdict.ok else verdict.reason)
        ok_button.setEnabled(verdict.ok)

    def _show(self, ok: bool, text: str) -> None:
        self.verdict.setText(text)
        self.verdict.setStyleSheet("color: #1b5e20;" if ok else "color: #b71c1c;")

    def request(self) -> BookingRequest:
        """The booking as filled in (raises `SchedulerError` for impossible times)."""
        try:
            start = self._start()
        except LocalTimeError as exc:
            raise SchedulerError(str(exc)) from exc
        item = self.client_list.currentItem()
        client_id: Any = item.data(Qt.ItemDataRole.UserRole) if item else None
        kind = self.service.currentData()
        return BookingRequest(
            start=start,
            end=start + timedelta(minutes=self.duration.value()),
            client_id=client_id,
            professional_id=self.professional.currentData(),
            appointment_type_id=kind.id if kind else None,
        )
