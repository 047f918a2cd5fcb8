"""The exact availability decision against the database (R1 and R2).

Reads the active appointments around a candidate, widening the window until it
holds every unassigned appointment chained to the candidate by overlaps, then
asks `domain.capacity.check_change`. Refusals become messages a receptionist
understands ("Dr Silva already has 10:00-11:00 with J. Costa").
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from scheduler_app.db import queries
from scheduler_app.domain.capacity import Refusal, Slot, check_change

#: Key of a candidate that is not stored yet.
NEW_KEY = -1


def gather(conn: Connection, org_id: int, candidate: Slot) -> list[Slot]:
    """Active appointments the decision about ``candidate`` depends on."""
    lo, hi = candidate.start, candidate.end
    while True:
        rows = queries.active_in_window(conn, org_id, lo, hi)
        slots = [Slot(r.id, r.start_at, r.end_at, r.professional_id) for r in rows]
        new_lo, new_hi = lo, hi
        for s in slots:
            if s.professional is None and s.key != candidate.key:
                new_lo = min(new_lo, s.start)
                new_hi = max(new_hi, s.end)
        if (new_lo, new_hi) == (lo, hi):
            return slots
        lo, hi = new_lo, new_hi


def decide(conn: Connection, org_id: int, candidate: Slot) -> Refusal | None:
    """None when the candidate fits, else why not."""
    others = gather(conn, org_id, candidate)
    professionals = queries.active_professional_ids(conn, org_id)
    return check_change(candidate, others, professionals)


def refusal_message(session: Session, refusal: Refusal, tz: ZoneInfo) -> str:
    """Explain a refusal with names and local times."""
    if refusal.kind == "professional_busy":
        other = queries.appointment_row(session, refusal.blocking[0].key)
        if other is None:  # pragma: no cover - it was read in this transaction
            return "The professional already has an appointment at that time."
        appt, client_name, _phone, prof_name, _type = other
        who = f" with {client_name}" if client_name else ""
        return (
            f"{prof_name} already has {span(appt.start_at, appt.end_at, tz)}{who}. "
            "Choose another time or professional."
        )
    if refusal.kind == "capacity":
        return (
            f"No professional is free at {local(refusal.at, tz):%H:%M}: "
            f"{refusal.busy} appointments would run at once with "
            f"{refusal.available} professional{'s' if refusal.available != 1 else ''}."
        )
    slot = refusal.blocking[0]
    if refusal.kind == "unassignable":
        return (
            f"No professional is free for the whole of {span(slot.start, slot.end, tz)}: "
            "every one has another appointment during part of it. "
            "Choose another time or assign a professional."
        )
    return (
        f"The schedule around {span(slot.start, slot.end, tz)} is too crowded to verify "
        "automatically. Please assign a professional directly."
    )


def local(moment: datetime, tz: ZoneInfo) -> datetime:
    return moment.astimezone(tz)


def span(start: datetime, end: datetime, tz: ZoneInfo) -> str:
    a, b = local(start, tz), local(end, tz)
    if a.date() == b.date():
        return f"{a:%H:%M}-{b:%H:%M} on {a:%a %d %b}"
    return f"{a:%a %d %b %H:%M}-{b:%a %d %b %H:%M}"
