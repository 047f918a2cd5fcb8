"""Reads and writes of working time: the roster, time off, the roster's version."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

import holidays as public_holidays
from sqlalchemy import Connection, bindparam, delete, insert, select, update

from scheduler_app.db import raw_query
from scheduler_app.db.base import table_of
from scheduler_app.db.models import OpeningHours, Organization, Professional
from scheduler_app.db.raw_query import RawQuery
from scheduler_app.db.working_time_models import (
    HolidayOpening,
    TimeOff,
    TimeOffKind,
    WorkDay,
    WorkRange,
)
from scheduler_app.domain.working_time import CALENDAR_BUSY, Off, Roster, WeeklyRange, Why

_O = table_of(Organization)
_RANGE = table_of(WorkRange)
_DAY = table_of(WorkDay)
_OFF = table_of(TimeOff)
_OPEN = table_of(HolidayOpening)
_HOURS = table_of(OpeningHours)
#: Years of public holidays a roster knows, before and after the present one.
HOLIDAY_YEARS_BACK, HOLIDAY_YEARS_AHEAD = 2, 10


def load_roster(conn: Connection, org_id: int, tz: ZoneInfo) -> tuple[int, Roster]:
    """The clinic's roster and its version."""
    org = conn.execute(
        select(
            _O.c.roster_version,
            _O.c.holiday_country,
            _O.c.holiday_subdivision,
        ).where(_O.c.id == org_id)
    ).one()
    opening: dict[int, list[tuple[time, time]]] = defaultdict(list)
    for h in conn.execute(
        select(_HOURS.c.weekday, _HOURS.c.opens, _HOURS.c.closes)
        .where(_HOURS.c.organization_id == org_id)
        .order_by(_HOURS.c.weekday, _HOURS.c.opens)
    ):
        opening[h.weekday].append((h.opens, h.closes))
    openings = holiday_openings(conn, org_id)
    closed = {
        day: name
        for day, name in holiday_calendar(org.holiday_country, org.holiday_subdivision).items()
        if day not in openings
    }
    plans: dict[int, list[WeeklyRange]] = defaultdict(list)
    for r in conn.execute(select(_RANGE).where(_RANGE.c.organization_id == org_id)):
        plans[r.professional_id].append(
            WeeklyRange(r.weekday, r.starts, r.ends, r.week_parity, r.valid_from, r.valid_until)
        )
    days: dict[tuple[int, date], list[tuple[time, time]]] = defaultdict(list)
    for d in conn.execute(select(_DAY).where(_DAY.c.organization_id == org_id)):
        hours = days[(d.professional_id, d.day)]
        if d.starts is not None and d.ends is not None:
            hours.append((d.starts, d.ends))
    return int(org.roster_version), Roster(tz, dict(opening), closed, dict(plans), dict(days))


def holiday_calendar(country: str, subdivision: str) -> Mapping[date, str]:
    """Public holidays of ``country`` (and ``subdivision``): date -> name; none for ""."""
    if not country:
        return {}
    return _holidays(country, subdivision, date.today().year)


@functools.lru_cache(maxsize=16)
def _holidays(country: str, subdivision: str, this_year: int) -> Mapping[date, str]:
    """Kept: working them out takes tens of milliseconds (measured 37 ms for PT), and
    every roster read needs them."""
    years = range(this_year - HOLIDAY_YEARS_BACK, this_year + HOLIDAY_YEARS_AHEAD + 1)
    found = public_holidays.country_holidays(country, subdiv=subdivision or None, years=years)
    return MappingProxyType({day: str(name) for day, name in found.items()})


def time_off_between(conn: Connection, org_id: int, lo: datetime, hi: datetime) -> list[Off]:
    """Time off overlapping ``[lo, hi)`` (absences, blackouts, closures)."""
    rows = conn.execute(_TIME_OFF_BETWEEN, {"org": org_id, "lo": lo, "hi": hi})
    return [_off(r) for r in rows]


def time_off_with_next_read(
    conn: Connection, org_id: int, lo: datetime, hi: datetime
) -> Callable[[], list[Off]]:
    """`time_off_between`, asked in the round trip of the next read
    (`raw_query.with_next_read`): what gives it."""
    query = _TIME_OFF_BETWEEN_RAW
    rows = raw_query.with_next_read(conn, query, {"org": org_id, "lo": lo, "hi": hi})
    return lambda: [_off(r) for r in raw_query.named(query.names, rows())]


