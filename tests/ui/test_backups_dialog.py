"""Clinic > Backups, and the desk's daily backups."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from scheduler_app.db import backups
from scheduler_app.ui.backups_dialog import BackupsDialog
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.workers.backup_worker import BackupWorker
from tests.conftest import Clinic
from tests.database_files import overwrite_middle
from tests.ui.boxes import Boxes


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return Boxes().install(monkeypatch)


def _clients(desk: Clinic) -> list[str]:
    return [c.name for c in desk.directory.find_clients("")]


def test_the_clinic_menu_opens_the_backups(
    desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(desk.services)
    qtbot.addWidget(window)
    (clinic,) = [m for m in window.menuBar().actions() if m.text() == "&Clinic"]
    assert window.backups_action in clinic.menu().actions()  # type: ignore[union-attr]
    opened: list[BackupsDialog] = []
    monkeypatch.setattr(BackupsDialog, "exec", lambda self: opened.append(self) or 0)
    window.backups_action.trigger()
    assert len(opened) == 1


def test_back_up_now_then_restore_it(desk: Clinic, qtbot: QtBot, boxes: Boxes) -> None:
    path = desk.services.database.path
    assert path is not None
    released: list[bool] = []

    def release() -> None:
        released.append(True)
        desk.services.database.dispose()

    dialog = BackupsDialog(desk.services, release=release)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 0 and not dialog.restore_button.isEnabled()
    dialog.back_up_button.click()
    assert dialog.list.count() == 1
    assert dialog.outcome.text().startswith("Backed up and checked: ")
    assert dialog.restore_button.isEnabled()
    before = _clients(desk)
    desk.directory.add_client(desk.admin, "Added after the backup", "+351 911 111 111")
    assert "Added after the backup" in _clients(desk)
    boxes.answer = QMessageBox.StandardButton.Yes
    dialog.restore_button.click()
    assert released == [True]
    ((title, text),) = [(t, x) for kind, t, x in boxes.shown if kind == "information"]
    assert title == "Backup restored" and f"is restored in {path}" in text
    assert "The file it replaced is kept as" in text
    assert _clients(desk) == before
    assert dialog.restored_to == path


def test_restore_is_not_done_when_the_person_says_no(
    desk: Clinic, qtbot: QtBot, boxes: Boxes
) -> None:
    dialog = BackupsDialog(desk.services, release=lambda: pytest.fail("released"))
    qtbot.addWidget(dialog)
    dialog.back_up_button.click()
    desk.directory.add_client(desk.admin, "Kept", "+351 911 111 112")
    dialog.restore_button.click()  # the question is answered No
    assert [kind for kind, _t, _x in boxes.shown] == ["question"]
    assert "Kept" in _clients(desk)


def test_a_damaged_backup_is_refused_in_the_dialog(
    desk: Clinic, qtbot: QtBot, boxes: Boxes
) -> None:
    path = desk.services.database.path
    assert path is not None
    for _ in range(40):  # enough rows that the middle of the file is live data
        desk.client()
    taken = backups.take(path)
    overwrite_middle(taken.path)
    dialog = BackupsDialog(desk.services, release=lambda: pytest.fail("released"))
    qtbot.addWidget(dialog)
    dialog.restore_button.click()
    outcome = dialog.outcome.text()  # found by the first look or by the full check
    assert f"{taken.path} is damaged" in outcome and "not restored" in outcome.lower()
    assert boxes.shown == []


def test_a_shared_server_is_backed_up_on_the_server(pg_clinic: Clinic, qtbot: QtBot) -> None:
    dialog = BackupsDialog(pg_clinic.services)
    qtbot.addWidget(dialog)
    assert "backed up on the server" in dialog.about.text()
    assert dialog.list.isHidden() and dialog.restore_button.isHidden()


def test_the_desk_backs_up_when_the_latest_is_a_day_old(desk: Clinic) -> None:
    path = desk.services.database.path
    assert path is not None
    now = [datetime(2026, 3, 2, 7, tzinfo=UTC)]
    worker = BackupWorker(path, clock=lambda: now[0])
    taken: list[str] = []
    sound: list[bool] = []
    worker.backed_up.connect(taken.append)
    worker.sound.connect(lambda: sound.append(True))
    worker.tick()  # at start: the full check, then the first backup
    assert sound == [True] and len(taken) == 1
    now[0] += timedelta(hours=23)
    worker.tick()
    assert len(taken) == 1
    now[0] += timedelta(hours=1)
    worker.tick()
    assert len(taken) == 2
    assert [Path(t) for t in reversed(taken)] == [b.path for b in backups.list_backups(path)]


def test_the_desk_reports_damage_found_by_the_full_check(desk: Clinic) -> None:
    path = desk.services.database.path
    assert path is not None
    for _ in range(40):
        desk.client()
    taken = backups.take(path)
    desk.services.database.dispose()
    overwrite_middle(path)
    worker = BackupWorker(path)
    damaged: list[str] = []
    worker.damaged.connect(damaged.append)
    worker.tick()
    (message,) = damaged
    assert f"{path} is damaged: " in message and f"The latest backup is {taken.path}" in message
    assert len(backups.list_backups(path)) == 1  # none taken of the damaged file
