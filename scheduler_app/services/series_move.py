"""Moving a series from one date on: "this and the following ones at 10:00 instead".

The series is split at the occurrence (as `series_cancel` splits it): the earlier
dates keep the series, cut short; this one and the later ones still to come get
a new series starting at the new time, and each moves to the new wall-clock time
on its own date (and to the professional given), lasting what it lasted. All of
them are required together, in one schedule change; a date whose new time the
clocks skip refuses the whole move with its reason. Undo puts each back where it
was and joins the series again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

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


@dataclass(frozen=True, slots=True)
class Place:
    appointment_id: int
    start: datetime
    end: datetime
    professional_id: int | None


@dataclass(frozen=True, slots=True)
class SeriesMoved:
    """What a move of this and the following dates did (enough to undo it)."""

    appointment_id: int
    series_id: int
    rule_before: str
    split_id: int | None
    before: tuple[Place, ...]
    after: tuple[Place, ...]


def move_following_in(
    tx: unit_of_work.ScheduleChange,
    actor_id: int,
    appointment_id: int,
    version: int,
    at: time,
    professional_id: int | None,
) -> SeriesMoved:
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
    moving = [a for a in listed if at_or_after(a, cut) and a.status.is_active and a.end_at > now]
    places = []
    for a in moving:
        try:
            start = localize(a.start_at.astimezone(tz).date(), at, tz)
        except LocalTimeError as exc:
            raise ValidationError(f"{exc} Nothing was moved.") from exc
        places.append(Place(a.id, start, real_end(start, a.end_at - a.start_at), professional_id))
    split_id = None
    if any(not at_or_after(a, cut) for a in listed):
        split_id = split(tx, actor_id, series, cut, [a for a in listed if at_or_after(a, cut)])
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
    return SeriesMoved(appointment_id, series.id, series.rule, split_id, before, tuple(places))


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
    """Put back every date ``moved`` moved (if still free) and join the series again."""
    org = tx.ctx.organization_id
    facts = tx.facts(actor_id)
    check_actor(facts.actor)
    if moved.split_id is not None:
        for appt, _n in appointment_rows.listed_of_series(tx.conn, org, moved.split_id):
            tx.write(appt, {"series_id": moved.series_id})
        series_rows.delete_series(tx.conn, moved.split_id)
    series_rows.set_rule(tx.conn, moved.series_id, moved.rule_before)
    ids = [p.appointment_id for p in moved.before]
    rows = {a.id: a for a, _n in appointment_rows.listed_by_id(tx.conn, org, ids)}
    if set(rows) != set(ids):
        raise NotFoundError("An appointment of the series no longer exists.")
    for place in moved.after:
        row = rows[place.appointment_id]
        if (row.start_at, row.professional_id) != (place.start, place.professional_id):
            raise StaleDataError(
                "Someone else changed a date of this series since it was moved; "
                "nothing was moved back."
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
