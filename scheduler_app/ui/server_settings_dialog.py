"""Clinic > Database server: point this desk at the shared server, or back home.

"Test connection" runs `db check` on a worker thread (a server that does not
answer must not freeze the window); "Save" writes the address to the user's
settings file, never the password (that goes to the keyring when asked). The
dialog speaks to desk staff: command-line options and environment variables
are README's business.
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
from scheduler_app.ui.i18n import translate


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
        self.setWindowTitle(translate("ServerSettings", "Database server"))
        self.resize(500, 0)
        self._config_file = config_file
        self.saved_to: Path | None = None
        current = ServerSettings.from_url(current_url)
        self.embedded = QRadioButton(
            translate("ServerSettings", "Only this computer (the schedule is kept here)")
        )
        self.shared = QRadioButton(
            translate("ServerSettings", "A shared server, for several desks (PostgreSQL)")
        )
        (self.shared if current else self.embedded).setChecked(True)
        self.host = QLineEdit(current.host if current else "")
        self.host.setAccessibleName(translate("ServerSettings", "Server"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(current.port if current else 5432)
        self.port.setAccessibleName(translate("ServerSettings", "Port"))
        self.database = QLineEdit(current.database if current else "clinic")
        self.database.setAccessibleName(translate("ServerSettings", "Database"))
        self.user = QLineEdit(current.user if current else "")
        self.user.setAccessibleName(translate("ServerSettings", "User"))
        self.tls = QComboBox()
        labels = {
            "disable": translate("ServerSettings", "None"),
            "prefer": translate("ServerSettings", "When the server offers it"),
            "require": translate("ServerSettings", "Always"),
            "verify-ca": translate("ServerSettings", "Always, checking the server's certificate"),
            "verify-full": translate(
                "ServerSettings", "Always, checking the certificate and the server's name"
            ),
        }
        for mode in TLS_MODES:
            self.tls.addItem(labels.get(mode, mode), mode)
        self.choose_tls(current.tls if current else "prefer")
        self.tls.setAccessibleName(translate("ServerSettings", "Encryption"))
        self.tls.setToolTip(
            translate(
                "ServerSettings", "How the connection is encrypted; ask whoever runs the server"
            )
        )
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(
            translate("ServerSettings", "leave empty to be asked when the desk starts")
        )
        self.password.setAccessibleName(translate("ServerSettings", "Password"))
        self.remember = QCheckBox(
            translate("ServerSettings", "Remember the password on this computer")
        )
        server = QGroupBox(translate("ServerSettings", "Shared server"))
        form = QFormLayout(server)
        form.addRow(translate("ServerSettings", "Server:"), self.host)
        form.addRow(translate("ServerSettings", "Port:"), self.port)
        form.addRow(translate("ServerSettings", "Database:"), self.database)
        form.addRow(translate("ServerSettings", "User:"), self.user)
        form.addRow(translate("ServerSettings", "Encryption:"), self.tls)
        form.addRow(translate("ServerSettings", "Password:"), self.password)
        form.addRow(self.remember)
        self.test_button = QPushButton(translate("ServerSettings", "Test connection"))
        self.test_button.clicked.connect(self.test)
        form.addRow(self.test_button)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName(translate("ServerSettings", "Result"))
        buttons = dialog_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.embedded)
        layout.addWidget(self.shared)
        layout.addWidget(server)
        layout.addWidget(self.outcome)
        self.note = QLabel(
            translate("ServerSettings", "The desk uses the new setting from its next start.")
        )
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.shared.toggled.connect(server.setEnabled)
        server.setEnabled(self.shared.isChecked())
        self._relay = _Relay(self)
        self._relay.done.connect(self._tested)

    def choose_tls(self, mode: str) -> None:
        self.tls.setCurrentIndex(max(0, self.tls.findData(mode)))

    def settings(self) -> ServerSettings:
        chosen = ServerSettings(
            host=self.host.text().strip(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
            port=self.port.value(),
            tls=str(self.tls.currentData()),
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
        self.outcome.setText(translate("ServerSettings", "Connecting..."))
        relay = self._relay

        def work() -> None:
            report = check_connection(url)
            with contextlib.suppress(RuntimeError):  # the dialog was closed meanwhile
                relay.done.emit(*report)

        threading.Thread(target=work, name="connection-test", daemon=True).start()

    def _tested(self, report: str, ok: bool) -> None:
        self.test_button.setEnabled(True)
        self.outcome.setText(
            report
            if ok
            else translate("ServerSettings", "Not usable yet:\n{report}").format(report=report)
        )

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
