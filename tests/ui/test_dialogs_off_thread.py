"""The booking, details and Find a time dialogs open without the window waiting on
the database: a click in the calendar, Book, Details, Find a time (Ctrl+T) and Book
follow-up open their dialog at once, saying "Loading…" with the lists and the
buttons off; the services, professionals and rooms (and a series' dates) are read
on a worker and filled in when they come, what was typed meanwhile kept. Not one
statement is sent from the GUI thread from the click until the dialog is filled and
checked (on SQLite and PostgreSQL). While the server cannot be reached the dialog
says so, and fills in once it answers again."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
)
from pytestqt.qtbot import QtBot

from scheduler_app.db.engine import Database
from scheduler_app.services.dto import BookingRequest
from scheduler_app.services.resources import ResourceDetails
from scheduler_app.services.series_dto import SeriesRequest
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.context_menu import appointment_menu
from scheduler_app.ui.details_dialog import DetailsDialog
from scheduler_app.ui.find_time_dialog import FindTimeDialog
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic
from tests.ui.conftest import _small_day
from tests.ui.dialog_driver import answer_with
from tests.ui.grid_driver import by_hour, point
from tests.ui.test_follow_up import _action
from tests.ui.test_no_wait import desk_window, statements_sent
from tests.ui.through_proxy import desk_through_proxy

LOADING = "Loading…"
UNREACHABLE = "The server cannot be reached: the lists fill in when it answers again."
#: (What the client list says, when its search is the last to fail.)
NO_CLIENTS = "The server cannot be reached: the list fills in when it answers again."


@pytest.fixture
def lists_read_in_place() -> None:
    """Here the dialogs' lists are read on the thread pool, as for real..."""


@pytest.fixture
def checks_made_in_place() -> None:
    """... their free / busy line is decided there..."""


@pytest.fixture
def clients_found_in_place() -> None:
    """... the clients are searched there..."""


@pytest.fixture
def days_read_in_place() -> None:
    """... and the window's day is read there."""


#: The running test's qtbot, for the dialog fills (they are given only the dialog).
_BOT: list[QtBot] = []


@pytest.fixture(autouse=True)
def _qtbot_for_the_fills(qtbot: QtBot) -> Iterator[None]:
    _BOT.append(qtbot)
    yield
    _BOT.clear()


@pytest.fixture
def clinic(staffed: Clinic) -> Clinic:
    """The window tests' Monday, with a service and a room to offer."""
    staffed.directory.add_service(staffed.admin, "Consultation", 30, Decimal("45"), "#5b9bd5")
    staffed.services.resources.add(staffed.admin, ResourceDetails("Room 1", "Room"))
    return staffed


