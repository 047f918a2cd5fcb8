"""Undoable desk actions. Each one calls a service; undo is checked like any change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtGui import QUndoCommand

from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import AppointmentView, MoveRequest

#: Shows a user-facing error (the main window's message box).
Reporter = Callable[[SchedulerError], None]
#: The version of each appointment this desk last saw, shared by its commands: undoing
#: two moves of one appointment must not take the first move's version for someone
#: else's change, while a change by another desk is still caught.
Versions = dict[int, int]


class _ServiceCommand(QUndoCommand):
    """Runs ``do`` once before being pushed; undo/redo then call the services again.

    If undoing or redoing fails (someone took the slot meanwhile), the user is
    told why and the command leaves the stack; nothing is half-applied.
    """

    def __init__(self, text: str, report: Reporter, versions: Versions) -> None:
        super().__init__(text)
        self._report = report
        self._first = True
        self._versions = versions

    def _seen(self, appointment_id: int, version: int) -> None:
        self._versions[appointment_id] = version

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


class StatusCommand(_ServiceCommand):
    def __init__(
        self,
        services: Services,
        before: AppointmentView,
        after: AppointmentView,
        report: Reporter,
        versions: Versions,
    ) -> None:
        super().__init__(
            f"{after.status.label}: {after.client_name or 'appointment'}", report, versions
        )
        self._services = services
        self._id = after.id
        self._from: AppointmentStatus = before.status
        self._to: AppointmentStatus = after.status
        self._seen(after.id, after.version)

    def _set(self, target: AppointmentStatus) -> None:
        view = self._services.lifecycle.set_status(
            self._services.actor_id, self._id, self._versions[self._id], target
        )
        self._seen(self._id, view.version)

    def _undo(self) -> None:
        self._set(self._from)

    def _redo(self) -> None:
        self._set(self._to)


class BookCommand(_ServiceCommand):
    """Undo cancels the booking; redo restores it (if its time is still free)."""

    def __init__(
        self, services: Services, booked: AppointmentView, report: Reporter, versions: Versions
    ) -> None:
        super().__init__(f"Book {booked.client_name or 'appointment'}", report, versions)
        self._services = services
        self._id = booked.id
        self._seen(booked.id, booked.version)

    def _undo(self) -> None:
        view = self._services.lifecycle.cancel(
            self._services.actor_id, self._id, self._versions[self._id], "Booking undone"
        )
        self._seen(self._id, view.version)

    def _redo(self) -> None:
        view = self._services.lifecycle.restore(
            self._services.actor_id, self._id, self._versions[self._id]
        )
        self._seen(self._id, view.version)


class MoveCommand(_ServiceCommand):
    """A drag in the calendar (time and/or professional); undo puts it back if still free."""

    def __init__(
        self,
        services: Services,
        before: AppointmentView,
        after: AppointmentView,
        report: Reporter,
        versions: Versions,
    ) -> None:
        verb = "Resize" if before.start == after.start else "Move"
        super().__init__(f"{verb} {after.client_name or 'appointment'}", report, versions)
        self._services = services
        self._id = after.id
        self._before = (before.start, before.end, before.professional_id)
        self._after = (after.start, after.end, after.professional_id)
        self._seen(after.id, after.version)

    def _go(self, where: tuple[datetime, datetime, int | None]) -> None:
        start, end, professional = where
        view = self._services.booking.reschedule(
            self._services.actor_id, self._id, self._versions[self._id], start, end, professional
        )
        self._seen(self._id, view.version)

    def _undo(self) -> None:
        self._go(self._before)

    def _redo(self) -> None:
        self._go(self._after)


class GroupMoveCommand(_ServiceCommand):
    """Several appointments dragged together; undo puts them all back, or none."""

    def __init__(
        self,
        services: Services,
        before: list[AppointmentView],
        after: list[AppointmentView],
        report: Reporter,
        versions: Versions,
    ) -> None:
        super().__init__(f"Move {len(after)} appointments", report, versions)
        self._services = services
        self._before = [(a.id, a.start, a.end, a.professional_id) for a in before]
        self._after = [(a.id, a.start, a.end, a.professional_id) for a in after]
        for appt in after:
            self._seen(appt.id, appt.version)

    def _go(self, places: list[tuple[int, datetime, datetime, int | None]]) -> None:
        moves = [
            MoveRequest(key, self._versions[key], start, end, professional)
            for key, start, end, professional in places
        ]
        for view in self._services.booking.move_together(self._services.actor_id, moves):
            self._seen(view.id, view.version)

    def _undo(self) -> None:
        self._go(self._before)

    def _redo(self) -> None:
        self._go(self._after)


class EditCommand(_ServiceCommand):
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
        super().__init__(f"Edit {after.client_name or 'appointment'}", report, versions)
        self._services = services
        self._id = after.id
        self._before = {name: getattr(before, name) for name in changes}
        self._after = dict(changes)
        self._seen(after.id, after.version)

    def _set(self, values: dict[str, object]) -> None:
        view = self._services.booking.edit_details(
            self._services.actor_id, self._id, self._versions[self._id], values
        )
        self._seen(self._id, view.version)

    def _undo(self) -> None:
        self._set(self._before)

    def _redo(self) -> None:
        self._set(self._after)
