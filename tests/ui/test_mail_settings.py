"""Clinic > E-mail settings: a test message reaches a real SMTP server, and it is saved."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from scheduler_app.services.dispatch import smtp_settings
from scheduler_app.ui.mail_settings_dialog import MailSettingsDialog
from tests.conftest import Clinic
from tests.db.smtp_server import SmtpServer


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


def test_test_message_and_saving(sqlite_clinic: Clinic, smtp: SmtpServer, qtbot: QtBot) -> None:
    dialog = MailSettingsDialog(sqlite_clinic.services)
    qtbot.addWidget(dialog)
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(smtp.port)
    dialog.choose_security("none")
    dialog.sender_address.setText("desk@clinic.example")
    dialog.test_to.setText("manager@clinic.example")
    dialog.test_button.click()
    assert dialog.outcome.text() == "Test message sent to manager@clinic.example."
    (mail,) = smtp.inbox.messages
    assert (mail["To"], mail["Subject"]) == (
        "manager@clinic.example",
        "Test message from the scheduler",
    )
    dialog.lead_times.setText("2880, 60")
    dialog.save()
    assert sqlite_clinic.directory.organization().reminder_minutes == "2880,60"
    saved = smtp_settings(sqlite_clinic.services.context)
    assert saved is not None
    assert (saved.host, saved.port, saved.security, saved.sender) == (
        "127.0.0.1",
        smtp.port,
        "none",
        "desk@clinic.example",
    )


def test_a_server_that_does_not_answer_is_reported(sqlite_clinic: Clinic, qtbot: QtBot) -> None:
    dialog = MailSettingsDialog(sqlite_clinic.services)
    qtbot.addWidget(dialog)
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(1)
    dialog.choose_security("none")
    dialog.sender_address.setText("desk@clinic.example")
    dialog.test_button.click()  # nothing listens on port 1: it never connected
    assert dialog.outcome.text() == (
        "Nothing answers at 127.0.0.1 port 1: check the server name and the port."
    )
    assert "Errno" not in dialog.outcome.text() and "Clinic settings" not in dialog.outcome.text()
    dialog.host.setText("")
    dialog.test_button.click()
    assert dialog.outcome.text() == "Fill in the mail server first (its name or address)."
    dialog.host.setText("127.0.0.1")
    dialog.sender_address.setText("not an address")
    dialog.save()
    assert "does not look like an e-mail address" in dialog.outcome.text()
    assert smtp_settings(sqlite_clinic.services.context) is None  # nothing saved


def test_sms_gateway_test_message_and_saving(sqlite_clinic: Clinic, qtbot: QtBot) -> None:
    from scheduler_app.services.dispatch import sms_settings
    from tests.db.test_notifications import _Gateway

    gateway = _Gateway()
    try:
        dialog = MailSettingsDialog(sqlite_clinic.services)
        qtbot.addWidget(dialog)
        dialog.sms_url.setText("https://gateway.example/send")
        dialog.save()
        assert "needs {to} and {text}" in dialog.outcome.text()
        dialog.sms_url.setText(gateway.url)
        dialog.sms_test_to.setText("+351 912 345 678")
        dialog.sms_test_button.click()
        assert dialog.outcome.text() == "Test SMS sent."
        ((to, text, _auth),) = gateway.received
        assert to == "+351 912 345 678" and text.startswith("Test message from the scheduler")
        dialog.save()
        saved = sms_settings(sqlite_clinic.services.context)
        assert saved is not None and saved.url == gateway.url
    finally:
        gateway.close()
