"""A client's whole record: merging a duplicate into it, reading it out, erasing it.

A merge moves the duplicate's appointments (and with them their messages and
history) to the client kept. Reading out gathers everything the clinic holds about
a client and the duplicates merged into them. Erasing overwrites their personal
data where it was written: the client rows, their appointments' free text, the
outbox's messages about those appointments and the audit trail's values about
the client and those appointments.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, null, or_, select, update

from scheduler_app.db.base import table_of
from scheduler_app.db.models import Appointment, AuditEntry, Client, Professional, Service
from scheduler_app.db.notification_models import Notification, NotificationStatus

_A = table_of(Appointment)
_C = table_of(Client)
_N = table_of(Notification)
_AUDIT = table_of(AuditEntry)
_P = table_of(Professional)
_S = table_of(Service)

#: The appointments' free text that may speak of the client (searched and replaced).
APPOINTMENT_TEXT = ("title", "location", "cancellation_reason", "external_url")
#: The appointments' notes about the client as a person (emptied on erasure).
APPOINTMENT_NOTES = ("description", "completion_notes", "completion_feedback", "meeting_url")


def merged_into(conn: Connection, org_id: int, client_id: int) -> list[int]:
    """``client_id`` and the ids of the duplicates merged into it (at any depth)."""
    ids = [client_id]
    todo = [client_id]
    while todo:
        found = list(
            conn.execute(
                select(_C.c.id).where(_C.c.organization_id == org_id, _C.c.merged_into_id.in_(todo))
            ).scalars()
        )
        todo = [i for i in found if i not in ids]
        ids.extend(todo)
    return ids


def appointment_ids(conn: Connection, org_id: int, client_ids: Sequence[int]) -> list[int]:
    return list(
        conn.execute(
            select(_A.c.id)
            .where(_A.c.organization_id == org_id, _A.c.client_id.in_(list(client_ids)))
            .order_by(_A.c.start_at, _A.c.id)
        ).scalars()
    )


def move_appointments(
    conn: Connection, org_id: int, from_id: int, to_id: int, actor_id: int, at: datetime
) -> list[int]:
    """Give ``from_id``'s appointments to ``to_id`` (each a new version); their ids."""
    moved = appointment_ids(conn, org_id, [from_id])
    if moved:
        conn.execute(
            update(_A)
            .where(_A.c.id.in_(moved))
            .values(
                client_id=to_id, version=_A.c.version + 1, updated_by_id=actor_id, updated_at=at
            )
        )
    return moved


# -- reading out ---------------------------------------------------------------


def clients(conn: Connection, org_id: int, client_ids: Sequence[int]) -> list[dict[str, Any]]:
    """The clients' rows, in the order of ``client_ids``."""
    found = {
        row["id"]: dict(row)
        for row in conn.execute(
            select(_C).where(_C.c.organization_id == org_id, _C.c.id.in_(list(client_ids)))
        ).mappings()
    }
    return [found[i] for i in client_ids if i in found]


def appointments(conn: Connection, org_id: int, client_ids: Sequence[int]) -> list[dict[str, Any]]:
    """Every appointment of the clients, oldest first, with whom and what."""
    rows = conn.execute(
        select(
            _A.c.id,
            _A.c.client_id,
            _A.c.start_at,
            _A.c.end_at,
            _A.c.status,
            _P.c.name.label("professional"),
            _S.c.name.label("service"),
            _A.c.title,
            _A.c.description,
            _A.c.location,
            _A.c.is_virtual,
            _A.c.meeting_url,
            _A.c.estimated_cost,
            _A.c.actual_cost,
            _A.c.currency,
            _A.c.cancellation_reason,
            _A.c.completion_notes,
            _A.c.completion_rating,
            _A.c.completion_feedback,
            _A.c.created_at,
        )
        .outerjoin(_P, _P.c.id == _A.c.professional_id)
        .outerjoin(_S, _S.c.id == _A.c.service_id)
        .where(_A.c.organization_id == org_id, _A.c.client_id.in_(list(client_ids)))
        .order_by(_A.c.start_at, _A.c.id)
    ).mappings()
    return [dict(row) for row in rows]


