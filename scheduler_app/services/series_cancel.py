"""Cancelling occurrences of a series, within one schedule change, and undoing it.

"This and following" splits the series at the occurrence: the earlier ones keep
the series, its rule cut short the day before; the occurrence and the later ones
go to a new series (the rest of the rule, dates left out kept) and are
cancelled. Cancelled or moved occurrences (exceptions) stay what they are. Each
appointment cancelled is cancelled as `LifecycleService.cancel` cancels one
(deadline, messages, one audit entry each).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from scheduler_app.db import appointments as appointment_rows
from scheduler_app.db import audit_log
from scheduler_app.db import outbox as outbox_rows
from scheduler_app.db import series as series_rows
from scheduler_app.db.rows import AppointmentRow
from scheduler_app.domain.recurrence import MAX_SERIES_HORIZON_DAYS, expand, parse_rule, rule_text
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import NotFoundError, ValidationError
from scheduler_app.services import unit_of_work
from scheduler_app.services.dto import AppointmentView
from scheduler_app.services.lifecycle import LifecycleService
from scheduler_app.services.series_dto import SeriesScope


@dataclass(frozen=True, slots=True)
class SeriesCancelled:
    """What a series cancel did (enough to undo it, and to do it again)."""

    appointment_id: int
    scope: SeriesScope
    series_id: int
    rule_before: str
    #: The series split off at the occurrence ("this and following"), if any.
    split_id: int | None
    cancelled: tuple[AppointmentView, ...]


def cancel_in(
    tx: unit_of_work.ScheduleChange,
    actor_id: int,
    appointment_id: int,
    version: int,
    scope: SeriesScope,
    reason: str,
    *,
    undoing: bool = False,
) -> SeriesCancelled:
    """Cancel as the module says; ``undoing``: a booking made by mistake is taken
    back (the messages not yet sent are withdrawn, and the client told only when one
    went out)."""
    life = LifecycleService(tx.ctx)
    _facts, appt = life._read(tx, actor_id, appointment_id, version)
    if appt.series_id is None or appt.occurrence_start is None:
        raise ValidationError("This appointment is not part of a series.")
    org = tx.ctx.organization_id
    series = series_rows.series_row(tx.conn, org, appt.series_id)
    if series is None:
        raise NotFoundError("That series no longer exists.")
    listed = [a for a, _n in appointment_rows.listed_of_series(tx.conn, org, series.id)]
    now = tx.ctx.now()
    cut = appt.occurrence_start
    if scope is SeriesScope.THIS:
        targets = [appt.id]
    else:
        targets = [
            a.id
            for a in listed
            if a.status.is_active
            and a.end_at > now
            and (scope is SeriesScope.ALL or at_or_after(a, cut))
        ]
    if not targets:
        raise ValidationError("Nothing of this series is left to cancel.")
    split_id = None
    if scope is SeriesScope.FOLLOWING and any(not at_or_after(a, cut) for a in listed):
        split_id = split(tx, actor_id, series, cut, [a for a in listed if at_or_after(a, cut)])
    views = []
    for key in targets:
        facts = tx.facts(actor_id, appointment_id=key)
        row = facts.appointment
        assert row is not None
        silent = False
        if undoing:
            silent = not outbox_rows.anything_sent(tx.conn, key)
            if silent:
                outbox_rows.withdraw_unsent(tx.conn, key)
            late = False
        else:
            late = life._deadline(tx, facts, row, "")
        details = {"cancellation_reason": reason, "late_cancellation": late}
        cancelled = AppointmentStatus.CANCELLED
        views.append(life._apply(tx, actor_id, facts, row, cancelled, details, silent=silent))
    return SeriesCancelled(appointment_id, scope, series.id, series.rule, split_id, tuple(views))


def undo_cancel_in(
    tx: unit_of_work.ScheduleChange, actor_id: int, cancelled: SeriesCancelled
) -> SeriesCancelled:
    """Restore what ``cancelled`` cancelled, and join a split series again."""
    life = LifecycleService(tx.ctx)
    org = tx.ctx.organization_id
    if cancelled.split_id is not None:
        for appt, _n in appointment_rows.listed_of_series(tx.conn, org, cancelled.split_id):
            tx.write(appt, {"series_id": cancelled.series_id})
        series_rows.delete_series(tx.conn, cancelled.split_id)
    series_rows.set_rule(tx.conn, cancelled.series_id, cancelled.rule_before)
    views = []
    for seen in cancelled.cancelled:
        facts = tx.facts(actor_id, appointment_id=seen.id)
        row = facts.appointment
        if row is None:
            raise NotFoundError("An appointment of the series no longer exists.")
        if row.version != seen.version + (cancelled.split_id is not None):
            raise ValidationError(
                "Someone else changed an appointment of this series since; nothing was restored."
            )
        before = audit_log.status_before(tx.conn, row.id, row.status.value)
        target = (
            AppointmentStatus.CONFIRMED
            if before == AppointmentStatus.CONFIRMED.value and row.professional_id is not None
            else AppointmentStatus.PENDING
        )
        views.append(life._apply(tx, actor_id, facts, row, target, None))
    return SeriesCancelled(
        cancelled.appointment_id,
        cancelled.scope,
        cancelled.series_id,
        cancelled.rule_before,
        None,
        tuple(views),
    )


def at_or_after(appt: AppointmentRow, cut: datetime) -> bool:
    return appt.occurrence_start is not None and appt.occurrence_start >= cut


def split(
    tx: unit_of_work.ScheduleChange,
    actor_id: int,
    series: series_rows.SeriesRow,
    cut: datetime,
    following: list[AppointmentRow],
) -> int:
    """Cut ``series`` short before ``cut`` and give the ``following`` appointments a
    new series with the rest of the rule; returns the new series."""
    tz = ZoneInfo(series.zone)
    rule = parse_rule(series.rule)
    first = series.first_start.astimezone(tz)
    length = timedelta(minutes=series.length_minutes)
    cut_local = cut.astimezone(tz)
    # COUNT counts the dates before any is left out (RFC 5545).
    # A stored series was within the clinic's horizon when it was booked.
    every = expand(
        replace(rule, exdates=()), first, length, tz, horizon_days=MAX_SERIES_HORIZON_DAYS
    )
    walls = [o.wall for o in every]
    earlier = sum(1 for w in walls if w.date() < cut_local.date())
    rest = rule if rule.count is None else replace(rule, count=rule.count - earlier)
    new = series_rows.insert_series(
        tx.conn,
        {
            "organization_id": tx.ctx.organization_id,
            "rule": rule_text(rest),
            "zone": series.zone,
            "first_start": cut_local.astimezone(UTC),
            "length_minutes": series.length_minutes,
            "client_id": series.client_id,
            "service_id": series.service_id,
            "professional_id": series.professional_id,
            "split_from_id": series.id,
            "created_by_id": actor_id,
            "created_at": tx.ctx.now(),
        },
    )
    series_rows.set_rule(
        tx.conn, series.id, rule_text(rule.ending(cut_local.date() - timedelta(days=1)))
    )
    for appt in following:
        tx.write(appt, {"series_id": new.id})
    return new.id
