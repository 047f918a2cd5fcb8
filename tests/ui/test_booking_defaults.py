"""Booking defaults that never create wrong data: who, how long, and refusals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic
from tests.ui.dialog_driver import choose_client, press_book
from tests.ui.grid_driver import point


@pytest.fixture
def window(desk: Clinic, qtbot: QtBot) -> MainWindow:
    desk.directory.add_service(desk.admin, "Consultation", 30, Decimal("45"), "#5b9bd5")
    desk.directory.add_service(desk.admin, "Physiotherapy session", 45, Decimal("50"), "#4bacc6")
    w = MainWindow(desk.services)
    qtbot.addWidget(w)
    w.resize(1200, 1000)
    w.show()
    qtbot.waitExposed(w)
    w.day_view.relayout()
    w.day_view.scroll_to_opening()
    return w


def open_dialog(window: MainWindow, qtbot: QtBot) -> BookingDialog:
    dialog = BookingDialog(window.services, window.day, window)
    dialog.submit = window.desk.submit_booking
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_nobody_is_booked_unless_chosen(window: MainWindow, desk: Clinic, qtbot: QtBot) -> None:
    dialog = open_dialog(window, qtbot)
    dialog.time_edit.setTime(QTime(16, 0))
    assert dialog.verdict.text() == "Free"
    assert dialog.client_list.currentItem() is None  # no client preselected
    assert not dialog.book_button.isEnabled()
    assert dialog.hint.text() == "Choose the client, or “No client (walk-in / block)”."
    assert dialog.client_list.item(0).text() == "No client (walk-in / block)"
    qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.booked is None  # nothing booked
    choose_client(dialog)  # the explicit "no client" choice
    assert dialog.book_button.isEnabled() and dialog.hint.text() == ""
    qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    assert dialog.booked is not None and dialog.booked.client_id is None
    assert dialog.booked.client_name == ""


def test_an_empty_clinic_books_nobody_by_default(sqlite_clinic: Clinic, qtbot: QtBot) -> None:
    window = MainWindow(sqlite_clinic.services)
    qtbot.addWidget(window)
    dialog = BookingDialog(window.services, window.day, window)
    qtbot.addWidget(dialog)
    assert dialog.client_list.count() == 1 and dialog.client_list.currentItem() is None
    assert not dialog.book_button.isEnabled()


def test_the_length_follows_the_free_gap_then_the_service(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, object] = {}

    def fill(dialog: BookingDialog) -> int:
        seen["gap"] = (dialog.duration.value(), dialog.verdict.text())
        QTest.keyClicks(dialog.service_text, "physio")  # typed, not picked from a list
        dialog.service_text.editingFinished.emit()
        seen["service"] = (dialog.service.currentData().name, dialog.duration.value())
        choose_client(dialog, "Joana")
        return press_book(dialog)

    monkeypatch.setattr(BookingDialog, "exec", fill)
    # Tom Becker has 11:00-11:45: a click at 10:30 is in a 30-minute gap.
    viewport = window.day_view.canvas.viewport()
    slot = point(window.day_view, 1, 10 * 60 + 35)
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, slot)
    assert seen["gap"] == (30, "Free")  # not the clinic's 90 minutes and a red conflict
    assert seen["service"] == ("Physiotherapy session", 45)


def test_a_wide_gap_opens_at_the_clinics_default(window: MainWindow, qtbot: QtBot) -> None:
    dialog = open_dialog(window, qtbot)
    closes = window.services.directory.organization().closes_at
    start = window.day_view.times(15 * 60, 15 * 60 + 1)[0]
    assert closes.hour >= 17
    dialog.preset(start, None, None, free_minutes=240)
    assert dialog.duration.value() == 90


def test_a_refusal_keeps_the_dialog_open_with_what_was_typed(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    dialog = open_dialog(window, qtbot)
    dialog.time_edit.setTime(QTime(16, 0))
    dialog.professional.setCurrentIndex(dialog.professional.findText("Dr Ana Silva"))
    choose_client(dialog, "Joana")
    assert dialog.verdict.text() == "Free" and dialog.book_button.isEnabled()
    ana = dialog.professional.currentData()
    # Meanwhile another desk takes the time.
    desk.booking.book(
        desk.admin,
        BookingRequest(start=desk.at(2, 16), end=desk.at(2, 16, 30), professional_id=ana),
    )
    qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.booked is None
    assert "Dr Ana Silva already has 16:00-16:30" in dialog.verdict.text()
    assert dialog.client_search.text() == "Joana"
    assert dialog.time_edit.time() == QTime(16, 0)
    dialog.time_edit.setTime(QTime(17, 0))  # a later time: books
    qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    assert dialog.booked is not None and dialog.booked.client_name == "Joana Costa"


def test_a_past_slot_is_never_offered_as_free(window: MainWindow, qtbot: QtBot) -> None:
    dialog = open_dialog(window, qtbot)  # it is 07:00 on the day shown
    choose_client(dialog)
    dialog.time_edit.setTime(QTime(5, 0))
    dialog.duration.setValue(30)
    assert dialog.verdict.text() == "That time has already passed. Choose a time still to come."
    assert not dialog.book_button.isEnabled()
    dialog.time_edit.setTime(QTime(9, 0))
    assert dialog.verdict.text() == "Free" and dialog.book_button.isEnabled()


def test_book_opens_at_the_next_slot_to_come_today(window: MainWindow, desk: Clinic) -> None:
    desk.clock.now = desk.at(2, 9, 10)
    dialog = BookingDialog(window.services, window.day, window)
    assert dialog.time_edit.time() == QTime(9, 15)
