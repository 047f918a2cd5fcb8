"""The day calendar, driven with the mouse (offscreen) as a desk or a manager would."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic
from tests.ui.dialog_driver import choose_client, press_book
from tests.ui.grid_driver import by_hour, drag, point

S = AppointmentStatus


def test_columns_and_blocks_follow_the_schedule(window: MainWindow) -> None:
    view = window.day_view
    assert [c.name for c in view.columns] == ["Dr Ana Silva", "Tom Becker", "Unassigned"]
    assert len(view.items) == 3
    blocks = sorted(view.items.values(), key=lambda i: i.rect().y())
    assert [view.cells.column(i.rect().center().x(), 3) for i in blocks] == [0, 1, 2]
    assert blocks[0].rect().height() == pytest.approx(view.cells.y(45))


def test_drag_to_another_professional_and_time_then_undo(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    appt = by_hour(desk, 10)
    drag(
        window.day_view,
        point(window.day_view, 0, 10 * 60 + 10),
        point(window.day_view, 1, 12 * 60 + 10),
    )
    moved = desk.booking.get(appt.id)
    assert (moved.professional_name, moved.start) == ("Tom Becker", desk.at(2, 12))
    assert moved.end == desk.at(2, 12, 45)
    item = window.day_view.items[appt.id]
    assert window.day_view.cells.column(item.rect().center().x(), 3) == 1
    window.undo_stack.undo()
    back = desk.booking.get(appt.id)
    assert (back.professional_name, back.start) == ("Dr Ana Silva", desk.at(2, 10))
    window.undo_stack.redo()
    assert desk.booking.get(appt.id).start == desk.at(2, 12)


def test_resize_by_dragging_the_bottom_edge(window: MainWindow, desk: Clinic) -> None:
    appt = by_hour(desk, 10)
    item = window.day_view.items[appt.id]
    edge = window.day_view.canvas.mapFromScene(
        QPointF(item.rect().center().x(), item.rect().bottom() - 2)
    )
    # up to her 11:00 with Tom Becker (further would book Joana Costa twice at once)
    drag(window.day_view, edge, point(window.day_view, 0, 11 * 60))
    resized = desk.booking.get(appt.id)
    assert (resized.start, resized.end) == (desk.at(2, 10), desk.at(2, 11))


def test_refused_drop_snaps_back_and_says_why(
    window: MainWindow, desk: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    hovered: list[str] = []
    window.day_view.hover_message.connect(hovered.append)
    appt = by_hour(desk, 10)
    home = window.day_view.items[appt.id].rect()
    drag(
        window.day_view,
        point(window.day_view, 0, 10 * 60 + 10),
        point(window.day_view, 1, 11 * 60 + 10),
    )
    assert hovered and "Tom Becker already has 11:00-11:45" in hovered[0]
    assert len(shown) == 1 and "Tom Becker already has 11:00-11:45" in shown[0]
    assert desk.booking.get(appt.id).start == desk.at(2, 10)
    assert window.day_view.items[appt.id].rect() == home


def test_click_an_empty_slot_to_book(
    window: MainWindow, desk: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, object] = {}

    def accept(dialog: BookingDialog) -> int:
        seen["time"] = dialog.time_edit.time().toString("HH:mm")
        seen["professional"] = dialog.professional.currentText()
        seen["minutes"] = dialog.duration.value()
        choose_client(dialog)
        return press_book(dialog)

    monkeypatch.setattr(BookingDialog, "exec", accept)
    slot = point(window.day_view, 1, 9 * 60 + 5)
    viewport = window.day_view.canvas.viewport()
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, slot)
    assert seen == {"time": "09:00", "professional": "Tom Becker", "minutes": 90}
    booked = by_hour(desk, 9)
    assert (booked.professional_name, booked.duration_minutes) == ("Tom Becker", 90)
    assert booked.id in window.day_view.items


def test_drag_select_a_range_to_book_that_long(
    window: MainWindow, desk: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    def accept(dialog: BookingDialog) -> int:
        choose_client(dialog)
        return press_book(dialog)

    monkeypatch.setattr(BookingDialog, "exec", accept)
    drag(
        window.day_view,
        point(window.day_view, 0, 12 * 60 + 2),
        point(window.day_view, 0, 12 * 60 + 50),
    )
    booked = by_hour(desk, 12)
    assert (booked.start, booked.end) == (desk.at(2, 12), desk.at(2, 13))
    assert booked.professional_name == "Dr Ana Silva"


def test_status_change_from_the_context_menu(
    window: MainWindow, desk: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    def choose_confirm(menu: QMenu, _where: QPoint) -> None:
        next(a for a in menu.actions() if a.text() == "Confirm").trigger()

    monkeypatch.setattr(window, "_popup", choose_confirm)
    appt = by_hour(desk, 11)
    item = window.day_view.items[appt.id]
    point = window.day_view.canvas.mapFromScene(item.rect().center())
    window.day_view.canvas.contextMenuEvent(
        _context_event(point, window.day_view.canvas.viewport().mapToGlobal(point))
    )
    assert desk.booking.get(appt.id).status == S.CONFIRMED
    assert window.day_view.items[appt.id].appointment.status == S.CONFIRMED


def _context_event(pos: QPoint, global_pos: QPoint):
    from PySide6.QtGui import QContextMenuEvent

    return QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, global_pos)


def test_arrow_keys_move_the_selected_appointment(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    appt = by_hour(desk, 10)
    window.day_view.select(appt.id, notify=True)
    window.day_view.canvas.setFocus()
    qtbot.keyClick(window.day_view.canvas, Qt.Key.Key_Down)
    assert desk.booking.get(appt.id).start == desk.at(2, 10, 15)
    qtbot.keyClick(window.day_view.canvas, Qt.Key.Key_Right)
    moved = desk.booking.get(appt.id)
    assert (moved.professional_name, moved.start) == ("Tom Becker", desk.at(2, 10, 15))
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert desk.booking.get(appt.id).start == desk.at(2, 10)


def test_zoom_and_window_state_are_kept(desk: Clinic, qtbot: QtBot, tmp_path) -> None:
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    first = MainWindow(desk.services, settings=settings)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    height = first.day_view.items[by_hour(desk, 10).id].rect().height()
    first.zoom_in_action.trigger()
    taller = first.day_view.items[by_hour(desk, 10).id].rect().height()
    assert taller == pytest.approx(height * 1.25)
    first.tabs.setCurrentIndex(3)  # the list, of the week last shown
    first.tabs.setCurrentIndex(1)
    first.tabs.setCurrentIndex(3)
    qtbot.waitUntil(lambda: not first.loading)
    first.close()
    second = MainWindow(desk.services, settings=settings)
    qtbot.addWidget(second)
    assert second.tabs.currentIndex() == 3
    qtbot.waitUntil(lambda: not second.loading)
    assert second.model.show_dates  # the list shows the week it showed before
    assert second.day_view.cells.px_per_minute == pytest.approx(first.day_view.cells.px_per_minute)


def test_a_drag_across_the_autumn_change_keeps_the_real_length(
    window: MainWindow, desk: Clinic
) -> None:
    """Lisbon, 25 Oct 2026: 01:00-02:00 happens twice. An hour from 00:30 dragged an hour
    later starts at the first 01:30 and, an hour of real time later, ends at the second
    01:30: still one hour long (on the wall clock it would have been two)."""
    silva = desk.directory.professionals()[0].id
    desk.services.working_time.set_opening_hours(
        desk.admin, {day: [(time(0), time(0))] for day in range(7)}
    )
    day = date(2026, 10, 25)
    booked = desk.booking.book(
        desk.admin,
        BookingRequest(
            start=desk.at(25, 0, 30, month=10),
            end=desk.at(25, 1, 30, month=10),
            professional_id=silva,
        ),
    )
    window.show_day(day)
    grid = window.day_view
    drag(grid, point(grid, 0, 40), point(grid, 0, 100))
    moved = desk.booking.get(booked.id)
    first_half_past_one = desk.at(25, 1, 30, month=10)  # fold 0: the first 01:30
    assert moved.start.timestamp() == first_half_past_one.timestamp()
    assert moved.end - moved.start == timedelta(hours=1)
