"""What the grid shows while and after something happens: target times, the slot
cursor, shortened names, notes, priority."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic
from tests.ui.dialog_driver import choose_client, press_book
from tests.ui.grid_driver import LEFT, NONE, by_hour, point


@pytest.fixture
def window(desk: Clinic, qtbot: QtBot) -> MainWindow:
    w = MainWindow(desk.services)
    qtbot.addWidget(w)
    w.resize(1200, 1000)
    w.show()
    qtbot.waitExposed(w)
    w.day_view.relayout()
    w.day_view.scroll_to_opening()
    return w


def test_a_dragged_block_shows_its_target_time_and_the_status_bar_confirms(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    grid = window.day_view
    appt = by_hour(desk, 10)
    viewport = grid.canvas.viewport()
    QTest.mousePress(viewport, LEFT, NONE, point(grid, 0, 10 * 60 + 10))
    QTest.mouseMove(viewport, point(grid, 0, 12 * 60 + 10))
    QApplication.processEvents()
    block = grid.items[appt.id]
    assert block.lines()[0] == "12:00-12:45 Joana Costa"  # not its old 10:00-10:45
    assert window.statusBar().currentMessage() == "Free: Mon 2 Mar 12:00-12:45, Dr Ana Silva"
    QTest.mouseMove(viewport, point(grid, 1, 11 * 60 + 10))  # onto Tom Becker's 11:00
    assert grid.items[appt.id].lines()[0] == "11:00-11:45 Joana Costa"
    assert "Tom Becker already has 11:00-11:45" in window.statusBar().currentMessage()
    QTest.mouseMove(viewport, point(grid, 0, 12 * 60 + 10))
    QTest.mouseRelease(viewport, LEFT, NONE, point(grid, 0, 12 * 60 + 10))
    assert desk.booking.get(appt.id).start == desk.at(2, 12)


def test_the_slot_cursor_is_hidden_over_the_appointment_just_booked(
    window: MainWindow, desk: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    def book(dialog: BookingDialog) -> int:
        choose_client(dialog)
        return press_book(dialog)

    monkeypatch.setattr(BookingDialog, "exec", book)
    grid = window.day_view
    QTest.mouseClick(grid.canvas.viewport(), LEFT, NONE, point(grid, 1, 9 * 60 + 5))
    assert by_hour(desk, 9).id in grid.items
    assert grid.slot_cursor == (1, 9 * 60)  # still where Enter would book next
    assert grid._cursor_item is None  # but not drawn through the new block
    QTest.mouseClick(grid.canvas.viewport(), LEFT, NONE, point(grid, 1, 16 * 60 + 5))
    # (the dialog opened and booked again; the cursor is drawn on empty slots)
    grid.set_cursor((0, 16 * 60))
    assert grid._cursor_item is not None


def test_narrow_columns_keep_surnames_and_full_names_show_on_hover(
    window: MainWindow, desk: Clinic
) -> None:
    desk.professionals("Dr Leila Haddad", "Sofia Costa", "Dr James Okafor", "Dr Marco Rossi")
    window.reload_professionals()
    prof = desk.directory.professionals()[0].id
    lea = desk.directory.add_client(desk.admin, "Lea Santos", "", "").id
    desk.directory.add_client(desk.admin, "Lea Moreau", "", "")
    booked = desk.booking.book(
        desk.admin,
        BookingRequest(
            start=desk.at(2, 15), end=desk.at(2, 16), professional_id=prof, client_id=lea
        ),
    )
    window.resize(1024, 700)
    window.refresh()
    grid = window.day_view
    grid.relayout()
    grid.canvas.ensureVisible(grid.items[booked.id].rect())
    grid.canvas.viewport().grab()  # paints the blocks
    block = grid.items[booked.id]
    assert block.rect().width() < 140
    first = block.shown_lines()[0]
    assert "Lea Santos" in first or "L. Santos" in first, first
    assert "Lea…" not in first and "Lea …" not in first
    assert "15:00-16:00 Lea Santos" in block.tooltip()


def test_notes_title_and_priority_are_seen_on_the_block(window: MainWindow, desk: Clinic) -> None:
    appt = by_hour(desk, 10)
    desk.booking.edit_details(
        desk.admin,
        appt.id,
        appt.version,
        {"title": "Annual check", "description": "Bring the X-ray", "priority": "urgent"},
    )
    window.refresh()
    block = window.day_view.items[appt.id]
    assert block.appointment.description == "Bring the X-ray"
    assert "Title: Annual check" in block.tooltip()
    assert "Notes: Bring the X-ray" in block.tooltip()
    assert "Priority: urgent" in block.tooltip()
    assert block.lines()[0].startswith("!! 10:00-10:45")
    image = window.day_view.canvas.viewport().grab().toImage()
    corner = window.day_view.canvas.mapFromScene(block.rect().topRight() + QPointF(-3, 3))
    assert image.pixelColor(corner).name() == "#5d4037"  # the notes marker
    stripe = window.day_view.canvas.mapFromScene(block.rect().bottomLeft() + QPointF(3, -3))
    assert image.pixelColor(stripe).name() == "#b71c1c"  # urgent


def test_keyboard_arrows_over_a_block_do_not_draw_the_cursor(window: MainWindow) -> None:
    grid = window.day_view
    grid.canvas.setFocus()
    grid.set_cursor((0, 10 * 60 + 15))  # inside Dr Ana Silva's 10:00-10:45
    assert grid._cursor_item is None
    QTest.keyClick(grid.canvas, Qt.Key.Key_Down)
    QTest.keyClick(grid.canvas, Qt.Key.Key_Down)
    assert grid.slot_cursor == (0, 10 * 60 + 45) and grid._cursor_item is not None
