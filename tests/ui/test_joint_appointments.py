"""An appointment with several professionals from the window: booked with "With",
drawn in each professional's column as linked pieces, and moved as one by dragging
any piece (the server decides for all of them at the drop)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.find_time_dialog import find_time_from
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic
from tests.ui.dialog_driver import choose_client, press_book
from tests.ui.grid_driver import by_hour, drag, point


def test_book_with_a_second_professional_then_drag_the_piece(
    window: MainWindow, desk: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    silva, becker = by_hour(desk, 10).professional_id, by_hour(desk, 11).professional_id
    seen: dict[str, object] = {}

    def accept(dialog: BookingDialog) -> int:
        choose_client(dialog)
        others = dialog.with_list
        seen["shown"] = not others.isHidden() and others.accessibleName() == "With"
        offered = [
            others.item(r).text() for r in range(others.count()) if not others.item(r).isHidden()
        ]
        seen["offered"] = offered
        others.setFocus()  # by keyboard: Space ticks the current row
        rows = [others.item(r).text() for r in range(others.count())]
        others.setCurrentRow(rows.index("Tom Becker"))
        QTest.keyClick(others, Qt.Key.Key_Space)
        seen["with"] = dialog.with_professionals()
        return press_book(dialog)

    monkeypatch.setattr(BookingDialog, "exec", accept)
    drag(
        window.day_view,
        point(window.day_view, 0, 12 * 60 + 2),
        point(window.day_view, 0, 12 * 60 + 40),
    )
    assert seen["shown"] and seen["offered"] == ["Tom Becker"]
    assert seen["with"] == (becker,)
    day = desk.at(2, 0).date()
    booked = [a for a in desk.booking.appointments_on(day) if a.start == desk.at(2, 12)]
    assert sorted(a.professional_id for a in booked) == [silva, becker]
    lead = next(a for a in booked if a.joint_of is None)
    piece = next(a for a in booked if a.joint_of == lead.id)
    grid = window.day_view
    assert "with Tom Becker" in grid.items[lead.id].lines()[2]
    assert "with Dr Ana Silva" in grid.items[piece.id].lines()[2]
    assert grid.cells.column(grid.items[piece.id].rect().center().x(), 3) == 1

    # Dragging Tom Becker's piece to 15:00 moves the whole appointment.
    drag(grid, point(grid, 1, 12 * 60 + 10), point(grid, 1, 15 * 60 + 10))
    moved = [a for a in desk.booking.appointments_on(day) if a.id in (lead.id, piece.id)]
    assert {(a.start, a.end) for a in moved} == {(desk.at(2, 15), desk.at(2, 15, 45))}
    assert {a.professional_id for a in moved} == {silva, becker}
    for key in (lead.id, piece.id):  # both drawn at the new time after the save
        top = grid.items[key].rect().top()
        assert grid.cells.y(15 * 60) == pytest.approx(top, abs=1)


def test_find_a_time_from_the_dialog_keeps_who_else_takes_part(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    becker = by_hour(desk, 11).professional_id
    dialog = BookingDialog(window.services, window.day, window)
    qtbot.addWidget(dialog)
    dialog.professional.setCurrentIndex(dialog.professional.findText("Dr Ana Silva"))
    dialog.choose_with(becker)
    assert dialog.request().with_professionals == (becker,)
    finder = find_time_from(window.services, dialog, window)
    qtbot.addWidget(finder)
    assert finder.with_professionals == (becker,)
    # Choosing Tom Becker himself as the professional leaves him out of "With".
    dialog.professional.setCurrentIndex(dialog.professional.findText("Tom Becker"))
    assert dialog.with_professionals() == ()


def test_dragging_a_piece_is_checked_for_every_piece_while_it_moves(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tom Becker's piece dragged to 10:00, where Tom is free but Dr Ana Silva (the
    lead's professional) has her 10:00: said while dragging, refused at the drop, and
    nothing moves."""
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: boxes.append(text))
    ten = by_hour(desk, 10)
    silva, becker = ten.professional_id, by_hour(desk, 11).professional_id
    lead = desk.booking.book(
        desk.admin,
        BookingRequest(
            desk.at(2, 12), desk.at(2, 12, 45), professional_id=silva, with_professionals=(becker,)
        ),
    )
    before = window.summary.text()
    window.refresh()
    qtbot.waitUntil(lambda: not window.loading)
    grid = window.day_view
    counts = [int(n) for n in re.findall(r"(\d+) (?:active|in all)", window.summary.text())]
    assert counts == [int(n) + 1 for n in re.findall(r"(\d+) (?:active|in all)", before)]
    piece = next(a for a in grid.model.rows() if a.joint_of == lead.id)
    said: list[str] = []
    grid.hover_message.connect(said.append)
    column = grid.cells.column(grid.items[piece.id].rect().center().x(), len(grid.columns))
    assert column is not None
    drag(grid, point(grid, column, 12 * 60 + 10), point(grid, column, 10 * 60 + 10))
    assert said and "Dr Ana Silva" in said[-1], said  # while dragging, on the desk
    assert boxes and "Dr Ana Silva" in boxes[0]  # the server's answer at the drop
    day = desk.at(2, 0).date()
    still = {a.id: a.start for a in desk.booking.appointments_on(day)}
    assert still[lead.id] == still[piece.id] == desk.at(2, 12)
