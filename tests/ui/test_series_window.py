"""A series through the window: Repeat... in the booking dialog, the report, the
calendar's mark, the details' Series tab, and cancelling "this and following"
(one undo step)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.series_dto import SeriesScope
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.cancel_dialog import CancelDialog
from scheduler_app.ui.context_menu import appointment_menu
from scheduler_app.ui.details_dialog import DetailsDialog
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.series_dialog import SeriesDialog
from scheduler_app.ui.series_move_dialog import SeriesMoveDialog
from scheduler_app.ui.series_report_dialog import SeriesReportDialog
from tests.conftest import Clinic
from tests.ui.dialog_driver import answer_with, choose_client

S = AppointmentStatus
ALT = Qt.KeyboardModifier.AltModifier


#: The running test's qtbot, for the dialog fills (they are given only the dialog).
_BOT: list[QtBot] = []


@pytest.fixture(autouse=True)
def _qtbot_for_the_fills(qtbot: QtBot) -> Iterator[None]:
    _BOT.append(qtbot)
    yield
    _BOT.clear()


def _wait_for(done: Callable[[], bool]) -> None:
    """Wait until ``done`` (a key's click lands shortly)."""
    _BOT[-1].waitUntil(done, timeout=2500)


def _active(dialog: QWidget) -> None:
    """Its Alt+letter keys work once it is the active window (as exec() makes it)."""
    dialog.activateWindow()
    _wait_for(dialog.isActiveWindow)


def _closed(dialog: QDialog) -> None:
    """Wait for a key's click to land (a button's key clicks it shortly)."""
    _wait_for(lambda: not dialog.isVisible() or dialog.result() != 0)


def _repeat_by_keys(dialog: BookingDialog) -> None:
    dialog.time_edit.setTime(QTime(9, 0))
    dialog.professional.setCurrentIndex(dialog.professional.findText("Dr Ana Silva"))
    choose_client(dialog, "Joana Costa")
    _active(dialog)
    QTest.keyClick(dialog, Qt.Key.Key_R, ALT)  # Repeat...
    _closed(dialog)


def _monday_and_wednesday_six_times(dialog: SeriesDialog) -> None:
    assert dialog.days[0].isChecked()  # the booking's own weekday
    QTest.keyClick(dialog.days[2], Qt.Key.Key_Space)  # Wednesday too
    dialog.count.setFocus()
    dialog.count.selectAll()
    QTest.keyClicks(dialog.count, "6")
    assert "every Monday and Wednesday at 09:00, 6 times" in dialog.words.text()
    QTest.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    _closed(dialog)


def _book_the_report(dialog: SeriesReportDialog) -> None:
    report = dialog.report
    assert len(report.occurrences) == 6
    # Monday 2 at 09:00 for 90 minutes meets Dr Silva's 10:00: refused, with an
    # alternative the desk ticks.
    (refused,) = report.refused
    assert refused.day == date(2026, 3, 2) and "Dr Ana Silva already has 10:00" in refused.reason
    assert dialog.book_button.text() == "&Book 5 appointments"
    dialog.check_alternative(refused.index)
    assert dialog.book_button.text() == "&Book 6 appointments"
    QTest.keyClick(dialog.book_button, Qt.Key.Key_Return)
    _closed(dialog)


def _series_days(desk: Clinic) -> dict[date, S]:
    found = {}
    for day in (2, 4, 9, 11, 16, 18):
        for appt in desk.booking.appointments_on(desk.at(day, 0).date()):
            if appt.series_id is not None:
                found[appt.start.astimezone(desk.tz).date()] = appt.status
    return found


def test_book_a_series_then_cancel_this_and_following_and_undo(
    window: MainWindow, desk: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer_with(monkeypatch, BookingDialog, _repeat_by_keys)
    answer_with(monkeypatch, SeriesDialog, _monday_and_wednesday_six_times)
    reports = answer_with(monkeypatch, SeriesReportDialog, _book_the_report)
    window.book()
    assert len(reports) == 1 and reports[0].booked is not None
    assert set(_series_days(desk).values()) == {S.PENDING} and len(_series_days(desk)) == 6

    # The calendar marks the occurrence.
    window.show_day(date(2026, 3, 4))
    window.day_view.relayout()
    QApplication.processEvents()
    blocks = [b for b in window.day_view.items.values() if b.appointment.series_id is not None]
    assert len(blocks) == 1 and blocks[0].lines()[0].startswith("\u21bb 09:00")
    assert "One date of a series" in blocks[0].tooltip()

    # Cancel Wednesday 4 and the following ones, by keys.
    def following_by_keys(dialog: CancelDialog) -> None:
        _active(dialog)
        QTest.keyClick(dialog, Qt.Key.Key_F, ALT)
        _wait_for(dialog.scopes[SeriesScope.FOLLOWING].isChecked)
        assert dialog.scope() is not None and dialog.scope().value == "following"
        QTest.keyClicks(dialog.reason, "Treatment ends early")
        QTest.keyClick(dialog.reason, Qt.Key.Key_Return)

    answer_with(monkeypatch, CancelDialog, following_by_keys)
    row = next(
        r for r in range(window.model.rowCount()) if window.model.rows()[r].series_id is not None
    )
    window.table.selectRow(row)
    window.status_actions[S.CANCELLED].trigger()
    days = _series_days(desk)
    assert days[date(2026, 3, 2)] == S.PENDING
    assert [days[date(2026, 3, d)] for d in (4, 9, 11, 16, 18)] == [S.CANCELLED] * 5
    assert window.undo_stack.undoText() == "Cancel a series from a date on"

    _active(window)
    steps = window.undo_stack.index()
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.undo_stack.index() == steps - 1  # one step
    assert set(_series_days(desk).values()) == {S.PENDING}
    window.undo_stack.redo()
    assert list(_series_days(desk).values()).count(S.CANCELLED) == 5


def test_the_details_show_the_rule_in_words_and_the_dates(
    window: MainWindow, desk: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer_with(monkeypatch, BookingDialog, _repeat_by_keys)
    answer_with(monkeypatch, SeriesDialog, _monday_and_wednesday_six_times)
    answer_with(monkeypatch, SeriesReportDialog, _book_the_report)
    window.book()
    appt = next(a for a in desk.booking.appointments_on(date(2026, 3, 9)) if a.series_id)
    dialog = DetailsDialog(appt, window.services, window)
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert "Repeats every Monday and Wednesday at 09:00, 6 times." in texts
    (dates,) = [w for w in dialog.findChildren(QListWidget) if w.count() == 6]
    assert dates.item(2).text().startswith("▶ ")  # Monday 9 March: this one
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()


def test_move_this_and_following_from_the_menu_and_undo(
    window: MainWindow, desk: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer_with(monkeypatch, BookingDialog, _repeat_by_keys)
    answer_with(monkeypatch, SeriesDialog, _monday_and_wednesday_six_times)
    answer_with(monkeypatch, SeriesReportDialog, _book_the_report)
    window.book()
    appt = next(a for a in desk.booking.appointments_on(date(2026, 3, 9)) if a.series_id)
    menu = appointment_menu(window, appt)
    (entry,) = [a for a in menu.actions() if a.text() == "Change this and the following..."]

    def eleven_with_tom(dialog: SeriesMoveDialog) -> None:
        dialog.time_edit.setTime(QTime(11, 30))
        dialog.professional.setCurrentIndex(dialog.professional.findText("Tom Becker"))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    answer_with(monkeypatch, SeriesMoveDialog, eleven_with_tom)
    entry.trigger()
    moved = {
        day: [
            (a.start.astimezone(desk.tz).strftime("%H:%M"), a.professional_name)
            for a in desk.booking.appointments_on(date(2026, 3, day))
            if a.series_id
        ]
        for day in (4, 9, 11, 16, 18)
    }
    assert moved[4] == [("09:00", "Dr Ana Silva")]
    assert all(moved[d] == [("11:30", "Tom Becker")] for d in (9, 11, 16, 18))
    assert window.undo_stack.undoText() == "Move a series from a date on"
    window.undo_stack.undo()
    for day in (9, 11, 16, 18):
        (back,) = [a for a in desk.booking.appointments_on(date(2026, 3, day)) if a.series_id]
        assert back.start.astimezone(desk.tz).strftime("%H:%M") == "09:00"
        assert back.professional_name == "Dr Ana Silva"
    window.undo_stack.redo()  # moved again, as the desk chose
    for day in (9, 11, 16, 18):
        (again,) = [a for a in desk.booking.appointments_on(date(2026, 3, day)) if a.series_id]
        assert again.start.astimezone(desk.tz).strftime("%H:%M") == "11:30"
        assert again.professional_name == "Tom Becker"


def test_undo_takes_the_whole_series_back_and_redo_brings_it_again(
    window: MainWindow, desk: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer_with(monkeypatch, BookingDialog, _repeat_by_keys)
    answer_with(monkeypatch, SeriesDialog, _monday_and_wednesday_six_times)
    answer_with(monkeypatch, SeriesReportDialog, _book_the_report)
    window.book()
    assert window.undo_stack.undoText() == "Book a series of 6"
    window.undo_stack.undo()
    assert set(_series_days(desk).values()) == {S.CANCELLED}
    window.undo_stack.redo()
    assert set(_series_days(desk).values()) == {S.PENDING}


def _monthly_on_the_first_monday_four_times(dialog: SeriesDialog) -> None:
    _active(dialog)
    assert not dialog.month_by.isEnabled()  # weekly: the days of the week count
    QTest.keyClick(dialog, Qt.Key.Key_R, ALT)
    QTest.keyClick(dialog.frequency, Qt.Key.Key_Down)  # Weekly -> Monthly
    assert dialog.month_by.isEnabled()
    assert [dialog.month_by.itemText(i) for i in range(dialog.month_by.count())] == [
        "on day 2",
        "on the first Monday",
    ]
    QTest.keyClick(dialog, Qt.Key.Key_M, ALT)
    QTest.keyClick(dialog.month_by, Qt.Key.Key_Down)
    dialog.count.setFocus()
    dialog.count.selectAll()
    QTest.keyClicks(dialog.count, "4")
    assert dialog.rule_text() == "RRULE:FREQ=MONTHLY;BYDAY=1MO;COUNT=4"
    assert dialog.words.text() == (
        "every month on the first Monday at 09:00, 4 times: 4 appointments"
    )
    QTest.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    _closed(dialog)


def test_a_monthly_series_on_the_first_monday_is_booked_by_keys(
    window: MainWindow, desk: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    def book_the_free_ones(dialog: SeriesReportDialog) -> None:
        assert [o.day for o in dialog.report.occurrences] == [
            date(2026, 3, 2),
            date(2026, 4, 6),
            date(2026, 5, 4),
            date(2026, 6, 1),
        ]
        QTest.keyClick(dialog.book_button, Qt.Key.Key_Return)
        _closed(dialog)

    answer_with(monkeypatch, BookingDialog, _repeat_by_keys)
    answer_with(monkeypatch, SeriesDialog, _monthly_on_the_first_monday_four_times)
    reports = answer_with(monkeypatch, SeriesReportDialog, book_the_free_ones)
    window.book()
    assert len(reports) == 1 and reports[0].booked is not None
    booked = reports[0].booked.appointment_ids
    starts = [desk.booking.get(i).start.astimezone(desk.tz) for i in booked]
    assert all(s.weekday() == 0 and s.day <= 7 and s.strftime("%H:%M") == "09:00" for s in starts)
    appt = desk.booking.get(booked[-1])
    dialog = DetailsDialog(appt, window.services, window)
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert "Repeats every month on the first Monday at 09:00, 4 times." in texts
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()


@pytest.mark.parametrize(
    ("text", "english", "portuguese"),
    [
        (
            "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20261231",
            "every month on the second Tuesday at 09:00 until 31 Dec 2026",
            "todos os meses na segunda terça-feira às 09:00 até 31 dez. 2026",
        ),
        (
            "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR;COUNT=4",
            "every 2 months on the last Friday at 09:00, 4 times",
            "a cada 2 meses na última sexta-feira às 09:00, 4 vezes",
        ),
        (
            "FREQ=MONTHLY;BYDAY=1SA;COUNT=3",
            "every month on the first Saturday at 09:00, 3 times",
            "todos os meses no primeiro sábado às 09:00, 3 vezes",
        ),
        (
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3",
            "every month (of the days on Monday, Tuesday, Wednesday, Thursday and Friday: "
            "the last) at 09:00, 3 times",
            "todos os meses (dos dias segunda-feira, terça-feira, quarta-feira, quinta-feira "
            "e sexta-feira: o último) às 09:00, 3 vezes",
        ),
    ],
)
def test_a_monthly_rule_by_position_in_words_in_english_and_portuguese(
    qtbot: QtBot, text: str, english: str, portuguese: str
) -> None:
    from scheduler_app.domain.recurrence import parse_rule
    from scheduler_app.ui import i18n
    from scheduler_app.ui.series_words import rule_words

    start = datetime(2026, 3, 10, 9, 0)
    assert rule_words(parse_rule(text), start) == english
    i18n.install("pt")
    try:
        words = rule_words(parse_rule(text), start)
    finally:
        i18n.install("")
    assert words == portuguese


def test_all_of_a_series_shorter_by_keys_and_back_with_ctrl_z(
    window: MainWindow, desk: Clinic, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    from decimal import Decimal

    from scheduler_app.services.dto import ServiceDetails
    from scheduler_app.services.waitlist_dto import WaitlistRequest

    details = ServiceDetails("Check-up", 30, Decimal("40.00"), "EUR", "#3366cc")
    service = desk.services.catalog.add(desk.admin, details).id
    silva = next(p.id for p in desk.directory.professionals() if p.name == "Dr Ana Silva")
    rita, wednesday = desk.client("Rita Lopes"), date(2026, 3, 4)
    waiting = WaitlistRequest(rita, service, wednesday, wednesday, professional_id=silva)
    desk.services.waitlist.add(desk.admin, waiting)
    answer_with(monkeypatch, BookingDialog, _repeat_by_keys)
    answer_with(monkeypatch, SeriesDialog, _monday_and_wednesday_six_times)
    answer_with(monkeypatch, SeriesReportDialog, _book_the_report)
    window.book()
    appt = next(a for a in desk.booking.appointments_on(date(2026, 3, 9)) if a.series_id)
    menu = appointment_menu(window, appt)
    (entry,) = [a for a in menu.actions() if a.text() == "Change the whole series..."]

    def an_hour_by_keys(dialog: SeriesMoveDialog) -> None:
        assert dialog.windowTitle() == "Change every date of the series"
        _active(dialog)
        QTest.keyClick(dialog, Qt.Key.Key_L, ALT)  # Length
        _wait_for(dialog.length.hasFocus)
        dialog.length.selectAll()
        QTest.keyClicks(dialog.length, "60")
        QTest.keyClick(dialog, Qt.Key.Key_S, ALT)  # Save
        _closed(dialog)

    answer_with(monkeypatch, SeriesMoveDialog, an_hour_by_keys)
    entry.trigger()

    def lengths() -> dict[int, list[tuple[str, int]]]:
        return {
            day: [
                (
                    a.start.astimezone(desk.tz).strftime("%H:%M"),
                    int((a.end - a.start).total_seconds() // 60),
                )
                for a in desk.booking.appointments_on(date(2026, 3, day))
                if a.series_id
            ]
            for day in (2, 4, 9, 11, 16, 18)
        }

    # Every date still to come is an hour long instead of 90 minutes, at its own time
    # (Monday 2's was booked at the alternative the desk chose).
    after = lengths()
    assert all(length == 60 for d in after.values() for _t, length in d)
    assert [after[d][0][0] for d in (4, 9, 11, 16, 18)] == ["09:00"] * 5
    assert window.undo_stack.undoText() == "Change the length of a series"
    # The half hours given back are offered to the client waiting, as a cancel's are.
    qtbot.waitUntil(window.freed_bar.isVisible)
    assert window.freed_bar.label.text() == "Wed 4 Mar 10:00 with Dr Ana Silva freed — 1 waiting"
    _active(window)
    steps = window.undo_stack.index()
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.undo_stack.index() == steps - 1  # one step
    assert all(length == 90 for d in lengths().values() for _t, length in d)
