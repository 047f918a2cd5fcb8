"""Repeating appointments: report, book, cancel this / this and following / all.

Booking a series first reports each occurrence (`report`): free, or refused with
the reason and the nearest free alternative. The desk then books the free ones
and the alternatives it chose (`book`), in ONE schedule change
(`unit_of_work.change`): every occurrence is decided again in the transaction,
and if anything changed since the report nothing is written and
`SeriesChangedError` carries the report as it is now. All of them are then
required together, written, and checked again under the lock.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection

from scheduler_app.db import appointments as appointment_rows
from scheduler_app.db import series as series_rows
from scheduler_app.db.audit_log import insert_entries
from scheduler_app.db.facts import read_facts
from scheduler_app.db.rows import Facts
from scheduler_app.domain.capacity import Proposal
from scheduler_app.domain.limits import real_end
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import ConflictError, NotFoundError, ValidationError
from scheduler_app.services import (
    availability,
    outbox,
    placing,
    reading,
    resource_holds,
    series_report,
    unit_of_work,
)
from scheduler_app.services.audit import APPOINTMENT_FIELDS, entry, snapshot
from scheduler_app.services.checks import (
    check_actor,
    check_client,
    check_professional,
    check_service,
)
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.details import clean_details
from scheduler_app.services.guard import guarded
from scheduler_app.services.permissions import readers, writers
from scheduler_app.services.series_cancel import SeriesCancelled, cancel_in, undo_cancel_in
from scheduler_app.services.series_dto import (
    ChosenAlternative,
    OccurrenceVerdict,
    SeriesBooked,
    SeriesChangedError,
    SeriesInfo,
    SeriesReport,
    SeriesRequest,
    SeriesScope,
)
from scheduler_app.services.series_move import (
    SeriesChange,
    SeriesMoved,
    change_in,
    move_following_in,
    undo_move_in,
)

CHANGED = (
    "The schedule changed since the report was made: nothing was booked. "
    "Here is the report as it is now."
)


@guarded
class SeriesService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @readers
    def report(self, actor_id: int, request: SeriesRequest) -> SeriesReport:
        """Each occurrence of ``request`` free or refused (with the reason and the
        nearest free alternative). Writes nothing."""
        series_report.rule_of(request.rule)

        def work(conn: Connection) -> tuple[int, list[OccurrenceVerdict]]:
            facts = self._facts(conn, actor_id, request)
            minutes = self._minutes(request, facts)
            horizon = facts.clinic.series_horizon_days
            found = series_report.occurrences(request, minutes, self.ctx, horizon)
            rules = availability.stored_rules(conn, self.ctx)
            return minutes, series_report.judge(conn, self.ctx, found, request, rules)

        minutes, verdicts = reading.read_connection(self.ctx, work)
        verdicts = series_report.with_alternatives(self.ctx, verdicts, request, minutes)
        return SeriesReport(request, minutes, tuple(verdicts))

    @writers
    def book(
        self,
        actor_id: int,
        report: SeriesReport,
        chosen: tuple[ChosenAlternative, ...] = (),
    ) -> SeriesBooked:
        """Book the report's free occurrences and the ``chosen`` alternatives, in one
        transaction, or nothing (`SeriesChangedError` with the report as it is now)."""
        request = report.request
        refused = {o.index for o in report.refused}
        if any(c.index not in refused for c in chosen):
            raise ValidationError("An alternative can only replace a refused occurrence.")
        if len({c.index for c in chosen}) != len(chosen):
            raise ValidationError("Choose at most one alternative for each occurrence.")
        if not report.free and not chosen:
            raise ValidationError("No occurrence of this series is free: nothing to book.")

        def work(tx: unit_of_work.ScheduleChange) -> SeriesBooked:
            tx.lock_now()  # every date is decided once, finally, under the lock
            facts = self._facts(tx.conn, actor_id, request)
            check_actor(facts.actor)
            minutes = self._minutes(request, facts)
            horizon = facts.clinic.series_horizon_days
            found = series_report.occurrences(request, minutes, self.ctx, horizon)
            rules = availability.stored_rules(tx.conn, self.ctx)
            now = series_report.judge(tx.conn, self.ctx, found, request, rules)
            if minutes != report.minutes or [o.free for o in now] != [
                o.free for o in report.occurrences
            ]:
                raise _ChangedError
            # The dates as decided now (not as the desk sent them back).
            places = [(o.index, o.start, o.end, request.professional_id) for o in now if o.free]
            alternatives = {c.index for c in chosen}
            for c in chosen:
                alt = c.alternative
                places.append((c.index, alt.start, alt.end, alt.professional_id))
            places.sort(key=lambda p: p[1] or datetime.min.replace(tzinfo=UTC))
            placements = []
            for index, start, end, professional in places:
                assert start is not None and end is not None
                key, service = -(index + 1), request.service_id
                # The free dates were just decided (judge); a chosen time is decided here.
                if index in alternatives and series_report.refusal(
                    tx.conn, self.ctx, key, start, end, professional, service, rules
                ):
                    raise _ChangedError
                seen = placing.preview(
                    tx.conn, self.ctx, key, start, end, professional, service, rules=rules
                )
                placements.append(seen.placement)
            proposal = Proposal(
                tuple(p.demand for p in placements),
                services=tuple(s for p in placements for s in p.proposal.services),
            )
            try:
                tx.require(proposal)
            except ConflictError as exc:
                raise _ChangedError from exc
            return self._write(tx, actor_id, facts, request, minutes, places, placements)

        try:
            return unit_of_work.change(self.ctx, work)
        except ConflictError:  # changed before the lock, or found again under it
            raise SeriesChangedError(CHANGED, self.report(actor_id, request)) from None

    def _write(
        self,
        tx: unit_of_work.ScheduleChange,
        actor_id: int,
        facts: Facts,
        request: SeriesRequest,
        minutes: int,
        places: list[tuple[int, datetime | None, datetime | None, int | None]],
        placements: list[placing.Placement],
    ) -> SeriesBooked:
        at = self.ctx.now()
        series = series_rows.insert_series(
            tx.conn,
            {
                "organization_id": self.ctx.organization_id,
                "rule": request.rule,
                "zone": self.ctx.timezone.key,
                "first_start": request.first_start,
                "length_minutes": minutes,
                "client_id": request.client_id,
                "service_id": request.service_id,
                "professional_id": request.professional_id,
                "created_by_id": actor_id,
                "created_at": at,
            },
        )
        horizon = facts.clinic.series_horizon_days
        found = series_report.occurrences(request, minutes, self.ctx, horizon)
        service = facts.service
        fields = clean_details(
            {
                "title": request.title,
                "description": request.description,
                "location": request.location,
                "estimated_cost": request.estimated_cost
                if request.estimated_cost is not None or service is None
                else service.price,
            }
        )
        added: list[tuple[dict[str, Any], int]] = []
        for (index, start, end, professional), placement in zip(places, placements, strict=True):
            added.append(
                (
                    {
                        "organization_id": self.ctx.organization_id,
                        "start_at": start,
                        "end_at": end,
                        "status": AppointmentStatus.CONFIRMED
                        if request.confirmed and professional is not None
                        else AppointmentStatus.PENDING,
                        "client_id": request.client_id,
                        "professional_id": professional,
                        "service_id": request.service_id,
                        **fields,
                        "currency": service.currency if service else "EUR",
                        "created_by_id": actor_id,
                        "updated_by_id": actor_id,
                        "created_at": at,
                        "updated_at": at,
                        "series_id": series.id,
                        "occurrence_start": _original(found[index].wall, self.ctx),
                        **placement.stored(),
                    },
                    -(index + 1),
                )
            )
        if facts.clinic.uses_resources and request.service_id is not None:
            for _values, key in added:  # each date holds what its service needs
                tx.want_resources(key, resource_holds.Wish((), request.service_id))
        # Every date in one statement, their audit entries and messages in one each.
        stored = tx.add_many(added)
        entries = []
        messages: list[dict[str, object]] = []
        for appt in stored:
            after = {**snapshot(appt, APPOINTMENT_FIELDS), "series_id": series.id}
            entries.append(entry(self.ctx, actor_id, "book", "appointment", appt.id, after=after))
            # One "booked" message for the series, not one per date; each its reminders.
            about = outbox.about(appt, facts.client, facts.new_professional, service, facts.clinic)
            change: outbox.Change = "created" if len(entries) == 1 else "replanned"
            outbox.plan(tx.conn, self.ctx, about, facts.templates, change, into=messages)
        insert_entries(tx.conn, entries)
        outbox.store(tx.conn, messages)
        return SeriesBooked(series.id, tuple(a.id for a in stored))

    @writers
    def cancel(
        self,
        actor_id: int,
        appointment_id: int,
        version: int,
        scope: SeriesScope,
        reason: str = "",
        *,
        undoing: bool = False,
    ) -> SeriesCancelled:
        """Cancel this occurrence, this and the following ones (the series is split
        there: the earlier ones keep the series, cut short), or all of them still to
        come. One transaction; one audit entry per appointment cancelled. ``undoing``:
        the series' booking is taken back (its unsent messages withdrawn)."""

        def work(tx: unit_of_work.ScheduleChange) -> SeriesCancelled:
            scoped = SeriesScope(scope)
            return cancel_in(tx, actor_id, appointment_id, version, scoped, reason, undoing=undoing)

        return unit_of_work.change(self.ctx, work)

    @writers
    def undo_cancel(self, actor_id: int, cancelled: SeriesCancelled) -> SeriesCancelled:
        """Bring back what `cancel` cancelled (if their times are still free) and
        join the series again where it was split."""
        return unit_of_work.change(self.ctx, lambda tx: undo_cancel_in(tx, actor_id, cancelled))

    @writers
    def move_following(
        self,
        actor_id: int,
        appointment_id: int,
        version: int,
        at: time,
        professional_id: int | None,
    ) -> SeriesMoved:
        """Move this date and the following ones still to come to the wall-clock time
        ``at`` on their own dates, with ``professional_id`` (the series split there),
        all of them or none."""
        return unit_of_work.change(
            self.ctx,
            lambda tx: move_following_in(
                tx, actor_id, appointment_id, version, at, professional_id
            ),
        )

    @writers
    def change(
        self,
        actor_id: int,
        appointment_id: int,
        version: int,
        scope: SeriesScope,
        change: SeriesChange,
    ) -> SeriesMoved:
        """Move, resize or reassign this date, this and the following ones still to
        come (the series split there), or all of the series still to come: each to
        ``change``'s wall-clock time on its own date, its length, its professional.
        All of them or none, one audit entry per appointment changed."""
        scoped = SeriesScope(scope)
        return unit_of_work.change(
            self.ctx,
            lambda tx: change_in(tx, actor_id, appointment_id, version, scoped, change),
        )

    @writers
    def undo_move(self, actor_id: int, moved: SeriesMoved) -> None:
        """Put back what `change` or `move_following` changed (if still free), the
        series as it was."""
        unit_of_work.change(self.ctx, lambda tx: undo_move_in(tx, actor_id, moved))

    @readers
    def info(self, series_id: int) -> SeriesInfo:
        def work(conn: Connection) -> SeriesInfo:
            org = self.ctx.organization_id
            row = series_rows.series_row(conn, org, series_id)
            if row is None:
                raise NotFoundError("That series no longer exists.")
            listed = appointment_rows.listed_of_series(conn, org, series_id)
            return SeriesInfo(
                row.id,
                row.rule,
                row.zone,
                row.first_start,
                row.length_minutes,
                tuple((a.id, a.start_at, a.status.value) for a, _names in listed),
            )

        return reading.read_connection(self.ctx, work)

    def _facts(self, conn: Connection, actor_id: int, request: SeriesRequest) -> Facts:
        facts = read_facts(
            conn,
            self.ctx.organization_id,
            actor_id,
            client_id=request.client_id,
            professional_id=request.professional_id,
            service_id=request.service_id,
        )
        if facts is None:
            raise NotFoundError("This clinic is not in the database any more.")
        if request.client_id is not None:
            check_client(facts.client)
        if request.professional_id is not None:
            check_professional(facts.new_professional)
        if request.service_id is not None:
            check_service(facts.service)
        return facts

    def _minutes(self, request: SeriesRequest, facts: Facts) -> int:
        if request.minutes is not None:
            if not 1 <= request.minutes <= 720:
                raise ValidationError("A length from 1 minute to 12 hours, please.", "minutes")
            return request.minutes
        if facts.service is not None:
            return facts.service.duration_minutes
        return facts.clinic.default_duration_minutes


class _ChangedError(ConflictError):
    def __init__(self) -> None:
        super().__init__(CHANGED)


def _original(wall: datetime, ctx: ServiceContext) -> datetime:
    """The occurrence's wall-clock start as stored (UTC; a skipped time an hour on)."""
    local = wall.replace(tzinfo=ctx.timezone)
    return real_end(local, timedelta(0)).astimezone(UTC)