def notifications(conn: Connection, appointment_ids: Sequence[int]) -> list[dict[str, Any]]:
    """Every message about the appointments, oldest first."""
    rows = conn.execute(
        select(
            _N.c.id,
            _N.c.appointment_id,
            _N.c.kind,
            _N.c.channel,
            _N.c.recipient,
            _N.c.subject,
            _N.c.message,
            _N.c.status,
            _N.c.scheduled_at,
            _N.c.sent_at,
            _N.c.created_at,
        )
        .where(_N.c.appointment_id.in_(list(appointment_ids)))
        .order_by(_N.c.created_at, _N.c.id)
    ).mappings()
    return [dict(row) for row in rows]


def _about(client_ids: Sequence[int], appointment_ids: Sequence[int]) -> Any:
    return or_(
        (_AUDIT.c.entity == "client") & _AUDIT.c.entity_id.in_(list(client_ids)),
        (_AUDIT.c.entity == "appointment") & _AUDIT.c.entity_id.in_(list(appointment_ids)),
    )


def audit_entries(
    conn: Connection, org_id: int, client_ids: Sequence[int], appointment_ids: Sequence[int]
) -> list[dict[str, Any]]:
    """The audit trail's entries about the clients and their appointments, oldest first."""
    rows = conn.execute(
        select(
            _AUDIT.c.id,
            _AUDIT.c.at,
            _AUDIT.c.action,
            _AUDIT.c.entity,
            _AUDIT.c.entity_id,
            _AUDIT.c.before,
            _AUDIT.c.after,
        )
        .where(_AUDIT.c.organization_id == org_id, _about(client_ids, appointment_ids))
        .order_by(_AUDIT.c.at, _AUDIT.c.id)
    ).mappings()
    return [dict(row) for row in rows]


# -- erasing -------------------------------------------------------------------


def erase_appointment_text(
    conn: Connection, appointment_ids: Sequence[int], scrub: Callable[[str], str]
) -> None:
    """Empty the appointments' notes and ``scrub`` their other free text."""
    if not appointment_ids:
        return
    columns = [_A.c.id, *(_A.c[name] for name in APPOINTMENT_TEXT)]
    rows = conn.execute(select(*columns).where(_A.c.id.in_(list(appointment_ids)))).all()
    emptied = {name: "" for name in APPOINTMENT_NOTES}
    conn.execute(
        update(_A).where(_A.c.id == bindparam("the_id")).values(emptied),
        [
            {
                "the_id": row[0],
                **{n: scrub(v) for n, v in zip(APPOINTMENT_TEXT, row[1:], strict=True)},
            }
            for row in rows
        ],
    )


def erase_messages(
    conn: Connection, appointment_ids: Sequence[int], scrub: Callable[[str], str]
) -> None:
    """Withdraw the messages about the appointments not sent yet; no recipient is
    kept and the texts are ``scrub``-bed."""
    if not appointment_ids:
        return
    ids = list(appointment_ids)
    conn.execute(
        update(_N)
        .where(
            _N.c.appointment_id.in_(ids),
            _N.c.status.in_([NotificationStatus.PENDING, NotificationStatus.FAILED]),
        )
        .values(status=NotificationStatus.CANCELLED)
    )
    rows = conn.execute(
        select(_N.c.id, _N.c.subject, _N.c.message, _N.c.last_error).where(
            _N.c.appointment_id.in_(ids)
        )
    ).all()
    if rows:
        conn.execute(
            update(_N)
            .where(_N.c.id == bindparam("the_id"))
            .values(
                recipient="",
                subject=bindparam("the_subject"),
                message=bindparam("the_message"),
                last_error=bindparam("the_error"),
            ),
            [
                {
                    "the_id": i,
                    "the_subject": scrub(subject)[:200],
                    "the_message": scrub(message),
                    "the_error": scrub(error),
                }
                for i, subject, message, error in rows
            ],
        )


def erase_audit_values(
    conn: Connection,
    org_id: int,
    client_ids: Sequence[int],
    appointment_ids: Sequence[int],
    scrub: Callable[[Any], Any],
) -> None:
    """``scrub`` the before and after values of the entries about the clients and
    their appointments."""
    rows = conn.execute(
        select(_AUDIT.c.id, _AUDIT.c.before, _AUDIT.c.after).where(
            _AUDIT.c.organization_id == org_id, _about(client_ids, appointment_ids)
        )
    ).all()
    for entry_id, before, after in rows:
        new_before, new_after = scrub(before), scrub(after)
        if (new_before, new_after) != (before, after):
            conn.execute(
                update(_AUDIT)
                .where(_AUDIT.c.id == entry_id)
                .values(before=_json(new_before), after=_json(new_after))
            )


def _json(value: Any) -> Any:
    return null() if value is None else value
