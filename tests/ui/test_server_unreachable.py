"""The shared server cannot be reached (a real TCP proxy to the PostgreSQL server is
cut): the day loaded stays on screen under a mark that says when it was loaded and
that changes are paused; a drop and a booking are refused with that sentence (no
message box, the block goes back home, nothing is saved); the desk tries again by
itself and, once the link is mended, clears the mark and shows what another desk
booked meanwhile."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from scheduler_app.db.engine import Database
from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.client_search import ClientSearchDialog
from scheduler_app.ui.find_time_dialog import FindTimeDialog
from scheduler_app.ui.follow_up import book_follow_up, copy_appointment
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.workers.change_listener import change_listener
from scheduler_app.workers.thread import WorkerThread
from tests.conftest import Clinic
from tests.db.fault_proxy import FaultProxy
from tests.ui.conftest import _small_day
from tests.ui.grid_driver import by_hour, drag, point
from tests.ui.through_proxy import desk_through_proxy

PAUSED = "changes are paused"


@pytest.fixture
def days_read_in_place() -> None:
    """Here the day is read on the thread pool, as for real."""


@pytest.fixture
def changes_saved_in_place() -> None:
    """And changes are saved on it."""


@pytest.fixture
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("scheduler_app.ui.server_watch.BACKOFF_MS", (100, 200, 400))


@pytest.fixture
def pg_desk(postgres_database: Database) -> Clinic:
    """The window tests' Monday on the PostgreSQL server (this is the other desk)."""
    return _small_day(postgres_database)


@pytest.fixture
def through(pg_desk: Clinic) -> Iterator[tuple[MainWindow, FaultProxy]]:
    with desk_through_proxy(pg_desk) as (services, proxy):
        window = MainWindow(services)
        window.resize(1300, 1000)
        yield window, proxy
        window.close()
        window.deleteLater()


def shown(window: MainWindow, qtbot: QtBot, clinic: Clinic) -> MainWindow:
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_day(clinic.at(2, 0).date())
    qtbot.waitUntil(lambda: not window.loading and window.model.rowCount() == 3, timeout=5000)
    window.day_view.scroll_to_opening()
    return window


def starts(window: MainWindow) -> list[str]:
    return sorted(block.lines()[0][:5] for block in window.day_view.items.values())


def test_a_cut_link_keeps_the_day_refuses_changes_and_mends_by_itself(
    pg_desk: Clinic,
    through: tuple[MainWindow, FaultProxy],
    qtbot: QtBot,
    quick_retries: None,
) -> None:
    window, proxy = through
    shown(window, qtbot, pg_desk)
    grid, banner = window.day_view, window.server_watch.banner
    silva = by_hour(pg_desk, 10)
    assert not banner.isVisible()
    before = starts(window)
    proxy.cut()
    drag(grid, point(grid, 0, 10 * 60 + 10), point(grid, 0, 12 * 60 + 10))  # sent, not answered
    qtbot.waitUntil(banner.isVisible, timeout=5000)
    assert banner.text().startswith("Server unreachable — showing what was loaded at ")
    assert banner.text().endswith("; changes are paused.")
    assert QApplication.activeModalWidget() is None  # no box: one lasting mark
    qtbot.waitUntil(lambda: not window.desk.queue.busy, timeout=5000)
    assert starts(window) == before  # the day stays; the block went back home
    assert window.model.rowCount() == 3
    assert pg_desk.booking.get(silva.id).start == pg_desk.at(2, 10)  # nothing saved

    drag(grid, point(grid, 0, 10 * 60 + 10), point(grid, 0, 13 * 60 + 10))  # refused at once
    assert not window.desk.queue.busy and starts(window) == before
    assert window.statusBar().currentMessage() == banner.text()
    # Booking, Find a time, Details and the status changes are greyed out meanwhile,
    # whatever the selection asks of them.
    changes = [window.book_action, window.find_time_action, window.edit_action]
    assert not any(a.isEnabled() for a in [*changes, *window.status_actions.values()])
    grid.select(silva.id, notify=True)
    assert not window.edit_action.isEnabled()
    window.book_action.trigger()  # Ctrl+N: nothing opens
    assert QApplication.activeModalWidget() is None
    assert window.statusBar().currentMessage() == banner.text()
    assert banner.isVisible()  # still cut: the tries go on, the mark stays

    pg_desk.booking.book(  # another desk books meanwhile, straight to the server
        pg_desk.admin, BookingRequest(start=pg_desk.at(2, 16), end=pg_desk.at(2, 16, 30))
    )
    proxy.mend()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=5000)
    assert "16:00" in starts(window)
    assert window.desk.paused() == ""
    assert window.book_action.isEnabled() and window.find_time_action.isEnabled()
    grid.select(silva.id, notify=True)
    assert window.edit_action.isEnabled()  # as the selection makes it again
    drag(grid, point(grid, 0, 10 * 60 + 10), point(grid, 0, 12 * 60 + 10))  # saved again
    qtbot.waitUntil(lambda: pg_desk.booking.get(silva.id).start == pg_desk.at(2, 12), timeout=5000)


