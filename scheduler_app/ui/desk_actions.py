"""What the desk changes, as undoable commands through the services.

The windows never write state themselves: they call these, which call the
services, push the undo command and tell the window what to show next.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QWidget

from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import AppointmentView, MoveRequest
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.commands import (
    BookCommand,
    EditCommand,
    MoveCommand,
    StatusCommand,
    Versions,
)
from scheduler_app.ui.details_dialog import DetailsDialog

S = AppointmentStatus

#: Called after each change with the appointment to select (or None), to redraw.
Changed = Callable[[AppointmentView | None], None]


class DeskActions:
    def __init__(self, services: Services, parent: QWidget, changed: Changed) -> None:
        self.services = services
        self.parent = parent
        self.changed = changed
        self.undo_stack = QUndoStack(parent)
        self.versions: Versions = {}  # what this desk last saw of each appointment

    def report(self, error: SchedulerError) -> None:
        QMessageBox.warning(self.parent, error.title, error.message)

    def _failed(self, error: SchedulerError) -> None:
        self.changed(None)  # show what is there now (a refused drop snaps back)
        self.report(error)

    def book_with(self, dialog: BookingDialog) -> None:
        if dialog.exec() != BookingDialog.DialogCode.Accepted:
            return
        try:
            booked = self.services.booking.book(self.services.actor_id, dialog.request())
        except SchedulerError as exc:
            self.report(exc)
            return
        self.undo_stack.push(BookCommand(self.services, booked, self.report, self.versions))
        self.changed(booked)

    def move(
        self, appointment: AppointmentView, start: datetime, end: datetime, professional: int | None
    ) -> None:
        """A drop in a calendar: the service decides; a refusal snaps back and says why."""
        try:
            after = self.services.booking.reschedule(
                self.services.actor_id,
                appointment.id,
                appointment.version,
                start,
                end,
                professional,
            )
        except SchedulerError as exc:
            self._failed(exc)
            return
        self.undo_stack.push(
            MoveCommand(self.services, [appointment], [after], self.report, self.versions)
        )
        self.changed(after)

    def move_group(self, moves: list[tuple[AppointmentView, MoveRequest]]) -> None:
        """Several appointments dragged together: all of them move, or none."""
        try:
            after = self.services.booking.move_together(
                self.services.actor_id, [request for _appt, request in moves]
            )
        except SchedulerError as exc:
            self._failed(exc)
            return
        before = [appt for appt, _request in moves]
        self.undo_stack.push(MoveCommand(self.services, before, after, self.report, self.versions))
        self.changed(after[-1] if after else None)

    def change_status(self, appt: AppointmentView, target: AppointmentStatus) -> None:
        actor, life = self.services.actor_id, self.services.lifecycle
        try:
            if target == S.CANCELLED:
                reason, ok = QInputDialog.getText(
                    self.parent,
                    "Cancel appointment",
                    f"Cancel {appt.client_name or 'this'}'s appointment?\nReason (optional):",
                )
                if not ok:
                    return
                after = life.cancel(actor, appt.id, appt.version, reason)
            elif target == S.PENDING:
                after = life.restore(actor, appt.id, appt.version)
            else:
                after = life.set_status(actor, appt.id, appt.version, target)
        except SchedulerError as exc:
            self._failed(exc)
            return
        self.undo_stack.push(StatusCommand(self.services, appt, after, self.report, self.versions))
        self.changed(after)

    def edit(self, appt: AppointmentView) -> None:
        """Details of one appointment: notes, title, place (not time, status or who)."""
        dialog = DetailsDialog(appt, self.services.context.timezone, self.parent)
        changes = dialog.changes() if dialog.exec() == QDialog.DialogCode.Accepted else {}
        if not changes:
            return
        try:
            after = self.services.booking.edit_details(
                self.services.actor_id, appt.id, appt.version, changes
            )
        except SchedulerError as exc:
            self._failed(exc)
            return
        self.undo_stack.push(
            EditCommand(self.services, appt, after, changes, self.report, self.versions)
        )
        self.changed(after)
