"""Skills from the window: a manager types a professional's skills and what a service
needs; the booking dialog then says at once that someone without them cannot take
it, and books the one who has them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from scheduler_app.services.dto import ServiceDetails
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.professionals_dialog import ProfessionalsDialog
from scheduler_app.ui.services_dialog import ServiceEditor, ServicesDialog
from scheduler_app.ui.setup_dialogs import ProfessionalEditor
from tests.conftest import Clinic
from tests.ui.dialog_driver import answer_with, choose_client, enter


def test_a_service_needing_skills_goes_only_to_who_has_them(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk.services.catalog.add(
        desk.admin, ServiceDetails("Physiotherapy", 60, Decimal("50.00"), "EUR", "#3366cc")
    )

    def needs(editor: ServiceEditor) -> None:
        QTest.keyClicks(editor.skills, "Manual therapy")
        enter(editor.name)

    def services(dialog: ServicesDialog) -> None:
        answer_with(monkeypatch, ServiceEditor, needs)
        dialog.list.setCurrentRow(0)
        dialog.edit_button.click()
        QTest.keyClick(dialog.list, Qt.Key.Key_Escape)

    answer_with(monkeypatch, ServicesDialog, services)
    window.services_action.trigger()

    def has(editor: ProfessionalEditor) -> None:
        assert (
            editor.skills.completer()
            .model()
            .data(  # the names already used
                editor.skills.completer().model().index(0, 0)
            )
            == "Manual therapy"
        )
        QTest.keyClicks(editor.skills, "manual therapy, Dry needling")
        enter(editor.name)

    def professionals(dialog: ProfessionalsDialog) -> None:
        answer_with(monkeypatch, ProfessionalEditor, has)
        dialog.list.setCurrentRow(dialog.list.count() - 1)  # Tom Becker
        dialog.edit_button.click()
        QTest.keyClick(dialog.list, Qt.Key.Key_Escape)

    answer_with(monkeypatch, ProfessionalsDialog, professionals)
    window.professionals_action.trigger()
    tom = next(p.id for p in desk.directory.professionals() if p.name == "Tom Becker")
    assert desk.services.skills.of_professionals() == {tom: ["Dry needling", "Manual therapy"]}

    dialog = BookingDialog(window.services, window.day, window)
    dialog.submit = window.desk.submit_booking
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.time_edit.setTime(QTime(15, 0))
    choose_client(dialog)
    dialog.service.setCurrentIndex(dialog.service.findText("Physiotherapy (60 min)"))
    dialog.professional.setCurrentIndex(dialog.professional.findText("Dr Ana Silva"))
    assert dialog.verdict.text().startswith("Dr Ana Silva does not have the skills")
    assert not dialog.book_button.isEnabled()
    dialog.professional.setCurrentIndex(dialog.professional.findText("Tom Becker"))
    assert dialog.verdict.text() == "Free"
    dialog.book_button.click()
    assert dialog.booked is not None and dialog.booked.professional_name == "Tom Becker"
