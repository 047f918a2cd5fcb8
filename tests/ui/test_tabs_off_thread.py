"""The Today and Waitlist tabs never make the window wait on the database: shown,
ticked by their timer or refreshed by the window, they keep what they had on screen
while the board or the waitlist is read on a worker, and show the answer when it
comes (the latest one only, the chosen line kept). Not one statement is sent from
the GUI thread meanwhile (on SQLite and PostgreSQL). While the server cannot be
reached the tab says so in its problem line, without a box, and shows the fresh
answer once it is back. The same for a client's history in Clinic > Clients."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from scheduler_app.db.engine import Database
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import BookingRequest, ServiceDetails
from scheduler_app.services.today import TodayBoard
from scheduler_app.services.waitlist_dto import WaitlistRequest
from scheduler_app.ui.client_window import ClientWindow
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.today_tab import TodayTab
from tests.conftest import Clinic
from tests.db.fault_proxy import FaultProxy
from tests.ui.conftest import _small_day
from tests.ui.test_no_wait import desk_window, statements_sent
from tests.ui.test_today_tab import board_rows
from tests.ui.test_waitlist_window import rows
from tests.ui.through_proxy import desk_through_proxy
from tests.ui.visible_text import visible_texts

TODAY_CUT = "The server cannot be reached: the board is read again when it answers."
WAITLIST_CUT = "The server cannot be reached: the waitlist is read again when it answers."


@pytest.fixture
def lists_read_in_place() -> None:
    """Here the tabs are read on the thread pool, as for real..."""


@pytest.fixture
def days_read_in_place() -> None:
    """... and so is the window's day."""


@pytest.fixture
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("scheduler_app.ui.dialog_lists.RETRY_MS", 200)
    monkeypatch.setattr("scheduler_app.ui.server_watch.BACKOFF_MS", (100, 200, 400))


def with_rita_waiting(clinic: Clinic) -> None:
    details = ServiceDetails("Check-up", 30, Decimal("40.00"), "EUR", "#3366cc")
    service = clinic.services.catalog.add(clinic.admin, details).id
    rita = clinic.client("Rita Lopes")
    day = clinic.at(2, 0).date()
    clinic.services.waitlist.add(clinic.admin, WaitlistRequest(rita, service, day, day))


def test_the_today_board_is_read_off_the_gui_thread_when_shown_and_ticked(
    staffed: Clinic, qtbot: QtBot
) -> None:
    window = desk_window(staffed, qtbot)
    today = window.today_tab
    gui = threading.get_ident()
    with statements_sent(staffed) as sent:
        window.tabs.setCurrentWidget(today)  # the window reads it as it is shown
        assert today.title.text() == "Loading…" and board_rows(today) == []
        qtbot.waitUntil(lambda: len(board_rows(today)) == 3, timeout=5000)
    assert sent and gui not in sent
    assert today.title.text() == "Today, Monday, 2 March 2026 (as of 07:00)"
    today.arrival_table.selectRow(1)  # the 11:00

    staffed.clock.now = staffed.at(2, 11, 20)
    shown: list[TodayBoard] = []
    today.reader.read.connect(shown.append)
    with statements_sent(staffed) as sent:
        today.timer.timeout.emit()  # the half-minute tick...
        staffed.clock.now = staffed.at(2, 11, 25)
        today.timer.timeout.emit()  # ... and another while the first read is on its way
        assert board_rows(today)[1][2] == "Expected"  # what it had, meanwhile
        qtbot.waitUntil(lambda: bool(shown) and not today.reader.busy, timeout=5000)
    assert sent and gui not in sent
    assert [board.now for board in shown] == [staffed.at(2, 11, 25)]  # the latest only
    assert today.title.text() == "Today, Monday, 2 March 2026 (as of 11:25)"
    assert board_rows(today)[1] == ("11:00-11:45", "Joana Costa", "Late (25 min)")
    chosen = window.selected()
    assert chosen is not None and chosen.start == staffed.at(2, 11)  # still chosen

    with statements_sent(staffed) as sent:
        window.schedule_changed(None)  # another desk changed something
        qtbot.waitUntil(lambda: not today.reader.busy, timeout=5000)
    assert sent and gui not in sent


