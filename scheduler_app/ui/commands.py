"""Undoable desk actions. Each one calls a service; undo is checked like any change.

Undo and redo call the services on a worker (`saved_meanwhile`): the window goes
on painting, and the keys pressed meanwhile wait for the answer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Generic, TypeVar

from PySide6.QtGui import QUndoCommand

from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import AppointmentView, MoveRequest
from scheduler_app.ui.change_queue import saved_meanwhile
from scheduler_app.ui.i18n import status_label, translate


def _who(appt: AppointmentView) -> str:
    return appt.client_name or appt.title or translate("UndoCommands", "appointment")


#: Shows a user-facing error (the main window's message box).
Reporter = Callable[[SchedulerError], None]
#: The version of each appointment this desk last saw, shared by its commands: undoing
#: two moves of one appointment must not take the first move's version for someone
#: else's change, while a change by another desk is still caught.
Versions = dict[int, int]
State = TypeVar("State")


class _ServiceCommand(QUndoCommand):
    """Runs ``do`` once before being pushed; undo/redo then call the services again.

    If undoing or redoing fails (someone took the slot meanwhile), the user is
    told why and the command leaves the stack; nothing is half-applied.
    """

    def __init__(
        self,
        text: str,
        services: Services,
        report: Reporter,
        versions: Versions,
        after: list[AppointmentView],
    ) -> None:
        super().__init__(text)
        self._services = services
        self._report = report
        self._first = True
        self._versions = versions
        for appt in after:
            self._seen(appt)

    def _seen(self, appt: AppointmentView) -> None:
        self._versions[appt.id] = appt.version

    def _version(self, appointment_id: int) -> int:
        return self._versions[appointment_id]

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._guarded(self._redo)

    def undo(self) -> None:
        self._guarded(self._undo)

    def _guarded(self, action: Callable[[], None]) -> None:
        try:
            action()
        except SchedulerError as exc:
            self.setObsolete(True)
            self._report(exc)

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class _StateCommand(_ServiceCommand, Generic[State]):
    """Undo puts back the state before, redo the state after (`_apply` each)."""

    _before: State
    _after: State

    def _apply(self, state: State) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        self._apply(self._before)

    def _redo(self) -> None:
        self._apply(self._after)


class StatusCommand(_StateCommand[AppointmentStatus]):
    def __init__(
        self,
        services: Services,
        before: AppointmentView,
        after: AppointmentView,
        report: Reporter,
        versions: Versions,
    ) -> None:
        text = translate("UndoCommands", "{status}: {who}").format(
            status=status_label(after.status), who=_who(after)
        )
        super().__init__(text, services, report, versions, [after])
        self._id = after.id
        self._before, self._after = before.status, after.status

    def _apply(self, state: AppointmentStatus) -> None:
        life, actor, key = self._services.lifecycle, self._services.actor_id, self._id
        version = self._version(key)
        self._seen(saved_meanwhile(lambda: life.set_status(actor, key, version, state)))


class BookCommand(_ServiceCommand):
    """Undo takes the booking back (its unsent messages withdrawn); redo restores it
    (if its time is still free)."""

    def __init__(
        self,
        services: Services,
        booked: AppointmentView,
        report: Reporter,
        versions: Versions,
        *,
        both: bool = False,
    ) -> None:
        text = translate("UndoCommands", "Book {who}").format(who=_who(booked))
        super().__init__(text, services, report, versions, [booked])
        self._id = booked.id
        self._both = both  # the desk confirmed booking its client twice at once

    def _undo(self) -> None:
        actor, version, key = self._services.actor_id, self._version(self._id), self._id
        life = self._services.lifecycle
        self._seen(saved_meanwhile(lambda: life.undo_booking(actor, key, version)))

    def _redo(self) -> None:
        actor, version, key = self._services.actor_id, self._version(self._id), self._id
        life, both = self._services.lifecycle, self._both
        self._seen(saved_meanwhile(lambda: life.restore(actor, key, version, book_both=both)))


class WaitlistBookCommand(BookCommand):
    """A booking from the waitlist: undo takes it back and the entry waits again;
    redo restores it and marks the entry booked (each one change)."""

    def __init__(
        self,
        services: Services,
        booked: AppointmentView,
        entry_id: int,
        report: Reporter,
        versions: Versions,
    ) -> None:
        super().__init__(services, booked, report, versions)
        self._entry_id = entry_id

    def _undo(self) -> None:
        actor, version, key = self._services.actor_id, self._version(self._id), self._id
        waitlist, entry = self._services.waitlist, self._entry_id
        self._seen(saved_meanwhile(lambda: waitlist.undo_book(actor, entry, key, version)))

    def _redo(self) -> None:
        actor, version, key = self._services.actor_id, self._version(self._id), self._id
        waitlist, entry = self._services.waitlist, self._entry_id
        self._seen(saved_meanwhile(lambda: waitlist.redo_book(actor, entry, key, version)))


Place = tuple[int, datetime, datetime, int | None]  # appointment, start, end, professional


class MoveCommand(_StateCommand[list[Place]]):
    """Drags in the calendar (time and/or professional) of one appointment or several
    together; undo puts them back if still free (all of them, or none)."""

    def __init__(
        self,
        services: Services,
        before: list[AppointmentView],
        after: list[AppointmentView],
        report: Reporter,
        versions: Versions,
        *,
        both: bool = False,
        rooms: tuple[int, int] | None = None,
    ) -> None:
        if rooms is not None:
            text = translate("UndoCommands", "Move {who} to another room").format(
                who=_who(after[0])
            )
        elif len(after) == 1:
            text = (
                translate("UndoCommands", "Resize {who}")
                if before[0].start == after[0].start
                else translate("UndoCommands", "Move {who}")
            ).format(who=_who(after[0]))
        else:
            text = translate("UndoCommands", "Move {count} appointments").format(count=len(after))
        super().__init__(text, services, report, versions, after)
        self._before = [(a.id, a.start, a.end, a.professional_id) for a in before]
        self._after = [(a.id, a.start, a.end, a.professional_id) for a in after]
        # The desk confirmed the move although it books a client twice at once: redo
        # keeps that answer (undo is decided afresh).
        self._both = both
        # From one room to another (one appointment): undo takes it back to the first.
        self._rooms = rooms

    def _apply(self, state: list[Place]) -> None:
        actor, booking = self._services.actor_id, self._services.booking
        both = self._both and state is self._after
        if len(state) == 1:
            ((key, start, end, professional),) = state
            version = self._version(key)
            rooms = self._rooms
            if rooms is not None and state is self._before:
                rooms = (rooms[1], rooms[0])
            self._seen(
                saved_meanwhile(
                    lambda: booking.reschedule(
                        actor, key, version, start, end, professional, book_both=both, room=rooms
                    )
                )
            )
            return
        moves = [MoveRequest(k, self._version(k), s, e, p) for k, s, e, p in state]
        for view in saved_meanwhile(lambda: booking.move_together(actor, moves, book_both=both)):
            self._seen(view)


class EditCommand(_StateCommand[dict[str, object]]):
    """An appointment's details changed (title, place, notes); undo puts the old ones back."""

    def __init__(
        self,
        services: Services,
        before: AppointmentView,
        after: AppointmentView,
        changes: dict[str, object],
        report: Reporter,
        versions: Versions,
    ) -> None:
        text = translate("UndoCommands", "Edit {who}").format(who=_who(after))
        super().__init__(text, services, report, versions, [after])
        self._id = after.id
        self._before = {name: getattr(before, name) for name in changes}
        self._after = dict(changes)

    def _apply(self, state: dict[str, object]) -> None:
        booking, actor, key = self._services.booking, self._services.actor_id, self._id
        version = self._version(key)
        self._seen(saved_meanwhile(lambda: booking.edit_details(actor, key, version, state)))
