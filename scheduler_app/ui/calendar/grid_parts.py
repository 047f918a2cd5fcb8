"""The column header and the scrolling canvas of the resource grid.

They only translate Qt events into calls on the grid (`ResourceGrid`), which
owns the scene, the selection and the drags.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QToolTip, QWidget

from scheduler_app.ui.calendar.names import fitted, initials, shorter_forms
from scheduler_app.ui.i18n import day_text

if TYPE_CHECKING:
    from scheduler_app.ui.calendar.resource_grid import ResourceGrid

ROW_HEIGHT = 30  # one header row; a grid of days x professionals has two


class GridHeader(QWidget):
    """Professional names over their columns; above them the day when several are shown."""

    def __init__(self, view: ResourceGrid) -> None:
        super().__init__(view)
        self._view = view
        self.setFixedHeight(ROW_HEIGHT)

    def column_at(self, x: float) -> int | None:
        view = self._view
        left = view.canvas.frameWidth() - view.canvas.horizontalScrollBar().value()
        return view.cells.column(x - left, len(view.columns))

    def event(self, event: QEvent) -> bool:
        """The full name (and day) of the column under the mouse: names may be short."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.column_at(event.pos().x())
            if index is None:
                QToolTip.hideText()
            else:
                column = self._view.columns[index]
                day = day_text(self._view.day_of(index))
                QToolTip.showText(event.globalPos(), f"{column.name}\n{day}", self)
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#f4f6f8"))
        view = self._view
        grid, canvas = view.cells, view.canvas
        left = canvas.frameWidth() - canvas.horizontalScrollBar().value()
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        top = 0
        if view.grouped:
            top = ROW_HEIGHT
            for day, first, count in view.day_groups():
                rect = QRectF(left + grid.x(first), 0, grid.column_width * count, ROW_HEIGHT)
                if rect.right() < 0 or rect.left() > self.width():
                    continue
                painter.setPen(QColor("#b0bec5"))
                painter.drawLine(rect.topLeft(), rect.bottomLeft())
                painter.setPen(QColor("#c62828") if day == view.today() else QColor("#222222"))
                painter.drawText(
                    rect.adjusted(4, 0, -4, 0), Qt.AlignmentFlag.AlignCenter, day_text(day)
                )
            font.setBold(False)
            painter.setFont(font)
        visible = range(
            max(0, int((-left - grid.gutter) // grid.column_width)),
            min(
                len(view.columns), int((self.width() - left - grid.gutter) // grid.column_width) + 1
            ),
        )
        for index in visible:
            column = view.columns[index]
            rect = QRectF(left + grid.x(index), top, grid.column_width, ROW_HEIGHT)
            painter.fillRect(rect.adjusted(1, ROW_HEIGHT - 4, -1, 0), QColor(column.color))
            is_today = column.day is not None and column.day == view.today() and not view.grouped
            painter.setPen(QColor("#c62828") if is_today else QColor("#222222"))
            text = _header_name(column.name, painter.fontMetrics(), int(grid.column_width) - 8)
            painter.drawText(rect.adjusted(4, 0, -4, -4), Qt.AlignmentFlag.AlignCenter, text)
        painter.end()


def _header_name(name: str, metrics: QFontMetrics, room: int) -> str:
    """The longest form of ``name`` that fits; initials in a fitted week."""

    def middle(text: str) -> str:
        return metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, room)

    text = fitted(name, room, metrics.horizontalAdvance, middle)
    if text in shorter_forms(name) and metrics.horizontalAdvance(text) <= room:
        return text
    return initials(name)  # a fitted week: no room for a name (the tooltip gives it)


class GridCanvas(QGraphicsView):
    def __init__(self, view: ResourceGrid) -> None:
        super().__init__(view)
        self._view = view
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)  # reset on rebuild
        self.setMouseTracking(True)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._view.press(self.mapToScene(event.position().toPoint()), event.modifiers())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._view.drag_to(self.mapToScene(event.position().toPoint()))
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._view.release()
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._view.double_click(self.mapToScene(event.position().toPoint()))
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
        }
        key = Qt.Key(event.key())
        step = steps.get(key)
        if step is not None and self._view.nudge(*step):
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._view.activate()
            event.accept()
            return
        if key == Qt.Key.Key_Escape:
            self._view.escape()
            event.accept()
            return
        if key == Qt.Key.Key_Space and self._view.pick_under_cursor():
            event.accept()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Ctrl+wheel zooms, keeping the time under the mouse where it is."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self._view.zoom_requested.emit(1.25**steps, event.position().y())
            event.accept()
            return
        super().wheelEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        item = self._view.item_at(self.mapToScene(event.pos()))
        if item is not None:
            if item.appointment.id not in self._view.selected_ids:
                self._view.select(item.appointment.id, notify=True)
            self._view.context_requested.emit(item.appointment, event.globalPos())

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            item = self._view.item_at(self.mapToScene(event.pos()))
            shade = self._view.shade_at(self.mapToScene(event.pos())) if item is None else None
            if shade is not None and shade.text:  # why nobody can be booked there
                QToolTip.showText(event.globalPos(), shade.text, self.viewport())
            elif item is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), item.tooltip(), self.viewport())
            return True
        return super().viewportEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._view.relayout()

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        self._view.paint_under(painter, QRectF(rect))

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        self._view.paint_over(painter, QRectF(rect))

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if dx:  # the time axis stays at the left edge: shifted pixels would carry it along
            self.viewport().update()
        self._view.header.update()
