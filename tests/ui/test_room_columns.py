"""The day by room (View > Day columns > By room and equipment): a column per room,
each block in the room it holds, maintenance shaded in its room's column; a drag
to another room's column moves the appointment there (undoable), a drag into a room
taken then is refused while dragging and at the drop, and a click in a room's
column books in that room."""

from __future__ import annotations

from datetime import time
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from scheduler_app.services.dto import BookingRequest, ServiceDetails
from scheduler_app.services.resources import ResourceDetails
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.resources_dialog import ResourceEditor, ResourcesDialog
from tests.conftest import Clinic
from tests.ui.boxes import Boxes
from tests.ui.dialog_driver import answer_with, enter
from tests.ui.grid_driver import LEFT, drag, point


def _rooms(desk: Clinic) -> dict[str, int]:
    """Two treatment rooms and an ultrasound; physiotherapy at 15:00 (Dr Silva, Room 1)
    and 16:00 (Tom Becker, Room 2); Room 2 under maintenance 09:00-12:00."""
    resources = desk.services.resources
    ids = {
        name: resources.add(desk.admin, ResourceDetails(name, category)).id
        for name, category in (
            ("Room 1", "Treatment room"),
            ("Room 2", "Treatment room"),
            ("Ultrasound", "Scanner"),
        )
    }
    physio = desk.services.catalog.add(
        desk.admin, ServiceDetails("Physiotherapy", 60, Decimal("50.00"), "EUR", "#3366cc")
    ).id
    resources.set_needs(desk.admin, physio, [("Treatment room", 1)])
    silva, becker = (p.id for p in desk.services.directory.professionals())
    for hour, prof, room in ((15, silva, "Room 1"), (16, becker, "Room 2")):
        desk.booking.book(
            desk.admin,
            BookingRequest(
                desk.at(2, hour), professional_id=prof, service_id=physio, resource_ids=(ids[room],)
            ),
        )
    resources.add_maintenance(desk.admin, ids["Room 2"], desk.at(2, 9), desk.at(2, 12), "New couch")
    return ids


def _by_room(window: MainWindow, qtbot: QtBot) -> None:
    window.column_actions[True].trigger()
    qtbot.waitUntil(lambda: [c.name for c in window.day_view.columns][-1] == "No room")


def _column_of(window: MainWindow, hour: int) -> list[str]:
    """The names of the columns the block starting at ``hour`` stands in."""
    view = window.day_view
    return sorted(
        view.columns[b.column].name
        for blocks in view._blocks.values()
        for b in blocks
        if b.appointment.start.astimezone(window.services.context.timezone).hour == hour
    )


