"""A choice made by its Alt key and confirmed at once: Qt lets go of a button pressed
by its key 100 ms later, and a dialog read sooner took the choice before. Typed at
full speed (Alt+A then Enter), the choice made is the one used."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.series_dto import SeriesRequest, SeriesScope
from scheduler_app.ui.cancel_dialog import CancelDialog
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic

ALT = Qt.KeyboardModifier.AltModifier


def test_all_of_the_series_chosen_by_key_and_entered_at_once_cancels_all(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    series = desk.services.series
    report = series.report(
        desk.admin,
        SeriesRequest(
            rule="FREQ=WEEKLY;COUNT=4",
            first_start=desk.at(3, 17),
            client_id=desk.client(),
            professional_id=desk.professionals("Tom Becker")[0],
            minutes=30,
        ),
    )
    booked = series.book(desk.admin, report)
    first = desk.booking.get(booked.appointment_ids[0])
    dialog = CancelDialog(first, desk.tz, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    QTest.keyClick(dialog, Qt.Key.Key_A, ALT)  # All of the series still to come
    QTest.keyClicks(dialog.reason, "Moving away")
    QTest.keyClick(dialog.reason, Qt.Key.Key_Return)  # at once: within Qt's 100 ms
    assert dialog.result() == CancelDialog.DialogCode.Accepted
    assert dialog.scope() is SeriesScope.ALL
    done = series.cancel(desk.admin, first.id, first.version, dialog.scope(), "Moving away")
    assert len(done.cancelled) == 4
    assert {desk.booking.get(i).status for i in booked.appointment_ids} == {
        AppointmentStatus.CANCELLED
    }
