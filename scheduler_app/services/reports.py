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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from operator import add

from sqlalchemy import Connection

from scheduler_app.db import imports as names
from scheduler_app.db import reports as rows
from scheduler_app.db import resources as resource_rows
from scheduler_app.db import teams as team_rows
from scheduler_app.db.report_days import FIGURES, Line, Sum
from scheduler_app.domain.localtime import day_bounds
from scheduler_app.domain.report_periods import Period, periods
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.domain.utilisation import Use
from scheduler_app.errors import ValidationError
from scheduler_app.services import reading, report_days
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.guard import guarded
from scheduler_app.services.permissions import readers

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


def _figures(
    figures: Sequence[int],
    first: date,
    end: date,
    key: int | None,
    name: str,
    conflicts: int = 0,
    used: Use | None = None,
) -> Figures:
    """A line of the report from the figures it adds up (`db.report_days.FIGURES`)."""
    ordered = tuple((s, figures[i]) for i, s in _STATUSES if figures[i])
    money = _money(figures[report_days.ESTIMATED]), _money(figures[report_days.ACTUAL])
    late, undone = figures[report_days.LATE], figures[report_days.UNDONE]
    return Figures(first, end, key, name, ordered, *money, conflicts, late, undone, used)


_STATUSES = tuple(enumerate(AppointmentStatus))


def _money(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)  # two places, as the cents were


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
    ) -> Report | None:
        """The report of the days ``first`` to ``last`` (None if ``cancelled`` said
        stop). Each day is counted once and kept (`services.report_days`): the days
        kept and still holding are read, the others counted in steps of a month,
        each calling ``progress(done, total)`` before it, and once at the end."""
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
        kinds = [report_days.ALL, *([_KIND[breakdown]] if breakdown in _KIND else [])]

        def work(conn: Connection) -> _Read | None:
            rows.allow_long_statements(conn)
            days = report_days.read_days(
                conn, self.ctx, cut, kinds, progress=progress, cancelled=cancelled
            )
            if days is None:
                return None
            opened = rows.conflicts(conn, org, bounds[0], bounds[-1])
            currency = names.clinic(conn, org).currency
            labels = self._names(conn, breakdown)
            teams: dict[int, list[int]] = {}
            if breakdown is Breakdown.TEAM:
                for m in team_rows.members(conn, org):
                    teams.setdefault(int(m.team_id), []).append(int(m.professional_id))
            return _Read(days, opened, labels, currency, teams)

        read = reading.read_one_moment(self.ctx, work)
        if read is None:
            return None
        shape = _Shape(first, last, period_kind, breakdown, cut, bounds)
        made = _report(shape, read)
        report_days.keep(self.ctx, read.days)
        if progress is not None:
            progress(read.days.steps, read.days.steps)
        return made

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


#: The kind of kept days each breakdown reads (teams: their members' lines).
_KIND = {
    Breakdown.PROFESSIONAL: report_days.PROFESSIONAL,
    Breakdown.TEAM: report_days.PROFESSIONAL,
    Breakdown.SERVICE: report_days.SERVICE,
    Breakdown.ROOM: report_days.RESOURCE,
}


@dataclass(frozen=True)
class _Shape:
    """What a report was asked for."""

    first: date
    last: date
    period: Period
    breakdown: Breakdown
    cut: list[tuple[date, date]]
    bounds: list[datetime]


@dataclass(frozen=True)
class _Read:
    """What a report was read from."""

    days: report_days.Read
    opened: list[rows.ConflictRow]
    labels: dict[int | None, str]
    currency: str
    #: With the breakdown per team: each team's members.
    teams: dict[int, list[int]]


_NOTHING = (0,) * len(FIGURES)


class _Sum:
    """Lines added up: their figures, and their use (None while none was measured)."""

    __slots__ = ("figures", "use")

    def __init__(self) -> None:
        self.figures: Sequence[int] = _NOTHING
        self.use: Sequence[int] | None = None

    def add(self, line: Line | Sum) -> None:
        mine = self.figures
        self.figures = line.figures if mine is _NOTHING else tuple(map(add, mine, line.figures))
        if line.use is not None:
            self.use = line.use if self.use is None else tuple(map(add, self.use, line.use))

    def used(self, measured: bool) -> Use | None:
        """Its use; none measured: nothing used if ``measured`` (the key is measured
        elsewhere in the range), else None."""
        if self.use is None:
            return Use() if measured else None
        return Use(*self.use)


