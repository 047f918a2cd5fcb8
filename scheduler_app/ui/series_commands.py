"""Undoable changes of a whole series: booking it, and cancelling this one, this and
the following ones, or all of it. Each is one undo step, checked like any change."""

from __future__ import annotations

from scheduler_app.domain.status import BOOKING_UNDONE
from scheduler_app.services.bundle import Services
from scheduler_app.services.series_cancel import SeriesCancelled
from scheduler_app.services.series_dto import SeriesBooked, SeriesScope
from scheduler_app.services.series_move import SeriesMoved
from scheduler_app.ui.change_queue import saved_meanwhile
from scheduler_app.ui.commands import Reporter, Versions, _ServiceCommand
from scheduler_app.ui.i18n import translate


class SeriesCancelCommand(_ServiceCommand):
    """Undo brings back what was cancelled (if still free) and joins the series again;
    redo cancels the same again."""

    def __init__(
        self, services: Services, done: SeriesCancelled, report: Reporter, versions: Versions
    ) -> None:
        texts = {
            SeriesScope.THIS: translate("UndoCommands", "Cancel one date of a series"),
            SeriesScope.FOLLOWING: translate("UndoCommands", "Cancel a series from a date on"),
            SeriesScope.ALL: translate("UndoCommands", "Cancel a series"),
        }
        super().__init__(texts[done.scope], services, report, versions, list(done.cancelled))
        self._done = done
        self._reason = done.cancelled[0].cancellation_reason if done.cancelled else ""

    def _undo(self) -> None:
        back = self._services.series.undo_cancel(self._services.actor_id, self._done)
        for view in back.cancelled:
            self._seen(view)

    def _redo(self) -> None:
        key = self._done.appointment_id
        self._done = self._services.series.cancel(
            self._services.actor_id, key, self._version(key), self._done.scope, self._reason
        )
        for view in self._done.cancelled:
            self._seen(view)


class SeriesBookCommand(_ServiceCommand):
    """Undo cancels every date booked (as "Booking undone"); redo brings them back."""

    def __init__(
        self, services: Services, booked: SeriesBooked, report: Reporter, versions: Versions
    ) -> None:
        text = translate("UndoCommands", "Book a series of {n}").format(
            n=len(booked.appointment_ids)
        )
        views = [services.booking.get(i) for i in booked.appointment_ids]
        super().__init__(text, services, report, versions, views)
        self._first_id = booked.appointment_ids[0]
        self._cancelled: SeriesCancelled | None = None

    def _undo(self) -> None:
        key = self._first_id
        self._cancelled = self._services.series.cancel(
            self._services.actor_id,
            key,
            self._version(key),
            SeriesScope.ALL,
            BOOKING_UNDONE,
            undoing=True,
        )
        for view in self._cancelled.cancelled:
            self._seen(view)

    def _redo(self) -> None:
        assert self._cancelled is not None
        back = self._services.series.undo_cancel(self._services.actor_id, self._cancelled)
        for view in back.cancelled:
            self._seen(view)


class SeriesMoveCommand(_ServiceCommand):
    """A series moved, resized or reassigned from a date on, or all of it: undo puts
    every date back where it was (if still free); redo changes them again."""

    def __init__(
        self, services: Services, moved: SeriesMoved, report: Reporter, versions: Versions
    ) -> None:
        change = moved.change
        resized = change.minutes is not None and change.at is None and not change.reassign
        texts = {
            (False, SeriesScope.FOLLOWING): translate(
                "UndoCommands", "Move a series from a date on"
            ),
            (False, SeriesScope.ALL): translate("UndoCommands", "Move a whole series"),
            (True, SeriesScope.FOLLOWING): translate(
                "UndoCommands", "Change the length of a series from a date on"
            ),
            (True, SeriesScope.ALL): translate("UndoCommands", "Change the length of a series"),
        }
        text = texts.get(
            (resized, moved.scope), translate("UndoCommands", "Change one date of a series")
        )
        super().__init__(text, services, report, versions, [])
        self._moved = moved

    def _undo(self) -> None:
        series, actor, moved = self._services.series, self._services.actor_id, self._moved
        saved_meanwhile(lambda: series.undo_move(actor, moved))

    def _redo(self) -> None:
        services, moved = self._services, self._moved
        key = moved.appointment_id

        def again() -> SeriesMoved:
            version = services.booking.get(key).version
            return services.series.change(
                services.actor_id, key, version, moved.scope, moved.change
            )

        self._moved = saved_meanwhile(again)
