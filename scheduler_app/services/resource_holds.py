"""What the changed appointments hold, decided and written under the scheduling lock.

Part of every schedule change (`unit_of_work.ScheduleChange.finish`), once the
clinic uses resources: an appointment that stops being active lets go of its
resources; one that is new, moved or active again keeps its resources when they
can take it at its time (capacity, maintenance), or — for those the booking picked
rather than the desk named — moves to another free one of the same category; a
new booking takes the resources the desk named and picks the rest its service
needs. Anything that cannot be held refuses the whole change, in words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection

from scheduler_app.db import raw_query
from scheduler_app.db import resources as rows_of
from scheduler_app.db.rows import AppointmentRow
from scheduler_app.domain import resources as rules
from scheduler_app.domain.opening_hours import format_day
from scheduler_app.errors import ConflictError
from scheduler_app.services.availability import local, span
from scheduler_app.services.context import ServiceContext


@dataclass(frozen=True, slots=True)
class Wish:
    """What a new appointment asks to hold: resources the desk named, and what its
    ``service`` needs (`db.resource_models.ServiceNeed`), which the booking fills by
    picking."""

    named: tuple[int, ...] = ()
    service: int | None = None


@dataclass(frozen=True, slots=True)
class Holding:
    """What an appointment holds once settled: names ("Room 2, Ultrasound") and ids,
    in the names' order."""

    names: str
    ids: tuple[int, ...]


#: The longest range of changed appointments whose holds are read in one window
#: ahead of the lock (a series' are read as before, per date).
AHEAD_REACH = timedelta(days=1)


@dataclass(frozen=True)
class Ahead:
    """What `settle` decides on, asked in the round trip of the scheduling lock's
    read (`ask_ahead`): with the resources and needs the desk keeps for ``version``."""

    version: int
    lo: datetime
    hi: datetime
    occupied: Callable[[], rows_of.Occupied]
    existing: Callable[[], rows_of.Holds]


def ask_ahead(
    conn: Connection,
    ctx: ServiceContext,
    changed: Mapping[int, AppointmentRow],
    wishes: Mapping[int, Wish],
) -> Ahead | None:
    """Ask what `settle` will read for ``changed`` in the round trip of the next read
    (the one after the scheduling lock, where reads wait: PostgreSQL), when the desk
    keeps the clinic's resources and needs and the appointments lie within a day;
    None otherwise (`settle` reads then)."""
    active = [row for row in changed.values() if row.status.is_active]
    kept = ctx.cache.get("resources")
    if not active or kept is None or "needs" not in ctx.cache or not raw_query.waits(conn):
        return None
    lo, hi = min(r.start_at for r in active), max(r.end_at for r in active)
    if hi - lo > AHEAD_REACH:
        return None
    org = ctx.organization_id
    ids = [r.id for r in kept[1][0]]
    return Ahead(
        kept[0],
        lo,
        hi,
        rows_of.occupied_with_next_read(conn, org, ids, lo, hi),
        rows_of.holds_of_with_next_read(conn, [i for i in changed if i not in wishes]),
    )


