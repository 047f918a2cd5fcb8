"""Find a client (Ctrl+F) by name, phone or e-mail and go to one of their appointments.

Both the search and the reading of the client's appointments run off the GUI
thread (`ClientLookup`): typing never waits on the server.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import AppointmentView, ClientView
from scheduler_app.ui.client_lookup import ClientLookup
from scheduler_app.ui.dialog_buttons import dialog_buttons
from scheduler_app.ui.i18n import day_year_text, span_text, status_label, translate, unassigned


class ClientSearchDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ClientSearch", "Find client"))
        self.resize(520, 480)
        self._services = services
        self._tz = services.context.timezone
        self.chosen: AppointmentView | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("ClientSearch", "Name, phone or e-mail"))
        self.search.setAccessibleName(translate("ClientSearch", "Find client"))
        self.clients = QListWidget()
        self.clients.setAccessibleName(translate("ClientSearch", "Clients found"))
        self.appointments = QListWidget()
        self.appointments.setAccessibleName(translate("ClientSearch", "Their appointments"))
        self.message = QLabel()
        self.message.setAccessibleName(translate("ClientSearch", "Search result"))
        buttons = dialog_buttons(
            self,
            self._open,
            accept=QDialogButtonBox.StandardButton.Open,
            accept_text=translate("ClientSearch", "Go to appointment"),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.clients, 1)
        layout.addWidget(QLabel(translate("ClientSearch", "Appointments (latest first):")))
        layout.addWidget(self.appointments, 2)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.lookup = ClientLookup(services.directory.find_clients, self)
        self.lookup.found.connect(self._found)
        self.lookup.failed.connect(self._failed)
        self._history = ClientLookup(services.booking.client_appointments, self)
        self._history.pause_ms = 0  # a pick is read at once
        self._history.found.connect(self._show_appointments)
        self._history.failed.connect(self._failed)
        self.search.textChanged.connect(self.lookup.search)
        self.search.returnPressed.connect(self._enter)
        self.clients.currentItemChanged.connect(lambda _c, _p: self._read_appointments())
        self.appointments.itemActivated.connect(lambda _i: self._open())

    def run_search(self) -> None:
        """Search for what is typed now (Enter), not after the pause."""
        self.lookup.search_now(self.search.text())

    def _failed(self, message: str, unreachable: bool) -> None:
        if unreachable:
            message = translate(
                "ClientPicker",
                "The server cannot be reached: the list fills in when it answers again.",
            )
        self.message.setText(message)

    def _found(self, found: list[ClientView]) -> None:
        self.clients.clear()
        self.appointments.clear()
        for client in found:
            contact = ", ".join(x for x in (client.phone, client.email) if x)
            item = QListWidgetItem(f"{client.name}  {contact}".rstrip())
            item.setData(Qt.ItemDataRole.UserRole, client.id)
            self.clients.addItem(item)
        self.message.setText("" if found else self._nothing_matched())
        if found:
            self.clients.setCurrentRow(0)

    def _nothing_matched(self) -> str:
        text = self.search.text().strip()
        if not text:
            return translate("ClientSearch", "There are no clients yet.")
        return translate(
            "ClientSearch", "No client matches “{text}”: check the spelling, or try a phone number."
        ).format(text=text)

    def _read_appointments(self) -> None:
        self.appointments.clear()
        item = self.clients.currentItem()
        if item is not None:
            self._history.search(item.data(Qt.ItemDataRole.UserRole))

    def _show_appointments(self, appts: list[AppointmentView]) -> None:
        self.appointments.clear()
        if self.clients.currentItem() is None:
            return
        now = self._services.context.now()
        upcoming = 0
        for appt in appts:
            start, end = appt.start.astimezone(self._tz), appt.end.astimezone(self._tz)
            who = appt.professional_name or unassigned()
            row = QListWidgetItem(
                f"{day_year_text(start.date())} {span_text(start, end)}  {who}  "
                f"{status_label(appt.status)}"
            )
            row.setData(Qt.ItemDataRole.UserRole, appt)
            self.appointments.addItem(row)
            if appt.end > now:
                upcoming = self.appointments.count() - 1
        if appts:
            self.appointments.setCurrentRow(upcoming)  # the next one to come, else the last
        else:
            self.message.setText(translate("ClientSearch", "No appointments yet."))

    def _enter(self) -> None:
        if self.lookup.pending or not self.clients.count():
            self.run_search()
        else:
            self._open()

    def _open(self) -> None:
        item = self.appointments.currentItem()
        if item is None:
            if not self.clients.count():
                self.message.setText(self._nothing_matched())
            elif self.appointments.count():
                self.message.setText(
                    translate("ClientSearch", "Choose one of the client's appointments.")
                )
            else:
                self.message.setText(
                    translate("ClientSearch", "This client has no appointments yet.")
                )
            return
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        self.accept()
