"""A client booked in two places at once: the overlapping active appointments of one
client, and the time conflicts that record the ones the desk confirmed.

A time conflict links its appointments (`ConflictAppointment`) without setting them
aside: both keep their professionals and hold capacity. It is resolved once its
appointments no longer overlap as active appointments of one client.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, and_, bindparam, exists, func, insert, select, update
from sqlalchemy.orm import aliased

from scheduler_app.db import raw_query
from scheduler_app.db.base import table_of
from scheduler_app.db.models import (
    UNRESOLVED,
    Appointment,
    Client,
    Conflict,
    ConflictAppointment,
    ConflictImpact,
    ConflictKind,
    ConflictStatus,
    Professional,
    Service,
)
from scheduler_app.db.raw_query import RawQuery
from scheduler_app.domain.status import ACTIVE_STATUSES

_A = table_of(Appointment)
_C = table_of(Client)
_P = table_of(Professional)
_CONFLICT = table_of(Conflict)
_LINK = table_of(ConflictAppointment)
_S = table_of(Service)
_ACTIVE = sorted(ACTIVE_STATUSES)


class Clash(NamedTuple):
    """Appointment ``appointment_id`` overlaps ``other_id`` of the same client."""

    appointment_id: int
    other_id: int
    client_name: str
    other_start: datetime
    other_end: datetime
    #: The other appointment's professional ("" when it has none yet).
    other_professional: str


def _together_in_open_conflict(a_id: object, b_id: object) -> object:
    """Whether two appointments are already recorded together in an unresolved time
    conflict (the desk confirmed that pair)."""
    mine, theirs = _LINK.alias("mine"), _LINK.alias("theirs")
    return exists().where(
        mine.c.appointment_id == a_id,
        theirs.c.appointment_id == b_id,
        theirs.c.conflict_id == mine.c.conflict_id,
        _CONFLICT.c.id == mine.c.conflict_id,
        _CONFLICT.c.kind == ConflictKind.TIME_CONFLICT,
        _CONFLICT.c.status.in_(UNRESOLVED),
    )


def _clashes_statement() -> Any:
    b = aliased(_A, name="other")
    return (
        select(_A.c.id, b.c.id, _C.c.name, b.c.start_at, b.c.end_at, _P.c.name)
        .select_from(_A)
        .join(
            b,
            and_(
                b.c.organization_id == _A.c.organization_id,
                b.c.client_id == _A.c.client_id,
                b.c.id != _A.c.id,
                # The pieces of one appointment with several professionals are one visit.
                func.coalesce(b.c.joint_of, b.c.id) != func.coalesce(_A.c.joint_of, _A.c.id),
                b.c.status.in_(_ACTIVE),
                b.c.start_at < _A.c.end_at,
                b.c.end_at > _A.c.start_at,
            ),
        )
        .join(_C, _C.c.id == _A.c.client_id)
        .outerjoin(_P, _P.c.id == b.c.professional_id)
        .where(
            _A.c.organization_id == bindparam("org"),
            _A.c.id.in_(bindparam("ids", expanding=True)),
            _A.c.client_id.is_not(None),
            _A.c.status.in_(_ACTIVE),
            ~_together_in_open_conflict(_A.c.id, b.c.id),  # type: ignore[operator]
        )
        .order_by(_A.c.id, b.c.start_at, b.c.id)
    )


#: Built once: every schedule change asks it (the compiled form is cached).
_CLASHES = _clashes_statement()
_CLASHES_RAW = RawQuery(_CLASHES, typed=True)


def clashes(conn: Connection, org_id: int, appointment_ids: Iterable[int]) -> list[Clash]:
    """The active appointments among ``appointment_ids`` whose client holds another
    active appointment overlapping them (half-open times), pairs the desk already
    confirmed left out; by appointment, then the other's start."""
    ids = sorted(set(appointment_ids))
    if not ids:
        return []
    return _clashes(conn.execute(_CLASHES, {"org": org_id, "ids": ids}).all())


def clashes_with_next_read(
    conn: Connection, org_id: int, appointment_ids: Iterable[int]
) -> Callable[[], list[Clash]] | None:
    """`clashes`, asked in the round trip of the next read (`raw_query.after_next_read`):
    what gives them once it ran; None where reads cannot wait (then ask `clashes`)."""
    ids = sorted(set(appointment_ids))
    if not ids or not raw_query.waits(conn):
        return None
    rows = raw_query.with_next_read(conn, _CLASHES_RAW, {"org": org_id, "ids": ids})
    return lambda: _clashes(rows())


def _clashes(rows: Sequence[Any]) -> list[Clash]:
    return [Clash(a, o, name, s, e, prof or "") for a, o, name, s, e, prof in rows]


