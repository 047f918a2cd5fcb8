"""What the desk changes, as undoable commands through the services.

The windows never write state themselves: they call these, which call the
services, push the undo command and tell the window what to show next.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QWidget

from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import AppointmentView, BookingRequest, MoveRequest
from scheduler_app.services.series_dto import SeriesRequest, SeriesScope
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.cancel_dialog import CancelDialog
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
from scheduler_app.ui.series_commands import (
    SeriesBookCommand,
    SeriesCancelCommand,
    SeriesMoveCommand,
)
from scheduler_app.ui.series_dialog import SeriesDialog
from scheduler_app.ui.series_move_dialog import SeriesMoveDialog
from scheduler_app.ui.series_report_dialog import SeriesReportDialog
from scheduler_app.ui.waitlist_bar import Freed, freed_times

S = AppointmentStatus
#: The booking dialog's answer when the desk asked to find a time instead.
FIND_A_TIME = 2
#: ... when it asked to repeat the appointment (a series).
REPEAT = 3

#: Called after each change with the appointment to select (or None), to redraw.
Changed = Callable[[AppointmentView | None], None]


class DeskActions:
    def __init__(self, services: Services, parent: QWidget, changed: Changed) -> None:
        self.services = services
        self.parent = parent
        self.changed = changed
        self.undo_stack = QUndoStack(parent)
        self.versions: Versions = {}  # what this desk last saw of each appointment
        #: Told the times a change freed (the waitlist looks for who waits for them).
        self.freed: Callable[[list[Freed]], None] = lambda _times: None

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
            dialog.repeat = lambda: dialog.done(REPEAT)
        answer = dialog.exec()
        if isinstance(dialog, BookingDialog) and answer == FIND_A_TIME:
            self.book_with(find_time_from(self.services, dialog, self.parent))
            return
        if isinstance(dialog, BookingDialog) and answer == REPEAT:
            self.book_series(dialog)
            return
        if answer != QDialog.DialogCode.Accepted or dialog.booked is None:
            return
        self.booked(dialog.booked)

    def booked(self, booked: AppointmentView) -> None:
        """A booking made (by a dialog, or from the waitlist): undoable, and shown."""
        self.undo_stack.push(BookCommand(self.services, booked, self._report_undo, self.versions))
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
            self._failed(exc, translate("DeskActions", "Appointment not moved"))
            return
        self.undo_stack.push(
            MoveCommand(self.services, [appointment], [after], self._report_undo, self.versions)
        )
        self.changed(after)
        self.freed(freed_times(appointment, after))

    def move_group(self, moves: list[tuple[AppointmentView, MoveRequest]]) -> None:
        """Several appointments dragged together: all of them move, or none."""
        try:
            after = self.services.booking.move_together(
                self.services.actor_id, [request for _appt, request in moves]
            )
        except SchedulerError as exc:
            self._failed(exc, translate("DeskActions", "Appointments not moved"))
            return
        before = [appt for appt, _request in moves]
        self.undo_stack.push(
            MoveCommand(self.services, before, after, self._report_undo, self.versions)
        )
        self.changed(after[-1] if after else None)
        self.freed([t for b, a in zip(before, after, strict=False) for t in freed_times(b, a)])

    def change_status(self, appt: AppointmentView, target: AppointmentStatus) -> None:
        actor, life = self.services.actor_id, self.services.lifecycle
        try:
            if target == S.CANCELLED:
                dialog = CancelDialog(appt, self.services.context.timezone, self.parent)
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return
                scope = dialog.scope()
                if scope is not None:
                    self.cancel_series(appt, scope, dialog.reason.text().strip())
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
                after = life.restore(actor, appt.id, appt.version)
            else:
                after = life.set_status(actor, appt.id, appt.version, target)
        except SchedulerError as exc:
            self._failed(exc, _status_refused(target))
            return
        self.undo_stack.push(
            StatusCommand(self.services, appt, after, self._report_undo, self.versions)
        )
        self.changed(after)
        self.freed(freed_times(appt, after))

    def cancel_series(self, appt: AppointmentView, scope: SeriesScope, reason: str) -> None:
        """Cancel this date, this and the following ones, or all of a series (one undo)."""
        try:
            done = self.services.series.cancel(
                self.services.actor_id, appt.id, appt.version, scope, reason
            )
        except SchedulerError as exc:
            self._failed(exc, _status_refused(S.CANCELLED))
            return
        self.undo_stack.push(
            SeriesCancelCommand(self.services, done, self._report_undo, self.versions)
        )
        self.changed(done.cancelled[0] if done.cancelled else None)

    def move_following(self, appt: AppointmentView) -> None:
        """Move this date of a series and the following ones to another time (one undo)."""
        choices = [(p.id, p.name) for p in self.services.directory.professionals()]
        dialog = SeriesMoveDialog(appt, choices, self.services.context.timezone, self.parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        at, professional = dialog.chosen()
        try:
            moved = self.services.series.move_following(
                self.services.actor_id, appt.id, appt.version, at, professional
            )
        except SchedulerError as exc:
            self._failed(exc, translate("DeskActions", "Appointments not moved"))
            return
        self.undo_stack.push(
            SeriesMoveCommand(self.services, moved, self._report_undo, self.versions)
        )
        self.changed(self.services.booking.get(appt.id))

    def book_series(self, dialog: BookingDialog) -> None:
        """The booking dialog's "Repeat...": the rule, then the report, then the booking."""
        try:
            request = dialog.request()
        except SchedulerError as exc:
            self.report(exc)
            return
        minutes = dialog.duration.value()
        tz = self.services.context.timezone
        rule_dialog = SeriesDialog(request.start, minutes, tz, self.parent)
        if rule_dialog.exec() != QDialog.DialogCode.Accepted:
            return
        series = SeriesRequest(
            rule=rule_dialog.rule_text(),
            first_start=request.start,
            client_id=request.client_id,
            professional_id=request.professional_id,
            service_id=request.service_id,
            minutes=minutes,
        )
        actor = self.services.actor_id
        try:
            report = self.services.series.report(actor, series)
        except SchedulerError as exc:
            self.report(exc)
            return
        shown = SeriesReportDialog(
            report, tz, lambda r, chosen: self.services.series.book(actor, r, chosen), self.parent
        )
        if shown.exec() != QDialog.DialogCode.Accepted or shown.booked is None:
            return
        self.undo_stack.push(
            SeriesBookCommand(self.services, shown.booked, self._report_undo, self.versions)
        )
        self.changed(self.services.booking.get(shown.booked.appointment_ids[0]))

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
            self.freed(freed_times(appt, saved[-1]))

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
            after = booking.edit_details(actor, current.id, current.version, changes)
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
            after = booking.reschedule(actor, current.id, current.version, start, end, professional)
            self.undo_stack.push(
                MoveCommand(self.services, [current], [after], self._report_undo, self.versions)
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