_TIME_OFF_BETWEEN = select(_OFF).where(
    _OFF.c.organization_id == bindparam("org"),
    _OFF.c.resource_id.is_(None),
    _OFF.c.end_at > bindparam("lo"),
    _OFF.c.start_at < bindparam("hi"),
)
_TIME_OFF_BETWEEN_RAW = RawQuery(_TIME_OFF_BETWEEN, typed=True)


def _off(row: Any) -> Off:
    detail = row.kind.value if not row.reason else f"{row.kind.value}: {row.reason}"
    if row.kind == TimeOffKind.CALENDAR:
        detail = CALENDAR_BUSY + (f" ({row.reason})" if row.reason else "")
    return Off(
        int(row.start_at.timestamp()),
        int(row.end_at.timestamp()),
        Why.TIME_OFF,
        detail,
        row.professional_id,
    )


def roster_version(conn: Connection, org_id: int) -> int:
    """The roster's version alone (raised by every write below)."""
    return int(conn.execute(select(_O.c.roster_version).where(_O.c.id == org_id)).scalar_one())


# -- writes (each raises the roster's version) --------------------------------


def bump_version(conn: Connection, org_id: int) -> None:
    conn.execute(update(_O).where(_O.c.id == org_id).values(roster_version=_O.c.roster_version + 1))


def weekly_plan(conn: Connection, org_id: int, professional_id: int) -> list[WeeklyRange]:
    rows = conn.execute(
        select(_RANGE).where(
            _RANGE.c.organization_id == org_id, _RANGE.c.professional_id == professional_id
        )
    )
    return [
        WeeklyRange(r.weekday, r.starts, r.ends, r.week_parity, r.valid_from, r.valid_until)
        for r in rows
    ]


def replace_weekly_plan(
    conn: Connection, org_id: int, professional_id: int, ranges: Sequence[WeeklyRange]
) -> None:
    conn.execute(
        delete(_RANGE).where(
            _RANGE.c.organization_id == org_id, _RANGE.c.professional_id == professional_id
        )
    )
    if ranges:
        conn.execute(
            insert(_RANGE),
            [
                {
                    "organization_id": org_id,
                    "professional_id": professional_id,
                    "weekday": r.weekday,
                    "starts": r.starts,
                    "ends": r.ends,
                    "week_parity": r.week_parity,
                    "valid_from": r.valid_from,
                    "valid_until": r.valid_until,
                }
                for r in ranges
            ],
        )
    bump_version(conn, org_id)


def replace_day(
    conn: Connection,
    org_id: int,
    professional_id: int,
    day: date,
    hours: Sequence[tuple[time, time]] | None,
) -> None:
    """``professional_id`` works ``hours`` on ``day`` ([] none; None: the plan again)."""
    conn.execute(
        delete(_DAY).where(
            _DAY.c.organization_id == org_id,
            _DAY.c.professional_id == professional_id,
            _DAY.c.day == day,
        )
    )
    if hours is not None:
        rows: list[dict[str, time | None]] = [{"starts": s, "ends": e} for s, e in hours]
        rows = rows or [{"starts": None, "ends": None}]
        conn.execute(
            insert(_DAY),
            [
                {"organization_id": org_id, "professional_id": professional_id, "day": day, **r}
                for r in rows
            ],
        )
    bump_version(conn, org_id)


def replace_days(
    conn: Connection,
    org_id: int,
    professional_id: int,
    days: Mapping[date, Sequence[tuple[time, time]]],
) -> None:
    """`replace_day` for many days at once (one delete, one insert)."""
    if not days:
        return
    conn.execute(
        delete(_DAY).where(
            _DAY.c.organization_id == org_id,
            _DAY.c.professional_id == professional_id,
            _DAY.c.day.in_(sorted(days)),
        )
    )
    nothing: list[tuple[time | None, time | None]] = [(None, None)]  # not working
    rows = [
        {"organization_id": org_id, "professional_id": professional_id, "day": day}
        | {"starts": s, "ends": e}
        for day, hours in sorted(days.items())
        for s, e in (list(hours) or nothing)
    ]
    conn.execute(insert(_DAY), rows)
    bump_version(conn, org_id)


def add_time_off(
    conn: Connection,
    org_id: int,
    *,
    professional_id: int | None,
    kind: TimeOffKind,
    reason: str,
    start: datetime,
    end: datetime,
    created_by: int,
    at: datetime,
) -> int:
    time_off_id: int = conn.execute(
        insert(_OFF)
        .values(
            organization_id=org_id,
            professional_id=professional_id,
            kind=kind,
            reason=reason,
            start_at=start,
            end_at=end,
            created_by_id=created_by,
            created_at=at,
        )
        .returning(_OFF.c.id)
    ).scalar_one()
    bump_version(conn, org_id)
    return time_off_id


