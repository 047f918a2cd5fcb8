"""A bug shows a crash dialog naming the log; the user's data is untouched."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from scheduler_app import config
from scheduler_app.errors import ValidationError
from scheduler_app.ui.application import _crash_dialog
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic


def test_uncaught_errors_reach_the_crash_dialog_with_the_log_path(
    desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(desk.services)
    qtbot.addWidget(window)
    crashes: list[str] = []
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: crashes.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    hook = _crash_dialog(window)
    try:
        raise KeyError("slot 42")
    except KeyError as exc:
        hook(type(exc), exc, exc.__traceback__)
    (text,) = crashes
    assert "KeyError" in text and str(config.log_dir() / "scheduler-app.log") in text
    assert "appointments are safe" in text
    hook(ValidationError, ValidationError("Please choose a time."), None)
    assert warnings == ["Please choose a time."]  # a user error is a message, not a crash
    assert len(desk.booking.appointments_on(desk.at(2, 0).date())) == 3
