"""The days of a report: each day counted once and kept (`db.report_days`), counted
again only when its stamp changed.

A kept day holds while its stamp does. The stamp is made of everything its figures
are counted from: how many times the appointments of its UTC dates were written
(database triggers count every write, whatever made it), the clinic's time zone,
and a fingerprint of the working time the day is measured against (who works when,
from the roster the booking engine decides with; for resources, when each is
available and with how many places): an absence, a new plan or a professional
leaving changes the days it changes, and only those. The stamp is read before the
rows a day is counted from: a day counted from rows newer than its stamp is counted
again next time, never the other way round.

A day is kept per kind: ``all`` (every appointment once), ``professional`` (each
piece of an appointment with several professionals under each), ``service`` and
``resource`` (each resource held). Teams are made of their members' lines when the
report is read (memberships change without changing a day).
"""

from __future__ import annotations

import bisect
import hashlib
import logging
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import holidays as public_holidays
from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from scheduler_app.db import report_days as kept_days
from scheduler_app.db import reports as rows
from scheduler_app.db import utilisation as staff_rows
from scheduler_app.db import working_time
from scheduler_app.db.report_days import FIGURES, Line, Sum
from scheduler_app.domain.localtime import day_bounds
from scheduler_app.domain.spans import Span
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.domain.utilisation import Use
from scheduler_app.errors import SchedulerError
from scheduler_app.services import unit_of_work
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.report_use import Uses, available, read_uses

log = logging.getLogger(__name__)

S = AppointmentStatus
ALL, PROFESSIONAL, SERVICE, RESOURCE = "all", "professional", "service", "resource"
#: The breakdown each kind is counted with (`db.reports.BREAKDOWNS`).
_BREAKDOWN = {ALL: None, PROFESSIONAL: "professional", SERVICE: "service", RESOURCE: "room"}
assert tuple(s.value for s in AppointmentStatus) == kept_days.COUNTS
_AT = {s: i for i, s in enumerate(AppointmentStatus)}
LATE, UNDONE, ESTIMATED, ACTUAL = (FIGURES.index(n) for n in FIGURES[len(_AT) :])
_NOT_EARNING = frozenset({S.CANCELLED, S.NO_SHOW})
#: How days are counted: a new version of the counting (what a figure counts) changes
#: it, and every kept day is counted again.
COUNTING = "1"
#: Days counted per step (each step reports progress and may be cancelled).
STEP_DAYS = 31

#: Per kind, per day: its lines.
Days = dict[str, dict[date, list[Line]]]


@dataclass(frozen=True)
class Read:
    """What a report read of its days, per kind: the kept days that hold, added up
    per period and key; the days counted afresh, each with its lines; and those
    days with their stamps, to keep."""

    sums: dict[str, list[Sum]]
    days: Days
    counted: dict[str, list[tuple[date, str]]]
    #: The steps of progress it was read in (the last one ends once the report is made).
    steps: int


