"""Clinic > E-mail and SMS settings: how reminders leave, each with a test message."""

from __future__ import annotations

import smtplib
import urllib.parse

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.errors import SchedulerError
from scheduler_app.secrets import keyring_problem
from scheduler_app.services.bundle import Services
from scheduler_app.services.dispatch import (
    clinic_id,
    sms_settings,
    smtp_settings,
    store_mail_password,
)
from scheduler_app.services.email_channel import SmtpSettings, send_email, test_message_id
from scheduler_app.services.sms_channel import SmsSettings, send_sms
from scheduler_app.ui.dialog_buttons import dialog_buttons


class MailSettingsDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("E-mail and SMS settings")
        self.setMinimumWidth(460)
        self._services = services
        self._clinic_id = clinic_id(services.context)
        current = smtp_settings(services.context)
        self.host = QLineEdit(current.host if current else "")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(current.port if current else 587)
        self.security = QComboBox()
        self.security.addItems(["starttls", "ssl", "none"])
        self.security.setCurrentText(current.security if current else "starttls")
        self.user = QLineEdit(current.user if current else "")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("kept in the system keyring")
        self.sender_address = QLineEdit(current.sender if current else "")
        self.test_to = QLineEdit()
        self.test_to.setPlaceholderText("your address, for a test message")
        self.test_button = QPushButton("Send test e-mail")
        self.test_button.clicked.connect(self.send_test)
        sms = sms_settings(services.context)
        self.sms_url = QLineEdit(sms.url if sms else "")
        self.sms_url.setPlaceholderText("https://gateway.example/send?to={to}&text={text}")
        self.sms_user = QLineEdit(sms.user if sms else "")
        self.sms_password = QLineEdit()
        self.sms_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sms_password.setPlaceholderText("kept in the system keyring")
        self.sms_test_to = QLineEdit()
        self.sms_test_to.setPlaceholderText("a mobile number, for a test message")
        self.sms_test_button = QPushButton("Send test SMS")
        self.sms_test_button.clicked.connect(self.send_test_sms)
        for field, label in (
            (self.sms_url, "SMS gateway address"),
            (self.sms_user, "SMS gateway user"),
            (self.sms_password, "SMS gateway password"),
            (self.sms_test_to, "Test mobile number"),
        ):
            field.setAccessibleName(label)
        self.lead_times = QLineEdit(services.directory.organization().reminder_minutes)
        self.lead_times.setAccessibleName("Reminder times in minutes before")
        self.lead_times.setPlaceholderText("e.g. 1440, 120 (a day and two hours before)")
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        for widget, name in (
            (self.host, "Mail server"),
            (self.port, "Port"),
            (self.security, "Security"),
            (self.user, "User"),
            (self.password, "Password"),
            (self.sender_address, "Sender address"),
            (self.test_to, "Test recipient"),
        ):
            widget.setAccessibleName(name)
        #: Why passwords cannot be kept on this computer, and how to fix it (hidden when
        #: a keyring works).
        self.keyring_note = QLabel(keyring_problem() or "")
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setAccessibleName("Password storage")
        self.keyring_note.setStyleSheet("color: #8d4b00;")
        self.keyring_note.setVisible(bool(self.keyring_note.text()))
        form = QFormLayout()
        form.addRow(self.keyring_note)
        form.addRow("Reminders (minutes before)", self.lead_times)
        form.addRow("Mail server", self.host)
        form.addRow("Port", self.port)
        form.addRow("Security", self.security)
        form.addRow("User", self.user)
        form.addRow("Password", self.password)
        form.addRow("Sender address", self.sender_address)
        form.addRow("Test recipient", self.test_to)
        form.addRow("", self.test_button)
        form.addRow(QLabel("<b>SMS gateway</b> (leave empty for no SMS)"))
        form.addRow("Address", self.sms_url)
        form.addRow("User", self.sms_user)
        form.addRow("Password", self.sms_password)
        form.addRow("Test number", self.sms_test_to)
        form.addRow("", self.sms_test_button)
        buttons = dialog_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.outcome)
        layout.addWidget(buttons)

    def settings(self) -> SmtpSettings:
        return SmtpSettings(
            host=self.host.text().strip(),
            port=self.port.value(),
            security=self.security.currentText(),
            user=self.user.text().strip(),
            password=self.password.text(),
            sender=self.sender_address.text().strip(),
            timeout_s=8.0,
        )

    def send_test(self) -> None:
        settings = self.settings()
        try:
            send_email(
                settings,
                self.test_to.text().strip() or settings.sender,
                "Test message from the scheduler",
                "If you can read this, reminders by e-mail will reach your clients.",
                test_message_id(self._clinic_id),
            )
        except SchedulerError as exc:
            self._show(False, exc.message)
        except (OSError, smtplib.SMTPException) as exc:
            self._show(False, f"The mail server did not accept the message: {exc}")
        else:
            self._show(True, "Test message sent.")

    def sms(self) -> SmsSettings:
        return SmsSettings(
            self.sms_url.text().strip(),
            self.sms_user.text().strip(),
            self.sms_password.text(),
            timeout_s=8.0,
        )

    def send_test_sms(self) -> None:
        try:
            send_sms(
                self.sms(),
                self.sms_test_to.text().strip(),
                "Test message from the scheduler: SMS reminders will reach your clients.",
            )
        except SchedulerError as exc:
            self._show(False, exc.message)
        except OSError as exc:
            self._show(False, f"The SMS gateway did not accept the message: {exc}")
        else:
            self._show(True, "Test SMS sent.")

    def save(self) -> None:
        s, sms = self.settings(), self.sms()
        try:
            self._services.directory.update_mail_settings(
                self._services.actor_id,
                host=s.host,
                port=s.port,
                security=s.security,
                user=s.user,
                sender=s.sender,
                reminder_minutes=self.lead_times.text(),
            )
            self._services.directory.update_sms_settings(
                self._services.actor_id, url=sms.url, user=sms.user
            )
            if s.password:
                store_mail_password(s.user, s.host, s.password)
            if sms.password:
                host = urllib.parse.urlsplit(sms.url).hostname or ""
                store_mail_password(sms.user, host, sms.password)
        except SchedulerError as exc:
            self._show(False, exc.message)
            return
        self.accept()

    def _show(self, ok: bool, text: str) -> None:
        self.outcome.setText(text)
        self.outcome.setStyleSheet("color: #1b5e20;" if ok else "color: #b71c1c;")
