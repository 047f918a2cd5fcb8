"""The details dialog edits everything an appointment has; Complete asks how it went."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui.complete_dialog import CompleteDialog
from scheduler_app.ui.details_dialog import DetailsDialog
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic
from tests.ui.grid_driver import by_hour

S = AppointmentStatus


@pytest.fixture
def window(desk: Clinic, qtbot: QtBot) -> MainWindow:
    desk.directory.add_service(desk.admin, "Consultation", 30, Decimal("45"), "#5b9bd5")
    desk.directory.add_client(desk.admin, "Rui Santos", "", "")
    w = MainWindow(desk.services)
    qtbot.addWidget(w)
    w.resize(1200, 1000)
    w.show()
    qtbot.waitExposed(w)
    return w


def save_button(dialog: DetailsDialog) -> QPushButton:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_everything_is_edited_in_one_place_and_undone_in_one_step(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    appt = by_hour(desk, 10)

    def fill(dialog: DetailsDialog) -> int:
        dialog.time.setTime(QTime(12, 0))
        dialog.length.setValue(30)
        dialog.professional.setCurrentIndex(dialog.professional.findText("Tom Becker"))
        assert dialog.verdict.text() == "Free"
        dialog.service.setCurrentIndex(dialog.service.findText("Consultation"))
        dialog.client.search.setText("Rui")  # the one match is chosen
        dialog.title.setText("Knee check")
        dialog.priority.setCurrentIndex(dialog.priority.findData("high"))
        dialog.virtual.setChecked(True)
        dialog.meeting_url.setText("https://meet.example/knee")
        dialog.estimated.setText("45.50")
        dialog.actual.setText("40")
        dialog.billable.setChecked(False)
        dialog.description.setPlainText("Bring the X-ray")
        save_button(dialog).click()
        return dialog.result()

    monkeypatch.setattr(DetailsDialog, "exec", fill)
    window.day_view.select(appt.id, notify=True)
    window.edit_action.trigger()
    after = desk.booking.get(appt.id)
    assert (after.start, after.end, after.professional_name) == (
        desk.at(2, 12),
        desk.at(2, 12, 30),
        "Tom Becker",
    )
    assert (after.service_name, after.client_name, after.title) == (
        "Consultation",
        "Rui Santos",
        "Knee check",
    )
    assert (after.priority, after.is_virtual, after.meeting_url) == (
        "high",
        True,
        "https://meet.example/knee",
    )
    assert (after.estimated_cost, after.actual_cost, after.is_billable) == (
        Decimal("45.50"),
        Decimal("40.00"),
        False,
    )
    assert after.description == "Bring the X-ray"
    block = window.day_view.items[appt.id]
    assert block.lines()[0].startswith("! 12:00-12:30")  # the priority shows on the block
    assert window.undo_action.toolTip() == "Undo: Edit Joana Costa"
    window.undo_action.trigger()  # one step puts everything back
    back = desk.booking.get(appt.id)
    assert (back.start, back.professional_name, back.client_name) == (
        desk.at(2, 10),
        "Dr Ana Silva",
        "Joana Costa",
    )
    assert (back.priority, back.title, back.description) == ("normal", "", "")


def test_a_taken_time_keeps_the_dialog_open_with_the_reason(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    appt = by_hour(desk, 10)
    dialog = DetailsDialog(appt, desk.services, window)
    dialog.save = lambda move, changes: window.desk.services.booking.reschedule(
        desk.admin, appt.id, appt.version, *move
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.professional.setCurrentIndex(dialog.professional.findText("Tom Becker"))
    dialog.time.setTime(QTime(11, 0))
    assert "Tom Becker already has 11:00-11:45" in dialog.verdict.text()
    save_button(dialog).click()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert "Tom Becker already has 11:00-11:45" in dialog.outcome.text()
    assert dialog.time.time() == QTime(11, 0)  # what was typed stays
    assert desk.booking.get(appt.id).start == desk.at(2, 10)


def test_external_id_and_link_are_shown(window: MainWindow, desk: Clinic, qtbot: QtBot) -> None:
    booked = desk.booking.book(
        desk.admin,
        BookingRequest(
            start=desk.at(3, 9),
            external_id="EHR-2041",
            external_url="https://ehr.example/visits/2041",
        ),
    )
    dialog = DetailsDialog(booked, desk.services, window)
    qtbot.addWidget(dialog)
    shown = {label.accessibleName(): label.text() for label in dialog.findChildren(QLabel)}
    assert shown["External id"] == "EHR-2041"
    assert "https://ehr.example/visits/2041" in shown["External link"]
    assert dialog.date.date() == QDate(2026, 3, 3)


def test_complete_asks_how_it_went(
    window: MainWindow, desk: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    appt = by_hour(desk, 10)
    desk.clock.now = desk.at(2, 9, 55)
    version = desk.lifecycle.confirm(desk.admin, appt.id, appt.version).version
    desk.lifecycle.check_in(desk.admin, appt.id, version)
    desk.clock.now = desk.at(2, 10, 50)
    window.refresh()
    asked: list[str] = []

    def fill(dialog: CompleteDialog) -> int:
        asked.extend(w.accessibleName() for w in (dialog.notes, dialog.rating, dialog.feedback))
        dialog.notes.setPlainText("Stitches out; see again in a month")
        dialog.rating.setValue(5)
        dialog.feedback.setPlainText("Very kind")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CompleteDialog, "exec", fill)
    window.day_view.select(appt.id, notify=True)
    complete = window.status_actions[S.COMPLETED]
    assert complete.text() == "Complete..." and complete.isEnabled()
    complete.trigger()
    assert asked == ["Completion notes", "Rating from 1 to 5", "Client's feedback"]
    done = desk.booking.get(appt.id)
    assert done.status == S.COMPLETED
    assert (done.completion_notes, done.completion_rating, done.completion_feedback) == (
        "Stitches out; see again in a month",
        5,
        "Very kind",
    )
    details = DetailsDialog(done, desk.services, window)  # its "Outcome" tab
    assert details.completion_notes.toPlainText() == "Stitches out; see again in a month"
    assert details.rating.value() == 5