def test_the_change_listener_marks_it_without_any_action_and_clears_it(
    pg_desk: Clinic, through: tuple[MainWindow, FaultProxy], qtbot: QtBot
) -> None:
    window, proxy = through
    shown(window, qtbot, pg_desk)
    url = window.services.database.engine.url.render_as_string(hide_password=False)
    listener = change_listener(url, window.services.context.organization_id, 50)
    listener.database_status.connect(window.show_database_status)  # as the application does
    listener.schedule_changed.connect(window.schedule_changed)
    watching: list[bool] = []
    listener.watching.connect(lambda: watching.append(True))
    thread = WorkerThread(listener, "change-watcher")
    thread.start()
    try:
        qtbot.waitUntil(lambda: bool(watching), timeout=5000)
        banner = window.server_watch.banner
        proxy.cut()
        qtbot.waitUntil(banner.isVisible, timeout=5000)
        assert PAUSED in banner.text() and window.model.rowCount() == 3
        pg_desk.booking.book(
            pg_desk.admin, BookingRequest(start=pg_desk.at(2, 16), end=pg_desk.at(2, 16, 30))
        )
        proxy.mend()
        qtbot.waitUntil(lambda: not banner.isVisible(), timeout=10_000)
        qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=5000)
    finally:
        assert thread.stop()


def test_book_in_an_open_booking_dialog_says_why_and_keeps_what_was_typed(
    pg_desk: Clinic, through: tuple[MainWindow, FaultProxy], qtbot: QtBot, quick_retries: None
) -> None:
    window, proxy = through
    shown(window, qtbot, pg_desk)
    dialog = BookingDialog(window.services, pg_desk.at(2, 0).date(), window)
    qtbot.addWidget(dialog)
    dialog.submit = window.desk.submit_booking
    dialog.preset(pg_desk.at(2, 16), pg_desk.at(2, 16, 30), None, None)
    dialog.picker.choose(None)  # no client: a block
    qtbot.waitUntil(lambda: dialog.book_button.isEnabled(), timeout=5000)
    proxy.cut()
    window.server_watch.went_down("Nothing answers")  # as a read or the listener finds
    dialog.accept()
    assert dialog.result() == 0 and dialog.booked is None  # still open
    assert PAUSED in dialog.verdict.text()
    assert dialog.time_edit.time().hour() == 16
    proxy.mend()
    dialog.close()


def test_the_url_goes_through_the_proxy(through: tuple[MainWindow, FaultProxy]) -> None:
    window, proxy = through
    assert make_url(window.services.database.engine.url).port == proxy.port


@pytest.fixture
def clients_found_in_place() -> None:
    """And clients are searched on it, when typing pauses."""


def test_find_client_through_the_window_while_cut_keeps_every_key_and_says_why(
    pg_desk: Clinic,
    through: tuple[MainWindow, FaultProxy],
    qtbot: QtBot,
    quick_retries: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("scheduler_app.ui.client_lookup.RETRY_MS", 300)
    noah = pg_desk.client("Noah Costa")
    pg_desk.booking.book(
        pg_desk.admin,
        BookingRequest(start=pg_desk.at(3, 9), end=pg_desk.at(3, 9, 30), client_id=noah),
    )
    window, proxy = through
    shown(window, qtbot, pg_desk)
    banner = window.server_watch.banner
    proxy.cut()
    window.refresh()  # the next read finds the server gone
    qtbot.waitUntil(banner.isVisible, timeout=5000)
    seen: dict[str, object] = {}

    def in_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ClientSearchDialog)
        try:
            use(dialog)
        finally:
            if dialog.isVisible():  # (after Enter it has gone already)
                dialog.reject()

    def use(dialog: ClientSearchDialog) -> None:
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.search, timeout=2000)
        field = dialog.search  # where the keys go once it opens
        for key in "Noah Cos":  # key by key, as typed
            QTest.keyClicks(field, key)
            assert QApplication.activeModalWidget() is dialog  # no box per key
        seen["typed"] = dialog.search.text()
        qtbot.waitUntil(lambda: "cannot be reached" in dialog.message.text(), timeout=5000)
        QTest.keyClicks(field, "ta")  # still typing while it is down
        seen["then"] = dialog.search.text()
        assert QApplication.activeModalWidget() is dialog
        proxy.mend()
        qtbot.waitUntil(lambda: dialog.appointments.count() == 1, timeout=5000)
        seen["found"] = dialog.clients.item(0).text()
        QTest.keyClick(field, Qt.Key.Key_Return)  # Enter: go to the appointment

    QTimer.singleShot(0, in_the_dialog)
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert seen["typed"] == "Noah Cos" and seen["then"] == "Noah Costa"
    assert str(seen["found"]).startswith("Noah Costa")
    assert window.day == pg_desk.at(3, 0).date()  # gone to Noah's Tuesday, read again
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=5000)
    assert window.current is not None and window.current.client_id == noah


