"""The resource grid: a time axis and one column per professional (and day).

The day view has one column per professional plus "Unassigned"; the week view
has one per day and professional (or one per day for a single professional).
Click an empty slot (or drag down a range) to book; drag an appointment to
another time or column to move it, drag its bottom edge to resize. Ctrl- or
Shift-click, or Ctrl-drag a band over empty space, selects several; dragging
one of them moves them all together. While dragging, the service says whether
the target is free (green or red outline, the reason in `hover_message`); the
drop itself is decided by the main window through the services, so a refused
drop snaps back.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsRectItem,
    QGraphicsScene,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.localtime import LocalTimeError, localize
from scheduler_app.services.dto import AppointmentView, Availability, MoveRequest
from scheduler_app.ui.appointment_model import AppointmentTableModel
from scheduler_app.ui.calendar.backdrop import Backdrop
from scheduler_app.ui.calendar.blocks import Block, BlockLayer, Palette
from scheduler_app.ui.calendar.grid_parts import ROW_HEIGHT, GridCanvas, GridHeader
from scheduler_app.ui.calendar.layout import Grid, lanes, snap, snap_down

#: check(start, end, professional_id, appointment_id) -> Availability
Checker = Callable[[datetime, datetime, int | None, int | None], Availability]
#: check several moves made together -> Availability
GroupChecker = Callable[[list[MoveRequest]], Availability]
#: (appointment as shown, where it goes)
Move = tuple[AppointmentView, MoveRequest]

EDGE = 6.0  # pixels at the bottom of a block that resize it
DAY_MINUTES = 24 * 60
HIDDEN_STATUSES = ("cancelled", "rescheduled")


@dataclass(frozen=True)
class Column:
    professional_id: int | None
    name: str
    color: str = "#9e9e9e"
    day: date | None = None  # None: the grid's day


@dataclass
class _Drag:
    mode: str  # "move", "resize", "select" (to book), "band" (to select) or "group"
    item: Block | None
    column: int
    anchor_minutes: float
    offset_minutes: float = 0.0
    target: tuple[int, int, int] | None = None  # column, start minute, end minute
    moved: bool = False
    group: list[Move] = field(default_factory=list)  # what moves, where it is now
    moves: list[Move] = field(default_factory=list)  # where it would go


class ResourceGrid(QWidget):
    book_requested = Signal(object, object, object)  # professional id or None, start, end
    move_requested = Signal(object, object, object, object)  # appointment, start, end, prof
    group_move_requested = Signal(object)  # list[Move]
    selection_changed = Signal(object)  # the appointment last picked, or None
    context_requested = Signal(object, QPoint)
    activated = Signal(object)  # Enter or double-click: an appointment, or None on empty space
    hover_message = Signal(str)

    def __init__(
        self,
        model: AppointmentTableModel,
        tz: ZoneInfo,
        check: Checker,
        *,
        check_group: GroupChecker | None = None,
        slot_minutes: int = 15,
        opens_at: time = time(8),
        closes_at: time = time(19),
        now: Callable[[], datetime],
        min_column_width: float = 120.0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.tz = tz
        self.check = check
        self.check_group = check_group
        self.slot_minutes = slot_minutes
        self.opens_at, self.closes_at = opens_at, closes_at
        self.now = now
        self.min_column_width = min_column_width
        self.day: date = now().astimezone(tz).date()
        self.columns: list[Column] = [Column(None, "Unassigned")]
        self.grid = Grid(px_per_minute=1.6, column_width=160)
        self.items: dict[int, Block] = {}  # first (usually only) block of each
        self._blocks: dict[int, list[Block]] = {}
        self.layer = BlockLayer(0, 0)
        self.fills = Palette()
        self.backdrop = self._backdrop()
        self._column_index: dict[tuple[int | None, date], int] = {}
        self._selected: list[int] = []  # the last one is the one picked last
        self._drag: _Drag | None = None
        self._band: QGraphicsRectItem | None = None
        self._stale = False
        self._scroll_pending = False

        self.scene = QGraphicsScene(self)
        self.canvas = GridCanvas(self)
        self.canvas.setScene(self.scene)
        self.canvas.setFrameShape(QFrame.Shape.NoFrame)
        self.header = GridHeader(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.canvas)
        model.modelReset.connect(self.rebuild)

    # -- content -------------------------------------------------------------

    def set_columns(self, columns: list[Column]) -> None:
        self.columns = list(columns)
        self.header.setFixedHeight(ROW_HEIGHT * (2 if self.grouped else 1))

    @property
    def grouped(self) -> bool:
        """Several days with several columns each (a header row for the days)."""
        days = [self.day_of(i) for i in range(len(self.columns))]
        return len(set(days)) > 1 and len(days) > len(set(days))

    def day_groups(self) -> Iterator[tuple[date, int, int]]:
        """(day, first column, number of columns) for each run of one day."""
        start = 0
        for index in range(1, len(self.columns) + 1):
            if index == len(self.columns) or self.day_of(index) != self.day_of(start):
                yield self.day_of(start), start, index - start
                start = index

    def day_of(self, column: int) -> date:
        return self.columns[column].day or self.day

    def today(self) -> date:
        return self.now().astimezone(self.tz).date()

    def set_palette(self, palette: Palette) -> None:
        self.fills = self.layer.fills = palette
        self.layer.update()

    def set_zoom(self, px_per_minute: float) -> None:
        self.grid = Grid(px_per_minute, self.grid.column_width, self.grid.gutter)
        self.rebuild()

    def fit_columns(self) -> None:
        """Share the width among the columns (no narrower than the minimum)."""
        width = self.canvas.viewport().width() - self.grid.gutter
        column_width = max(self.min_column_width, width / max(1, len(self.columns)))
        self.grid = Grid(self.grid.px_per_minute, column_width, self.grid.gutter)

    def relayout(self) -> None:
        self.fit_columns()
        self.rebuild()

    def column_of(self, professional_id: int | None, day: date | None = None) -> int | None:
        return self._column_index.get((professional_id, day or self.day))

    def wall_minutes(self, moment: datetime, day: date) -> float:
        """Minutes from local midnight of ``day`` to ``moment`` on the wall clock."""
        local = moment.astimezone(self.tz)
        return (local.date() - day).days * DAY_MINUTES + local.hour * 60 + local.minute

    def minutes_of(self, moment: datetime, day: date | None = None) -> float:
        """`wall_minutes` clamped to the day shown (for drawing)."""
        return min(max(self.wall_minutes(moment, day or self.day), 0.0), DAY_MINUTES)

    def rect_for(self, column: int, start_min: float, end_min: float) -> QRectF:
        x = self.grid.x(column)
        return QRectF(
            x, self.grid.y(start_min), self.grid.column_width, self.grid.y(end_min - start_min)
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.rebuild()
        if self._scroll_pending:
            self.scroll_to_opening()

    def rebuild(self) -> None:
        """Redraw everything from the model (only when shown: hidden grids wait)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        collecting = gc.isenabled()
        gc.disable()  # thousands of new blocks must not set off a full collection midway
        try:
            self._rebuild()
        finally:
            if collecting:
                gc.enable()

    def _rebuild(self) -> None:
        self._drag = None
        self._band = None
        self.scene.clear()
        self.items, self._blocks = {}, {}
        grid = self.grid
        width = grid.x(len(self.columns))
        self.scene.setSceneRect(0, 0, width, grid.height)
        self.backdrop = self._backdrop()
        self.canvas.resetCachedContent()
        by_column: dict[int, list[tuple[AppointmentView, float, float]]] = {}
        index = self._column_index = {
            (c.professional_id, self.day_of(i)): i for i, c in enumerate(self.columns)
        }
        tz = self.tz
        for appt in self.model.rows():
            if appt.status.value in HIDDEN_STATUSES:
                continue
            start, end = appt.start.astimezone(tz), appt.end.astimezone(tz)
            day, start_min = start.date(), start.hour * 60 + start.minute
            while True:  # each day the appointment touches (one, but for the night)
                ends_today = end.date() == day
                end_min = end.hour * 60 + end.minute if ends_today else DAY_MINUTES
                column = index.get((appt.professional_id, day))
                if column is not None and end_min > start_min:
                    by_column.setdefault(column, []).append((appt, start_min, end_min))
                if ends_today:
                    break
                day, start_min = day + timedelta(days=1), 0
        selected = set(self._selected)
        layer = self.layer = BlockLayer(width, grid.height)
        placed_columns: dict[int, list[Block]] = {}
        scale, width_of_column = grid.px_per_minute, grid.column_width
        items, blocks_of = self.items, self._blocks
        for column, blocks in by_column.items():
            placed = lanes([(a.id, start, end) for a, start, end in blocks])
            out = placed_columns[column] = []
            left = grid.x(column)
            for appt, start, end in blocks:
                lane = placed[appt.id]
                lane_width = width_of_column / lane.count
                rect = QRectF(
                    left + lane.index * lane_width, start * scale, lane_width, (end - start) * scale
                )
                block = Block(layer, appt, rect, self.tz, column)
                block.selected = appt.id in selected
                out.append(block)
                blocks_of.setdefault(appt.id, []).append(block)
                items.setdefault(appt.id, block)
        layer.fills = self.fills
        layer.set_blocks(placed_columns, grid.column_width, grid.gutter)
        self.scene.addItem(layer)
        self.header.update()

    def _backdrop(self) -> Backdrop:
        return Backdrop(
            self.grid,
            len(self.columns),
            self.opens_at,
            self.closes_at,
            tuple(self.day_groups()),
            self.grouped,
        )

    def paint_under(self, painter: QPainter, rect: QRectF) -> None:
        self.backdrop.paint_under(painter, rect, self.now().astimezone(self.tz))

    def paint_over(self, painter: QPainter, rect: QRectF) -> None:
        left = self.canvas.mapToScene(0, 0).x()
        self.backdrop.paint_over(painter, rect, self.now().astimezone(self.tz), left)

    def scroll_to_opening(self) -> None:
        """Show the day from just before opening (once shown, if not yet)."""
        self._scroll_pending = not self.isVisible()
        if self._scroll_pending:
            return
        y = self.grid.y(max(0, self.opens_at.hour * 60 - 30))
        self.canvas.verticalScrollBar().setValue(int(y))

    # -- selection -----------------------------------------------------------

    @property
    def selected_ids(self) -> list[int]:
        return list(self._selected)

    def item_at(self, pos: QPointF) -> Block | None:
        return self.layer.block_at(pos.x(), pos.y())

    def select(self, appointment_id: int | None, *, notify: bool = False) -> None:
        """Select one appointment (or none); ``notify`` when the user did it here."""
        self._set_selection([] if appointment_id is None else [appointment_id], notify)

    def _set_selection(self, ids: list[int], notify: bool) -> None:
        self._selected = ids
        chosen = set(ids)
        for key, blocks in self._blocks.items():
            for block in blocks:
                block.setSelected(key in chosen)
        if notify:
            last = self.items.get(ids[-1]) if ids else None
            self.selection_changed.emit(last.appointment if last else None)

    def _toggle(self, appointment_id: int) -> None:
        ids = [i for i in self._selected if i != appointment_id]
        if len(ids) == len(self._selected):
            ids.append(appointment_id)
        self._set_selection(ids, notify=True)

    # -- mouse ---------------------------------------------------------------

    def _minute_at(self, y: float) -> float:
        return min(max(self.grid.minutes(y), 0.0), float(DAY_MINUTES))

    def press(self, pos: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        adding = bool(
            modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        )
        item = self.item_at(pos)
        if item is not None:
            appt = item.appointment
            if adding:
                self._toggle(appt.id)
                return
            if appt.id in self._selected and len(self._selected) > 1:
                self._start_group(item, pos)
                return
            self.select(appt.id, notify=True)
            if not appt.status.is_active:
                return
            resize = pos.y() >= item.rect().bottom() - EDGE
            start_min = self.wall_minutes(appt.start, self.day_of(item.column))
            self._drag = _Drag(
                "resize" if resize else "move",
                item,
                item.column,
                start_min,
                offset_minutes=self._minute_at(pos.y()) - start_min,
            )
            return
        column = self.grid.column(pos.x(), len(self.columns))
        if column is None:
            return
        minute = snap_down(self._minute_at(pos.y()), self.slot_minutes)
        if adding:
            self._drag = _Drag("band", None, column, self._minute_at(pos.y()))
            self._drag.target = (column, minute, minute)
            return
        self.select(None, notify=True)
        self._drag = _Drag("select", None, column, minute)

    def _start_group(self, item: Block, pos: QPointF) -> None:
        group: list[Move] = []
        for key in self._selected:
            block = self.items.get(key)
            if block is None or not block.appointment.status.is_active:
                continue
            group.append((block.appointment, _stays(block.appointment)))
        column = self.grid.column(pos.x(), len(self.columns))
        self._drag = _Drag(
            "group", item, item.column if column is None else column, self._minute_at(pos.y())
        )
        self._drag.group = group

    def drag_to(self, pos: QPointF) -> None:
        drag = self._drag
        if drag is None:
            item = self.item_at(pos)
            near_edge = item is not None and pos.y() >= item.rect().bottom() - EDGE
            cursor = Qt.CursorShape.SizeVerCursor if near_edge else Qt.CursorShape.ArrowCursor
            self.canvas.viewport().setCursor(cursor)
            return
        if drag.mode in ("select", "band"):
            self._drag_band(drag, pos)
        elif drag.mode == "group":
            self._drag_group(drag, pos)
        else:
            self._drag_one(drag, pos)

    def _drag_band(self, drag: _Drag, pos: QPointF) -> None:
        step = self.slot_minutes
        if drag.mode == "band":
            column = self.grid.column(pos.x(), len(self.columns))
            column = drag.column if column is None else column
            left, right = sorted((drag.column, column))
            top, bottom = sorted((drag.anchor_minutes, self._minute_at(pos.y())))
            rect = QRectF(
                self.grid.x(left),
                self.grid.y(top),
                self.grid.x(right + 1) - self.grid.x(left),
                self.grid.y(bottom - top),
            )
        else:
            minute = snap_down(self._minute_at(pos.y()), step)
            lo, hi = sorted((int(drag.anchor_minutes), minute))
            rect = self.rect_for(drag.column, lo, hi + step)
            drag.target = (drag.column, lo, hi + step)
        if self._band is None:
            self._band = self.scene.addRect(
                rect, QPen(QColor("#1565c0")), QBrush(QColor(21, 101, 192, 40))
            )
            self._band.setZValue(30)
        self._band.setRect(rect)
        drag.moved = True

    def _drag_one(self, drag: _Drag, pos: QPointF) -> None:
        assert drag.item is not None
        step = self.slot_minutes
        appt = drag.item.appointment
        home_day = self.day_of(drag.column)
        start0 = self.wall_minutes(appt.start, home_day)
        length = self.wall_minutes(appt.end, home_day) - start0
        if drag.mode == "move":
            column = self.grid.column(pos.x(), len(self.columns))
            column = drag.column if column is None else column
            start = snap(self._minute_at(pos.y()) - drag.offset_minutes, step)
            start = int(min(max(start, 0), DAY_MINUTES - length))
            target = (column, start, int(start + length))
        else:
            end = max(start0 + step, snap(self._minute_at(pos.y()), step))
            target = (drag.column, int(start0), int(min(end, DAY_MINUTES)))
        if target == drag.target:
            return
        drag.target = target
        drag.moved = True
        drag.item.setRect(self.rect_for(*target))
        drag.item.raise_(True)
        verdict = self._check(target, appt)
        drag.item.set_verdict(verdict.ok)
        self.hover_message.emit("" if verdict.ok else verdict.reason)

    def _drag_group(self, drag: _Drag, pos: QPointF) -> None:
        column = self.grid.column(pos.x(), len(self.columns))
        column = drag.column if column is None else column
        shift = (column - drag.column, snap(self._minute_at(pos.y()) - drag.anchor_minutes, 1))
        shift = (shift[0], snap(shift[1], self.slot_minutes))
        if drag.target == (*shift, 0):
            return
        drag.target = (*shift, 0)
        drag.moved = True
        moves, reason = self._group_targets(drag, *shift)
        for appt, _request in moves:
            block = self.items[appt.id]
            block.setRect(self._target_rect(block, shift))
            block.raise_(True)
        if reason is None and self.check_group is not None:
            verdict = self.check_group([request for _a, request in moves])
            reason = None if verdict.ok else verdict.reason
        for appt, _request in moves:
            self.items[appt.id].set_verdict(reason is None)
        self.hover_message.emit(reason or "")
        drag.moves = moves

    def _target_rect(self, block: Block, shift: tuple[int, int]) -> QRectF:
        home = block.home
        return QRectF(
            home.x() + shift[0] * self.grid.column_width,
            home.y() + self.grid.y(shift[1]),
            home.width(),
            home.height(),
        )

    def _group_targets(
        self, drag: _Drag, columns: int, minutes: int
    ) -> tuple[list[Move], str | None]:
        """Where each selected appointment lands when the group shifts; why not, if it can't."""
        moves: list[Move] = []
        reason = None
        for appt, request in drag.group:
            block = self.items[appt.id]
            column = block.column + columns
            if not 0 <= column < len(self.columns):
                moves.append((appt, request))
                reason = "The appointments would leave the calendar: move them less far."
                continue
            home_day, day = self.day_of(block.column), self.day_of(column)
            start = self.wall_minutes(appt.start, home_day) + minutes
            end = self.wall_minutes(appt.end, home_day) + minutes
            try:
                new_start, new_end = self.times(int(start), int(end), day)
            except LocalTimeError as exc:
                moves.append((appt, request))
                reason = str(exc)
                continue
            moves.append(
                (
                    appt,
                    MoveRequest(
                        appt.id,
                        appt.version,
                        new_start,
                        new_end,
                        self.columns[column].professional_id,
                    ),
                )
            )
        return moves, reason

    def _check(self, target: tuple[int, int, int], appt: AppointmentView) -> Availability:
        try:
            start, end = self.times(target[1], target[2], self.day_of(target[0]))
        except LocalTimeError as exc:
            return Availability(False, str(exc))
        return self.check(start, end, self.columns[target[0]].professional_id, appt.id)

    def times(
        self, start_min: int, end_min: int, day: date | None = None
    ) -> tuple[datetime, datetime]:
        """Aware start and end for wall-clock minutes of ``day`` (either may spill over)."""
        day = day or self.day

        def moment(minutes: int) -> datetime:
            spill, rest = divmod(minutes, DAY_MINUTES)
            return localize(day + timedelta(days=spill), time(rest // 60, rest % 60), self.tz)

        return moment(start_min), moment(end_min)

    def release(self) -> None:
        drag, self._drag = self._drag, None
        if drag is None:
            return
        if drag.mode in ("select", "band"):
            if self._band is not None:
                band = self._band.rect()
                self.scene.removeItem(self._band)
                self._band = None
            else:
                band = QRectF()
            if drag.mode == "band":
                self._select_in(band)
            else:
                self._request_booking(drag)
            return
        if drag.mode == "group":
            self._release_group(drag)
            return
        assert drag.item is not None
        item, target = drag.item, drag.target
        item.set_verdict(None)
        request = self._drop(item, target) if drag.moved and target is not None else None
        if request is None:
            item.raise_(False)
            item.setRect(item.home)
            return
        # It stays where it was dropped until the calendar reloads: at its new place
        # if the service agrees, back home (with the reason) if not.
        self.move_requested.emit(item.appointment, *request)

    def _drop(
        self, item: Block, target: tuple[int, int, int]
    ) -> tuple[datetime, datetime, int | None] | None:
        """Where a drop at ``target`` moves the appointment; None when nowhere new."""
        appt = item.appointment
        try:
            start, end = self.times(target[1], target[2], self.day_of(target[0]))
        except LocalTimeError as exc:
            self.hover_message.emit(str(exc))
            return None
        professional = self.columns[target[0]].professional_id
        if (start, end, professional) == (appt.start, appt.end, appt.professional_id):
            return None
        return start, end, professional

    def _release_group(self, drag: _Drag) -> None:
        moves: list[Move] = []
        reason: str | None = None
        if drag.moved and drag.target is not None and drag.target[:2] != (0, 0):
            moves, reason = self._group_targets(drag, drag.target[0], drag.target[1])
        for appt, _request in drag.group:
            block = self.items[appt.id]
            block.set_verdict(None)
            if not moves or reason is not None:  # else they stay put until the reload
                block.raise_(False)
                block.setRect(block.home)
        if not drag.moved or drag.target is None:
            assert drag.item is not None  # a click on one of several: pick just that one
            self.select(drag.item.appointment.id, notify=True)
        elif reason is not None:
            self.hover_message.emit(reason)
        elif moves:
            self.group_move_requested.emit(moves)

    def _request_booking(self, drag: _Drag) -> None:
        column, lo, hi = drag.target or (drag.column, int(drag.anchor_minutes), None)
        day = self.day_of(column)
        try:
            start, end = (
                self.times(lo, hi, day)
                if hi is not None
                else (self.times(lo, lo + 1, day)[0], None)
            )
        except LocalTimeError as exc:
            self.hover_message.emit(str(exc))
            return
        self.book_requested.emit(self.columns[column].professional_id, start, end)

    def _select_in(self, band: QRectF) -> None:
        ids = list(self._selected)
        for block in self.layer.blocks_in(band):
            if block.appointment.id not in ids:
                ids.append(block.appointment.id)
        self._set_selection(ids, notify=True)

    def double_click(self, pos: QPointF) -> None:
        item = self.item_at(pos)
        self.activated.emit(item.appointment if item is not None else None)

    def activate(self) -> None:
        """Enter: open the appointment picked last, or book when none is."""
        item = self.items.get(self._selected[-1]) if self._selected else None
        self.activated.emit(item.appointment if item is not None else None)

    def nudge(self, columns: int, slots: int) -> bool:
        """Move the selection one slot or one column (arrow keys)."""
        blocks = [self.items[i] for i in self._selected if i in self.items]
        blocks = [b for b in blocks if b.appointment.status.is_active]
        if not blocks:
            return False
        drag = _Drag("group", blocks[-1], blocks[-1].column, 0.0)
        drag.group = [(b.appointment, _stays(b.appointment)) for b in blocks]
        moves, reason = self._group_targets(drag, columns, slots * self.slot_minutes)
        if reason is not None:
            self.hover_message.emit(reason)
            return True  # at the edge: nothing to do, but the key was ours
        if len(moves) == 1:
            appt, request = moves[0]
            self.move_requested.emit(appt, request.start, request.end, request.professional_id)
        else:
            self.group_move_requested.emit(moves)
        return True


def _stays(appt: AppointmentView) -> MoveRequest:
    """A move that leaves ``appt`` where it is (the start of a group drag)."""
    return MoveRequest(appt.id, appt.version, appt.start, appt.end, appt.professional_id)
