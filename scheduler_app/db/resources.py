"""Resource rows: the clinic's rooms and equipment, what services need, and the
holds of appointments (see `db.resource_models`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, time
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Connection,
    and_,
    bindparam,
    delete,
    insert,
    literal,
    or_,
    select,
    union_all,
    update,
)

from scheduler_app.db import raw_query
from scheduler_app.db.base import table_of
from scheduler_app.db.models import Appointment, Client, Organization, Professional, Service
from scheduler_app.db.raw_query import RawQuery
from scheduler_app.db.resource_models import (
    AppointmentResource,
    Resource,
    ResourceHours,
    ServiceNeed,
)
from scheduler_app.db.working_time import bump_version
from scheduler_app.db.working_time_models import TimeOff
from scheduler_app.domain import resources as rules
from scheduler_app.domain.limits import MAX_DURATION
from scheduler_app.domain.working_time import TimeOffKind, outside_hours

_R = table_of(Resource)
_H = table_of(AppointmentResource)
_N = table_of(ServiceNeed)
_OFF = table_of(TimeOff)
_W = table_of(ResourceHours)
_O = table_of(Organization)
_S = table_of(Service)


def _seconds(moment: datetime) -> int:
    return int(moment.timestamp())


# -- the clinic's resources -----------------------------------------------------


_LISTED = (
    select(_R).where(_R.c.organization_id == bindparam("org")).order_by(_R.c.sort_order, _R.c.id)
)


def listed(conn: Connection, org_id: int, *, active_only: bool = False) -> list[Any]:
    """The clinic's resources in the clinic's order (rows of every column)."""
    rows = list(conn.execute(_LISTED, {"org": org_id}))
    return [r for r in rows if r.is_active] if active_only else rows


def uses_resources(conn: Connection, org_id: int) -> bool:
    return bool(conn.execute(select(_O.c.uses_resources).where(_O.c.id == org_id)).scalar())


def mark_in_use(conn: Connection, org_id: int) -> None:
    """From now on the clinic's changes check what appointments hold."""
    conn.execute(update(_O).where(_O.c.id == org_id).values(uses_resources=True))


def future_holds(conn: Connection, resource_id: int, since: datetime) -> int:
    """How many active appointments hold the resource after ``since``."""
    query = select(_H.c.appointment_id).where(
        _H.c.resource_id == resource_id, _H.c.active.is_(True), _H.c.end_at > since
    )
    return len(conn.execute(query).all())


def future_hold_times(conn: Connection, resource_id: int, since: datetime) -> list[tuple[int, int]]:
    """The times (epoch seconds) of the active holds of the resource ending after
    ``since``, by start."""
    query = (
        select(_H.c.start_at, _H.c.end_at)
        .where(_H.c.resource_id == resource_id, _H.c.active.is_(True), _H.c.end_at > since)
        .order_by(_H.c.start_at)
    )
    return [(_seconds(s), _seconds(e)) for s, e in conn.execute(query)]


_NEEDS = (
    select(_N.c.service_id, _N.c.category, _N.c.quantity)
    .where(_N.c.service_id.in_(bindparam("services", expanding=True)))
    .order_by(_N.c.category)
)


def needs_of(conn: Connection, service_ids: Iterable[int]) -> dict[int, list[tuple[str, int]]]:
    """Per service: the (category, quantity) it needs."""
    ids = sorted(set(service_ids))
    out: dict[int, list[tuple[str, int]]] = {}
    if not ids:
        return out
    for service, category, quantity in conn.execute(_NEEDS, {"services": ids}):
        out.setdefault(service, []).append((category, quantity))
    return out


def set_needs(
    conn: Connection, org_id: int, service_id: int, needs: Sequence[tuple[str, int]]
) -> None:
    """What the service needs from now on; raises the roster's version, so that desks
    deciding on the needs they keep (`all_needs`) read them again."""
    conn.execute(delete(_N).where(_N.c.service_id == service_id))
    if needs:
        rows = [{"service_id": service_id, "category": c, "quantity": q} for c, q in needs]
        conn.execute(insert(_N), rows)
    bump_version(conn, org_id)


