"""The exact availability decision against the database (R1 and R2).

Reads the active appointments around a candidate, widening the window until it
holds every unassigned appointment chained to the candidate by overlaps, then
asks `domain.capacity.check_change`. Refusals become messages a receptionist
understands ("Dr Silva already has 10:00-11:00 with J. Costa").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from scheduler_app.db import queries
from scheduler_app.db.raw_query import Statement
from scheduler_app.domain.capacity import Refusal, Slot, check_change

#: Key of a candidate that is not stored yet.
NEW_KEY = -1


#: Seconds a window grows by, at least, when unassigned appointments reach past it
#: (measured: half an hour saves round trips without reading much more).
WIDEN_STEP = 1800


def gather(
    conn: Connection, org_id: int, candidate: Slot, *, first: Sequence[Statement] = ()
) -> tuple[list[Slot], list[int]]:
    """Active appointments the decision about ``candidate`` depends on, and the
    active professionals.

    Times are epoch seconds. Reads around the candidate, then widens to every
    unassigned appointment chained to it by overlaps (their group), reading only
    the newly added edges of the window each time. ``first``: statements to run
    in the round trip of the first read (`queries.window_and_professionals`).
    """
    lo, hi = candidate.start, candidate.end
    rows, professionals = queries.window_and_professionals(
        conn, org_id, _utc(lo), _utc(hi), first=first
    )
    found = {r[0]: Slot(r[0], r[1], r[2], r[3]) for r in rows}
    while True:
        need_lo, need_hi = lo, hi
        for s in found.values():
            if s.professional is None and s.key != candidate.key:
                need_lo = min(need_lo, s.start)
                need_hi = max(need_hi, s.end)
        if (need_lo, need_hi) == (lo, hi):
            return list(found.values()), professionals
        # Groups of unassigned appointments often run all day: widen in steps
        # (reading more never changes the answer, each read costs a round trip).
        new_lo = min(need_lo, lo - WIDEN_STEP) if need_lo < lo else lo
        new_hi = max(need_hi, hi + WIDEN_STEP) if need_hi > hi else hi
        for a, b in ((new_lo, lo), (hi, new_hi)):
            if a < b:
                for r in queries.window_edge(conn, org_id, _utc(a), _utc(b)):
                    found.setdefault(r[0], Slot(r[0], r[1], r[2], r[3]))
        lo, hi = new_lo, new_hi


def decide(
    conn: Connection, org_id: int, candidate: Slot, *, first: Sequence[Statement] = ()
) -> Refusal | None:
    """None when the candidate (times as aware datetimes) fits, else why not.

    The refusal's times are epoch seconds. ``first``: see `gather`.
    """
    epoch = Slot(
        candidate.key, _epoch(candidate.start), _epoch(candidate.end), candidate.professional
    )
    others, professionals = gather(conn, org_id, epoch, first=first)
    return check_change(epoch, others, professionals)


def decide_many(
    conn: Connection, org_id: int, candidates: list[Slot]
) -> tuple[Slot, Refusal] | None:
    """Several appointments moved together (times as aware datetimes): None when
    all of them fit where they go, else the first that does not and why.

    Exact like `decide`: each candidate is checked against the others at their
    new places and everything else where it is. The windows read around each
    candidate together hold every chain of unassigned appointments through any
    of them, so the union is all the decision needs.
    """
    moving = [Slot(c.key, _epoch(c.start), _epoch(c.end), c.professional) for c in candidates]
    keys = {c.key for c in moving}
    seen: dict[int, Slot] = {}
    professionals: list[int] = []
    for candidate in moving:
        others, professionals = gather(conn, org_id, candidate)
        for slot in others:
            seen.setdefault(slot.key, slot)
    staying = [s for key, s in seen.items() if key not in keys]
    for candidate in moving:
        rest = [*staying, *(m for m in moving if m.key != candidate.key)]
        refusal = check_change(candidate, rest, professionals)
        if refusal is not None:
            return candidate, refusal
    return None


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def _utc(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def refusal_message(conn: Connection, refusal: Refusal, tz: ZoneInfo) -> str:
    """Explain a refusal with names and local times."""
    if refusal.kind == "professional_busy":
        other = queries.appointment_summary(conn, refusal.blocking[0].key)
        if other is None:  # pragma: no cover - it was read in this transaction
            return "The professional already has an appointment at that time."
        start_at, end_at, client_name, prof_name = other
        who = f" with {client_name}" if client_name else ""
        return (
            f"{prof_name} already has {span(start_at, end_at, tz)}{who}. "
            "Choose another time or professional."
        )
    if refusal.kind == "capacity":
        return (
            f"No professional is free at {local(_utc(refusal.at), tz):%H:%M}: "
            f"{refusal.busy} appointment{'s' if refusal.busy != 1 else ''} would run at once with "
            f"{refusal.available} professional{'s' if refusal.available != 1 else ''}."
        )
    slot = refusal.blocking[0]
    start, end = _utc(slot.start), _utc(slot.end)
    if refusal.kind == "unassignable":
        return (
            f"No professional is free for the whole of {span(start, end, tz)}: "
            "every one has another appointment during part of it. "
            "Choose another time or assign a professional."
        )
    return (
        f"The schedule around {span(start, end, tz)} is too crowded to verify "
        "automatically. Please assign a professional directly."
    )


def local(moment: datetime, tz: ZoneInfo) -> datetime:
    return moment.astimezone(tz)


def span(start: datetime, end: datetime, tz: ZoneInfo) -> str:
    a, b = local(start, tz), local(end, tz)
    if a.date() == b.date():
        return f"{a:%H:%M}-{b:%H:%M} on {a:%a %d %b}"
    return f"{a:%a %d %b %H:%M}-{b:%a %d %b %H:%M}"