def items(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def booking_dialog_opened(dialog: BookingDialog) -> dict[str, object]:
    """What the booking dialog shows as it opens, what the desk types meanwhile, and
    what it shows once filled and checked."""
    bot = _BOT[-1]
    seen: dict[str, object] = {
        "opening": (
            dialog.verdict.text(),
            dialog.book_button.isEnabled(),
            dialog.professional.isEnabled(),
            dialog.professional.currentText(),
        )
    }
    QTest.keyClicks(dialog.client_search, "Joana")  # typed while the lists are read
    bot.waitUntil(lambda: dialog.professional.isEnabled(), timeout=5000)
    bot.waitUntil(lambda: dialog.verdict.text() not in (LOADING, "Checking…"), timeout=5000)
    bot.waitUntil(lambda: dialog.book_button.isEnabled(), timeout=5000)
    seen["filled"] = (
        dialog.time_edit.time().toString("HH:mm"),
        dialog.duration.value(),
        dialog.professional.currentText(),
        items(dialog.professional),
        items(dialog.service),
        items(dialog.room),
        dialog.verdict.text(),
        dialog.client_search.text(),
    )
    return seen


def test_a_click_in_the_calendar_opens_the_booking_dialog_without_waiting(
    clinic: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = desk_window(clinic, qtbot)
    seen: list[dict[str, object]] = []
    answer_with(monkeypatch, BookingDialog, lambda d: seen.append(booking_dialog_opened(d)))
    viewport = window.day_view.canvas.viewport()
    gui = threading.get_ident()
    with statements_sent(clinic) as sent:
        slot = point(window.day_view, 1, 9 * 60 + 5)  # Tom Becker, 09:00
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, slot)
        assert seen, "no booking dialog opened"
    assert sent and gui not in sent  # the lists and the check were read on the worker
    assert seen[0]["opening"] == (LOADING, False, False, LOADING)
    assert seen[0]["filled"] == (
        "09:00",
        90,  # the free gap there, up to the clinic's default length
        "Tom Becker",
        ["Unassigned", "Dr Ana Silva", "Tom Becker"],
        ["", "Consultation (30 min)"],
        ["Any free one the service needs", "Room 1 (Room)"],
        "Free",
        "Joana",  # every key typed while it was loading
    )


def test_book_opens_its_dialog_without_waiting(
    clinic: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = desk_window(clinic, qtbot)
    seen: list[dict[str, object]] = []
    answer_with(monkeypatch, BookingDialog, lambda d: seen.append(booking_dialog_opened(d)))
    gui = threading.get_ident()
    with statements_sent(clinic) as sent:
        QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        assert seen, "no booking dialog opened"
    assert sent and gui not in sent
    assert seen[0]["opening"] == (LOADING, False, False, LOADING)
    time, minutes, professional, *_lists, client = seen[0]["filled"]  # type: ignore[misc]
    assert (time, professional, client) == ("08:00", "Unassigned", "Joana")  # opening time
    assert minutes == clinic.directory.organization().default_duration_minutes


def details_opened(dialog: DetailsDialog) -> dict[str, object]:
    bot = _BOT[-1]
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    (repeats,) = [w for w in dialog.findChildren(QLabel) if w.accessibleName() == "Repeats"]
    (dates,) = [w for w in dialog.findChildren(QListWidget) if w.accessibleName().startswith("D")]
    seen: dict[str, object] = {
        "opening": (
            save.isEnabled(),
            dialog.professional.isEnabled(),
            dialog.professional.currentText(),
            repeats.text(),
        )
    }
    dialog.title.setText("Knee check")  # typed while the lists are read
    bot.waitUntil(lambda: dialog.professional.isEnabled(), timeout=5000)
    seen["filled"] = (
        save.isEnabled(),
        dialog.professional.currentText(),
        items(dialog.professional),
        items(dialog.service),
        dialog.title.text(),
        dates.count(),
    )
    return seen


def test_details_open_without_waiting(
    clinic: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    (silva, _becker) = (p.id for p in clinic.directory.professionals())
    report = clinic.services.series.report(
        clinic.admin,
        SeriesRequest(
            rule="FREQ=WEEKLY;COUNT=3",
            first_start=clinic.at(2, 16),
            client_id=None,
            professional_id=silva,
            service_id=None,
            minutes=30,
        ),
    )
    clinic.services.series.book(clinic.admin, report)
    appt = by_hour(clinic, 16)
    window = desk_window(clinic, qtbot)
    seen: list[dict[str, object]] = []
    answer_with(monkeypatch, DetailsDialog, lambda d: seen.append(details_opened(d)))
    window.day_view.select(appt.id, notify=True)
    gui = threading.get_ident()
    with statements_sent(clinic) as sent:
        window.edit_action.trigger()
        assert seen, "no details dialog opened"
    assert sent and gui not in sent
    assert seen[0]["opening"] == (False, False, "Dr Ana Silva", LOADING)
    assert seen[0]["filled"] == (
        True,
        "Dr Ana Silva",
        ["Unassigned", "Dr Ana Silva", "Tom Becker"],
        ["No service", "Consultation"],
        "Knee check",
        3,
    )


def find_time_opened(dialog: FindTimeDialog, typed: str = "Jo") -> dict[str, object]:
    """What Find a time shows as it opens, what the desk chooses meanwhile (``typed``
    in the client's field, Monday unticked), and what it shows once its lists are in
    and the free times found."""
    bot = _BOT[-1]
    seen: dict[str, object] = {
        "opening": (
            dialog.message.text(),
            dialog.service.isEnabled(),
            dialog.service.currentText(),
            dialog.professionals.isEnabled(),
            [dialog.professionals.item(i).text() for i in range(dialog.professionals.count())],
            dialog.book_button.isEnabled(),
        )
    }
    QTest.keyClicks(dialog.client_search, typed)  # typed while the lists are read
    dialog.weekdays[0].setChecked(False)  # not on Mondays
    bot.waitUntil(lambda: dialog.professionals.isEnabled(), timeout=5000)
    bot.waitUntil(lambda: not dialog.searching and dialog.times.count() > 0, timeout=5000)
    bot.waitUntil(lambda: dialog.client_list.count() > 1, timeout=5000)  # Joana found
    professionals = [dialog.professionals.item(i) for i in range(dialog.professionals.count())]
    seen["filled"] = (
        dialog.service.isEnabled(),
        dialog.service.currentText(),
        items(dialog.service),
        [item.text() for item in professionals],
        [item.text() for item in professionals if item.checkState() == Qt.CheckState.Checked],
        dialog.duration.value(),
        dialog.duration.singleStep(),
        dialog.client_search.text(),
        dialog.picker.choice(),
        dialog.weekdays[0].isChecked(),
        dialog.times.item(0).text(),
        dialog.book_button.isEnabled(),
    )
    return seen


FIND_TIME_OPENING = (LOADING, False, LOADING, False, [LOADING], False)


def test_find_a_time_opens_without_waiting(
    clinic: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = desk_window(clinic, qtbot)
    org = clinic.directory.organization()
    seen: list[dict[str, object]] = []
    answer_with(monkeypatch, FindTimeDialog, lambda d: seen.append(find_time_opened(d)))
    gui = threading.get_ident()
    with statements_sent(clinic) as sent:
        QTest.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
        assert seen, "no Find a time dialog opened"
    assert sent and gui not in sent  # the lists and the free times were read on the worker
    assert seen[0]["opening"] == FIND_TIME_OPENING
    assert seen[0]["filled"] == (
        True,
        "No service",
        ["No service", "Consultation (30 min)"],
        ["Dr Ana Silva", "Tom Becker"],
        [],  # anyone
        org.default_duration_minutes,
        org.slot_minutes,
        "Jo",  # every key typed while it was loading
        (True, clinic.directory.find_clients("Joana")[0].id),  # the one client found
        False,  # and Monday left unticked
        "Tue 3 Mar  08:00-09:30  Dr Ana Silva",
        True,  # Enter books it
    )


def test_a_follow_up_opens_find_a_time_without_waiting(
    clinic: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its service, professional, length and client are chosen once the lists are in."""
    (consultation,) = clinic.directory.services()
    becker = clinic.directory.professionals()[1]
    joana = clinic.directory.find_clients("Joana Costa")[0].id
    at_four = clinic.booking.book(  # 50 minutes, longer than the service's 30
        clinic.admin,
        BookingRequest(
            start=clinic.at(2, 16),
            end=clinic.at(2, 16, 50),
            professional_id=becker.id,
            client_id=joana,
            service_id=consultation.id,
        ),
    )
    window = desk_window(clinic, qtbot)
    menu = appointment_menu(window, at_four)  # the appointment's right-click menu
    seen: list[dict[str, object]] = []
    answer_with(monkeypatch, FindTimeDialog, lambda d: seen.append(find_time_opened(d, "")))
    gui = threading.get_ident()
    with statements_sent(clinic) as sent:
        _action(menu, "Book follow-up", "In 1 week").trigger()
        assert seen, "no Find a time dialog opened"
    assert sent and gui not in sent
    assert seen[0]["opening"] == FIND_TIME_OPENING
    assert seen[0]["filled"] == (
        True,
        "Consultation (30 min)",
        ["No service", "Consultation (30 min)"],
        ["Dr Ana Silva", "Tom Becker"],
        ["Tom Becker"],
        50,  # the appointment's length, not the service's
        clinic.directory.organization().slot_minutes,
        "Joana Costa",
        (True, joana),
        False,
        "Tue 10 Mar  08:00-08:50  Tom Becker",  # a week on, Monday unticked
        True,
    )


def test_the_booking_dialogs_find_a_time_opens_without_waiting(
    clinic: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Book (Ctrl+N), the client typed, then Find a time: it starts from the booking."""
    window = desk_window(clinic, qtbot)

    def find_a_time(booking: BookingDialog) -> None:
        QTest.keyClicks(booking.client_search, "Joana")
        qtbot.waitUntil(lambda: booking.find_button.isEnabled(), timeout=5000)
        qtbot.waitUntil(lambda: booking.picker.choice()[0], timeout=5000)
        booking.find_button.click()

    answer_with(monkeypatch, BookingDialog, find_a_time)
    seen: list[dict[str, object]] = []
    answer_with(monkeypatch, FindTimeDialog, lambda d: seen.append(find_time_opened(d, "")))
    gui = threading.get_ident()
    with statements_sent(clinic) as sent:
        QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        assert seen, "no Find a time dialog opened"
    assert sent and gui not in sent
    assert seen[0]["opening"] == FIND_TIME_OPENING
    joana = clinic.directory.find_clients("Joana")[0].id
    filled = seen[0]["filled"]
    assert isinstance(filled, tuple)
    assert filled[7:9] == ("Joana", (True, joana))  # as typed in the booking, chosen


@pytest.fixture
def pg_desk(postgres_database: Database) -> Clinic:
    return _small_day(postgres_database)


def test_with_the_server_cut_the_dialog_says_so_and_fills_in_when_it_is_back(
    pg_desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("scheduler_app.ui.dialog_lists.RETRY_MS", 300)
    with desk_through_proxy(pg_desk) as (services, proxy):
        window = MainWindow(services)
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: not window.loading, timeout=5000)
        proxy.cut()
        dialog = BookingDialog(services, pg_desk.at(2, 0).date(), window)
        qtbot.addWidget(dialog)
        dialog.preset(pg_desk.at(2, 9), pg_desk.at(2, 9, 45), None)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.verdict.text() == UNREACHABLE, timeout=10_000)
        assert QApplication.activeModalWidget() is None  # no box, nothing raised
        assert not dialog.book_button.isEnabled() and not dialog.professional.isEnabled()
        QTest.keyClicks(dialog.client_search, "Joana")
        assert dialog.client_search.text() == "Joana"
        proxy.mend()
        qtbot.waitUntil(lambda: dialog.professional.isEnabled(), timeout=10_000)
        assert items(dialog.professional) == ["Unassigned", "Dr Ana Silva", "Tom Becker"]
        qtbot.waitUntil(lambda: dialog.verdict.text() == "Free", timeout=5000)
        assert dialog.time_edit.time().toString("HH:mm") == "09:00"  # as preset
        assert dialog.duration.value() == 45
        dialog.done(QDialog.DialogCode.Rejected)
        window.close()


def test_with_the_server_cut_find_a_time_says_so_and_searches_when_it_is_back(
    pg_desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("scheduler_app.ui.dialog_lists.RETRY_MS", 300)
    with desk_through_proxy(pg_desk) as (services, proxy):
        window = MainWindow(services)
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: not window.loading, timeout=5000)
        proxy.cut()
        dialog = FindTimeDialog(services, pg_desk.at(2, 0).date(), window)
        qtbot.addWidget(dialog)
        dialog.show()
        said = (UNREACHABLE, NO_CLIENTS)
        qtbot.waitUntil(lambda: dialog.message.text() in said, timeout=10_000)
        assert QApplication.activeModalWidget() is None  # no box, nothing raised
        assert not dialog.professionals.isEnabled() and not dialog.book_button.isEnabled()
        dialog.part.setCurrentIndex(2)  # the afternoon, chosen meanwhile
        qtbot.waitUntil(lambda: not dialog._settle.isActive(), timeout=5000)
        assert dialog.message.text() in said and dialog.times.count() == 0  # nothing searched
        proxy.mend()
        qtbot.waitUntil(lambda: dialog.professionals.isEnabled(), timeout=10_000)
        assert dialog.professionals.item(0).text() == "Dr Ana Silva"
        qtbot.waitUntil(lambda: not dialog.searching and dialog.times.count() > 0, timeout=10_000)
        assert dialog.times.item(0).text() == "Mon 2 Mar  12:00-13:30  Dr Ana Silva"
        dialog.done(QDialog.DialogCode.Rejected)
        window.close()


def test_the_dialog_offers_what_the_clinic_has_now(
    desk: Clinic, window: MainWindow, qtbot: QtBot
) -> None:
    """Each dialog reads the lists afresh: a professional added since is offered."""
    desk.professionals("Dr New")
    dialog = BookingDialog(window.services, window.day, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.professional.isEnabled(), timeout=5000)
    assert "Dr New" in items(dialog.professional)
    assert dialog.duration.value() == desk.directory.organization().default_duration_minutes
    assert timedelta(minutes=dialog.duration.singleStep()) == timedelta(
        minutes=desk.directory.organization().slot_minutes
    )


def test_what_is_preset_before_the_lists_come_is_chosen_when_they_do(
    clinic: Clinic, qtbot: QtBot
) -> None:
    """A room's column and a professional's, clicked before the lists are in."""
    (room,) = clinic.services.resources.resources()
    becker = clinic.directory.professionals()[1]
    dialog = BookingDialog(clinic.services, clinic.at(2, 0).date())
    qtbot.addWidget(dialog)
    dialog.preset(clinic.at(2, 16), None, becker.id, 20)
    dialog.preset_room(room.id)
    assert dialog.lists is None  # (the answer is on its way)
    qtbot.waitUntil(lambda: dialog.lists is not None, timeout=5000)
    assert (dialog.professional.currentText(), dialog.room.currentData()) == (becker.name, room.id)
    assert dialog.duration.value() == 20  # the free gap, shorter than the default
    assert dialog.time_edit.time().toString("HH:mm") == "16:00"


def test_file_export_reads_and_exports_off_the_gui_thread(
    clinic: Clinic, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File > Export to iCalendar: the professionals and rooms offered, and the
    calendar itself, are read on a worker; the file is written once it is in."""
    from PySide6.QtWidgets import QFileDialog

    from scheduler_app.ui.export_dialog import ExportDialog

    window = desk_window(clinic, qtbot)
    path = tmp_path / "room.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    gui = threading.get_ident()
    used: list[ExportDialog] = []

    def drive(dialog: ExportDialog) -> int:
        used.append(dialog)
        qtbot.waitUntil(lambda: dialog.professional.findText("Room 1") >= 0)
        dialog.professional.setCurrentIndex(dialog.professional.findText("Room 1"))
        dialog.save_button.click()
        return 0

    monkeypatch.setattr(ExportDialog, "exec", drive)
    with statements_sent(clinic) as threads:
        window.export_action.trigger()
        qtbot.waitUntil(lambda: used[0].saved == path)
    assert threads and gui not in threads
    assert used[0].outcome.text() == f"0 appointments saved in {path}."
    assert b"BEGIN:VCALENDAR" in path.read_bytes()


def test_the_professionals_are_read_again_off_the_gui_thread(clinic: Clinic, qtbot: QtBot) -> None:
    """After the clinic's dialogs (a professional added), the window reads the
    professionals and services on a worker; the new column follows."""
    window = desk_window(clinic, qtbot)
    clinic.directory.add_professional(clinic.admin, "Dr Nova")
    gui = threading.get_ident()
    with statements_sent(clinic) as threads:
        window.reload_professionals()
        qtbot.waitUntil(
            lambda: "Dr Nova" in [p.name for p in window.professional_model.professionals()]
        )
    assert threads and gui not in threads
