"""Week and month views, several appointments moved together, keyboard and search."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPointF, QRunnable, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from scheduler_app.ui import period_loader
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.calendar.week_view import EVERYONE
from scheduler_app.ui.client_search import ClientSearchDialog
from scheduler_app.ui.details_dialog import DetailsDialog
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic
from tests.ui.dialog_driver import choose_client, press_book
from tests.ui.grid_driver import CTRL, LEFT, NONE, by_hour, drag, point


def settle(window: MainWindow, qtbot: QtBot) -> None:
    """Wait for a week's or month's appointments, read off the GUI thread."""
    qtbot.waitUntil(lambda: not window.loading, timeout=5000)


def test_week_shows_days_by_professionals_and_moves_to_another_day(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.tabs.setCurrentWidget(window.week_view)
    assert window.loading  # the week is read on a worker thread...
    settle(window, qtbot)  # ...and shown when it arrives
    grid = window.week_grid
    assert window.week_view.shown == EVERYONE
    assert len(grid.columns) == 7 * 3  # two professionals and "Unassigned" per day
    assert [c.day for c in grid.columns[::3]] == [date(2026, 3, 2) + timedelta(d) for d in range(7)]
    assert grid.header.height() == 60  # a row of days over the names
    assert len(grid.items) == 3
    appt = by_hour(desk, 10)
    assert grid.items[appt.id].column == 0
    # Monday's Dr Silva column -> Wednesday's Tom Becker column (index 2 * 3 + 1), 12:00.
    reads: list[QRunnable] = []  # the week read again after the drop: held until looked at
    monkeypatch.setattr(period_loader, "start_on_pool", reads.append)
    drag(grid, point(grid, 0, 10 * 60 + 10), point(grid, 7, 12 * 60 + 10))
    moved = desk.booking.get(appt.id)
    assert (moved.professional_name, moved.start) == ("Tom Becker", desk.at(4, 12))
    assert window.loading and reads  # while the week reloads, the block stays where dropped
    QApplication.processEvents()  # what the drop left to handle
    grid.relayout()  # drawn again meanwhile (the window resized, say): it stays there too
    dropped = grid.items[appt.id].rect()
    assert grid.cells.column(dropped.center().x(), len(grid.columns)) == 7
    assert dropped.top() == pytest.approx(grid.cells.y(12 * 60))
    for read in reads:
        read.run()
    settle(window, qtbot)
    assert grid.items[appt.id].column == 7
    assert "Week 10" in window.summary.text()


def test_one_professionals_week(window: MainWindow, desk: Clinic, qtbot: QtBot) -> None:
    window.tabs.setCurrentWidget(window.week_view)
    window.week_view.chooser.setCurrentIndex(window.week_view.chooser.findText("Tom Becker"))
    settle(window, qtbot)
    grid = window.week_grid
    assert [c.name for c in grid.columns][:2] == ["Mon 2 Mar", "Tue 3 Mar"]
    assert list(grid.items) == [by_hour(desk, 11).id]  # only Becker's
    appt = by_hour(desk, 11)
    drag(grid, point(grid, 0, 11 * 60 + 10), point(grid, 1, 9 * 60 + 10))
    moved = desk.booking.get(appt.id)
    assert (moved.professional_name, moved.start) == ("Tom Becker", desk.at(3, 9))


def test_month_lists_days_and_moves_by_drag(window: MainWindow, desk: Clinic, qtbot: QtBot) -> None:
    window.tabs.setCurrentWidget(window.month_view)
    settle(window, qtbot)
    month = window.month_view
    assert month.period.first == date(2026, 2, 23)  # the Monday before 1 March
    assert [a.client_name for a in month.appointments_on(date(2026, 3, 2))] == ["Joana Costa"] * 3
    assert "March 2026" in window.summary.text()
    qtbot.waitUntil(lambda: len(month._lines) == 3)  # painted: each line has its place
    lines = {a.id: rect for rect, a in month._lines}
    appt = by_hour(desk, 10)
    target = month.cell_rect(month.period.days.index(date(2026, 3, 5))).center().toPoint()
    start = lines[appt.id].center().toPoint()
    QTest.mousePress(month, LEFT, NONE, start)
    QTest.mouseMove(month, target)
    QTest.mouseRelease(month, LEFT, NONE, target)
    moved = desk.booking.get(appt.id)
    assert (moved.start, moved.professional_name) == (desk.at(5, 10), "Dr Ana Silva")
    settle(window, qtbot)
    assert [a.id for a in month.appointments_on(date(2026, 3, 5))] == [appt.id]


def test_double_click_in_the_month_opens_the_day(window: MainWindow, qtbot: QtBot) -> None:
    window.tabs.setCurrentWidget(window.month_view)
    settle(window, qtbot)
    month = window.month_view
    cell = month.cell_rect(month.period.days.index(date(2026, 3, 12)))
    QTest.mouseDClick(month, LEFT, NONE, (cell.bottomRight() - QPointF(5, 5)).toPoint())
    assert window.tabs.currentWidget() is window.day_view
    assert window.day == date(2026, 3, 12)


def test_ctrl_click_two_and_move_them_together_then_undo(window: MainWindow, desk: Clinic) -> None:
    grid = window.day_view
    first, second = by_hour(desk, 10), by_hour(desk, 11)
    viewport = grid.canvas.viewport()
    QTest.mouseClick(viewport, LEFT, NONE, point(grid, 0, 10 * 60 + 10))
    QTest.mouseClick(viewport, LEFT, CTRL, point(grid, 1, 11 * 60 + 10))
    assert grid.selected_ids == [first.id, second.id]
    drag(grid, point(grid, 0, 10 * 60 + 10), point(grid, 0, 11 * 60 + 10))  # one hour later
    assert desk.booking.get(first.id).start == desk.at(2, 11)
    assert desk.booking.get(second.id).start == desk.at(2, 12)
    assert window.undo_stack.undoText() == "Move 2 appointments"
    window.undo_stack.undo()
    assert desk.booking.get(first.id).start == desk.at(2, 10)
    assert desk.booking.get(second.id).start == desk.at(2, 11)


def test_band_selects_and_a_refused_group_move_moves_none(
    window: MainWindow, desk: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    desk.booking.book(desk.admin, _request(desk, 12, prof=_becker(desk)))  # Becker at 12:00
    window.refresh()
    grid = window.day_view
    first, second = by_hour(desk, 10), by_hour(desk, 11)
    drag(grid, point(grid, 0, 9 * 60 + 50), point(grid, 1, 11 * 60 + 50), CTRL)  # band over both
    assert sorted(grid.selected_ids) == sorted([first.id, second.id])
    # An hour later: Becker's 11:00 would land on his 12:00, so neither moves.
    drag(grid, point(grid, 0, 10 * 60 + 35), point(grid, 0, 11 * 60 + 35))
    assert len(shown) == 1 and "None of them was moved" in shown[0]
    assert desk.booking.get(first.id).professional_name == "Dr Ana Silva"
    assert desk.booking.get(second.id).professional_name == "Tom Becker"


def _becker(desk: Clinic) -> int:
    return next(p.id for p in desk.directory.professionals() if p.name == "Tom Becker")


def _request(desk: Clinic, hour: int, prof: int | None):
    from scheduler_app.services.dto import BookingRequest

    return BookingRequest(start=desk.at(2, hour), end=desk.at(2, hour, 30), professional_id=prof)


def test_keyboard_enter_books_and_opens(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    booked: list[str] = []

    def accept(dialog: BookingDialog) -> int:
        booked.append(dialog.windowTitle())
        return BookingDialog.DialogCode.Rejected

    monkeypatch.setattr(BookingDialog, "exec", accept)
    grid = window.day_view
    grid.canvas.setFocus()
    qtbot.keyClick(grid.canvas, Qt.Key.Key_Return)
    assert booked == ["Book appointment"]

    def edit(dialog: DetailsDialog) -> int:
        dialog.description.setPlainText("Bring the X-ray")
        dialog.accept()  # Save
        return dialog.result()

    monkeypatch.setattr(DetailsDialog, "exec", edit)
    appt = by_hour(desk, 10)
    grid.select(appt.id, notify=True)
    qtbot.keyClick(grid.canvas, Qt.Key.Key_Return)
    assert desk.booking.get(appt.id).description == "Bring the X-ray"
    window.undo_stack.undo()  # details changes are undoable too
    assert desk.booking.get(appt.id).description == ""
    window.undo_stack.redo()
    assert desk.booking.get(appt.id).description == "Bring the X-ray"


def test_t_jumps_to_today_and_page_keys_step_by_the_view(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    window.tabs.setCurrentWidget(window.week_view)
    window.show_day(date(2026, 3, 4))
    settle(window, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert window.day == date(2026, 3, 11)
    qtbot.keyClick(window, Qt.Key.Key_T)
    assert window.day == desk.clock.now.astimezone(desk.tz).date()


def test_ctrl_f_finds_a_client_and_goes_to_their_appointment(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk.directory.add_client(desk.admin, "Rui Almeida", "+351 913 000 111")
    window.show_day(date(2026, 3, 20))

    def search(dialog: ClientSearchDialog) -> int:
        dialog.search.setText("912 345")  # Joana Costa's phone, typed with spaces
        qtbot.waitUntil(lambda: dialog.clients.count() == 1)
        assert "Joana Costa" in dialog.clients.item(0).text()
        assert dialog.appointments.count() == 3
        dialog.appointments.setCurrentRow(0)  # the latest: 14:00
        dialog._open()
        return ClientSearchDialog.DialogCode.Accepted

    monkeypatch.setattr(ClientSearchDialog, "exec", search)
    window.find_action.trigger()
    assert window.day == date(2026, 3, 2)
    assert window.current is not None and window.current.id == by_hour(desk, 14).id
    assert window.day_view.selected_ids == [window.current.id]


def test_models_pass_the_model_tester(window: MainWindow, qtmodeltester, qtbot: QtBot) -> None:
    window.tabs.setCurrentWidget(window.week_view)
    settle(window, qtbot)
    qtmodeltester.check(window.model)
    assert window.model.show_dates
    assert window.model.data(window.model.index(0, 0)).startswith("Mon 2 Mar 10:00")


def test_the_day_view_follows_the_day_shown(window: MainWindow, desk: Clinic) -> None:
    later = desk.booking.book(desk.admin, _request(desk, 9, prof=_becker(desk)))
    assert later.id not in window.day_view.items
    window.show_day(date(2026, 3, 3))
    window.show_day(date(2026, 3, 2))
    assert later.id in window.day_view.items
    window.show_day(date(2026, 3, 3))
    assert window.day_view.items == {}


def test_colour_by_professional_fills_the_blocks(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication

    from scheduler_app.ui.calendar.blocks import ColorBy

    grid = window.day_view
    block = grid.items[by_hour(desk, 10).id]
    grid.canvas.ensureVisible(block.rect())

    def fill() -> str:
        QApplication.processEvents()
        image = grid.canvas.viewport().grab().toImage()
        corner = grid.canvas.mapFromScene(block.rect().bottomRight() - QPointF(6, 6))
        return image.pixelColor(corner).name()

    assert fill() == "#fff4cc"  # pending: the status colour
    window.color_actions[ColorBy.PROFESSIONAL].trigger()
    silva = desk.directory.professionals()[0]
    assert fill() == QColor(silva.color).lighter(165).name()  # Dr Silva's colour, lightened
    window.color_actions[ColorBy.STATUS].trigger()
    assert fill() == "#fff4cc"


def test_professionals_are_a_model_the_calendars_follow(
    window: MainWindow, qtmodeltester, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scheduler_app.ui.setup_dialogs import ProfessionalEditor
    from tests.ui.dialog_driver import answer_with, enter

    qtmodeltester.check(window.professional_model)
    names = [window.professional_model.index(r, 0).data() for r in range(2)]
    assert names == ["Dr Ana Silva", "Tom Becker"]

    def fill(dialog: ProfessionalEditor) -> None:
        dialog.name.setText("Dr Rui Lopes")
        enter(dialog.name)

    answer_with(monkeypatch, ProfessionalEditor, fill)
    window.add_professional_action.trigger()
    assert window.professional_model.rowCount() == 3
    assert window.week_view.chooser.findText("Dr Rui Lopes") >= 0
    assert [c.name for c in window.day_view.columns][-2:] == ["Dr Rui Lopes", "Unassigned"]


def test_whose_week_is_kept_between_sessions(desk: Clinic, qtbot: QtBot, tmp_path) -> None:
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    first = MainWindow(desk.services, settings=settings)
    qtbot.addWidget(first)
    first.week_view.chooser.setCurrentIndex(first.week_view.chooser.findText("Tom Becker"))
    first.close()
    second = MainWindow(desk.services, settings=settings)
    qtbot.addWidget(second)
    assert second.week_view.chooser.currentText() == "Tom Becker"


def test_book_with_the_keyboard_alone(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, object] = {}

    def accept(dialog: BookingDialog) -> int:
        seen["time"] = dialog.time_edit.time().toString("HH:mm")
        seen["professional"] = dialog.professional.currentText()
        choose_client(dialog)
        return press_book(dialog)

    monkeypatch.setattr(BookingDialog, "exec", accept)
    grid = window.day_view
    grid.canvas.setFocus()
    qtbot.keyClick(grid.canvas, Qt.Key.Key_Down)  # shows the slot cursor at opening time
    assert grid.slot_cursor == (0, 8 * 60) and grid._cursor_item is not None
    qtbot.keyClick(grid.canvas, Qt.Key.Key_Right)  # Tom Becker
    for _ in range(4):
        qtbot.keyClick(grid.canvas, Qt.Key.Key_Down)  # an hour later
    qtbot.keyClick(grid.canvas, Qt.Key.Key_Return)
    assert seen == {"time": "09:00", "professional": "Tom Becker"}
    booked = by_hour(desk, 9)
    assert booked.professional_name == "Tom Becker"
    assert booked.id in grid.items  # and the calendar shows it
    qtbot.keyClick(grid.canvas, Qt.Key.Key_Escape)  # the booking was selected: deselect
    qtbot.keyClick(grid.canvas, Qt.Key.Key_Escape)  # then the cursor goes
    assert grid.slot_cursor is None and grid._cursor_item is None
