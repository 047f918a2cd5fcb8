"""Everything a desk's change needs to know, read in one query before the lock.

Booking, moving and changing a status need the same things: who is asking, the
clinic's reminder settings and message wording, the appointment as it is, its
client, professional and service. One query reads them all (one row per message
template of the clinic), before the scheduling lock, so that the other desks do
not wait for these reads and each change costs one round trip for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, Integer, and_, bindparam, func, select, update

from scheduler_app.db.base import table_of
from scheduler_app.db.models import (
    Appointment,
    AppointmentType,
    Client,
    Organization,
    Professional,
    StaffUser,
)
from scheduler_app.db.notification_models import MessageTemplate
from scheduler_app.errors import CHANGED_MEANWHILE, NotFoundError, StaleDataError
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import AppointmentView
from scheduler_app.services.outbox import About, Templates, about_appointment
from scheduler_app.services.views import appointment_view_with

APPOINTMENTS = table_of(Appointment)
_O = table_of(Organization)
_U = table_of(StaffUser).alias("u")
_A = APPOINTMENTS.alias("a")
_C = table_of(Client).alias("c")
_P = table_of(Professional).alias("p")  # the appointment's professional
_NP = table_of(Professional).alias("np")  # the one it is being given to
_T = table_of(AppointmentType).alias("t")
_M = table_of(MessageTemplate).alias("m")


#: The columns read of each (fewer columns, less work per change).
_COLUMNS = {
    "o_": [_O.c[n] for n in ("id", "name", "default_duration_minutes", "reminder_minutes")]
    + [_O.c.sms_url],
    "u_": [_U.c.id, _U.c.is_active, _U.c.role],
    "a_": list(_A.c),
    "c_": [_C.c[n] for n in ("id", "name", "phone", "email", "is_active")],
    "p_": [_P.c.id, _P.c.name, _P.c.is_active],
    "np_": [_NP.c.id, _NP.c.name, _NP.c.is_active],
    "t_": [_T.c[n] for n in ("id", "name", "is_active", "duration_minutes", "price", "currency")]
    + [_T.c.reminder_minutes],
    "m_": [_M.c.kind, _M.c.channel, _M.c.subject, _M.c.body],
}


def _statement(of_appointment: bool) -> Any:
    """The query; without ``of_appointment`` (a new one), nothing of an existing
    appointment is joined or read."""
    org = _O.c.id
    client_id, type_id = _param("client"), _param("type")
    joined = _O.outerjoin(_U, and_(_U.c.id == _param("actor"), _U.c.organization_id == org))
    if of_appointment:
        joined = joined.outerjoin(
            _A, and_(_A.c.id == _param("appointment"), _A.c.organization_id == org)
        ).outerjoin(_P, _P.c.id == _A.c.professional_id)
        client_id = func.coalesce(client_id, _A.c.client_id)
        type_id = func.coalesce(type_id, _A.c.appointment_type_id)
    joined = (
        joined.outerjoin(_C, and_(_C.c.id == client_id, _C.c.organization_id == org))
        .outerjoin(_NP, and_(_NP.c.id == _param("professional"), _NP.c.organization_id == org))
        .outerjoin(_T, and_(_T.c.id == type_id, _T.c.organization_id == org))
        .outerjoin(_M, _M.c.organization_id == org)
    )
    read = [p for p in _COLUMNS if of_appointment or p not in ("a_", "p_")]
    columns = (c.label(f"{p}{c.name}") for p in read for c in _COLUMNS[p])
    return select(*columns).select_from(joined).where(org == _param("org"))


def _param(name: str) -> Any:
    return bindparam(name, type_=Integer, required=False, value=None)


_STATEMENTS = {True: _statement(True), False: _statement(False)}


@dataclass(frozen=True)
class Facts:
    """What one change needs; each entity is None when it does not exist in this
    organization (or was not asked for)."""

    clinic: Any  # name, default_duration_minutes, reminder_minutes, sms_url
    actor: Any | None
    appointment: Any | None
    client: Any | None
    professional: Any | None  # the appointment's (None for a new one)
    new_professional: Any | None  # the one asked for
    kind: Any | None
    templates: Templates

    def about(self, appt: Any, professional: Any | None) -> About:
        """What the messages about ``appt`` (as written) say, with ``professional``."""
        client, kind = self._refs(appt)
        return about_appointment(appt, client, professional, kind, self.clinic)

    def view(self, appt: Any, professional: Any | None) -> AppointmentView:
        """``appt`` (as written) as the desk sees it, given to ``professional``."""
        client, kind = self._refs(appt)
        return appointment_view_with(appt, client, professional, kind)

    def _refs(self, appt: Any) -> tuple[Any | None, Any | None]:
        client = self.client if appt.client_id is not None else None
        kind = self.kind if appt.appointment_type_id is not None else None
        return client, kind


def read_facts(
    conn: Connection,
    ctx: ServiceContext,
    actor_id: int,
    *,
    appointment_id: int | None = None,
    client_id: int | None = None,
    professional_id: int | None = None,
    type_id: int | None = None,
) -> Facts:
    """The facts for a change by ``actor_id``: of appointment ``appointment_id``
    (its client, professional and service come with it), or of a new one with
    ``client_id`` and ``type_id``; ``professional_id`` is the one it goes to."""
    rows = conn.execute(
        _STATEMENTS[appointment_id is not None],
        {
            "org": ctx.organization_id,
            "actor": actor_id,
            "appointment": appointment_id,
            "client": client_id,
            "professional": professional_id,
            "type": type_id,
        },
    ).all()
    if not rows:
        raise NotFoundError("This clinic is not in the database any more; nothing was changed.")
    first = rows[0]._mapping
    templates = {
        (r.m_kind, r.m_channel): (r.m_subject, r.m_body) for r in rows if r.m_kind is not None
    }
    return Facts(
        clinic=_entity(first, "o_"),
        actor=_entity(first, "u_"),
        appointment=_entity(first, "a_"),
        client=_entity(first, "c_"),
        professional=_entity(first, "p_"),
        new_professional=_entity(first, "np_"),
        kind=_entity(first, "t_"),
        templates=templates,
    )


def _entity(row: Any, prefix: str) -> SimpleNamespace | None:
    if row.get(f"{prefix}id") is None:  # missing, or not read
        return None
    size = len(prefix)
    return SimpleNamespace(**{k[size:]: v for k, v in row.items() if k.startswith(prefix)})


def as_confirmed(row: Any, professional_id: int | None) -> SimpleNamespace:
    """A written appointment row as it is once confirmed, with its professional
    (see `unit_of_work.PlainWrite.unassigned_until_confirmed`)."""
    return SimpleNamespace(**{**row._mapping, "professional_id": professional_id})


def write_unless_changed(conn: Connection, appt: Any, values: dict[str, Any]) -> Any:
    """Write ``values`` to ``appt`` (next version) unless another desk changed it
    since it was read; then raise `StaleDataError`. Returns the row as written."""
    params = {"seen_id": appt.id, "seen_version": appt.version, **values}
    row = conn.execute(_WRITE_UNLESS_CHANGED, params).one_or_none()
    if row is None:
        raise StaleDataError(CHANGED_MEANWHILE)
    return row


#: Built once: the columns to set are the parameters given (besides ``seen_*``).
_WRITE_UNLESS_CHANGED = (
    update(APPOINTMENTS)
    .where(
        APPOINTMENTS.c.id == bindparam("seen_id"),
        APPOINTMENTS.c.version == bindparam("seen_version"),
    )
    .values(version=APPOINTMENTS.c.version + 1)
    .returning(*APPOINTMENTS.c)
)
