"""The Conflicts window, opened from the status bar's count: suggestions accepted in
one click, conflicts ignored with a reason or escalated to a manager."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from scheduler_app.services.conflicts import Suggestion
from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui.conflicts_window import ConflictsWindow
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic
from tests.ui.grid_driver import by_hour


def _strand(window: MainWindow, desk: Clinic) -> int:
    """Dr Silva takes 11:00 too, then Tom Becker leaves now (forced): his 11:00 has
    nobody. The id of that appointment."""
    silva, becker = (p.id for p in desk.directory.professionals())
    desk.booking.book(
        desk.admin,
        BookingRequest(start=desk.at(2, 11), end=desk.at(2, 11, 45), professional_id=silva),
    )
    his = next(
        a for a in desk.booking.appointments_on(desk.at(2, 0).date()) if a.professional_id == becker
    )
    desk.services.professionals.leave(desk.admin, becker, force_reason="Family emergency")
    window.refresh()
    return his.id


def _open(window: MainWindow, qtbot: QtBot) -> ConflictsWindow:
    assert window.conflicts.isVisible() and window.conflicts.text() == "1 open conflict"
    QTest.mouseClick(window.conflicts, Qt.MouseButton.LeftButton)
    shown = window.findChild(ConflictsWindow)
    assert shown is not None and shown.isVisible()
    qtbot.addWidget(shown)
    return shown


def _suggested(shown: ConflictsWindow, qtbot: QtBot) -> list[str]:
    qtbot.waitUntil(lambda: shown.suggestion() is not None)
    return [shown.suggestions.item(r).text() for r in range(shown.suggestions.count())]


def test_a_suggestion_is_accepted_in_one_click(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    stranded = _strand(window, desk)
    shown = _open(window, qtbot)
    assert shown.heading.text() == "1 conflict waits to be resolved."
    assert shown.conflicts.item(0).text() == (
        "Critical · Capacity exceeded · 1 appointment\nTom Becker leaving now"
    )
    assert shown.appointments.count() == 1
    assert "11:00" in shown.appointments.item(0).text()
    assert "Forced by admin" in shown.about.text() and "Family emergency" in shown.about.text()
    texts = _suggested(shown, qtbot)
    assert texts == [  # nobody is free at 11:00: the nearest free times
        "Move it to Mon 2 Mar 11:45-12:30 with Dr Ana Silva",
        "Move it to Mon 2 Mar 12:00-12:45 with Dr Ana Silva",
    ]
    chosen = shown.suggestion()
    assert isinstance(chosen, Suggestion)

    shown.accept_button.click()

    moved = desk.booking.get(stranded)
    assert (moved.start, moved.professional_id, moved.conflict_id) == (
        chosen.start,
        chosen.professional_id,
        None,
    )
    assert shown.heading.text() == "No conflicts wait to be resolved."
    assert shown.conflicts.count() == 0
    assert not window.conflicts.isVisible()  # the badge is gone
    assert window.undo_stack.count() == 1  # undoable like a drop


def test_a_conflict_is_escalated_then_ignored_with_a_reason(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    stranded = _strand(window, desk)
    shown = _open(window, qtbot)
    _suggested(shown, qtbot)
    shown.escalate_button.click()
    assert shown.said.text() == "Escalated to the managers (1 told at their desks)."
    assert shown.conflicts.item(0).text().splitlines()[0].endswith(" · escalated")
    assert not shown.escalate_button.isEnabled()
    assert window.conflicts.text() == "1 open conflict"  # still waiting

    asked: list[str] = []

    def answer(_parent: object, title: str, *_args: object) -> tuple[str, bool]:
        asked.append(title)
        return "The client will call back", True

    monkeypatch.setattr(QInputDialog, "getText", answer)
    shown.ignore_button.click()
    assert asked == ["Ignore the conflict"]
    assert shown.said.text() == "The conflict is ignored: The client will call back"
    assert shown.conflicts.count() == 0
    assert not window.conflicts.isVisible()
    assert desk.booking.get(stranded).professional_id is None  # still waiting for a place
    assert by_hour(desk, 10).professional_id is not None
