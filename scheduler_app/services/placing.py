"""Where an appointment may go under the booking rules, before the exact decision.

A booking or a move at a new time meets the rules in force for it (its local
date, professional and service): the minimum notice and the maximum horizon, and
the service's buffers, which make it occupy its professional longer than it lasts
(the occupied range is what R0-R2 and the database's overlap guard see). A
manager may book past the notice or horizon, or outside the professional's
working time, with a reason: audited, and marked on the appointment when it lies
outside working time. Reception cannot.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection

from scheduler_app.db import booking_rules
from scheduler_app.db.rows import Facts
from scheduler_app.domain.capacity import Demand, Proposal, Refusal
from scheduler_app.domain.rules import (
    Rule,
    RuleKind,
    buffers,
    horizon_refusal,
    in_force,
    notice_refusal,
    occupied,
)
from scheduler_app.errors import ConflictError, PermissionDeniedError
from scheduler_app.services import availability, unit_of_work
from scheduler_app.services.audit import record
from scheduler_app.services.checks import MANAGERS, check_actor
from scheduler_app.services.context import ServiceContext

#: How a refusal's message is put for what took part in it (buffers, a group).
Phrase = Callable[[Refusal, str], str]

ONLY_MANAGERS = "Only a manager can book past the clinic's rules or outside working hours."


@dataclass(frozen=True, slots=True)
class Placement:
    """An appointment placed under the rules: what the decision sees, what is stored."""

    proposal: Proposal
    before_minutes: int
    after_minutes: int
    #: The rules a manager booked past, in words (audited).
    overridden: tuple[str, ...] = ()
    #: Why a manager placed it outside working time ("" when it is inside).
    outside_hours_reason: str = ""

    @property
    def demand(self) -> Demand:
        return self.proposal.moved[0]

    def stored(self) -> dict[str, object]:
        """The appointment's columns this placement sets."""
        return {
            "buffer_before_minutes": self.before_minutes,
            "buffer_after_minutes": self.after_minutes,
            "outside_hours_reason": self.outside_hours_reason,
        }


def place(
    tx: unit_of_work.ScheduleChange,
    facts: Facts,
    key: int,
    start: datetime,
    end: datetime,
    professional: int | None,
    service: int | None,
    *,
    override_reason: str = "",
    new_time: bool = True,
) -> Placement:
    """Check the rules for an appointment at ``[start, end)`` (``new_time``: its start
    is new, so notice and horizon apply) and return it as the decision should see it.

    Raises `ConflictError` naming the rule, or `PermissionDeniedError` when someone
    other than a manager gives an ``override_reason``. The rules are the desk's,
    read again when the roster's version in ``facts`` says they changed.
    """
    ctx = tx.ctx
    reason = override_reason.strip()
    if reason and check_actor(facts.actor).role not in MANAGERS:
        raise PermissionDeniedError(ONLY_MANAGERS)
    rules = availability.rules_at(tx.conn, ctx, facts.clinic.roster_version)
    day = start.astimezone(ctx.timezone).date()
    overridden: list[str] = []
    if new_time:
        for problem in _timing(rules, ctx, day, start, professional, service):
            if not reason:
                raise ConflictError(problem, overridable=True)
            overridden.append(problem)
    before, after = buffers(rules, day, professional, service)
    a, b = availability.epoch(start), availability.epoch(end)
    demand = occupied(key, a, b, professional, before, after)
    proposal = Proposal((demand,), services=((key, service),))
    outside = ""
    if reason and professional is not None:
        verdict = availability.evaluate(tx.conn, ctx, proposal)
        if verdict.refusal is not None and verdict.refusal.kind == "off_duty":
            outside = reason
            proposal = Proposal((demand,), anywhere=frozenset({key}), services=proposal.services)
    return Placement(proposal, before, after, tuple(overridden), outside)


