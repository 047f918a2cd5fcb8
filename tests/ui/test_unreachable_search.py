"""Typing a client's name while the server cannot be reached (a real TCP proxy cuts
the link), in the booking dialog and in Find client: no box pops up, every key
stays in the field, the list says the server cannot be reached, and it fills in
by itself once the link is back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.client_lookup import ClientLookup
from scheduler_app.ui.client_search import ClientSearchDialog
from scheduler_app.ui.client_window import ClientWindow
from tests.conftest import Clinic
from tests.ui.through_proxy import desk_through_proxy

UNREACHABLE = "The server cannot be reached; trying again…"


@pytest.fixture
def clients_found_in_place() -> None:
    """Here the desk searches as it does for real: on the thread pool, when typing pauses."""


def rows(dialog: BookingDialog) -> list[str]:
    return [dialog.client_list.item(r).text() for r in range(dialog.client_list.count())]


def test_typing_with_the_link_cut_keeps_every_key_and_the_list_says_why(
    pg_clinic: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("scheduler_app.ui.client_lookup.RETRY_MS", 300)
    pg_clinic.client("Noah Costa")
    with desk_through_proxy(pg_clinic) as (services, proxy):
        dialog = BookingDialog(services, pg_clinic.at(2, 0).date())
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        proxy.cut()
        QTest.keyClicks(dialog.client_search, "Noah Cos")
        assert dialog.client_search.text() == "Noah Cos"
        assert QApplication.activeModalWidget() is None
        qtbot.waitUntil(lambda: UNREACHABLE in rows(dialog), timeout=5000)
        said = dialog.client_list.item(rows(dialog).index(UNREACHABLE))
        assert said.flags() == Qt.ItemFlag.NoItemFlags  # a message, not a client to pick
        QTest.keyClicks(dialog.client_search, "ta")  # still typing while it is down
        assert dialog.client_search.text() == "Noah Costa"
        assert QApplication.activeModalWidget() is None
        proxy.mend()
        qtbot.waitUntil(lambda: any(r.startswith("Noah Costa") for r in rows(dialog)), timeout=5000)
        assert UNREACHABLE not in rows(dialog)
        assert dialog.picker.choice() == (True, services.directory.find_clients("Noah")[0].id)
        dialog.close()


def test_only_the_latest_search_is_shown(pg_clinic: Clinic, qtbot: QtBot) -> None:
    pg_clinic.client("Noah Costa")
    pg_clinic.client("Nora Lima")
    with desk_through_proxy(pg_clinic, delay_s=0.02) as (services, _proxy):
        dialog = BookingDialog(services, pg_clinic.at(2, 0).date())
        qtbot.addWidget(dialog)
        lookup: ClientLookup = dialog.picker.lookup
        shown: list[object] = []
        lookup.found.connect(shown.append)
        for text in ("No", "Nor", "Noa"):
            dialog.client_search.setText(text)
            lookup.run()  # each one sent at once, answers racing
        assert QThreadPool.globalInstance().waitForDone(5000)
        qtbot.waitUntil(lambda: len(shown) == 1, timeout=5000)
        QApplication.processEvents()  # every answer has arrived: the older ones were dropped
        assert len(shown) == 1
        assert [r.split()[0] for r in rows(dialog)[1:]] == ["Noah"]
        dialog.close()


def test_find_client_with_the_link_cut_says_why_then_finds_them_and_their_appointments(
    pg_clinic: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("scheduler_app.ui.client_lookup.RETRY_MS", 300)
    noah = pg_clinic.client("Noah Costa")
    (silva,) = pg_clinic.professionals("Dr Silva")
    request = BookingRequest(
        pg_clinic.at(3, 9), pg_clinic.at(3, 10), client_id=noah, professional_id=silva
    )
    pg_clinic.booking.book(pg_clinic.admin, request)
    with desk_through_proxy(pg_clinic) as (services, proxy):
        dialog = ClientSearchDialog(services)
        qtbot.addWidget(dialog)
        dialog.show()
        proxy.cut()
        QTest.keyClicks(dialog.search, "Noah Cos")
        assert dialog.search.text() == "Noah Cos"
        qtbot.waitUntil(lambda: "cannot be reached" in dialog.message.text(), timeout=5000)
        assert QApplication.activeModalWidget() is None
        proxy.mend()
        qtbot.waitUntil(lambda: dialog.appointments.count() == 1, timeout=5000)
        assert dialog.clients.item(0).text().startswith("Noah Costa")
        dialog.close()


def test_the_clients_window_with_the_link_cut_keeps_typing_and_says_why(
    pg_clinic: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("scheduler_app.ui.client_lookup.RETRY_MS", 300)
    pg_clinic.client("Noah Costa")
    with desk_through_proxy(pg_clinic) as (services, proxy):
        window = ClientWindow(services)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.results.count() == 1, timeout=5000)
        proxy.cut()
        QTest.keyClicks(window.search, "Noah Cos")
        assert window.search.text() == "Noah Cos"
        qtbot.waitUntil(lambda: "cannot be reached" in window.found.text(), timeout=5000)
        assert QApplication.activeModalWidget() is None
        proxy.mend()
        qtbot.waitUntil(lambda: window.found.text() == "", timeout=5000)
        assert window.results.item(0).text().startswith("Noah Costa")
        window.close()
