"""Appointment rows: the writes of a change, and the reads of what the desk shows."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Connection,
    String,
    bindparam,
    cast,
    func,
    insert,
    literal_column,
    select,
    text,
    update,
)

from scheduler_app.db import raw_query
from scheduler_app.db.base import table_of
from scheduler_app.db.models import Appointment, Client, Priority, Professional, Service
from scheduler_app.db.raw_query import RawQuery
from scheduler_app.db.resource_models import AppointmentResource, Resource
from scheduler_app.db.rows import APPOINTMENT_COLUMNS, AppointmentRow, Names
from scheduler_app.db.schedule import ACTIVE_SQL, DIALECTS, epoch, utc, window_filter, window_params
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import CHANGED_MEANWHILE, StaleDataError

_A = table_of(Appointment)
_C = table_of(Client)
_P = table_of(Professional)
_T = table_of(Service)

# -- writes ------------------------------------------------------------------

_INSERT = insert(_A).returning(*APPOINTMENT_COLUMNS)
#: Several at once (one statement: SQLAlchemy's "insertmanyvalues"), in their order.
_INSERT_MANY = insert(_A).returning(*APPOINTMENT_COLUMNS, sort_by_parameter_order=True)
#: Built once: the columns to set are the parameters given (besides ``seen_*``).
_UPDATE_UNLESS_CHANGED = (
    update(_A)
    .where(_A.c.id == bindparam("seen_id"), _A.c.version == bindparam("seen_version"))
    .values(version=_A.c.version + 1)
    .returning(*APPOINTMENT_COLUMNS)
)
_ASSIGN = (
    update(_A).where(_A.c.id == bindparam("key")).values(professional_id=bindparam("professional"))
)


def insert_appointment(conn: Connection, values: dict[str, Any]) -> AppointmentRow:
    """Store a new appointment. With its ``id`` given (`next_id`) where writes wait
    for the next round trip (`raw_query.waiting_writes`), it waits too: the row is
    returned as it will be stored, and checked against the stored one when sent."""
    if "id" in values and raw_query.waits(conn):
        expected = _expected(AppointmentRow(**{f: _default(f) for f in _FIELDS}), values)
        raw_query.later(conn, raw_query.written(conn, _INSERT, values, _same_as(expected)))
        return expected
    return AppointmentRow._make(conn.execute(_INSERT, values).one())


def insert_appointments(conn: Connection, values: Sequence[dict[str, Any]]) -> list[AppointmentRow]:
    """Store several appointments in one statement; the rows in the order given."""
    return [AppointmentRow._make(r) for r in conn.execute(_INSERT_MANY, list(values)).all()]


def update_unless_changed(
    conn: Connection, seen: AppointmentRow, values: dict[str, Any]
) -> AppointmentRow | None:
    """Write ``values`` (next version) unless someone changed the row since ``seen``
    was read; then None."""
    params = {"seen_id": seen.id, "seen_version": seen.version, **values}
    if raw_query.waits(conn):  # sent later: a change meanwhile is found then
        expected = _expected(seen, {**values, "version": seen.version + 1})
        check = _same_as(expected)
        raw_query.later(conn, raw_query.written(conn, _UPDATE_UNLESS_CHANGED, params, check))
        return expected
    row = conn.execute(_UPDATE_UNLESS_CHANGED, params).one_or_none()
    return None if row is None else AppointmentRow._make(row)


def assign_professionals(conn: Connection, assignments: Sequence[tuple[int, int]]) -> None:
    """Give each (appointment, professional) its professional."""
    params = [{"key": key, "professional": prof} for key, prof in assignments]
    raw_query.write_each(conn, _ASSIGN, params)


_FIELDS = AppointmentRow._fields


def _default(name: str) -> Any:
    default: Any = _A.c[name].default
    return default.arg if default is not None and default.is_scalar else None


def _expected(row: AppointmentRow, values: dict[str, Any]) -> AppointmentRow:
    """``row`` with ``values`` as the database will store them (UTC, whole seconds)."""
    stored: dict[str, Any] = {
        name: value.astimezone(UTC).replace(microsecond=0) if isinstance(value, datetime) else value
        for name, value in values.items()
        if name in _FIELDS
    }
    return row._replace(**stored)


def _same_as(expected: AppointmentRow) -> Any:
    """The check of a waiting write of ``expected``: none written means someone changed
    the appointment meanwhile; one written must be what was expected."""

    def check(rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            raise StaleDataError(CHANGED_MEANWHILE)
        stored = AppointmentRow._make(rows[0])
        if stored != expected:  # a bug: the change was described wrongly
            raise AssertionError(f"appointment stored as {stored}, expected {expected}")

    return check


# -- reads for the desk ------------------------------------------------------

_WITH_NAMES = (
    _A.outerjoin(_C, _A.c.client_id == _C.c.id)
    .outerjoin(_P, _A.c.professional_id == _P.c.id)
    .outerjoin(_T, _A.c.service_id == _T.c.id)
)
_NAMES = (_C.c.name, _C.c.phone, _P.c.name, _T.c.name)
_H = table_of(AppointmentResource)
_R = table_of(Resource)


#: Between a held resource's id and name, and between held resources, in `_resource_names`.
_ID_NAME, _NEXT = "\x1f", "\x1e"


def _resource_names(dialect: str) -> Any:
    """The resources an appointment holds, as "id<US>name" joined by <RS> (read as
    their names and their ids by `_holdings`)."""
    pair = cast(_H.c.resource_id, String) + literal_column(f"'{_ID_NAME}'") + _R.c.name
    joined = (
        func.string_agg(pair, literal_column(f"'{_NEXT}'"))
        if dialect == "postgresql"
        else func.group_concat(pair, literal_column(f"'{_NEXT}'"))
    )
    return (
        select(joined)
        .select_from(_H.join(_R, _R.c.id == _H.c.resource_id))
        .where(_H.c.appointment_id == _A.c.id)
        .scalar_subquery()
    )


def _holdings(joined: str | None) -> tuple[str | None, tuple[int, ...]]:
    """`_resource_names`'s text as the names ("Room 2, Ultrasound") and the ids held,
    both in the names' order."""
    if not joined:
        return None, ()
    pairs = sorted(
        (name, int(key)) for key, name in (p.split(_ID_NAME, 1) for p in joined.split(_NEXT))
    )
    return ", ".join(name for name, _key in pairs), tuple(key for _name, key in pairs)


