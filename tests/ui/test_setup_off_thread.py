"""The clinic's set-up and the desk's other calls run off the GUI thread: opening
Clinic > Services, Settings, Booking rules, Staff accounts and Notifications from the
window, saving in them, and booking, cancelling and undoing a series send not one
statement from the GUI thread (`ui.service_calls`), on SQLite and PostgreSQL; what
was saved is in the database and said in the dialog as before."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import QThread, QThreadPool, QTime
from pytestqt.qtbot import QtBot

from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.series_dto import SeriesScope
from scheduler_app.ui import clinic_menu, staff_menu
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.rules_dialog import RuleEditor, RulesDialog
from scheduler_app.ui.series_dialog import SeriesDialog
from scheduler_app.ui.series_report_dialog import SeriesReportDialog
from scheduler_app.ui.services_dialog import ServiceEditor, ServicesDialog
from scheduler_app.ui.settings_dialog import SettingsDialog
from scheduler_app.ui.staff_dialog import NewAccountDialog, StaffDialog
from scheduler_app.ui.startup import application
from tests.conftest import Clinic
from tests.ui.dialog_driver import answer_with, choose_client, enter
from tests.ui.test_no_wait import desk_window, statements_sent

GUI = threading.main_thread().ident


@pytest.fixture
def shown(staffed: Clinic, qtbot: QtBot) -> MainWindow:
    return desk_window(staffed, qtbot)


def test_services_are_added_and_reordered_off_the_gui_thread(
    shown: MainWindow, staffed: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    def named(name: str) -> Callable[[ServiceEditor], None]:
        def fill(editor: ServiceEditor) -> None:
            editor.name.setText(name)
            editor.length.setValue(45)
            enter(editor.name)

        return fill

    def manage(dialog: ServicesDialog) -> None:
        for name in ("Physiotherapy", "Massage"):
            answer_with(monkeypatch, ServiceEditor, named(name))
            dialog.add_button.click()
        dialog.up_button.click()  # the massage first

    opened = answer_with(monkeypatch, ServicesDialog, manage)
    with statements_sent(staffed) as threads:
        clinic_menu.services(shown)
    assert opened and threads and GUI not in threads
    assert [s.name for s in staffed.services.catalog.services()] == ["Massage", "Physiotherapy"]


def test_settings_are_read_and_saved_off_the_gui_thread(
    shown: MainWindow, staffed: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    def rename(dialog: SettingsDialog) -> None:
        dialog.name.setText("Clínica do Rio")
        dialog.save()

    answer_with(monkeypatch, SettingsDialog, rename)
    with statements_sent(staffed) as threads:
        clinic_menu.settings(shown)
    assert threads and GUI not in threads
    assert staffed.services.directory.organization().name == "Clínica do Rio"


def test_a_rule_is_added_off_the_gui_thread(
    shown: MainWindow, staffed: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    def notice(editor: RuleEditor) -> None:
        editor.notice.setText("2 hours")
        enter(editor.notice)

    def manage(dialog: RulesDialog) -> None:
        answer_with(monkeypatch, RuleEditor, notice)
        dialog.add_button.click()

    answer_with(monkeypatch, RulesDialog, manage)
    before = len(staffed.services.rules.rules())
    with statements_sent(staffed) as threads:
        clinic_menu.rules(shown)
    assert threads and GUI not in threads
    assert len(staffed.services.rules.rules()) == before + 1


def test_a_staff_account_is_added_off_the_gui_thread(
    shown: MainWindow, staffed: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    def filled(new: NewAccountDialog) -> int:
        new.username.setText("joao")
        new.display_name.setText("João Martins")
        new.password.setText("temporary1")
        return 1

    def manage(dialog: StaffDialog) -> None:
        monkeypatch.setattr(NewAccountDialog, "exec", filled)
        dialog.add_button.click()
        assert dialog.message.text() == "Account added."

    answer_with(monkeypatch, StaffDialog, manage)
    with statements_sent(staffed) as threads:
        staff_menu.staff_accounts(shown)
    assert threads and GUI not in threads
    assert "joao" in [a.username for a in staffed.services.staff.accounts()]


def test_a_series_is_booked_cancelled_and_undone_off_the_gui_thread(
    shown: MainWindow, staffed: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    def repeat(dialog: BookingDialog) -> None:
        dialog.time_edit.setTime(QTime(16, 0))
        dialog.professional.setCurrentIndex(dialog.professional.findText("Dr Ana Silva"))
        choose_client(dialog, "Joana Costa")
        dialog.repeat_button.click()

    def four_weeks(dialog: SeriesDialog) -> None:
        dialog.count.setValue(4)
        dialog.ok_button.click()

    answer_with(monkeypatch, BookingDialog, repeat)
    answer_with(monkeypatch, SeriesDialog, four_weeks)
    reports = answer_with(monkeypatch, SeriesReportDialog, lambda d: d.book_button.click())
    with statements_sent(staffed) as threads:
        shown.book()
    assert threads and GUI not in threads
    assert len(reports) == 1 and reports[0].booked is not None
    ids = reports[0].booked.appointment_ids
    assert len(ids) == 4
    first = staffed.booking.get(ids[0])
    with statements_sent(staffed) as threads:
        shown.desk.cancel_series(first, SeriesScope.ALL, "Moved away")
    assert threads and GUI not in threads
    assert {staffed.booking.get(i).status for i in ids} == {AppointmentStatus.CANCELLED}
    with statements_sent(staffed) as threads:
        shown.desk.undo()
    assert threads and GUI not in threads
    assert {staffed.booking.get(i).status for i in ids} == {AppointmentStatus.PENDING}


def test_the_window_is_answered_while_long_work_holds_a_worker_per_core(
    shown: MainWindow, staffed: Clinic
) -> None:
    """A report and an export running (one worker per core held) do not keep a
    dialog's read queued behind them."""
    application()  # as the desk does when it starts
    cores = QThread.idealThreadCount()
    gate = threading.Event()
    held = threading.Semaphore(0)

    def long_work() -> None:
        held.release()
        gate.wait(10)

    pool = QThreadPool.globalInstance()
    try:
        for _ in range(cores):
            pool.start(long_work)
        for _ in range(cores):
            assert held.acquire(timeout=5)
        began = time.monotonic()
        name = shown.services.directory.organization().name
        waited = time.monotonic() - began
    finally:
        gate.set()
    assert name and waited < 2, waited