def settle(
    conn: Connection,
    ctx: ServiceContext,
    changed: Mapping[int, AppointmentRow],
    wishes: Mapping[int, Wish],
    swaps: Mapping[int, tuple[int, int]] | None = None,
    ahead: Ahead | None = None,
    *,
    verified: bool = False,
) -> dict[int, Holding]:
    """Decide and write the holds of the ``changed`` appointments (as they will be
    committed); returns what each that holds any holds. ``swaps`` moves an
    appointment from one resource it holds to another the desk chose (a drag between
    room columns). ``verified``: the roster's version was read under the lock in this
    change (the resources and needs the desk keeps with it then serve; else they are
    read). ``ahead``: what was asked with the lock's read, used when that version is
    the one it was asked for. Raises `ConflictError` when one cannot be held."""
    version = ctx.cache.get("roster", (None,))[0]
    if ahead is not None and (not verified or ahead.version != version):
        ahead = None
    rows_of.deactivate(conn, [i for i, row in changed.items() if not row.status.is_active])
    active = {i: row for i, row in changed.items() if row.status.is_active}
    loose = [i for i in active if i not in wishes]
    existing = ahead.existing() if ahead is not None else rows_of.holds_of(conn, loose)
    existing = {i: held for i, held in existing.items() if i in active}
    for i, (old, new) in (swaps or {}).items():
        existing[i] = _swapped(existing.get(i, []), old, new)
    todo = sorted(i for i in active if i in existing or wishes.get(i, Wish()) != Wish())
    if not todo:
        return {}
    times = {i: (active[i].start_at, active[i].end_at) for i in todo}
    lo = min(a for a, _b in times.values())
    hi = max(b for _a, b in times.values())
    org, tz = ctx.organization_id, ctx.timezone
    resources, hours = kept_resources(conn, ctx, not verified)
    all_needs = kept_needs(conn, ctx, not verified)
    needs = {w.service: all_needs[w.service] for w in wishes.values() if w.service in all_needs}
    if ahead is not None or hi - lo <= AHEAD_REACH:  # one window, one read
        if ahead is not None:
            (holds, down), lo, hi = ahead.occupied(), ahead.lo, ahead.hi
        else:
            holds, down = rows_of.occupied(conn, org, [r.id for r in resources], lo, hi)
        known = rows_of.known_of(resources, hours, down, lo, hi, tz)
        # Read before this change's own holds were let go or rewritten: none of
        # the changed appointments' holds is another's.
        others = [
            h
            for h in holds
            if h.key not in changed and any(_overlaps(h, a, b) for a, b in times.values())
        ]
    else:  # a series: its dates apart
        known = rows_of.known_of(
            resources, hours, rows_of.down_between(conn, org, lo, hi), lo, hi, tz
        )
        others = rows_of.holds_around(conn, list(times.values()), todo, known)
    wanted: list[tuple[rules.Hold, bool]] = []
    for i in todo:
        start, end = (int(t.timestamp()) for t in times[i])
        for resource, picked in existing.get(i, ()):
            wanted.append((rules.Hold(i, resource, start, end), picked))
        for resource in wishes.get(i, Wish()).named:
            named = known.get(resource)
            if named is None or not named.active:
                raise ConflictError("That room or equipment is no longer in use; choose another.")
            wanted.append((rules.Hold(i, resource, start, end), False))
    usable = {r: k.resource for r, k in known.items() if k.active}
    usable.update({h.resource: known[h.resource].resource for h, _p in wanted})
    decided = rules.settle(wanted, others, usable)
    if isinstance(decided, rules.ResourceRefusal):
        raise ConflictError(words(decided, known, ctx))
    swappable = {(h.key, h.resource): swap for (h, swap) in wanted}
    stored = [(h, swappable.get((h.key, h.resource), True)) for h in decided]
    held = [*others, *decided]
    for i in todo:
        start, end = (int(t.timestamp()) for t in times[i])
        mine = {h.resource for h, _p in stored if h.key == i}
        service = wishes.get(i, Wish()).service
        wants = needs.get(service, []) if service is not None else []
        found = fill(i, start, end, mine, wants, known, held, ctx)
        if isinstance(found, str):
            raise ConflictError(found)
        held += found
        stored += [(h, True) for h in found]
    rows_of.replace_holds(
        conn,
        todo,
        [(h, known[h.resource].resource.capacity == 1, p) for h, p in stored],
        times,
    )
    pairs: dict[int, list[tuple[str, int]]] = {}
    for h, _p in stored:
        pairs.setdefault(h.key, []).append((known[h.resource].name, h.resource))
    return {
        i: Holding(", ".join(n for n, _r in sorted(p)), tuple(r for _n, r in sorted(p)))
        for i, p in pairs.items()
    }


def _overlaps(hold: rules.Hold, start: datetime, end: datetime) -> bool:
    return hold.start < int(end.timestamp()) and int(start.timestamp()) < hold.end


def fill(
    key: int,
    start: int,
    end: int,
    mine: set[int],
    needs: Sequence[tuple[str, int]],
    known: Mapping[int, rows_of.Known],
    held: Sequence[rules.Hold],
    ctx: ServiceContext,
) -> list[rules.Hold] | str:
    """The holds appointment ``key`` picks at ``[start, end)`` (epoch seconds) for what
    its service ``needs`` beyond the resources it holds already (``mine``), beside the
    ``held`` ones — or why it cannot, in words."""
    out: list[rules.Hold] = []
    for category, quantity in needs:
        have = sum(1 for r in mine if known[r].resource.category == category)
        if have >= quantity:
            continue
        candidates = [
            k.resource
            for r, k in known.items()
            if k.active and k.resource.category == category and r not in mine
        ]
        if not candidates and not have:
            return (
                f"This service needs a {category.lower()}, and none is set up "
                "(Clinic > Rooms and equipment)."
            )
        found = rules.pick(key, start, end, candidates, quantity - have, [*held, *out])
        if isinstance(found, rules.ResourceRefusal):
            return words(replace(found, category=category), known, ctx)
        out += found
        mine = mine | {h.resource for h in found}
    return out