_TIME_FIELDS = ("start_at", "end_at", "occurrence_start")
_MONEY_FIELDS = ("estimated_cost", "actual_cost")


def _plain_columns(dialect: str) -> list[Any]:
    """`APPOINTMENT_COLUMNS` with the names, as values the driver returns as they are
    (times as epoch seconds, money as text): a calendar reads thousands of rows."""
    columns: list[Any] = []
    for column in APPOINTMENT_COLUMNS:
        if column.name in _TIME_FIELDS:
            columns.append(epoch(column, dialect))
        elif column.name in _MONEY_FIELDS:
            columns.append(cast(column, String))
        else:
            columns.append(column)
    return [*columns, *_NAMES, _resource_names(dialect)]


_N = len(APPOINTMENT_COLUMNS)
_POSITION = {name: i for i, name in enumerate(AppointmentRow._fields)}
_STATUS = {s.value: s for s in AppointmentStatus}
_PRIORITY = {p.value: p for p in Priority}
_BOOLEANS = ("is_virtual", "is_billable", "late_cancellation")


def _listed(row: Sequence[Any]) -> tuple[AppointmentRow, Names]:
    """A plain row of `_plain_columns` as typed values."""
    values = list(row[:_N])
    for name in _TIME_FIELDS:
        seconds = values[_POSITION[name]]
        values[_POSITION[name]] = None if seconds is None else utc(seconds)
    for name in _MONEY_FIELDS:
        text = values[_POSITION[name]]
        values[_POSITION[name]] = None if text is None else Decimal(text).quantize(Decimal("0.01"))
    for name in _BOOLEANS:
        values[_POSITION[name]] = bool(values[_POSITION[name]])
    values[_POSITION["status"]] = _STATUS[values[_POSITION["status"]]]
    values[_POSITION["priority"]] = _PRIORITY[values[_POSITION["priority"]]]
    client, phone, professional, service, joined = row[_N:]
    names, held = _holdings(joined)
    return AppointmentRow._make(values), Names(client, phone, professional, service, names, held)


def _between_statement(dialect: str) -> Any:
    return (
        select(*_plain_columns(dialect))
        .select_from(_WITH_NAMES)
        .where(window_filter(_A.c))
        .order_by(_A.c.start_at, _A.c.id)
    )


def _of_client_statement(dialect: str) -> Any:
    return (
        select(*_plain_columns(dialect))
        .select_from(_WITH_NAMES)
        .where(
            _A.c.organization_id == bindparam("org"),
            _A.c.client_id == bindparam("client"),
            _A.c.joint_of.is_(None),  # an appointment with several professionals: once
        )
        .order_by(_A.c.start_at.desc(), _A.c.id.desc())
        .limit(bindparam("limit"))
    )


def _by_id_statement(dialect: str) -> Any:
    return (
        select(*_plain_columns(dialect))
        .select_from(_WITH_NAMES)
        .where(
            _A.c.organization_id == bindparam("org"), _A.c.id.in_(bindparam("ids", expanding=True))
        )
        .order_by(_A.c.start_at, _A.c.id)
    )


def _one_statement(dialect: str) -> Any:
    return (
        select(*_plain_columns(dialect))
        .select_from(_WITH_NAMES)
        .where(_A.c.organization_id == bindparam("org"), _A.c.id == bindparam("id"))
    )


_BETWEEN = {d: RawQuery(_between_statement(d)) for d in DIALECTS}
_ONE = {d: RawQuery(_one_statement(d)) for d in DIALECTS}
_OF_CLIENT = {d: RawQuery(_of_client_statement(d)) for d in DIALECTS}
_BY_ID = {d: _by_id_statement(d) for d in DIALECTS}


