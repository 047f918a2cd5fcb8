"""Mouse and keyboard moves in the resource grid: booking by dragging a range,
moving and resizing one appointment, moving several together, band selection.

While dragging, the service says whether the target is free (green or red
outline, the reason in the grid's ``hover_message``); the drop itself goes to
the main window through the grid's signals, so a refused drop snaps back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from scheduler_app.domain.localtime import LocalTimeError
from scheduler_app.services.dto import AppointmentView, Availability, MoveRequest
from scheduler_app.ui.calendar.blocks import Block
from scheduler_app.ui.calendar.layout import snap, snap_down
from scheduler_app.ui.calendar.placement import DAY_MINUTES, moved_times, shifted
from scheduler_app.ui.i18n import day_text, span_text, translate, unassigned

if TYPE_CHECKING:
    from scheduler_app.ui.calendar.resource_grid import ResourceGrid

#: (appointment as shown, where it goes)
Move = tuple[AppointmentView, MoveRequest]

EDGE = 6.0  # pixels at the bottom of a block that resize it


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


class GridMouse:
    """The drag in progress (if any) and what the mouse and arrow keys do."""

    def __init__(self, grid: ResourceGrid) -> None:
        self.grid = grid
        self._drag: _Drag | None = None
        self._band: QGraphicsRectItem | None = None

    def reset(self) -> None:
        """Forget the drag (the grid was redrawn under it)."""
        self._drag = None
        self._band = None

    def _minute_at(self, y: float) -> float:
        return min(max(self.grid.cells.minutes(y), 0.0), float(DAY_MINUTES))

    def press(self, pos: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        adding = bool(
            modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        )
        item = self.grid.item_at(pos)
        if item is not None:
            appt = item.appointment
            if adding:
                self.grid.toggle(appt.id)
                return
            if appt.id in self.grid.selected_ids and len(self.grid.selected_ids) > 1:
                self._start_group(item, pos)
                return
            self.grid.select(appt.id, notify=True)
            if not appt.status.is_active:
                return
            resize = pos.y() >= item.rect().bottom() - EDGE
            start_min = self.grid.wall_minutes(appt.start, self.grid.day_of(item.column))
            self._drag = _Drag(
                "resize" if resize else "move",
                item,
                item.column,
                start_min,
                offset_minutes=self._minute_at(pos.y()) - start_min,
            )
            return
        column = self.grid.cells.column(pos.x(), len(self.grid.columns))
        if column is None:
            return
        minute = snap_down(self._minute_at(pos.y()), self.grid.slot_minutes)
        self.grid.set_cursor((column, minute))
        if adding:
            self._drag = _Drag("band", None, column, self._minute_at(pos.y()))
            self._drag.target = (column, minute, minute)
            return
        self.grid.select(None, notify=True)
        self._drag = _Drag("select", None, column, minute)

    def _start_group(self, item: Block, pos: QPointF) -> None:
        group: list[Move] = []
        for key in self.grid.selected_ids:
            block = self.grid.items.get(key)
            if block is None or not block.appointment.status.is_active:
                continue
            group.append((block.appointment, _stays(block.appointment)))
        column = self.grid.cells.column(pos.x(), len(self.grid.columns))
        self._drag = _Drag(
            "group", item, item.column if column is None else column, self._minute_at(pos.y())
        )
        self._drag.group = group

    def drag_to(self, pos: QPointF) -> None:
        drag = self._drag
        if drag is None:
            item = self.grid.item_at(pos)
            near_edge = item is not None and pos.y() >= item.rect().bottom() - EDGE
            cursor = Qt.CursorShape.SizeVerCursor if near_edge else Qt.CursorShape.ArrowCursor
            self.grid.canvas.viewport().setCursor(cursor)
            return
        if drag.mode in ("select", "band"):
            self._drag_band(drag, pos)
        elif drag.mode == "group":
            self._drag_group(drag, pos)
        else:
            self._drag_one(drag, pos)

    def _drag_band(self, drag: _Drag, pos: QPointF) -> None:
        step = self.grid.slot_minutes
        if drag.mode == "band":
            column = self.grid.cells.column(pos.x(), len(self.grid.columns))
            column = drag.column if column is None else column
            left, right = sorted((drag.column, column))
            top, bottom = sorted((drag.anchor_minutes, self._minute_at(pos.y())))
            rect = QRectF(
                self.grid.cells.x(left),
                self.grid.cells.y(top),
                self.grid.cells.x(right + 1) - self.grid.cells.x(left),
                self.grid.cells.y(bottom - top),
            )
        else:
            minute = snap_down(self._minute_at(pos.y()), step)
            lo, hi = sorted((int(drag.anchor_minutes), minute))
            rect = self.grid.rect_for(drag.column, lo, hi + step)
            drag.target = (drag.column, lo, hi + step)
        if self._band is None:
            self._band = self.grid.scene.addRect(
                rect, QPen(QColor("#1565c0")), QBrush(QColor(21, 101, 192, 40))
            )
            self._band.setZValue(30)
        self._band.setRect(rect)
        drag.moved = True

    def _drag_one(self, drag: _Drag, pos: QPointF) -> None:
        assert drag.item is not None
        step = self.grid.slot_minutes
        appt = drag.item.appointment
        home_day = self.grid.day_of(drag.column)
        start0 = self.grid.wall_minutes(appt.start, home_day)
        length = self.grid.wall_minutes(appt.end, home_day) - start0
        if drag.mode == "move":
            column = self.grid.cells.column(pos.x(), len(self.grid.columns))
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
        drag.item.setRect(self.grid.rect_for(*target))
        drag.item.raise_(True)
        verdict, times = self._check(
            target, appt, keep_length=drag.mode == "move", source=drag.column
        )
        drag.item.set_preview(times)  # the block shows where it would go, not where it was
        drag.item.set_verdict(verdict.ok)
        self.grid.hover_message.emit(
            self._confirmation(times, target[0]) if verdict.ok and times else verdict.reason
        )

    def _confirmation(self, times: tuple[datetime, datetime], column: int) -> str:
        """What a drop here would do, said in the status bar while dragging."""
        start, end = (t.astimezone(self.grid.tz) for t in times)
        found = self.grid.columns[column]
        name = found.name if found.by_room or found.professional_id is not None else unassigned()
        return translate("Calendar", "Free: {day} {times}, {who}").format(
            day=day_text(start.date()), times=span_text(start, end), who=name
        )

    def _drag_group(self, drag: _Drag, pos: QPointF) -> None:
        column = self.grid.cells.column(pos.x(), len(self.grid.columns))
        column = drag.column if column is None else column
        shift = (column - drag.column, snap(self._minute_at(pos.y()) - drag.anchor_minutes, 1))
        shift = (shift[0], snap(shift[1], self.grid.slot_minutes))
        if drag.target == (*shift, 0):
            return
        drag.target = (*shift, 0)
        drag.moved = True
        moves, reason = self._group_targets(drag, *shift)
        for appt, request in moves:
            block = self.grid.items[appt.id]
            block.setRect(self._target_rect(block, shift))
            block.set_preview((request.start, request.end))
            block.raise_(True)
        if reason is None and self.grid.check_group is not None:
            verdict = self.grid.check_group([request for _a, request in moves])
            reason = None if verdict.ok else verdict.reason
        for appt, _request in moves:
            self.grid.items[appt.id].set_verdict(reason is None)
        fit = translate("Calendar", "Free: all {count} appointments fit there.")
        fit = fit.format(count=len(moves))
        self.grid.hover_message.emit(reason or fit)

    def _target_rect(self, block: Block, shift: tuple[int, int]) -> QRectF:
        home = block.home
        return QRectF(
            home.x() + shift[0] * self.grid.cells.column_width,
            home.y() + self.grid.cells.y(shift[1]),
            home.width(),
            home.height(),
        )

    def _group_targets(
        self, drag: _Drag, columns: int, minutes: int
    ) -> tuple[list[Move], str | None]:
        """Where each selected appointment lands when the group shifts; why not, if it can't."""
        moves: list[Move] = []
        reason = None
        if self.grid.by_room and columns:
            reason = translate(
                "Calendar",
                "Several appointments move together in time only here; "
                "drag one at a time to another room.",
            )
            columns = 0
        for appt, request in drag.group:
            block = self.grid.items[appt.id]
            column = block.column + columns
            if not 0 <= column < len(self.grid.columns):
                moves.append((appt, request))
                reason = translate(
                    "Calendar", "The appointments would leave the calendar: move them less far."
                )
                continue
            professional = self.grid.professional_at(column, appt)
            try:
                request = shifted(
                    appt,
                    self.grid.day_of(block.column),
                    self.grid.day_of(column),
                    professional,
                    minutes,
                    self.grid.tz,
                )
            except LocalTimeError as exc:
                reason = str(exc)
            moves.append((appt, request))
        return moves, reason

    def _times(
        self, target: tuple[int, int, int], appt: AppointmentView, keep_length: bool
    ) -> tuple[datetime, datetime]:
        """The times a drop at ``target`` gives: a move keeps the real length, a resize
        ends where the edge was dropped."""
        day = self.grid.day_of(target[0])
        if keep_length:
            return moved_times(appt, day, target[1], self.grid.tz)
        return self.grid.times(target[1], target[2], day)

    def _check(
        self,
        target: tuple[int, int, int],
        appt: AppointmentView,
        *,
        keep_length: bool,
        source: int,
    ) -> tuple[Availability, tuple[datetime, datetime] | None]:
        try:
            start, end = self._times(target, appt, keep_length)
        except LocalTimeError as exc:
            return Availability(False, str(exc)), None
        rooms, refused = self._rooms(source, target[0])
        if refused:
            return Availability(False, refused), (start, end)
        professional = self.grid.professional_at(target[0], appt)
        verdict = self.grid.check(start, end, professional, appt.id)
        if verdict.ok and rooms is not None and self.grid.check_room is not None:
            verdict = self.grid.check_room(start, end, rooms[1], appt.id)
        pieces = self._other_pieces(appt)
        if verdict.ok and pieces and self.grid.check_group is not None:
            # An appointment with several professionals moves whole: decided for all.
            moved = [MoveRequest(appt.id, appt.version, start, end, professional)]
            moved += [
                MoveRequest(
                    p.id, p.version, p.start + (start - appt.start), p.end + (end - appt.end),
                    p.professional_id,
                )
                for p in pieces
            ]  # fmt: skip
            verdict = self.grid.check_group(moved)
        return verdict, (start, end)

    def _other_pieces(self, appt: AppointmentView) -> list[AppointmentView]:
        """The other pieces of ``appt``'s appointment (one with several professionals)
        among the rows shown, which move with it."""
        lead = appt.joint_of if appt.joint_of is not None else appt.id
        return [
            a
            for a in self.grid.model.rows()
            if a.id != appt.id and (a.id == lead or a.joint_of == lead)
        ]

    def _rooms(self, source: int, target: int) -> tuple[tuple[int, int] | None, str]:
        """The room a drag from column ``source`` to ``target`` leaves and takes (None:
        the same, or not room columns), or why it cannot."""
        if not self.grid.by_room or source == target:
            return None, ""
        old, new = self.grid.columns[source].room_id, self.grid.columns[target].room_id
        if old is None:
            return None, translate(
                "Calendar", "This appointment holds no room: book it in a room to place it in one."
            )
        if new is None:
            return None, translate(
                "Calendar", "An appointment in a room goes to another room, not to none."
            )
        return (old, new), ""

    def release(self) -> None:
        drag, self._drag = self._drag, None
        if drag is None:
            return
        if drag.mode in ("select", "band"):
            if self._band is not None:
                band = self._band.rect()
                self.grid.scene.removeItem(self._band)
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
        item.set_preview(None)
        keep = drag.mode == "move"
        request = (
            self._drop(item, target, keep, drag.column)
            if drag.moved and target is not None
            else None
        )
        if request is None:
            item.raise_(False)
            item.setRect(item.home)
            return
        # It stays where it was dropped until the calendar reloads: at its new place
        # if the service agrees, back home (with the reason) if not.
        start, end, professional, rooms = request
        if rooms is not None:
            self.grid.room_move_requested.emit(item.appointment, start, end, rooms)
        else:
            self.grid.move_requested.emit(item.appointment, start, end, professional)

    def _drop(
        self, item: Block, target: tuple[int, int, int], keep_length: bool, source: int
    ) -> tuple[datetime, datetime, int | None, tuple[int, int] | None] | None:
        """Where a drop at ``target`` moves the appointment (and from which room to
        which); None when nowhere new."""
        appt = item.appointment
        try:
            start, end = self._times(target, appt, keep_length)
        except LocalTimeError as exc:
            self.grid.hover_message.emit(str(exc))
            return None
        rooms, refused = self._rooms(source, target[0])
        if refused:
            self.grid.hover_message.emit(refused)
            return None
        professional = self.grid.professional_at(target[0], appt)
        if rooms is None and (start, end, professional) == (
            appt.start,
            appt.end,
            appt.professional_id,
        ):
            return None
        return start, end, professional, rooms

    def _release_group(self, drag: _Drag) -> None:
        moves: list[Move] = []
        reason: str | None = None
        if drag.moved and drag.target is not None and drag.target[:2] != (0, 0):
            moves, reason = self._group_targets(drag, drag.target[0], drag.target[1])
        for appt, _request in drag.group:
            block = self.grid.items[appt.id]
            block.set_verdict(None)
            block.set_preview(None)
            if not moves or reason is not None:  # else they stay put until the reload
                block.raise_(False)
                block.setRect(block.home)
        if not drag.moved or drag.target is None:
            assert drag.item is not None  # a click on one of several: pick just that one
            self.grid.select(drag.item.appointment.id, notify=True)
        elif reason is not None:
            self.grid.hover_message.emit(reason)
        elif moves:
            self.grid.group_move_requested.emit(moves)

    def _request_booking(self, drag: _Drag) -> None:
        column, lo, hi = drag.target or (drag.column, int(drag.anchor_minutes), None)
        day = self.grid.day_of(column)
        try:
            start, end = (
                self.grid.times(lo, hi, day)
                if hi is not None
                else (self.grid.times(lo, lo + 1, day)[0], None)
            )
        except LocalTimeError as exc:
            self.grid.hover_message.emit(str(exc))
            return
        self.grid.request_booking(column, start, end)

    def _select_in(self, band: QRectF) -> None:
        ids = list(self.grid.selected_ids)
        for block in self.grid.layer.blocks_in(band):
            if block.appointment.id not in ids:
                ids.append(block.appointment.id)
        self.grid.set_selection(ids, notify=True)

    def nudge(self, columns: int, slots: int) -> bool:
        """Move the selection one slot or one column (arrow keys)."""
        blocks = [self.grid.items[i] for i in self.grid.selected_ids if i in self.grid.items]
        blocks = [b for b in blocks if b.appointment.status.is_active]
        if not blocks:
            return self.grid.move_cursor(columns, slots)
        if self.grid.by_room and columns and len(blocks) == 1:
            return self._nudge_room(blocks[0], columns)
        drag = _Drag("group", blocks[-1], blocks[-1].column, 0.0)
        drag.group = [(b.appointment, _stays(b.appointment)) for b in blocks]
        moves, reason = self._group_targets(drag, columns, slots * self.grid.slot_minutes)
        if reason is not None:
            self.grid.hover_message.emit(reason)
            return True  # at the edge: nothing to do, but the key was ours
        if len(moves) == 1:
            appt, request = moves[0]
            self.grid.move_requested.emit(appt, request.start, request.end, request.professional_id)
        else:
            self.grid.group_move_requested.emit(moves)
        return True

    def _nudge_room(self, block: Block, columns: int) -> bool:
        """Left / right arrow on one appointment in room columns: the next room."""
        target = block.column + columns
        if not 0 <= target < len(self.grid.columns):
            return True
        rooms, refused = self._rooms(block.column, target)
        if refused or rooms is None:
            self.grid.hover_message.emit(refused)
            return True
        appt = block.appointment
        self.grid.room_move_requested.emit(appt, appt.start, appt.end, rooms)
        return True


def _stays(appt: AppointmentView) -> MoveRequest:
    """A move that leaves ``appt`` where it is (the start of a group drag)."""
    return MoveRequest(appt.id, appt.version, appt.start, appt.end, appt.professional_id)