def _swapped(held: list[tuple[int, bool]], old: int, new: int) -> list[tuple[int, bool]]:
    """``held`` (resource, picked) with ``old`` replaced by ``new``, chosen by the desk."""
    if old not in {r for r, _p in held}:
        raise ConflictError(
            "The appointment no longer holds that room; the calendar shows it as it is now."
        )
    if new in {r for r, _p in held}:
        raise ConflictError("The appointment is already in that room.")
    return [(new, False) if r == old else (r, p) for r, p in held]


def words(
    refusal: rules.ResourceRefusal, known: Mapping[int, rows_of.Known], ctx: ServiceContext
) -> str:
    """Why a room or equipment cannot be held, as the desk says it."""
    tz = ctx.timezone
    which = known.get(refusal.resource) if refusal.resource is not None else None
    name = which.name if which is not None else "The room"
    at = local(datetime.fromtimestamp(refusal.at, UTC), tz)
    if refusal.kind == "down":
        until = datetime.fromtimestamp(refusal.until, UTC)
        return (
            f"{name} is under maintenance at "
            f"{span(datetime.fromtimestamp(refusal.at, UTC), until, tz)}. "
            "Choose another time or room."
        )
    if refusal.kind == "closed":
        return (
            f"{name} is not available at {at:%H:%M} on {at:%a %d %b} "
            f"(its hours: {_hours_text(which.hours if which is not None else {})}). "
            "Choose another time or room."
        )
    if refusal.kind == "full":
        capacity = which.resource.capacity if which is not None else 1
        if capacity == 1:
            return f"{name} is in use at {at:%H:%M} on {at:%a %d %b}. Choose another time or room."
        return (
            f"{name} already holds {capacity} appointments at {at:%H:%M} on {at:%a %d %b}. "
            "Choose another time or room."
        )
    category = refusal.category.lower() or "room"
    return f"No {category} is free for all of it. Choose another time."


#: A day's hours from midnight to midnight.
ALL_DAY = (time(0), time(0))


def _hours_text(week: Mapping[int, Sequence[tuple[time, time]]]) -> str:
    """ "Mon 08:00-12:00, Wed 14:00-18:00" (days without hours left out)."""
    days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    return "; ".join(
        f"{days[day]} {'all day' if list(ranges) == [ALL_DAY] else format_day(ranges)}"
        for day, ranges in sorted(week.items())
        if ranges
    )


def kept_needs(
    conn: Connection, ctx: ServiceContext, fresh: bool
) -> dict[int, list[tuple[str, int]]]:
    """What the clinic's services need, kept while the roster's version is the one the
    decision just read (changing a service's needs raises it): a clinic without rooms
    asks nothing more per check."""
    version = ctx.cache.get("roster", (None,))[0]
    kept = ctx.cache.get("needs")
    if not fresh and kept is not None and version is not None and kept[0] == version:
        needs: dict[int, list[tuple[str, int]]] = kept[1]
        return needs
    needs = rows_of.all_needs(conn, ctx.organization_id)
    ctx.cache["needs"] = (version, needs)
    return needs


def kept_resources(
    conn: Connection, ctx: ServiceContext, fresh: bool
) -> tuple[list[Any], dict[int, rows_of.Week]]:
    """The clinic's resources and their own hours, kept as `kept_needs` keeps the needs
    (adding or changing a resource raises the roster's version)."""
    version = ctx.cache.get("roster", (None,))[0]
    kept = ctx.cache.get("resources")
    if not fresh and kept is not None and version is not None and kept[0] == version:
        found: tuple[list[Any], dict[int, rows_of.Week]] = kept[1]
        return found
    org = ctx.organization_id
    found = (rows_of.listed(conn, org), rows_of.hours_of(conn, org))
    ctx.cache["resources"] = (version, found)
    return found
