"""Reports: appointments by status per day, week, month, quarter or year, and per
professional, service, room or team, with the rates, the money, utilisation and
the conflicts opened.

Definitions (the report window says them too):

* booked: every appointment starting in the period (a cancelled one included),
  but a booking the desk undid within a minute (`db.reports`): neither booked nor
  cancelled, counted apart as "undone";
* no-show rate = no-shows / (completed + no-shows); cancellation rate =
  cancellations in time / booked; late cancellation rate = cancellations flagged
  late (after the booking rules' deadline) / booked; each is None when its
  denominator is 0;
* estimated revenue: the estimated cost of billable appointments neither
  cancelled nor a no-show; actual revenue: the actual cost of billable completed
  ones; average value = actual revenue / completed appointments;
* utilisation = minutes booked inside working time / working minutes, cut at the
  periods (`services.report_use`); minutes booked outside working time are shown
  apart;
* conflicts opened: by a manager's forced change in the period, with the mean
  time until resolved (of those resolved).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Connection

from scheduler_app.db import imports as names
from scheduler_app.db import reports as rows
from scheduler_app.db import resources as resource_rows
from scheduler_app.db import teams as team_rows
from scheduler_app.domain.localtime import day_bounds
from scheduler_app.domain.report_periods import Period, chunks, periods
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.domain.utilisation import Use
from scheduler_app.errors import ValidationError
from scheduler_app.services import unit_of_work
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.guard import guarded
from scheduler_app.services.permissions import readers
from scheduler_app.services.report_use import Uses, read_uses

S = AppointmentStatus
#: The longest range of one report.
MAX_DAYS = 5 * 366
#: Day buckets a report may have (a year of days is 366).
MAX_PERIODS = 800
_NOT_EARNING = frozenset({S.CANCELLED, S.NO_SHOW})


class Breakdown(StrEnum):
    NONE = "none"
    PROFESSIONAL = "professional"
    SERVICE = "service"
    ROOM = "room"  # any resource held: rooms, equipment
    TEAM = "team"  # the professional's teams


@dataclass(frozen=True, slots=True)
class Figures:
    """One line of a report: a period (and a professional, service, room or team, or
    all)."""

    first: date
    end: date  # the day after the last
    key: int | None  # the professional's, service's, room's or team's id (None: all/none)
    name: str
    by_status: tuple[tuple[AppointmentStatus, int], ...]
    estimated: Decimal
    actual: Decimal
    conflicts_opened: int = 0
    #: Cancellations flagged late (among the cancelled).
    late: int = 0
    #: Bookings the desk undid within a minute (not among the booked).
    undone: int = 0
    #: Working and booked seconds (None: not measured, as per service).
    use: Use | None = None

    def count(self, status: AppointmentStatus) -> int:
        return dict(self.by_status).get(status, 0)

    @property
    def booked(self) -> int:
        return sum(n for _s, n in self.by_status)

    @property
    def completed(self) -> int:
        return self.count(S.COMPLETED)

    @property
    def no_shows(self) -> int:
        return self.count(S.NO_SHOW)

    @property
    def cancelled(self) -> int:
        return self.count(S.CANCELLED)

    @property
    def still_booked(self) -> int:
        """Pending, confirmed or checked in (not yet done)."""
        return sum(n for s, n in self.by_status if s.is_active)

    @property
    def no_show_rate(self) -> float | None:
        seen = self.completed + self.no_shows
        return self.no_shows / seen if seen else None

    @property
    def cancelled_in_time(self) -> int:
        return self.cancelled - self.late

    @property
    def cancellation_rate(self) -> float | None:
        """Cancellations in time / booked (late ones apart)."""
        return self.cancelled_in_time / self.booked if self.booked else None

    @property
    def late_cancellation_rate(self) -> float | None:
        return self.late / self.booked if self.booked else None

    @property
    def utilisation(self) -> float | None:
        return None if self.use is None else self.use.rate

    @property
    def working_hours(self) -> float | None:
        return None if self.use is None else self.use.working / 3600

    @property
    def booked_hours(self) -> float | None:
        """Hours booked inside working time."""
        return None if self.use is None else self.use.inside / 3600

    @property
    def outside_hours(self) -> float | None:
        """Hours booked outside working time (a manager's "book anyway")."""
        return None if self.use is None else self.use.outside / 3600

    @property
    def average_value(self) -> Decimal | None:
        if not self.completed:
            return None
        return (self.actual / self.completed).quantize(Decimal("0.01"))


@dataclass(frozen=True, slots=True)
class Report:
    first: date
    last: date
    period: Period
    breakdown: Breakdown
    currency: str
    #: Each period's figures for all appointments, in order.
    periods: tuple[Figures, ...]
    #: With a breakdown: each period's figures per professional or service.
    lines: tuple[Figures, ...]
    #: The whole range, and per professional or service over the whole range.
    total: Figures
    per_key: tuple[Figures, ...]
    mean_time_to_resolve: timedelta | None


def _add(
    figures: list[rows.CountRow],
    first: date,
    end: date,
    key: int | None,
    name: str,
    conflicts: int = 0,
    used: Use | None = None,
) -> Figures:
    by: dict[AppointmentStatus, int] = {}
    estimated = actual = late = undone = 0
    for row in figures:
        if row.mark == rows.UNDONE:
            undone += row.count
            continue
        late += row.count if row.mark == rows.LATE else 0
        by[row.status] = by.get(row.status, 0) + row.count
        if row.billable and row.status not in _NOT_EARNING:
            estimated += row.estimated_cents
        if row.billable and row.status is S.COMPLETED:
            actual += row.actual_cents
    ordered = tuple((s, by[s]) for s in AppointmentStatus if s in by)
    money = _money(estimated), _money(actual)
    return Figures(first, end, key, name, ordered, *money, conflicts, late, undone, used)


def _money(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2).quantize(Decimal("0.01"))


@guarded
class ReportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @readers
    def report(
        self,
        first: date,
        last: date,
        period: Period = Period.MONTH,
        breakdown: Breakdown = Breakdown.NONE,
        *,
        week_starts: int = 0,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        utilisation: bool = True,
    ) -> Report | None:
        """The report of the days ``first`` to ``last`` (None if ``cancelled`` said
        stop). Read in about a dozen steps on SQLite (one statement on PostgreSQL)
        and one for utilisation, each calling ``progress(done, total)`` before it,
        and once at the end. ``utilisation``: False leaves it out (the figures'
        ``use`` is None)."""
        if last < first:
            raise ValidationError("The last day comes before the first.")
        if (last - first).days >= MAX_DAYS:
            raise ValidationError("A report covers five years at most.")
        period_kind = Period(period)
        cut = periods(first, last, period_kind, week_starts)
        if len(cut) > MAX_PERIODS:
            raise ValidationError("Too many periods: choose weeks or months for a long range.")
        tz, org = self.ctx.timezone, self.ctx.organization_id
        bounds = [day_bounds(start, tz)[0] for start, _end in cut] + [day_bounds(last, tz)[1]]
        key = None if breakdown is Breakdown.NONE else breakdown.value

        def work(conn: Connection) -> Report | None:
            rows.allow_long_statements(conn)
            found: list[rows.CountRow] = []
            steps = [(0, len(cut))] if rows.whole_range_at_once(conn) else chunks(len(cut))
            total = len(steps) + 1  # and utilisation
            for done, (low, high) in enumerate(steps):
                if cancelled is not None and cancelled():
                    return None
                if progress is not None:
                    progress(done, total)
                for row in rows.counts(conn, org, bounds[low : high + 1], key):
                    found.append(replace(row, period=row.period + low))
            if cancelled is not None and cancelled():
                return None
            if progress is not None:
                progress(len(steps), total)
            uses = (
                read_uses(
                    conn,
                    self.ctx,
                    bounds,
                    resources=breakdown is Breakdown.ROOM,
                    teams=breakdown is Breakdown.TEAM,
                    cancelled=cancelled,
                )
                if utilisation
                else Uses([None] * len(cut))
            )
            if uses is None:
                return None
            opened = rows.conflicts(conn, org, bounds[0], bounds[-1])
            currency = names.clinic(conn, org).currency
            labels = self._names(conn, breakdown)
            if progress is not None:
                progress(total, total)
            read = _Read(found, opened, labels, currency, uses)
            return self._report(first, last, period_kind, breakdown, cut, bounds, read)

        return unit_of_work.read_connection(self.ctx, work)

    def _names(self, conn: Connection, breakdown: Breakdown) -> dict[int | None, str]:
        org = self.ctx.organization_id
        if breakdown is Breakdown.PROFESSIONAL:
            return {p.id: p.name for p in names.professionals(conn, org)}
        if breakdown is Breakdown.SERVICE:
            return {s.id: s.name for s in names.services(conn, org)}
        if breakdown is Breakdown.ROOM:
            return {r.id: r.name for r in resource_rows.listed(conn, org)}
        if breakdown is Breakdown.TEAM:
            return {t.id: t.name for t in team_rows.teams(conn, org)}
        return {}

    @staticmethod
    def _report(
        first: date,
        last: date,
        period: Period,
        breakdown: Breakdown,
        cut: list[tuple[date, date]],
        bounds: list[datetime],
        read: _Read,
    ) -> Report:
        found, opened, labels, uses = read.found, read.opened, read.labels, read.uses
        currency = read.currency
        per_period: dict[int, list[rows.CountRow]] = {}
        per_line: dict[tuple[int, int | None], list[rows.CountRow]] = {}
        per_key: dict[int | None, list[rows.CountRow]] = {}
        for row in found:
            per_period.setdefault(row.period, []).append(row)
            per_line.setdefault((row.period, row.key), []).append(row)
            per_key.setdefault(row.key, []).append(row)
        opened_in = [0] * len(cut)
        for conflict in opened:
            opened_in[bisect.bisect_right(bounds, conflict.opened_at) - 1] += 1
        end = last + timedelta(days=1)
        whole = _add(found, first, end, None, "", sum(opened_in), _sum(uses.clinic))
        in_periods = tuple(
            _add(per_period.get(i, []), start, stop, None, "", opened_in[i], uses.clinic[i])
            for i, (start, stop) in enumerate(cut)
        )
        lines: tuple[Figures, ...] = ()
        keys: tuple[Figures, ...] = ()
        if breakdown is not Breakdown.NONE:
            used = _per_key(uses, breakdown)
            measured = {k for k, u in used.items() if any(p.working or p.outside for p in u)}
            order = sorted(
                {*per_key, *measured}, key=lambda k: (k is None, labels.get(k, "").casefold())
            )

            def used_in(k: int | None, i: int) -> Use | None:
                return None if k is None or k not in used else used[k][i]

            lines = tuple(
                _add(per_line.get((i, k), []), start, stop, k, labels.get(k, "") if k else "",
                     used=used_in(k, i))
                for i, (start, stop) in enumerate(cut)
                for k in order
                if (i, k) in per_line or (k in measured and _counts(used[k][i]))
            )  # fmt: skip
            keys = tuple(
                _add(per_key.get(k, []), first, end, k, labels.get(k, "") if k else "",
                     used=None if k is None or k not in used else _sum(used[k]))
                for k in order
            )  # fmt: skip
        resolved = [c.resolved_at - c.opened_at for c in opened if c.resolved_at is not None]
        mean = sum(resolved, timedelta()) / len(resolved) if resolved else None
        return Report(
            first, last, period, breakdown, currency, in_periods, lines, whole, keys, mean
        )


@dataclass(frozen=True)
class _Read:
    """What a report was read from."""

    found: list[rows.CountRow]
    opened: list[rows.ConflictRow]
    labels: dict[int | None, str]
    currency: str
    uses: Uses


def _sum(uses: Sequence[Use | None]) -> Use | None:
    total = Use()
    for used in uses:
        if used is None:
            return None
        total += used
    return total


def _counts(used: Use) -> bool:
    return bool(used.working or used.outside)


def _per_key(uses: Uses, breakdown: Breakdown) -> dict[int, list[Use]]:
    """Each professional's, room's or team's use (none per service)."""
    if breakdown is Breakdown.PROFESSIONAL:
        return uses.professionals
    if breakdown is Breakdown.ROOM:
        return uses.resources
    if breakdown is Breakdown.TEAM:
        return uses.teams
    return {}