def record_time_conflict(
    conn: Connection,
    org_id: int,
    *,
    cause: str,
    confirmed_by: int,
    at: datetime,
    appointment_ids: Sequence[int],
) -> int:
    """Record the desk's confirmed clash over ``appointment_ids`` (low impact: both
    appointments keep their places); its id."""
    conflict_id: int = conn.execute(
        insert(_CONFLICT)
        .values(
            organization_id=org_id,
            kind=ConflictKind.TIME_CONFLICT,
            status=ConflictStatus.OPEN,
            impact=ConflictImpact.LOW,
            cause=cause[:500],
            reason="",
            forced_by_id=confirmed_by,
            created_at=at,
        )
        .returning(_CONFLICT.c.id)
    ).scalar_one()
    conn.execute(
        insert(_LINK),
        [{"conflict_id": conflict_id, "appointment_id": a} for a in sorted(set(appointment_ids))],
    )
    return conflict_id


def _resolve_statement() -> Any:
    concerned = select(_LINK.c.conflict_id).where(
        _LINK.c.appointment_id.in_(bindparam("ids", expanding=True))
    )
    mine, theirs = _LINK.alias("mine"), _LINK.alias("theirs")
    a, b = aliased(_A, name="first"), aliased(_A, name="second")
    still = exists().where(
        mine.c.conflict_id == _CONFLICT.c.id,
        theirs.c.conflict_id == _CONFLICT.c.id,
        a.c.id == mine.c.appointment_id,
        b.c.id == theirs.c.appointment_id,
        a.c.id < b.c.id,
        a.c.client_id == b.c.client_id,
        a.c.status.in_(_ACTIVE),
        b.c.status.in_(_ACTIVE),
        a.c.start_at < b.c.end_at,
        b.c.start_at < a.c.end_at,
    )
    return (
        update(_CONFLICT)
        .where(
            _CONFLICT.c.organization_id == bindparam("org"),
            _CONFLICT.c.kind == ConflictKind.TIME_CONFLICT,
            _CONFLICT.c.status.in_(UNRESOLVED),
            _CONFLICT.c.id.in_(concerned),
            ~still,
        )
        .values(
            status=ConflictStatus.RESOLVED,
            resolved_at=bindparam("at"),
            resolution_notes="The client's appointments no longer overlap.",
        )
    )


#: Built once: every schedule change runs it (the compiled form is cached).
_RESOLVE_ENDED = _resolve_statement()


def resolve_ended(
    conn: Connection, org_id: int, appointment_ids: Iterable[int], at: datetime
) -> None:
    """Resolve the unresolved time conflicts of ``appointment_ids`` whose appointments
    no longer overlap as active appointments of one client."""
    ids = sorted(set(appointment_ids))
    if not ids:
        return
    params = {"org": org_id, "ids": ids, "at": at}
    if raw_query.waits(conn):  # sent with the change's commit
        raw_query.later(conn, raw_query.written(conn, _RESOLVE_ENDED, params))
        return
    conn.execute(_RESOLVE_ENDED, params)


def linked_to(conn: Connection, conflict_ids: Sequence[int]) -> list[dict[str, Any]]:
    """The appointments of the time conflicts ``conflict_ids`` (as
    `db.conflicts.set_aside_by` gives them, ``conflict_id`` that of the link), by start."""
    if not conflict_ids:
        return []
    rows = conn.execute(
        select(
            _A.c.id,
            _LINK.c.conflict_id,
            _A.c.version,
            _A.c.start_at,
            _A.c.end_at,
            _A.c.status,
            _A.c.title,
            _A.c.service_id,
            _C.c.name.label("client"),
            _S.c.name.label("service"),
        )
        .join(_LINK, _LINK.c.appointment_id == _A.c.id)
        .outerjoin(_C, _C.c.id == _A.c.client_id)
        .outerjoin(_S, _S.c.id == _A.c.service_id)
        .where(_LINK.c.conflict_id.in_(list(conflict_ids)))
        .order_by(_A.c.start_at, _A.c.id)
    ).mappings()
    return [dict(r) for r in rows]


def clashing_with(
    conn: Connection, org_id: int, appointment_id: int
) -> tuple[dict[str, Any], list[tuple[datetime, datetime]]] | None:
    """Appointment ``appointment_id`` of clinic ``org_id`` (as `linked_to` gives it) if
    an unresolved time conflict links it, with the times of the others it links; None
    when none does."""
    open_ids = select(_CONFLICT.c.id).where(
        _CONFLICT.c.organization_id == org_id,
        _CONFLICT.c.kind == ConflictKind.TIME_CONFLICT,
        _CONFLICT.c.status.in_(UNRESOLVED),
    )
    mine = list(
        conn.execute(
            select(_LINK.c.conflict_id).where(
                _LINK.c.appointment_id == appointment_id, _LINK.c.conflict_id.in_(open_ids)
            )
        ).scalars()
    )
    rows = linked_to(conn, mine)
    found = next((r for r in rows if r["id"] == appointment_id), None)
    if found is None:
        return None
    others = [(r["start_at"], r["end_at"]) for r in rows if r["id"] != appointment_id]
    return found, others
