"""Find a time: from the window (Ctrl+T) or the booking dialog, by keyboard, into the
next free time; the interactions a receptionist needs are counted."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from scheduler_app.services.dto import AppointmentView, BookingRequest
from scheduler_app.services.free_times import FreeTime, FreeTimeRequest, FreeTimeService
from scheduler_app.services.resources import ResourceDetails
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.find_time_dialog import FindTimeDialog
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


class Desk:
    """What the test sends to the window, each counted as a receptionist's interaction:
    a key press, a click, or one field typed in."""

    def __init__(self) -> None:
        self.interactions = 0

    def key(
        self,
        widget: QWidget,
        key: Qt.Key,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    ) -> None:
        self.interactions += 1
        QTest.keyClick(widget, key, modifier)

    def type(self, widget: QWidget, text: str) -> None:
        self.interactions += 1
        QTest.keyClicks(widget, text)

    def click(self, widget: QWidget) -> None:
        self.interactions += 1
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def focused(dialog: QWidget) -> QWidget:
    widget = QApplication.focusWidget() or dialog.focusWidget()
    assert widget is not None
    return widget


def while_open(qtbot: QtBot, kind: type, fill: Callable[[object], None]) -> list[object]:
    """Runs ``fill`` on the ``kind`` dialog once its modal loop runs (the real exec)."""
    seen: list[object] = []
    tries = [0]

    def look() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        if not shown:
            tries[0] += 1
            if tries[0] < 500:
                QTimer.singleShot(10, look)
            return
        (dialog,) = shown
        seen.append(dialog)
        qtbot.waitUntil(dialog.isActiveWindow)  # keys go to it
        qtbot.waitUntil(lambda: not getattr(dialog, "searching", False))
        try:
            fill(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, look)
    return seen


def bookings_of(desk: Clinic, client: str) -> list[AppointmentView]:
    return [
        a
        for a in desk.booking.appointments_on(date(2026, 3, 2))
        if a.client_name == client and a.status.is_active
    ]


@pytest.fixture
def services_offered(desk: Clinic) -> Clinic:
    desk.directory.add_service(desk.admin, "Consultation", 30, Decimal("45"), "#5b9bd5")
    desk.directory.add_service(desk.admin, "Physiotherapy session", 45, Decimal("50"), "#4bacc6")
    desk.client("Rui Matos")
    return desk


def test_a_known_client_into_the_next_free_time_in_three_interactions(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    user = Desk()
    before = len(bookings_of(desk, "Joana Costa"))

    def fill(dialog: FindTimeDialog) -> None:
        assert dialog.times.item(0).text().startswith("Mon 2 Mar  08:00-09:30  Dr Ana Silva")
        user.type(focused(dialog), "Joana")  # the client search has the focus
        user.key(focused(dialog), Qt.Key.Key_Return)

    seen = while_open(qtbot, FindTimeDialog, fill)
    user.key(window, Qt.Key.Key_T, CTRL)
    assert seen, "Ctrl+T opened no Find a time dialog"
    booked = bookings_of(desk, "Joana Costa")
    assert len(booked) == before + 1
    new = max(booked, key=lambda a: a.id)
    assert (new.start, new.end, new.professional_name) == (
        desk.at(2, 8),
        desk.at(2, 9, 30),
        "Dr Ana Silva",
    )
    assert user.interactions == 3  # Ctrl+T, "Joana", Enter
    assert window.undo_action.toolTip() == "Undo: Book Joana Costa"
    qtbot.waitUntil(lambda: window.model.row_of(new.id) >= 0)  # the calendar shows it
    window.undo_action.trigger()
    assert len(bookings_of(desk, "Joana Costa")) == before


def test_chosen_by_keyboard_a_service_the_afternoon_and_the_second_time(
    window: MainWindow, services_offered: Clinic, qtbot: QtBot
) -> None:
    desk = services_offered
    user = Desk()
    offered: list[str] = []

    def fill(dialog: FindTimeDialog) -> None:
        user.key(dialog, Qt.Key.Key_S, ALT)
        assert focused(dialog) is dialog.service
        user.key(focused(dialog), Qt.Key.Key_Down)
        user.key(focused(dialog), Qt.Key.Key_Down)  # Physiotherapy session (45 min)
        user.key(dialog, Qt.Key.Key_I, ALT)
        assert focused(dialog) is dialog.part
        user.key(focused(dialog), Qt.Key.Key_Down)
        user.key(focused(dialog), Qt.Key.Key_Down)  # the afternoon
        user.key(dialog, Qt.Key.Key_C, ALT)
        user.type(focused(dialog), "Rui")
        qtbot.waitUntil(lambda: not dialog.searching and dialog.times.count() > 0)
        offered.extend(dialog.times.item(i).text() for i in range(2))
        user.key(dialog, Qt.Key.Key_R, ALT)
        assert focused(dialog) is dialog.times
        user.key(focused(dialog), Qt.Key.Key_Down)
        user.key(focused(dialog), Qt.Key.Key_Return)

    seen = while_open(qtbot, FindTimeDialog, fill)
    user.key(window, Qt.Key.Key_T, CTRL)
    assert seen
    # Ana has 10:00-10:45, Tom 11:00-11:45, an unassigned one 14:00-14:45 (one of them).
    assert offered == [
        "Mon 2 Mar  12:00-12:45  Dr Ana Silva",
        "Mon 2 Mar  12:15-13:00  Dr Ana Silva",
    ]
    (new,) = bookings_of(desk, "Rui Matos")
    assert (new.start, new.end, new.service_name) == (
        desk.at(2, 12, 15),
        desk.at(2, 13),
        "Physiotherapy session",
    )


def test_a_time_taken_meanwhile_is_refused_with_the_reason_and_looked_for_again(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    dialog = FindTimeDialog(window.services, desk.at(2, 0).date(), window)
    dialog.submit = window.desk.submit_booking
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.searching and dialog.times.count() > 0)
    QTest.keyClicks(dialog.client_search, "Joana")
    first = dialog.chosen()
    assert first is not None and first.professional_name == "Dr Ana Silva"
    # Another desk takes it.
    desk.booking.book(
        desk.admin,
        BookingRequest(start=first.start, end=first.end, professional_id=first.professional_id),
    )
    QTest.keyClick(dialog.client_search, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.booked is None
    qtbot.waitUntil(lambda: not dialog.searching)
    assert "Dr Ana Silva already has" in dialog.message.text()
    assert dialog.times.item(0).text() == "Mon 2 Mar  08:00-09:30  Tom Becker"
    QTest.keyClick(dialog.client_search, Qt.Key.Key_Return)
    assert dialog.booked is not None and dialog.booked.professional_name == "Tom Becker"


def test_no_free_time_says_what_to_try(window: MainWindow, desk: Clinic, qtbot: QtBot) -> None:
    dialog = FindTimeDialog(window.services, desk.at(2, 0).date(), window)
    qtbot.addWidget(dialog)
    dialog.show()
    for box in dialog.weekdays[:6]:  # only Sundays: the clinic is closed
        box.setChecked(False)
    qtbot.waitUntil(lambda: dialog.message.text().startswith("No free time"))
    assert dialog.message.text() == (
        "No free time in these days: try more days, other times of day or weekdays, or anyone."
    )
    assert dialog.times.count() == 0 and not dialog.book_button.isEnabled()
    dialog.weekdays[6].setChecked(False)
    qtbot.waitUntil(lambda: dialog.message.text() == "Tick at least one weekday.")


def test_from_the_booking_dialog_with_its_professional_and_client(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    user = Desk()

    def fill_booking(dialog: BookingDialog) -> None:
        dialog.professional.setCurrentIndex(dialog.professional.findText("Tom Becker"))
        dialog.client_search.setText("Joana")
        user.key(dialog, Qt.Key.Key_F, ALT)  # "Find a time..."
        qtbot.waitUntil(lambda: not dialog.isVisible())  # a button's key clicks it shortly

    def fill_find(dialog: FindTimeDialog) -> None:
        assert dialog.request().professional_ids == (
            window.professional_model.professionals()[1].id,
        )
        assert dialog.picker.choice()[0]
        assert dialog.times.item(0).text() == "Mon 2 Mar  08:00-09:30  Tom Becker"
        user.key(focused(dialog), Qt.Key.Key_Return)

    opened_booking = while_open(qtbot, BookingDialog, fill_booking)
    opened_find = while_open(qtbot, FindTimeDialog, fill_find)
    user.key(window, Qt.Key.Key_N, CTRL)  # Book...
    assert opened_booking and opened_find
    (new,) = [a for a in bookings_of(desk, "Joana Costa") if a.start == desk.at(2, 8)]
    assert new.professional_name == "Tom Becker"


def test_the_search_runs_off_the_gui_thread(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    find = FreeTimeService.find

    def watched(self: FreeTimeService, request: FreeTimeRequest) -> list[FreeTime]:
        threads.append(threading.current_thread())
        return find(self, request)

    monkeypatch.setattr(FreeTimeService, "find", watched)
    ana = window.professional_model.professionals()[0].id
    desk.booking.book(  # Ana now has more booked on Monday than Tom
        desk.admin,
        BookingRequest(start=desk.at(2, 17), end=desk.at(2, 17, 45), professional_id=ana),
    )
    dialog = FindTimeDialog(window.services, desk.at(2, 0).date(), window)
    qtbot.addWidget(dialog)
    assert dialog.message.text() == "Looking for free times..."
    qtbot.waitUntil(lambda: dialog.times.count() == 10)
    dialog.order.setCurrentIndex(1)  # least busy first
    qtbot.waitUntil(lambda: not dialog.searching and len(threads) == 2)
    assert threading.main_thread() not in threads
    assert dialog.times.item(0).text() == "Mon 2 Mar  08:00-09:30  Tom Becker"


def test_the_chosen_service_s_room_is_found_free_as_its_booking_finds_it(
    window: MainWindow, services_offered: Clinic, qtbot: QtBot
) -> None:
    """Physiotherapy needs a treatment room and the clinic's only one is held by Tom
    Becker's sessions 08:00-12:00: Find a time for it offers no morning time (each
    would be refused at Book) and books the first one it offers."""
    desk = services_offered
    resources = desk.services.resources
    room = resources.add(desk.admin, ResourceDetails("Room 1", "Treatment room")).id
    physio = next(
        s.id for s in desk.services.catalog.services() if s.name == "Physiotherapy session"
    )
    resources.set_needs(desk.admin, physio, [("Treatment room", 1)])
    (becker,) = desk.professionals("Tom Becker")
    for start in (desk.at(2, 8), desk.at(2, 8, 45)):  # 08:00-09:30, the room taken
        desk.booking.book(
            desk.admin,
            BookingRequest(start, professional_id=becker, service_id=physio, resource_ids=(room,)),
        )
    offered: list[str] = []

    def fill(dialog: FindTimeDialog) -> None:
        dialog.service.setCurrentIndex(
            dialog.service.findText("Physiotherapy session", Qt.MatchFlag.MatchStartsWith)
        )
        qtbot.waitUntil(
            lambda: (
                not dialog.searching
                and dialog.times.count() > 0
                and "12:45" not in dialog.times.item(0).text()
                and dialog.duration.value() == 45
            )
        )
        offered.extend(dialog.times.item(i).text() for i in range(2))
        QTest.keyClicks(dialog.picker.search, "Rui")
        dialog.times.setCurrentRow(0)
        QTest.keyClick(dialog.times, Qt.Key.Key_Return)

    seen = while_open(qtbot, FindTimeDialog, fill)
    QTest.keyClick(window, Qt.Key.Key_T, CTRL)
    assert seen and offered
    assert offered[0].startswith("Mon 2 Mar  09:30-10:15"), offered  # the room is free
    (new,) = bookings_of(desk, "Rui Matos")
    assert (new.start, new.service_name) == (desk.at(2, 9, 30), "Physiotherapy session")
