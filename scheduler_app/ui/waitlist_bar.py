"""The status bar's line about a freed time: "Tue 10:30 with Dr Silva freed — 2
waiting", and a button that books the first of them through the booking check."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import AppointmentView
from scheduler_app.services.waitlist import HOLD_HOURS
from scheduler_app.services.waitlist_dto import FreedSlot
from scheduler_app.ui.change_queue import ChangeQueue
from scheduler_app.ui.i18n import day_text, time_text, translate, unassigned

Freed = tuple[datetime, datetime, int | None]


def freed_times(before: AppointmentView, after: AppointmentView) -> list[Freed]:
    """The times ``before`` held that ``after`` no longer holds (cancelled, no-show,
    moved away, shorter)."""
    if not before.status.is_active:
        return []
    held = (before.start, before.end, before.professional_id)
    if not after.status.is_active:
        return [held]
    return freed_parts(held, (after.start, after.end, after.professional_id))


def freed_parts(before: Freed, after: Freed) -> list[Freed]:
    """The parts of the time ``before`` that ``after`` (the same appointment, moved or
    resized) no longer holds."""
    start, end, professional = before
    if after[2] != professional or after[1] <= start or after[0] >= end:
        return [before]
    parts = []
    if after[0] > start:
        parts.append((start, after[0], professional))
    if after[1] < end:
        parts.append((after[1], end, professional))
    return parts


class FreedBar(QWidget):
    """Shown while a freed time has someone waiting; hidden otherwise."""

    #: Booked from the waitlist (the new appointment, and the entry it was for).
    booked = Signal(object, int)
    #: A time was held for the first one waiting (the appointment, and the entry).
    held = Signal(object, int)
    #: Booking was refused (the reason).
    failed = Signal(object)

    def __init__(
        self, services: Services, queue: ChangeQueue, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._queue = queue  # the desk's: reads and the booking run on its worker
        self.slot: FreedSlot | None = None
        self.label = QLabel()
        self.label.setAccessibleName(translate("Waitlist", "Freed time"))
        self.book_button = QPushButton(translate("Waitlist", "Book first waiting"))
        self.book_button.setAccessibleName(translate("Waitlist", "Book the first client waiting"))
        self.book_button.clicked.connect(self.book_first)
        self.hold_button = QPushButton(
            translate("Waitlist", "Hold for them ({hours} h)").format(hours=HOLD_HOURS)
        )
        self.hold_button.setToolTip(
            translate(
                "Waitlist",
                "Keep the time for the first client waiting for {hours} hours and ask them, "
                "by e-mail or SMS, to call back and confirm; not confirmed, it frees itself",
            ).format(hours=HOLD_HOURS)
        )
        self.hold_button.clicked.connect(self.hold_first)
        self.dismiss = QPushButton(translate("Waitlist", "Dismiss"))
        self.dismiss.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.book_button)
        layout.addWidget(self.hold_button)
        layout.addWidget(self.dismiss)
        self.setStyleSheet("QLabel { background: #fff3cd; padding: 1px 6px; }")
        self.hide()

    def check(self, times: list[Freed], report: Callable[[SchedulerError], None]) -> None:
        """Look for clients waiting for ``times`` on a worker (the window goes on); the
        first time with someone waiting shows when the answer is in."""
        waitlist = self._services.waitlist

        def work() -> FreedSlot | None:
            for start, end, professional in times:
                slot = waitlist.freed(start, end, professional)
                if slot.matches:
                    return slot
            return None

        def answered(slot: FreedSlot | None) -> None:
            if slot is not None:
                self.show_slot(slot)

        self._queue.submit([], lambda: work, answered, report)

    def show_slot(self, slot: FreedSlot) -> None:
        self.slot = slot
        local = slot.start.astimezone(self._services.context.timezone)
        who = slot.professional_name or unassigned()
        first = slot.matches[0].entry
        text = translate("Waitlist", "{day} {time} with {who} freed — {count} waiting")
        self.label.setText(
            text.format(
                day=day_text(local.date()), time=time_text(local), who=who, count=len(slot.matches)
            )
        )
        self.label.setMinimumWidth(self.label.sizeHint().width())  # the summary gives way
        at = slot.matches[0].start.astimezone(self._services.context.timezone)
        self.book_button.setToolTip(
            translate("Waitlist", "Book {client} ({service}) at {time}").format(
                client=first.client_name, service=first.service_name, time=time_text(at)
            )
        )
        self.show()

    def clear(self) -> None:
        self.slot = None
        self.hide()

    def book_first(self) -> None:
        """Book the first client waiting, through the booking check (on the desk's
        worker); the entry is marked."""
        slot = self.slot
        if slot is None or not slot.matches:
            return
        first = slot.matches[0]
        actor, waitlist = self._services.actor_id, self._services.waitlist
        self.clear()

        def work() -> AppointmentView:
            return waitlist.book(actor, first.entry.id, first.start, first.professional_id)

        entry_id = first.entry.id
        self._queue.submit(
            [], lambda: work, lambda view: self.booked.emit(view, entry_id), self.failed.emit
        )

    def hold_first(self) -> None:
        """Hold the time for the first client waiting (on the desk's worker): booked
        pending, and the client asked to call back and confirm."""
        slot = self.slot
        if slot is None or not slot.matches:
            return
        first = slot.matches[0]
        actor, waitlist = self._services.actor_id, self._services.waitlist
        self.clear()

        def work() -> AppointmentView:
            return waitlist.hold(actor, first.entry.id, first.start, first.professional_id)

        entry_id = first.entry.id
        self._queue.submit(
            [], lambda: work, lambda view: self.held.emit(view, entry_id), self.failed.emit
        )
