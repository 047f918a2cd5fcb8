"""Checking a password takes a noticeable moment (Argon2, on purpose): the sign-in
dialog and the idle lock check it on a worker while the window goes on painting."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from scheduler_app.ui.sign_in_dialog import SignInDialog
from tests.conftest import Clinic
from tests.ui.test_no_wait import statements_sent
from tests.ui.test_signing_in import ADMIN_PASSWORD, staffed  # noqa: F401 (a fixture)


@pytest.fixture
def changes_saved_in_place() -> None:
    """Here the password is checked as the desk checks it: on the thread pool."""


def test_signing_in_checks_the_password_on_a_worker_while_the_dialog_paints(
    staffed: Clinic,  # noqa: F811
    qtbot: QtBot,
) -> None:
    dialog = SignInDialog(staffed.services)
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClicks(dialog.username, "admin")
    QTest.keyClicks(dialog.password, ADMIN_PASSWORD)
    with statements_sent(staffed) as threads:
        QTest.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == SignInDialog.DialogCode.Accepted
    assert staffed.services.actor_id == staffed.admin
    # The sign-in (its reads, the password's check between them, its audit entry) ran
    # on a worker: the GUI thread sent nothing.
    assert threads and threading.get_ident() not in threads
