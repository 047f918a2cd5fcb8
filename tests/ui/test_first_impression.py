"""What a new user sees first: a big window, a day with work, a demo with everything."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from scheduler_app.db.engine import Database
from scheduler_app.domain.notifications import Channel, NotificationStatus
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.bundle import build_services
from scheduler_app.services.demo import load_demo_clinic
from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic, Clock

S = AppointmentStatus


def test_the_first_start_fills_most_of_the_screen(
    desk: Clinic, qtbot: QtBot, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    window = MainWindow(desk.services, settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    area = window.screen().availableGeometry()
    assert 0.85 * area.width() <= window.width() <= area.width()
    assert 0.85 * area.height() <= window.height() <= area.height()
    assert area.contains(window.frameGeometry().center())


def test_a_closed_day_opens_on_the_next_day_with_appointments(desk: Clinic, qtbot: QtBot) -> None:
    desk.clock.now = desk.at(1, 20)  # Sunday evening; the fixture's bookings are on Monday
    window = MainWindow(desk.services)
    qtbot.addWidget(window)
    assert window.day == desk.at(2, 0).date() and window.model.rowCount() == 3
    assert "Monday" in window.summary.text()


def test_a_weekend_with_appointments_opens_on_today(desk: Clinic, qtbot: QtBot) -> None:
    desk.clock.now = desk.at(28, 9, month=2)  # Saturday morning
    desk.services.working_time.set_opening_hours(  # open on Saturdays too
        desk.admin, {day: [(time(8), time(19))] for day in range(6)}
    )
    desk.booking.book(desk.admin, BookingRequest(start=desk.at(28, 11, month=2)))
    window = MainWindow(desk.services)
    qtbot.addWidget(window)
    assert window.day == desk.at(28, 0, month=2).date()


def test_the_demo_made_on_a_sunday_evening_shows_every_status_and_sends_nothing(
    sqlite_database: Database, qtbot: QtBot
) -> None:
    made = datetime.fromisoformat("2026-11-29T20:30:00+00:00")  # a Sunday, after closing
    load_demo_clinic(sqlite_database, now=made)
    services = build_services(sqlite_database, clock=Clock(made))
    assert services.staff.sign_in_single_user() is not None  # the demo opens with no sign-in
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    assert window.day == made.date()  # the weekend's morning on duty
    assert any(a.status == S.CHECKED_IN for a in window.model.rows())
    shown: set[str] = set()
    window.tabs.setCurrentWidget(window.week_view)
    for day in (made.date() - timedelta(days=3), made.date() + timedelta(days=3)):
        window.show_day(day)  # this week (the past) and the next one (to come)
        qtbot.waitUntil(lambda: not window.loading, timeout=5000)
        window.tabs.setCurrentWidget(window.table)  # the list of the week shown
        model = window.model
        shown |= {model.data(model.index(r, 4)) for r in range(model.rowCount())}
        window.tabs.setCurrentWidget(window.week_view)
    assert {"Pending", "Confirmed", "Completed", "No-show", "Cancelled"} <= shown
    window.show_notifications(None)
    rows = window.notifications.model.rows()
    waiting = [n for n in rows if n.status is NotificationStatus.PENDING]
    assert rows and all(n.channel is Channel.IN_APP for n in waiting)
    addresses = {n.recipient for n in rows if n.channel is Channel.EMAIL}
    assert addresses and all(a.endswith("@example.invalid") for a in addresses)
