"""What the desk changes, as undoable commands through the services.

The windows never write state themselves: they call these, which call the
services, push the undo command and tell the window what to show next. Moves
(dropped, nudged, assigned) and status changes are saved on a worker
(`ChangeQueue`): the window marks them "saving..." meanwhile, and the undo entry
is added once the service has saved the change. Booking and a details dialog's
Save wait for their answer (the dialog stays open on a refusal) with the call on
the worker and the window painting (`saved_meanwhile`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QDialog, QWidget

from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import ClientClashError, DatabaseUnavailableError, SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import AppointmentView, BookingRequest, MoveRequest
from scheduler_app.services.series_dto import SeriesRequest, SeriesScope
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.cancel_dialog import CancelDialog
from scheduler_app.ui.change_queue import ChangeQueue, saved_meanwhile
from scheduler_app.ui.clash_question import confirm_clash
from scheduler_app.ui.commands import (
    BookCommand,
    EditCommand,
    MoveCommand,
    StatusCommand,
    Versions,
    WaitlistBookCommand,
)
from scheduler_app.ui.complete_dialog import CompleteDialog
from scheduler_app.ui.details_dialog import DetailsDialog, Move
from scheduler_app.ui.find_time_dialog import FindTimeDialog, find_time_from
from scheduler_app.ui.i18n import translate
from scheduler_app.ui.message_boxes import warn
from scheduler_app.ui.period_loader import is_unreachable
from scheduler_app.ui.series_commands import (
    SeriesBookCommand,
    SeriesCancelCommand,
    SeriesMoveCommand,
)
from scheduler_app.ui.series_dialog import SeriesDialog
from scheduler_app.ui.series_move_dialog import SeriesMoveDialog
from scheduler_app.ui.series_report_dialog import SeriesReportDialog
from scheduler_app.ui.waitlist_bar import Freed, freed_parts, freed_times

S = AppointmentStatus
#: The booking dialog's answer when the desk asked to find a time instead.
FIND_A_TIME = 2
#: ... when it asked to repeat the appointment (a series).
REPEAT = 3

#: Called after each change with the appointment to select (or None), to redraw.
Changed = Callable[[AppointmentView | None], None]
#: Where the appointments being saved go (None: they stay where they are).
Places = dict[int, tuple[datetime, datetime] | None]
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
        # A change already saved is being added to the undo stack (`_push_and_show`).
        self.pushing = False
        self.versions: Versions = {}  # what this desk last saw of each appointment
        self.queue = ChangeQueue(parent)
        #: Told which appointments are being saved, and where they go.
        self.on_saving: Callable[[Places], None] = lambda _places: None
        #: Told when they no longer are: saved (True) or refused (False).
        self.on_saved: Callable[[list[int], bool], None] = lambda _keys, _ok: None
        #: Told the times a change freed (the waitlist looks for who waits for them).
        self.freed: Callable[[list[Freed]], None] = lambda _times: None
        #: Why changes are paused now ("": they are not): they are refused with it.
        self.paused: Callable[[], str] = lambda: ""
        #: Told, instead of a message box, that the server could not be reached.
        self.on_unreachable: Callable[[str], None] | None = None
        #: Told a change was refused because changes are paused (the window says it).
        self.on_paused: Callable[[str], None] = lambda _why: None

    def _latest(self, appt: AppointmentView) -> int:
        """The newest version of ``appt`` this desk knows (a change saved meanwhile
        by this desk counts)."""
        return max(appt.version, self.versions.get(appt.id, 0))

    def _save(
        self,
        places: Places,
        make: Callable[[bool], Callable[[], Any]],
        done: Callable[[Any, bool], None],
        title: str,
        *,
        moving: bool = True,
    ) -> None:
        """Save a change on the worker; ``done`` gets the service's answer, a refusal
        snaps back and says why under ``title``. ``make(both)`` gives the service call;
        when it would book a client in two places at once, the desk is asked ("Keep
        both?") and on yes it is saved again confirmed (``both``); no snaps back."""
        keys = list(places)

        def submit(both: bool) -> None:
            if self.refused_while_paused():
                self.on_saved(keys, False)  # a dropped block goes back home
                return
            self.on_saving(places)
            self.queue.submit(keys, lambda: make(both), lambda a: saved(a, both), refused)

        def saved(answer: Any, both: bool) -> None:
            self.on_saved(keys, True)
            done(answer, both)

        def refused(error: SchedulerError) -> None:
            self.on_saved(keys, False)
            if isinstance(error, ClientClashError):
                tz = self.services.context.timezone
                if confirm_clash(self.parent, error, tz, moving=moving):
                    submit(True)
                else:
                    self.changed(None)
                return
            self._failed(error, title)

        submit(False)

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

    def _push_and_show(self, command: QUndoCommand, shown: AppointmentView | None) -> None:
        """Add ``command`` (a change already saved) to the undo stack and show ``shown``:
        the window reloads once (the stack's index change does not reload it again)."""
        self.pushing = True
        try:
            self.undo_stack.push(command)
        finally:
            self.pushing = False
        self.changed(shown)

    def refused_while_paused(self) -> bool:
        """True, and the window says why, when changes are paused (nothing is sent)."""
        why = self.paused()
        if why:
            self.on_paused(why)
        return bool(why)

    def undo(self) -> None:
        """Ctrl+Z (refused while changes are paused: the entry stays for later)."""
        if not self.refused_while_paused():
            self.undo_stack.undo()

    def redo(self) -> None:
        if not self.refused_while_paused():
            self.undo_stack.redo()

    def report(self, error: SchedulerError, title: str = "") -> None:
        if self.on_unreachable is not None and is_unreachable(error):
            self.on_unreachable(error.message)  # one lasting mark, not a box per change
            return
        warn(self.parent, error, title)

    def _report_undo(self, error: SchedulerError) -> None:
        self.report(error, translate("DeskActions", "Could not undo or redo"))

    def _failed(self, error: SchedulerError, title: str) -> None:
        self.changed(None)  # show what is there now (a refused drop snaps back)
        self.report(error, title)

    def submit_booking(self, request: BookingRequest) -> AppointmentView:
        """What the booking dialog's Book does (a refusal keeps the dialog open): saved
        on the worker, the window painting meanwhile."""
        why = self.paused()
        if why:
            raise DatabaseUnavailableError(why)  # the dialog stays open and says it
        actor, booking = self.services.actor_id, self.services.booking
        return saved_meanwhile(lambda: booking.book(actor, request))

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
        self.booked(dialog.booked, both=dialog.booked_both)

    def booked(self, booked: AppointmentView, *, both: bool = False) -> None:
        """A booking made (by a dialog, or from the waitlist): undoable, and shown.
        ``both``: the desk confirmed booking its client twice at once."""
        self._push_and_show(
            BookCommand(self.services, booked, self._report_undo, self.versions, both=both), booked
        )

    def booked_from_waitlist(self, booked: AppointmentView, entry_id: int) -> None:
        """A booking made from the waitlist entry ``entry_id``: undo lets it wait again."""
        self._push_and_show(
            WaitlistBookCommand(self.services, booked, entry_id, self._report_undo, self.versions),
            booked,
        )

    def move(
        self,
        appointment: AppointmentView,
        start: datetime,
        end: datetime,
        professional: int | None,
        rooms: tuple[int, int] | None = None,
    ) -> None:
        """A drop in a calendar (``rooms``: from one room's column to another's): the
        service decides; a refusal snaps back and says why. A drop that books the
        client twice at once asks first; no snaps back."""
        actor, booking = self.services.actor_id, self.services.booking

        def make(both: bool) -> Callable[[], AppointmentView]:
            version = self._latest(appointment)
            return lambda: booking.reschedule(
                actor, appointment.id, version, start, end, professional, book_both=both, room=rooms
            )

        def done(after: AppointmentView, both: bool) -> None:
            self._push_and_show(
                MoveCommand(
                    self.services,
                    [appointment],
                    [after],
                    self._report_undo,
                    self.versions,
                    both=both,
                    rooms=rooms,
                ),
                after,
            )
            self.freed(freed_times(appointment, after))

        title = translate("DeskActions", "Appointment not moved")
        self._save({appointment.id: (start, end)}, make, done, title)

    def move_room(
        self, appointment: AppointmentView, start: datetime, end: datetime, rooms: tuple[int, int]
    ) -> None:
        """A drop in another room's column: that room, at the time dropped at."""
        self.move(appointment, start, end, appointment.professional_id, rooms)

    def move_group(self, moves: list[tuple[AppointmentView, MoveRequest]]) -> None:
        """Several appointments dragged together: all of them move, or none."""
        actor, booking = self.services.actor_id, self.services.booking
        before = [appt for appt, _request in moves]

        def make(both: bool) -> Callable[[], list[AppointmentView]]:
            requests = [replace(r, version=self._latest(a)) for a, r in moves]
            return lambda: booking.move_together(actor, requests, book_both=both)

        def done(after: list[AppointmentView], both: bool) -> None:
            self._push_and_show(
                MoveCommand(
                    self.services, before, after, self._report_undo, self.versions, both=both
                ),
                after[-1] if after else None,
            )
            self.freed([t for b, a in zip(before, after, strict=False) for t in freed_times(b, a)])

        places: Places = {a.id: (r.start, r.end) for a, r in moves}
        self._save(places, make, done, translate("DeskActions", "Appointments not moved"))

    def change_status(self, appt: AppointmentView, target: AppointmentStatus) -> None:
        """Ask what a cancellation or a completion needs, then save the change."""
        if self.refused_while_paused():
            return
        actor, life = self.services.actor_id, self.services.lifecycle
        change: Callable[[int, bool], AppointmentView]
        if target == S.CANCELLED:
            dialog = CancelDialog(appt, self.services.context.timezone, self.parent)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            reason = dialog.reason.text().strip()
            scope = dialog.scope()
            if scope is not None:
                self.cancel_series(appt, scope, reason)
                return
            change = lambda version, _both: life.cancel(  # noqa: E731
                actor, appt.id, version, reason
            )
        elif target == S.COMPLETED:
            completing = CompleteDialog(appt, self.parent)
            if completing.exec() != QDialog.DialogCode.Accepted:
                return
            notes, rating, feedback = completing.values()
            change = lambda version, _both: life.complete(  # noqa: E731
                actor, appt.id, version, notes=notes, rating=rating, feedback=feedback
            )
        elif target == S.PENDING:
            change = lambda version, both: life.restore(  # noqa: E731
                actor, appt.id, version, book_both=both
            )
        else:
            change = lambda version, both: life.set_status(  # noqa: E731
                actor, appt.id, version, target, book_both=both
            )

        def make(both: bool) -> Callable[[], AppointmentView]:
            version = self._latest(appt)
            return lambda: change(version, both)

        def done(after: AppointmentView, _both: bool) -> None:
            self._push_and_show(
                StatusCommand(self.services, appt, after, self._report_undo, self.versions), after
            )
            self.freed(freed_times(appt, after))

        self._save({appt.id: None}, make, done, _status_refused(target), moving=False)

    def cancel_series(self, appt: AppointmentView, scope: SeriesScope, reason: str) -> None:
        """Cancel this date, this and the following ones, or all of a series (one undo)."""
        try:
            done = self.services.series.cancel(
                self.services.actor_id, appt.id, appt.version, scope, reason
            )
        except SchedulerError as exc:
            self._failed(exc, _status_refused(S.CANCELLED))
            return
        self._push_and_show(
            SeriesCancelCommand(self.services, done, self._report_undo, self.versions),
            done.cancelled[0] if done.cancelled else None,
        )

    def change_series(self, appt: AppointmentView, scope: SeriesScope) -> None:
        """Move, resize or reassign this date of a series and the following ones, or
        all of it (one undo step); saved on the worker, the window painting."""
        if self.refused_while_paused():
            return
        choices = [(p.id, p.name) for p in self.services.directory.professionals()]
        tz = self.services.context.timezone
        dialog = SeriesMoveDialog(appt, choices, tz, self.parent, scope)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        change = dialog.change()
        if change.at is None and change.minutes is None and not change.reassign:
            return  # nothing changed
        series, actor, version = self.services.series, self.services.actor_id, self._latest(appt)
        try:
            moved = saved_meanwhile(lambda: series.change(actor, appt.id, version, scope, change))
        except SchedulerError as exc:
            self._failed(exc, translate("DeskActions", "Appointments not moved"))
            return
        self._push_and_show(
            SeriesMoveCommand(self.services, moved, self._report_undo, self.versions),
            self.services.booking.get(appt.id),
        )
        freed = [
            part
            for b, a in zip(moved.before, moved.after, strict=True)
            for part in freed_parts(
                (b.start, b.end, b.professional_id), (a.start, a.end, a.professional_id)
            )
        ]
        if freed:
            self.freed(freed)

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
        self._push_and_show(
            SeriesBookCommand(self.services, shown.booked, self._report_undo, self.versions),
            self.services.booking.get(shown.booked.appointment_ids[0]),
        )

    def edit(self, appt: AppointmentView) -> None:
        """Everything an appointment has: time, length and professional (checked like a
        move), service, client, title, priority, place, link, costs, notes."""
        if self.refused_while_paused():
            return
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
            key, version = current.id, current.version
            after, _both = self._confirming(
                lambda both: saved_meanwhile(
                    lambda: booking.edit_details(actor, key, version, changes, book_both=both)
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
            key, version = current.id, current.version
            after, both = self._confirming(
                lambda both: saved_meanwhile(
                    lambda: booking.reschedule(
                        actor, key, version, start, end, professional, book_both=both
                    )
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
