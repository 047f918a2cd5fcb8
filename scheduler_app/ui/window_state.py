"""What a desk keeps between sessions (QSettings): size, view, zoom, whose week, colours."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from scheduler_app.ui.calendar.blocks import ColorBy
from scheduler_app.ui.calendar.period import Span

if TYPE_CHECKING:
    from scheduler_app.ui.main_window import MainWindow

ZOOM_LIMITS = (0.6, 4.0)  # pixels per minute


def restore(window: MainWindow, settings: QSettings) -> None:
    """Put back what `save` kept; anything unreadable falls back to the default."""
    geometry = settings.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    state = settings.value("window/state")
    if state is not None:
        window.restoreState(state)
    try:
        zoom = float(str(settings.value("calendar/zoom", 1.6)))
    except ValueError:
        zoom = 1.6
    low, high = ZOOM_LIMITS
    for grid in (window.day_view, window.week_grid):
        grid.grid = replace(grid.grid, px_per_minute=min(high, max(low, zoom)))
    tab = str(settings.value("window/tab", 0))
    window.tabs.setCurrentIndex(int(tab) if tab.isdigit() else 0)
    span = str(settings.value("calendar/span", Span.DAY.value))
    window.span = Span(span) if span in {s.value for s in Span} else Span.DAY
    window.week_kept = settings.value("calendar/week_shown")
    kept = str(settings.value("calendar/color_by", ColorBy.STATUS.value))
    window.colour_choice = next((c for c in ColorBy if c.value == kept), ColorBy.STATUS)


def save(window: MainWindow, settings: QSettings) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("calendar/zoom", window.day_view.grid.px_per_minute)
    settings.setValue("window/tab", window.tabs.currentIndex())
    settings.setValue("calendar/span", window.span.value)
    settings.setValue("calendar/week_shown", window.week_view.shown)
    settings.setValue("calendar/color_by", window.colour_choice.value)
