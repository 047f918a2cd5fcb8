"""Clinic > Database server: point this desk at the shared server, or back home.

"Test connection" runs `db check` on a worker thread (a server that does not
answer must not freeze the window); "Save" writes the address to the user's
settings file, never the password (that goes to the keyring when asked).
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from scheduler_app import server_settings
from scheduler_app.errors import ValidationError
from scheduler_app.server_settings import TLS_MODES, ServerSettings, check_connection
from scheduler_app.ui.dialog_buttons import dialog_buttons


class _Relay(QObject):
    done = Signal(str, bool)  # report, all well


class ServerSettingsDialog(QDialog):
    def __init__(
        self,
        current_url: str,
        parent: QWidget | None = None,
        config_file: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Database server")
        self.resize(500, 0)
        self._config_file = config_file
        self.saved_to: Path | None = None
        current = ServerSettings.from_url(current_url)
        self.embedded = QRadioButton("Only this computer (embedded file)")
        self.shared = QRadioButton("A shared PostgreSQL server (several desks)")
        (self.shared if current else self.embedded).setChecked(True)
        self.host = QLineEdit(current.host if current else "")
        self.host.setAccessibleName("Server")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(current.port if current else 5432)
        self.port.setAccessibleName("Port")
        self.database = QLineEdit(current.database if current else "clinic")
        self.database.setAccessibleName("Database")
        self.user = QLineEdit(current.user if current else "")
        self.user.setAccessibleName("User")
        self.tls = QComboBox()
        self.tls.addItems(TLS_MODES)
        self.tls.setCurrentText(current.tls if current else "prefer")
        self.tls.setAccessibleName("TLS mode")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("empty: from the keyring or ~/.pgpass, or asked at start")
        self.password.setAccessibleName("Password")
        self.remember = QCheckBox("Remember the password in the system keyring")
        server = QGroupBox("Shared server")
        form = QFormLayout(server)
        form.addRow("Server:", self.host)
        form.addRow("Port:", self.port)
        form.addRow("Database:", self.database)
        form.addRow("User:", self.user)
        form.addRow("TLS:", self.tls)
        form.addRow("Password:", self.password)
        form.addRow(self.remember)
        self.test_button = QPushButton("Test connection")
        self.test_button.clicked.connect(self.test)
        form.addRow(self.test_button)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName("Result")
        buttons = dialog_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.embedded)
        layout.addWidget(self.shared)
        layout.addWidget(server)
        layout.addWidget(self.outcome)
        layout.addWidget(
            QLabel(
                "The desk uses the new setting from its next start.\n"
                "--database and SCHEDULER_DATABASE_URL still come first."
            )
        )
        layout.addWidget(buttons)
        self.shared.toggled.connect(server.setEnabled)
        server.setEnabled(self.shared.isChecked())
        self._relay = _Relay(self)
        self._relay.done.connect(self._tested)

    def settings(self) -> ServerSettings:
        chosen = ServerSettings(
            host=self.host.text().strip(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
            port=self.port.value(),
            tls=self.tls.currentText(),
        )
        chosen.check()
        return chosen

    def test(self) -> None:
        try:
            url = self.settings().url(self.password.text())
        except ValidationError as exc:
            self.outcome.setText(exc.message)
            return
        self.test_button.setEnabled(False)
        self.outcome.setText("Connecting...")
        relay = self._relay

        def work() -> None:
            report = check_connection(url)
            with contextlib.suppress(RuntimeError):  # the dialog was closed meanwhile
                relay.done.emit(*report)

        threading.Thread(target=work, name="connection-test", daemon=True).start()

    def _tested(self, report: str, ok: bool) -> None:
        self.test_button.setEnabled(True)
        self.outcome.setText(report if ok else f"Not usable yet:\n{report}")

    def save(self) -> None:
        try:
            chosen = self.settings() if self.shared.isChecked() else None
            self.saved_to = server_settings.save(chosen, self._config_file)
            if chosen is not None and self.remember.isChecked() and self.password.text():
                server_settings.remember_password(chosen, self.password.text())
        except ValidationError as exc:
            self.outcome.setText(exc.message)
            return
        self.accept()