def read_days(
    conn: Connection,
    ctx: ServiceContext,
    cut: Sequence[tuple[date, date]],
    kinds: Sequence[str],
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Read | None:
    """The figures of the periods ``cut`` (each its first day and the day after its
    last) of ``kinds``: from the kept days where their stamp holds, the others
    counted (None if ``cancelled`` said stop)."""
    first, end = cut[0][0], cut[-1][1]
    all_days = [first + timedelta(days=n) for n in range((end - first).days)]
    stamp = stamps(conn, ctx, all_days, kinds)  # before anything the days are counted from
    org = ctx.organization_id
    stale: set[date] = set()
    held = {kind: kept_days.stamps(conn, org, kind, first, end) for kind in kinds}
    for kind in kinds:
        stale.update(d for d in all_days if held[kind].get(d) != stamp[kind][d])
    left_out = sorted(stale)
    bounds = [start for start, _end in cut] + [end]
    sums = {kind: kept_days.sums(conn, org, kind, bounds, left_out) for kind in kinds}
    pieces = _runs(left_out)
    found: Days = {kind: {} for kind in kinds}
    counted: dict[str, list[tuple[date, str]]] = {kind: [] for kind in kinds}
    for done, piece in enumerate(pieces):
        if cancelled is not None and cancelled():
            return None
        if progress is not None:
            progress(done, len(pieces) + 1)
        fresh = count_days(conn, ctx, piece, kinds)
        for kind in kinds:
            found[kind].update(fresh[kind])
            counted[kind] += [(d, stamp[kind][d]) for d in piece]
    if cancelled is not None and cancelled():
        return None
    if progress is not None:
        progress(len(pieces), len(pieces) + 1)
    return Read(sums, found, counted, len(pieces) + 1)


def _runs(days: list[date]) -> list[list[date]]:
    """``days`` (sorted) in runs of consecutive days, each at most `STEP_DAYS` long."""
    runs: list[list[date]] = []
    for day in days:
        if runs and runs[-1][-1] + timedelta(days=1) == day and len(runs[-1]) < STEP_DAYS:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def stamps(
    conn: Connection, ctx: ServiceContext, days: Sequence[date], kinds: Sequence[str]
) -> dict[str, dict[date, str]]:
    """Each day's stamp now, per kind (see the module)."""
    tz, org = ctx.timezone, ctx.organization_id
    last_instant = timedelta(microseconds=1)
    bounds = {d: day_bounds(d, tz) for d in days}
    dates = {d: (lo.date(), (hi - last_instant).date()) for d, (lo, hi) in bounds.items()}
    lowest = min(a for a, _b in dates.values())
    highest = max(b for _a, b in dates.values())
    written = kept_days.writes(conn, org, lowest, highest)
    people = _prints(conn, ctx, days, resources=False)
    rooms = _prints(conn, ctx, days, resources=True) if RESOURCE in kinds else {}
    out: dict[str, dict[date, str]] = {kind: {} for kind in kinds}
    for day, (a, b) in dates.items():
        total, d = 0, a
        while d <= b:
            total += written.get(d, 0)
            d += timedelta(days=1)
        lo, hi = bounds[day]  # the zone's rules for the day (tzdata changes them)
        when = f"{int(lo.timestamp())}-{int(hi.timestamp())}"
        stamp = f"{COUNTING}|{tz.key}|{when}|{total}|{people[day]}"
        for kind in kinds:
            out[kind][day] = f"{stamp}|{rooms[day]}" if kind == RESOURCE else stamp
    return out


def _prints(
    conn: Connection, ctx: ServiceContext, days: Sequence[date], *, resources: bool
) -> dict[date, str]:
    """Each day's fingerprint of the working time utilisation is measured against:
    who works when (or, with ``resources``, when each resource is available, with its
    places). Worked out once per version of the roster and the professionals (kept in
    the desk's cache: the roster's version rises with every write of it)."""
    org, tz = ctx.organization_id, ctx.timezone
    staff = tuple((s.id, s.active, s.until) for s in staff_rows.staff(conn, org))
    calendar = getattr(public_holidays, "__version__", "")  # its data changes with it
    key = (tz.key, working_time.roster_version(conn, org), staff, calendar, date.today().year)
    name = "report_prints_resources" if resources else "report_prints"
    kept = ctx.cache.get(name)
    if kept is None or kept[0] != key:
        kept = ctx.cache[name] = (key, {})
    prints: dict[date, str] = kept[1]
    missing = sorted(d for d in days if d not in prints)
    if missing:
        lo = int(day_bounds(missing[0], tz)[0].timestamp())
        hi = int(day_bounds(missing[-1], tz)[1].timestamp())
        free = available(conn, ctx, lo, hi, resources=resources)
        owners: dict[int, tuple[tuple[int, ...], list[Span]]] = (
            {r: ((int(on), places), spans) for r, (on, places, spans) in free.resources.items()}
            if resources
            else {
                p: ((-1 if u is None else u,), free.works.get(p, [])) for p, u in free.who.items()
            }
        )
        clips: dict[tuple[int, date], list[int]] = {}  # per list of spans (shared) and day
        for day in missing:
            start, end = (int(b.timestamp()) for b in day_bounds(day, tz))
            flat: list[int] = []
            for owner in sorted(owners):
                detail, spans = owners[owner]
                clip = clips.get((id(spans), day))
                if clip is None:
                    clip = clips[(id(spans), day)] = _clip(spans, start, end)
                flat += (owner, *detail, len(clip), *clip)
            digest = hashlib.blake2b(array("q", flat).tobytes(), digest_size=12)
            prints[day] = digest.hexdigest()
    return {d: prints[d] for d in days}


def _clip(spans: list[Span], start: int, end: int) -> list[int]:
    """The sorted ``spans`` within ``[start, end)``, flat (start, end, start, ...)."""
    out: list[int] = []
    for i in range(bisect.bisect_right(spans, (start, start)) - 1, len(spans)):
        if i < 0:
            continue
        a, b = spans[i]
        if a >= end:
            break
        if b > start:
            out += (max(a, start), min(b, end))
    return out


def count_days(
    conn: Connection, ctx: ServiceContext, piece: list[date], kinds: Sequence[str]
) -> Days:
    """The lines of the consecutive days ``piece``, counted from the appointments."""
    tz, org = ctx.timezone, ctx.organization_id
    bounds = [day_bounds(d, tz)[0] for d in piece] + [day_bounds(piece[-1], tz)[1]]
    measuring = [k for k in kinds if k != SERVICE]
    uses = read_uses(conn, ctx, bounds, resources=RESOURCE in kinds) if measuring else None
    out: Days = {}
    for kind in kinds:
        tallies: dict[tuple[int, int | None], list[int]] = {}
        key = _BREAKDOWN[kind]
        for row in rows.counts(conn, org, bounds, key):
            figures = tallies.get((row.period, row.key))
            if figures is None:
                figures = tallies[(row.period, row.key)] = [0] * len(FIGURES)
            _tally(figures, row)
        measured = _measured(uses, kind)
        days: dict[date, list[Line]] = {d: [] for d in piece}
        for (i, key_id), figures in tallies.items():
            use = measured[key_id][i] if key_id in measured else None
            days[piece[i]].append(Line(key_id, tuple(figures), _seconds(use)))
        for key_id, per_day in measured.items():
            for i, use in enumerate(per_day):
                if (i, key_id) not in tallies and (use.working or use.inside or use.outside):
                    days[piece[i]].append(Line(key_id, (0,) * len(FIGURES), _seconds(use)))
        out[kind] = days
    return out


def _measured(uses: Uses | None, kind: str) -> dict[int | None, list[Use]]:
    if uses is None:
        return {}
    if kind == ALL:
        return {None: [u or Use() for u in uses.clinic]}
    if kind == PROFESSIONAL:
        return {k: v for k, v in uses.professionals.items()}
    if kind == RESOURCE:
        return {k: v for k, v in uses.resources.items()}
    return {}


def _seconds(use: Use | None) -> tuple[int, int, int] | None:
    return None if use is None else (use.working, use.inside, use.outside)


def _tally(figures: list[int], row: rows.CountRow) -> None:
    """Add ``row`` to a line's figures (as `FIGURES` orders them)."""
    if row.mark == rows.UNDONE:  # neither booked nor cancelled
        figures[UNDONE] += row.count
        return
    figures[_AT[row.status]] += row.count
    if row.mark == rows.LATE:
        figures[LATE] += row.count
    if row.billable and row.status not in _NOT_EARNING:
        figures[ESTIMATED] += row.estimated_cents
    if row.billable and row.status is S.COMPLETED:
        figures[ACTUAL] += row.actual_cents


def keep(ctx: ServiceContext, read: Read) -> None:
    """Keep the days ``read`` counted, for the next report (a short write of its
    own; if it cannot be written now, the next report counts them again)."""
    counted = {kind: days for kind, days in read.counted.items() if days}
    if not counted or ctx.database.read_only:
        return

    def work(conn: Connection) -> None:
        for kind, days in counted.items():
            lines = read.days[kind]
            kept_days.keep(
                conn,
                ctx.organization_id,
                kind,
                days,
                ((d, line) for d, _stamp in days for line in lines[d]),
            )

    try:
        unit_of_work.admin(ctx, lambda session: work(session.connection()))
    except SchedulerError as exc:  # busy, unreachable: the report stands
        log.info("the report's days were not kept: %s", exc)
    except SQLAlchemyError:
        log.warning("the report's days were not kept", exc_info=True)
