"""A repeating event of an import booked as a series, the way a desk books one.

Within the import's transaction (`import_transaction`) the series is reported
and booked by `SeriesService` (each date decided exactly against the schedule
and the rows of the file booked before it); a date the schedule refuses is left
out and listed with the reason, as a refused row. Then each date the file moved
or changed (a RECURRENCE-ID event) is moved by `BookingService.reschedule`, as a
desk moves one date of a series; if its new time is refused, the date is taken
back (cancelled as a booking made by mistake: no message to the client) and
listed with the reason. (Refused dates are listed even when the manager chose to
record refused rows as conflicts: a series is booked only where it fits.) A
RECURRENCE-ID event at its date's own time and with its professional is no move:
only its status and details are its own.

Each date gets what a single imported event gets (`imports`): its title,
description, location and price (the repeating event's, or its RECURRENCE-ID
event's), and it is confirmed when its event says CONFIRMED and it has a
professional. Other statuses (checked in, completed, no-show) are not imported
as such, for a series as for a single event: those dates are booked pending.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from scheduler_app.db import imports as store
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import SchedulerError, ValidationError
from scheduler_app.services.booking import BookingService
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import AppointmentView
from scheduler_app.services.import_rows import ImportRow
from scheduler_app.services.import_transaction import ImportTransaction
from scheduler_app.services.lifecycle import LifecycleService
from scheduler_app.services.series import SeriesService
from scheduler_app.services.series_dto import SeriesRequest, SeriesScope


class Directory(Protocol):
    """The import's matching of names (`imports._Directory`)."""

    def client(self, row: ImportRow) -> int | None: ...
    def professional(self, name: str) -> int | None: ...
    def service(self, row: ImportRow) -> int | None: ...


@dataclass(frozen=True, slots=True)
class Refused:
    """A date of the series not imported: its line, start and why."""

    line: int
    start: datetime | None
    professional_name: str
    reason: str


@dataclass(frozen=True, slots=True)
class SeriesImported:
    appointment_ids: tuple[int, ...]
    refused: tuple[Refused, ...]


def book_series(
    tx: ImportTransaction, directory: Directory, actor_id: int, row: ImportRow
) -> SeriesImported:
    """Book ``row``'s series (see the module); `SchedulerError` when none of its
    dates can be booked."""
    series = row.series
    assert series is not None and row.start is not None
    # The series' report reads the schedule as the import's transaction has it.
    ctx = _reading_the_import(tx.ctx)
    request = SeriesRequest(
        rule=series.rule,
        first_start=row.start,
        client_id=directory.client(row),
        professional_id=directory.professional(row.professional_name),
        service_id=directory.service(row),
        minutes=series.minutes,
        title=row.title,
        description=row.description,
        location=row.location,
        estimated_cost=row.price,
        confirmed=row.confirmed,
    )
    service = SeriesService(ctx)
    report = service.report(actor_id, request)
    refused = [Refused(row.line, o.start, row.professional_name, o.reason) for o in report.refused]
    if not report.free:
        reason = report.refused[0].reason if report.refused else "It has no dates."
        raise ValidationError(f"No date of this repeating event can be booked: {reason}")
    booked = service.book(actor_id, report)
    by_day = dict(zip((o.day for o in report.free), booked.appointment_ids, strict=True))
    ids = list(booked.appointment_ids)
    booking = BookingService(ctx)
    for day, changed in series.overrides:
        appointment_id = by_day.get(day)
        if appointment_id is None:
            continue  # its date was refused, and listed
        assert changed.start is not None
        professional = directory.professional(changed.professional_name)
        booked_date = booking.get(appointment_id)
        if (booked_date.start, booked_date.end, booked_date.professional_id) == (
            changed.start,
            changed.end,
            professional,
        ):
            _own_details(ctx, actor_id, booked_date, changed)
            continue  # not moved: its status and details are its own
        version = booked_date.version
        savepoint = tx.conn.begin_nested()
        try:
            booking.reschedule(
                actor_id, appointment_id, version, changed.start, changed.end, professional
            )
        except SchedulerError as exc:
            savepoint.rollback()
            service.cancel(
                actor_id,
                appointment_id,
                booking.get(appointment_id).version,
                SeriesScope.THIS,
                "Imported: its new time was refused",
                undoing=True,
            )
            ids.remove(appointment_id)
            refused.append(
                Refused(changed.line, changed.start, changed.professional_name, exc.message)
            )
        else:
            savepoint.commit()
            _own_details(ctx, actor_id, booking.get(appointment_id), changed)
    if row.external_id:
        store.mark_imported(tx.conn, ids, row.external_id)
    return SeriesImported(tuple(ids), tuple(refused))


def _own_details(
    ctx: ServiceContext, actor_id: int, booked: AppointmentView, changed: ImportRow
) -> None:
    """Give the date ``booked`` (from the repeating event) the status and details of
    its RECURRENCE-ID event ``changed``, as a single event's (its price only when the
    event has one)."""
    wanted: dict[str, object] = {
        "title": changed.title,
        "description": changed.description,
        "location": changed.location,
    }
    if changed.price is not None:
        wanted["estimated_cost"] = changed.price
    edits = {k: v for k, v in wanted.items() if getattr(booked, k) != v}
    if edits:
        booked = BookingService(ctx).edit_details(actor_id, booked.id, booked.version, edits)
    confirmed = changed.confirmed and booked.professional_id is not None
    if confirmed != (booked.status is AppointmentStatus.CONFIRMED):
        target = AppointmentStatus.CONFIRMED if confirmed else AppointmentStatus.PENDING
        LifecycleService(ctx).set_status(actor_id, booked.id, booked.version, target)


def _reading_the_import(ctx: ServiceContext) -> ServiceContext:
    """``ctx`` whose reads go through the import's transaction too (they must see
    the rows booked before, not yet committed)."""
    database = ctx.database
    return replace(ctx, database=replace(database, reader=database.writer))