def test_the_day_by_room_shows_each_block_in_its_room_and_the_maintenance(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    _rooms(desk)
    _by_room(window, qtbot)
    view = window.day_view
    assert [c.name for c in view.columns] == ["Room 1", "Room 2", "Ultrasound", "No room"]
    assert _column_of(window, 15) == ["Room 1"]
    assert _column_of(window, 16) == ["Room 2"]
    assert _column_of(window, 10) == ["No room"]  # booked without a room
    tz = window.services.context.timezone
    silva = next(b for b in view.items.values() if b.appointment.start.astimezone(tz).hour == 15)
    assert silva.lines()[1:] == ["Physiotherapy", "Pending · Dr Ana Silva"]  # who, not where
    shaded = [(s.start, s.end, s.text) for s in view.shades_of(1) if s.text.startswith("Main")]
    assert shaded == [(9 * 60, 12 * 60, "Maintenance: New couch")]
    assert not [s for s in view.shades_of(0) if s.text.startswith("Main")]
    # Back to professionals, and the choice is kept with the window.
    window.column_actions[False].trigger()
    qtbot.waitUntil(lambda: [c.name for c in view.columns][-1] == "Unassigned")


def test_a_drag_to_another_room_moves_it_there_and_undo_brings_it_back(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    _rooms(desk)
    _by_room(window, qtbot)
    view = window.day_view
    drag(view, point(view, 0, 15 * 60 + 30), point(view, 2, 15 * 60 + 30))  # to Ultrasound
    qtbot.waitUntil(lambda: _column_of(window, 15) == ["Ultrasound"])
    day = desk.booking.appointments_on(desk.at(2, 0).date())
    moved = next(a for a in day if a.start.astimezone(desk.tz).hour == 15)
    assert moved.resources == "Ultrasound"
    assert moved.professional_name == "Dr Ana Silva"  # the professional stays
    window.desk.undo()
    qtbot.waitUntil(lambda: _column_of(window, 15) == ["Room 1"])
    window.desk.redo()
    qtbot.waitUntil(lambda: _column_of(window, 15) == ["Ultrasound"])


def test_a_room_taken_or_under_maintenance_is_refused_and_the_block_goes_back(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _rooms(desk)
    _by_room(window, qtbot)
    view = window.day_view
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    boxes = Boxes().install(monkeypatch)
    # Into Room 2 at 16:00, where Tom Becker's physiotherapy is: red while dragging
    # (decided on the desk), refused at the drop (by the server), back home.
    viewport = view.canvas.viewport()
    QTest.mousePress(viewport, LEFT, pos=point(view, 0, 15 * 60 + 30))
    QTest.mouseMove(viewport, point(view, 1, 16 * 60 + 30))
    assert messages[-1].startswith("Room 2 is in use at 16:00")
    QTest.mouseRelease(viewport, LEFT, pos=point(view, 1, 16 * 60 + 30))
    qtbot.waitUntil(lambda: bool(boxes.shown))
    assert boxes.shown[-1][1:] == (
        "Appointment not moved",
        "Room 2 is in use at 16:00 on Mon 02 Mar. Choose another time or room.",
    )
    assert _column_of(window, 15) == ["Room 1"]
    # Into Room 2 in its maintenance: red while dragging, with the reason.
    QTest.mousePress(viewport, LEFT, pos=point(view, 0, 15 * 60 + 30))
    QTest.mouseMove(viewport, point(view, 1, 11 * 60 + 30))
    assert messages[-1].startswith("Room 2 is under maintenance at")
    QTest.mouseMove(viewport, point(view, 2, 11 * 60 + 30))
    assert messages[-1].startswith("Free: Mon 2 Mar 11:00")
    assert messages[-1].endswith("Ultrasound")
    QTest.mouseMove(viewport, point(view, 0, 15 * 60 + 30))
    QTest.mouseRelease(viewport, LEFT, pos=point(view, 0, 15 * 60 + 30))
    # The desk's copy can be a moment old: another desk books Room 2 at 15:00; the
    # hover still says free, the server refuses at the drop.
    ids = {r.name: r.id for r in desk.services.resources.resources()}
    desk.booking.book(
        desk.admin,
        BookingRequest(desk.at(2, 15), desk.at(2, 15, 30), resource_ids=(ids["Room 2"],)),
    )
    drag(view, point(view, 0, 15 * 60 + 30), point(view, 1, 15 * 60 + 30))
    qtbot.waitUntil(lambda: len(boxes.shown) == 2)
    assert boxes.shown[-1][2].startswith("Room 2 is in use at 15:00")
    qtbot.waitUntil(lambda: _column_of(window, 15) == ["Room 1", "Room 2"])  # theirs and ours


def test_a_click_in_a_room_column_books_in_that_room(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _rooms(desk)
    _by_room(window, qtbot)
    view = window.day_view
    seen: list[str] = []
    answer_with(monkeypatch, BookingDialog, lambda d: seen.append(d.room.currentText()))
    pos = point(view, 2, 13 * 60)
    QTest.mouseClick(view.canvas.viewport(), LEFT, pos=pos)
    assert seen == ["Ultrasound (Scanner)"]


def test_the_arrows_move_a_selected_appointment_to_the_next_room(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    _rooms(desk)
    _by_room(window, qtbot)
    view = window.day_view
    tz = window.services.context.timezone
    ours = next(b for b in view.items.values() if b.appointment.start.astimezone(tz).hour == 15)
    view.select(ours.appointment.id, notify=True)
    view.canvas.setFocus()
    QTest.keyClick(view.canvas, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: _column_of(window, 15) == ["Room 2"])
    QTest.keyClick(view.canvas, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: _column_of(window, 15) == ["Room 1"])


def test_a_rooms_own_hours_are_typed_in_its_editor_and_shaded_in_its_column(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Clinic > Rooms and equipment > Edit: the ultrasound is used on Monday mornings
    only. A range typed backwards is refused beside Monday's field and nothing is
    saved; then its column is shaded "Not available" from 12:00, and a drag into it
    then says so."""
    _rooms(desk)
    seen: list[str] = []

    def hours(editor: ResourceEditor) -> None:
        editor.hours.days[0].setText("12:00-08:00")
        enter(editor.name)
        seen.append(editor.errors.reason("hours.0"))
        editor.hours.days[0].setText("08:00-12:00")
        enter(editor.name)

    def manage(dialog: ResourcesDialog) -> None:
        answer_with(monkeypatch, ResourceEditor, hours)
        dialog.list.setCurrentRow(2)  # Ultrasound
        dialog.edit_button.click()
        QTest.keyClick(dialog.list, Qt.Key.Key_Escape)

    answer_with(monkeypatch, ResourcesDialog, manage)
    window.resources_action.trigger()
    assert seen and "12:00-08:00" in seen[0]
    ultrasound = next(r for r in desk.services.resources.resources() if r.name == "Ultrasound")
    assert [(h.weekday, h.opens, h.closes) for h in ultrasound.hours] == [(0, time(8), time(12))]
    _by_room(window, qtbot)
    view = window.day_view
    shaded = [(s.start, s.end, s.text) for s in view.shades_of(2) if s.text == "Not available"]
    assert shaded == [(0, 8 * 60, "Not available"), (12 * 60, 24 * 60, "Not available")]
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    viewport = view.canvas.viewport()
    QTest.mousePress(viewport, LEFT, pos=point(view, 0, 15 * 60 + 30))
    QTest.mouseMove(viewport, point(view, 2, 15 * 60 + 30))
    assert messages[-1].startswith("Ultrasound is not available at 15:00 on Mon 02 Mar")
    QTest.mouseMove(viewport, point(view, 0, 15 * 60 + 30))
    QTest.mouseRelease(viewport, LEFT, pos=point(view, 0, 15 * 60 + 30))
