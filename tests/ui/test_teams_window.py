"""Clinic > Teams as a manager uses it: a team with members, roles and hours a week;
a member past their hours is marked; a service given by the team is then offered
only to its members in the booking dialog; a member still needed is not removed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from scheduler_app.services.dto import BookingRequest, ServiceDetails
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.services_dialog import ServiceEditor, ServicesDialog
from scheduler_app.ui.teams_dialog import MemberEditor, TeamEditor, TeamsDialog
from tests.conftest import Clinic
from tests.ui.dialog_driver import answer_with, choose_client, enter


def test_a_team_its_members_and_the_service_it_gives(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[str]] = []

    def new_team(editor: TeamEditor) -> None:
        enter(editor.name)
        assert editor.errors.reason("name") == "The team needs a name."
        QTest.keyClicks(editor.name, "Rehabilitation")
        enter(editor.name)

    def member(editor: MemberEditor) -> None:
        editor.professional.setCurrentIndex(editor.professional.findText("Tom Becker"))
        editor.role.setCurrentIndex(editor.role.findText("Lead"))
        QTest.keyClicks(editor.certifications, "BLS")
        editor.hours.setValue(1)  # Tom has 45 minutes on Monday already
        enter(editor.certifications)

    def manage(dialog: TeamsDialog) -> None:
        answer_with(monkeypatch, TeamEditor, new_team)
        dialog.add_team_button.click()
        answer_with(monkeypatch, MemberEditor, member)
        dialog.add_member_button.click()
        seen.append([dialog.members.item(0, c).text() for c in range(dialog.members.columnCount())])
        QTest.keyClick(dialog.teams, Qt.Key.Key_Escape)

    answer_with(monkeypatch, TeamsDialog, manage)
    window.teams_action.trigger()
    assert seen == [["Tom Becker", "Lead", "BLS", "1 h", "0 h 45"]]
    tom = next(p.id for p in desk.directory.professionals() if p.name == "Tom Becker")
    desk.booking.book(
        desk.admin,
        BookingRequest(desk.at(3, 9), desk.at(3, 9, 30), professional_id=tom),
    )

    def look(dialog: TeamsDialog) -> None:
        seen.append([dialog.members.item(0, 4).text()])

    answer_with(monkeypatch, TeamsDialog, look)
    window.teams_action.trigger()
    assert seen[-1] == ["1 h 15 — over the limit"]

    desk.services.catalog.add(
        desk.admin, ServiceDetails("Physiotherapy", 60, Decimal("50.00"), "EUR", "#3366cc")
    )

    def given_by(editor: ServiceEditor) -> None:
        editor.team.setCurrentIndex(editor.team.findText("Rehabilitation"))
        enter(editor.name)

    def services(dialog: ServicesDialog) -> None:
        answer_with(monkeypatch, ServiceEditor, given_by)
        dialog.list.setCurrentRow(0)
        dialog.edit_button.click()
        QTest.keyClick(dialog.list, Qt.Key.Key_Escape)

    answer_with(monkeypatch, ServicesDialog, services)
    window.services_action.trigger()

    booking = BookingDialog(window.services, window.day, window)
    booking.submit = window.desk.submit_booking
    qtbot.addWidget(booking)
    booking.show()
    booking.time_edit.setTime(QTime(16, 0))
    choose_client(booking)
    booking.service.setCurrentIndex(booking.service.findText("Physiotherapy (60 min)"))
    booking.professional.setCurrentIndex(booking.professional.findText("Dr Ana Silva"))
    assert "is not in the team" in booking.verdict.text()
    booking.professional.setCurrentIndex(0)  # unassigned: Tom will take it
    assert booking.verdict.text() == "Free"
    booking.book_button.click()
    assert booking.booked is not None

    def remove(dialog: TeamsDialog) -> None:
        dialog.members.selectRow(0)
        dialog.remove_member_button.click()
        seen.append([dialog.message.text(), str(dialog.members.rowCount())])

    answer_with(monkeypatch, TeamsDialog, remove)
    window.teams_action.trigger()
    assert seen[-1][0].startswith("Not saved: an unassigned appointment to come")
    assert seen[-1][1] == "1"
