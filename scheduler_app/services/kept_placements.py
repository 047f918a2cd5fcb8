"""What a change keeps of where its decisions placed the appointments without a
professional (`db.placements`): the next decision on the day, at any desk, starts
there (`domain.capacity.Hints`, never trusted)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import Connection

from scheduler_app.db import placements
from scheduler_app.domain.capacity import Hints, Proposal
from scheduler_app.services.availability import World


def keep(
    conn: Connection,
    hints: Hints,
    checked: Iterable[tuple[Proposal, World | None]],
    keys: Mapping[int, int],
    given: Mapping[int, int],
) -> None:
    """Store where the ``checked`` decisions (each proposal and what it was decided
    on) placed the unassigned appointments, where that is not what is stored
    already. ``keys``: new appointments' keys -> their stored ids; ``given``: the
    appointments this change gives a professional (no placement kept for them)."""
    changed: dict[int, int] = {}
    for proposal, world in checked:
        if world is None:
            continue
        loose = [(d.key, d.key) for d in world.others if d.professional is None]
        loose += [(d.key, keys.get(d.key, d.key)) for d in proposal.moved if d.professional is None]
        for key, stored in loose:
            professional = hints.get(stored, hints.get(key))
            if stored < 0 or professional in (None, world.placed.get(stored)):
                continue
            if given.get(stored) is None:  # still without one
                changed[stored] = professional
    if changed:
        placements.store(conn, sorted(changed.items()))
