"""The resource grid: a time axis and one column per professional (and day).

The day view has one column per professional plus "Unassigned"; the week view
has one per day and professional (or one per day for a single professional).
The grid owns the columns, the drawing (a backdrop and one layer of blocks,
see `blocks`) and the selection; what the mouse and arrow keys do is in
`grid_mouse.GridMouse`. Changes leave through the signals, for the main window
to decide through the services.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QCursor, QPainter, QPen, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsRectItem,
    QGraphicsScene,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.services.dto import AppointmentView, Availability, MoveRequest
from scheduler_app.ui.appointment_model import AppointmentTableModel
from scheduler_app.ui.calendar.backdrop import Backdrop
from scheduler_app.ui.calendar.blocks import Block, BlockLayer, Palette, joint_names
from scheduler_app.ui.calendar.grid_mouse import GridMouse
from scheduler_app.ui.calendar.grid_parts import ROW_HEIGHT, GridCanvas, GridHeader
from scheduler_app.ui.calendar.layout import Grid, lanes, snap_down
from scheduler_app.ui.calendar.placement import (
    DAY_MINUTES,
    pieces,
    wall_minutes,
    wall_times,
)
from scheduler_app.ui.calendar.shading import NAMED, OffTime, Shade, shades
from scheduler_app.ui.i18n import day_text, time_text, translate, unassigned
from scheduler_app.ui.working_time_words import shade_text

#: check(start, end, professional_id, appointment_id) -> Availability
Checker = Callable[[datetime, datetime, int | None, int | None], Availability]
#: check several moves made together -> Availability
GroupChecker = Callable[[list[MoveRequest]], Availability]
#: check_room(start, end, room_id, appointment_id) -> Availability
RoomChecker = Callable[[datetime, datetime, int, int], Availability]


#: The times a block shows while a drag or a save is on its way (None: its own).
Preview = tuple[datetime, datetime] | None
#: Where a block was dropped: (column key, day), its rect, its times, the version then.
Dropped = tuple[tuple[int | None, date], QRectF, Preview, int]
CURSOR_PEN = QPen(QColor("#1565c0"), 1.5, Qt.PenStyle.DashLine)


@dataclass(frozen=True)
class Column:
    """A professional's column (None: "Unassigned"), or with ``by_room`` a room's or
    a piece of equipment's (``room_id`` None: "No room"), on ``day``."""

    professional_id: int | None
    name: str
    color: str = "#9e9e9e"
    day: date | None = None  # None: the grid's day
    room_id: int | None = None
    by_room: bool = False

    @property
    def key(self) -> int | None:
        """Whose column it is: the room's in a room column, else the professional's."""
        return self.room_id if self.by_room else self.professional_id


