"""The booking and details dialogs' "free / busy" line is decided on the worker as the
desk changes the time, the length or the professional with the keys: the line says
"Checking…" at once, then the server's verdict; no statement is sent from the GUI
thread; and of answers racing, only the latest question's is shown. (On the
PostgreSQL server, through a TCP proxy adding network delay.)"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import Qt, QThreadPool, QTime
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from scheduler_app.db.engine import Database
from scheduler_app.services.bundle import Services
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.details_dialog import DetailsDialog
from tests.conftest import Clinic
from tests.ui.conftest import _small_day
from tests.ui.grid_driver import by_hour
from tests.ui.test_no_wait import statements_sent
from tests.ui.through_proxy import desk_through_proxy

UP, DOWN = Qt.Key.Key_Up, Qt.Key.Key_Down


@pytest.fixture
def checks_made_in_place() -> None:
    """Here the line is decided on the thread pool, as for real."""


@pytest.fixture
def pg_desk(postgres_database: Database) -> Clinic:
    """The window tests' Monday on the PostgreSQL server."""
    return _small_day(postgres_database)


@pytest.fixture
def services(pg_desk: Clinic) -> Iterator[Services]:
    """A desk 10 ms of round trip away from the server."""
    with desk_through_proxy(pg_desk, delay_s=0.01) as (through, _proxy):
        yield through


def said(
    services: Services, start: datetime, end: datetime, prof: int | None, key: int | None = None
) -> str:
    """What the service itself says of that time."""
    verdict = services.booking.check_availability(start, end, prof, key)
    return "Free" if verdict.ok else verdict.reason


def press(widget: QWidget, key: Qt.Key) -> None:
    widget.setFocus()
    QTest.keyClick(widget, key)


def test_the_booking_dialog_checks_on_the_worker_as_keys_change_it(
    pg_desk: Clinic, services: Services, qtbot: QtBot
) -> None:
    silva, becker = (p.id for p in services.directory.professionals())
    dialog = BookingDialog(services, pg_desk.at(2, 0).date())
    qtbot.addWidget(dialog)
    dialog.preset(pg_desk.at(2, 9), pg_desk.at(2, 9, 45), silva)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.verdict.text() == "Free", timeout=5000)
    gui = threading.get_ident()
    with statements_sent(services) as sent:
        press(dialog.time_edit, UP)  # 10:00, Dr Silva's
        assert dialog.verdict.text() == "Checking…"  # at once: the answer is on its way
        assert dialog.time_edit.time().hour() == 10
        qtbot.waitUntil(lambda: dialog.verdict.text() != "Checking…", timeout=5000)
        busy = dialog.verdict.text()
        press(dialog.time_edit, UP)  # 11:00: free for her
        qtbot.waitUntil(lambda: dialog.verdict.text() == "Free", timeout=5000)
        assert dialog.book_button.isEnabled() is False  # (no client chosen yet)
        press(dialog.professional, DOWN)  # Tom Becker, who has 11:00
        qtbot.waitUntil(lambda: dialog.verdict.text() not in ("Checking…", "Free"), timeout=5000)
        becker_busy = dialog.verdict.text()
        press(dialog.duration, DOWN)  # shorter: still his
        qtbot.waitUntil(lambda: not dialog.live.waiting, timeout=5000)
        shorter = dialog.verdict.text()
    assert sent and gui not in sent  # every check ran on the worker
    assert busy == said(services, pg_desk.at(2, 10), pg_desk.at(2, 10, 45), silva)
    assert "Dr Ana Silva" in busy
    assert becker_busy == said(services, pg_desk.at(2, 11), pg_desk.at(2, 11, 45), becker)
    assert "Tom Becker" in becker_busy
    minutes = dialog.duration.value()
    assert minutes < 45
    end = pg_desk.at(2, 11, minutes)
    assert shorter == said(services, pg_desk.at(2, 11), end, becker)
    dialog.close()


def test_only_the_latest_question_is_answered(
    pg_desk: Clinic, services: Services, qtbot: QtBot
) -> None:
    silva = next(p.id for p in services.directory.professionals())
    dialog = BookingDialog(services, pg_desk.at(2, 0).date())
    qtbot.addWidget(dialog)
    dialog.preset(pg_desk.at(2, 9), pg_desk.at(2, 9, 45), silva)
    assert QThreadPool.globalInstance().waitForDone(5000)
    QApplication.processEvents()
    answers: list[object] = []
    dialog.live.answered.connect(answers.append)
    for hour in (10, 12, 10):  # sent at once, the answers racing
        dialog.time_edit.setTime(QTime(hour, 0))
    assert QThreadPool.globalInstance().waitForDone(5000)
    qtbot.waitUntil(lambda: len(answers) == 1, timeout=5000)
    QApplication.processEvents()  # every answer has arrived: the older ones were dropped
    assert len(answers) == 1
    assert dialog.verdict.text() == said(services, pg_desk.at(2, 10), pg_desk.at(2, 10, 45), silva)
    dialog.close()


def test_the_details_dialog_checks_on_the_worker_too(
    pg_desk: Clinic, services: Services, qtbot: QtBot
) -> None:
    appt = by_hour(pg_desk, 10)  # Dr Silva 10:00-10:45
    dialog = DetailsDialog(appt, services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    gui = threading.get_ident()
    with statements_sent(services) as sent:
        press(dialog.professional, DOWN)  # Tom Becker at 10:00: free
        assert dialog.verdict.text() == "Checking…"
        qtbot.waitUntil(lambda: dialog.verdict.text() == "Free", timeout=5000)
        press(dialog.time, UP)  # 11:00: his
        qtbot.waitUntil(lambda: dialog.verdict.text() not in ("Checking…", "Free"), timeout=5000)
        busy = dialog.verdict.text()
        press(dialog.time, DOWN)  # back to 10:00
        qtbot.waitUntil(lambda: dialog.verdict.text() == "Free", timeout=5000)
    assert sent and gui not in sent
    becker = dialog.professional.currentData()
    assert busy == said(services, pg_desk.at(2, 11), pg_desk.at(2, 11, 45), becker, appt.id)
    assert "Tom Becker" in busy
    dialog.close()
