"""What the desk changes, as undoable commands through the services.

The windows never write state themselves: they call these, which call the
services, push the undo command and tell the window what to show next.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QWidget

from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import ClientClashError, SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import AppointmentView, BookingRequest, MoveRequest
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.cancel_dialog import CancelDialog
from scheduler_app.ui.clash_question import confirm_clash
from scheduler_app.ui.commands import (
    BookCommand,
    EditCommand,
    MoveCommand,
    StatusCommand,
    Versions,
)
from scheduler_app.ui.complete_dialog import CompleteDialog
from scheduler_app.ui.details_dialog import DetailsDialog, Move
from scheduler_app.ui.find_time_dialog import FindTimeDialog, find_time_from
from scheduler_app.ui.i18n import translate
from scheduler_app.ui.message_boxes import warn

S = AppointmentStatus
#: The booking dialog's answer when the desk asked to find a time instead.
FIND_A_TIME = 2

#: Called after each change with the appointment to select (or None), to redraw.
Changed = Callable[[AppointmentView | None], None]
T = TypeVar("T")


class DeclinedError(SchedulerError):
    """The desk answered no to "Book both?": nothing was changed."""

    def __init__(self) -> None:
        super().__init__(
            translate(
                "DeskActions", "Not saved: the client already has an appointment at that time."
            )
        )


class DeskActions:
    def __init__(self, services: Services, parent: QWidget, changed: Changed) -> None:
        self.services = services
        self.parent = parent
        self.changed = changed
        self.undo_stack = QUndoStack(parent)
        self.versions: Versions = {}  # what this desk last saw of each appointment

    def report(self, error: SchedulerError, title: str = "") -> None:
        warn(self.parent, error, title)

    def _report_undo(self, error: SchedulerError) -> None:
        self.report(error, translate("DeskActions", "Could not undo or redo"))

    def _failed(self, error: SchedulerError, title: str) -> None:
        self.changed(None)  # show what is there now (a refused drop snaps back)
        self.report(error, title)

    def submit_booking(self, request: BookingRequest) -> AppointmentView:
        """What the booking dialog's Book does (a refusal keeps the dialog open)."""
        return self.services.booking.book(self.services.actor_id, request)

    def book_with(self, dialog: BookingDialog | FindTimeDialog) -> None:
        """Run a dialog that books (Book, or Find a time); the booking is undoable.
        The booking dialog's "Find a time..." carries on in Find a time."""
        dialog.submit = self.submit_booking
        if isinstance(dialog, BookingDialog):
            dialog.find_time = lambda: dialog.done(FIND_A_TIME)
        answer = dialog.exec()
        if isinstance(dialog, BookingDialog) and answer == FIND_A_TIME:
            self.book_with(find_time_from(self.services, dialog, self.parent))
            return
        if answer != QDialog.DialogCode.Accepted or dialog.booked is None:
            return
        booked = dialog.booked
        self.undo_stack.push(
            BookCommand(
                self.services, booked, self._report_undo, self.versions, both=dialog.booked_both
            )
        )
        self.changed(booked)

    def _confirming(self, change: Callable[[bool], T], *, moving: bool = True) -> tuple[T, bool]:
        """``change(False)``; when it would book a client in two places at once, ask
        ("Keep both?") and ``change(True)`` on yes. Raises `DeclinedError` on no."""
        try:
            return change(False), False
        except ClientClashError as clash:
            tz = self.services.context.timezone
            if not confirm_clash(self.parent, clash, tz, moving=moving):
                raise DeclinedError() from clash
        return change(True), True

    def move(
        self, appointment: AppointmentView, start: datetime, end: datetime, professional: int | None
    ) -> None:
        """A drop in a calendar: the service decides; a refusal snaps back and says why.
        A drop that books the client twice at once asks first; no snaps back."""
        try:
            after, both = self._confirming(
                lambda both: self.services.booking.reschedule(
                    self.services.actor_id,
                    appointment.id,
                    appointment.version,
                    start,
                    end,
                    professional,
                    book_both=both,
                )
            )
        except DeclinedError:
            self.changed(None)
            return
        except SchedulerError as exc:
            self._failed(exc, translate("DeskActions", "Appointment not moved"))
            return
        self.undo_stack.push(
            MoveCommand(
                self.services, [appointment], [after], self._report_undo, self.versions, both=both
            )
        )
        self.changed(after)

    def move_group(self, moves: list[tuple[AppointmentView, MoveRequest]]) -> None:
        """Several appointments dragged together: all of them move, or none."""
        requests = [request for _appt, request in moves]
        try:
            after, both = self._confirming(
                lambda both: self.services.booking.move_together(
                    self.services.actor_id, requests, book_both=both
                )
            )
        except DeclinedError:
            self.changed(None)
            return
        except SchedulerError as exc:
            self._failed(exc, translate("DeskActions", "Appointments not moved"))
            return
        before = [appt for appt, _request in moves]
        self.undo_stack.push(
            MoveCommand(self.services, before, after, self._report_undo, self.versions, both=both)
        )
        self.changed(after[-1] if after else None)

    def change_status(self, appt: AppointmentView, target: AppointmentStatus) -> None:
        actor, life = self.services.actor_id, self.services.lifecycle
        try:
            if target == S.CANCELLED:
                dialog = CancelDialog(appt, self.services.context.timezone, self.parent)
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return
                after = life.cancel(actor, appt.id, appt.version, dialog.reason.text().strip())
            elif target == S.COMPLETED:
                completing = CompleteDialog(appt, self.parent)
                if completing.exec() != QDialog.DialogCode.Accepted:
                    return
                notes, rating, feedback = completing.values()
                after = life.complete(
                    actor, appt.id, appt.version, notes=notes, rating=rating, feedback=feedback
                )
            elif target == S.PENDING:
                after, _both = self._confirming(
                    lambda both: life.restore(actor, appt.id, appt.version, book_both=both),
                    moving=False,
                )
            else:
                after, _both = self._confirming(
                    lambda both: life.set_status(
                        actor, appt.id, appt.version, target, book_both=both
                    ),
                    moving=False,
                )
        except DeclinedError:
            self.changed(None)
            return
        except SchedulerError as exc:
            self._failed(exc, _status_refused(target))
            return
        self.undo_stack.push(
            StatusCommand(self.services, appt, after, self._report_undo, self.versions)
        )
        self.changed(after)

    def edit(self, appt: AppointmentView) -> None:
        """Everything an appointment has: time, length and professional (checked like a
        move), service, client, title, priority, place, link, costs, notes."""
        dialog = DetailsDialog(appt, self.services, self.parent)
        saved: list[AppointmentView] = [appt]  # what the dialog stands on after each save

        def save(move: Move, changes: dict[str, Any]) -> AppointmentView:
            who = appt.client_name or appt.title or translate("DeskActions", "appointment")
            self.undo_stack.beginMacro(translate("DeskActions", "Edit {who}").format(who=who))
            try:
                return self._save_details(saved, dialog, move, changes)
            finally:
                self.undo_stack.endMacro()

        dialog.save = save
        dialog.exec()
        if saved[-1] is not appt:
            self.changed(saved[-1])

    def _save_details(
        self,
        saved: list[AppointmentView],
        dialog: DetailsDialog,
        move: Move,
        changes: dict[str, Any],
    ) -> AppointmentView:
        """Details first (they are refused only for what was typed), then the move
        (refused when the time is taken); each is undoable on its own."""
        actor, booking, current = self.services.actor_id, self.services.booking, saved[-1]
        if changes:
            after, _both = self._confirming(
                lambda both: booking.edit_details(
                    actor, current.id, current.version, changes, book_both=both
                ),
                moving=False,
            )
            self.undo_stack.push(
                EditCommand(
                    self.services, current, after, changes, self._report_undo, self.versions
                )
            )
            saved.append(after)
            dialog.rebase(after)
            current = after
        if move is not None:
            start, end, professional = move
            at = current
            after, both = self._confirming(
                lambda both: booking.reschedule(
                    actor, at.id, at.version, start, end, professional, book_both=both
                )
            )
            self.undo_stack.push(
                MoveCommand(
                    self.services, [current], [after], self._report_undo, self.versions, both=both
                )
            )
            saved.append(after)
            dialog.rebase(after)
        return saved[-1]


def _status_refused(target: AppointmentStatus) -> str:
    """The title of a refused status change, named for the change."""
    titles = {
        S.CONFIRMED: translate("DeskActions", "Not confirmed"),
        S.CHECKED_IN: translate("DeskActions", "Not checked in"),
        S.COMPLETED: translate("DeskActions", "Not completed"),
        S.NO_SHOW: translate("DeskActions", "Not marked as a no-show"),
        S.CANCELLED: translate("DeskActions", "Not cancelled"),
        S.PENDING: translate("DeskActions", "Not restored"),
    }
    return titles.get(target, translate("DeskActions", "Status not changed"))