class ResourceGrid(QWidget):
    book_requested = Signal(object, object, object)  # professional id or None, start, end
    book_room_requested = Signal(object, object, object)  # room id or None, start, end
    move_requested = Signal(object, object, object, object)  # appointment, start, end, prof
    #: appointment, start, end, (the room it leaves, the room it goes to)
    room_move_requested = Signal(object, object, object, object)
    group_move_requested = Signal(object)  # list[Move]
    selection_changed = Signal(object)  # the appointment last picked, or None
    context_requested = Signal(object, QPoint)
    activated = Signal(object)  # Enter or double-click: an appointment, or None on empty space
    hover_message = Signal(str)
    zoom_requested = Signal(float, float)  # factor, viewport y to keep in place

    def __init__(
        self,
        model: AppointmentTableModel,
        tz: ZoneInfo,
        check: Checker,
        *,
        check_group: GroupChecker | None = None,
        check_room: RoomChecker | None = None,
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
        self.check_room = check_room
        self.slot_minutes = slot_minutes
        self.opens_at, self.closes_at = opens_at, closes_at
        self.now = now
        self.min_column_width = min_column_width
        self.day: date = now().astimezone(tz).date()
        self.columns: list[Column] = [Column(None, unassigned())]
        self.cells = Grid(px_per_minute=1.6, column_width=160)
        self.items: dict[int, Block] = {}  # first (usually only) block of each
        #: Appointments whose change is on its way to the server (marked "saving...").
        self.saving: set[int] = set()
        #: Saved blocks waiting for their new place to be read: where they were dropped.
        self.landed: dict[int, Dropped] = {}
        self._blocks: dict[int, list[Block]] = {}
        self.layer = BlockLayer(0, 0)
        self.fills = Palette()
        #: Why nobody can be booked at some times of the period shown (loaded with it).
        self.off_times: list[OffTime] = []
        self.shades: list[Shade] = []
        self.backdrop = self._backdrop()
        self._column_index: dict[tuple[int | None, date], int] = {}
        self._selected: list[int] = []  # the last one is the one picked last
        self.mouse = GridMouse(self)
        self.slot_cursor: tuple[int, int] | None = None  # (column, minute) Enter books
        self._cursor_item: QGraphicsRectItem | None = None
        self._stale = False
        self._scroll_pending = False
        self._keep_in_view: tuple[float, float] | None = None  # (minute, viewport y)
        self.accessible_base = translate("Calendar", "Calendar")

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
    def by_room(self) -> bool:
        """Columns by room and equipment: a block stands in the column of each it
        holds (those holding none under "No room"); a drag across columns changes
        the room, not the professional."""
        return bool(self.columns) and self.columns[0].by_room

    def keys_of(self, appt: AppointmentView) -> tuple[int | None, ...]:
        """The keys of the columns ``appt`` stands in (see `Column.key`)."""
        if self.by_room:
            return appt.resource_ids or (None,)
        return (appt.professional_id,)

    def professional_at(self, column: int, appt: AppointmentView) -> int | None:
        """Whose ``appt`` would be if dropped in ``column`` (a room column keeps it)."""
        return appt.professional_id if self.by_room else self.columns[column].professional_id

    def request_booking(self, column: int, start: datetime, end: datetime | None) -> None:
        """Ask to book in ``column`` (with its professional, or in its room)."""
        found = self.columns[column]
        if found.by_room:
            self.book_room_requested.emit(found.room_id, start, end)
        else:
            self.book_requested.emit(found.professional_id, start, end)

    def set_off_times(self, off: Sequence[OffTime]) -> None:
        """The period's time off (shaded at the next rebuild, with the appointments)."""
        self.off_times = list(off)

    def refresh_backdrop(self) -> None:
        """Draw the shading again (new time off for the same appointments)."""
        if not self.isVisible():
            self._stale = True
            return
        self.backdrop = self._backdrop()
        self.canvas.resetCachedContent()
        self.canvas.viewport().update()

    def shades_of(self, column: int) -> list[Shade]:
        """The shaded pieces of a column, by start."""
        return sorted((s for s in self.shades if s.column == column), key=lambda s: s.start)

    def shade_at(self, pos: QPointF) -> Shade | None:
        """The shaded piece under scene point ``pos`` (a named one first)."""
        column = self.cells.column(pos.x(), len(self.columns))
        minute = self.cells.minutes(pos.y())
        under = [s for s in self.shades if s.column == column and s.start <= minute < s.end]
        return max(under, key=lambda s: (s.kind in NAMED, bool(s.text)), default=None)

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

    def set_zoom(self, px_per_minute: float, anchor_y: float | None = None) -> None:
        """Zoom keeping the time at ``anchor_y`` (viewport pixels; default: the mouse
        when it is over the grid, else the middle) where it is on screen."""
        viewport = self.canvas.viewport()
        if anchor_y is None:
            mouse = viewport.mapFromGlobal(QCursor.pos())
            inside = viewport.rect().contains(mouse) and self.isVisible()
            anchor_y = float(mouse.y()) if inside else viewport.height() / 2
        bar = self.canvas.verticalScrollBar()
        self._keep_in_view = (self.cells.minutes(bar.value() + anchor_y), anchor_y)
        self.cells = Grid(px_per_minute, self.cells.column_width, self.cells.gutter)
        self.rebuild()
        if self.isVisible():
            self._scroll_to_kept()

    def _scroll_to_kept(self) -> None:
        if self._keep_in_view is None:
            return
        minute, anchor_y = self._keep_in_view
        self._keep_in_view = None
        self.canvas.verticalScrollBar().setValue(int(self.cells.y(minute) - anchor_y))

    def minute_at(self, viewport_y: float) -> float:
        """The time of day (minutes) shown at ``viewport_y``."""
        return self.cells.minutes(self.canvas.verticalScrollBar().value() + viewport_y)

    def fit_columns(self) -> None:
        """Share the width among the columns (no narrower than the minimum)."""
        width = self.canvas.viewport().width() - self.cells.gutter
        column_width = max(self.min_column_width, width / max(1, len(self.columns)))
        self.cells = Grid(self.cells.px_per_minute, column_width, self.cells.gutter)

    def relayout(self) -> None:
        self.fit_columns()
        self.rebuild()

    def column_of(self, key: int | None, day: date | None = None) -> int | None:
        """The column of ``key`` (see `Column.key`) on ``day``."""
        return self._column_index.get((key, day or self.day))

    def wall_minutes(self, moment: datetime, day: date) -> float:
        """Minutes from local midnight of ``day`` to ``moment`` on the wall clock."""
        return wall_minutes(moment, day, self.tz)

    def minutes_of(self, moment: datetime, day: date | None = None) -> float:
        """`wall_minutes` clamped to the day shown (for drawing)."""
        return min(max(self.wall_minutes(moment, day or self.day), 0.0), DAY_MINUTES)

    def rect_for(self, column: int, start_min: float, end_min: float) -> QRectF:
        x = self.cells.x(column)
        return QRectF(
            x, self.cells.y(start_min), self.cells.column_width, self.cells.y(end_min - start_min)
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.rebuild()
        if self._scroll_pending:
            self.scroll_to_opening()
        self._scroll_to_kept()

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

    def dropped_place(self, key: int) -> Dropped | None:
        """Where the block of ``key`` stands now: its column's key and day, its rect, the
        times it shows and the appointment's version (None: not shown)."""
        block = self.items.get(key)
        if block is None:
            return None
        column = self.cells.column(block.rect().center().x(), len(self.columns))
        if column is None:
            return None
        place = (self.columns[column].key, self.day_of(column))
        return place, QRectF(block.rect()), block.preview, block.appointment.version

    def _rebuild(self) -> None:
        # Blocks being saved, and those saved whose new place is not read yet, stay
        # where they were dropped when everything is drawn again (a resize, say).
        for key in self.saving:
            found = self.dropped_place(key)
            if found is not None:
                self.landed[key] = found
        dropped, self.landed = self.landed, {}
        self.mouse.reset()
        self._cursor_item = None  # cleared with the scene; drawn again below
        self.scene.clear()
        self.items, self._blocks = {}, {}
        grid = self.cells
        width = grid.x(len(self.columns))
        self.scene.setSceneRect(0, 0, width, grid.height)
        self.backdrop = self._backdrop()
        self.canvas.resetCachedContent()
        self._column_index = {(c.key, self.day_of(i)): i for i, c in enumerate(self.columns)}
        by_column = pieces(self.model.rows(), self._column_index, self.tz, self.keys_of)
        selected = set(self._selected)
        layer = self.layer = BlockLayer(width, grid.height)
        layer.by_room = self.by_room
        layer.joint = joint_names(self.model.rows())
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
                block.saving = appt.id in self.saving
                out.append(block)
                blocks_of.setdefault(appt.id, []).append(block)
                items.setdefault(appt.id, block)
        for key, (place, rect, times, version) in dropped.items():
            kept, where = items.get(key), self._column_index.get(place)
            if kept is None or where is None or kept.appointment.version != version:
                continue  # its new place is read (or it is gone)
            width = min(rect.width(), grid.column_width)
            kept.setRect(QRectF(grid.x(where), rect.y(), width, rect.height()))
            kept.set_preview(times)
            self.landed[key] = (place, rect, times, version)
        layer.fills = self.fills
        layer.set_blocks(placed_columns, grid.column_width, grid.gutter)
        self.scene.addItem(layer)
        if self.slot_cursor is not None:
            self.set_cursor(self.slot_cursor)
        self.header.update()

    def _backdrop(self) -> Backdrop:
        keys = [(c.key, self.day_of(i)) for i, c in enumerate(self.columns)]
        self.shades = shades(self.off_times, keys, self.tz, shade_text)
        return Backdrop(
            self.cells,
            len(self.columns),
            self.opens_at,
            self.closes_at,
            tuple(self.day_groups()),
            self.grouped,
            tuple(self.shades),
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
        y = self.cells.y(max(0, self.opens_at.hour * 60 - 30))
        self.canvas.verticalScrollBar().setValue(int(y))

    # -- selection -----------------------------------------------------------

    @property
    def selected_ids(self) -> list[int]:
        return list(self._selected)

    def item_at(self, pos: QPointF) -> Block | None:
        return self.layer.block_at(pos.x(), pos.y())

    def select(self, appointment_id: int | None, *, notify: bool = False) -> None:
        """Select one appointment (or none); ``notify`` when the user did it here."""
        self.set_selection([] if appointment_id is None else [appointment_id], notify)

    def set_selection(self, ids: list[int], notify: bool) -> None:
        self._selected = ids
        chosen = set(ids)
        for key, blocks in self._blocks.items():
            for block in blocks:
                block.setSelected(key in chosen)
        last = self.items.get(ids[-1]) if ids else None
        if last is not None:
            self.announce(last.describe())
        elif self.slot_cursor is None:
            self.announce()
        if notify:
            self.selection_changed.emit(last.appointment if last else None)

    def toggle(self, appointment_id: int) -> None:
        ids = [i for i in self._selected if i != appointment_id]
        if len(ids) == len(self._selected):
            ids.append(appointment_id)
        self.set_selection(ids, notify=True)

    # -- mouse ---------------------------------------------------------------

    def times(
        self, start_min: int, end_min: int, day: date | None = None
    ) -> tuple[datetime, datetime]:
        """Aware start and end for wall-clock minutes of ``day`` (either may spill over)."""
        return wall_times(day or self.day, start_min, end_min, self.tz)

    # -- mouse and keys (see `GridMouse`) -----------------------------------

    def press(self, pos: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        self.mouse.press(pos, modifiers)

    def drag_to(self, pos: QPointF) -> None:
        self.mouse.drag_to(pos)

    def release(self) -> None:
        self.mouse.release()

    def nudge(self, columns: int, slots: int) -> bool:
        """Move the selection one slot or one column (arrow keys)."""
        return self.mouse.nudge(columns, slots)

    def double_click(self, pos: QPointF) -> None:
        item = self.item_at(pos)
        self.activated.emit(item.appointment if item is not None else None)

    def activate(self) -> None:
        """Enter: open the appointment picked last, or the one under the slot cursor;
        else book at the slot cursor (its professional and time), or with the
        dialog's defaults when there is none."""
        item = self.items.get(self._selected[-1]) if self._selected else None
        item = item or self.block_under_cursor()
        if item is None and self.slot_cursor is not None:
            column, minute = self.slot_cursor
            start, _end = self.times(minute, minute + self.slot_minutes, self.day_of(column))
            self.request_booking(column, start, None)
            return
        self.activated.emit(item.appointment if item is not None else None)

    def pick_under_cursor(self) -> bool:
        """Space: select the appointment under the slot cursor (arrows then move it)."""
        under = self.block_under_cursor()
        if under is None:
            return False
        self.select(under.appointment.id, notify=True)
        return True

    # -- what a screen reader hears -------------------------------------------

    def announce(self, text: str = "") -> None:
        """Name the calendar after what has the keyboard's attention (screen readers
        read the focused widget's name again when it changes)."""
        self.canvas.setAccessibleName(
            f"{self.accessible_base}: {text}" if text else self.accessible_base
        )

    def describe_slot(self, column: int, minute: int) -> str:
        who = self.columns[column]
        start, _end = self.times(minute, minute + self.slot_minutes, self.day_of(column))
        local = start.astimezone(self.tz)
        under = self.block_under_cursor()
        what = under.describe() if under is not None else translate("Calendar", "nothing booked")
        return translate("Calendar", "{who}, {day} {time}: {what}").format(
            who=who.name, day=day_text(local.date()), time=time_text(local), what=what
        )

    def block_under_cursor(self) -> Block | None:
        if self.slot_cursor is None or not 0 <= self.slot_cursor[0] < len(self.columns):
            return None
        column, minute = self.slot_cursor
        rect = self.rect_for(column, minute, minute + self.slot_minutes).adjusted(1, 1, -1, -1)
        return next(self.layer.blocks_in(rect), None)

    # -- the slot cursor (keyboard booking) ------------------------------------

    def set_cursor(self, cursor: tuple[int, int] | None, *, reveal: bool = False) -> None:
        """Mark the slot (column, minute) that Enter books; None hides the mark."""
        self.slot_cursor = cursor
        if self._cursor_item is not None:
            self.scene.removeItem(self._cursor_item)
            self._cursor_item = None
        if cursor is None or not 0 <= cursor[0] < len(self.columns):
            if not self._selected:
                self.announce()
            return
        self.announce(self.describe_slot(*cursor))
        rect = self.rect_for(cursor[0], cursor[1], cursor[1] + self.slot_minutes)
        if reveal:  # moved by the keys: keep it in sight
            self.canvas.ensureVisible(rect, 0, 40)
        if next(self.layer.blocks_in(rect.adjusted(1, 1, -1, -1)), None) is not None:
            return  # over an appointment (one just booked there): the block shows the place
        self._cursor_item = self.scene.addRect(
            rect.adjusted(1, 1, -1, -1), CURSOR_PEN, QBrush(QColor(21, 101, 192, 30))
        )
        self._cursor_item.setZValue(28)

    def escape(self) -> None:
        """Esc: forget the selection (arrows then move the slot cursor), then the cursor."""
        if self._selected:
            self.select(None, notify=True)
        else:
            self.set_cursor(None)

    def move_cursor(self, columns: int, slots: int) -> bool:
        """Arrow keys with no appointment selected: the first press shows the cursor
        (at opening time in the first column), the next ones move it."""
        if self.slot_cursor is None:
            opening = self.opens_at.hour * 60 + self.opens_at.minute
            self.set_cursor((0, snap_down(opening, self.slot_minutes)), reveal=True)
            return True
        column = min(max(self.slot_cursor[0] + columns, 0), len(self.columns) - 1)
        minute = self.slot_cursor[1] + slots * self.slot_minutes
        minute = min(max(minute, 0), DAY_MINUTES - self.slot_minutes)
        self.set_cursor((column, minute), reveal=True)
        return True
