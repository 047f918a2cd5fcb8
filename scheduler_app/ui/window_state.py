"""What a desk keeps between sessions (QSettings): size, view, zoom, whose week, colours;
and where a desk opens the first time (most of the screen, on a day with work)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication

from scheduler_app.domain.localtime import day_bounds
from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.ui.calendar.blocks import ColorBy
from scheduler_app.ui.calendar.period import Span

if TYPE_CHECKING:
    from scheduler_app.ui.main_window import MainWindow

ZOOM_LIMITS = (0.6, 4.0)  # pixels per minute
FIRST_SIZE = 0.9  # of the screen's free area, on the first start
LOOK_AHEAD_DAYS = 14  # for a day with appointments, when the clinic is closed today


def opening_day(services: Services) -> date:
    """Today when the clinic works today (a weekday, or a day with appointments);
    else the next day with appointments (today if there is none soon)."""
    tz = services.context.timezone
    today = services.context.now().astimezone(tz).date()
    if today.weekday() < 5:
        return today
    start = day_bounds(today, tz)[0]
    end = day_bounds(today + timedelta(days=LOOK_AHEAD_DAYS), tz)[1]
    try:
        coming = services.booking.appointments_between(start, end)
    except SchedulerError:
        return today
    days = sorted(a.start.astimezone(tz).date() for a in coming if a.status.is_active)
    return days[0] if days else today


def first_size(window: MainWindow) -> None:
    """Most of the screen, centred (the first start: nothing kept yet)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    width, height = int(area.width() * FIRST_SIZE), int(area.height() * FIRST_SIZE)
    window.resize(width, height)
    window.move(area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2)


def restore(window: MainWindow, settings: QSettings) -> None:
    """Put back what `save` kept; anything unreadable falls back to the default."""
    geometry = settings.value("window/geometry")
    if geometry is None or not window.restoreGeometry(geometry):
        first_size(window)
    state = settings.value("window/state")
    if state is not None:
        window.restoreState(state)
    try:
        zoom = float(str(settings.value("calendar/zoom", 1.6)))
    except ValueError:
        zoom = 1.6
    low, high = ZOOM_LIMITS
    for grid in (window.day_view, window.week_grid):
        grid.cells = replace(grid.cells, px_per_minute=min(high, max(low, zoom)))
    tab = str(settings.value("window/tab", 0))
    window.tabs.setCurrentIndex(int(tab) if tab.isdigit() else 0)
    span = str(settings.value("calendar/span", Span.DAY.value))
    window.span = Span(span) if span in {s.value for s in Span} else Span.DAY
    window.week_kept = settings.value("calendar/week_shown")
    hidden = settings.value("calendar/week_hidden", [])
    keys = [
        int(str(k))
        for k in (hidden if isinstance(hidden, list) else [hidden])
        if str(k).lstrip("-").isdigit()
    ]
    fit = str(settings.value("calendar/week_fit", "true")).lower() != "false"
    window.week_view.keep(keys, fit)
    window.by_room = str(settings.value("calendar/day_by_room", "false")).lower() == "true"
    window.column_actions[window.by_room].setChecked(True)
    kept = str(settings.value("calendar/color_by", ColorBy.STATUS.value))
    window.color_choice = next((c for c in ColorBy if c.value == kept), ColorBy.STATUS)


def save(window: MainWindow, settings: QSettings) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("calendar/zoom", window.day_view.cells.px_per_minute)
    settings.setValue("window/tab", window.tabs.currentIndex())
    settings.setValue("calendar/span", window.span.value)
    settings.setValue("calendar/week_shown", window.week_view.shown)
    settings.setValue("calendar/week_hidden", [str(k) for k in sorted(window.week_view.hidden)])
    settings.setValue("calendar/week_fit", window.week_view.fit.isChecked())
    settings.setValue("calendar/color_by", window.color_choice.value)
    settings.setValue("calendar/day_by_room", window.by_room)
