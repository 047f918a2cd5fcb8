"""Rooms and equipment an appointment holds: capacity at every instant, and picking.

A resource of capacity ``c`` may be held by at most ``c`` active appointments at
any instant (a sweep over the holds, like `capacity.max_concurrency`: "how many
overlap the window" would wrongly refuse back-to-back ones), and by none while it
is down (maintenance). Resources are always concrete: the booking names them or
picks them ("any treatment room": the first free one of the category, in the
clinic's order), so unlike professionals there is no assignment to search for.

Times are integers (epoch seconds), intervals half-open ``[start, end)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, NamedTuple

from scheduler_app.domain.spans import Span

#: The most appointments one resource may hold at once.
MAX_CAPACITY = 100
#: The most resources of one kind a service may need.
MAX_QUANTITY = 10


class ResourceKind(StrEnum):
    ROOM = "room"
    EQUIPMENT = "equipment"
    VEHICLE = "vehicle"
    OTHER = "other"


class Hold(NamedTuple):
    """An active appointment (``key``) holding ``resource`` over ``[start, end)``."""

    key: int
    resource: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Resource:
    id: int
    category: str
    capacity: int = 1
    #: Spans it cannot be used in (maintenance), sorted.
    down: tuple[Span, ...] = ()
    #: Spans outside its own hours (when it has some), sorted.
    closed: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class ResourceRefusal:
    """Why a hold does not fit.

    * ``"full"``: at ``at`` the resource already holds ``capacity`` appointments
      (``blocking``: their keys).
    * ``"down"``: the resource is down (maintenance) from ``at`` until ``until``.
    * ``"closed"``: outside the resource's own hours from ``at`` until ``until``.
    * ``"none_free"``: no resource of ``category`` is free for all of it.
    """

    kind: Literal["full", "down", "closed", "none_free"]
    key: int
    resource: int | None = None
    category: str = ""
    at: int = 0
    until: int = 0
    blocking: tuple[int, ...] = ()


def refusal_for(wanted: Hold, others: Iterable[Hold], resource: Resource) -> ResourceRefusal | None:
    """None when ``resource`` can take ``wanted`` besides ``others`` (holds of any
    resources; only those of this one count), else why not."""
    for start, end in resource.down:
        if start < wanted.end and wanted.start < end:
            return ResourceRefusal("down", wanted.key, resource.id, at=start, until=end)
    for start, end in resource.closed:
        if start < wanted.end and wanted.start < end:
            at = max(start, wanted.start)
            return ResourceRefusal("closed", wanted.key, resource.id, at=at, until=end)
    near = [
        h
        for h in others
        if h.resource == resource.id
        and h.key != wanted.key
        and h.start < wanted.end
        and wanted.start < h.end
    ]
    if len(near) < resource.capacity:
        return None
    # Sweep the window: the most holds running at one instant within it.
    events: list[tuple[int, int, int]] = []
    for h in near:
        events.append((max(h.start, wanted.start), 1, h.key))
        events.append((min(h.end, wanted.end), -1, h.key))
    events.sort()  # ends (-1) before starts (+1) at the same instant
    running: set[int] = set()
    for when, delta, key in events:
        if delta < 0:
            running.discard(key)
            continue
        running.add(key)
        if len(running) >= resource.capacity:
            return ResourceRefusal(
                "full", wanted.key, resource.id, at=when, blocking=tuple(sorted(running))
            )
    return None


def pick(
    key: int,
    start: int,
    end: int,
    candidates: Sequence[Resource],
    quantity: int,
    others: Sequence[Hold],
) -> list[Hold] | ResourceRefusal:
    """``quantity`` distinct resources of ``candidates`` (in order: the first free
    ones) for appointment ``key`` over ``[start, end)``, or why there are not enough."""
    chosen: list[Hold] = []
    for resource in candidates:
        hold = Hold(key, resource.id, start, end)
        if refusal_for(hold, others, resource) is None:
            chosen.append(hold)
            if len(chosen) == quantity:
                return chosen
    category = candidates[0].category if candidates else ""
    return ResourceRefusal("none_free", key, category=category)


def settle(
    wanted: Sequence[tuple[Hold, bool]],
    others: Sequence[Hold],
    resources: Mapping[int, Resource],
) -> list[Hold] | ResourceRefusal:
    """The holds of the changed appointments, decided one after the other: each
    ``(hold, swappable)`` keeps its resource when that can take it, else, when
    ``swappable`` (picked by an earlier booking, not named), moves to the first
    free resource of the same category. Returns the holds to store, or the first
    refusal. ``others``: every active hold of the resources concerned around the
    changed times, but those of the changed appointments."""
    held = list(others)
    out: list[Hold] = []
    for hold, swappable in wanted:
        resource = resources[hold.resource]
        refusal = refusal_for(hold, held, resource)
        if refusal is not None and swappable:
            taken = {h.resource for h in out if h.key == hold.key}
            same = [
                r
                for r in resources.values()
                if r.category == resource.category and r.id not in taken and r.id != resource.id
            ]
            found = pick(hold.key, hold.start, hold.end, same, 1, held)
            if isinstance(found, list):
                hold, refusal = found[0], None
        if refusal is not None:
            return refusal
        held.append(hold)
        out.append(hold)
    return out
