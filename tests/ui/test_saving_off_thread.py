"""A drop, a nudge or a status change is saved on a worker: the block says "Saving…"
where it was put, the window goes on taking input, the undo entry comes once the
service has saved it; refused, it snaps back and says why; a second change to the
same appointment waits for the first."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import ConflictError
from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic
from tests.ui.grid_driver import LEFT, NONE, by_hour, point
from tests.ui.test_no_wait import desk_window, statements_sent
from tests.ui.through_proxy import desk_through_proxy


@pytest.fixture
def changes_saved_in_place() -> None:
    """Here changes are saved as the desk saves them: on the thread pool."""


@pytest.fixture
def days_read_in_place() -> None:
    """And the day is read on the thread pool too."""


def settle(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not window.desk.queue.busy and not window.loading, timeout=5000)


def test_a_drop_says_saving_in_place_then_stays_with_its_undo_entry(
    staffed: Clinic, qtbot: QtBot
) -> None:
    window = desk_window(staffed, qtbot)
    grid = window.day_view
    silva_at_10 = by_hour(staffed, 10)
    viewport = grid.canvas.viewport()
    gui = threading.get_ident()
    with statements_sent(staffed) as sent:
        QTest.mousePress(viewport, LEFT, NONE, point(grid, 0, 10 * 60 + 10))
        QTest.mouseMove(viewport, point(grid, 0, 12 * 60 + 10))
        QTest.mouseRelease(viewport, LEFT, NONE, point(grid, 0, 12 * 60 + 10))
        block = grid.items[silva_at_10.id]
        assert block.saving and block.lines()[1] == "Saving…"
        assert block.lines()[0].startswith("12:00")  # where it is going
        assert block.rect().top() == grid.rect_for(0, 12 * 60, 12 * 60 + 45).top()
        assert window.undo_stack.count() == 0  # not saved yet: nothing to undo
        assert window.statusBar().currentMessage() == "Saving…"
        settle(window, qtbot)
    assert sent and gui not in sent  # the move and the reload ran on workers
    assert window.undo_stack.count() == 1
    block = grid.items[silva_at_10.id]
    assert not block.saving and block.lines()[0].startswith("12:00")
    assert staffed.booking.get(silva_at_10.id).start == staffed.at(2, 12)
    with statements_sent(staffed) as sent:
        window.undo_stack.undo()  # Ctrl+Z: saved on a worker too
        settle(window, qtbot)
    assert sent and gui not in sent
    assert staffed.booking.get(silva_at_10.id).start == staffed.at(2, 10)
    assert grid.items[silva_at_10.id].lines()[0].startswith("10:00")


def test_a_refused_drop_snaps_back_with_the_reason_and_no_undo_entry(
    staffed: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = desk_window(staffed, qtbot)
    grid = window.day_view
    becker_at_11 = by_hour(staffed, 11)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a: said.append(title))
    # Someone else takes Dr Silva's 15:00 after this desk loaded the day.
    silva = grid.columns[0].professional_id
    staffed.booking.book(
        staffed.admin, BookingRequest(staffed.at(2, 15), staffed.at(2, 16), professional_id=silva)
    )
    window.desk.move(becker_at_11, staffed.at(2, 15), staffed.at(2, 15, 45), silva)
    assert grid.items[becker_at_11.id].saving
    settle(window, qtbot)
    assert said == ["Appointment not moved"]
    assert window.undo_stack.count() == 0
    block = grid.items[becker_at_11.id]
    assert not block.saving and block.lines()[0].startswith("11:00")


def test_a_second_change_to_the_same_appointment_waits_for_the_first(
    staffed: Clinic, qtbot: QtBot
) -> None:
    window = desk_window(staffed, qtbot)
    silva_at_10 = by_hour(staffed, 10)
    silva = silva_at_10.professional_id
    window.desk.move(silva_at_10, staffed.at(2, 12), staffed.at(2, 12, 45), silva)
    window.desk.move(silva_at_10, staffed.at(2, 13), staffed.at(2, 13, 45), silva)  # same view
    window.desk.change_status(silva_at_10, AppointmentStatus.CONFIRMED)
    assert window.desk.queue.is_saving(silva_at_10.id)
    settle(window, qtbot)
    now = staffed.booking.get(silva_at_10.id)
    assert (now.start, now.status) == (staffed.at(2, 13), AppointmentStatus.CONFIRMED)
    assert window.undo_stack.count() == 3  # each saved in turn, on the version before it
    window.undo_stack.undo()
    assert staffed.booking.get(silva_at_10.id).status is not AppointmentStatus.CONFIRMED


def test_book_waits_for_its_answer_on_a_worker_while_the_window_goes_on(
    pg_clinic: Clinic, qtbot: QtBot
) -> None:
    silva = pg_clinic.professionals("Dr Silva")[0]
    with desk_through_proxy(pg_clinic, delay_s=0.03) as (services, _proxy):
        window = MainWindow(services)
        qtbot.addWidget(window)
        ticks: list[int] = []
        timer = QTimer()
        timer.setInterval(1)
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start()
        request = BookingRequest(pg_clinic.at(3, 9), pg_clinic.at(3, 10), professional_id=silva)
        with statements_sent(services) as threads:
            booked = window.desk.submit_booking(request)  # what the dialog's Book does
        timer.stop()
        assert booked.start == pg_clinic.at(3, 9)
        assert threads and threading.get_ident() not in threads
        assert len(ticks) >= 10  # the GUI thread ran its timers while the booking was saved
        with pytest.raises(ConflictError, match="already has"):
            window.desk.submit_booking(request)  # refused: the dialog stays open with this
        window.close()
