"""Everything a change needs to know, read in one query before the scheduling lock.

A booking, a move, a status change or a professional leaving need the same
things: who is asking, the clinic's reminder settings and message wording, the
appointment as it is, its client, professional and service. One query reads them
all (one row per message template of the clinic), before the scheduling lock,
so the other desks do not wait for these reads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Integer, and_, bindparam, func, select

from scheduler_app.db.base import table_of
from scheduler_app.db.models import (
    Appointment,
    Client,
    Organization,
    Professional,
    Service,
    StaffUser,
)
from scheduler_app.db.notification_models import MessageTemplate
from scheduler_app.db.raw_query import RawQuery, named
from scheduler_app.db.rows import (
    ActorRow,
    AppointmentRow,
    ClientRow,
    ClinicRow,
    Facts,
    ProfessionalRow,
    ServiceRow,
)

_O = table_of(Organization)
_U = table_of(StaffUser).alias("u")
_A = table_of(Appointment).alias("a")
_C = table_of(Client).alias("c")
_P = table_of(Professional).alias("p")  # the appointment's professional
_NP = table_of(Professional).alias("np")  # the one it is being given to
_T = table_of(Service).alias("t")
_M = table_of(MessageTemplate).alias("m")

#: Per prefix: the table read and the row type built from its columns.
_READ: dict[str, tuple[Any, Callable[..., Any]]] = {
    "o_": (_O, ClinicRow),
    "u_": (_U, ActorRow),
    "a_": (_A, AppointmentRow),
    "c_": (_C, ClientRow),
    "p_": (_P, ProfessionalRow),
    "np_": (_NP, ProfessionalRow),
    "t_": (_T, ServiceRow),
}


def _fields(kind: Callable[..., Any]) -> tuple[str, ...]:
    fields = getattr(kind, "_fields", None) or getattr(kind, "__dataclass_fields__", {})
    return tuple(fields)


def _statement(of_appointment: bool, new_id: bool = False) -> Any:
    """The query; without ``of_appointment`` (a new one), nothing of an existing
    appointment is joined or read. ``new_id``: it also takes the id of a new
    appointment from its sequence (PostgreSQL: once per query, whatever its rows)."""
    org = _O.c.id
    client_id, type_id = _param("client"), _param("type")
    joined = _O.outerjoin(_U, and_(_U.c.id == _param("actor"), _U.c.organization_id == org))
    if of_appointment:
        joined = joined.outerjoin(
            _A, and_(_A.c.id == _param("appointment"), _A.c.organization_id == org)
        ).outerjoin(_P, _P.c.id == _A.c.professional_id)
        client_id = func.coalesce(client_id, _A.c.client_id)
        type_id = func.coalesce(type_id, _A.c.service_id)
    joined = (
        joined.outerjoin(_C, and_(_C.c.id == client_id, _C.c.organization_id == org))
        .outerjoin(_NP, and_(_NP.c.id == _param("professional"), _NP.c.organization_id == org))
        .outerjoin(_T, and_(_T.c.id == type_id, _T.c.organization_id == org))
        .outerjoin(_M, _M.c.organization_id == org)
    )
    columns = [
        table.c[name].label(f"{prefix}{name}")
        for prefix, (table, kind) in _READ.items()
        if of_appointment or prefix not in ("a_", "p_")
        for name in _fields(kind)
    ]
    columns += [_M.c.kind.label("m_kind"), _M.c.channel, _M.c.subject, _M.c.body]
    if of_appointment:  # a lead's pieces (an appointment with several professionals)
        pieces = table_of(Appointment).alias("piece")
        has_pieces = select(func.count()).where(pieces.c.joint_of == _A.c.id).scalar_subquery()
        columns.append(has_pieces.label("joint_pieces"))
    if new_id:
        sequence = func.pg_get_serial_sequence(Appointment.__tablename__, "id")
        columns.append(select(func.nextval(sequence)).scalar_subquery().label("new_id"))
    return select(*columns).select_from(joined).where(org == _param("org"))


def _param(name: str) -> Any:
    return bindparam(name, type_=Integer, required=False, value=None)


#: By (of an appointment, with a new id): the query, and the names of its columns.
_STATEMENTS = {
    (of, new): (RawQuery(statement, typed=True), [c.name for c in statement.selected_columns])
    for of, new in ((True, False), (False, False), (False, True))
    for statement in [_statement(of, new)]
}


def read_facts(
    conn: Connection,
    org_id: int,
    actor_id: int,
    *,
    appointment_id: int | None = None,
    client_id: int | None = None,
    professional_id: int | None = None,
    service_id: int | None = None,
    new_id: bool = False,
) -> Facts | None:
    """The facts for a change by ``actor_id``: of appointment ``appointment_id``
    (its client, professional and service come with it), or of a new one with
    ``client_id`` and ``service_id``; ``professional_id`` is the one it goes to.
    ``new_id``: with the id the new appointment will have, where the database gives
    it beforehand (PostgreSQL). None when the clinic itself is missing."""
    of_appointment = appointment_id is not None
    new_id = new_id and not of_appointment and conn.dialect.name == "postgresql"
    query, names = _STATEMENTS[of_appointment, new_id]
    found = query.all(
        conn,
        {
            "org": org_id,
            "actor": actor_id,
            "appointment": appointment_id,
            "client": client_id,
            "professional": professional_id,
            "type": service_id,
        },
    )
    if not found:
        return None
    rows = named(names, found)
    first = rows[0]
    templates = {(r.m_kind, r.channel): (r.subject, r.body) for r in rows if r.m_kind is not None}
    clinic = _row(first, "o_")
    assert isinstance(clinic, ClinicRow)
    return Facts(
        clinic=clinic,
        actor=_row(first, "u_"),
        appointment=_row(first, "a_"),
        client=_row(first, "c_"),
        professional=_row(first, "p_"),
        new_professional=_row(first, "np_"),
        service=_row(first, "t_"),
        templates=templates,
        new_id=first.get("new_id"),
        joint_pieces=first.get("joint_pieces") or 0,
    )


def _row(values: Any, prefix: str) -> Any:
    if values.get(f"{prefix}id") is None:  # missing, or not read
        return None
    _table, kind = _READ[prefix]
    return kind(*(values[f"{prefix}{name}"] for name in _fields(kind)))
