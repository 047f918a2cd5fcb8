"""The waitlist through the window: a client put on the waitlist, an appointment
cancelled, the freed time shown with who waits, booked in one step."""

from __future__ import annotations

from datetime import time
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.dto import ServiceDetails
from scheduler_app.ui.cancel_dialog import CancelDialog
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.waitlist_dialog import WaitlistDialog
from tests.conftest import Clinic

S = AppointmentStatus


def rows(window: MainWindow) -> list[tuple[str, ...]]:
    model = window.waitlist_tab.model
    return [
        tuple(str(model.data(model.index(r, c))) for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def test_a_cancelled_time_is_booked_for_the_client_waiting(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, qtmodeltester
) -> None:
    details = ServiceDetails("Check-up", 30, Decimal("40.00"), "EUR", "#3366cc")
    desk.services.catalog.add(desk.admin, details)
    rita = desk.client("Rita Lopes")
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    tab = window.waitlist_tab
    assert window.tabs.currentWidget() is tab
    qtmodeltester.check(tab.model)

    def fill(dialog: WaitlistDialog) -> int:
        dialog.client.search.setText("Rita")
        dialog.professional.setCurrentIndex(dialog.professional.findText("Dr Ana Silva"))
        dialog.first_day.setDate(QDate(2026, 3, 2))
        dialog.last_day.setDate(QDate(2026, 3, 6))
        dialog.earliest.setTime(QTime(9, 0))
        dialog.latest.setTime(QTime(12, 0))
        dialog.save()
        assert dialog.problem.text() == ""
        return int(dialog.result())

    monkeypatch.setattr(WaitlistDialog, "exec", fill)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Insert)
    assert rows(window) == [
        (
            "Rita Lopes",
            "Check-up",
            "Dr Ana Silva",
            "Mon 2 Mar - Fri 6 Mar",
            "09:00 - 12:00",
            "Waiting",
        )
    ]
    assert not window.freed_bar.isVisible()

    monkeypatch.setattr(CancelDialog, "exec", lambda _d: QDialog.DialogCode.Accepted)
    window.tabs.setCurrentWidget(window.list_tab)
    window.table.selectRow(0)
    silva = window.selected()
    assert silva is not None and silva.start == desk.at(2, 10)
    window.status_actions[S.CANCELLED].trigger()
    qtbot.waitUntil(window.freed_bar.isVisible)
    assert window.freed_bar.label.text() == "Mon 2 Mar 10:00 with Dr Ana Silva freed — 1 waiting"
    assert "Rita Lopes" in window.freed_bar.book_button.toolTip()

    qtbot.mouseClick(window.freed_bar.book_button, Qt.MouseButton.LeftButton)
    assert not window.freed_bar.isVisible()
    booked = [a for a in desk.booking.appointments_on(desk.at(2, 0).date()) if a.client_id == rita]
    assert [(a.start, a.end, a.status) for a in booked] == [
        (desk.at(2, 10), desk.at(2, 10, 30), S.PENDING)
    ]
    assert window.current is not None and window.current.id == booked[0].id
    window.tabs.setCurrentWidget(tab)
    assert rows(window) == []  # no one waiting any more
    tab.status.setCurrentIndex(tab.status.findText("Booked"))
    assert [r[-1] for r in rows(window)] == ["Booked"]
    assert desk.services.waitlist.entries()[0].appointment_id == booked[0].id
    assert time(10) == booked[0].start.astimezone(desk.tz).time()


def test_undoing_a_booking_from_the_waitlist_lets_the_client_wait_again(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtTest import QTest

    from scheduler_app.services.waitlist_dto import WaitlistRequest

    details = ServiceDetails("Check-up", 30, Decimal("40.00"), "EUR", "#3366cc")
    service = desk.services.catalog.add(desk.admin, details).id
    rita = desk.client("Rita Lopes")
    day = desk.at(2, 0).date()
    desk.services.waitlist.add(desk.admin, WaitlistRequest(rita, service, day, day))
    monkeypatch.setattr(CancelDialog, "exec", lambda _d: QDialog.DialogCode.Accepted)
    window.tabs.setCurrentWidget(window.list_tab)
    window.table.selectRow(0)
    window.status_actions[S.CANCELLED].trigger()
    qtbot.waitUntil(window.freed_bar.isVisible)
    qtbot.mouseClick(window.freed_bar.book_button, Qt.MouseButton.LeftButton)
    (booked,) = [a for a in desk.booking.appointments_on(day) if a.client_id == rita]
    assert booked.status is S.PENDING
    assert window.undo_stack.undoText() == "Book Rita Lopes"

    tab = window.waitlist_tab
    window.tabs.setCurrentWidget(tab)
    assert rows(window) == []  # booked: no one waiting
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    steps = window.undo_stack.index()
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.undo_stack.index() == steps - 1  # one step: the booking and the entry
    assert desk.booking.get(booked.id).status is S.CANCELLED
    assert [r[0] for r in rows(window)] == ["Rita Lopes"]
    assert rows(window)[0][-1] == "Waiting"
    (entry,) = desk.services.waitlist.entries()
    assert (entry.status, entry.appointment_id) == ("waiting", None)

    QTest.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.undo_stack.index() == steps
    assert desk.booking.get(booked.id).status is S.PENDING
    assert rows(window) == []
    (entry,) = desk.services.waitlist.entries()
    assert (entry.status, entry.appointment_id) == ("booked", booked.id)


def test_hours_added_in_working_time_are_offered_to_the_client_waiting(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    from scheduler_app.domain.working_time import WeeklyRange
    from scheduler_app.services.waitlist_dto import WaitlistRequest
    from scheduler_app.ui import clinic_menu
    from scheduler_app.ui.working_time_dialog import WorkingTimeDialog

    silva, _becker = (p.id for p in desk.directory.professionals())
    wt = desk.services.working_time
    wt.set_weekly_plan(desk.admin, silva, [WeeklyRange(d, time(8), time(12)) for d in range(5)])
    details = ServiceDetails("Check-up", 30, Decimal("40.00"), "EUR", "#3366cc")
    service = desk.services.catalog.add(desk.admin, details).id
    rita = desk.client("Rita Lopes")
    monday = date(2026, 3, 9)
    desk.services.waitlist.add(
        desk.admin, WaitlistRequest(rita, service, monday, monday, time(13), time(18), silva)
    )

    def afternoon_on_monday_9(dialog: WorkingTimeDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: not dialog.working and dialog.who.count() > 0, timeout=10_000)
        dialog.who.setCurrentIndex(dialog.who.findText("Dr Ana Silva"))
        qtbot.waitUntil(lambda: not dialog.working, timeout=10_000)
        dialog.tabs.setCurrentWidget(dialog.days)
        dialog.days.day.setDate(QDate(2026, 3, 9))
        dialog.days.hours.setText("08:00-12:00, 14:00-18:00")
        dialog.days.save.click()
        qtbot.waitUntil(lambda: not dialog.working and dialog.changed, timeout=10_000)
        assert dialog.message.text().startswith("Saved")
        return 0

    monkeypatch.setattr(WorkingTimeDialog, "exec", afternoon_on_monday_9)
    assert not window.freed_bar.isVisible()
    clinic_menu.working_time(window)
    qtbot.waitUntil(window.freed_bar.isVisible)
    assert window.freed_bar.label.text() == "Mon 9 Mar 14:00 with Dr Ana Silva freed — 1 waiting"
    qtbot.mouseClick(window.freed_bar.book_button, Qt.MouseButton.LeftButton)
    (booked,) = [a for a in desk.booking.appointments_on(monday) if a.client_id == rita]
    assert (booked.start, booked.end, booked.professional_id) == (
        desk.at(9, 14),
        desk.at(9, 14, 30),
        silva,
    )


def test_time_off_given_back_in_working_time_is_offered_to_the_client_waiting(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    from scheduler_app.services.waitlist_dto import WaitlistRequest
    from scheduler_app.ui import clinic_menu
    from scheduler_app.ui.working_time_dialog import WorkingTimeDialog

    silva, _becker = (p.id for p in desk.directory.professionals())
    details = ServiceDetails("Check-up", 30, Decimal("40.00"), "EUR", "#3366cc")
    service = desk.services.catalog.add(desk.admin, details).id
    rita = desk.client("Rita Lopes")
    monday = date(2026, 3, 9)
    desk.services.working_time.add_time_off(
        desk.admin, desk.at(9, 9), desk.at(9, 12), professional_id=silva, reason="Course"
    )
    desk.services.waitlist.add(
        desk.admin, WaitlistRequest(rita, service, monday, monday, time(9), time(12), silva)
    )

    def give_the_course_back(dialog: WorkingTimeDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: not dialog.working and dialog.who.count() > 0, timeout=10_000)
        dialog.tabs.setCurrentWidget(dialog.time_off)
        off = dialog.time_off
        qtbot.waitUntil(lambda: off.list.topLevelItemCount() == 1, timeout=10_000)
        off.list.setCurrentItem(off.list.topLevelItem(0))
        off.remove.click()
        qtbot.waitUntil(lambda: not dialog.working and dialog.changed, timeout=10_000)
        return 0

    monkeypatch.setattr(WorkingTimeDialog, "exec", give_the_course_back)
    assert not window.freed_bar.isVisible()
    clinic_menu.working_time(window)
    qtbot.waitUntil(window.freed_bar.isVisible)
    assert window.freed_bar.label.text() == "Mon 9 Mar 09:00 with Dr Ana Silva freed — 1 waiting"


def test_a_freed_time_held_for_the_client_waiting_shows_until_when(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    from scheduler_app.services.waitlist_dto import WaitlistRequest

    details = ServiceDetails("Check-up", 30, Decimal("40.00"), "EUR", "#3366cc")
    service = desk.services.catalog.add(desk.admin, details).id
    rita = desk.client("Rita Lopes")
    monday = date(2026, 3, 2)
    desk.services.waitlist.add(
        desk.admin, WaitlistRequest(rita, service, monday, monday, time(9), time(12))
    )
    monkeypatch.setattr(CancelDialog, "exec", lambda _d: QDialog.DialogCode.Accepted)
    window.tabs.setCurrentWidget(window.list_tab)
    window.table.selectRow(0)
    window.status_actions[S.CANCELLED].trigger()
    qtbot.waitUntil(window.freed_bar.isVisible)
    assert window.freed_bar.hold_button.text() == "Hold for them (2 h)"
    qtbot.mouseClick(window.freed_bar.hold_button, Qt.MouseButton.LeftButton)
    assert not window.freed_bar.isVisible()
    assert window.statusBar().currentMessage() == (
        "Held for Rita Lopes until 09:00; they were asked to call back."
    )
    (held,) = [a for a in desk.booking.appointments_on(monday) if a.client_id == rita]
    assert (held.start, held.status) == (desk.at(2, 10), S.PENDING)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    tab = window.waitlist_tab
    tab.status.setCurrentIndex(tab.status.findText("Held"))
    assert [r[-1] for r in rows(window)] == ["Held until Mon 02 Mar 09:00"]