def _report(shape: _Shape, read: _Read) -> Report:
    cut = shape.cut
    starts = [start for start, _end in cut]

    def period_of(day: date) -> int:
        return bisect.bisect_right(starts, day) - 1

    whole, in_period = _Sum(), [_Sum() for _ in cut]
    for i, line in _lines(read.days, report_days.ALL, period_of):
        whole.add(line)
        in_period[i].add(line)
    opened_in = [0] * len(cut)
    for conflict in read.opened:
        opened_in[bisect.bisect_right(shape.bounds, conflict.opened_at) - 1] += 1
    end = shape.last + timedelta(days=1)

    periods_found = tuple(
        _figures(s.figures, start, stop, None, "", opened_in[i], s.used(True))
        for i, (s, (start, stop)) in enumerate(zip(in_period, cut, strict=True))
    )
    total = _figures(
        whole.figures,
        shape.first,
        end,
        None,
        "",
        sum(opened_in),
        whole.used(True),
    )
    lines: tuple[Figures, ...] = ()
    keys: tuple[Figures, ...] = ()
    if shape.breakdown in _KIND:
        lines, keys = _breakdown(shape, read, period_of)
    resolved = [c.resolved_at - c.opened_at for c in read.opened if c.resolved_at is not None]
    mean = sum(resolved, timedelta()) / len(resolved) if resolved else None
    return Report(
        shape.first, shape.last, shape.period, shape.breakdown, read.currency,
        periods_found, lines, total, keys, mean,
    )  # fmt: skip


def _lines(
    read: report_days.Read, kind: str, period_of: Callable[[date], int]
) -> Iterator[tuple[int, Line | Sum]]:
    """The lines of ``kind`` with their period: the kept ones added up, and those of
    the days counted afresh."""
    for added in read.sums[kind]:
        yield added.period, added
    for day, lines in read.days[kind].items():
        i = period_of(day)
        for line in lines:
            yield i, line


def _breakdown(
    shape: _Shape, read: _Read, period_of: Callable[[date], int]
) -> tuple[tuple[Figures, ...], tuple[Figures, ...]]:
    """Each period's line per key, and each key's over the whole range."""
    per_line: dict[tuple[int, int | None], _Sum] = {}
    per_key: dict[int | None, _Sum] = {}
    measured: set[int | None] = set()
    team_of: dict[int | None, list[int | None]] = {}
    by_team = shape.breakdown is Breakdown.TEAM
    if by_team:
        for team, people in read.teams.items():
            measured.add(team)  # a team with members measures their time, if only none
            for person in people:
                team_of.setdefault(person, []).append(team)
    for i, line in _lines(read.days, _KIND[shape.breakdown], period_of):
        counted = any(line.figures)
        if not counted and not (line.use is not None and any(line.use)):
            continue
        for key in team_of.get(line.key, [None]) if by_team else (line.key,):
            if key is None and not counted:  # nobody's time is measured under "none"
                continue
            if line.use is not None and key is not None:
                measured.add(key)
            if (i, key) not in per_line:
                per_line[(i, key)] = _Sum()
                per_key.setdefault(key, _Sum())
            per_line[(i, key)].add(line)
            per_key[key].add(line)
    labels = read.labels

    def name(key: int | None) -> str:
        return labels.get(key, "") if key else ""

    def use(s: _Sum, key: int | None) -> Use | None:
        return s.used(key in measured) if key is not None else None

    order = sorted(per_key, key=lambda k: (k is None, labels.get(k, "").casefold()))
    rank = {k: n for n, k in enumerate(order)}
    lines = tuple(
        _figures(s.figures, *shape.cut[i], key, name(key), used=use(s, key))
        for (i, key), s in sorted(per_line.items(), key=lambda item: (item[0][0], rank[item[0][1]]))
    )
    end = shape.last + timedelta(days=1)
    keys = tuple(
        _figures(per_key[k].figures, shape.first, end, k, name(k), used=use(per_key[k], k))
        for k in order
    )
    return lines, keys
