"""Book follow-up and Copy appointment, from an appointment's menu, through Find a time."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from scheduler_app.ui.context_menu import appointment_menu
from scheduler_app.ui.find_time_dialog import FindTimeDialog
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic
from tests.ui.test_find_a_time import Desk, focused, while_open


def _action(menu: QMenu, *path: str):  # type: ignore[no-untyped-def]
    """The menu's action at ``path`` (a submenu's title, then its item)."""
    for action in menu.actions():
        if action.text() == path[0]:
            sub = action.menu()
            return _action(sub, *path[1:]) if len(path) > 1 and sub is not None else action
    raise AssertionError(f"no {path[0]!r} in {[a.text() for a in menu.actions()]}")


def test_a_follow_up_in_two_weeks_with_the_same_client_professional_and_length(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    (at_ten,) = [a for a in desk.booking.appointments_on(date(2026, 3, 2)) if a.start.hour == 10]
    user = Desk()

    def fill(dialog: FindTimeDialog) -> None:
        request = dialog.request()
        assert request.first_day == date(2026, 3, 16)  # the same weekday, two weeks on
        assert request.professional_ids == (at_ten.professional_id,)
        assert dialog.duration.value() == 45
        assert dialog.picker.choice() == (True, at_ten.client_id)
        assert dialog.times.item(0).text().startswith("Mon 16 Mar")
        user.key(focused(dialog), Qt.Key.Key_Return)  # the first free time

    seen = while_open(qtbot, FindTimeDialog, fill)
    menu = appointment_menu(window, at_ten)
    _action(menu, "Book follow-up", "In 2 weeks").trigger()
    assert seen, "no Find a time dialog opened"
    (new,) = [a for a in desk.booking.appointments_on(date(2026, 3, 16)) if a.status.is_active]
    assert (new.client_name, new.professional_id) == ("Joana Costa", at_ten.professional_id)
    assert new.end - new.start == at_ten.end - at_ten.start
    assert user.interactions == 1  # Enter, once the menu's choice opened the dialog
    assert window.undo_action.toolTip() == "Undo: Book Joana Costa"


def test_copy_appointment_books_the_same_again_at_a_free_time(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    (at_eleven,) = [a for a in desk.booking.appointments_on(date(2026, 3, 2)) if a.start.hour == 11]

    def fill(dialog: FindTimeDialog) -> None:
        assert dialog.request().first_day == date(2026, 3, 2)
        assert dialog.request().professional_ids == (at_eleven.professional_id,)
        first = dialog.times.item(0).text()
        assert first.startswith("Mon 2 Mar") and "Tom Becker" in first
        Desk().key(focused(dialog), Qt.Key.Key_Return)

    seen = while_open(qtbot, FindTimeDialog, fill)
    _action(appointment_menu(window, at_eleven), "Copy appointment...").trigger()
    assert seen
    mine = [
        a
        for a in desk.booking.appointments_on(date(2026, 3, 2))
        if a.professional_id == at_eleven.professional_id and a.status.is_active
    ]
    assert len(mine) == 2 and all(a.client_name == "Joana Costa" for a in mine)
