"""The exact availability decision against the database (R1 and R2), and its words.

Reads the active appointments around each moved appointment and withdrawn span,
widening each window until it holds every unassigned appointment chained to it by
overlaps, then asks `domain.capacity`. Refusals become messages a receptionist
understands ("Dr Silva already has 10:00-11:00 on Tue 03 Mar with J. Costa").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from scheduler_app.db import appointments as appointment_rows
from scheduler_app.db import directory, schedule
from scheduler_app.db.raw_query import Statement
from scheduler_app.domain.capacity import FOREVER, Demand, Proposal, Refusal, Span, decide, stranded
from scheduler_app.errors import ConflictError

#: Key of the candidate of a new appointment (several new ones: -1, -2, ...).
NEW_KEY = -1
#: Seconds a window grows by, at least, when unassigned appointments reach past it
#: (measured: half an hour saves round trips without reading much more).
WIDEN_STEP = 1800
#: Stranded appointments named in a refusal before "and N more".
LISTED = 20


def demand(key: int, start: datetime, end: datetime, professional: int | None) -> Demand:
    """An appointment at ``[start, end)`` (aware datetimes) as the rules see it."""
    return Demand(key, epoch(start), epoch(end), professional)


def epoch(moment: datetime) -> int:
    return int(moment.timestamp())


class StrandingError(ConflictError):
    """A change that lowers capacity would leave appointments without a professional.

    ``stranded`` describes them (the first `LISTED`), ``count`` says how many; a
    manager may force the change (they are then recorded as a conflict).
    """

    def __init__(self, message: str, stranded: Sequence[str], count: int) -> None:
        super().__init__(message)
        self.stranded = tuple(stranded)
        self.count = count


def evaluate(
    conn: Connection,
    org_id: int,
    proposal: Proposal,
    *,
    first: Sequence[Statement] = (),
    with_stranded: bool = False,
) -> tuple[Refusal | None, list[Demand]]:
    """Whether ``proposal`` fits (None) or why not, and, when asked and it does not
    fit for R2, the unassigned appointments to set aside for the rest to fit.

    ``first``: statements to run in the round trip of the first read (the lock).
    """
    others, professionals = gather(conn, org_id, proposal, first=first)
    refusal = decide(proposal, others, professionals)
    if refusal is None or not with_stranded or not refusal.can_be_forced:
        return refusal, []
    return refusal, stranded(proposal, others, professionals)


def gather(
    conn: Connection, org_id: int, proposal: Proposal, *, first: Sequence[Statement] = ()
) -> tuple[list[Demand], dict[int, tuple[Span, ...]]]:
    """The active appointments the decision depends on, and the active professionals.

    One window per moved appointment and withdrawn span, each widened to every
    unassigned appointment chained to it by overlaps (reading only the newly added
    edges each time); ``first`` goes with the first read.
    """
    windows = [(d.start, d.end) for d in proposal.moved]
    windows += [(start, end) for _p, start, end in proposal.withdrawn]
    found: dict[int, Demand] = {}
    professionals: dict[int, tuple[Span, ...]] = {}
    for lo, hi in windows:
        if first or not professionals:
            rows, professionals = schedule.window_and_professionals(
                conn, org_id, lo, hi, first=first
            )
            first = ()
        else:
            rows = schedule.window_edge(conn, org_id, lo, hi)
        for row in rows:
            found.setdefault(row.key, row)
        _widen(conn, org_id, found, lo, hi)
    for p, start, end in proposal.withdrawn:  # the change's own effect on availability
        if p in professionals:
            professionals[p] = tuple(sorted({*professionals[p], (start, end)}))
    return list(found.values()), professionals


def _widen(conn: Connection, org_id: int, found: dict[int, Demand], lo: int, hi: int) -> None:
    """Read around ``[lo, hi)`` until every unassigned appointment reaching past it is held."""
    while True:
        need_lo, need_hi = lo, hi
        for s in found.values():
            if s.professional is None and s.start < hi and lo < s.end:
                need_lo = min(need_lo, s.start)
                need_hi = max(need_hi, s.end)
        if (need_lo, need_hi) == (lo, hi):
            return
        # Groups of unassigned appointments often run all day: widen in steps
        # (reading more never changes the answer, each read costs a round trip).
        new_lo = min(need_lo, lo - WIDEN_STEP) if need_lo < lo else lo
        new_hi = min(max(need_hi, hi + WIDEN_STEP), FOREVER) if need_hi > hi else hi
        for a, b in ((new_lo, lo), (hi, new_hi)):
            if a < b:
                for row in schedule.window_edge(conn, org_id, a, b):
                    found.setdefault(row.key, row)
        lo, hi = new_lo, new_hi


def _utc(seconds: int) -> datetime:
    return schedule.utc(seconds)


# -- words -------------------------------------------------------------------


def refusal_message(conn: Connection, org_id: int, refusal: Refusal, tz: ZoneInfo) -> str:
    """Explain a refusal with names and local times."""
    if refusal.kind == "professional_busy":
        moved, other = refusal.blocking
        listed = appointment_rows.listed_one(conn, org_id, other.key)
        if listed is None:  # pragma: no cover - it was read in this transaction
            return "The professional already has an appointment at that time."
        row, row_names = listed
        who = f" with {row_names.client_name}" if row_names.client_name else ""
        return (
            f"{row_names.professional_name} already has "
            f"{span(row.start_at, row.end_at, tz)}{who}. Choose another time or professional."
        )
    if refusal.kind == "off_duty":
        (moved,) = refusal.blocking
        assert moved.professional is not None
        name = directory.professional_names(conn, org_id, [moved.professional]).get(
            moved.professional, "The professional"
        )
        start = local(_utc(refusal.at), tz)
        if refusal.until >= FOREVER:
            midnight = (start.hour, start.minute) == (0, 0)
            when = f"from {start:%a %d %b %Y}" + ("" if midnight else f" {start:%H:%M}")
        else:
            when = f"at {span(_utc(refusal.at), _utc(refusal.until), tz)}"
        return f"{name} takes no appointments {when}. Choose another time or professional."
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


def stranding_error(
    conn: Connection, org_id: int, cause: str, left: Sequence[Demand], tz: ZoneInfo
) -> StrandingError:
    """The refusal of a change that would leave ``left`` without a professional."""
    lines = describe(conn, org_id, left[:LISTED], tz)
    more = len(left) - len(lines)
    listing = "\n".join(f"- {line}" for line in lines)
    tail = f"\n- and {more} more" if more > 0 else ""
    count = len(left)
    message = (
        f"{cause} would leave {count} appointment{'s' if count != 1 else ''} without a "
        f"professional who can take {'them' if count != 1 else 'it'}:\n{listing}{tail}"
    )
    return StrandingError(message, lines, count)


def describe(conn: Connection, org_id: int, demands: Sequence[Demand], tz: ZoneInfo) -> list[str]:
    """ "Joana Costa, Tue 03 Mar 10:00-11:00" for each appointment, in their order."""
    listed = {
        row.id: (row, names)
        for row, names in appointment_rows.listed_by_id(conn, org_id, [d.key for d in demands])
    }
    lines = []
    for d in demands:
        if d.key in listed:
            row, names = listed[d.key]
            who = names.client_name or row.title or "No client"
            lines.append(f"{who}, {span(row.start_at, row.end_at, tz)}")
        else:
            lines.append(f"A new appointment, {span(_utc(d.start), _utc(d.end), tz)}")
    return lines


def local(moment: datetime, tz: ZoneInfo) -> datetime:
    return moment.astimezone(tz)


def span(start: datetime, end: datetime, tz: ZoneInfo) -> str:
    a, b = local(start, tz), local(end, tz)
    if a.date() == b.date():
        return f"{a:%H:%M}-{b:%H:%M} on {a:%a %d %b}"
    return f"{a:%a %d %b %H:%M}-{b:%a %d %b %H:%M}"
