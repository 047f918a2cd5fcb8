"""Every desk hears of every other desk's changes, within a second, on both databases."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from scheduler_app.services.dto import BookingRequest
from scheduler_app.workers.change_listener import change_listener
from scheduler_app.workers.thread import WorkerThread
from tests.conftest import Clinic
from tests.db.test_reconnect import _terminate_backends


def _url(clinic: Clinic) -> str:
    return clinic.services.database.engine.url.render_as_string(hide_password=False)


@pytest.fixture
def heard(clinic: Clinic, qtbot: QtBot):
    """A running listener; yields the (time, days) it reported and its status changes."""
    yield from _listening(clinic, qtbot)


@pytest.fixture
def pg_heard(pg_clinic: Clinic, qtbot: QtBot):
    """`heard`, on the server only."""
    yield from _listening(pg_clinic, qtbot)


def _listening(clinic: Clinic, qtbot: QtBot):
    listener = change_listener(_url(clinic), clinic.services.context.organization_id, 50)
    changes: list[tuple[float, frozenset[date] | None]] = []
    status: list[bool] = []
    listener.schedule_changed.connect(lambda days: changes.append((time.time(), days)))
    listener.database_status.connect(lambda ok, _message: status.append(ok))
    watching: list[bool] = []
    listener.watching.connect(lambda: watching.append(True))
    thread = WorkerThread(listener, "listener")
    thread.start()
    qtbot.waitUntil(lambda: bool(watching), timeout=5000)  # every later change is heard
    changes.clear()
    try:
        yield changes, status
    finally:
        assert thread.stop()


def test_a_booking_in_another_process_is_heard_within_a_second(
    clinic: Clinic, heard, qtbot: QtBot
) -> None:
    changes, _status = heard
    (prof,) = clinic.professionals("Dr Silva")
    changes.clear()
    child = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.db.change_desk",
            _url(clinic),
            str(clinic.services.context.organization_id),
            str(clinic.admin),
            str(prof),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    committed = float(child.stdout.strip().splitlines()[-1])
    qtbot.waitUntil(lambda: bool(changes), timeout=3000)
    received, days = changes[0]
    assert received - committed < 1.0
    if clinic.services.database.is_sqlite:
        assert days is None  # the file changed; which days, SQLite cannot say
    else:
        assert days == frozenset({date(2026, 3, 5)})


def test_a_move_names_the_day_left_and_the_day_reached(
    pg_clinic: Clinic, pg_heard, qtbot: QtBot
) -> None:
    clinic = pg_clinic
    changes, _status = pg_heard
    (prof,) = clinic.professionals("Dr Silva")
    appt = clinic.booking.book(
        clinic.admin, BookingRequest(start=clinic.at(3, 10), professional_id=prof)
    )
    qtbot.waitUntil(lambda: bool(changes), timeout=2000)
    changes.clear()
    clinic.booking.move(clinic.admin, appt.id, appt.version, clinic.at(9, 10))
    qtbot.waitUntil(lambda: bool(changes), timeout=2000)
    assert changes[0][1] == frozenset({date(2026, 3, 3), date(2026, 3, 9)})
    # A refused change is never announced: the next announcement heard is the next
    # committed change's (the server delivers them in commit order).
    changes.clear()
    with pytest.raises(Exception, match="passed"):
        clinic.booking.move(clinic.admin, appt.id, appt.version + 1, clinic.at(1, 10))
    clinic.booking.move(clinic.admin, appt.id, appt.version + 1, clinic.at(12, 10))
    qtbot.waitUntil(lambda: bool(changes), timeout=2000)
    assert changes[0][1] == frozenset({date(2026, 3, 9), date(2026, 3, 12)})


def test_a_lost_server_connection_is_reported_and_followed_again(
    pg_clinic: Clinic, pg_heard, qtbot: QtBot
) -> None:
    clinic = pg_clinic
    changes, status = pg_heard
    name = clinic.services.database.engine.url.database
    assert name is not None
    _terminate_backends(name)
    qtbot.waitUntil(lambda: status[-2:] == [False, True], timeout=5000)
    assert None in [days for _t, days in changes]  # unknown what was missed: reload all
    clinic.professionals("Dr Silva")
    changes.clear()
    (prof,) = [p.id for p in clinic.directory.professionals()]
    clinic.booking.book(clinic.admin, BookingRequest(start=clinic.at(4, 10), professional_id=prof))
    qtbot.waitUntil(lambda: bool(changes), timeout=2000)
    assert changes[-1][1] == frozenset({date(2026, 3, 4)})


def test_a_server_that_does_not_answer_is_reported(qtbot: QtBot) -> None:
    listener = change_listener("postgresql+psycopg://desk@127.0.0.1:1/clinic", 1, 50)
    status: list[tuple[bool, str]] = []
    listener.database_status.connect(lambda ok, message: status.append((ok, message)))
    thread = WorkerThread(listener, "listener")
    thread.start()
    try:
        qtbot.waitUntil(lambda: bool(status), timeout=5000)
    finally:
        assert thread.stop()
    assert status[0][0] is False and "127.0.0.1" in status[0][1]
