"""The client window's record actions: merge a duplicate in, export everything, erase.

Merging and erasing are a manager's or an administrator's (the services refuse
anyone else; the window greys the buttons out and says why). Erasing asks first,
saying what stays and what cannot be undone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import ClientView
from scheduler_app.ui.client_lookup import ClientLookup
from scheduler_app.ui.dialog_buttons import Button, dialog_buttons
from scheduler_app.ui.i18n import translate
from scheduler_app.ui.keyboard_order import follow_fields

IdRole = Qt.ItemDataRole.UserRole


class MergeDialog(QDialog):
    """Choose the duplicate to merge into ``keep``; accepted with `duplicate` set."""

    def __init__(self, services: Services, keep: ClientView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("MergeDialog", "Merge a duplicate"))
        self.resize(560, 440)
        self._services = services
        self._keep = keep
        self.duplicate: ClientView | None = None
        intro = QLabel(
            translate(
                "MergeDialog",
                "Find the duplicate record of {name}. Its appointments, their messages and "
                "history move to {name}; details {name} lacks are filled from it. The "
                "duplicate is kept, marked as merged, and no longer found.",
            ).format(name=keep.name)
        )
        intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("MergeDialog", "Name, phone or e-mail"))
        self.search.setAccessibleName(translate("MergeDialog", "Find the duplicate"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setAccessibleName(translate("MergeDialog", "Clients found"))
        self.found = QLabel()
        self.found.setWordWrap(True)
        self.buttons = dialog_buttons(
            self,
            self._merge,
            Button.Ok,
            Button.Cancel,
            accept_text=translate("MergeDialog", "Merge into {name}").format(name=keep.name),
        )
        self.merge_button: QPushButton = self.buttons.button(Button.Ok)
        self.merge_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.found)
        layout.addWidget(self.buttons)
        follow_fields([self.search, self.results, self.buttons])
        self.lookup = ClientLookup(
            lambda text: services.clients.find(text, 50, archived=True), self
        )
        self.lookup.found.connect(self._found)
        self.lookup.failed.connect(lambda message, _unreachable: self.found.setText(message))
        self.search.textChanged.connect(self.lookup.search)
        self.results.currentItemChanged.connect(self._chosen)
        self.search.blockSignals(True)
        self.search.setText(keep.name.split()[0] if keep.name.split() else "")
        self.search.blockSignals(False)
        self.run_search()

    def run_search(self) -> None:
        """Find what is typed now (off the GUI thread; the list follows the answer)."""
        self.lookup.search_now(self.search.text())

    def _found(self, found: list[ClientView]) -> None:
        self.results.clear()
        for client in found:
            if client.id == self._keep.id:
                continue
            contact = ", ".join(x for x in (client.phone, client.email) if x)
            label = f"{client.name}  {contact}".rstrip()
            if not client.is_active:
                label += " " + translate("MergeDialog", "(archived)")
            item = QListWidgetItem(label)
            item.setData(IdRole, client)
            self.results.addItem(item)
        self.found.setText(
            "" if self.results.count() else translate("MergeDialog", "No other client matches.")
        )
        self._chosen(self.results.currentItem(), None)

    def _chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self.duplicate = item.data(IdRole) if item is not None else None
        self.merge_button.setEnabled(self.duplicate is not None)

    def _merge(self) -> None:
        duplicate = self.duplicate
        if duplicate is None:
            return
        try:
            self._services.client_record.merge(self._services.actor_id, self._keep.id, duplicate.id)
        except SchedulerError as exc:
            self.found.setText(exc.message)
            return
        self.accept()
