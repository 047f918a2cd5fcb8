"""Whether a new booking would get the rooms and equipment it needs (read-only).

The booking's own decision is `resource_holds.settle`, made under the scheduling
lock when it is written. The desk asks before that: the booking dialog's live check
and Find a time, which offers only times a booking would be given (the professional
free but every treatment room taken is not a free time). Both read the resources and
their holds around the times asked once, and decide each time as the booking does:
the rooms the desk named by `domain.resources.settle`, the rest of what the service
needs by `resource_holds.fill`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection

from scheduler_app.db import resources as rows_of
from scheduler_app.domain import resources as rules
from scheduler_app.services import resource_holds
from scheduler_app.services.availability import NEW_KEY
from scheduler_app.services.context import ServiceContext

NO_LONGER_IN_USE = "That room or equipment is no longer in use; choose another."


@dataclass(frozen=True)
class RoomFit:
    """What a new appointment's rooms are decided on, for times within the range read."""

    ctx: ServiceContext
    needs: list[tuple[str, int]]
    named: tuple[int, ...]
    known: Mapping[int, rows_of.Known]
    held: list[rules.Hold]

    def refusal(self, start: int, end: int) -> str | None:
        """Why the appointment could not hold its rooms at ``[start, end)`` (epoch
        seconds), in the booking's words; None when it could."""
        around = [h for h in self.held if h.start < end and start < h.end]
        wanted: list[tuple[rules.Hold, bool]] = []
        for resource in self.named:
            found = self.known.get(resource)
            if found is None or not found.active:
                return NO_LONGER_IN_USE
            wanted.append((rules.Hold(NEW_KEY, resource, start, end), False))
        usable = {r: k.resource for r, k in self.known.items() if k.active}
        decided = rules.settle(wanted, around, usable)
        if isinstance(decided, rules.ResourceRefusal):
            return resource_holds.words(decided, self.known, self.ctx)
        mine = {h.resource for h in decided}
        picked = resource_holds.fill(
            NEW_KEY, start, end, mine, self.needs, self.known, [*around, *decided], self.ctx
        )
        return picked if isinstance(picked, str) else None


def read(
    conn: Connection,
    ctx: ServiceContext,
    service_id: int | None,
    named: tuple[int, ...],
    lo: datetime,
    hi: datetime,
    *,
    fresh: bool = False,
) -> RoomFit | None:
    """What new appointments of ``service_id`` holding ``named`` within ``[lo, hi)`` are
    decided on; None when they need and name nothing (nothing to decide). The needs
    kept with the roster's version just read serve, unless ``fresh`` (no decision read
    it in this transaction yet)."""
    org = ctx.organization_id
    if not named and service_id is None:
        return None
    kept = resource_holds.kept_needs(conn, ctx, fresh)
    needs = kept.get(service_id, []) if service_id is not None else []
    if not needs and not named:
        return None
    rows, hours = resource_holds.kept_resources(conn, ctx, fresh)
    held, down = rows_of.occupied(conn, org, [r.id for r in rows], lo, hi)
    known = rows_of.known_of(rows, hours, down, lo, hi, ctx.timezone)
    return RoomFit(ctx, needs, named, known, held)
