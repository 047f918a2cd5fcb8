"""The Today tab, used as a receptionist does through a morning."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from scheduler_app.domain.arrivals import Arrival
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.today_tab import TodayTab
from scheduler_app.workers.change_listener import change_listener
from scheduler_app.workers.thread import WorkerThread
from tests.conftest import Clinic

S = AppointmentStatus


def board_rows(today: TodayTab) -> list[tuple[str, str, str]]:
    """(time, client, arrival) of each line of the arrivals board, as shown."""
    model = today.arrivals

    def text(row: int, column: int) -> str:
        return str(model.data(model.index(row, column)))

    return [(text(r, 0), text(r, 2), text(r, 1)) for r in range(model.rowCount())]


def open_today(window: MainWindow, qtbot: QtBot) -> TodayTab:
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.today_tab
    return window.today_tab


def test_a_morning_on_the_board(
    window: MainWindow, desk: Clinic, qtbot: QtBot, qtmodeltester
) -> None:
    today = open_today(window, qtbot)
    qtmodeltester.check(today.arrivals)
    assert today.title.text() == "Today, Monday, 2 March 2026 (as of 07:00)"
    assert board_rows(today) == [
        ("10:00-10:45", "Joana Costa", "Expected"),
        ("11:00-11:45", "Joana Costa", "Expected"),
        ("14:00-14:45", "Joana Costa", "Expected"),
    ]
    assert today.filter_buttons[Arrival.EXPECTED].text() == "Expected: 3"
    assert today.upcoming.rowCount() == 3 and today.overdue.rowCount() == 0

    desk.clock.now = desk.at(2, 9, 55)  # she arrives early, is picked and checked in
    today.timer.timeout.emit()  # the half-minute tick
    today.arrival_table.selectRow(0)
    assert window.selected() is not None and window.selected().start == desk.at(2, 10)
    assert window.status_actions[S.CHECKED_IN].isEnabled()
    window.status_actions[S.CHECKED_IN].trigger()
    assert board_rows(today)[0][2] == "Checked in"
    assert window.selected() is not None and window.selected().status is S.CHECKED_IN
    desk.clock.now = desk.at(2, 10, 10)  # her time has come
    today.timer.timeout.emit()
    assert board_rows(today)[0][2] == "In progress"

    desk.clock.now = desk.at(2, 11, 20)  # the clock alone makes the 11:00 late
    today.timer.timeout.emit()
    assert [r[2] for r in board_rows(today)] == [
        "In progress (was to end at 10:45)",
        "Late (20 min)",
        "Expected",
    ]
    today.show_only(Arrival.LATE)
    assert board_rows(today) == [("11:00-11:45", "Joana Costa", "Late (20 min)")]
    today.filter_buttons[None].click()
    assert len(board_rows(today)) == 3

    desk.clock.now = desk.at(2, 12, 0)  # both ended: neither is completed yet
    today.timer.timeout.emit()
    overdue = today.overdue
    assert [overdue.data(overdue.index(r, 0)) for r in range(2)] == [
        "Mon 2 Mar 10:00",
        "Mon 2 Mar 11:00",
    ]
    assert overdue.data(overdue.index(0, 3)) == "Checked in"
    today.overdue_table.selectRow(1)  # the 11:00 never came: a no-show
    assert not today.arrival_table.selectionModel().hasSelection()
    window.status_actions[S.NO_SHOW].trigger()
    assert overdue.rowCount() == 1
    assert [r[2] for r in board_rows(today)] == [
        "In progress (was to end at 10:45)",
        "No-show",
        "Expected",
    ]


def test_other_desks_changes_appear_on_the_board(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    today = open_today(window, qtbot)
    url = desk.services.database.engine.url.render_as_string(hide_password=False)
    listener = change_listener(url, desk.services.context.organization_id, interval_ms=100)
    listener.schedule_changed.connect(window.schedule_changed)
    watching: list[bool] = []
    listener.watching.connect(lambda: watching.append(True))
    watcher = WorkerThread(listener, "watch")
    watcher.start()
    try:
        qtbot.waitUntil(lambda: bool(watching), timeout=5000)
        desk.booking.book(desk.admin, BookingRequest(start=desk.at(2, 17)))  # another desk
        qtbot.waitUntil(lambda: today.arrivals.rowCount() == 4, timeout=2000)
    finally:
        assert watcher.stop()
    assert board_rows(today)[-1][0] == "17:00-18:30"


def test_a_failed_message_and_a_conflict_lead_to_their_place(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    from tests.db.test_today import fail_every_message

    silva = desk.directory.professionals()[0]
    desk.booking.book(desk.admin, BookingRequest(start=desk.at(4, 10), professional_id=silva.id))
    desk.booking.book(desk.admin, BookingRequest(start=desk.at(4, 10)))
    desk.services.professionals.leave(desk.admin, silva.id, force_reason="Ill")
    reis = desk.directory.add_client(desk.admin, "Rui Reis", "", "rui@example.org")
    desk.booking.book(desk.admin, BookingRequest(start=desk.at(5, 10), client_id=reis.id))
    fail_every_message(desk)  # its confirmation could not be sent
    today = open_today(window, qtbot)
    assert today.conflicts.rowCount() == 1
    assert today.conflicts.data(today.conflicts.index(0, 2)) == "1 appointment"
    today.conflict_table.activated.emit(today.conflicts.index(0, 0))
    assert window.tabs.currentWidget() is window.day_view and window.day == desk.at(4, 0).date()

    window.tabs.setCurrentWidget(today)
    assert today.failed.rowCount() >= 1
    problem = today.failed.data(today.failed.index(0, 2))
    assert problem == "The mail server did not answer (nothing listens at its address and port)."
    today.failed_table.activated.emit(today.failed.index(0, 0))
    assert window.tabs.currentWidget() is window.notifications
