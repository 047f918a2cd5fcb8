"""Moving or resizing a series: "this and the following ones at 10:00 instead",
"all of them 45 minutes long", "all of them with Dr Rossi".

One change (`SeriesChange`: a new wall-clock time, a new length, another
professional, or several of these) reaches this date, this and the following ones,
or all of the series still to come (`SeriesScope`). "This and following" splits the
series at the occurrence (as `series_cancel` splits it): the earlier dates keep
the series, cut short; this one and the later ones get a new series. "All" keeps
the series. The series (or the split-off one) then says the new time and length.
Each date moves to the new wall-clock time on its own date, lasting the new length
of real time (or what it lasted), with the professional given. All of them are
required together, in one schedule change, with one audit entry per appointment
changed; a date whose new time the clocks skip refuses the whole change with its
reason. Undo puts each back where it was and joins the series again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from scheduler_app.db import appointments as appointment_rows
from scheduler_app.db import series as series_rows
from scheduler_app.db.rows import AppointmentRow
from scheduler_app.domain.capacity import Proposal
from scheduler_app.domain.limits import real_end
from scheduler_app.domain.localtime import LocalTimeError, localize
from scheduler_app.errors import NotFoundError, StaleDataError, ValidationError
from scheduler_app.services import placing, unit_of_work
from scheduler_app.services.audit import APPOINTMENT_FIELDS, record, snapshot
from scheduler_app.services.checks import check_actor, check_appointment, check_movable
from scheduler_app.services.series_cancel import at_or_after, split
from scheduler_app.services.series_dto import SeriesScope

#: The longest appointment (as a booking allows).
MAX_MINUTES = 720


@dataclass(frozen=True, slots=True)
class SeriesChange:
    """What changes for each date: the wall-clock time ``at`` (None: kept), the
    length in ``minutes`` (None: kept), and, when ``reassign``, the professional
    (``professional_id``; None: unassigned)."""

    at: time | None = None
    minutes: int | None = None
    professional_id: int | None = None
    reassign: bool = False


@dataclass(frozen=True, slots=True)
class Place:
    appointment_id: int
    start: datetime
    end: datetime
    professional_id: int | None


@dataclass(frozen=True, slots=True)
class SeriesMoved:
    """What a change of a series did (enough to undo it, and to do it again)."""

    appointment_id: int
    series_id: int
    rule_before: str
    split_id: int | None
    before: tuple[Place, ...]
    after: tuple[Place, ...]
    scope: SeriesScope = SeriesScope.FOLLOWING
    change: SeriesChange = SeriesChange()
    #: The series' first start and length before ("all": put back on undo).
    shape_before: tuple[datetime, int] | None = None


def move_following_in(
    tx: unit_of_work.ScheduleChange,
    actor_id: int,
    appointment_id: int,
    version: int,
    at: time,
    professional_id: int | None,
) -> SeriesMoved:
    change = SeriesChange(at=at, professional_id=professional_id, reassign=True)
    return change_in(tx, actor_id, appointment_id, version, SeriesScope.FOLLOWING, change)


def change_in(
    tx: unit_of_work.ScheduleChange,
    actor_id: int,
    appointment_id: int,
    version: int,
    scope: SeriesScope,
    change: SeriesChange,
) -> SeriesMoved:
    """Apply ``change`` to the dates ``scope`` reaches from the appointment on."""
    if change.minutes is not None and not 1 <= change.minutes <= MAX_MINUTES:
        raise ValidationError("A length from 1 minute to 12 hours, please.", "minutes")
    if change.at is None and change.minutes is None and not change.reassign:
        raise ValidationError("Nothing to change: give a new time, length or professional.")
    facts = tx.facts(actor_id, appointment_id=appointment_id)
    check_actor(facts.actor)
    appt = check_appointment(facts.appointment, version)
    check_movable(appt)
    if appt.series_id is None or appt.occurrence_start is None:
        raise ValidationError("This appointment is not part of a series.")
    org, tz, now = tx.ctx.organization_id, tx.ctx.timezone, tx.ctx.now()
    series = series_rows.series_row(tx.conn, org, appt.series_id)
    if series is None:
        raise NotFoundError("That series no longer exists.")
    listed = [a for a, _n in appointment_rows.listed_of_series(tx.conn, org, series.id)]
    cut = appt.occurrence_start
    if scope is SeriesScope.THIS:
        moving = [a for a in listed if a.id == appt.id]
    else:
        reached = [a for a in listed if scope is SeriesScope.ALL or at_or_after(a, cut)]
        moving = [a for a in reached if a.status.is_active and a.end_at > now]
    changing = [(a, _place(a, change, tz)) for a in moving]
    changing = [(a, p) for a, p in changing if (p.start, p.end, p.professional_id) != _at(a)]
    if not changing:
        raise ValidationError("Nothing changes: every date is already like that.")
    moving = [a for a, _p in changing]
    places = [p for _a, p in changing]
    split_id = None
    if scope is SeriesScope.FOLLOWING and any(not at_or_after(a, cut) for a in listed):
        split_id = split(tx, actor_id, series, cut, [a for a in listed if at_or_after(a, cut)])
    shape_before = None
    if scope is not SeriesScope.THIS:
        reshaped = series_rows.series_row(tx.conn, org, split_id or series.id)
        assert reshaped is not None
        shape_before = (reshaped.first_start, reshaped.length_minutes)
        series_rows.set_shape(tx.conn, reshaped.id, *_shape(reshaped, change, tz))
    rows = {
        a.id: a for a, _n in appointment_rows.listed_by_id(tx.conn, org, [a.id for a in moving])
    }
    placements = [
        placing.place(
            tx,
            facts,
            p.appointment_id,
            p.start,
            p.end,
            p.professional_id,
            rows[p.appointment_id].service_id,
            new_time=p.start != rows[p.appointment_id].start_at,
        )
        for p in places
    ]
    tx.require(
        Proposal(
            tuple(p.demand for p in placements),
            services=tuple(s for p in placements for s in p.proposal.services),
        )
    )
    for place, placement in zip(places, placements, strict=True):
        _write(tx, actor_id, rows[place.appointment_id], place, placement)
    before = tuple(Place(a.id, a.start_at, a.end_at, a.professional_id) for a in moving)
    return SeriesMoved(
        appointment_id,
        series.id,
        series.rule,
        split_id,
        before,
        tuple(places),
        scope,
        change,
        None if split_id is not None else shape_before,
    )


def _place(a: AppointmentRow, change: SeriesChange, tz: ZoneInfo) -> Place:
    """Where ``a`` goes: its own date at the new wall-clock time, the new length."""
    start = a.start_at
    if change.at is not None:
        try:
            start = localize(a.start_at.astimezone(tz).date(), change.at, tz)
        except LocalTimeError as exc:
            raise ValidationError(f"{exc} Nothing was changed.") from exc
    length = (
        timedelta(minutes=change.minutes) if change.minutes is not None else a.end_at - a.start_at
    )
    professional = change.professional_id if change.reassign else a.professional_id
    return Place(a.id, start, real_end(start, length), professional)


def _at(a: AppointmentRow) -> tuple[datetime, datetime, int | None]:
    return a.start_at, a.end_at, a.professional_id


def _shape(
    series: series_rows.SeriesRow, change: SeriesChange, tz: ZoneInfo
) -> tuple[datetime, int]:
    """The series' first start at the new wall-clock time (same date), and its length."""
    first = series.first_start
    if change.at is not None:
        wall = datetime.combine(first.astimezone(tz).date(), change.at, tzinfo=tz)
        first = real_end(wall, timedelta(0)).astimezone(UTC)  # a skipped time: an hour on
    return first, change.minutes or series.length_minutes


