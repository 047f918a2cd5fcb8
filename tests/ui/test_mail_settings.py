"""Clinic > E-mail settings: a test message reaches a real SMTP server, and it is saved."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.fail import Keyring as FailKeyring
from pytestqt.qtbot import QtBot

from scheduler_app.db.models import Organization
from scheduler_app.services.dispatch import smtp_settings
from scheduler_app.ui.mail_settings_dialog import MailSettingsDialog
from tests.conftest import Clinic
from tests.db.smtp_server import SmtpServer
from tests.memory_keyring import MemoryKeyring


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
    dialog.test_button.click()  # twice: each test message is a message of its own
    first, second = smtp.inbox.messages
    assert (first["To"], first["Subject"]) == (
        "manager@clinic.example",
        "Test message from the scheduler",
    )
    clinic_id = _clinic_id(sqlite_clinic)
    assert first["Message-ID"] != second["Message-ID"]
    for mail in (first, second):
        assert mail["Message-ID"].startswith("<test-")
        assert mail["Message-ID"].endswith(f".{clinic_id}@scheduler-app>")
    assert dialog.lead_times.text() == "1 day, 2 hours"
    dialog.lead_times.setText("2880, 60")  # minutes, as they were once typed: refused
    dialog.save()
    assert dialog.errors.reason("reminder_minutes").startswith("“2880”: say minutes, hours")
    assert dialog.lead_times.text() == "2880, 60" and dialog.result() == 0  # kept, still open
    dialog.lead_times.setText("2 days, 1 hour")
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


def _clinic_id(clinic: Clinic) -> str:
    with clinic.services.database.read_sessions() as session:
        org = session.get(Organization, clinic.services.context.organization_id)
        assert org is not None
        return org.clinic_id


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
    from tests.db.sms_gateway import SmsGateway

    gateway = SmsGateway()
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


@pytest.fixture
def use_keyring() -> Iterator[Callable[[KeyringBackend], None]]:
    previous = keyring.get_keyring()
    yield keyring.set_keyring
    keyring.set_keyring(previous)


def _fill_mail(dialog: MailSettingsDialog) -> None:
    dialog.host.setText("mail.clinic.example")
    dialog.user.setText("desk")
    dialog.password.setText("mail-s3cret")
    dialog.sender_address.setText("desk@clinic.example")


def test_without_a_keyring_the_dialog_says_so_and_how_to_fix_it(
    sqlite_clinic: Clinic, qtbot: QtBot, use_keyring: Callable[[KeyringBackend], None]
) -> None:
    use_keyring(FailKeyring())
    dialog = MailSettingsDialog(sqlite_clinic.services)
    qtbot.addWidget(dialog)
    assert not dialog.keyring_note.isHidden()
    assert "No system keyring works on this computer" in dialog.keyring_note.text()
    assert "gnome-keyring" in dialog.keyring_note.text()
    _fill_mail(dialog)
    dialog.save()
    assert dialog.outcome.text().startswith("The password was not saved. No system keyring")


def test_with_a_keyring_the_password_goes_there_and_nowhere_else(
    sqlite_clinic: Clinic, qtbot: QtBot, use_keyring: Callable[[KeyringBackend], None]
) -> None:
    memory = MemoryKeyring()
    use_keyring(memory)
    dialog = MailSettingsDialog(sqlite_clinic.services)
    qtbot.addWidget(dialog)
    assert dialog.keyring_note.isHidden()
    _fill_mail(dialog)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.outcome.text()
    assert memory.kept == {("scheduler-app", "smtp:desk@mail.clinic.example"): "mail-s3cret"}
    assert "mail-s3cret" not in _everything_stored(sqlite_clinic)


@pytest.mark.parametrize(
    "address",
    [
        "https://desk:gw-s3cret@gateway.example/send?to={to}&text={text}",
        "https://gateway.example/send?user=desk&password=gw-s3cret&to={to}&text={text}",
        "https://gateway.example/send?api_secret=gw-s3cret&to={to}&text={text}",
    ],
)
def test_an_sms_address_with_a_password_is_refused(
    address: str, sqlite_clinic: Clinic, qtbot: QtBot
) -> None:
    dialog = MailSettingsDialog(sqlite_clinic.services)
    qtbot.addWidget(dialog)
    dialog.sms_url.setText(address)
    dialog.save()
    assert "The SMS gateway address must not contain a password" in dialog.outcome.text()
    assert "Password field" in dialog.outcome.text()
    assert "gw-s3cret" not in _everything_stored(sqlite_clinic)


def _everything_stored(clinic: Clinic) -> str:
    """Every row of the clinic's file, the audit trail included, as text."""
    path = clinic.services.database.path
    assert path is not None
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return "\n".join(conn.iterdump())
