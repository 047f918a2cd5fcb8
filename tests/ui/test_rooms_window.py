"""Rooms and equipment from the window: a manager sets up two treatment rooms and
says Physiotherapy needs one (Clinic > Rooms and equipment, Clinic > Services); the
desk books physiotherapy and each block shows the room it took; a named room that
is taken is refused in the dialog with the reason; a room in use is not retired."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from scheduler_app.services.dto import OpeningRange, ServiceDetails
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.resources_dialog import ResourceEditor, ResourcesDialog
from scheduler_app.ui.services_dialog import ServiceEditor, ServicesDialog
from tests.conftest import Clinic
from tests.ui.dialog_driver import answer_with, choose_client, enter


def _set_up_rooms(window: MainWindow, desk: Clinic, monkeypatch: pytest.MonkeyPatch) -> None:
    rooms = iter(["Room 1", "Room 2"])

    def fill(editor: ResourceEditor) -> None:
        editor.name.setText(next(rooms))
        enter(editor.name)
        assert editor.errors.reason("category").startswith("Say what kind")  # kept open
        editor.category.setEditText("Treatment room")
        enter(editor.name)

    def manage(dialog: ResourcesDialog) -> None:
        answer_with(monkeypatch, ResourceEditor, fill)
        dialog.add_button.click()
        dialog.add_button.click()
        assert [dialog.list.item(r).text() for r in range(dialog.list.count())] == [
            "Room 1 · Treatment room · 1 at once",
            "Room 2 · Treatment room · 1 at once",
        ]
        QTest.keyClick(dialog.list, Qt.Key.Key_Escape)

    answer_with(monkeypatch, ResourcesDialog, manage)
    window.resources_action.trigger()
    desk.services.catalog.add(
        desk.admin, ServiceDetails("Physiotherapy", 60, Decimal("50.00"), "EUR", "#3366cc")
    )

    def needs_a_room(editor: ServiceEditor) -> None:
        assert editor.needs.isVisible()
        assert [editor.needs.itemText(i) for i in range(editor.needs.count())] == [
            "",
            "Treatment room",
        ]
        editor.needs.setCurrentIndex(1)
        enter(editor.name)

    def services(dialog: ServicesDialog) -> None:
        answer_with(monkeypatch, ServiceEditor, needs_a_room)
        dialog.list.setCurrentRow(0)
        dialog.edit_button.click()
        QTest.keyClick(dialog.list, Qt.Key.Key_Escape)

    answer_with(monkeypatch, ServicesDialog, services)
    window.services_action.trigger()


def _booking(window: MainWindow, qtbot: QtBot, professional: str) -> BookingDialog:
    dialog = BookingDialog(window.services, window.day, window)
    dialog.submit = window.desk.submit_booking
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.professional.setCurrentIndex(dialog.professional.findText(professional))
    dialog.service.setCurrentIndex(dialog.service.findText("Physiotherapy (60 min)"))
    dialog.time_edit.setTime(QTime(15, 0))
    choose_client(dialog)
    return dialog


def test_bookings_take_free_rooms_and_the_blocks_show_them(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _set_up_rooms(window, desk, monkeypatch)
    first = _booking(window, qtbot, "Dr Ana Silva")
    assert first.room.isVisible()
    assert first.room.itemText(0) == "Any free one the service needs"
    first.book_button.click()
    assert first.booked is not None and first.booked.resources == "Room 1"
    second = _booking(window, qtbot, "Tom Becker")
    second.room.setCurrentIndex(second.room.findText("Room 1 (Treatment room)"))
    # Said before booking: the live check decides the room as the booking would.
    qtbot.waitUntil(lambda: second.verdict.text().startswith("Room 1 is in use at 15:00"))
    second.book_button.click()
    assert second.isVisible()  # refused, kept open with the reason
    assert second.verdict.text().startswith("Room 1 is in use at 15:00")
    second.room.setCurrentIndex(0)  # any free one: asked again
    second.book_button.click()
    assert second.booked is not None and second.booked.resources == "Room 2"

    window.refresh()
    view = window.day_view
    qtbot.waitUntil(lambda: len(view.items) == 5)
    blocks = view.items.values()
    shown = sorted(block.lines()[1:] for block in blocks if block.appointment.resources)
    assert shown == [["Physiotherapy", "Pending · Room 1"], ["Physiotherapy", "Pending · Room 2"]]
    tooltip = next(b for b in view.items.values() if b.appointment.id == first.booked.id)
    assert "Room: Room 1" in tooltip.tooltip()


def test_a_room_in_use_is_not_retired(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _set_up_rooms(window, desk, monkeypatch)
    _booking(window, qtbot, "Dr Ana Silva").book_button.click()
    seen: list[str] = []

    def retire(dialog: ResourcesDialog) -> None:
        dialog.list.setCurrentRow(0)
        dialog.retire_button.click()
        seen.append(dialog.message.text())
        seen.append(dialog.list.item(0).text())

    answer_with(monkeypatch, ResourcesDialog, retire)
    window.resources_action.trigger()
    assert seen == [
        "Room 1 holds 1 appointment from now on. Move them to another room first, then retire it.",
        "Room 1 · Treatment room · 1 at once",
    ]


def test_the_rooms_tab_shows_the_week_by_room_with_maintenance(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _set_up_rooms(window, desk, monkeypatch)
    rooms = {r.name: r.id for r in desk.services.resources.resources()}
    desk.services.resources.add_maintenance(
        desk.admin, rooms["Room 2"], desk.at(4, 9), desk.at(4, 12), "New couch"
    )
    _booking(window, qtbot, "Dr Ana Silva").book_button.click()
    tab = window.rooms_tab
    with qtbot.waitSignal(tab.shown, timeout=10_000):
        window.tabs.setCurrentWidget(tab)  # read on a worker
    assert tab.title.text() == "Week of Mon 2 Mar"
    headers = [tab.table.verticalHeaderItem(r).text() for r in range(tab.table.rowCount())]
    assert headers == ["Room 1", "Room 2"]
    assert tab.table.item(0, 0).text() == "15:00-16:00 Physiotherapy · Dr Ana Silva"
    assert tab.table.item(1, 2).text() == "09:00-12:00 Maintenance (New couch)"
    assert tab.table.item(0, 1).text() == ""
    # A room with hours of its own says them on each day, and its days off.
    room2 = next(r for r in desk.services.resources.resources() if r.name == "Room 2")
    mornings = (OpeningRange(0, time(8), time(13)), OpeningRange(2, time(9), time(12)))
    desk.services.resources.update(desk.admin, room2.id, replace(room2, hours=mornings))
    with qtbot.waitSignal(tab.shown, timeout=10_000):
        tab.refresh()
    texts = [tab.table.item(1, day).text() for day in range(3)]
    assert texts == [
        "Hours 08:00-13:00",
        "Not available",
        "Hours 09:00-12:00\n09:00-12:00 Maintenance (New couch)",
    ]
