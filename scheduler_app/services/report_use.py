"""Utilisation for a report: per professional, room (or other resource) and team,
per period, from the roster the booking engine decides with (`OffDuty`).

* A professional works where the engine would give them appointments: their plan
  within the clinic's opening hours, less holidays, closures, their absences and
  time off, and nothing after they leave. Retired professionals have no working
  time (as for the engine); what they had booked shows as booked outside it.
* A resource is available while the clinic is open and it is not in maintenance,
  times its capacity (retired ones: never).
* A team: its members' figures added up (its members now: memberships have no
  dates). The clinic: every professional's added up.

Booked time counts every appointment but cancelled ones, with a professional
(unassigned ones are nobody's yet); time booked outside working time (a manager's
"book anyway") is kept apart, never counted as inside.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Connection

from scheduler_app.db import resources as resource_rows
from scheduler_app.db import teams as team_rows
from scheduler_app.db import utilisation as rows
from scheduler_app.db import working_time
from scheduler_app.domain.spans import Span
from scheduler_app.domain.utilisation import Use, open_time, use, working
from scheduler_app.domain.working_time import OffDuty
from scheduler_app.services.context import ServiceContext


@dataclass(frozen=True)
class Uses:
    """Per period (in the order of the report's bounds): each professional's, each
    resource's (when asked) and each team's use, and the clinic's (None: not
    measured)."""

    clinic: Sequence[Use | None]
    professionals: dict[int, list[Use]] = field(default_factory=dict)
    resources: dict[int, list[Use]] = field(default_factory=dict)
    teams: dict[int, list[Use]] = field(default_factory=dict)


def _added(count: int, lists: Iterable[Sequence[Use]]) -> list[Use]:
    out = [Use()] * count
    for uses in lists:
        out = [a + b for a, b in zip(out, uses, strict=True)]
    return out


@contextmanager
def _no_collection() -> Iterator[None]:
    """Python's cyclic garbage collector paused: a year's read makes millions of
    tuples, none in a cycle, and the collector scanned them over and over."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def read_uses(
    conn: Connection,
    ctx: ServiceContext,
    bounds: Sequence[datetime],
    *,
    resources: bool = False,
    teams: bool = False,
    cancelled: Callable[[], bool] | None = None,
) -> Uses | None:
    """Utilisation per period of ``bounds`` (None if ``cancelled`` said stop)."""
    with _no_collection():
        return _read_uses(conn, ctx, bounds, resources, teams, cancelled)


@dataclass(frozen=True)
class Available:
    """Who works when (active professionals: epoch-second spans) and, when asked,
    each resource: whether it is in use, its places, and when it is available."""

    who: dict[int, int | None]  # the active professionals, with when they leave
    works: dict[int, list[Span]]
    resources: dict[int, tuple[bool, int, list[Span]]] = field(default_factory=dict)


def available(
    conn: Connection, ctx: ServiceContext, lo: int, hi: int, *, resources: bool
) -> Available:
    """Working time within ``[lo, hi)`` (epoch seconds), from the roster the booking
    engine decides with."""
    org, tz = ctx.organization_id, ctx.timezone
    start, end = datetime.fromtimestamp(lo, UTC), datetime.fromtimestamp(hi, UTC)
    _version, roster = working_time.load_roster(conn, org, tz)
    duty = OffDuty(roster)
    time_off = working_time.time_off_between(conn, org, start, end)
    who = {s.id: s.until for s in rows.staff(conn, org) if s.active}
    found = Available(who, working(duty, who, lo, hi, time_off))
    if resources:
        for resource_id, known in resource_rows.decision_resources(
            conn, org, start, end, tz
        ).items():
            away = (*known.resource.down, *known.resource.closed)  # maintenance, own hours
            spans = open_time(duty, lo, hi, time_off, away)
            found.resources[resource_id] = (known.active, known.resource.capacity, spans)
    return found


def _read_uses(
    conn: Connection,
    ctx: ServiceContext,
    bounds: Sequence[datetime],
    resources: bool,
    teams: bool,
    cancelled: Callable[[], bool] | None,
) -> Uses | None:
    org = ctx.organization_id
    lo, hi = bounds[0], bounds[-1]
    cut = [int(b.timestamp()) for b in bounds]
    periods = len(cut) - 1
    free = available(conn, ctx, cut[0], cut[-1], resources=resources)
    who, works = free.who, free.works
    booked = rows.booked(conn, org, lo, hi)
    if cancelled is not None and cancelled():
        return None
    known: dict[int, list[int]] = {}  # per working time shared by a group (`working`)
    per_professional = {
        p: use(cut, works.get(p, []), *booked.get(p, ([], [])), known=known)
        for p in sorted({*who, *booked})
    }
    found = Uses(_added(periods, per_professional.values()), per_professional)
    if resources:
        held = rows.held(conn, org, lo, hi)
        for resource_id, (active, places, spans) in free.resources.items():
            found.resources[resource_id] = use(
                cut, spans if active else [], *held.get(resource_id, ([], [])), places
            )
    if teams:
        members: dict[int, list[int]] = {}
        for m in team_rows.members(conn, org):
            members.setdefault(int(m.team_id), []).append(int(m.professional_id))
        for team_id, people in members.items():
            found.teams[team_id] = _added(
                periods, (per_professional[p] for p in people if p in per_professional)
            )
    return found