def _of_series_statement(dialect: str) -> Any:
    return (
        select(*_plain_columns(dialect))
        .select_from(_WITH_NAMES)
        .where(_A.c.organization_id == bindparam("org"), _A.c.series_id == bindparam("series"))
        .order_by(_A.c.occurrence_start, _A.c.start_at, _A.c.id)
    )


_OF_SERIES = {d: RawQuery(_of_series_statement(d)) for d in DIALECTS}


def listed_of_series(
    conn: Connection, org_id: int, series_id: int
) -> list[tuple[AppointmentRow, Names]]:
    """A series' appointments (cancelled ones too), by the occurrence they stand for."""
    params = {"org": org_id, "series": series_id}
    return [_listed(r) for r in _OF_SERIES[conn.dialect.name].all(conn, params)]


def listed_between_with_next_read(
    conn: Connection, org_id: int, start: datetime, end: datetime
) -> Callable[[], list[tuple[AppointmentRow, Names]]]:
    """`listed_between`, asked in the round trip of the next read
    (`raw_query.with_next_read`): what gives them."""
    query = _BETWEEN[conn.dialect.name]
    rows = raw_query.with_next_read(conn, query, window_params(org_id, start, end))
    return lambda: [_listed(r) for r in rows()]


def listed_between(
    conn: Connection, org_id: int, start: datetime, end: datetime
) -> list[tuple[AppointmentRow, Names]]:
    """Appointments overlapping ``[start, end)``, by start, with their names."""
    rows = _BETWEEN[conn.dialect.name].all(conn, window_params(org_id, start, end))
    return [_listed(r) for r in rows]


def listed_of_client(
    conn: Connection, org_id: int, client_id: int, limit: int
) -> list[tuple[AppointmentRow, Names]]:
    """A client's appointments, the latest first (index on client and start)."""
    params = {"org": org_id, "client": client_id, "limit": limit}
    return [_listed(r) for r in _OF_CLIENT[conn.dialect.name].all(conn, params)]


def listed_one(
    conn: Connection, org_id: int, appointment_id: int
) -> tuple[AppointmentRow, Names] | None:
    """One appointment of this clinic with its names (None if there is none)."""
    rows = _ONE[conn.dialect.name].all(conn, {"org": org_id, "id": appointment_id})
    return _listed(rows[0]) if rows else None


def listed_by_id(
    conn: Connection, org_id: int, ids: Iterable[int]
) -> list[tuple[AppointmentRow, Names]]:
    """The appointments ``ids`` of this clinic (those that exist), by start."""
    keys = sorted(set(ids))
    if not keys:
        return []
    rows = conn.execute(_BY_ID[conn.dialect.name], {"org": org_id, "ids": keys}).all()
    return [_listed(r) for r in rows]


# -- listings with conditions of their own ------------------------------------


def listing(dialect: str) -> Any:
    """Appointments with their names, as `listed_row` reads them: a SELECT to which a
    read adds its own conditions, order and limit (the Today board, reports)."""
    return select(*_plain_columns(dialect)).select_from(_WITH_NAMES)


def listed_row(row: Sequence[Any]) -> tuple[AppointmentRow, Names]:
    """A row of `listing` as typed values."""
    return _listed(row)


def active_of_services_after(
    conn: Connection, org_id: int, service_ids: Sequence[int], after: datetime
) -> list[AppointmentRow]:
    """The active appointments of ``service_ids`` ending after ``after``, by start."""
    if not service_ids:
        return []
    query = (
        select(*APPOINTMENT_COLUMNS)
        .where(
            _A.c.organization_id == org_id,
            _A.c.service_id.in_(sorted(set(service_ids))),
            _A.c.end_at > after,
            text(f"appointment.status IN ({ACTIVE_SQL})"),
        )
        .order_by(_A.c.start_at, _A.c.id)
    )
    return [AppointmentRow._make(r) for r in conn.execute(query)]


_JOINT = (
    select(*APPOINTMENT_COLUMNS)
    .where(
        _A.c.organization_id == bindparam("org"),
        (_A.c.id == bindparam("lead")) | (_A.c.joint_of == bindparam("lead")),
    )
    .order_by(_A.c.id)
)


def joint_members(conn: Connection, org_id: int, lead_id: int) -> list[AppointmentRow]:
    """The appointment ``lead_id`` and its pieces (the rows of one appointment with
    several professionals), the lead first."""
    rows = conn.execute(_JOINT, {"org": org_id, "lead": lead_id}).all()
    return [AppointmentRow._make(r) for r in rows]


def lead_id(conn: Connection, org_id: int, appointment_id: int) -> int:
    """The lead of ``appointment_id``'s appointment (itself unless it is a piece of
    one with several professionals, or does not exist)."""
    found = conn.execute(
        select(_A.c.joint_of).where(_A.c.organization_id == org_id, _A.c.id == appointment_id)
    ).scalar()
    return appointment_id if found is None else int(found)
