"""A manager books past a rule with a reason from the booking dialog ("Book
anyway"); reception is never offered it. The clinic is open 08:00-19:00."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTime
from pytestqt.qtbot import QtBot

from scheduler_app.db.models import Role
from scheduler_app.domain.rules import RuleKind
from scheduler_app.errors import ConflictError
from scheduler_app.services.dto import BookingRequest
from scheduler_app.services.rules import RuleDetails
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic
from tests.ui.dialog_driver import choose_client


def open_dialog(window: MainWindow, qtbot: QtBot, hour: int, professional: str) -> BookingDialog:
    dialog = BookingDialog(window.services, window.day, window)
    dialog.submit = window.desk.submit_booking
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.professional.setCurrentIndex(dialog.professional.findText(professional))
    dialog.time_edit.setTime(QTime(hour, 0))
    choose_client(dialog)
    return dialog


def test_a_manager_books_outside_working_hours_anyway_with_a_reason(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    dialog = open_dialog(window, qtbot, 19, "Dr Ana Silva")
    assert "Free" not in dialog.verdict.text()
    assert dialog.override.isVisible() and not dialog.book_button.isEnabled()
    assert dialog.override.text() == "Book &anyway"
    assert not dialog.override_reason.isEnabled()
    qtbot.mouseClick(dialog.override, Qt.MouseButton.LeftButton)
    assert dialog.override.isChecked() and dialog.override_reason.isEnabled()
    assert dialog.hint.text() == "Give the reason for booking it anyway."
    assert not dialog.book_button.isEnabled()  # no reason, no booking
    qtbot.keyClicks(dialog.override_reason, "Only evening she can come")
    assert dialog.book_button.isEnabled() and dialog.hint.text() == ""
    qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    assert dialog.booked is not None and not dialog.isVisible()
    assert dialog.booked.outside_hours
    assert dialog.booked.outside_hours_reason == "Only evening she can come"


def test_a_manager_books_past_the_minimum_notice_anyway(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    desk.services.rules.add(desk.admin, RuleDetails(RuleKind.MIN_NOTICE, notice_minutes=600))
    dialog = open_dialog(window, qtbot, 9, "Tom Becker")
    assert "notice" in dialog.verdict.text()
    assert dialog.override.isVisible() and not dialog.book_button.isEnabled()
    dialog.override.setChecked(True)
    dialog.override_reason.setText("Urgent pain")
    assert dialog.request().override_reason == "Urgent pain"
    qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    assert dialog.booked is not None and not dialog.booked.outside_hours


def test_book_anyway_is_not_offered_for_a_time_already_taken(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    dialog = open_dialog(window, qtbot, 10, "Dr Ana Silva")  # her 10:00 appointment
    assert dialog.verdict.text() != "Free"
    assert not dialog.override.isVisible() and not dialog.book_button.isEnabled()


def test_reception_is_never_offered_book_anyway(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    desk.sign_in(desk.add_staff("desk", Role.RECEPTION))
    dialog = open_dialog(window, qtbot, 19, "Dr Ana Silva")
    assert "Free" not in dialog.verdict.text()
    assert not dialog.override.isVisible() and not dialog.book_button.isEnabled()
    assert dialog.request().override_reason == ""


def test_the_services_say_which_refusals_a_manager_may_book_past(desk: Clinic) -> None:
    silva = next(p.id for p in desk.directory.professionals() if p.name == "Dr Ana Silva")
    late = BookingRequest(start=desk.at(2, 19), end=desk.at(2, 19, 30), professional_id=silva)
    with pytest.raises(ConflictError) as outside:
        desk.booking.book(desk.admin, late)
    assert outside.value.overridable
    taken = BookingRequest(start=desk.at(2, 10), end=desk.at(2, 10, 30), professional_id=silva)
    with pytest.raises(ConflictError) as busy:
        desk.booking.book(desk.admin, taken)
    assert not busy.value.overridable
    desk.services.rules.add(desk.admin, RuleDetails(RuleKind.MIN_NOTICE, notice_minutes=600))
    soon = BookingRequest(start=desk.at(2, 12), end=desk.at(2, 12, 30), professional_id=silva)
    with pytest.raises(ConflictError) as notice:
        desk.booking.book(desk.admin, soon)
    assert notice.value.overridable
