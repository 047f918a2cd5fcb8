"""Clinic > Clients: find a client as you type, edit their details, see their history,
archive them (or restore them), merge a duplicate in, export their data, erase it.

The window stays open beside the calendar. The history lists the client's latest
appointments and counts, over all of them, the no-shows and the cancellations
made less than a day ahead. Switching to another client with unsaved edits
asks first; a refusal keeps what was typed, with the reason next to the field.
Merging and erasing are a manager's or an administrator's: for a reception
account those buttons are greyed out and say why. The history is read on a worker
(see `TabReader`), saying "Loading…" until it comes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.checks import MANAGERS
from scheduler_app.services.dto import ClientDetails, ClientHistory, ClientView
from scheduler_app.ui.client_form import ClientForm
from scheduler_app.ui.client_lookup import ClientLookup
from scheduler_app.ui.client_record_dialogs import MergeDialog
from scheduler_app.ui.dialog_buttons import Button, dialog_buttons
from scheduler_app.ui.dialog_lists import loading
from scheduler_app.ui.i18n import day_year_text, span_text, status_label, translate, unassigned
from scheduler_app.ui.keyboard_order import follow_fields
from scheduler_app.ui.message_boxes import ask
from scheduler_app.ui.tab_reads import TabReader

IdRole = Qt.ItemDataRole.UserRole


class _EnterFinds(QObject):
    """Enter (or Down) in the search goes to the clients found, and Enter on one of
    them to its details (Enter in the details saves them)."""

    def __init__(self, window: ClientWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down)
        ):
            return False
        window = self._window
        if event.key() == Qt.Key.Key_Down and watched is not window.search:
            return False  # in the list, Down moves down it
        if watched is window.search:
            if window.results.count():
                window.results.setFocus()
                if window.results.currentRow() < 0:
                    window.results.setCurrentRow(0)
            return True
        if watched is window.results:
            window.form.name.setFocus()
            return True
        return False


class ClientWindow(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ClientWindow", "Clients"))
        self.resize(980, 640)
        self._services = services
        self._tz = services.context.timezone
        self.client: ClientView | None = None
        #: What the form showed when filled in (to notice edits).
        self._shown: ClientDetails | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("ClientWindow", "Name, phone or e-mail"))
        self.search.setAccessibleName(translate("ClientWindow", "Find client"))
        self.search.setClearButtonEnabled(True)
        self.archived = QCheckBox(translate("ClientWindow", "Show archived clients"))
        self.results = QListWidget()
        self.results.setAccessibleName(translate("ClientWindow", "Clients found"))
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.found = QLabel()
        self.found.setAccessibleName(translate("ClientWindow", "Search result"))
        self.new_button = QPushButton(translate("ClientWindow", "New client"))
        self.new_button.setAutoDefault(False)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        column.addWidget(self.archived)
        column.addWidget(self.results, 1)
        column.addWidget(self.found)
        column.addWidget(self.new_button)

        today = services.context.now().astimezone(self._tz).date()
        self.form = ClientForm(today)
        self.heading = QLabel()
        self.heading.setAccessibleName(translate("ClientWindow", "Client shown"))
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.save_button = QPushButton(translate("ClientWindow", "Save"))
        self.save_button.setDefault(True)
        self.archive_button = QPushButton(translate("ClientWindow", "Archive"))
        self.archive_button.setAutoDefault(False)
        self.merge_button = QPushButton(translate("ClientWindow", "Merge a duplicate…"))
        self.export_button = QPushButton(translate("ClientWindow", "Export data…"))
        self.erase_button = QPushButton(translate("ClientWindow", "Erase…"))
        for button in (self.merge_button, self.export_button, self.erase_button):
            button.setAutoDefault(False)
        self._manager = self._is_manager()
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(translate("ClientWindow", "What was done"))
        self.notice.hide()  # until there is something to say
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(translate("ClientWindow", "Appointments counted"))
        self.history = QListWidget()
        self.history.setAccessibleName(translate("ClientWindow", "Appointments, latest first"))
        self.history_reader = TabReader(self)
        self.history_reader.read.connect(self._history_read)
        self.history_reader.failed.connect(lambda words, _cut: self.summary.setText(words))
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.archive_button)
        actions.addStretch(1)
        actions.addWidget(self.merge_button)
        actions.addWidget(self.export_button)
        actions.addWidget(self.erase_button)
        right = QWidget()
        details = QVBoxLayout(right)
        details.setContentsMargins(0, 0, 0, 0)
        details.addWidget(self.heading)
        details.addWidget(self.form)
        details.addLayout(actions)
        details.addWidget(self.notice)
        details.addWidget(QLabel(translate("ClientWindow", "History")))
        details.addWidget(self.summary)
        details.addWidget(self.history, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        close = dialog_buttons(self, accept=Button.Close, reject=Button.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(close)
        follow_fields(
            [
                self.search,
                self.archived,
                self.results,
                self.new_button,
                *self.form.fields(),
                self.save_button,
                self.archive_button,
                self.merge_button,
                self.export_button,
                self.erase_button,
                self.history,
                close,
            ]
        )

        self.lookup = ClientLookup(
            lambda key: services.clients.find(key[0], 50, archived=key[1]), self
        )
        self.lookup.found.connect(self._found)
        self.lookup.failed.connect(self._failed)
        self._select: int | None = None
        self.search.textChanged.connect(
            lambda text: self.lookup.search((text, self.archived.isChecked()))
        )
        self.archived.toggled.connect(lambda _on: self.run_search())
        self.results.currentItemChanged.connect(self._chosen)
        self._enter = _EnterFinds(self)
        self.search.installEventFilter(self._enter)
        self.results.installEventFilter(self._enter)
        self.new_button.clicked.connect(self.new_client)
        self.save_button.clicked.connect(self.save)
        self.archive_button.clicked.connect(self.toggle_archived)
        self.merge_button.clicked.connect(self.merge_duplicate)
        self.export_button.clicked.connect(self.export_record)
        self.erase_button.clicked.connect(self.erase_record)
        self.run_search()
        self.search.setFocus()

    # -- finding -------------------------------------------------------------

    def run_search(self, select: int | None = None) -> None:
        """The clients matching what is typed (read off the GUI thread; ``select``: the
        one to pick when they arrive)."""
        self._select = select
        self.lookup.search_now((self.search.text(), self.archived.isChecked()))

    def _failed(self, message: str, unreachable: bool) -> None:
        if unreachable:
            message = translate(
                "ClientPicker",
                "The server cannot be reached: the list fills in when it answers again.",
            )
        self.found.setText(message)

    def _found(self, found: list[ClientView]) -> None:
        text, select, self._select = self.search.text(), self._select, None
        self.results.blockSignals(True)
        self.results.clear()
        for client in found:
            contact = ", ".join(x for x in (client.phone, client.email) if x)
            label = f"{client.name}  {contact}".rstrip()
            if not client.is_active:
                label += " " + translate("ClientWindow", "(archived)")
            item = QListWidgetItem(label)
            item.setToolTip(label)
            item.setData(IdRole, client)
            self.results.addItem(item)
        self.results.blockSignals(False)
        if not found:
            self.found.setText(
                translate("ClientWindow", "No client matches “{text}”.").format(text=text.strip())
                if text.strip()
                else translate("ClientWindow", "There are no clients yet.")
            )
        else:
            self.found.setText("")
        wanted = select if select is not None else (self.client.id if self.client else None)
        for row in range(self.results.count()):
            if self.results.item(row).data(IdRole).id == wanted:
                self.results.setCurrentRow(row)

    def _chosen(self, item: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        if item is None:
            return
        client: ClientView = item.data(IdRole)
        if self.client is not None and client.id == self.client.id:
            return
        if not self._may_leave():
            self.results.blockSignals(True)
            if previous is not None:
                self.results.setCurrentItem(previous)
            else:
                self.results.clearSelection()
            self.results.blockSignals(False)
            return
        self.show_client(client)

    # -- one client ----------------------------------------------------------

    def show_client(self, client: ClientView | None) -> None:
        self.client = client
        self._say("")
        self.form.show_client(client)
        self._shown = self.form.details()
        self.heading.setText(client.name if client else translate("ClientWindow", "New client"))
        self.archive_button.setEnabled(client is not None)
        self.archive_button.setText(
            translate("ClientWindow", "Restore")
            if client is not None and not client.is_active
            else translate("ClientWindow", "Archive")
        )
        self.archive_button.setAccessibleName(self.archive_button.text())
        self._enable_record_actions()
        self._show_history()

    def edited(self) -> bool:
        return self._shown is not None and self.form.details() != self._shown

    def _may_leave(self) -> bool:
        """Whether the form may show something else (asks when edits would be lost)."""
        if not self.edited():
            return True
        who = self.client.name if self.client else translate("ClientWindow", "the new client")
        return ask(
            self,
            translate("ClientWindow", "Unsaved changes"),
            translate("ClientWindow", "Drop the changes to {name}?").format(name=who),
            translate("ClientWindow", "Drop the changes"),
            translate("ClientWindow", "Keep editing"),
        )

    def new_client(self) -> None:
        if not self._may_leave():
            return
        self.results.clearSelection()
        self.show_client(None)
        text = self.search.text().strip()
        if text and not any(c.isdigit() for c in text) and "@" not in text:
            self.form.name.setText(text)  # what was searched for is usually the name
        self.form.name.setFocus()

    def save(self) -> None:
        clients, actor = self._services.clients, self._services.actor_id
        try:
            if self.client is None:
                saved = clients.add(actor, self.form.details())
            else:
                saved = clients.update(actor, self.client.id, self.form.details())
        except SchedulerError as exc:
            self.form.errors.show(exc)
            return
        self.show_client(saved)
        self.run_search(saved.id)
        self.heading.setText(translate("ClientWindow", "{name} — saved").format(name=saved.name))

    def toggle_archived(self) -> None:
        client = self.client
        if client is None:
            return
        try:
            saved = self._services.clients.set_archived(
                self._services.actor_id, client.id, client.is_active
            )
        except SchedulerError as exc:
            self.form.errors.show(exc)
            return
        if not saved.is_active and not self.archived.isChecked():
            self.archived.setChecked(True)  # keep it in sight, marked archived
        self.show_client(saved)
        self.run_search(saved.id)

    # -- the record as a whole ----------------------------------------------

    def _is_manager(self) -> bool:
        services = self._services
        try:
            account = services.directory.account(services.actor_id)
        except SchedulerError:
            return False
        return account is not None and account.role in {r.value for r in MANAGERS}

    def _enable_record_actions(self) -> None:
        client = self.client
        erased = client is not None and client.erased
        self.save_button.setEnabled(not erased)  # an erased record stays as it is
        self.archive_button.setEnabled(client is not None and not erased)
        self.export_button.setEnabled(client is not None)
        for button in (self.merge_button, self.erase_button):
            button.setEnabled(client is not None and self._manager and not erased)
            button.setToolTip(
                ""
                if self._manager
                else translate(
                    "ClientWindow",
                    "Only a manager or an administrator can do this (you are at reception).",
                )
            )
        self.merge_button.setEnabled(
            self.merge_button.isEnabled() and bool(client and client.is_active)
        )

    def merge_duplicate(self) -> None:
        """Choose a duplicate of the client shown and merge it into them."""
        client = self.client
        if client is None or not self._may_leave():
            return
        dialog = MergeDialog(self._services, client, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.duplicate is None:
            return
        self._reload(client.id)
        self._say(
            translate("ClientWindow", "{duplicate} was merged into {name}.").format(
                duplicate=dialog.duplicate.name, name=client.name
            )
        )

    def export_record(self) -> None:
        """Everything held about the client, as JSON and CSV files in a chosen folder."""
        client = self.client
        if client is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self, translate("ClientWindow", "Export {name}'s data to").format(name=client.name)
        )
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> None:
        client = self.client
        if client is None:
            return
        try:
            written = self._services.client_record.export(client.id).write(folder)
        except SchedulerError as exc:
            self._say(exc.message)
            return
        except OSError as exc:
            self._say(
                translate("ClientWindow", "The files could not be written: {reason}").format(
                    reason=exc.strerror or str(exc)
                )
            )
            return
        self._say(
            translate("ClientWindow", "{count} files written to {folder}.").format(
                count=len(written), folder=str(folder)
            )
        )

    def erase_record(self) -> None:
        """Erase the client's personal data, after asking."""
        client = self.client
        if client is None or not self._may_leave():
            return
        if not ask(
            self,
            translate("ClientWindow", "Erase {name}?").format(name=client.name),
            translate(
                "ClientWindow",
                "{name}'s name, phone, e-mail, date of birth and notes are erased, and so is "
                "what the clinic wrote about them in appointments, messages and the audit "
                "trail. Their appointments stay without a name, for the clinic's statistics. "
                "This cannot be undone. Export their data first if they asked for a copy.",
            ).format(name=client.name),
            translate("ClientWindow", "Erase"),
            translate("ClientWindow", "Keep the record"),
        ):
            return
        try:
            erased = self._services.client_record.erase(self._services.actor_id, client.id)
        except SchedulerError as exc:
            self._say(exc.message)
            return
        self.results.blockSignals(True)  # keep it in sight, under its pseudonym
        self.search.setText(erased.name)
        self.archived.setChecked(True)
        self.results.blockSignals(False)
        self._reload(erased.id)
        self._say(
            translate("ClientWindow", "{name}'s record was erased; it is now {pseudonym}.").format(
                name=client.name, pseudonym=erased.name
            )
        )

    def _say(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _reload(self, client_id: int) -> None:
        try:
            client = self._services.clients.get(client_id)
        except SchedulerError as exc:
            self._say(exc.message)
            return
        self.show_client(client)
        self.run_search(client.id)

    def _show_history(self) -> None:
        """Read the client's history on the worker; it shows when it comes."""
        self.history.clear()
        if self.client is None:
            self.history_reader.stop()  # nothing to ask again for
            self.summary.setText("")
            return
        self.summary.setText(loading())
        clients, client_id = self._services.clients, self.client.id
        self.history_reader.ask(lambda: (client_id, clients.history(client_id)))

    def _history_read(self, answer: tuple[int, ClientHistory]) -> None:
        client_id, history = answer
        if self.client is None or self.client.id != client_id:
            return  # another client is shown now (their history is on its way)
        self.history.clear()
        self.summary.setText(
            translate(
                "ClientWindow",
                "Appointments: {total} · no-shows: {no_shows} · "
                "late cancellations (less than a day ahead): {late}",
            ).format(
                total=history.total, no_shows=history.no_shows, late=history.late_cancellations
            )
        )
        for appt in history.appointments:
            start, end = appt.start.astimezone(self._tz), appt.end.astimezone(self._tz)
            parts = [
                f"{day_year_text(start.date())} {span_text(start, end)}",
                appt.professional_name or unassigned(),
                appt.service_name,
                status_label(appt.status),
            ]
            self.history.addItem(" · ".join(p for p in parts if p))
        if not history.appointments:
            self.history.addItem(translate("ClientWindow", "No appointments yet."))

    def reject(self) -> None:
        if self._may_leave():
            super().reject()
