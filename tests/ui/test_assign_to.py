"""Assign to: only the professionals who could take the appointment can be chosen; the
others are greyed out with the engine's reason."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from scheduler_app.domain.working_time import WeeklyRange
from scheduler_app.services.dto import AppointmentView, BookingRequest
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic


def at_hour(desk: Clinic, hour: int) -> AppointmentView:
    return next(
        a for a in desk.booking.appointments_on(date(2026, 3, 2)) if a.start == desk.at(2, hour)
    )


def assign_menu(
    window: MainWindow, appt: AppointmentView, monkeypatch: pytest.MonkeyPatch
) -> QMenu:
    """Right-click ``appt`` (the window's context menu) and open "Assign to"."""
    opened: list[QMenu] = []
    monkeypatch.setattr(window, "_popup", lambda menu, _where: opened.append(menu))
    window.context_menu(appt, QPoint(0, 0))
    (menu,) = opened
    assign = next(a for a in menu.actions() if a.text() == "Assign to").menu()
    assert isinstance(assign, QMenu)
    return assign


def entries(menu: QMenu) -> list[tuple[str, bool]]:
    return [(a.text(), a.isEnabled()) for a in menu.actions()]


def test_only_who_could_take_it_can_be_chosen_the_others_say_why(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    (rita,) = desk.professionals("Rita Lopes")  # works mornings only
    desk.services.working_time.set_weekly_plan(
        desk.admin, rita, [WeeklyRange(d, time(8), time(13)) for d in range(5)]
    )
    tom = window.professional_model.professionals()[1].id
    desk.booking.book(
        desk.admin,
        BookingRequest(
            start=desk.at(2, 14, 15),
            end=desk.at(2, 15),
            professional_id=tom,
            client_id=desk.client("Rui Matos"),
        ),
    )
    window.reload_professionals()
    window.refresh()
    unassigned = at_hour(desk, 14)  # 14:00-14:45, nobody yet
    menu = assign_menu(window, unassigned, monkeypatch)
    assert entries(menu) == [("Checking who can take it...", False)]  # the engine is asked
    qtbot.waitUntil(lambda: entries(menu)[0][0] != "Checking who can take it...")
    assert entries(menu) == [
        ("Dr Ana Silva", True),
        ("Tom Becker — busy 14:15-15:00 with Rui Matos", False),
        ("Rita Lopes — does not work then", False),
    ]
    tips = [a.toolTip() for a in menu.actions()]
    assert tips[1].startswith("Tom Becker already has 14:15-15:00")
    assert "Rita Lopes does not work" in tips[2]
    next(a for a in menu.actions() if a.text() == "Dr Ana Silva").trigger()
    assert desk.booking.get(unassigned.id).professional_name == "Dr Ana Silva"
    assert window.undo_action.isEnabled()  # undoable like a drop


def test_an_assigned_one_can_go_to_someone_free_or_to_nobody(
    window: MainWindow, desk: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    anas = at_hour(desk, 10)  # Dr Ana Silva 10:00-10:45
    menu = assign_menu(window, anas, monkeypatch)
    qtbot.waitUntil(lambda: entries(menu)[0][0] != "Checking who can take it...")
    assert entries(menu) == [("Tom Becker", True), ("Unassigned", True)]