_ALL_NEEDS = (
    select(_N.c.service_id, _N.c.category, _N.c.quantity)
    .select_from(_N.join(_S, _S.c.id == _N.c.service_id))
    .where(_S.c.organization_id == bindparam("org"))
    .order_by(_N.c.service_id, _N.c.category)
)


def all_needs(conn: Connection, org_id: int) -> dict[int, list[tuple[str, int]]]:
    """Per service of the clinic that needs any: the (category, quantity) it needs."""
    out: dict[int, list[tuple[str, int]]] = {}
    for service, category, quantity in conn.execute(_ALL_NEEDS, {"org": org_id}):
        out.setdefault(service, []).append((category, quantity))
    return out


# -- what a change decides on ------------------------------------------------------


#: A resource's own hours: weekday (Monday = 0) -> ranges of wall-clock time.
Week = dict[int, list[tuple[time, time]]]


class Known(NamedTuple):
    """A resource as a change decides on it."""

    resource: rules.Resource
    #: Retired ones (False) are never picked.
    active: bool
    name: str
    #: Its own hours (empty: whenever the clinic is open).
    hours: Week


_DOWN = select(_OFF.c.resource_id, _OFF.c.start_at, _OFF.c.end_at).where(
    _OFF.c.organization_id == bindparam("org"),
    _OFF.c.resource_id.is_not(None),
    _OFF.c.end_at > bindparam("lo"),
    _OFF.c.start_at < bindparam("hi"),
)


_HOURS = (
    select(_W.c.resource_id, _W.c.weekday, _W.c.opens, _W.c.closes)
    .select_from(_W.join(_R, _R.c.id == _W.c.resource_id))
    .where(_R.c.organization_id == bindparam("org"))
    .order_by(_W.c.resource_id, _W.c.weekday, _W.c.opens)
)


def hours_of(conn: Connection, org_id: int) -> dict[int, Week]:
    """Per resource that has its own hours: weekday -> ranges (Monday = 0)."""
    out: dict[int, Week] = {}
    for resource, weekday, opens, closes in conn.execute(_HOURS, {"org": org_id}):
        out.setdefault(resource, {}).setdefault(weekday, []).append((opens, closes))
    return out


def set_hours(conn: Connection, org_id: int, resource_id: int, week: Week) -> None:
    """Replace the resource's own hours (empty: whenever the clinic is open); raises
    the roster's version (desks keep the resources with it)."""
    conn.execute(delete(_W).where(_W.c.resource_id == resource_id))
    rows = [
        {"resource_id": resource_id, "weekday": day, "opens": opens, "closes": closes}
        for day, ranges in sorted(week.items())
        for opens, closes in ranges
    ]
    if rows:
        conn.execute(insert(_W), rows)
    bump_version(conn, org_id)


def decision_resources(
    conn: Connection, org_id: int, lo: datetime, hi: datetime, tz: ZoneInfo
) -> dict[int, Known]:
    """Every resource of the clinic, in its order, with its maintenance and the time
    outside its own hours within ``[lo, hi)`` (weekly hours on the clinic's clock ``tz``)."""
    down = down_between(conn, org_id, lo, hi)
    return known_of(listed(conn, org_id), hours_of(conn, org_id), down, lo, hi, tz)


def down_between(
    conn: Connection, org_id: int, lo: datetime, hi: datetime
) -> dict[int, list[tuple[int, int]]]:
    """Per resource, its maintenance overlapping ``[lo, hi)`` (epoch seconds)."""
    down: dict[int, list[tuple[int, int]]] = {}
    for resource, start, end in conn.execute(_DOWN, {"org": org_id, "lo": lo, "hi": hi}):
        down.setdefault(resource, []).append((_seconds(start), _seconds(end)))
    return down