def _write(
    tx: unit_of_work.ScheduleChange,
    actor_id: int,
    seen: AppointmentRow,
    place: Place,
    placement: placing.Placement,
) -> None:
    moved = tx.write(
        seen,
        {
            "start_at": place.start,
            "end_at": place.end,
            "professional_id": place.professional_id,
            "updated_by_id": actor_id,
            "updated_at": tx.ctx.now(),
            "reminder_sent": False,
            "reminder_sent_at": None,
            **placement.stored(),
        },
    )
    record(
        tx.conn,
        tx.ctx,
        actor_id,
        "reschedule",
        "appointment",
        seen.id,
        before=snapshot(seen, APPOINTMENT_FIELDS),
        after=snapshot(moved, APPOINTMENT_FIELDS),
    )


def undo_move_in(tx: unit_of_work.ScheduleChange, actor_id: int, moved: SeriesMoved) -> None:
    """Put back every date ``moved`` changed (if still free), the series as it was."""
    org = tx.ctx.organization_id
    facts = tx.facts(actor_id)
    check_actor(facts.actor)
    if moved.split_id is not None:
        for appt, _n in appointment_rows.listed_of_series(tx.conn, org, moved.split_id):
            tx.write(appt, {"series_id": moved.series_id})
        series_rows.delete_series(tx.conn, moved.split_id)
    series_rows.set_rule(tx.conn, moved.series_id, moved.rule_before)
    if moved.shape_before is not None:
        series_rows.set_shape(tx.conn, moved.series_id, *moved.shape_before)
    ids = [p.appointment_id for p in moved.before]
    rows = {a.id: a for a, _n in appointment_rows.listed_by_id(tx.conn, org, ids)}
    if set(rows) != set(ids):
        raise NotFoundError("An appointment of the series no longer exists.")
    for place in moved.after:
        row = rows[place.appointment_id]
        now = (row.start_at, row.end_at, row.professional_id)
        if now != (place.start, place.end, place.professional_id):
            raise StaleDataError(
                "Someone else changed a date of this series since it was changed; "
                "nothing was put back."
            )
    placements = [
        placing.place(
            tx,
            facts,
            p.appointment_id,
            p.start,
            p.end,
            p.professional_id,
            rows[p.appointment_id].service_id,
            new_time=False,
        )
        for p in moved.before
    ]
    tx.require(
        Proposal(
            tuple(p.demand for p in placements),
            services=tuple(s for p in placements for s in p.proposal.services),
        )
    )
    for place, placement in zip(moved.before, placements, strict=True):
        _write(tx, actor_id, rows[place.appointment_id], place, placement)
