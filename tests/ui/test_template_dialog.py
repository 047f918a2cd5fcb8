"""Clinic > Message templates: defaults shown, mistakes explained, wording saved and used."""

from __future__ import annotations

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
