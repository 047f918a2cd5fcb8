"""Clinic > Message templates: defaults shown, mistakes explained, wording saved and used."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from scheduler_app.ui.template_dialog import TemplateDialog
from tests.conftest import Clinic


def test_edit_a_template(sqlite_clinic: Clinic, qtbot: QtBot) -> None:
    dialog = TemplateDialog(sqlite_clinic.services)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("appointment_reminder"))
    dialog.channel.setCurrentIndex(dialog.channel.findData("email"))
    assert dialog.subject.text() == "Reminder: {date} at {time}"  # the default wording
    dialog.body.setPlainText("Dear {patient}, see you soon.")
    dialog.save()
    assert "Unknown placeholder {patient}" in dialog.outcome.text()
    dialog.body.setPlainText("Dear {client}, see you at {time}.")
    dialog.save()
    assert dialog.outcome.text().startswith("Saved")
    again = TemplateDialog(sqlite_clinic.services)
    qtbot.addWidget(again)
    again.kind.setCurrentIndex(again.kind.findData("appointment_reminder"))
    again.channel.setCurrentIndex(again.channel.findData("email"))
    assert again.body.toPlainText() == "Dear {client}, see you at {time}."


def _answer_with(monkeypatch: pytest.MonkeyPatch, choice: str, asked: list[str]) -> None:
    """The question box: note what it asks, press the button called ``choice``."""

    def exec_(box: QMessageBox) -> int:
        asked.append(box.text())
        assert {b.text() for b in box.buttons()} == {
            "Save changes",
            "Discard changes",
            "Keep editing",
        }
        next(b for b in box.buttons() if b.text() == choice).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)


def test_switching_messages_asks_before_dropping_edits(
    sqlite_clinic: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = TemplateDialog(sqlite_clinic.services)
    qtbot.addWidget(dialog)
    first = dialog.kind.currentText()
    dialog.body.setPlainText("Hello {client}, booked for {date}.")
    asked: list[str] = []
    _answer_with(monkeypatch, "Keep editing", asked)
    dialog.kind.setCurrentIndex(1)
    assert asked == [f"The wording of “{first}” has changed. Save the changes first?"]
    assert dialog.kind.currentText() == first  # stayed, edits kept
    assert dialog.body.toPlainText() == "Hello {client}, booked for {date}."
    _answer_with(monkeypatch, "Save changes", asked)
    dialog.kind.setCurrentIndex(1)
    assert dialog.kind.currentIndex() == 1
    kind, channel = dialog.kind.itemData(0), dialog.channel.currentData()
    assert sqlite_clinic.directory.template(kind, channel)[1] == (
        "Hello {client}, booked for {date}."
    )
    dialog.body.setPlainText("Changed, then dropped.")
    _answer_with(monkeypatch, "Discard changes", asked)
    dialog.kind.setCurrentIndex(0)
    assert dialog.body.toPlainText() == "Hello {client}, booked for {date}."
    dialog.kind.setCurrentIndex(2)  # nothing edited: no question
    assert len(asked) == 3
