"""Pointing a desk at the shared server: the dialog, the settings file, the password."""

from __future__ import annotations

import configparser
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from scheduler_app.errors import PasswordRequiredError
from scheduler_app.server_settings import ServerSettings, save, url_with_password
from scheduler_app.ui.password_prompt import Answer, open_with_password
from scheduler_app.ui.server_settings_dialog import ServerSettingsDialog
from tests.ui.visible_text import visible_texts


def _fill(dialog: ServerSettingsDialog, url: str) -> None:
    parsed = make_url(url)
    dialog.shared.setChecked(True)
    dialog.host.setText(parsed.host or "")
    dialog.port.setValue(parsed.port or 5432)
    dialog.database.setText(parsed.database or "")
    dialog.user.setText(parsed.username or "")


def test_test_connection_reports_the_real_server(
    postgres_url: str, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = ServerSettingsDialog("sqlite:////tmp/x.sqlite3", config_file=tmp_path / "s.conf")
    qtbot.addWidget(dialog)
    assert dialog.embedded.isChecked()
    _fill(dialog, postgres_url)
    dialog.test_button.click()
    assert dialog.outcome.text() == "Connecting..."  # the window is not held up meanwhile
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=10_000)
    report = dialog.outcome.text()
    assert "OK  connection: PostgreSQL" in report
    assert "OK  schema: revision" in report and "OK  btree_gist" in report

    dialog.port.setValue(1)  # nothing listens there
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=10_000)
    assert "Nothing answers at 127.0.0.1 port 1" in dialog.outcome.text()


def test_save_writes_the_address_without_the_password(qtbot: QtBot, tmp_path: Path) -> None:
    target = tmp_path / "scheduler-app.conf"
    target.write_text("[logging]\nlevel = info\n", encoding="utf-8")
    dialog = ServerSettingsDialog("sqlite:////tmp/x.sqlite3", config_file=target)
    qtbot.addWidget(dialog)
    _fill(dialog, "postgresql+psycopg://desk1@db.clinic.lan:5433/clinic")
    dialog.choose_tls("require")
    dialog.password.setText("s3cret")
    dialog.save()
    assert dialog.result() == ServerSettingsDialog.DialogCode.Accepted
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(target, encoding="utf-8")
    url = parser.get("database", "url")
    assert url == "postgresql+psycopg://desk1@db.clinic.lan:5433/clinic?sslmode=require"
    assert "s3cret" not in target.read_text(encoding="utf-8")
    assert parser.get("logging", "level") == "info"  # the rest of the file is kept
    reopened = ServerSettingsDialog(url, config_file=target)
    qtbot.addWidget(reopened)
    assert (reopened.shared.isChecked(), reopened.host.text(), reopened.port.value()) == (
        True,
        "db.clinic.lan",
        5433,
    )
    assert reopened.tls.currentData() == "require"
    save(None, target)  # back to the embedded file
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(target, encoding="utf-8")
    assert not parser.has_option("database", "url")


def test_incomplete_settings_say_what_is_missing(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ServerSettingsDialog("sqlite:////tmp/x.sqlite3", config_file=tmp_path / "s.conf")
    qtbot.addWidget(dialog)
    dialog.shared.setChecked(True)
    dialog.host.setText("db.clinic.lan")
    dialog.user.setText("")
    dialog.save()
    assert dialog.outcome.text() == "Enter the user name this desk signs in with."
    assert not (tmp_path / "s.conf").exists()


def test_the_desk_is_asked_again_while_the_server_refuses_the_password() -> None:
    tried: list[str] = []

    def open_with(password: str) -> str:
        tried.append(password)
        if password != "right":
            raise PasswordRequiredError("The database server refused the password for user d.")
        return "opened"

    reasons: list[str] = []
    answers = iter([Answer("wrong", False), Answer("right", True)])

    def ask(reason: str) -> Answer | None:
        reasons.append(reason)
        return next(answers)

    settings = ServerSettings("db", "clinic", "d")
    opened = open_with_password(open_with, settings, "", ask)
    assert opened == ("opened", Answer("right", True))
    assert tried == ["", "wrong", "right"]
    assert reasons == ["The database server refused the password for user d."] * 2
    assert open_with_password(open_with, settings, "", lambda _r: None) is None  # cancelled
    with pytest.raises(PasswordRequiredError):
        open_with_password(open_with, settings, "", lambda _r: Answer("wrong", False))


def test_a_password_stays_in_memory_only() -> None:
    url = "postgresql+psycopg://desk1@db:5432/clinic?sslmode=require"
    with_password = url_with_password(url, "p@ss:word")
    assert make_url(with_password).password == "p@ss:word"
    assert ServerSettings.from_url(with_password) == ServerSettings(
        "db", "clinic", "desk1", 5432, "require"
    )
    assert "p@ss" not in ServerSettings.from_url(with_password).url()  # type: ignore[union-attr]


def test_the_dialog_speaks_to_desk_staff_not_to_installers(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ServerSettingsDialog("sqlite:////tmp/x.sqlite3", config_file=tmp_path / "s.conf")
    qtbot.addWidget(dialog)
    dialog.shared.setChecked(True)
    said = " ".join(visible_texts(dialog))
    for jargon in ("--database", "SCHEDULER_", "pgpass", "keyring", "URL", "verify-ca", "TLS"):
        assert jargon not in said, jargon
    assert "The desk uses the new setting from its next start." in said
