"""Day view: a time axis and one column per professional, plus "Unassigned".

Click an empty slot (or drag down a range) to book; drag an appointment to
another time or column to move it, drag its bottom edge to resize. While
dragging, the service says whether the target is free (green or red outline,
the reason in `hover_message`); the drop itself is decided by the main window
through the services, so a refused drop snaps back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.localtime import LocalTimeError, localize
from scheduler_app.services.dto import AppointmentView, Availability
from scheduler_app.ui.appointment_model import AppointmentRole, AppointmentTableModel
from scheduler_app.ui.calendar.items import AppointmentItem
from scheduler_app.ui.calendar.layout import Grid, lanes, snap, snap_down

#: check(start, end, professional_id, appointment_id) -> Availability
Checker = Callable[[datetime, datetime, int | None, int | None], Availability]

HEADER_HEIGHT = 30
EDGE = 6.0  # pixels at the bottom of a block that resize it


@dataclass(frozen=True)
class Column:
    professional_id: int | None
    name: str
    color: str = "#9e9e9e"


@dataclass
class _Drag:
    mode: str  # "move", "resize" or "select"
    item: AppointmentItem | None
    column: int
    anchor_minutes: int
    offset_minutes: float = 0.0
    target: tuple[int, int, int] | None = None  # column, start minute, end minute
    moved: bool = False


class _Header(QWidget):
    def __init__(self, view: DayView) -> None:
        super().__init__(view)
        self._view = view
        self.setFixedHeight(HEADER_HEIGHT)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#f4f6f8"))
        grid, canvas = self._view.grid, self._view.canvas
        scroll = canvas.horizontalScrollBar().value()
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        for index, column in enumerate(self._view.columns):
            x = grid.x(index) - scroll + canvas.frameWidth()
            rect = QRectF(x, 0, grid.column_width, HEADER_HEIGHT)
            painter.fillRect(rect.adjusted(1, HEADER_HEIGHT - 4, -1, 0), QColor(column.color))
            painter.setPen(QColor("#222222"))
            text = painter.fontMetrics().elidedText(
                column.name, Qt.TextElideMode.ElideRight, int(grid.column_width) - 8
            )
            painter.drawText(rect.adjusted(4, 0, -4, -4), Qt.AlignmentFlag.AlignCenter, text)
        painter.end()


class _Canvas(QGraphicsView):
    def __init__(self, view: DayView) -> None:
        super().__init__(view)
        self._view = view
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setMouseTracking(True)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._view._press(self.mapToScene(event.position().toPoint()))
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._view._move(self.mapToScene(event.position().toPoint()))
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._view._release()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
        }
        step = steps.get(Qt.Key(event.key()))
        if step is not None and self._view.nudge(*step):
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        item = self._view.item_at(self.mapToScene(event.pos()))
        if item is not None:
            self._view.select(item.appointment.id, notify=True)
            self._view.context_requested.emit(item.appointment, event.globalPos())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._view.relayout()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._view.header.update()


class DayView(QWidget):
    book_requested = Signal(object, object, object)  # professional id or None, start, end
    move_requested = Signal(object, object, object, object)  # appointment, start, end, prof
    selection_changed = Signal(object)  # AppointmentView or None
    context_requested = Signal(object, QPoint)
    hover_message = Signal(str)

    def __init__(
        self,
        model: AppointmentTableModel,
        tz: ZoneInfo,
        check: Checker,
        *,
        slot_minutes: int = 15,
        opens_at: time = time(8),
        closes_at: time = time(19),
        now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.tz = tz
        self.check = check
        self.slot_minutes = slot_minutes
        self.opens_at, self.closes_at = opens_at, closes_at
        self.now = now
        self.day: date = now().astimezone(tz).date()
        self.columns: list[Column] = [Column(None, "Unassigned")]
        self.grid = Grid(px_per_minute=1.6, column_width=160)
        self.items: dict[int, AppointmentItem] = {}
        self._selected: int | None = None
        self._drag: _Drag | None = None
        self._band: QGraphicsRectItem | None = None

        self.scene = QGraphicsScene(self)
        self.canvas = _Canvas(self)
        self.canvas.setScene(self.scene)
        self.canvas.setFrameShape(QFrame.Shape.NoFrame)
        self.canvas.setAccessibleName("Day calendar")
        self.header = _Header(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.canvas)
        model.modelReset.connect(self.rebuild)

    # -- content -------------------------------------------------------------

    def set_columns(self, columns: list[Column]) -> None:
        self.columns = [*columns, Column(None, "Unassigned")]
        self.relayout()

    def set_day(self, day: date) -> None:
        self.day = day
        self.rebuild()

    def set_zoom(self, px_per_minute: float) -> None:
        self.grid = Grid(px_per_minute, self.grid.column_width, self.grid.gutter)
        self.rebuild()

    def relayout(self) -> None:
        width = self.canvas.viewport().width() - self.grid.gutter
        column_width = max(120.0, width / max(1, len(self.columns)))
        self.grid = Grid(self.grid.px_per_minute, column_width, self.grid.gutter)
        self.rebuild()

    def column_of(self, professional_id: int | None) -> int:
        for index, column in enumerate(self.columns):
            if column.professional_id == professional_id:
                return index
        return len(self.columns) - 1

    def minutes_of(self, moment: datetime) -> float:
        """Minutes since local midnight of the shown day (clamped to the day)."""
        local = moment.astimezone(self.tz)
        if local.date() < self.day:
            return 0.0
        if local.date() > self.day:
            return 24 * 60.0
        return local.hour * 60 + local.minute + local.second / 60

    def rect_for(self, column: int, start_min: float, end_min: float) -> QRectF:
        x = self.grid.x(column)
        return QRectF(
            x, self.grid.y(start_min), self.grid.column_width, self.grid.y(end_min - start_min)
        )

    def rebuild(self) -> None:
        """Redraw everything from the model (the visible day only)."""
        self._drag = None
        self._band = None
        self.scene.clear()
        self.items = {}
        grid = self.grid
        width = grid.x(len(self.columns))
        self.scene.setSceneRect(0, 0, width, grid.height)
        self._paint_background(width)
        by_column: dict[int, list[AppointmentView]] = {}
        for row in range(self.model.rowCount()):
            appt = self.model.data(self.model.index(row, 0), AppointmentRole)
            if appt is None or appt.status.value in ("cancelled", "rescheduled"):
                continue
            by_column.setdefault(self.column_of(appt.professional_id), []).append(appt)
        for column, appts in by_column.items():
            placed = lanes(
                [(a.id, self.minutes_of(a.start), self.minutes_of(a.end)) for a in appts]
            )
            for appt in appts:
                lane = placed[appt.id]
                rect = self.rect_for(column, self.minutes_of(appt.start), self.minutes_of(appt.end))
                lane_width = rect.width() / lane.count
                rect = QRectF(
                    rect.x() + lane.index * lane_width, rect.y(), lane_width, rect.height()
                )
                item = AppointmentItem(appt, rect, self.tz)
                self.scene.addItem(item)
                self.items[appt.id] = item
                item.setSelected(appt.id == self._selected)
        self.header.update()

    def _paint_background(self, width: float) -> None:
        grid = self.grid
        closed = QBrush(QColor("#eceff1"))
        opens = self.opens_at.hour * 60 + self.opens_at.minute
        closes = self.closes_at.hour * 60 + self.closes_at.minute
        no_pen = QPen(Qt.PenStyle.NoPen)
        self.scene.addRect(QRectF(grid.gutter, 0, width, grid.y(opens)), no_pen, closed)
        self.scene.addRect(
            QRectF(grid.gutter, grid.y(closes), width, grid.height - grid.y(closes)), no_pen, closed
        )
        now = self.now().astimezone(self.tz)
        past_until = None
        if self.day < now.date():
            past_until = 24 * 60
        elif self.day == now.date():
            past_until = now.hour * 60 + now.minute
        if past_until:
            past = QBrush(QColor(0, 0, 0, 18))
            self.scene.addRect(QRectF(grid.gutter, 0, width, grid.y(past_until)), no_pen, past)
        hour_pen, half_pen = QPen(QColor("#cfd8dc")), QPen(QColor("#eceff1"))
        font = QFont()
        font.setPointSizeF(8)
        for minute in range(0, 24 * 60, 30):
            y = grid.y(minute)
            self.scene.addLine(grid.gutter, y, width, y, hour_pen if minute % 60 == 0 else half_pen)
            if minute % 60 == 0:
                label = self.scene.addText(f"{minute // 60:02d}:00", font)
                label.setDefaultTextColor(QColor("#607d8b"))
                label.setPos(6, y - 2)
        for index in range(len(self.columns) + 1):
            x = grid.x(index)
            self.scene.addLine(x, 0, x, grid.height, hour_pen)
        if self.day == now.date():
            y = grid.y(now.hour * 60 + now.minute)
            line = self.scene.addLine(grid.gutter, y, width, y, QPen(QColor("#e53935"), 2))
            line.setZValue(20)

    def scroll_to_opening(self) -> None:
        y = self.grid.y(max(0, self.opens_at.hour * 60 - 30))
        self.canvas.verticalScrollBar().setValue(int(y))

    # -- selection -----------------------------------------------------------

    def item_at(self, pos: QPointF) -> AppointmentItem | None:
        for item in self.scene.items(pos):
            if isinstance(item, AppointmentItem):
                return item
        return None

    def select(self, appointment_id: int | None, *, notify: bool = False) -> None:
        """Highlight an appointment; ``notify`` when the user did it here."""
        self._selected = appointment_id
        for key, item in self.items.items():
            item.setSelected(key == appointment_id)
        if notify:
            chosen = self.items.get(appointment_id) if appointment_id is not None else None
            self.selection_changed.emit(chosen.appointment if chosen else None)

    # -- mouse ---------------------------------------------------------------

    def _minute_at(self, y: float) -> float:
        return min(max(self.grid.minutes(y), 0.0), 24 * 60.0)

    def _press(self, pos: QPointF) -> None:
        item = self.item_at(pos)
        if item is not None:
            self.select(item.appointment.id, notify=True)
            if not item.appointment.status.is_active:
                return
            resize = pos.y() >= item.rect().bottom() - EDGE
            start_min = self.minutes_of(item.appointment.start)
            self._drag = _Drag(
                "resize" if resize else "move",
                item,
                self.column_of(item.appointment.professional_id),
                int(start_min),
                offset_minutes=self._minute_at(pos.y()) - start_min,
            )
            return
        column = self.grid.column(pos.x(), len(self.columns))
        if column is None:
            return
        self.select(None, notify=True)
        minute = snap_down(self._minute_at(pos.y()), self.slot_minutes)
        self._drag = _Drag("select", None, column, minute)

    def _move(self, pos: QPointF) -> None:
        drag = self._drag
        if drag is None:
            item = self.item_at(pos)
            near_edge = item is not None and pos.y() >= item.rect().bottom() - EDGE
            cursor = Qt.CursorShape.SizeVerCursor if near_edge else Qt.CursorShape.ArrowCursor
            self.canvas.viewport().setCursor(cursor)
            return
        step = self.slot_minutes
        if drag.mode == "select":
            minute = snap_down(self._minute_at(pos.y()), step)
            lo, hi = sorted((drag.anchor_minutes, minute))
            rect = self.rect_for(drag.column, lo, hi + step)
            if self._band is None:
                self._band = self.scene.addRect(
                    rect, QPen(QColor("#1565c0")), QBrush(QColor(21, 101, 192, 40))
                )
                self._band.setZValue(30)
            self._band.setRect(rect)
            drag.target = (drag.column, lo, hi + step)
            drag.moved = True
            return
        assert drag.item is not None
        appt = drag.item.appointment
        length = self.minutes_of(appt.end) - self.minutes_of(appt.start)
        if drag.mode == "move":
            column = self.grid.column(pos.x(), len(self.columns))
            column = drag.column if column is None else column
            start = snap(self._minute_at(pos.y()) - drag.offset_minutes, step)
            start = int(min(max(start, 0), 24 * 60 - length))
            target = (column, start, int(start + length))
        else:
            start = int(self.minutes_of(appt.start))
            end = max(start + step, snap(self._minute_at(pos.y()), step))
            target = (drag.column, start, min(end, 24 * 60))
        if target == drag.target:
            return
        drag.target = target
        drag.moved = True
        drag.item.setRect(self.rect_for(*target))
        drag.item.setZValue(25)
        verdict = self._check(target, appt)
        drag.item.set_verdict(verdict.ok)
        self.hover_message.emit("" if verdict.ok else verdict.reason)

    def _check(self, target: tuple[int, int, int], appt: AppointmentView) -> Availability:
        try:
            start, end = self.times(target[1], target[2])
        except LocalTimeError as exc:
            return Availability(False, str(exc))
        return self.check(start, end, self.columns[target[0]].professional_id, appt.id)

    def times(self, start_min: int, end_min: int) -> tuple[datetime, datetime]:
        """Aware start and end for minutes of the shown day (end may be midnight)."""
        start = localize(self.day, time(start_min // 60, start_min % 60), self.tz)
        if end_min >= 24 * 60:
            end_day, end_min = self.day + timedelta(days=1), end_min - 24 * 60
        else:
            end_day = self.day
        return start, localize(end_day, time(end_min // 60, end_min % 60), self.tz)

    def _release(self) -> None:
        drag, self._drag = self._drag, None
        if drag is None:
            return
        if drag.mode == "select":
            if self._band is not None:
                self.scene.removeItem(self._band)
                self._band = None
            column, lo, hi = drag.target or (drag.column, drag.anchor_minutes, None)
            try:
                start, end = (
                    self.times(lo, hi) if hi is not None else (self.times(lo, lo + 1)[0], None)
                )
            except LocalTimeError as exc:
                self.hover_message.emit(str(exc))
                return
            self.book_requested.emit(self.columns[column].professional_id, start, end)
            return
        assert drag.item is not None
        item, target = drag.item, drag.target
        item.set_verdict(None)
        item.setRect(item.home)
        item.setZValue(10)
        if not drag.moved or target is None:
            return
        home = (
            self.column_of(item.appointment.professional_id),
            int(self.minutes_of(item.appointment.start)),
            int(self.minutes_of(item.appointment.end)),
        )
        if target == home:
            return
        try:
            start, end = self.times(target[1], target[2])
        except LocalTimeError as exc:
            self.hover_message.emit(str(exc))
            return
        self.move_requested.emit(
            item.appointment, start, end, self.columns[target[0]].professional_id
        )

    def nudge(self, columns: int, slots: int) -> bool:
        """Move the selected appointment one slot or one column (arrow keys)."""
        item = self.items.get(self._selected) if self._selected is not None else None
        if item is None or not item.appointment.status.is_active:
            return False
        appt = item.appointment
        column = self.column_of(appt.professional_id) + columns
        if not 0 <= column < len(self.columns):
            return True  # at the edge: nothing to do, but the key was ours
        start = int(self.minutes_of(appt.start)) + slots * self.slot_minutes
        end = int(self.minutes_of(appt.end)) + slots * self.slot_minutes
        if start < 0 or end > 24 * 60:
            return True
        try:
            new_start, new_end = self.times(start, end)
        except LocalTimeError as exc:
            self.hover_message.emit(str(exc))
            return True
        self.move_requested.emit(appt, new_start, new_end, self.columns[column].professional_id)
        return True

    def appointment_index(self, appointment_id: int) -> QModelIndex:
        row = self.model.row_of(appointment_id)
        return self.model.index(row, 0) if row >= 0 else QModelIndex()
