"""Choose a client by name, phone or e-mail, or explicitly nobody (a walk-in or a block).

Nobody is chosen for the desk: the list starts with nothing selected, and the
first row, "No client (walk-in / block)", is a choice like any other. A search
that finds exactly one client chooses that one. The search runs off the GUI
thread (`ClientLookup`): typing never waits on the server, and while the server
cannot be reached the list says so and every key typed stays in the field.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import ClientView
from scheduler_app.ui.client_lookup import ClientLookup
from scheduler_app.ui.i18n import translate
from scheduler_app.ui.setup_dialogs import NewClientDialog

#: The list row meaning "no client" (a walk-in, or time blocked off).
NO_CLIENT = "no-client"


class ClientPicker(QWidget):
    changed = Signal()  # the choice changed (or was cleared)
    problem = Signal(str)  # the search could not run (the reason)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("ClientPicker", "Name, phone or e-mail"))
        self.search.setAccessibleName(translate("ClientPicker", "Find client"))
        self.new_client = QPushButton(translate("ClientPicker", "New client..."))
        self.new_client.setAccessibleName(translate("ClientPicker", "New client"))
        self.new_client.clicked.connect(self._create_client)
        self.list = QListWidget()
        self.list.setAccessibleName(translate("ClientPicker", "Matching clients"))
        self.list.setMaximumHeight(140)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search)
        row.addWidget(self.new_client)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)
        #: The client to show chosen when the search answers (`choose`).
        self._wanted: int | str | None = None
        self.lookup = ClientLookup(lambda text: services.directory.find_clients(text, limit=30))
        self.lookup.setParent(self)
        self.lookup.found.connect(self._found)
        self.lookup.failed.connect(self._failed)
        self.search.textChanged.connect(self.search_for)
        self.list.currentItemChanged.connect(lambda _c, _p: self.changed.emit())
        self._fill([])
        self.search_for("")

    def search_for(self, text: str) -> None:
        """Find ``text`` (as the desk types: the list follows when the server answers)."""
        self._wanted = None
        self.lookup.search(text)

    def _fill(self, found: list[ClientView], problem: str = "", explained: str = "") -> None:
        self.list.clear()
        nobody = QListWidgetItem(translate("ClientPicker", "No client (walk-in / block)"))
        nobody.setData(Qt.ItemDataRole.UserRole, NO_CLIENT)
        font = nobody.font()
        font.setItalic(True)
        nobody.setFont(font)
        self.list.addItem(nobody)
        if problem:
            said = QListWidgetItem(problem)
            said.setFlags(Qt.ItemFlag.NoItemFlags)  # a message, not a choice
            said.setForeground(QColor("#b71c1c"))
            said.setToolTip(explained or problem)
            self.list.addItem(said)
        for client in found:
            item = QListWidgetItem(f"{client.name}   {client.phone}   {client.email}".strip())
            item.setData(Qt.ItemDataRole.UserRole, client.id)
            self.list.addItem(item)

    def _found(self, found: list[ClientView]) -> None:
        self._fill(found)
        row = 1 if self.search.text().strip() and len(found) == 1 else -1
        if self._wanted is not None:
            row = next(
                (
                    r
                    for r in range(self.list.count())
                    if self.list.item(r).data(Qt.ItemDataRole.UserRole) == self._wanted
                ),
                -1,
            )
        self.list.setCurrentRow(row)
        self.changed.emit()

    def _failed(self, message: str, unreachable: bool) -> None:
        row = message
        if unreachable:
            row = translate("ClientPicker", "The server cannot be reached; trying again…")
            message = translate(
                "ClientPicker",
                "The server cannot be reached: the list fills in when it answers again.",
            )
        self._fill([], row, message)
        self.list.setCurrentRow(-1)
        self.changed.emit()
        self.problem.emit(message)

    def choice(self) -> tuple[bool, int | None]:
        """(whether a choice was made, the client's id or None for "no client")."""
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            return False, None
        value = item.data(Qt.ItemDataRole.UserRole)
        return True, None if value == NO_CLIENT else int(value)

    def choose(self, client_id: int | None, name: str = "") -> None:
        """Show ``client_id`` chosen (None: "no client"), found by ``name``."""
        self.search.blockSignals(True)
        self.search.setText(name)
        self.search.blockSignals(False)
        self._wanted = NO_CLIENT if client_id is None else client_id  # before a quick answer
        self.lookup.search(name)

    def _create_client(self) -> None:
        dialog = NewClientDialog(self._services, self.search.text().strip(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.saved is None:
            return
        self.choose(dialog.saved.id, dialog.saved.name)
