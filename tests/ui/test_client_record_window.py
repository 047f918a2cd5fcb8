"""Clinic > Clients: merging a duplicate in, exporting a client's data, erasing it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from scheduler_app.db.models import Role
from scheduler_app.services.bundle import build_services
from scheduler_app.services.dto import ClientDetails
from scheduler_app.ui.client_record_dialogs import MergeDialog
from scheduler_app.ui.client_window import ClientWindow
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic, signed_in
from tests.ui.dialog_driver import answer_with
from tests.ui.grid_driver import by_hour


def _open(window: MainWindow, qtbot: QtBot, search: str) -> ClientWindow:
    window.clients_action.trigger()
    shown = window.findChild(ClientWindow)
    assert shown is not None and shown.isVisible()
    qtbot.addWidget(shown)
    QTest.keyClicks(shown.search, search)
    for row in range(shown.results.count()):
        if shown.results.item(row).text().startswith("Joana Costa  "):
            shown.results.setCurrentRow(row)
    assert shown.form.name.text() == "Joana Costa"
    return shown


def test_a_duplicate_is_merged_in_from_the_client_window(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    twin = desk.services.clients.add(
        desk.admin, ClientDetails("Joana C. Costa", email="joana@example.invalid")
    )

    def pick_the_twin(dialog: MergeDialog) -> None:
        assert not dialog.merge_button.isEnabled()  # nobody chosen yet
        rows = [dialog.results.item(r).text() for r in range(dialog.results.count())]
        assert rows == ["Joana C. Costa  joana@example.invalid"]  # not Joana herself
        dialog.results.setCurrentRow(0)
        assert dialog.merge_button.text() == "Merge into Joana Costa"
        dialog.merge_button.click()

    opened = answer_with(monkeypatch, MergeDialog, pick_the_twin)
    shown = _open(window, qtbot, "joana")
    assert shown.results.count() == 2
    shown.merge_button.click()

    assert len(opened) == 1
    assert shown.notice.text() == "Joana C. Costa was merged into Joana Costa."
    assert shown.form.email.text() == "joana@example.invalid"  # filled from the duplicate
    assert [shown.results.item(r).text() for r in range(shown.results.count())] == [
        "Joana Costa  +351 912 345 678, joana@example.invalid"
    ]
    shown.archived.setChecked(True)
    assert shown.results.count() == 1  # the duplicate is never found again
    assert desk.services.clients.history(twin.id).total == 0


def test_a_client_is_exported_then_erased_from_the_client_window(
    window: MainWindow,
    desk: Clinic,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    for hour in (10, 11, 14):
        appt = by_hour(desk, hour)
        desk.lifecycle.cancel(desk.admin, appt.id, appt.version, "Moved away")
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(tmp_path / "out")
    )
    asked: list[str] = []
    monkeypatch.setattr(
        "scheduler_app.ui.client_window.ask", lambda *args: asked.append(args[1]) or True
    )
    shown = _open(window, qtbot, "joana")
    shown.export_button.click()
    assert shown.notice.text() == f"5 files written to {tmp_path / 'out'}."
    client_id = shown.client.id if shown.client else 0
    document = json.loads((tmp_path / "out" / f"client-{client_id}.json").read_text("utf-8"))
    assert [d["name"] for d in document["details"]] == ["Joana Costa"]
    assert len(document["appointments"]) == 3

    shown.erase_button.click()
    assert asked == ["Erase Joana Costa?"]
    pseudonym = f"Erased client {client_id}"
    assert shown.notice.text() == f"Joana Costa's record was erased; it is now {pseudonym}."
    assert shown.heading.text() == pseudonym
    assert shown.form.phone.text() == ""
    assert shown.history.count() == 3  # the appointments stay, without a name
    assert shown.results.item(0).text() == f"{pseudonym} (archived)"
    for button in (shown.save_button, shown.archive_button, shown.merge_button):
        assert not button.isEnabled()  # an erased record stays as it is
    assert not shown.erase_button.isEnabled() and shown.export_button.isEnabled()


def test_reception_is_told_merging_and_erasing_are_not_theirs(desk: Clinic, qtbot: QtBot) -> None:
    desk.add_staff("desk", Role.RECEPTION)
    window = MainWindow(signed_in(build_services(desk.services.database), "desk"))
    qtbot.addWidget(window)
    shown = _open(window, qtbot, "joana")
    assert shown.export_button.isEnabled()
    for button in (shown.merge_button, shown.erase_button):
        assert not button.isEnabled()
        assert button.toolTip() == (
            "Only a manager or an administrator can do this (you are at reception)."
        )