def remove_time_off(
    conn: Connection, org_id: int, time_off_id: int
) -> tuple[datetime, datetime, int | None] | None:
    """Delete the time off; its span and professional (None: the clinic's), or None
    when there was none."""
    gone = conn.execute(
        delete(_OFF)
        .where(_OFF.c.id == time_off_id, _OFF.c.organization_id == org_id)
        .returning(_OFF.c.start_at, _OFF.c.end_at, _OFF.c.professional_id)
    ).first()
    bump_version(conn, org_id)
    return None if gone is None else (gone[0], gone[1], gone[2])


def set_holidays(conn: Connection, org_id: int, country: str, subdivision: str) -> None:
    conn.execute(
        update(_O)
        .where(_O.c.id == org_id)
        .values(holiday_country=country, holiday_subdivision=subdivision)
    )
    bump_version(conn, org_id)


def set_holiday_open(conn: Connection, org_id: int, day: date, name: str, is_open: bool) -> None:
    conn.execute(delete(_OPEN).where(_OPEN.c.organization_id == org_id, _OPEN.c.day == day))
    if is_open:
        conn.execute(insert(_OPEN).values(organization_id=org_id, day=day, name=name))
    bump_version(conn, org_id)


def active_professionals(conn: Connection, org_id: int) -> list[int]:
    p = table_of(Professional)
    return list(
        conn.execute(
            select(p.c.id).where(p.c.organization_id == org_id, p.c.is_active.is_(True))
        ).scalars()
    )


def set_opening_hours(
    conn: Connection,
    org_id: int,
    week: dict[int, list[tuple[time, time]]],
    outer: tuple[time, time] | None,
) -> None:
    """The clinic is open ``week`` (weekday -> ranges; closing at 00:00: midnight);
    ``outer``: its earliest opening and latest closing, kept for the calendar."""
    conn.execute(delete(_HOURS).where(_HOURS.c.organization_id == org_id))
    ranges = [
        {"organization_id": org_id, "weekday": day, "opens": opens, "closes": closes}
        for day, hours in week.items()
        for opens, closes in hours
    ]
    if ranges:
        conn.execute(insert(_HOURS), ranges)
    if outer is not None:
        conn.execute(
            update(_O).where(_O.c.id == org_id).values(opens_at=outer[0], closes_at=outer[1])
        )
    bump_version(conn, org_id)


# -- lists for the manager's dialogs ------------------------------------------


def time_off_from(conn: Connection, org_id: int, since: datetime) -> list[Any]:
    """Time off ending after ``since`` (rows: id, professional_id, kind, reason, start_at,
    end_at), by start."""
    return list(
        conn.execute(
            select(
                _OFF.c.id,
                _OFF.c.professional_id,
                _OFF.c.kind,
                _OFF.c.reason,
                _OFF.c.start_at,
                _OFF.c.end_at,
            )
            .where(
                _OFF.c.organization_id == org_id,
                _OFF.c.resource_id.is_(None),
                _OFF.c.end_at > since,
            )
            .order_by(_OFF.c.start_at, _OFF.c.id)
        )
    )


def days_from(
    conn: Connection, org_id: int, professional_id: int, since: date
) -> dict[date, list[tuple[time, time]]]:
    """``professional_id``'s dated days from ``since`` on: day -> hours ([]: off)."""
    out: dict[date, list[tuple[time, time]]] = {}
    for d in conn.execute(
        select(_DAY.c.day, _DAY.c.starts, _DAY.c.ends)
        .where(
            _DAY.c.organization_id == org_id,
            _DAY.c.professional_id == professional_id,
            _DAY.c.day >= since,
        )
        .order_by(_DAY.c.day, _DAY.c.starts)
    ):
        hours = out.setdefault(d.day, [])
        if d.starts is not None and d.ends is not None:
            hours.append((d.starts, d.ends))
    return out


def holiday_place(conn: Connection, org_id: int) -> tuple[str, str]:
    """The clinic's country and subdivision for public holidays ("" none)."""
    org = conn.execute(
        select(_O.c.holiday_country, _O.c.holiday_subdivision).where(_O.c.id == org_id)
    ).one()
    return str(org.holiday_country), str(org.holiday_subdivision)


def holiday_openings(conn: Connection, org_id: int) -> set[date]:
    """The public holidays the clinic opens on."""
    return set(conn.execute(select(_OPEN.c.day).where(_OPEN.c.organization_id == org_id)).scalars())
