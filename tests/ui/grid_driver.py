"""Driving the calendar grid with the mouse, offscreen (see QT-AND-PACKAGING-NOTES)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from scheduler_app.services.dto import AppointmentView
from scheduler_app.ui.calendar.resource_grid import ResourceGrid
from tests.conftest import Clinic

CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton


def point(grid: ResourceGrid, column: int, minutes: float, x_fraction: float = 0.5) -> QPoint:
    """Viewport point of a column (0-based) at minutes after local midnight."""
    g = grid.cells
    scene = QPointF(g.x(column) + g.column_width * x_fraction, g.y(minutes))
    return grid.canvas.mapFromScene(scene)


def drag(
    grid: ResourceGrid, start: QPoint, end: QPoint, modifier: Qt.KeyboardModifier = NONE
) -> None:
    viewport = grid.canvas.viewport()
    QTest.mousePress(viewport, LEFT, modifier, start)
    QTest.mouseMove(viewport, end)
    QTest.mouseRelease(viewport, LEFT, modifier, end)


def by_hour(desk: Clinic, hour: int, day: int = 2) -> AppointmentView:
    """The appointment starting at ``hour`` on March ``day`` (the `desk` fixture's)."""
    return next(
        a
        for a in desk.booking.appointments_on(desk.at(day, 0).date())
        if a.start.astimezone(desk.tz).hour == hour
    )
