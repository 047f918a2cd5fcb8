"""Clinic > Integrations through the window, against a real CalDAV server (Radicale):
add a calendar, test the connection, sync now; a wrong password is said in words;
the desk's reminder worker syncs due calendars by itself."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from scheduler_app.services.delivery import DeliveryService
from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui.integrations_dialog import IntegrationEditor, IntegrationsDialog
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.workers.reminder_worker import ReminderWorker
from scheduler_app.workers.thread import WorkerThread
from tests.conftest import Clinic
from tests.db.caldav_server import PASSWORD, USER, CalDavServer
from tests.memory_keyring import MemoryKeyring


def _booked(clinic: Clinic) -> int:
    (silva,) = clinic.professionals("Dr Silva")
    clinic.booking.book(
        clinic.admin,
        BookingRequest(
            start=clinic.at(3, 10),
            end=clinic.at(3, 11),
            professional_id=silva,
            client_id=clinic.client("Joana Costa"),
        ),
    )
    return silva


def _loaded(dialog: IntegrationsDialog, qtbot: QtBot, times: int) -> None:
    """Wait until the list was read and shown ``times`` times since the dialog opened."""
    qtbot.waitUntil(lambda: dialog.loads >= times, timeout=10_000)


def test_add_a_calendar_test_it_and_sync_now(
    sqlite_clinic: Clinic,
    caldav_server: CalDavServer,
    memory_keyring: MemoryKeyring,
    qtbot: QtBot,
) -> None:
    clinic = sqlite_clinic
    _booked(clinic)
    url = caldav_server.make_calendar("Silva")
    dialog = IntegrationsDialog(clinic.services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    _loaded(dialog, qtbot, 1)
    assert dialog.table.rowCount() == 0 and not dialog.sync_button.isEnabled()
    said: dict[str, str] = {}

    def fill_in_the_editor() -> None:
        editor = QApplication.activeModalWidget()
        assert isinstance(editor, IntegrationEditor)
        editor.provider.setText("Radicale")
        editor.url.setText(url)
        editor.user.setText(USER)
        editor.password.setText("wrong")
        editor.test_button.click()
        qtbot.waitUntil(lambda: editor.test_button.isEnabled(), timeout=15_000)
        said["wrong"] = editor.outcome.text()
        editor.password.setText(PASSWORD)
        editor.test_button.click()
        qtbot.waitUntil(lambda: editor.test_button.isEnabled(), timeout=15_000)
        said["right"] = editor.outcome.text()
        editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, fill_in_the_editor)
    dialog.add_button.click()
    assert said["wrong"] == (
        f"The calendar server 127.0.0.1:{caldav_server.port} refused the user name or "
        "password. Check them in Clinic > Integrations."
    )
    assert said["right"] == "Connected: the calendar “Silva” was found."
    assert memory_keyring.kept == {("scheduler-app", f"caldav:{USER}@127.0.0.1"): PASSWORD}
    _loaded(dialog, qtbot, 2)
    assert dialog.table.rowCount() == 1
    row = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert row == [
        "CalDAV",
        "Radicale",
        "Dr Silva",
        url,
        USER,
        "15 min",
        "Not synced yet",
        "Never",
        "0",
    ]

    dialog.sync_button.click()
    assert dialog.outcome.text() == "Syncing Dr Silva's calendar..."
    qtbot.waitUntil(lambda: dialog.outcome.text().startswith("Synced"), timeout=20_000)
    assert dialog.outcome.text().startswith("Synced: 1 appointment sent, 0 updated, 0 removed")
    _loaded(dialog, qtbot, 3)
    assert dialog.table.item(0, 6).text() == "In step"
    assert dialog.table.item(0, 7).text() != "Never"
    assert dialog.details.text().startswith("Synced: 1 appointment sent")
    (event,) = caldav_server.events(url).values()
    assert "SUMMARY:Busy" in event.to_ical().decode()


def test_a_failing_calendar_says_why_in_the_list(
    sqlite_clinic: Clinic,
    caldav_server: CalDavServer,
    memory_keyring: MemoryKeyring,
    qtbot: QtBot,
) -> None:
    clinic = sqlite_clinic
    silva = _booked(clinic)
    url = caldav_server.make_calendar("Silva")
    from scheduler_app.services.caldav_client import store_calendar_password
    from scheduler_app.services.calendar_dto import IntegrationSettings

    store_calendar_password(USER, url, "wrong")
    clinic.services.calendars.save_integration(
        clinic.admin, None, IntegrationSettings(silva, url, USER, "Radicale")
    )
    dialog = IntegrationsDialog(clinic.services)
    qtbot.addWidget(dialog)
    _loaded(dialog, qtbot, 1)
    dialog.table.selectRow(0)
    dialog.sync_button.click()
    qtbot.waitUntil(
        lambda: "refused" in dialog.outcome.text() + dialog.message.text(), timeout=20_000
    )
    assert dialog.message.text() == ""
    assert dialog.outcome.text().endswith("Failed once; next try at 07:01.")
    _loaded(dialog, qtbot, 2)
    assert [dialog.table.item(0, c).text() for c in (6, 8)] == ["Failed", "1"]
    assert "Traceback" not in dialog.details.text() and "refused" in dialog.details.text()


def test_the_desks_worker_syncs_due_calendars(
    sqlite_clinic: Clinic,
    caldav_server: CalDavServer,
    memory_keyring: MemoryKeyring,
    qtbot: QtBot,
) -> None:
    """The reminder worker, as `ui.application` builds it, syncs a due calendar."""
    clinic = sqlite_clinic
    silva = _booked(clinic)
    url = caldav_server.make_calendar("Silva")
    from scheduler_app.services.caldav_client import store_calendar_password
    from scheduler_app.services.calendar_dto import IntegrationSettings

    store_calendar_password(USER, url, PASSWORD)
    clinic.services.calendars.save_integration(
        clinic.admin, None, IntegrationSettings(silva, url, USER, "Radicale")
    )
    services = clinic.services
    worker = ReminderWorker(
        DeliveryService(services.context),
        lambda: None,
        name="desk-1",
        interval_ms=100,
        calendars=lambda: services.calendars.sync_due(services.actor_id, "desk-1"),
    )
    thread = WorkerThread(worker, "reminders")
    thread.start()
    try:
        qtbot.waitUntil(lambda: services.calendars.integrations()[0].status == "ok", timeout=20_000)
    finally:
        assert thread.stop(timeout_ms=20_000)
    (view,) = services.calendars.integrations()
    assert view.next_sync_at == clinic.clock.now + timedelta(minutes=15)
    assert len(caldav_server.events(url)) == 1


def test_busy_time_from_a_calendar_is_listed_in_working_time(
    sqlite_clinic: Clinic,
    caldav_server: CalDavServer,
    memory_keyring: MemoryKeyring,
    qtbot: QtBot,
) -> None:
    """Clinic > Working time lists the busy time read from a calendar, by its kind."""
    from scheduler_app.services.caldav_client import store_calendar_password
    from scheduler_app.services.calendar_dto import IntegrationSettings
    from scheduler_app.ui.working_time_dialog import WorkingTimeDialog
    from tests.db.caldav_server import event_ics

    clinic = sqlite_clinic
    silva = _booked(clinic)
    url = caldav_server.make_calendar("Silva")
    caldav_server.add(
        url, event_ics("dentist@phone", clinic.at(3, 14), clinic.at(3, 15), "Dentist")
    )
    store_calendar_password(USER, url, PASSWORD)
    saved = clinic.services.calendars.save_integration(
        clinic.admin, None, IntegrationSettings(silva, url, USER, "Nextcloud")
    )
    clinic.services.calendars.sync_now(clinic.admin, saved.id, "desk-1")
    dialog = WorkingTimeDialog(clinic.services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.working and dialog.who.count() > 0, timeout=10_000)
    off = dialog.time_off
    dialog.tabs.setCurrentWidget(off)
    qtbot.waitUntil(lambda: off.list.topLevelItemCount() == 1, timeout=10_000)
    row = off.list.topLevelItem(0)
    assert row is not None
    assert [row.text(c) for c in range(4)] == [
        "Dr Silva",
        "Busy in their calendar",
        "Tue 3 Mar 2026 14:00-15:00",
        "Nextcloud",
    ]


def test_the_booking_dialog_says_the_professional_is_busy_in_their_calendar(
    window: MainWindow,
    desk: Clinic,
    caldav_server: CalDavServer,
    memory_keyring: MemoryKeyring,
    qtbot: QtBot,
) -> None:
    """Booking Dr Ana Silva when her own calendar says she is busy is refused in the
    booking dialog, naming her calendar."""
    from scheduler_app.services.caldav_client import store_calendar_password
    from scheduler_app.services.calendar_dto import IntegrationSettings
    from tests.db.caldav_server import event_ics
    from tests.ui.test_booking_anyway import open_dialog

    ana = next(p.id for p in desk.directory.professionals() if p.name == "Dr Ana Silva")
    url = caldav_server.make_calendar("Ana")
    caldav_server.add(url, event_ics("school@phone", desk.at(2, 15), desk.at(2, 16), "School"))
    store_calendar_password(USER, url, PASSWORD)
    saved = desk.services.calendars.save_integration(
        desk.admin, None, IntegrationSettings(ana, url, USER, "Nextcloud")
    )
    assert desk.services.calendars.sync_now(desk.admin, saved.id, "desk-1").status == "ok"
    window.refresh()
    dialog = open_dialog(window, qtbot, 15, "Dr Ana Silva")
    qtbot.waitUntil(lambda: "calendar" in dialog.verdict.text(), timeout=10_000)
    assert dialog.verdict.text() == (
        "Dr Ana Silva is busy in their calendar (Nextcloud) until Mon 02 Mar 16:00."
        " Choose another time or professional."
    )
    assert not dialog.book_button.isEnabled()