def known_of(
    rows: Sequence[Any],
    hours: Mapping[int, Week],
    down: Mapping[int, Sequence[tuple[int, int]]],
    lo: datetime,
    hi: datetime,
    tz: ZoneInfo,
) -> dict[int, Known]:
    """The resources of ``rows`` (as `listed`) as a decision within ``[lo, hi)`` sees
    them, with their ``hours`` and their maintenance (``down``, epoch seconds)."""
    span = (_seconds(lo), _seconds(hi))
    out: dict[int, Known] = {}
    for row in rows:
        spans = tuple(sorted(down.get(row.id, ())))
        week = hours.get(row.id)
        closed = tuple(outside_hours(week, *span, tz)) if week else ()
        found = rules.Resource(row.id, row.category, row.capacity, spans, closed)
        out[row.id] = Known(found, bool(row.is_active), row.name, week or {})
    return out


#: The holds of some resources and the clinic's maintenance within a window, in one
#: read: (what, appointment, resource, start, end), what "hold" or "down".
_OCCUPIED = union_all(
    select(
        literal("hold").label("what"),
        _H.c.appointment_id,
        _H.c.resource_id,
        _H.c.start_at,
        _H.c.end_at,
    ).where(
        _H.c.resource_id.in_(bindparam("resources", expanding=True)),
        _H.c.active.is_(True),
        _H.c.start_at > bindparam("lowest"),
        _H.c.start_at < bindparam("hi"),
        _H.c.end_at > bindparam("lo"),
    ),
    select(
        literal("down").label("what"),
        literal(0).label("appointment_id"),
        _OFF.c.resource_id,
        _OFF.c.start_at,
        _OFF.c.end_at,
    ).where(
        _OFF.c.organization_id == bindparam("org"),
        _OFF.c.resource_id.is_not(None),
        _OFF.c.end_at > bindparam("lo"),
        _OFF.c.start_at < bindparam("hi"),
    ),
)


_OCCUPIED_RAW = RawQuery(_OCCUPIED, typed=True)
#: The holds and the maintenance (per resource, epoch seconds) of `occupied`.
Occupied = tuple[list[rules.Hold], dict[int, list[tuple[int, int]]]]


def _occupied_params(
    org_id: int, resources: Iterable[int], lo: datetime, hi: datetime
) -> dict[str, Any]:
    return {
        "resources": sorted(set(resources)) or [0],
        "org": org_id,
        "lowest": lo - MAX_DURATION,
        "lo": lo,
        "hi": hi,
    }


def occupied(
    conn: Connection, org_id: int, resources: Iterable[int], lo: datetime, hi: datetime
) -> Occupied:
    """In one read: the active holds of ``resources`` overlapping ``[lo, hi)`` (as
    `holds_around`) and the clinic's maintenance there, per resource."""
    return _occupied(conn.execute(_OCCUPIED, _occupied_params(org_id, resources, lo, hi)))


def occupied_with_next_read(
    conn: Connection, org_id: int, resources: Iterable[int], lo: datetime, hi: datetime
) -> Callable[[], Occupied]:
    """`occupied`, asked in the round trip of the next read where reads wait for it
    (`raw_query.with_next_read`): what gives it once that ran."""
    params = _occupied_params(org_id, resources, lo, hi)
    rows = raw_query.with_next_read(conn, _OCCUPIED_RAW, params)
    return lambda: _occupied(rows())


def _occupied(rows: Iterable[Sequence[Any]]) -> Occupied:
    holds: list[rules.Hold] = []
    down: dict[int, list[tuple[int, int]]] = {}
    for what, key, resource, start, end in rows:
        if what == "hold":
            holds.append(rules.Hold(key, resource, _seconds(start), _seconds(end)))
        else:
            down.setdefault(resource, []).append((_seconds(start), _seconds(end)))
    return holds, down


