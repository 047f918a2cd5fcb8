"""A new clinic is set up through the window alone, then books; the set-up is offered
to a new clinic's manager only, once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from scheduler_app import config
from scheduler_app.db.engine import sqlite_url
from scheduler_app.db.models import Role
from scheduler_app.domain.localtime import localize
from scheduler_app.services.bundle import build_services
from scheduler_app.services.demo import load_demo_clinic
from scheduler_app.ui.application import Desk, open_desk
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.first_start import FirstStartWizard, offer_setup
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.setup_dialogs import NewClientDialog
from scheduler_app.ui.startup import opener
from tests.conftest import Clinic, signed_in
from tests.ui.boxes import Boxes
from tests.ui.dialog_driver import answer_with, enter, press_book
from tests.ui.sign_in_driver import answer_sign_in


@pytest.fixture
def start(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], Desk | None]]:
    """Start the desk on a URL as `scheduler-app` does (a new clinic's administrator
    made in the first start's dialog); stopped again afterwards."""
    opened: list[Desk] = []
    answer_sign_in(monkeypatch, "ana", "a good password")

    def start_desk(url: str) -> Desk | None:
        desk = open_desk(opener(url), url, first_start=True)
        if desk is not None:
            opened.append(desk)
            qtbot.addWidget(desk.window)
        return desk

    yield start_desk
    for desk in opened:
        desk.release()
        desk.window.close()


def _type(field: object, text: str, enter_after: bool = False) -> None:
    QTest.keyClicks(field, text)  # type: ignore[arg-type]
    if enter_after:
        QTest.keyClick(field, Qt.Key.Key_Return)  # type: ignore[arg-type]


def test_a_new_clinic_is_set_up_through_the_dialogs_alone_and_then_books(
    start: Callable[[str], Desk | None],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    boxes = Boxes().install(monkeypatch)
    desk = start(config.sqlite_url(config.default_database_path()))  # an empty, new file
    assert desk is not None
    wizard = desk.window.findChild(FirstStartWizard)
    assert wizard is not None and wizard.isVisible()

    # 1. The clinic: its name, the time zone (guessed; changed here), the currency.
    step = wizard.clinic
    step.name.selectAll()
    step.name.insert("Clínica Sol")  # typed (QTest types ASCII only)
    step.zone.setEditText("Europe/Lisbo")  # a typo: refused next to the field, kept
    wizard.next()
    assert wizard.currentPage() is step
    assert "Europe/Lisbo" in step.errors.reason("timezone")
    assert step.zone.currentText() == "Europe/Lisbo" and step.name.text() == "Clínica Sol"
    step.zone.setEditText("Europe/Lisbon")
    wizard.next()

    # 2. Opening hours: a lunch break on weekdays, Saturday mornings.
    hours = wizard.hours.hours
    assert wizard.currentPage() is wizard.hours
    hours.days[0].setText("9-13, 14-13")  # closes before it opens: said next to Monday
    wizard.next()
    assert wizard.currentPage() is wizard.hours
    assert wizard.hours.errors.reason("opening_hours.0") == "“14-13” closes before it opens."
    hours.days[0].setText("09:00-13:00, 14:00-19:00")
    hours.copy.click()  # Monday's hours from Tuesday to Friday
    hours.days[5].setText("9h-13h")
    wizard.next()

    # 3. Professionals: Enter adds the one typed; Next adds what is still typed.
    people = wizard.professionals
    _type(people.name, "Dr Ana Silva")
    _type(people.specialty, "General practice", enter_after=True)
    assert people.added.count() == 1 and people.name.text() == ""
    _type(people.name, "Tom Becker")
    wizard.next()
    assert people.added.count() == 2

    # 4. Services: one with a price the desk cannot read first, then right.
    offered = wizard.services_step
    _type(offered.name, "Consultation")
    offered.price.setText("forty")
    enter(offered.price)
    assert offered.errors.reason("price").startswith("“forty” is not an amount")
    assert offered.name.text() == "Consultation" and offered.added.count() == 0
    offered.price.setText("45")
    enter(offered.price)
    assert offered.added.count() == 1
    wizard.button(QWizard.WizardButton.FinishButton).click()

    # The window is made again in the clinic's settings, with its professionals.
    qtbot.waitUntil(lambda: desk.window.findChild(FirstStartWizard) is None, timeout=5000)
    window = desk.window
    qtbot.addWidget(window)
    assert window.windowTitle().startswith("Clínica Sol")
    assert [c.name for c in window.day_view.columns] == ["Dr Ana Silva", "Tom Becker", "Unassigned"]
    services = desk.services
    assert services.context.timezone.key == "Europe/Lisbon"
    settings = services.settings.current()
    assert [(r.weekday, r.opens, r.closes) for r in settings.opening_hours][:2] == [
        (0, time(9), time(13)),
        (0, time(14), time(19)),
    ]
    assert (settings.opening_hours[-1].weekday, settings.currency) == (5, "EUR")

    # Book: next working day at 10:00, with Dr Silva, a consultation, a new client.
    tz = services.context.timezone
    day = datetime.now(tz).date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    ana = services.directory.professionals()[0]

    def new_client(dialog: NewClientDialog) -> None:
        assert dialog.form.name.text() == "Joana Costa"  # as searched
        dialog.form.phone.setText("+351 912 345 678")
        enter(dialog.form.phone)

    answer_with(monkeypatch, NewClientDialog, new_client)

    def book(dialog: BookingDialog) -> int:
        dialog.show()
        dialog.service_text.setText("consult")  # typing picks the service
        dialog.service_text.editingFinished.emit()
        assert dialog.duration.value() == 30
        dialog.client_search.setText("Joana Costa")
        dialog.new_client.click()
        return press_book(dialog)

    monkeypatch.setattr(BookingDialog, "exec", book)
    window.book_at(ana.id, localize(day, time(10), tz), None)
    (booked,) = services.booking.client_appointments(services.directory.find_clients("joana")[0].id)
    assert (booked.professional_name, booked.service_name, booked.client_name) == (
        "Dr Ana Silva",
        "Consultation",
        "Joana Costa",
    )
    assert (booked.start, booked.end - booked.start) == (
        localize(day, time(10), tz),
        timedelta(minutes=30),
    )
    assert boxes.shown == []
    assert not services.settings.needs_setup()  # not offered again


def test_the_set_up_is_put_off_once_and_not_offered_again(
    sqlite_clinic: Clinic, qtbot: QtBot
) -> None:
    window = MainWindow(sqlite_clinic.services)
    qtbot.addWidget(window)
    wizard = offer_setup(window)
    assert wizard is not None
    wizard.button(QWizard.WizardButton.CancelButton).click()  # "Set up later"
    assert offer_setup(window) is None
    assert sqlite_clinic.services.settings.current().name == "Test clinic"


def test_the_set_up_is_not_offered_to_reception_nor_to_the_demo(
    sqlite_clinic: Clinic, qtbot: QtBot, tmp_path: Path
) -> None:
    desk_account = sqlite_clinic.add_staff("desk", Role.RECEPTION)
    reception = signed_in(build_services(sqlite_clinic.services.database), "desk")
    assert reception.actor_id == desk_account
    window = MainWindow(reception)
    qtbot.addWidget(window)
    assert offer_setup(window) is None
    demo_file = tmp_path / "demo.sqlite3"
    from scheduler_app.db import migrate
    from scheduler_app.db.engine import open_database

    database = open_database(sqlite_url(demo_file))
    try:
        migrate.upgrade(database)
        load_demo_clinic(database)
        demo_services = build_services(database)
        assert demo_services.staff.sign_in_single_user() is not None  # the demo: no sign-in
        demo = MainWindow(demo_services)
        qtbot.addWidget(demo)
        assert offer_setup(demo) is None
    finally:
        database.dispose()