def test_the_waitlist_is_read_off_the_gui_thread_when_shown_and_filtered(
    staffed: Clinic, qtbot: QtBot
) -> None:
    with_rita_waiting(staffed)
    window = desk_window(staffed, qtbot)
    tab = window.waitlist_tab
    gui = threading.get_ident()
    with statements_sent(staffed) as sent:
        window.tabs.setCurrentWidget(tab)  # the window reads it as it is shown
        qtbot.waitUntil(lambda: len(rows(window)) == 1 and tab.service.count() == 2, timeout=5000)
    assert sent and gui not in sent
    qtbot.waitUntil(lambda: not tab.entries_reader.busy, timeout=5000)  # (read twice)
    assert rows(window)[0][:3] == ("Rita Lopes", "Check-up", "Anyone")
    assert [tab.service.itemText(i) for i in range(2)] == ["All", "Check-up"]

    with statements_sent(staffed) as sent:
        tab.service.setCurrentIndex(1)  # Check-up only
        tab.professional.setCurrentIndex(tab.professional.findText("Tom Becker"))
        qtbot.waitUntil(lambda: rows(window) == [], timeout=5000)
        tab.professional.setCurrentIndex(0)  # anyone again
        qtbot.waitUntil(lambda: len(rows(window)) == 1, timeout=5000)
        tab.table.selectRow(0)
        window.refresh()  # the window reads again (an undone booking)
        window.tabs.setCurrentWidget(window.day_view)
        window.tabs.setCurrentWidget(tab)  # shown again: the filters are read again
        qtbot.waitUntil(
            lambda: not tab.entries_reader.busy and not tab.lists_reader.busy, timeout=5000
        )
    assert sent and gui not in sent
    assert tab.service.currentText() == "Check-up"  # the filter chosen is kept
    assert len(rows(window)) == 1 and tab.chosen() is not None  # and the entry chosen


@pytest.fixture
def pg_desk(postgres_database: Database) -> Clinic:
    """The window tests' Monday on the PostgreSQL server (this is the other desk)."""
    return _small_day(postgres_database)


def window_through(services: Services, qtbot: QtBot, day: date) -> MainWindow:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1300, 1000)
    window.show()
    qtbot.waitExposed(window)
    window.show_day(day)
    qtbot.waitUntil(lambda: not window.loading, timeout=5000)
    return window


def cut(proxy: FaultProxy, qtbot: QtBot) -> None:
    """The server cannot be reached from now on: the links open are closed too."""
    proxy.cut()
    qtbot.waitUntil(lambda: not proxy._open, timeout=5000)


def responsive(window: MainWindow | ClientWindow, qtbot: QtBot) -> None:
    """The window paints and answers meanwhile: a timer of the GUI thread fires."""
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: bool(fired), timeout=1000)


def test_with_the_server_cut_the_today_tab_says_so_and_is_read_again_when_back(
    pg_desk: Clinic, qtbot: QtBot, quick_retries: None
) -> None:
    with desk_through_proxy(pg_desk) as (services, proxy):
        window = window_through(services, qtbot, pg_desk.at(2, 0).date())
        today: TodayTab = window.today_tab
        window.tabs.setCurrentWidget(today)
        qtbot.waitUntil(lambda: len(board_rows(today)) == 3, timeout=5000)
        cut(proxy, qtbot)
        gui = threading.get_ident()
        with statements_sent(services) as sent:
            today.timer.timeout.emit()
            responsive(window, qtbot)
            qtbot.waitUntil(lambda: TODAY_CUT in visible_texts(today), timeout=10_000)
        assert gui not in sent
        assert QApplication.activeModalWidget() is None
        assert len(board_rows(today)) == 3  # the board it had stays
        pg_desk.booking.book(pg_desk.admin, BookingRequest(start=pg_desk.at(2, 17)))  # meanwhile
        proxy.mend()
        qtbot.waitUntil(lambda: TODAY_CUT not in visible_texts(today), timeout=10_000)
        qtbot.waitUntil(lambda: len(board_rows(today)) == 4, timeout=5000)
        window.close()


