"""The desk window, driven as a receptionist would (offscreen)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.cancel_dialog import CancelDialog
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.setup_dialogs import NewClientDialog, ProfessionalEditor
from scheduler_app.workers.change_listener import change_listener
from scheduler_app.workers.thread import WorkerThread
from tests.conftest import Clinic
from tests.ui.dialog_driver import answer_with, choose_client, enter, press_book

S = AppointmentStatus


def cell(window: MainWindow, row: int, column: int) -> str:
    return str(window.model.data(window.model.index(row, column)))


def test_today_is_listed_through_the_model(window: MainWindow, qtmodeltester) -> None:
    qtmodeltester.check(window.model)
    assert window.model.rowCount() == 3
    assert [cell(window, r, 0) for r in range(3)] == ["10:00-10:45", "11:00-11:45", "14:00-14:45"]
    assert [cell(window, r, 2) for r in range(3)] == ["Dr Ana Silva", "Tom Becker", "Unassigned"]
    assert cell(window, 0, 1) == "Joana Costa" and cell(window, 0, 4) == "Pending"
    assert "3 active" in window.summary.text()


def test_confirm_then_undo_and_redo(window: MainWindow, desk: Clinic, qtbot: QtBot) -> None:
    window.table.selectRow(0)
    appt_id = window.selected().id  # type: ignore[union-attr]
    assert window.status_actions[S.CONFIRMED].isEnabled()
    assert not window.status_actions[S.COMPLETED].isEnabled()
    window.status_actions[S.CONFIRMED].trigger()
    assert desk.booking.get(appt_id).status == S.CONFIRMED
    assert cell(window, 0, 4) == "Confirmed"
    window.undo_stack.undo()
    assert desk.booking.get(appt_id).status == S.PENDING
    assert cell(window, 0, 4) == "Pending"
    window.undo_stack.redo()
    assert desk.booking.get(appt_id).status == S.CONFIRMED


def test_confirming_an_unassigned_one_is_greyed_out_with_the_reason(
    window: MainWindow, desk: Clinic
) -> None:
    window.table.selectRow(2)
    confirm = window.status_actions[S.CONFIRMED]
    assert not confirm.isEnabled()
    assert confirm.toolTip() == "Assign a professional before confirming."
    confirm.trigger()  # nothing happens, nothing is asked
    assert desk.booking.get(window.selected().id).status == S.PENDING  # type: ignore[union-attr]


def test_cancel_asks_for_a_reason(
    window: MainWindow, desk: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    def answer(dialog: CancelDialog) -> int:
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == (
            "Cancel appointment"
        )
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Keep"
        dialog.reason.setText("Client has the flu")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CancelDialog, "exec", answer)
    window.table.selectRow(1)
    appt_id = window.selected().id  # type: ignore[union-attr]
    window.status_actions[S.CANCELLED].trigger()
    cancelled = desk.booking.get(appt_id)
    assert (cancelled.status, cancelled.cancellation_reason) == (S.CANCELLED, "Client has the flu")
    assert cell(window, 1, 4) == "Cancelled" and "2 active" in window.summary.text()
    assert window.status_actions[S.PENDING].isEnabled()  # Restore


def test_booking_dialog_shows_availability_and_books(
    desk: Clinic, qtbot: QtBot, window: MainWindow
) -> None:
    dialog = BookingDialog(desk.services, window.day, window)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.time_edit.setTime(QTime(10, 15))
    dialog.professional.setCurrentIndex(dialog.professional.findText("Dr Ana Silva"))
    assert "Dr Ana Silva already has 10:00-10:45" in dialog.verdict.text()
    assert not ok.isEnabled()
    dialog.time_edit.setTime(QTime(12, 0))
    assert dialog.verdict.text() == "Free" and not ok.isEnabled()  # no client chosen yet
    dialog.client_search.setText("joana")
    assert dialog.client_list.count() == 2  # "no client", and the one match: chosen
    assert ok.isEnabled()
    request = dialog.request()
    assert request.start == desk.at(2, 12) and request.client_id is not None
    assert request.end - request.start == timedelta(minutes=90)


def test_book_from_the_window_and_undo(
    window: MainWindow, desk: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    def accept(dialog: BookingDialog) -> int:
        dialog.time_edit.setTime(QTime(16, 0))
        dialog.professional.setCurrentIndex(dialog.professional.findText("Tom Becker"))
        choose_client(dialog, "Joana")
        return press_book(dialog)

    monkeypatch.setattr(BookingDialog, "exec", accept)
    window.book_action.trigger()
    assert window.model.rowCount() == 4
    row = window.selected()
    assert row is not None and (row.professional_name, row.start) == ("Tom Becker", desk.at(2, 16))
    window.undo_stack.undo()
    assert desk.booking.get(row.id).status == S.CANCELLED


def test_other_desks_changes_appear_without_refresh(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    url = desk.services.database.engine.url.render_as_string(hide_password=False)
    listener = change_listener(url, desk.services.context.organization_id, interval_ms=100)
    listener.schedule_changed.connect(window.schedule_changed)
    watching: list[bool] = []
    listener.watching.connect(lambda: watching.append(True))
    watcher = WorkerThread(listener, "watch")
    watcher.start()
    try:
        qtbot.waitUntil(lambda: bool(watching), timeout=5000)  # it has read the state
        # Another desk (another connection) books; this window was not told directly.
        desk.booking.book(desk.admin, BookingRequest(start=desk.at(2, 17)))
        qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=2000)
    finally:
        assert watcher.stop()
    assert not watcher.thread.isRunning()


def test_navigation_between_days(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert window.model.rowCount() == 0 and window.day.day == 3
    qtbot.keyClick(window, Qt.Key.Key_T)
    assert window.model.rowCount() == 3 and window.day.day == 2


def test_a_new_clinic_can_be_set_up_from_the_window(
    sqlite_clinic: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(sqlite_clinic.services)
    qtbot.addWidget(window)
    assert [c.name for c in window.day_view.columns] == ["Unassigned"]
    assert "No professionals yet" in window.statusBar().currentMessage()

    def fill(dialog: ProfessionalEditor) -> None:
        dialog.name.setText("Dr Ana Silva")
        dialog.title.setText("General practice")
        enter(dialog.title)

    answer_with(monkeypatch, ProfessionalEditor, fill)
    window.add_professional_action.trigger()
    assert [c.name for c in window.day_view.columns] == ["Dr Ana Silva", "Unassigned"]
    assert sqlite_clinic.directory.professionals()[0].title == "General practice"


def test_new_client_from_the_booking_dialog(
    desk: Clinic, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill(dialog: NewClientDialog) -> None:
        assert dialog.form.name.text() == "Rita Lopes"  # taken from the search field
        dialog.form.phone.setText("+351 911 222 333")
        enter(dialog.form.phone)

    answer_with(monkeypatch, NewClientDialog, fill)
    dialog = BookingDialog(desk.services, window.day, window)
    qtbot.addWidget(dialog)
    dialog.client_search.setText("Rita Lopes")
    assert dialog.client_list.count() == 1  # only "no client"
    dialog.new_client.click()
    assert dialog.client_list.currentItem() is not None
    request = dialog.request()
    assert [c.name for c in desk.directory.find_clients("911222")] == ["Rita Lopes"]
    assert request.client_id == desk.directory.find_clients("Rita")[0].id


def test_changes_reload_only_the_days_they_touch(window: MainWindow, desk: Clinic) -> None:
    desk.booking.book(desk.admin, BookingRequest(start=desk.at(2, 17)))  # behind the window
    window.schedule_changed(frozenset({desk.at(9, 0).date()}))  # another week: no reload
    assert window.model.rowCount() == 3
    window.schedule_changed(frozenset({desk.at(2, 0).date()}))
    assert window.model.rowCount() == 4
    desk.booking.book(  # behind it again
        desk.admin, BookingRequest(start=desk.at(2, 16), end=desk.at(2, 16, 30))
    )
    window.schedule_changed(None)  # unknown days: reload
    assert window.model.rowCount() == 5


def test_an_unreachable_database_is_shown_until_it_is_back(window: MainWindow) -> None:
    assert not window.connection.isVisible()
    window.show_database_status(False, "Nothing answers at db.clinic.lan port 5432")
    assert window.connection.isVisible() and window.connection.text() == "Database unreachable"
    assert "db.clinic.lan" in window.connection.toolTip()
    window.hover_message("Dr Silva already has 10:00-10:45")  # other messages do not hide it
    assert window.connection.isVisible()
    window.show_database_status(True, "")
    assert not window.connection.isVisible()


def test_the_day_opens_at_opening_time(desk: Clinic, qtbot: QtBot) -> None:
    window = MainWindow(desk.services)  # as the app does: built, then shown
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    grid = window.day_view
    top = grid.canvas.mapToScene(0, 0).y()
    assert grid.cells.minutes(top) == pytest.approx(7 * 60 + 30, abs=1)  # opens at 08:00