_HOLDS_OF = RawQuery(
    select(_H.c.appointment_id, _H.c.resource_id, _H.c.picked)
    .where(_H.c.appointment_id.in_(bindparam("ids", expanding=True)))
    .order_by(_H.c.resource_id),
    typed=True,
)
#: Per appointment: the resources it holds (resource, picked by the booking).
Holds = dict[int, list[tuple[int, bool]]]


def holds_of(conn: Connection, appointment_ids: Iterable[int]) -> Holds:
    """Per appointment: the resources it holds (resource, picked by the booking)."""
    return holds_of_with_next_read(conn, appointment_ids)()


def holds_of_with_next_read(
    conn: Connection, appointment_ids: Iterable[int]
) -> Callable[[], Holds]:
    """`holds_of`, asked in the round trip of the next read where reads wait for it
    (`raw_query.with_next_read`): what gives it once that ran."""
    ids = sorted(set(appointment_ids))
    if not ids:
        return dict
    rows = raw_query.with_next_read(conn, _HOLDS_OF, {"ids": ids})

    def held() -> Holds:
        out: Holds = {}
        for appointment, resource, picked in rows():
            out.setdefault(appointment, []).append((resource, bool(picked)))
        return out

    return held


_HOLDS_AROUND = select(_H.c.appointment_id, _H.c.resource_id, _H.c.start_at, _H.c.end_at).where(
    _H.c.resource_id.in_(bindparam("resources", expanding=True)),
    _H.c.active.is_(True),
    _H.c.start_at > bindparam("lowest"),
    _H.c.start_at < bindparam("hi"),
    _H.c.end_at > bindparam("lo"),
)


def holds_around(
    conn: Connection,
    spans: Sequence[tuple[datetime, datetime]],
    excluding: Iterable[int],
    resources: Iterable[int],
) -> list[rules.Hold]:
    """The active holds of ``resources`` overlapping any of ``spans``, but those of
    ``excluding``. Index-backed (resource, start): a hold lasts as long as its
    appointment, at most `MAX_DURATION`, so only starts that close before are read."""
    wanted = sorted(set(resources))
    if not spans or not wanted:
        return []
    skip = sorted(set(excluding))
    if len(spans) == 1 and not skip:  # the statement built once
        ((lo, hi),) = spans
        params = {"resources": wanted, "lowest": lo - MAX_DURATION, "lo": lo, "hi": hi}
        found = conn.execute(_HOLDS_AROUND, params)
        return [rules.Hold(a, r, _seconds(s), _seconds(e)) for a, r, s, e in found]
    query = select(_H.c.appointment_id, _H.c.resource_id, _H.c.start_at, _H.c.end_at).where(
        _H.c.resource_id.in_(wanted),
        _H.c.active.is_(True),
        or_(
            *(
                and_(_H.c.start_at > lo - MAX_DURATION, _H.c.start_at < hi, _H.c.end_at > lo)
                for lo, hi in spans
            )
        ),
    )
    if skip:
        query = query.where(_H.c.appointment_id.not_in(skip))
    return [rules.Hold(a, r, _seconds(s), _seconds(e)) for a, r, s, e in conn.execute(query)]


_INSERT = insert(_H)
_DEACTIVATE = update(_H).where(_H.c.appointment_id == bindparam("key")).values(active=False)
_DELETE = delete(_H).where(_H.c.appointment_id == bindparam("key"))


def deactivate(conn: Connection, appointment_ids: Iterable[int]) -> None:
    raw_query.write_each(conn, _DEACTIVATE, [{"key": i} for i in sorted(set(appointment_ids))])


def replace_holds(
    conn: Connection,
    appointment_ids: Iterable[int],
    holds: Sequence[tuple[rules.Hold, bool, bool]],
    times: dict[int, tuple[datetime, datetime]],
) -> None:
    """The holds of ``appointment_ids`` become ``holds`` ((hold, single, picked)),
    active, at their appointment's ``times``."""
    raw_query.write_each(conn, _DELETE, [{"key": i} for i in sorted(set(appointment_ids))])
    if holds:
        rows = [
            {
                "appointment_id": hold.key,
                "resource_id": hold.resource,
                "start_at": times[hold.key][0],
                "end_at": times[hold.key][1],
                "active": True,
                "single": single,
                "picked": picked,
            }
            for hold, single, picked in holds
        ]
        raw_query.write_each(conn, _INSERT, rows)


