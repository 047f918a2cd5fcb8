"""The calendar shades the time nobody can be booked, per professional column, and a
drop there is refused with the reason and snaps back."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from scheduler_app.db.working_time_models import TimeOffKind
from scheduler_app.domain.working_time import WeeklyRange
from scheduler_app.ui.calendar.resource_grid import ResourceGrid
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic
from tests.ui.grid_driver import by_hour, drag, point

MONDAY = date(2026, 3, 2)


def _hours(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _shaded(grid: ResourceGrid, column: int) -> list[tuple[str, str, str]]:
    """(from, to, text) of each shaded piece of ``column`` within opening hours."""
    return [
        (_hours(s.start), _hours(s.end), s.text)
        for s in grid.shades_of(column)
        if s.start >= 8 * 60 and s.end <= 19 * 60
    ]


@pytest.fixture
def rostered(staffed: Clinic) -> Clinic:
    """Dr Silva works Mondays 09-13 and 14-18; Tom Becker is on vacation on Monday
    afternoon; the clinic closes on Wednesday 4 March for an inventory (on each
    database)."""
    silva, becker = (p.id for p in staffed.directory.professionals())
    wt = staffed.services.working_time
    wt.set_weekly_plan(
        staffed.admin,
        silva,
        [
            WeeklyRange(day, starts, ends)
            for day in range(5)
            for starts, ends in ((time(9), time(13)), (time(14), time(18)))
        ],
    )
    wt.add_time_off(
        staffed.admin,
        staffed.at(2, 15),
        staffed.at(2, 19),
        professional_id=becker,
        kind=TimeOffKind.VACATION,
        reason="Conference",
    )
    wt.add_time_off(
        staffed.admin,
        staffed.at(4, 0),
        staffed.at(5, 0),
        kind=TimeOffKind.CLOSURE,
        reason="Inventory",
    )
    return staffed


def _window(clinic: Clinic, qtbot: QtBot) -> MainWindow:
    """The desk's window on Monday 2 March."""
    window = MainWindow(clinic.services)
    qtbot.addWidget(window)
    window.resize(1300, 1000)
    window.show()
    qtbot.waitExposed(window)
    window.show_day(MONDAY)
    _shaded_day(window, qtbot)
    return window


def _shaded_day(window: MainWindow, qtbot: QtBot) -> None:
    """The day's shading is read on the worker, with its appointments."""
    qtbot.waitUntil(lambda: not window.loading, timeout=5000)


def test_the_day_shades_breaks_time_off_and_closures_per_professional(
    rostered: Clinic, qtbot: QtBot
) -> None:
    window = _window(rostered, qtbot)
    grid = window.day_view
    assert [c.name for c in grid.columns] == ["Dr Ana Silva", "Tom Becker", "Unassigned"]
    assert _shaded(grid, 0) == [
        ("08:00", "09:00", "Not working"),
        ("13:00", "14:00", "Break"),
        ("18:00", "19:00", "Not working"),
    ]
    assert _shaded(grid, 1) == [("15:00", "19:00", "Vacation: Conference")]
    assert _shaded(grid, 2) == []  # "Unassigned" shows only what closes the clinic
    # The break is drawn where the grid puts 13:00-14:00 in Dr Silva's column.
    lunch = next(s for s in grid.shades_of(0) if s.text == "Break")
    assert grid.backdrop.shade_rect(lunch) == grid.rect_for(0, 13 * 60, 14 * 60)
    assert lunch in grid.backdrop.shades
    # Hovering a shaded place says why (narrow columns shorten the words).
    under = grid.shade_at(QPointF(grid.cells.x(1) + 5, grid.cells.y(16 * 60)))
    assert under is not None and under.text == "Vacation: Conference"
    assert grid.shade_at(QPointF(grid.cells.x(0) + 5, grid.cells.y(11 * 60))) is None
    # The closed Wednesday: every column shaded all day, with the closure's reason.
    window.show_day(date(2026, 3, 4))
    _shaded_day(window, qtbot)
    for column in range(3):
        whole = grid.shades_of(column)
        assert [(s.start, s.end) for s in whole if s.text] == [(0, 24 * 60)]
        assert {s.text for s in whole if s.text} == {"Clinic closed: Inventory"}


def test_the_week_and_month_show_the_shading_loaded_with_the_period(
    rostered: Clinic, qtbot: QtBot
) -> None:
    window = _window(rostered, qtbot)
    window.tabs.setCurrentWidget(window.week_view)
    assert window.loading  # read on the worker, with the appointments
    qtbot.waitUntil(lambda: not window.loading, timeout=5000)
    grid = window.week_grid
    tuesday_silva = grid.column_of(grid.columns[0].professional_id, date(2026, 3, 3))
    assert tuesday_silva is not None
    assert ("13:00", "14:00", "Break") in _shaded(grid, tuesday_silva)
    becker_monday = grid.column_of(grid.columns[1].professional_id, MONDAY)
    assert becker_monday is not None
    assert _shaded(grid, becker_monday) == [("15:00", "19:00", "Vacation: Conference")]
    sunday = grid.column_of(None, date(2026, 3, 8))
    assert sunday is not None
    assert [s.text for s in grid.shades_of(sunday)] == ["Clinic closed"]

    window.tabs.setCurrentWidget(window.month_view)
    qtbot.waitUntil(lambda: not window.loading, timeout=5000)
    month = window.month_view
    assert month.closed[date(2026, 3, 4)] == "Clinic closed: Inventory"
    assert month.closed[date(2026, 3, 8)] == ""  # a Sunday: shaded, no words needed
    assert MONDAY not in month.closed


def test_a_drop_outside_working_time_is_refused_with_the_reason_and_snaps_back(
    rostered: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: shown.append(text))
    window = _window(rostered, qtbot)
    grid = window.day_view
    grid.relayout()
    grid.scroll_to_opening()
    hovered: list[str] = []
    grid.hover_message.connect(hovered.append)
    appt = by_hour(rostered, 10)  # Dr Silva's, 10:00-10:45
    home = grid.items[appt.id].rect()
    drag(grid, point(grid, 0, 10 * 60 + 10), point(grid, 0, 13 * 60 + 10))  # into her break
    assert hovered and "Dr Ana Silva" in hovered[-1]
    assert len(shown) == 1 and "Dr Ana Silva" in shown[0]
    assert "does not work 13:00-14:00" in shown[0]
    assert rostered.booking.get(appt.id).start == rostered.at(2, 10)
    assert grid.items[appt.id].rect() == home
    # Into Tom Becker's vacation: refused, saying so.
    drag(grid, point(grid, 0, 10 * 60 + 10), point(grid, 1, 15 * 60 + 40))
    assert len(shown) == 2 and "Conference" in shown[1]
    assert rostered.booking.get(appt.id).professional_name == "Dr Ana Silva"
    assert grid.items[appt.id].rect() == home
