"""One client in two places at once, decided at the end of every schedule change.

`ScheduleChange.finish` calls `settle` under the scheduling lock, once the change is
written: an appointment the change booked, moved, gave another client or made
active again may not overlap another active appointment of the same client. The
change is refused (`ClientClashError`) unless the desk confirmed it ("Book both?",
any role: it is a confirmation, not an override); then it is saved and each
clash recorded as a time conflict of low impact naming the appointments, with an
audit entry. A change that ends such an overlap resolves its time conflict.
"""

from __future__ import annotations

from collections.abc import Callable, Set

from sqlalchemy import Connection

from scheduler_app.db import client_clashes
from scheduler_app.db.client_clashes import Clash
from scheduler_app.services.audit import record
from scheduler_app.services.checks import check_client_clashes
from scheduler_app.services.context import ServiceContext


def settle(
    conn: Connection,
    ctx: ServiceContext,
    touched: Set[int],
    written: Set[int],
    confirmed_by: int | None,
    asked: Callable[[], list[Clash]] | None = None,
) -> list[int]:
    """Refuse or record the clashes of the appointments ``touched`` (see the module);
    resolve the time conflicts of the ones ``written`` that ended. The ids of the
    time conflicts recorded. ``asked``: gives the clashes, asked already under the
    lock with another read (`client_clashes.clashes_with_next_read`)."""
    org, now = ctx.organization_id, ctx.now()
    found = asked() if asked is not None else client_clashes.clashes(conn, org, touched)
    recorded: list[int] = []
    if found and confirmed_by is None:
        check_client_clashes(found, ctx.timezone)
    by_appointment: dict[int, list[Clash]] = {}
    seen: set[frozenset[int]] = set()
    for clash in found:
        pair = frozenset((clash.appointment_id, clash.other_id))
        if pair not in seen:  # two appointments moved into each other: one conflict
            seen.add(pair)
            by_appointment.setdefault(clash.appointment_id, []).append(clash)
    for appointment_id, clashes in by_appointment.items():
        assert confirmed_by is not None
        ids = [appointment_id, *(c.other_id for c in clashes)]
        cause = _cause(clashes, ctx)
        conflict_id = client_clashes.record_time_conflict(
            conn, org, cause=cause, confirmed_by=confirmed_by, at=now, appointment_ids=ids
        )
        recorded.append(conflict_id)
        record(
            conn,
            ctx,
            confirmed_by,
            "book_both",
            "conflict",
            conflict_id,
            after={"client": clashes[0].client_name, "appointments": sorted(ids), "cause": cause},
        )
    client_clashes.resolve_ended(conn, org, written, now)
    return recorded


def _cause(clashes: list[Clash], ctx: ServiceContext) -> str:
    """The conflict in words: whose appointments overlap, and when."""
    first = clashes[0]
    start = first.other_start.astimezone(ctx.timezone)
    end = first.other_end.astimezone(ctx.timezone)
    who = f" with {first.other_professional}" if first.other_professional else ""
    more = f" and {len(clashes) - 1} more" if len(clashes) > 1 else ""
    return (
        f"{first.client_name} is booked twice at once: another appointment on "
        f"{start:%a %d %b} {start:%H:%M}\N{EN DASH}{end:%H:%M}{who}{more}"
    )
