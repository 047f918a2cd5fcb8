"""Where the desk starts a booking: a click or a dragged range in a calendar (a
professional's column, or a room's), Book (Ctrl+N) and Find a time (Ctrl+T). Each
opens its dialog on what was clicked; the desk's actions run it (`DeskActions.book_with`),
and none opens while the server cannot be reached."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from scheduler_app.domain.localtime import day_bounds, localize
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.calendar.placement import free_minutes
from scheduler_app.ui.find_time_dialog import FindTimeDialog

if TYPE_CHECKING:
    from scheduler_app.ui.main_window import MainWindow


class BookingEntry:
    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def book_at(self, professional_id: int | None, start: datetime, end: datetime | None) -> None:
        """Book from the calendar: a dragged range, or a click (the free gap there)."""
        w = self._window
        if w.desk.refused_while_paused():
            return
        tz = w.services.context.timezone
        local = start.astimezone(tz)
        dialog = BookingDialog(w.services, local.date(), w)
        free = None
        if end is None:
            closes = localize(local.date(), w.org.closes_at, tz)
            until = closes if start < closes else day_bounds(local.date(), tz)[1]
            free = free_minutes(w.model.rows(), professional_id, start, until)
        dialog.preset(start, end, professional_id, free)
        w.desk.book_with(dialog)

    def book_in_room(self, room_id: int | None, start: datetime, end: datetime | None) -> None:
        """Book from a room's column: that room, with whoever the desk chooses."""
        w = self._window
        if w.desk.refused_while_paused():
            return
        dialog = BookingDialog(w.services, start.astimezone(w.services.context.timezone).date(), w)
        dialog.preset(start, end, None, None)
        dialog.preset_room(room_id)
        w.desk.book_with(dialog)

    def book(self) -> None:
        """Book (Ctrl+N): the dialog on the day shown."""
        w = self._window
        if not w.desk.refused_while_paused():
            w.desk.book_with(BookingDialog(w.services, w.day, w))

    def find_time(self) -> None:
        """Ctrl+T: the next free times, from the day shown (or today)."""
        w = self._window
        if not w.desk.refused_while_paused():
            w.desk.book_with(FindTimeDialog(w.services, w.day, w))
