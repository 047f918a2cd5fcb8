"""Clinic > E-mail and SMS settings: how reminders leave, each with a test message.

A failed test says what went wrong in the desk's words: nothing answering at
the address, an unknown server name, a refused password, a refused address.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
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

from scheduler_app.errors import SchedulerError, ValidationError
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
from scheduler_app.ui.durations_text import lead_times_text, read_lead_times
from scheduler_app.ui.field_errors import FieldErrors
from scheduler_app.ui.i18n import translate


def mail_problem(exc: BaseException, host: str, port: int, recipient: str) -> str:
    """What a failed test message means, in plain words."""
    where = translate("MailSettings", "{host} port {port}").format(host=host, port=port)
    if isinstance(exc, ConnectionRefusedError):
        return translate(
            "MailSettings", "Nothing answers at {where}: check the server name and the port."
        ).format(where=where)
    if isinstance(exc, socket.gaierror):
        return translate(
            "MailSettings", "The server name {host} is not known: check its spelling."
        ).format(host=host)
    if isinstance(exc, TimeoutError | socket.timeout):
        return translate(
            "MailSettings", "{where} did not answer in time: check the address and the port."
        ).format(where=where)
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return translate("MailSettings", "The mail server refused the user name or the password.")
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return translate("MailSettings", "The mail server refused to send to {address}.").format(
            address=recipient
        )
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return translate("MailSettings", "The mail server refused the sender address.")
    if isinstance(exc, ssl.SSLError | smtplib.SMTPNotSupportedError):
        return translate(
            "MailSettings",
            "The secure connection failed: try another security setting or port ({detail}).",
        ).format(detail=exc)
    if isinstance(exc, smtplib.SMTPServerDisconnected | ConnectionError):
        return translate(
            "MailSettings", "{where} closed the connection: check the security setting and port."
        ).format(where=where)
    if isinstance(exc, smtplib.SMTPException):
        return translate(
            "MailSettings", "The mail server did not accept the message: {detail}"
        ).format(detail=exc)
    return translate("MailSettings", "The message could not be sent: {detail}").format(detail=exc)


class MailSettingsDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("MailSettings", "E-mail and SMS settings"))
        self.setMinimumWidth(460)
        self._services = services
        self._clinic_id = clinic_id(services.context)
        current = smtp_settings(services.context)
        self.host = QLineEdit(current.host if current else "")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(current.port if current else 587)
        self.security = QComboBox()
        for value, label in (
            ("starttls", translate("MailSettings", "STARTTLS (usually port 587)")),
            ("ssl", translate("MailSettings", "SSL/TLS (usually port 465)")),
            ("none", translate("MailSettings", "None: not encrypted")),
        ):
            self.security.addItem(label, value)
        self.choose_security(current.security if current else "starttls")
        self.user = QLineEdit(current.user if current else "")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(translate("MailSettings", "kept in the system keyring"))
        self.sender_address = QLineEdit(current.sender if current else "")
        self.test_to = QLineEdit()
        self.test_to.setPlaceholderText(
            translate("MailSettings", "your address, for a test message")
        )
        self.test_button = QPushButton(translate("MailSettings", "Send test e-mail"))
        self.test_button.clicked.connect(self.send_test)
        sms = sms_settings(services.context)
        self.sms_url = QLineEdit(sms.url if sms else "")
        self.sms_url.setPlaceholderText("https://gateway.example/send?to={to}&text={text}")
        self.sms_user = QLineEdit(sms.user if sms else "")
        self.sms_password = QLineEdit()
        self.sms_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sms_password.setPlaceholderText(
            translate("MailSettings", "kept in the system keyring")
        )
        self.sms_test_to = QLineEdit()
        self.sms_test_to.setPlaceholderText(
            translate("MailSettings", "a mobile number, for a test message")
        )
        self.sms_test_button = QPushButton(translate("MailSettings", "Send test SMS"))
        self.sms_test_button.clicked.connect(self.send_test_sms)
        for field, label in (
            (self.sms_url, translate("MailSettings", "SMS gateway address")),
            (self.sms_user, translate("MailSettings", "SMS gateway user")),
            (self.sms_password, translate("MailSettings", "SMS gateway password")),
            (self.sms_test_to, translate("MailSettings", "Test mobile number")),
        ):
            field.setAccessibleName(label)
        self.lead_times = QLineEdit(lead_times_text(services.settings.current().reminder_minutes))
        self.lead_times.setAccessibleName(
            translate("MailSettings", "Reminder times before the appointment")
        )
        self.lead_times.setPlaceholderText(
            translate("MailSettings", "e.g. 1 day, 2 hours (none when empty)")
        )
        self.outcome = QLabel()
        self.outcome.setAccessibleName(translate("MailSettings", "Result"))
        self.outcome.setWordWrap(True)
        for widget, name in (
            (self.host, translate("MailSettings", "Mail server")),
            (self.port, translate("MailSettings", "Port")),
            (self.security, translate("MailSettings", "Security")),
            (self.user, translate("MailSettings", "User")),
            (self.password, translate("MailSettings", "Password")),
            (self.sender_address, translate("MailSettings", "Sender address")),
            (self.test_to, translate("MailSettings", "Test recipient")),
        ):
            widget.setAccessibleName(name)
        #: Why passwords cannot be kept on this computer, and how to fix it (hidden when
        #: a keyring works).
        self.keyring_note = QLabel(
            translate(
                "MailSettings",
                "No system keyring works on this computer, so passwords cannot be remembered "
                "here. On Linux, install a Secret Service keyring (GNOME Keyring or KWallet, "
                "e.g. `sudo apt-get install gnome-keyring`) and use it from a desktop session "
                "that unlocks it; for the database server's password, ~/.pgpass also works. "
                "Until then, passwords are asked for when needed.",
            )
            if keyring_problem()
            else ""
        )
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setAccessibleName(translate("MailSettings", "Password storage"))
        self.keyring_note.setStyleSheet("color: #8d4b00;")
        self.keyring_note.setVisible(bool(self.keyring_note.text()))
        form = QFormLayout()
        form.addRow(self.keyring_note)
        self.errors = FieldErrors(QLabel(self))  # only the lead times: the rest says below
        form.addRow(
            translate("MailSettings", "Reminders before"),
            self.errors.field("reminder_minutes", self.lead_times),
        )
        form.addRow(translate("MailSettings", "Mail server"), self.host)
        form.addRow(translate("MailSettings", "Port"), self.port)
        form.addRow(translate("MailSettings", "Security"), self.security)
        form.addRow(translate("MailSettings", "User"), self.user)
        form.addRow(translate("MailSettings", "Password"), self.password)
        form.addRow(translate("MailSettings", "Sender address"), self.sender_address)
        form.addRow(translate("MailSettings", "Test recipient"), self.test_to)
        form.addRow("", self.test_button)
        form.addRow(
            QLabel(translate("MailSettings", "<b>SMS gateway</b> (leave empty for no SMS)"))
        )
        form.addRow(translate("MailSettings", "Address"), self.sms_url)
        form.addRow(translate("MailSettings", "User"), self.sms_user)
        form.addRow(translate("MailSettings", "Password"), self.sms_password)
        form.addRow(translate("MailSettings", "Test number"), self.sms_test_to)
        form.addRow("", self.sms_test_button)
        buttons = dialog_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.outcome)
        layout.addWidget(buttons)

    def choose_security(self, value: str) -> None:
        self.security.setCurrentIndex(max(0, self.security.findData(value)))

    def settings(self) -> SmtpSettings:
        return SmtpSettings(
            host=self.host.text().strip(),
            port=self.port.value(),
            security=str(self.security.currentData()),
            user=self.user.text().strip(),
            password=self.password.text(),
            sender=self.sender_address.text().strip(),
            timeout_s=8.0,
        )

    def send_test(self) -> None:
        settings = self.settings()
        recipient = self.test_to.text().strip() or settings.sender
        if not settings.host:
            self._show(
                False,
                translate("MailSettings", "Fill in the mail server first (its name or address)."),
            )
            return
        if "@" not in settings.sender:
            self._show(
                False,
                translate(
                    "MailSettings", "Fill in the sender address first: clients see it as From."
                ),
            )
            return
        try:
            send_email(
                settings,
                recipient,
                translate("MailSettings", "Test message from the scheduler"),
                translate(
                    "MailSettings",
                    "If you can read this, reminders by e-mail will reach your clients.",
                ),
                test_message_id(self._clinic_id),
            )
        except SchedulerError as exc:
            self._show(False, exc.message)
        except (OSError, smtplib.SMTPException) as exc:
            self._show(False, mail_problem(exc, settings.host, settings.port, recipient))
        else:
            self._show(
                True,
                translate("MailSettings", "Test message sent to {address}.").format(
                    address=recipient
                ),
            )

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
                translate(
                    "MailSettings",
                    "Test message from the scheduler: SMS reminders will reach your clients.",
                ),
            )
        except SchedulerError as exc:
            self._show(False, exc.message)
        except OSError as exc:
            self._show(
                False,
                translate(
                    "MailSettings", "The SMS gateway did not accept the message: {detail}"
                ).format(detail=exc),
            )
        else:
            self._show(True, translate("MailSettings", "Test SMS sent."))

    def save(self) -> None:
        s, sms = self.settings(), self.sms()
        try:
            leads = read_lead_times(self.lead_times.text())
            self._services.directory.update_mail_settings(
                self._services.actor_id,
                host=s.host,
                port=s.port,
                security=s.security,
                user=s.user,
                sender=s.sender,
                reminder_minutes=leads,
            )
            self._services.directory.update_sms_settings(
                self._services.actor_id, url=sms.url, user=sms.user
            )
            if s.password:
                store_mail_password(s.user, s.host, s.password)
            if sms.password:
                host = urllib.parse.urlsplit(sms.url).hostname or ""
                store_mail_password(sms.user, host, sms.password)
        except ValidationError as exc:
            if exc.field == "reminder_minutes":
                self.errors.show(exc)
            else:
                self._show(False, exc.message)
            return
        except SchedulerError as exc:
            self._show(False, exc.message)
            return
        self.accept()

    def _show(self, ok: bool, text: str) -> None:
        self.outcome.setText(text)
        self.outcome.setStyleSheet("color: #1b5e20;" if ok else "color: #b71c1c;")