def service_ids(conn: Connection, org_id: int) -> list[int]:
    """The clinic's services, retired ones too."""
    query = select(_S.c.id).where(_S.c.organization_id == org_id)
    return [int(i) for i in conn.execute(query).scalars()]


def maintenance_from(
    conn: Connection, org_id: int, since: datetime, until: datetime | None = None
) -> list[Any]:
    """Maintenance windows ending after ``since`` (and starting before ``until``)
    (rows: id, resource_id, reason, start_at, end_at), by start."""
    query = (
        select(_OFF.c.id, _OFF.c.resource_id, _OFF.c.reason, _OFF.c.start_at, _OFF.c.end_at)
        .where(
            _OFF.c.organization_id == org_id,
            _OFF.c.resource_id.is_not(None),
            _OFF.c.end_at > since,
        )
        .order_by(_OFF.c.start_at, _OFF.c.id)
    )
    if until is not None:
        query = query.where(_OFF.c.start_at < until)
    return list(conn.execute(query))


def holds_between(conn: Connection, org_id: int, lo: datetime, hi: datetime) -> list[Any]:
    """Active holds within ``[lo, hi)`` with what the planner shows (rows: resource_id,
    start_at, end_at, client, professional, service), by start."""
    a = table_of(Appointment)
    c, p, s = table_of(Client), table_of(Professional), _S
    query = (
        select(
            _H.c.resource_id,
            _H.c.start_at,
            _H.c.end_at,
            c.c.name.label("client"),
            p.c.name.label("professional"),
            s.c.name.label("service"),
        )
        .join(a, a.c.id == _H.c.appointment_id)
        .outerjoin(c, c.c.id == a.c.client_id)
        .outerjoin(p, p.c.id == a.c.professional_id)
        .outerjoin(s, s.c.id == a.c.service_id)
        .where(
            a.c.organization_id == org_id,
            _H.c.active.is_(True),
            _H.c.start_at < hi,
            _H.c.end_at > lo,
        )
        .order_by(_H.c.start_at, _H.c.resource_id)
    )
    return list(conn.execute(query))


# -- the manager's changes -----------------------------------------------------------


def resource(conn: Connection, org_id: int, resource_id: int) -> Any | None:
    """One resource of the clinic (a row of every column), or None."""
    query = select(_R).where(_R.c.id == resource_id, _R.c.organization_id == org_id)
    return conn.execute(query).first()


def add_resource(conn: Connection, org_id: int, values: dict[str, Any]) -> Any:
    """A new resource, listed last (the row as stored); raises the roster's version."""
    bump_version(conn, org_id)
    count = len(listed(conn, org_id))
    row = {"organization_id": org_id, "sort_order": count, "is_active": True, **values}
    return conn.execute(insert(_R).values(row).returning(*_R.c)).one()


def update_resource(conn: Connection, org_id: int, resource_id: int, values: dict[str, Any]) -> Any:
    """The resource with ``values`` (the row as stored); raises the roster's version."""
    bump_version(conn, org_id)
    query = update(_R).where(_R.c.id == resource_id).values(values).returning(*_R.c)
    return conn.execute(query).one()


def add_maintenance(conn: Connection, org_id: int, values: dict[str, Any]) -> int:
    """A maintenance window (columns of `TimeOff` but the organization); its id.
    Raises the roster's version (what a resource offers changed)."""
    bump_version(conn, org_id)
    row = {"organization_id": org_id, "kind": TimeOffKind.MAINTENANCE, **values}
    return int(conn.execute(insert(_OFF).values(row).returning(_OFF.c.id)).scalar_one())
