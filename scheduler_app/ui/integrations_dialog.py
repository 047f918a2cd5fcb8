"""Clinic > Integrations: professionals' calendars kept in step with a CalDAV server.

The list shows each integration's type, provider, professional, address, user,
frequency, status, last sync and failed tries in a row; the chosen one's status in
words sits under it. Add and edit in `IntegrationEditor` (with Test connection);
remove; Sync now. Reading, saving, testing and syncing run on a worker
(`BackgroundJob`): the window never waits on the database or the server.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.db.calendar_models import MAX_FREQUENCY, MIN_FREQUENCY
from scheduler_app.errors import ValidationError
from scheduler_app.secrets import keyring_problem
from scheduler_app.services.bundle import Services
from scheduler_app.services.caldav_client import (
    calendar_password,
    store_calendar_password,
    test_connection,
)
from scheduler_app.services.calendar_dto import IntegrationSettings, IntegrationView
from scheduler_app.ui.background import BackgroundJob
from scheduler_app.ui.dialog_buttons import Button, dialog_buttons
from scheduler_app.ui.field_errors import FieldErrors
from scheduler_app.ui.i18n import day_text, time_text, translate
from scheduler_app.ui.list_editing import problem_line
from scheduler_app.workers.thread import worker_name

GOOD, BAD, WORKING = "color: #1b5e20;", "color: #b71c1c;", "color: #555555;"


def status_names() -> dict[str, str]:
    return {
        "new": translate("Integrations", "Not synced yet"),
        "ok": translate("Integrations", "In step"),
        "conflicts": translate("Integrations", "Conflicts"),
        "failed": translate("Integrations", "Failed"),
    }


def run(
    parent: QWidget,
    work: Callable[[], Any],
    done: Callable[[Any], None],
    failed: Callable[[str], None],
) -> BackgroundJob:
    """``work`` on a worker; ``done`` with its result or ``failed`` with the reason."""
    job = BackgroundJob(lambda _progress, _cancelled: work(), parent)
    job.finished.connect(done)
    job.failed.connect(failed)
    job.start()
    return job


class IntegrationsDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.integrations: list[IntegrationView] = []
        self.professionals: list[tuple[int, str]] = []
        self.job: BackgroundJob | None = None
        #: How many times the list was read (and shown).
        self.loads = 0
        self.setWindowTitle(translate("Integrations", "Integrations"))
        self.resize(980, 460)
        intro = QLabel(
            translate(
                "Integrations",
                "Each professional's calendar on a CalDAV server (Nextcloud, iCloud, Radicale, "
                "...) is kept in step: their appointments go out as busy time (with the client's "
                "name only if you choose so), and what is busy in their calendar blocks them here.",
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 9)
        self.table.setAccessibleName(translate("Integrations", "Calendars kept in step"))
        self.table.setHorizontalHeaderLabels(
            [
                translate("Integrations", "Type"),
                translate("Integrations", "Provider"),
                translate("Integrations", "Professional"),
                translate("Integrations", "Address"),
                translate("Integrations", "User"),
                translate("Integrations", "Every"),
                translate("Integrations", "Status"),
                translate("Integrations", "Last sync"),
                translate("Integrations", "Failed tries"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._chosen)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit())
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAccessibleName(translate("Integrations", "Last sync, in words"))
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName(translate("Integrations", "Result"))
        self.message = problem_line(translate("Integrations", "Why it was not done"))
        self.add_button = QPushButton(translate("Integrations", "Add..."))
        self.edit_button = QPushButton(translate("Integrations", "Edit..."))
        self.remove_button = QPushButton(translate("Integrations", "Remove"))
        self.sync_button = QPushButton(translate("Integrations", "Sync now"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        self.sync_button.clicked.connect(self.sync_now)
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button, self.sync_button):
            button.setAccessibleName(button.text().replace("&", "").replace("...", ""))
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(row)
        layout.addWidget(self.outcome)
        layout.addWidget(self.message)
        layout.addWidget(dialog_buttons(self, accept=Button.Close, reject=Button.Close))
        self._chosen()
        self.load()

    # -- the list -------------------------------------------------------------

    def load(self, select: int | None = None) -> None:
        """Read the integrations (and the professionals) on a worker."""
        services = self._services
        self._busy(True)

        def work() -> tuple[list[IntegrationView], list[tuple[int, str]]]:
            found = services.calendars.integrations()
            people = [(p.id, p.name) for p in services.directory.professionals()]
            return found, people

        def done(result: tuple[list[IntegrationView], list[tuple[int, str]]]) -> None:
            self.integrations, self.professionals = result
            self._fill(select)
            self._busy(False)
            self.loads += 1

        self.job = run(self, work, done, self._failed)

    def _fill(self, select: int | None) -> None:
        current = select if select is not None else self.current_id()
        names = status_names()
        self.table.setRowCount(len(self.integrations))
        for index, found in enumerate(self.integrations):
            last = (
                f"{day_text(found.last_sync_at.date())} {time_text(found.last_sync_at)}"
                if found.last_sync_at is not None
                else translate("Integrations", "Never")
            )
            every = translate("Integrations", "{minutes} min").format(
                minutes=found.frequency_minutes
            )
            cells = [
                "CalDAV",
                found.provider,
                found.professional_name,
                found.url,
                found.username,
                every,
                names.get(found.status, found.status)
                + ("" if found.is_active else translate("Integrations", " (paused)")),
                last,
                str(found.retries),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, found.id)
                item.setToolTip(found.status_text)
                if column == 6 and found.status in ("failed", "conflicts"):
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(index, column, item)
            if found.id == current:
                self.table.selectRow(index)
        if self.table.currentRow() < 0 and self.integrations:
            self.table.selectRow(0)
        self._chosen()

    def current(self) -> IntegrationView | None:
        found = self.current_id()
        return next((i for i in self.integrations if i.id == found), None)

    def current_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _chosen(self) -> None:
        found = self.current()
        for button in (self.edit_button, self.remove_button, self.sync_button):
            button.setEnabled(found is not None and (self.job is None or not self.job.running))
        self.details.setText(found.status_text if found is not None else "")

    def _busy(self, busy: bool) -> None:
        self.add_button.setEnabled(not busy)
        for button in (self.edit_button, self.remove_button, self.sync_button):
            button.setEnabled(not busy and self.current() is not None)

    def _failed(self, message: str) -> None:
        self.message.setText(message)
        self._busy(False)

    # -- changes --------------------------------------------------------------

    def add(self) -> None:
        self._edit(None)

    def edit(self) -> None:
        found = self.current()
        if found is not None:
            self._edit(found)

    def _edit(self, found: IntegrationView | None) -> None:
        editor = IntegrationEditor(self._services, found, self.professionals, self)
        if editor.exec() == QDialog.DialogCode.Accepted and editor.saved is not None:
            self.outcome.clear()
            self.message.clear()
            self.load(editor.saved.id)

    def remove(self) -> None:
        found = self.current()
        if found is None:
            return
        answer = QMessageBox.question(
            self,
            translate("Integrations", "Stop syncing?"),
            translate(
                "Integrations",
                "Stop keeping {name}'s calendar in step? The busy time read from it no longer "
                "blocks them; the events already sent stay in their calendar.",
            ).format(name=found.professional_name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        services, actor = self._services, self._services.actor_id
        self._busy(True)
        self.job = run(
            self,
            lambda: services.calendars.remove_integration(actor, found.id),
            lambda _none: self.load(),
            self._failed,
        )

    def sync_now(self) -> None:
        found = self.current()
        if found is None:
            return
        services, actor = self._services, self._services.actor_id
        self.message.clear()
        self.outcome.setStyleSheet(WORKING)
        self.outcome.setText(
            translate("Integrations", "Syncing {name}'s calendar...").format(
                name=found.professional_name
            )
        )
        self._busy(True)

        def done(result: Any) -> None:
            self.outcome.setStyleSheet(GOOD if result.status == "ok" else BAD)
            self.outcome.setText(result.text)
            self.load(found.id)

        self.job = run(
            self,
            lambda: services.calendars.sync_now(actor, found.id, worker_name()),
            done,
            self._failed,
        )


class IntegrationEditor(QDialog):
    """One integration's settings; Test connection and Save run on a worker."""

    def __init__(
        self,
        services: Services,
        found: IntegrationView | None,
        professionals: list[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._found = found
        self.saved: IntegrationView | None = None
        self.job: BackgroundJob | None = None
        self.setWindowTitle(
            translate("Integrations", "New calendar integration")
            if found is None
            else translate("Integrations", "{name}'s calendar").format(name=found.professional_name)
        )
        self.setMinimumWidth(560)
        self.errors = FieldErrors(QLabel())
        self.kind = QComboBox()
        self.kind.addItem("CalDAV", "caldav")
        self.kind.setAccessibleName(translate("Integrations", "Type"))
        self.provider = QLineEdit(found.provider if found else "")
        self.provider.setPlaceholderText(translate("Integrations", "Nextcloud"))
        self.provider.setAccessibleName(translate("Integrations", "Provider"))
        self.professional = QComboBox()
        self.professional.setAccessibleName(translate("Integrations", "Professional"))
        for professional_id, name in professionals:
            self.professional.addItem(name, professional_id)
        if found is not None:
            self.professional.setCurrentIndex(
                max(0, self.professional.findData(found.professional_id))
            )
        self.url = QLineEdit(found.url if found else "")
        self.url.setPlaceholderText("https://cloud.example.com/remote.php/dav/calendars/ana/work/")
        self.url.setAccessibleName(translate("Integrations", "Calendar address"))
        self.user = QLineEdit(found.username if found else "")
        self.user.setAccessibleName(translate("Integrations", "User"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(translate("Integrations", "Password"))
        if found is not None:
            self.password.setPlaceholderText(
                translate("Integrations", "Kept in the system keyring; type to change it")
            )
        self.frequency = QSpinBox()
        self.frequency.setRange(MIN_FREQUENCY, MAX_FREQUENCY)
        self.frequency.setValue(found.frequency_minutes if found else 15)
        self.frequency.setSuffix(translate("Integrations", " minutes"))
        self.frequency.setAccessibleName(translate("Integrations", "Sync every"))
        self.names = QCheckBox(
            translate("Integrations", "Show the client's name and the service in the calendar")
        )
        self.names.setChecked(found.with_client_names if found else False)
        self.names.setToolTip(
            translate(
                "Integrations",
                "Off: the calendar shows only \u201cBusy\u201d. On: whoever can read that "
                "calendar sees who comes and for what.",
            )
        )
        self.active = QCheckBox(translate("Integrations", "Keep this calendar in step"))
        self.active.setChecked(found.is_active if found else True)
        self.test_button = QPushButton(translate("Integrations", "Test connection"))
        self.test_button.setAccessibleName(self.test_button.text())
        self.test_button.clicked.connect(self.test)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName(translate("Integrations", "Result"))
        problem = keyring_problem()
        self.keyring_note = QLabel(problem or "")
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setStyleSheet("color: #8d4b00;")
        self.keyring_note.setVisible(bool(problem))
        e = self.errors
        form = QFormLayout()
        form.addRow(translate("Integrations", "Type"), self.kind)
        form.addRow(translate("Integrations", "Provider"), self.provider)
        form.addRow(
            translate("Integrations", "Professional"), e.field("professional_id", self.professional)
        )
        form.addRow(translate("Integrations", "Calendar address"), e.field("url", self.url))
        form.addRow(translate("Integrations", "User"), self.user)
        form.addRow(translate("Integrations", "Password"), self.password)
        form.addRow(self.keyring_note)
        form.addRow(
            translate("Integrations", "Sync every"), e.field("frequency_minutes", self.frequency)
        )
        form.addRow(self.names)
        form.addRow(self.active)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(test_row)
        layout.addWidget(self.outcome)
        layout.addWidget(self.errors.message)
        self.buttons = dialog_buttons(self, self.save)
        layout.addWidget(self.buttons)

    def settings(self) -> IntegrationSettings:
        professional = self.professional.currentData()
        return IntegrationSettings(
            professional_id=int(professional) if professional is not None else 0,
            url=self.url.text().strip(),
            username=self.user.text().strip(),
            provider=self.provider.text().strip(),
            frequency_minutes=self.frequency.value(),
            with_client_names=self.names.isChecked(),
            is_active=self.active.isChecked(),
        )

    def test(self) -> None:
        settings, typed = self.settings(), self.password.text()
        self.outcome.setStyleSheet(WORKING)
        self.outcome.setText(translate("Integrations", "Connecting..."))
        self.test_button.setEnabled(False)

        def work() -> str:
            password = typed or calendar_password(settings.username, settings.url)
            return test_connection(settings.url, settings.username, password)

        def done(text: str) -> None:
            self._said(True, text)

        self.job = run(self, work, done, lambda text: self._said(False, text))

    def _said(self, ok: bool, text: str) -> None:
        self.outcome.setStyleSheet(GOOD if ok else BAD)
        self.outcome.setText(text)
        self.test_button.setEnabled(True)
        self.buttons.setEnabled(True)

    def save(self) -> None:
        if self.professional.currentData() is None:
            self._said(False, translate("Integrations", "Add a professional first."))
            return
        settings, typed = self.settings(), self.password.text()
        services, actor = self._services, self._services.actor_id
        found = self._found.id if self._found is not None else None
        self.errors.clear()
        self.buttons.setEnabled(False)

        def work() -> IntegrationView | ValidationError:
            try:
                if typed:  # first: a keyring that refuses it leaves nothing half saved
                    store_calendar_password(settings.username, settings.url, typed)
                return services.calendars.save_integration(actor, found, settings)
            except ValidationError as exc:  # shown next to its field
                return exc

        def done(saved: IntegrationView | ValidationError) -> None:
            if isinstance(saved, ValidationError):
                self.buttons.setEnabled(True)
                self.errors.show(saved)
                return
            self.saved = saved
            self.accept()

        def refused(message: str) -> None:
            self.buttons.setEnabled(True)
            self._said(False, message)

        self.job = run(self, work, done, refused)
