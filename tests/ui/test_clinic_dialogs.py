"""Clinic > Settings, Services, Professionals and Clients, as a manager and a receptionist
use them: a refusal keeps what was typed and says why next to the field; Enter saves,
Esc cancels, Tab follows the fields; reception is told why it cannot change them."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QDialog, QWidget
from pytestqt.qtbot import QtBot

from scheduler_app.db.models import Role
from scheduler_app.services.bundle import build_services
from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui.application import Desk, _Forward
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.client_window import ClientWindow
from scheduler_app.ui.leave_dialog import LeaveDialog
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.professionals_dialog import ProfessionalsDialog
from scheduler_app.ui.services_dialog import ServiceEditor, ServicesDialog
from scheduler_app.ui.settings_dialog import SettingsDialog
from scheduler_app.ui.setup_dialogs import NewClientDialog, ProfessionalEditor
from tests.conftest import Clinic, signed_in
from tests.ui.dialog_driver import answer_with, enter
from tests.ui.grid_driver import by_hour


def _tab_chain(start: QWidget, count: int) -> list[QWidget]:
    """The widgets Tab goes to from ``start``, in order."""
    chain, widget = [start], start
    for _ in range(count - 1):
        widget = widget.nextInFocusChain()
        while (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus != Qt.FocusPolicy.TabFocus
            or not widget.isVisibleTo(start.window())
            or isinstance(widget.parent(), QComboBox | QAbstractSpinBox)  # their own editor
        ):
            widget = widget.nextInFocusChain()
        chain.append(widget)
    return chain


# -- settings -----------------------------------------------------------------------


def test_settings_refusals_are_shown_next_to_their_field_with_everything_kept(
    desk: Clinic, qtbot: QtBot
) -> None:
    dialog = SettingsDialog(desk.services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Clínica Sol")
    dialog.reminders.setText("1440, 120")  # minutes, as the old field took them
    dialog.hours.days[1].setText("09:00-13:00, 12:00-18:00")
    enter(dialog.name)
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.errors.reason("reminder_minutes") == (
        "“1440”: say minutes, hours or days (e.g. 1440 hours)."
    )
    assert dialog.reminders.text() == "1440, 120" and dialog.name.text() == "Clínica Sol"
    dialog.reminders.setText("1 day, 2 hours")
    enter(dialog.name)
    assert dialog.errors.reason("reminder_minutes") == ""
    assert dialog.errors.reason("opening_hours.1") == (
        "“12:00-18:00” overlaps another range of the same day."
    )
    dialog.hours.days[1].setText("09:00-13:00, 14:00-18:00")
    dialog.currency.setText("E1")
    enter(dialog.currency)
    assert dialog.errors.reason("currency") == "A currency is a three-letter code such as EUR."
    dialog.currency.setText("usd")
    dialog.name.setText("")
    enter(dialog.currency)
    assert dialog.errors.reason("name") == "The clinic needs a name."
    assert dialog.currency.text() == "usd" and dialog.hours.days[1].text().startswith("09:00")
    dialog.name.setText("Clínica Sol")
    enter(dialog.name)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = desk.services.settings.current()
    assert (saved.name, saved.currency, saved.reminder_minutes) == (
        "Clínica Sol",
        "USD",
        (1440, 120),
    )
    tuesday = [(r.opens, r.closes) for r in saved.opening_hours if r.weekday == 1]
    assert tuesday == [(time(9), time(13)), (time(14), time(18))]


def test_settings_esc_cancels_and_tab_follows_the_fields(desk: Clinic, qtbot: QtBot) -> None:
    dialog = SettingsDialog(desk.services)
    qtbot.addWidget(dialog)
    dialog.show()
    expected = [
        dialog.name,
        dialog.zone,
        dialog.slot,
        dialog.length,
        dialog.currency,
        dialog.reminders,
        dialog.horizon,
        *dialog.hours.days,
        dialog.hours.copy,
    ]
    chain = _tab_chain(dialog.name, len(expected))
    assert [w.accessibleName() for w in chain] == [w.accessibleName() for w in expected]
    dialog.name.setText("Not saved")
    QTest.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert desk.services.settings.current().name == "Test clinic"


def test_a_new_time_zone_is_explained_then_shown_everywhere(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shell = Desk(window, desk.services)
    shell.forward = _Forward(shell)
    asked: list[str] = []
    answers = [False, True]

    def ask(_parent: object, title: str, text: str, yes: str, no: str) -> bool:
        asked.append(f"{title}|{text}|{yes}|{no}")
        return answers.pop(0)

    monkeypatch.setattr("scheduler_app.ui.settings_dialog.ask", ask)

    def move_to_berlin(dialog: SettingsDialog) -> None:
        dialog.zone.setEditText("Europe/Berlin")
        enter(dialog.name)  # asked, answered "Keep Europe/Lisbon": nothing saved
        assert dialog.isVisible() and desk.services.settings.current().timezone == "Europe/Lisbon"
        enter(dialog.name)  # asked again, answered "Change the time zone"

    answer_with(monkeypatch, SettingsDialog, move_to_berlin)
    window.settings_action.trigger()
    title, text, yes, no = asked[0].split("|")
    assert (title, yes, no) == (
        "Change the time zone?",
        "Change the time zone",
        "Keep Europe/Lisbon",
    )
    assert "Appointments keep their moment in time" in text
    assert "on Mon 2 Mar at 10:00 in Europe/Lisbon, will show on Mon 2 Mar at 11:00" in text
    rebuilt = shell.window
    qtbot.addWidget(rebuilt)
    assert rebuilt is not window  # made again in the new zone
    rebuilt.show_day(date(2026, 3, 2))
    first = rebuilt.model.appointment(0)
    assert first is not None and first.start == desk.at(2, 10)  # the same instant ...
    assert rebuilt.model.data(rebuilt.model.index(0, 0)).startswith("11:00")  # ... in Berlin


# -- services -----------------------------------------------------------------------


def test_services_are_added_edited_retired_and_reordered_from_the_menu(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def first_one(editor: ServiceEditor) -> None:
        editor.name.setText("Consultation")
        editor.price.setText("45 euros")
        editor.reminders.setText("2880")
        enter(editor.name)
        assert editor.errors.reason("price").startswith("“45 euros” is not an amount")
        editor.price.setText("45.50")
        enter(editor.name)
        assert editor.errors.reason("reminder_minutes").startswith("“2880”: say minutes")
        editor.reminders.setText("2 days, 1 hour")
        editor.length.setValue(30)
        enter(editor.reminders)

    def second_one(editor: ServiceEditor) -> None:
        assert editor.color.color() != desk.services.catalog.services()[0].color  # apart
        editor.name.setText("First visit")
        editor.length.setValue(60)
        enter(editor.name)

    def manage(dialog: ServicesDialog) -> None:
        answer_with(monkeypatch, ServiceEditor, first_one)
        dialog.add_button.click()
        answer_with(monkeypatch, ServiceEditor, second_one)
        dialog.add_button.click()
        assert dialog.list.currentItem().text() == "First visit · 60 min · 0.00 EUR"
        dialog.up_button.click()  # before the consultation
        dialog.list.setCurrentRow(1)
        dialog.retire_button.click()  # the consultation: retired
        assert dialog.list.item(1).text().endswith("(retired)")
        assert dialog.retire_button.text() == "Offer again"
        QTest.keyClick(dialog.list, Qt.Key.Key_Escape)

    answer_with(monkeypatch, ServicesDialog, manage)
    window.services_action.trigger()
    catalog = desk.services.catalog
    assert [(s.name, s.is_active) for s in catalog.services(include_retired=True)] == [
        ("First visit", True),
        ("Consultation", False),
    ]
    consultation = catalog.services(include_retired=True)[1]
    assert (consultation.price, consultation.reminder_minutes) == (Decimal("45.50"), (2880, 60))
    booking = BookingDialog(desk.services, window.day, window)
    qtbot.addWidget(booking)
    offered = [booking.service.itemText(i) for i in range(1, booking.service.count())]
    assert offered == ["First visit (60 min)"]  # retired ones are not offered


# -- professionals ------------------------------------------------------------------


def test_professionals_are_edited_reordered_retired_and_taken_back(
    window: MainWindow, desk: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    silva, tom = (p.id for p in desk.directory.professionals())
    desk.booking.book(  # Dr Silva cannot take over Tom Becker's 11:00 now
        desk.admin,
        BookingRequest(start=desk.at(2, 11), end=desk.at(2, 11, 45), professional_id=silva),
    )

    def rename(editor: ProfessionalEditor) -> None:
        editor.title.setText("Physiotherapy")
        editor.name.setText("")
        enter(editor.title)
        assert editor.errors.reason("name") == "The professional needs a name."
        assert editor.title.text() == "Physiotherapy"
        editor.name.setText("Tom Becker")
        editor.color.next_from_palette()
        enter(editor.name)

    def leave(dialog: LeaveDialog) -> None:
        assert dialog.who.currentText() == "Tom Becker"  # the one chosen in the list
        dialog.save.click()
        assert dialog.stranded.toPlainText() == "- Joana Costa, 11:00-11:45 on Mon 02 Mar"
        dialog.reason.setText("Leaving today")
        dialog.force.click()

    def manage(dialog: ProfessionalsDialog) -> None:
        dialog.list.setCurrentRow(1)
        answer_with(monkeypatch, ProfessionalEditor, rename)
        dialog.edit_button.click()
        assert dialog.list.currentItem().text() == "Tom Becker · Physiotherapy"
        dialog.up_button.click()
        assert dialog.list.item(0).text().startswith("Tom Becker")
        answer_with(monkeypatch, LeaveDialog, leave)
        dialog.retire_button.click()
        assert dialog.list.item(0).text().endswith("(left)")
        assert "1 recorded as a conflict" in dialog.message.text()
        assert not dialog.retire_button.isEnabled() and dialog.back_button.isEnabled()
        dialog.back_button.click()
        assert not dialog.list.item(0).text().endswith("(left)")
        dialog.reject()

    answer_with(monkeypatch, ProfessionalsDialog, manage)
    window.professionals_action.trigger()
    assert [c.name for c in window.day_view.columns] == ["Tom Becker", "Dr Ana Silva", "Unassigned"]
    tom_now = desk.directory.professionals()[0]
    assert (tom_now.id, tom_now.title, tom_now.is_active) == (tom, "Physiotherapy", True)
    assert window.conflicts.text() == "1 open conflict"


# -- clients --------------------------------------------------------------------------


def test_the_client_window_finds_edits_counts_and_archives(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    joana = by_hour(desk, 10)
    desk.clock.now = desk.at(2, 11)
    desk.lifecycle.mark_no_show(desk.admin, joana.id, joana.version)
    late = by_hour(desk, 14)
    desk.lifecycle.cancel(desk.admin, late.id, late.version, "Ill")  # 3 hours ahead
    window.clients_action.trigger()
    shown = window.findChild(ClientWindow)
    assert shown is not None and shown.isVisible()
    qtbot.addWidget(shown)
    QTest.keyClicks(shown.search, "joa")
    assert shown.results.count() == 1
    QTest.keyClick(shown.search, Qt.Key.Key_Return)  # to the clients found, not "Save"
    assert shown.form.name.text() == "Joana Costa"
    assert shown.summary.text() == (
        "Appointments: 3 · no-shows: 1 · late cancellations (less than a day ahead): 1"
    )
    assert shown.history.count() == 3
    form = shown.form
    form.email.setText("joana@")
    form.born.setDate(QDate(1984, 2, 29))
    form.channel.setCurrentIndex(form.channel.findData("sms"))
    enter(form.email)
    assert form.errors.reason("email") == "'joana@' does not look like an e-mail address."
    assert form.born.date() == QDate(1984, 2, 29)  # kept
    form.email.setText("joana@example.org")
    form.consent.setChecked(False)
    enter(form.email)
    saved = desk.services.clients.get(joana.client_id)  # type: ignore[arg-type]
    assert (saved.email, saved.date_of_birth, saved.preferred_channel, saved.reminder_consent) == (
        "joana@example.org",
        date(1984, 2, 29),
        "sms",
        False,
    )
    shown.archive_button.click()
    assert desk.directory.find_clients("joana") == []  # not offered for booking
    assert shown.results.item(0).text().endswith("(archived)")
    shown.archive_button.click()  # "Restore"
    assert [c.name for c in desk.directory.find_clients("joana")] == ["Joana Costa"]

    asked: list[str] = []
    monkeypatch.setattr(
        "scheduler_app.ui.client_window.ask", lambda *args: asked.append(args[2]) or False
    )
    form.phone.setText("+351 999 999 999")  # then another client is asked for
    shown.new_button.click()
    assert asked == ["Drop the changes to Joana Costa?"]
    assert form.phone.text() == "+351 999 999 999"  # "Keep editing": still there


def test_a_new_client_from_the_booking_dialog_keeps_what_was_typed(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill(dialog: NewClientDialog) -> None:
        dialog.form.phone.setText("9")
        dialog.form.email.setText("rita@example.org")
        enter(dialog.form.phone)
        assert dialog.isVisible()
        assert dialog.form.errors.reason("phone") == "'9' does not look like a phone number."
        assert dialog.form.email.text() == "rita@example.org"
        dialog.form.phone.setText("+351 911 222 333")
        enter(dialog.form.phone)

    answer_with(monkeypatch, NewClientDialog, fill)
    dialog = BookingDialog(desk.services, window.day, window)
    qtbot.addWidget(dialog)
    dialog.client_search.setText("Rita Lopes")
    dialog.new_client.click()
    chosen, client = dialog.picker.choice()
    assert chosen and desk.services.clients.get(client or 0).email == "rita@example.org"


# -- reception -----------------------------------------------------------------------


def test_reception_is_told_why_the_set_up_is_not_theirs(desk: Clinic, qtbot: QtBot) -> None:
    desk.add_staff("desk", Role.RECEPTION)
    window = MainWindow(signed_in(build_services(desk.services.database), "desk"))
    qtbot.addWidget(window)
    for action in (
        window.settings_action,
        window.services_action,
        window.professionals_action,
        window.leaving_action,
    ):
        assert not action.isEnabled()
        assert action.toolTip() == (
            "Only a manager or an administrator can change this (you are at reception)."
        )
    assert window.clients_action.isEnabled() and window.add_client_action.isEnabled()
    assert window.settings_action.parent() is window
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Clinic")
    assert menu is not None and menu.toolTipsVisible()


def test_how_far_ahead_a_series_may_reach_is_set_in_the_settings(
    window: MainWindow, desk: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill(dialog: SettingsDialog) -> None:
        assert dialog.horizon.value() == 366
        dialog.horizon.setValue(90)
        enter(dialog.name)

    answer_with(monkeypatch, SettingsDialog, fill)
    window.settings_action.trigger()
    assert desk.services.settings.current().series_horizon_days == 90


def test_down_in_the_client_search_goes_to_the_clients_found(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    window.clients_action.trigger()
    shown = window.findChild(ClientWindow)
    assert shown is not None and shown.isVisible()
    qtbot.addWidget(shown)
    QTest.keyClicks(shown.search, "joa")
    assert shown.results.count() == 1
    QTest.keyClick(shown.search, Qt.Key.Key_Down)
    assert shown.results.hasFocus() or shown.focusWidget() is shown.results
    assert shown.form.name.text() == "Joana Costa"
