"""The desk explains itself: greyed actions say why, boxes say what happened, the list
sorts and filters, reminders read once, the month opens its days, zoom stays put."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from scheduler_app.domain.notifications import Channel, NotificationKind, NotificationStatus
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.delivery import NotificationView
from scheduler_app.services.demo import PROFESSIONALS, SERVICES
from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui.appointment_model import INACTIVE_TEXT, STATUS_COLORS
from scheduler_app.ui.calendar.backdrop import AXIS_BACK, AXIS_TEXT
from scheduler_app.ui.calendar.blocks import TEXT_COLOR
from scheduler_app.ui.calendar.month_view import OTHER_MONTH_TEXT
from scheduler_app.ui.cancel_dialog import CancelDialog
from scheduler_app.ui.client_search import ClientSearchDialog
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.notifications_view import plain_error, state_text
from tests.conftest import Clinic
from tests.ui.grid_driver import LEFT, NONE, by_hour, drag, point
from tests.ui.test_no_wait import statements_sent

S = AppointmentStatus


@pytest.fixture
def window(desk: Clinic, qtbot: QtBot) -> MainWindow:
    w = MainWindow(desk.services)
    qtbot.addWidget(w)
    w.resize(1200, 1000)
    w.show()
    qtbot.waitExposed(w)
    w.day_view.relayout()
    w.day_view.scroll_to_opening()
    return w


def settle(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not window.loading, timeout=5000)


def test_check_in_and_no_show_are_greyed_out_where_they_would_be_refused(
    window: MainWindow, desk: Clinic
) -> None:
    window.day_view.select(by_hour(desk, 10).id, notify=True)  # today 10:00; it is 07:00
    no_show, check_in = window.status_actions[S.NO_SHOW], window.status_actions[S.CHECKED_IN]
    assert not no_show.isEnabled()
    assert no_show.toolTip() == "It has not started yet (it starts at 10:00 on Mon 2 Mar)."
    assert check_in.isEnabled() and check_in.toolTip() == "Check in: the client has arrived"
    tomorrow = desk.booking.book(desk.admin, BookingRequest(start=desk.at(3, 10)))
    window.show_day(desk.at(3, 0).date())
    window.day_view.select(tomorrow.id, notify=True)
    assert not check_in.isEnabled()
    assert check_in.toolTip() == "Only today's appointments can be checked in."
    desk.clock.now = desk.at(3, 10, 20)  # the next morning, after the start
    window.day_view.select(tomorrow.id, notify=True)
    assert check_in.isEnabled() and no_show.isEnabled()


def test_a_refused_move_is_titled_for_what_happened(
    window: MainWindow, desk: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: shown.append((title, text)))
    grid = window.day_view
    drag(grid, point(grid, 0, 10 * 60 + 10), point(grid, 1, 11 * 60 + 10))
    assert len(shown) == 1
    assert shown[0][0] == "Appointment not moved"  # not "Please check the input"
    assert "Tom Becker already has 11:00-11:45" in shown[0][1]


def test_the_cancel_dialog_says_cancel_appointment_or_keep(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    dialog = CancelDialog(by_hour(desk, 10), desk.tz, window)
    qtbot.addWidget(dialog)
    buttons = {b.text() for b in dialog.buttons.buttons()}
    assert buttons == {"Cancel appointment", "Keep"}
    keep = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert keep.text() == "Keep" and keep.isDefault()  # Enter alone keeps it
    assert dialog.question.text() == "Cancel Joana Costa's appointment on Mon 2 Mar at 10:00?"


def test_the_list_sorts_filters_and_offers_the_calendars_menu(
    window: MainWindow, desk: Clinic, monkeypatch: pytest.MonkeyPatch, qtmodeltester
) -> None:
    other = desk.directory.add_client(desk.admin, "Rui Santos", "", "").id
    desk.booking.book(desk.admin, BookingRequest(start=desk.at(2, 9), client_id=other))
    window.tabs.setCurrentWidget(window.list_tab)
    tab = window.list_tab
    qtmodeltester.check(tab.proxy)
    table = tab.table

    def column(index: int) -> list[str]:
        return [tab.proxy.index(r, index).data() for r in range(tab.proxy.rowCount())]

    assert column(0)[0].startswith("09:00")  # by time
    table.horizontalHeader().sectionClicked.emit(1)  # sort by client
    assert table.isSortingEnabled() and column(1) in (sorted(column(1)), sorted(column(1))[::-1])
    assert column(1)[0] != column(1)[-1]
    table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert column(0)[0].startswith("14:00")
    tab.filter.setText("rui")
    assert column(1) == ["Rui Santos"] and tab.count.text() == "1 of 4"
    tab.filter.setText("tom becker")
    assert column(2) == ["Tom Becker"]
    opened: list[list[str]] = []

    def popup(menu: QMenu, _where: QPoint) -> None:
        opened.append([a.text() for a in menu.actions()])
        next(a for a in menu.actions() if a.text() == "Confirm").trigger()

    monkeypatch.setattr(window, "_popup", popup)
    where = table.visualRect(tab.proxy.index(0, 1)).center()
    table.customContextMenuRequested.emit(where)
    assert opened and "Assign to" in opened[0] and "Details..." in opened[0]
    assert desk.booking.get(by_hour(desk, 11).id).status == S.CONFIRMED


def test_a_reminder_reads_once_with_its_day(window: MainWindow, desk: Clinic, qtbot: QtBot) -> None:
    """Its appointment is read on a worker: the GUI thread sends nothing."""
    appt = by_hour(desk, 10)
    desk.clock.now = desk.at(1, 17, 30)  # Sunday, for Monday
    with statements_sent(desk) as threads:
        window.show_reminder(
            "Coming up: Joana Costa at 10:00",
            "Joana Costa with Dr Ana Silva at 10:00 (appointment).",
            appt.id,
        )
        qtbot.waitUntil(lambda: not window.coming_up.reading)
    message = window.statusBar().currentMessage()
    assert message == "Coming up on Mon 2 Mar at 10:00: Joana Costa with Dr Ana Silva"
    assert message.count("Joana Costa") == 1
    assert threads and threading.get_ident() not in threads


def test_a_reminder_of_an_appointment_gone_says_what_it_was_sent_with(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.show_reminder("Coming up: Joana Costa at 10:00", "", 999_999)
    qtbot.waitUntil(lambda: not window.coming_up.reading)
    assert window.statusBar().currentMessage() == "Coming up: Joana Costa at 10:00"


def test_undo_keeps_a_short_label_and_says_the_rest_in_its_tooltip(
    window: MainWindow, desk: Clinic
) -> None:
    window.day_view.select(by_hour(desk, 10).id, notify=True)
    window.status_actions[S.CONFIRMED].trigger()
    assert window.undo_action.text() == "Undo" and window.undo_action.isEnabled()
    assert window.undo_action.toolTip() == "Undo: Confirmed: Joana Costa"
    window.undo_action.trigger()
    assert window.redo_action.text() == "Redo"
    assert window.redo_action.toolTip() == "Redo: Confirmed: Joana Costa"
    assert not window.undo_action.isEnabled()


def test_more_in_the_month_opens_that_day(window: MainWindow, desk: Clinic, qtbot: QtBot) -> None:
    ana, tom = (p.id for p in desk.directory.professionals())
    for slot in range(16):  # a full Thursday for both
        start = desk.at(5, 8) + timedelta(minutes=30 * slot)
        for prof in (ana, tom):
            desk.booking.book(
                desk.admin,
                BookingRequest(
                    start=start, end=start + timedelta(minutes=30), professional_id=prof
                ),
            )
    window.resize(1024, 700)
    window.tabs.setCurrentWidget(window.month_view)
    settle(window, qtbot)
    month = window.month_view
    month.grab()  # paint: the day lists what fits, then "+N more"
    day = desk.at(5, 0).date()
    more = month.more_rect(day)
    assert more is not None
    QTest.mouseClick(month, LEFT, NONE, more.center().toPoint())
    assert window.tabs.currentWidget() is window.day_view and window.day == day
    assert window.period.first.month == 3  # still March: the day, not another month


def test_find_client_without_a_match_says_nothing_matched(desk: Clinic, qtbot: QtBot) -> None:
    dialog = ClientSearchDialog(desk.services)
    qtbot.addWidget(dialog)
    dialog.search.setText("zzz")
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)  # searches
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)  # then "open"
    said = dialog.message.text()
    assert said.startswith("No client matches “zzz”")
    assert "appointments" not in said


def test_zoom_keeps_the_time_under_the_mouse_in_view(window: MainWindow) -> None:
    grid = window.day_view
    viewport = grid.canvas.viewport()
    bar = grid.canvas.verticalScrollBar()
    bar.setValue(int(grid.cells.y(9 * 60)))
    anchor = viewport.height() / 3
    before = grid.minute_at(anchor)
    for _ in range(3):
        window.zoom(0.8, anchor)
        assert grid.minute_at(anchor) == pytest.approx(before, abs=4)  # a pixel or two
    window.zoom(1.25 * 1.25, anchor)
    assert grid.minute_at(anchor) == pytest.approx(before, abs=4)
    window.zoom(0.8)  # from the keyboard: the middle of the view stays
    assert 6 * 60 < grid.minute_at(viewport.height() / 2) < 14 * 60


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_contrast_is_at_least_four_and_a_half_to_one(window: MainWindow, desk: Clinic) -> None:
    for status, fill in STATUS_COLORS.items():
        assert contrast(TEXT_COLOR, QColor(fill)) >= 4.5, status
        assert contrast(QColor(INACTIVE_TEXT), QColor(fill)) >= 4.5, status
    assert contrast(QColor(OTHER_MONTH_TEXT), QColor("#f7f8f9")) >= 4.5
    assert contrast(AXIS_TEXT, AXIS_BACK) >= 4.5  # the hours at the left
    for colour in [c for _n, _t, c in PROFESSIONALS] + [c for *_x, c in SERVICES]:
        assert contrast(TEXT_COLOR, QColor(colour).lighter(165)) >= 4.5, colour  # colour by
    # A completed appointment on the greyed past, as painted.
    appt = by_hour(desk, 10)
    life = desk.lifecycle
    desk.clock.now = desk.at(2, 9, 55)
    version = life.confirm(desk.admin, appt.id, appt.version).version
    version = life.check_in(desk.admin, appt.id, version).version
    desk.clock.now = desk.at(2, 11)
    life.complete(desk.admin, appt.id, version)
    window.refresh()
    block = window.day_view.items[appt.id]
    window.day_view.canvas.ensureVisible(block.rect())
    image = window.day_view.canvas.viewport().grab().toImage()
    area = window.day_view.canvas.mapFromScene(block.rect()).boundingRect().adjusted(3, 3, -3, -3)
    colours = [
        image.pixelColor(x, y)
        for x in range(area.left(), area.right())
        for y in range(area.top(), area.bottom())
    ]
    background = max(set(c.name() for c in colours), key=[c.name() for c in colours].count)
    darkest = min(colours, key=_luminance)
    assert contrast(darkest, QColor(background)) >= 4.5


def test_notifications_speak_plainly(desk: Clinic) -> None:
    said = plain_error("ValidationError: No mail server is set up for the clinic.")
    assert said.startswith("Waits for a mail server")
    assert "ValidationError" not in said
    assert plain_error("ConnectionRefusedError: [Errno 111] Connection refused").startswith(
        "The mail server did not answer"
    )

    waiting = NotificationView(
        1,
        NotificationKind.APPOINTMENT_CREATED,
        Channel.EMAIL,
        "joana@example.invalid",
        "Appointment booked",
        desk.clock.now,
        None,
        NotificationStatus.PENDING,
        1,
        "ValidationError: No mail server is set up for the clinic.",
        None,
    )
    assert state_text(waiting) == "Waiting for a mail server"


def test_the_week_fits_the_window_and_keeps_who_is_shown(
    desk: Clinic, qtbot: QtBot, tmp_path: Path
) -> None:
    desk.professionals("Dr Leila Haddad", "Sofia Costa", "Dr James Okafor", "Dr Marco Rossi")
    settings = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    first = MainWindow(desk.services, settings=settings)
    qtbot.addWidget(first)
    first.resize(1400, 800)
    first.show()
    qtbot.waitExposed(first)
    first.tabs.setCurrentWidget(first.week_view)
    settle(first, qtbot)
    grid = first.week_grid
    assert len(grid.columns) == 7 * 7  # six professionals and "Unassigned" a day
    visible = grid.canvas.viewport().width()
    assert grid.cells.x(len(grid.columns)) <= visible + 1  # the whole week, no scrolling
    assert first.week_view.fit.isChecked()
    ticks = {a.text(): a for a in first.week_view.list_actions()}
    assert set(ticks) >= {"Dr Ana Silva", "Tom Becker", "Unassigned"}
    ticks["Tom Becker"].setChecked(False)
    ticks["Unassigned"].setChecked(False)
    settle(first, qtbot)
    names = {c.name for c in grid.columns}
    assert "Tom Becker" not in names and "Unassigned" not in names
    assert len(grid.columns) == 7 * 5
    first.close()
    second = MainWindow(desk.services, settings=settings)
    qtbot.addWidget(second)
    second.show()
    settle(second, qtbot)
    kept = {a.text(): a.isChecked() for a in second.week_view.list_actions()}
    assert kept["Tom Becker"] is False and kept["Unassigned"] is False
    assert kept["Dr Ana Silva"] is True
    assert "Tom Becker" not in {c.name for c in second.week_grid.columns}


def test_a_legend_and_a_month_beside_the_grid(window: MainWindow, desk: Clinic) -> None:
    panel = window.side_panel
    assert panel.isVisible() and panel.calendar.isVisible()
    assert [name for _c, name in panel.legend.entries] == [
        "Pending",
        "Confirmed",
        "Checked in",
        "Completed",
        "No-show",
    ]
    window.color_actions[next(iter(window.color_actions))].trigger()
    from scheduler_app.ui.calendar.blocks import ColorBy

    window.color_by(ColorBy.PROFESSIONAL)
    assert [name for _c, name in panel.legend.entries][:2] == ["Dr Ana Silva", "Tom Becker"]
    assert panel.legend.title() == "Colours: professional"
    # A click on a day of the small month shows that day.
    target = desk.at(12, 0).date()
    panel.calendar.clicked.emit(panel.calendar.selectedDate().addDays(10))
    assert window.day == target and window.date_edit.date().day() == 12
