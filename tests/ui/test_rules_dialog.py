"""Clinic > Booking rules, as a manager uses it: a rule is added from the menu, a
refusal is shown next to its field with what was typed kept, the rule then refuses
a booking in the booking dialog's words; it is edited and switched off; reception
cannot open it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from scheduler_app.db.models import Role
from scheduler_app.domain.rules import LatePolicy, RuleKind, RuleScope
from scheduler_app.errors import ConflictError
from scheduler_app.services.bundle import build_services
from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.rules_dialog import RuleEditor, RulesDialog
from tests.conftest import Clinic, signed_in
from tests.ui.dialog_driver import answer_with, enter


def _choose(box: object, data: object) -> None:
    box.setCurrentIndex(box.findData(data))  # type: ignore[attr-defined]


def test_a_manager_adds_edits_and_switches_off_rules_from_the_menu(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def notice(editor: RuleEditor) -> None:
        assert editor.notice.isVisible() and not editor.days.isVisible()
        _choose(editor.scope, RuleScope.PROFESSIONAL)
        assert editor.professional.isVisible() and not editor.service.isVisible()
        editor.professional.setCurrentIndex(editor.professional.findText("Tom Becker"))
        editor.notice.setText("2 hours, 1 day")
        enter(editor.notice)
        assert editor.errors.reason("notice_minutes") == "Give one length of time, e.g. 2 hours."
        editor.notice.setText("2 hours")
        editor.walk_ins.setChecked(True)
        editor.note.setText("He travels in the morning")
        enter(editor.note)

    def buffers(editor: RuleEditor) -> None:
        _choose(editor.kind, RuleKind.BUFFER)
        assert editor.before.isVisible() and not editor.notice.isVisible()
        enter(editor.before)  # no buffer given: refused next to the field
        assert editor.errors.reason("before_minutes") == (
            "Give a buffer before or after the appointment."
        )
        assert editor.isVisible()
        editor.after.setValue(10)
        enter(editor.after)

    def lengthen(editor: RuleEditor) -> None:
        assert editor.notice.text() == "2 hours" and editor.walk_ins.isChecked()
        editor.notice.setText("3 hours")
        enter(editor.notice)

    def manage(dialog: RulesDialog) -> None:
        answer_with(monkeypatch, RuleEditor, notice)
        dialog.add_button.click()
        assert dialog.list.currentItem().text() == (
            "Book at least 2 hours ahead (walk-ins excepted) · Tom Becker · priority 0"
        )
        assert dialog.list.currentItem().toolTip() == "He travels in the morning"
        answer_with(monkeypatch, RuleEditor, buffers)
        dialog.add_button.click()
        assert dialog.list.count() == 2
        dialog.list.setCurrentRow(
            next(i for i in range(2) if "2 hours" in dialog.list.item(i).text())
        )
        answer_with(monkeypatch, RuleEditor, lengthen)
        dialog.edit_button.click()
        assert "3 hours" in dialog.list.currentItem().text()
        QTest.keyClick(dialog.list, Qt.Key.Key_Escape)

    answer_with(monkeypatch, RulesDialog, manage)
    window.rules_action.trigger()
    views = desk.services.rules.rules()
    assert sorted(v.says for v in views) == [
        "Bookings need 3 hours' notice (walk-ins excepted).",
        "Keep 0 minutes free before and 10 minutes after each appointment.",
    ]
    (becker,) = [p.id for p in desk.directory.professionals() if p.name == "Tom Becker"]
    soon = desk.clock.now + timedelta(hours=2)
    with pytest.raises(ConflictError, match="Bookings need 3 hours' notice"):
        desk.booking.book(desk.admin, BookingRequest(start=soon, professional_id=becker))

    def switch_off(dialog: RulesDialog) -> None:
        row = next(i for i in range(2) if "3 hours" in dialog.list.item(i).text())
        dialog.list.setCurrentRow(row)
        assert dialog.toggle_button.text() == "Switch off"
        dialog.toggle_button.click()
        assert dialog.list.currentItem().text().endswith("(off)")
        assert dialog.toggle_button.text() == "Switch on"
        QTest.keyClick(dialog.list, Qt.Key.Key_Escape)

    answer_with(monkeypatch, RulesDialog, switch_off)
    window.rules_action.trigger()
    assert desk.booking.book(desk.admin, BookingRequest(start=soon, professional_id=becker))


def test_the_cancellation_rule_reads_back_in_the_list(desk: Clinic, qtbot: QtBot) -> None:
    dialog = RulesDialog(desk.services)
    qtbot.addWidget(dialog)
    dialog.show()
    editor = RuleEditor(desk.services, None, dialog)
    qtbot.addWidget(editor)
    editor.show()
    _choose(editor.kind, RuleKind.CANCELLATION)
    assert editor.late.isVisible() and editor.notice.isVisible()
    _choose(editor.late, LatePolicy.REFUSE)
    editor.notice.setText("1 day")
    editor.priority.setValue(3)
    editor.from_check.setChecked(True)
    enter(editor.notice)
    assert editor.saved is not None
    dialog.load(editor.saved.id)
    text = dialog.list.currentItem().text()
    assert text.startswith("Cancel at least 1 day ahead, or it is refused · whole clinic · ")
    assert text.endswith(" - … · priority 3")


def test_reception_cannot_open_the_booking_rules(desk: Clinic, qtbot: QtBot) -> None:
    desk.add_staff("desk", Role.RECEPTION)
    window = MainWindow(signed_in(build_services(desk.services.database), "desk"))
    qtbot.addWidget(window)
    assert not window.rules_action.isEnabled()
    assert window.rules_action.toolTip() == (
        "Only a manager or an administrator can change this (you are at reception)."
    )
