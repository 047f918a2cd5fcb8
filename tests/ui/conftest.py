"""A small clinic day for the window tests: two professionals, three bookings."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from scheduler_app.db.engine import Database
from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic, make_clinic


def _small_day(database: Database) -> Clinic:
    """Open 08-19 on weekdays; Dr Silva at 10:00, Tom Becker at 11:00 and one without
    a professional at 14:00 on Monday 2 March 2026."""
    clinic = make_clinic(database, around_the_clock=False)
    p1, p2 = clinic.professionals("Dr Ana Silva", "Tom Becker")
    client = clinic.client("Joana Costa")
    for hour, prof in ((10, p1), (11, p2), (14, None)):
        clinic.booking.book(
            clinic.admin,
            BookingRequest(
                start=clinic.at(2, hour),
                end=clinic.at(2, hour, 45),
                professional_id=prof,
                client_id=client,
            ),
        )
    return clinic


@pytest.fixture
def desk(sqlite_database: Database) -> Clinic:
    """The clinic as a desk sees it: open 08:00-19:00."""
    return _small_day(sqlite_database)


@pytest.fixture
def staffed(database: Database) -> Clinic:
    """The same day on each database (SQLite and PostgreSQL)."""
    return _small_day(database)


@pytest.fixture
def window(desk: Clinic, qtbot: QtBot) -> MainWindow:
    """The desk's window on Monday 2 March 2026, shown at opening time."""
    w = MainWindow(desk.services)
    qtbot.addWidget(w)
    w.resize(1300, 1000)
    w.show()
    qtbot.waitExposed(w)
    w.show_day(desk.at(2, 0).date())
    w.day_view.relayout()
    w.day_view.scroll_to_opening()
    return w


@pytest.fixture(autouse=True)
def days_read_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """The window's day is read in place, so that a test can look at it right after an
    action; the tests of reading it off the GUI thread override this fixture."""
    from scheduler_app.ui import period_loader

    monkeypatch.setattr(period_loader, "start_day_job", lambda job: job.run())


@pytest.fixture(autouse=True)
def changes_saved_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """The desk's changes are saved in place, so that a test can look at the result
    right after a drop; the tests of saving off the GUI thread override this fixture."""
    from scheduler_app.ui import change_queue

    monkeypatch.setattr(change_queue, "start_change", lambda job: job.run())


@pytest.fixture(autouse=True)
def clients_found_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """Client searches run in place as each key is typed, so that a test can look at
    the list right after typing; the tests of searching off the GUI thread override
    this fixture."""
    from scheduler_app.ui import client_lookup

    monkeypatch.setattr(client_lookup, "start_search", lambda job: job.run())
    monkeypatch.setattr(client_lookup.ClientLookup, "pause_ms", 0)


@pytest.fixture(autouse=True)
def no_unexpected_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal box would hang an offscreen test: fail with its text instead.

    Tests that expect a message (or a question) replace `QMessageBox` themselves.
    """
    from PySide6.QtWidgets import QMessageBox

    def unexpected(_parent: object, title: str, text: str, *args: object) -> None:
        raise AssertionError(f"unexpected message box {title!r}: {text}")

    monkeypatch.setattr(QMessageBox, "warning", unexpected)
    monkeypatch.setattr(QMessageBox, "critical", unexpected)
    monkeypatch.setattr(QMessageBox, "question", unexpected)

    def unexpected_clash(_parent: object, title: str, text: str, *args: object) -> bool:
        raise AssertionError(f"unexpected question {title!r}: {text}")

    monkeypatch.setattr("scheduler_app.ui.clash_question.ask", unexpected_clash)


@pytest.fixture(autouse=True)
def checks_made_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """The booking and details dialogs' "free / busy" line is decided in place, so
    that a test can read it right after a change; the tests of deciding it off the
    GUI thread override this fixture."""
    from scheduler_app.ui import live_check

    monkeypatch.setattr(live_check, "start_check", lambda job: job.run())


@pytest.fixture(autouse=True)
def lists_read_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """The booking and details dialogs' lists (services, professionals, rooms) are read
    in place, so that a test can fill a dialog right after opening it; the tests of
    reading them off the GUI thread override this fixture."""
    from scheduler_app.ui import dialog_lists

    monkeypatch.setattr(dialog_lists, "start_read", lambda job: job.run())