def test_with_the_server_cut_the_waitlist_tab_says_so_and_is_read_again_when_back(
    pg_desk: Clinic, qtbot: QtBot, quick_retries: None
) -> None:
    with_rita_waiting(pg_desk)
    with desk_through_proxy(pg_desk) as (services, proxy):
        window = window_through(services, qtbot, pg_desk.at(2, 0).date())
        tab = window.waitlist_tab
        window.tabs.setCurrentWidget(tab)
        qtbot.waitUntil(lambda: len(rows(window)) == 1, timeout=5000)
        cut(proxy, qtbot)
        gui = threading.get_ident()
        with statements_sent(services) as sent:
            tab.status.setCurrentIndex(0)  # every status
            responsive(window, qtbot)
            qtbot.waitUntil(lambda: WAITLIST_CUT in visible_texts(tab), timeout=10_000)
        assert gui not in sent
        assert QApplication.activeModalWidget() is None
        assert len(rows(window)) == 1  # what it had stays
        sam = pg_desk.client("Sam Reis")
        service = pg_desk.services.catalog.services()[0].id
        day = pg_desk.at(2, 0).date()
        pg_desk.services.waitlist.add(pg_desk.admin, WaitlistRequest(sam, service, day, day))
        proxy.mend()
        qtbot.waitUntil(lambda: WAITLIST_CUT not in visible_texts(tab), timeout=10_000)
        qtbot.waitUntil(lambda: len(rows(window)) == 2, timeout=5000)
        window.close()


@pytest.fixture
def clients_found_in_place() -> None:
    """(The clients window's search runs on the thread pool too.)"""


JOANA_HISTORY = "Appointments: 3 · no-shows: 0 · late cancellations (less than a day ahead): 0"
LISTS_CUT = "The server cannot be reached: the lists fill in when it answers again."


def clients_window(services: Services, qtbot: QtBot) -> ClientWindow:
    """Clinic > Clients, with Joana Costa found (not yet chosen)."""
    window = ClientWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.results.count() == 1, timeout=5000)
    window.show_client(None)
    return window


def test_a_clients_history_is_read_off_the_gui_thread(staffed: Clinic, qtbot: QtBot) -> None:
    window = clients_window(staffed.services, qtbot)
    gui = threading.get_ident()
    with statements_sent(staffed) as sent:
        window.results.setCurrentRow(0)  # Joana Costa, chosen
        assert window.summary.text() == "Loading…" and window.history.count() == 0
        qtbot.waitUntil(lambda: window.history.count() == 3, timeout=5000)
    assert sent and gui not in sent
    assert window.summary.text() == JOANA_HISTORY
    window.close()


def test_with_the_server_cut_a_clients_history_says_so_and_comes_when_back(
    pg_desk: Clinic, qtbot: QtBot, quick_retries: None
) -> None:
    with desk_through_proxy(pg_desk) as (services, proxy):
        window = clients_window(services, qtbot)
        cut(proxy, qtbot)
        gui = threading.get_ident()
        with statements_sent(services) as sent:
            window.results.setCurrentRow(0)
            responsive(window, qtbot)
            qtbot.waitUntil(lambda: window.summary.text() == LISTS_CUT, timeout=10_000)
        assert gui not in sent
        assert QApplication.activeModalWidget() is None
        assert window.heading.text() == "Joana Costa"  # her details, typed or not, shown
        proxy.mend()
        qtbot.waitUntil(lambda: window.history.count() == 3, timeout=10_000)
        assert window.summary.text() == JOANA_HISTORY
        window.close()
