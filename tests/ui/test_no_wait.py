"""The window never waits on the database while the desk drags or changes day: a
drag's hover checks are decided on the desk (nothing is sent until the drop), and a
day is read on a worker thread, the calendar showing what it had meanwhile."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic
from tests.ui.grid_driver import LEFT, NONE, by_hour, point


@contextmanager
def statements_sent(clinic: Clinic | Services) -> Iterator[list[int]]:
    """The thread of every statement sent to the clinic's database meanwhile, and of
    every connection taken from its pools (the hot path's reads go straight through
    the driver's cursor, which statement events do not see)."""
    threads: list[int] = []
    database = clinic.database if isinstance(clinic, Services) else clinic.services.database
    engines = {id(e): e for e in (database.engine, database.reader)}.values()

    def note(*_args: object) -> None:
        threads.append(threading.get_ident())

    for engine in engines:
        event.listen(engine, "before_cursor_execute", note)
        event.listen(engine, "checkout", note)
    try:
        yield threads
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", note)
            event.remove(engine, "checkout", note)


def desk_window(clinic: Clinic, qtbot: QtBot) -> MainWindow:
    """The desk's window on Monday 2 March, read."""
    window = MainWindow(clinic.services)
    qtbot.addWidget(window)
    window.resize(1300, 1000)
    window.show()
    qtbot.waitExposed(window)
    window.show_day(clinic.at(2, 0).date())
    qtbot.waitUntil(lambda: not window.loading, timeout=5000)
    window.day_view.relayout()
    window.day_view.scroll_to_opening()
    return window


def test_a_drag_sends_nothing_until_the_drop_and_says_what_the_service_says(
    staffed: Clinic, qtbot: QtBot
) -> None:
    window = desk_window(staffed, qtbot)
    grid = window.day_view
    silva_at_10 = by_hour(staffed, 10)
    viewport = grid.canvas.viewport()
    QTest.mousePress(viewport, LEFT, NONE, point(grid, 0, 10 * 60 + 10))
    said: list[str] = []
    grid.hover_message.connect(said.append)
    crossed = [(0, 11 * 60), (1, 11 * 60), (1, 12 * 60), (0, 13 * 60), (2, 14 * 60)]
    crossed += [(column, 9 * 60 + 15 * step) for step in range(8) for column in (0, 1)]
    with statements_sent(staffed) as sent:
        for column, minutes in crossed:
            QTest.mouseMove(viewport, point(grid, column, minutes + 10))
    assert sent == []  # not one round trip while hovering
    assert len(said) >= len(crossed) - 2  # (a cell may repeat the last target)
    # The last place said is the service's own verdict for it: Tom Becker at 10:45.
    last = staffed.booking.check_availability(
        staffed.at(2, 10, 45),
        staffed.at(2, 11, 30),
        grid.columns[1].professional_id,
        silva_at_10.id,
    )
    assert said[-1] == last.reason and not last.ok
    QTest.mouseMove(viewport, point(grid, 0, 12 * 60 + 10))
    QTest.mouseRelease(viewport, LEFT, NONE, point(grid, 0, 12 * 60 + 10))
    qtbot.waitUntil(lambda: not window.loading, timeout=5000)
    moved = staffed.booking.get(silva_at_10.id)
    assert moved.start == staffed.at(2, 12)  # the drop itself was decided by the service


@pytest.fixture
def days_read_in_place() -> None:
    """Here the day is read as the desk reads it: on the thread pool."""


def test_another_day_is_read_off_the_gui_thread_and_shown_when_it_arrives(
    desk: Clinic, qtbot: QtBot
) -> None:
    (silva,) = [p.id for p in desk.directory.professionals() if p.name == "Dr Ana Silva"]
    desk.booking.book(
        desk.admin, BookingRequest(desk.at(3, 9), desk.at(3, 10), professional_id=silva)
    )
    window = desk_window(desk, qtbot)
    monday = {a.id for a in desk.booking.appointments_on(desk.at(2, 0).date())}
    assert set(window.day_view.items) == monday
    gui = threading.get_ident()
    with statements_sent(desk) as sent, qtbot.waitSignal(window.loader.loaded, timeout=5000):
        window.show_day(desk.at(3, 0).date())
        assert window.loading and set(window.day_view.items) == monday  # what it had
    assert sent and gui not in sent  # every statement of the day's read ran on a worker
    qtbot.waitUntil(lambda: not window.loading, timeout=5000)
    tuesday = [a for a in desk.booking.appointments_on(desk.at(3, 0).date())]
    assert [a.start for a in tuesday] == [desk.at(3, 9)]
    assert set(window.day_view.items) == {a.id for a in tuesday}
    assert window.snapshot is not None  # the hover checks now decide on Tuesday