def test_undo_while_cut_is_refused_and_kept_for_when_the_server_answers(
    pg_desk: Clinic, through: tuple[MainWindow, FaultProxy], qtbot: QtBot, quick_retries: None
) -> None:
    window, proxy = through
    shown(window, qtbot, pg_desk)
    grid, banner = window.day_view, window.server_watch.banner
    silva = by_hour(pg_desk, 10)
    drag(grid, point(grid, 0, 10 * 60 + 10), point(grid, 0, 12 * 60 + 10))
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1 and not window.loading, timeout=5000)
    assert pg_desk.booking.get(silva.id).start == pg_desk.at(2, 12)
    proxy.cut()
    window.refresh()
    qtbot.waitUntil(banner.isVisible, timeout=5000)
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Z
    assert window.statusBar().currentMessage() == banner.text()
    assert QApplication.activeModalWidget() is None
    assert window.undo_stack.count() == 1 and window.undo_stack.canUndo()  # kept
    assert pg_desk.booking.get(silva.id).start == pg_desk.at(2, 12)
    proxy.mend()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=5000)
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: pg_desk.booking.get(silva.id).start == pg_desk.at(2, 10), timeout=5000)


def test_while_cut_the_days_read_before_are_shown_again_and_others_say_not_loaded(
    pg_desk: Clinic, through: tuple[MainWindow, FaultProxy], qtbot: QtBot, quick_retries: None
) -> None:
    window, proxy = through
    shown(window, qtbot, pg_desk)
    banner = window.server_watch.banner
    proxy.cut()
    window.show_day(pg_desk.at(3, 0).date())  # Tuesday: never read on this desk
    qtbot.waitUntil(banner.isVisible, timeout=5000)
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=5000)  # not Monday's
    assert banner.text() == (
        "Server unreachable — this period was not loaded before; changes are paused."
    )
    assert window.summary.text() == "Not loaded"
    assert window.day_view.items == {}
    window.show_day(pg_desk.at(2, 0).date())  # back to Monday: read before the cut
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=5000)
    assert banner.text().startswith("Server unreachable — showing what was loaded at ")
    assert len(window.day_view.items) == 3
    pg_desk.booking.book(
        pg_desk.admin, BookingRequest(start=pg_desk.at(2, 16), end=pg_desk.at(2, 16, 30))
    )
    proxy.mend()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=5000)
    assert window.summary.text().endswith("4 active, 4 in all")


def test_a_tab_that_reads_while_cut_raises_the_mark_not_a_box(
    pg_desk: Clinic, through: tuple[MainWindow, FaultProxy], qtbot: QtBot, quick_retries: None
) -> None:
    window, proxy = through
    shown(window, qtbot, pg_desk)
    proxy.cut()
    window.tabs.setCurrentWidget(window.waitlist_tab)  # read as it is shown
    qtbot.waitUntil(window.server_watch.banner.isVisible, timeout=5000)
    assert QApplication.activeModalWidget() is None
    proxy.mend()
    window.tabs.setCurrentWidget(window.day_view)
    qtbot.waitUntil(lambda: not window.server_watch.banner.isVisible(), timeout=5000)


def test_book_follow_up_and_copy_while_cut_say_why_without_opening_anything(
    pg_desk: Clinic,
    through: tuple[MainWindow, FaultProxy],
    qtbot: QtBot,
    quick_retries: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, proxy = through
    shown(window, qtbot, pg_desk)
    banner = window.server_watch.banner
    silva = by_hour(pg_desk, 10)
    opened: list[object] = []
    monkeypatch.setattr(FindTimeDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    proxy.cut()
    window.refresh()
    qtbot.waitUntil(banner.isVisible, timeout=5000)
    book_follow_up(window, silva, 2)
    assert window.statusBar().currentMessage() == banner.text()
    copy_appointment(window, silva)
    assert window.statusBar().currentMessage() == banner.text()
    assert opened == [] and QApplication.activeModalWidget() is None
