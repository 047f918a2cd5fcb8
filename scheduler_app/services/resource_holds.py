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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time

from sqlalchemy import Connection

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


def settle(
    conn: Connection,
    ctx: ServiceContext,
    changed: Mapping[int, AppointmentRow],
    wishes: Mapping[int, Wish],
    swaps: Mapping[int, tuple[int, int]] | None = None,
) -> dict[int, Holding]:
    """Decide and write the holds of the ``changed`` appointments (as they will be
    committed); returns what each that holds any holds. ``swaps`` moves an
    appointment from one resource it holds to another the desk chose (a drag between
    room columns). Raises `ConflictError` when one cannot be held."""
    rows_of.deactivate(conn, [i for i, row in changed.items() if not row.status.is_active])
    active = {i: row for i, row in changed.items() if row.status.is_active}
    existing = rows_of.holds_of(conn, [i for i in active if i not in wishes])
    for i, (old, new) in (swaps or {}).items():
        existing[i] = _swapped(existing.get(i, []), old, new)
    todo = sorted(i for i in active if i in existing or wishes.get(i, Wish()) != Wish())
    if not todo:
        return {}
    times = {i: (active[i].start_at, active[i].end_at) for i in todo}
    lo = min(a for a, _b in times.values())
    hi = max(b for _a, b in times.values())
    known = rows_of.decision_resources(conn, ctx.organization_id, lo, hi, ctx.timezone)
    needs = rows_of.needs_of(conn, [w.service for w in wishes.values() if w.service is not None])
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