def together(placements: Sequence[Placement]) -> Proposal:
    """One proposal of several placements, decided at once (R1 and R2 for all)."""
    return Proposal(
        tuple(p.demand for p in placements),
        anywhere=frozenset().union(*(p.proposal.anywhere for p in placements)),
        services=tuple(s for p in placements for s in p.proposal.services),
    )


@dataclass(frozen=True, slots=True)
class Preview:
    """What a booking or move would meet, read-only (for the dialogs and a drag)."""

    #: The first rule it breaks (notice, horizon), in words; None when none.
    problem: str | None
    placement: Placement


def preview(
    conn: Connection,
    ctx: ServiceContext,
    key: int,
    start: datetime,
    end: datetime,
    professional: int | None,
    service: int | None,
    *,
    new_time: bool = True,
    rules: list[Rule] | None = None,
) -> Preview:
    """`place` without writing, permissions or overrides: the rule it would break
    first, and the appointment as the decision would see it (under ``rules``, by
    default as stored now)."""
    if rules is None:
        rules = booking_rules.active_rules(conn, ctx.organization_id)
    return preview_under(rules, ctx, key, start, end, professional, service, new_time=new_time)


def preview_under(
    rules: list[Rule],
    ctx: ServiceContext,
    key: int,
    start: datetime,
    end: datetime,
    professional: int | None,
    service: int | None,
    *,
    new_time: bool = True,
) -> Preview:
    """`preview` under ``rules`` (nothing is read: the desk's own hover check uses it)."""
    day = start.astimezone(ctx.timezone).date()
    problems = _timing(rules, ctx, day, start, professional, service) if new_time else []
    before, after = buffers(rules, day, professional, service)
    a, b = availability.epoch(start), availability.epoch(end)
    demand = occupied(key, a, b, professional, before, after)
    placement = Placement(Proposal((demand,), services=((key, service),)), before, after)
    return Preview(problems[0] if problems else None, placement)


def _timing(
    rules: list[Rule],
    ctx: ServiceContext,
    day: date,
    start: datetime,
    professional: int | None,
    service: int | None,
) -> list[str]:
    now = ctx.now()
    notice = in_force(rules, RuleKind.MIN_NOTICE, day, professional, service)
    horizon = in_force(rules, RuleKind.MAX_HORIZON, day, professional, service)
    found = [notice_refusal(notice, now, start), horizon_refusal(horizon, now, start)]
    return [p for p in found if p is not None]


def audit_override(
    conn: Connection,
    ctx: ServiceContext,
    actor_id: int,
    appointment_id: int,
    placement: Placement,
    reason: str,
) -> None:
    """Record a manager's booking past the rules or outside working time."""
    if not placement.overridden and not placement.outside_hours_reason:
        return
    record(
        conn,
        ctx,
        actor_id,
        "override",
        "appointment",
        appointment_id,
        after={
            "rules": list(placement.overridden),
            "outside_hours": bool(placement.outside_hours_reason),
            "reason": reason.strip(),
        },
    )


def buffer_words(placement: Placement, service_name: str | None) -> unit_of_work.Words | None:
    """How a refusal is put when the service's buffers took part in it."""
    phrase = buffer_phrase(placement, service_name)
    if phrase is None:
        return None

    def words(conn: Connection, org_id: int, refusal: Refusal, message: str) -> str:
        return phrase(refusal, message)

    return words


def buffer_phrase(placement: Placement, service_name: str | None) -> Phrase | None:
    """`buffer_words` without the database (nothing is looked up)."""
    before, after = placement.before_minutes, placement.after_minutes
    if not before and not after:
        return None
    parts = [f"{before} minutes free before it"] if before else []
    parts += [f"{after} after" if before else f"{after} minutes free after it"] if after else []
    needs = f"{service_name or 'This service'} needs {' and '.join(parts)}."

    def phrase(refusal: Refusal, message: str) -> str:
        if refusal.kind in ("professional_busy", "off_duty", "unassignable", "capacity"):
            return f"{message} {needs}"
        return message

    return phrase
