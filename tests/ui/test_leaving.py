"""Clinic > Professional leaving, as a manager uses it: refused with what it would
strand, then forced with a reason; the stranded appointment is marked as a conflict."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from pytestqt.qtbot import QtBot

from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui.leave_dialog import LeaveDialog
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic


def test_a_refused_departure_lists_what_it_strands_then_is_forced(
    window: MainWindow, desk: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    silva = desk.directory.professionals()[0].id
    desk.booking.book(  # Dr Silva cannot take over Tom Becker's 11:00 now
        desk.admin,
        BookingRequest(start=desk.at(2, 11), end=desk.at(2, 11, 45), professional_id=silva),
    )
    seen: dict[str, str] = {}

    def manager(dialog: LeaveDialog) -> int:
        dialog.who.setCurrentIndex(dialog.who.findText("Tom Becker"))
        dialog.save.click()
        seen["refusal"] = dialog.refusal.text()
        seen["stranded"] = dialog.stranded.toPlainText()
        seen["force enabled before a reason"] = str(dialog.force.isEnabled())
        dialog.reason.setText("Leaving the clinic today")
        dialog.force.click()
        return dialog.result()

    monkeypatch.setattr(LeaveDialog, "exec", manager)
    assert not window.conflicts.isVisible()
    window.leaving_action.trigger()
    assert seen["refusal"] == (
        "Tom Becker leaving now would leave 1 appointment without a professional who can take it:"
    )
    assert seen["stranded"] == "- Joana Costa, 11:00-11:45 on Mon 02 Mar"
    assert seen["force enabled before a reason"] == "False"
    assert window.conflicts.isVisible() and window.conflicts.text() == "1 open conflict"
    assert [c.name for c in window.day_view.columns] == ["Dr Ana Silva", "Unassigned"]
    assert "1 recorded as a conflict" in window.statusBar().currentMessage()
    grid = window.day_view.cells
    block = window.day_view.item_at(QPointF(grid.x(1) + 5, grid.y(11 * 60 + 10)))
    assert block is not None and block.appointment.conflict_id is not None
    assert block.appointment.client_name == "Joana Costa"
    assert block.lines()[-1] == "Pending, conflict"
    assert "Open conflict" in block.tooltip()


def test_a_departure_others_can_absorb_saves_at_once(
    desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(desk.services)
    qtbot.addWidget(window)

    def manager(dialog: LeaveDialog) -> int:
        dialog.who.setCurrentIndex(dialog.who.findText("Tom Becker"))
        dialog.save.click()
        return dialog.result()

    monkeypatch.setattr(LeaveDialog, "exec", manager)
    window.leaving_action.trigger()
    assert "Tom Becker leaves: 1 of their appointments wait" in window.statusBar().currentMessage()
    assert not window.conflicts.isVisible()
