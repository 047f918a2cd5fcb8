"""Appointments with several professionals: a lead row and one linked piece per
further professional (``joint_of``: the lead's id), each an ordinary appointment at
the same time. A change to any of them is made to all of them, in one schedule change."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from scheduler_app.db import appointments
from scheduler_app.db.rows import AppointmentRow, Facts
from scheduler_app.services import unit_of_work
from scheduler_app.services.audit import record, snapshot

#: What every piece of an appointment shares with its lead (edited on one, all change):
#: the client and what it is about; not its service or money (the lead's alone).
SHARED = frozenset(
    {"client_id", "title", "description", "priority", "location", "is_virtual", "meeting_url"}
)


def lead_of(row: AppointmentRow) -> int:
    """The id of the lead of ``row``'s appointment (its own for a lead)."""
    return row.joint_of if row.joint_of is not None else row.id


def is_joint(row: AppointmentRow, facts: Facts) -> bool:
    """Whether ``row`` (read with ``facts``) is part of an appointment with several
    professionals."""
    return row.joint_of is not None or facts.joint_pieces > 0


def others(
    tx: unit_of_work.ScheduleChange, actor_id: int, row: AppointmentRow, facts: Facts
) -> list[tuple[AppointmentRow, Facts]]:
    """The other rows of ``row``'s appointment in the same status as ``row``, each with
    its facts ([] for an ordinary appointment)."""
    if not is_joint(row, facts):
        return []
    found = []
    for member in members(tx.conn, tx.ctx.organization_id, row):
        if member.id == row.id or member.status != row.status:
            continue
        theirs = tx.facts(actor_id, appointment_id=member.id)
        if theirs.appointment is not None:
            found.append((theirs.appointment, theirs))
    return found


def members(conn: Connection, org_id: int, row: AppointmentRow) -> list[AppointmentRow]:
    """Every row of ``row``'s appointment, the lead first."""
    return appointments.joint_members(conn, org_id, lead_of(row))


def along(
    tx: unit_of_work.ScheduleChange,
    actor_id: int,
    row: AppointmentRow,
    facts: Facts,
    start: datetime,
    end: datetime,
) -> list[tuple[AppointmentRow, Facts, datetime, datetime]]:
    """The other pieces of ``row``'s appointment at the times they take when ``row``
    goes to ``[start, end)`` (moved and resized alike), each with its facts."""
    return [
        (other, found, other.start_at + (start - row.start_at), other.end_at + (end - row.end_at))
        for other, found in others(tx, actor_id, row, facts)
    ]


def share_details(
    tx: unit_of_work.ScheduleChange,
    actor_id: int,
    row: AppointmentRow,
    facts: Facts,
    values: Mapping[str, Any],
    fields: tuple[str, ...],
) -> None:
    """Give the other pieces of ``row``'s appointment what ``values`` change of what
    they share (`SHARED`), each change audited like ``row``'s own."""
    shared = {k: v for k, v in values.items() if k in SHARED}
    if not shared or not is_joint(row, facts):
        return
    ctx = tx.ctx
    for member in members(tx.conn, ctx.organization_id, row):
        if member.id == row.id:
            continue
        changed = tx.write(member, {**shared, "updated_by_id": actor_id, "updated_at": ctx.now()})
        before, after = snapshot(member, fields), snapshot(changed, fields)
        record(tx.conn, ctx, actor_id, "edit", "appointment", member.id, before=before, after=after)
