"""Booking rules, kept by managers (Clinic > Settings > Rules).

A rule takes effect for the bookings, moves and cancellations made after it is
saved; appointments already booked keep the buffers they were placed with. Rules
add no demand to the schedule: saving one takes no scheduling lock (it raises the
roster's version, so every desk reads the rules again at its next decision).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from scheduler_app.db import booking_rules, directory
from scheduler_app.domain.rules import (
    LatePolicy,
    Rule,
    RuleKind,
    RuleScope,
    rule_problem,
    rule_words,
)
from scheduler_app.errors import NotFoundError, ValidationError
from scheduler_app.services import reading, unit_of_work
from scheduler_app.services.audit import record
from scheduler_app.services.checks import MANAGERS, check_actor
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.guard import guarded
from scheduler_app.services.permissions import readers, writes


@dataclass(frozen=True, slots=True)
class RuleDetails:
    """What a manager fills in for a rule (only the fields of its kind matter)."""

    kind: RuleKind
    scope: RuleScope = RuleScope.CLINIC
    professional_id: int | None = None
    service_id: int | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    priority: int = 0
    notice_minutes: int = 0
    horizon_days: int = 0
    exempt_walk_ins: bool = False
    late_policy: LatePolicy = LatePolicy.FLAG
    before_minutes: int = 0
    after_minutes: int = 0
    max_at_once: int = 0
    is_active: bool = True
    note: str = ""


@dataclass(frozen=True, slots=True)
class RuleView:
    id: int
    details: RuleDetails
    #: "Bookings need 2 hours' notice."
    says: str
    #: "Whole clinic", "Dr Silva", "Laser session".
    applies_to: str


@guarded
class RulesService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @readers
    def rules(self) -> list[RuleView]:
        """Every rule of the clinic, switched-off ones too, by kind and priority."""

        def work(conn: Connection) -> list[RuleView]:
            return self._views(conn, booking_rules.all_rules(conn, self.ctx.organization_id))

        return reading.read_connection(self.ctx, work)

    @writes(*MANAGERS)
    def add(self, actor_id: int, details: RuleDetails) -> RuleView:
        check_rule(details)

        def work(session: Session) -> RuleView:
            self._manager(session, actor_id)
            conn = session.connection()
            rule_id = add_rule(conn, self.ctx, actor_id, details)
            return self._view_of(conn, rule_id)

        return unit_of_work.admin(self.ctx, work)

    @writes(*MANAGERS)
    def edit(self, actor_id: int, rule_id: int, details: RuleDetails) -> RuleView:
        values = _checked(details)

        def work(session: Session) -> RuleView:
            self._manager(session, actor_id)
            conn = session.connection()
            self._check_targets(conn, details)
            org = self.ctx.organization_id
            before = booking_rules.rule(conn, org, rule_id)
            if before is None:
                raise NotFoundError("That rule no longer exists.")
            booking_rules.update_rule(conn, org, rule_id, values, self.ctx.now())
            record(
                conn,
                self.ctx,
                actor_id,
                "edit",
                "booking_rule",
                rule_id,
                before=_plain(dataclasses.asdict(before)),
                after=_plain(values),
            )
            return self._view_of(conn, rule_id)

        return unit_of_work.admin(self.ctx, work)

    @writes(*MANAGERS)
    def set_active(self, actor_id: int, rule_id: int, active: bool) -> RuleView:
        """Switch a rule on or off (rules are kept, for the record)."""

        def work(session: Session) -> RuleView:
            self._manager(session, actor_id)
            conn = session.connection()
            org = self.ctx.organization_id
            if booking_rules.rule(conn, org, rule_id) is None:
                raise NotFoundError("That rule no longer exists.")
            booking_rules.update_rule(conn, org, rule_id, {"is_active": active}, self.ctx.now())
            action = "enable" if active else "disable"
            record(conn, self.ctx, actor_id, action, "booking_rule", rule_id)
            return self._view_of(conn, rule_id)

        return unit_of_work.admin(self.ctx, work)

    # -- helpers ---------------------------------------------------------------

    def _manager(self, session: Session, actor_id: int) -> None:
        check_actor(directory.actor_row(session, self.ctx.organization_id, actor_id), *MANAGERS)

    def _check_targets(self, conn: Connection, details: RuleDetails) -> None:
        _check_targets(conn, self.ctx, details)

    def _view_of(self, conn: Connection, rule_id: int) -> RuleView:
        found = [
            (rule, note)
            for rule, note in booking_rules.all_rules(conn, self.ctx.organization_id)
            if rule.id == rule_id
        ]
        return self._views(conn, found)[0]

    def _views(self, conn: Connection, found: list[tuple[Rule, str]]) -> list[RuleView]:
        org = self.ctx.organization_id
        professionals = directory.professional_names(
            conn, org, [r.professional_id for r, _n in found if r.professional_id is not None]
        )
        views = []
        for rule, note in found:
            if rule.scope is RuleScope.PROFESSIONAL and rule.professional_id is not None:
                applies_to = professionals.get(rule.professional_id, "")
            elif rule.scope is RuleScope.SERVICE and rule.service_id is not None:
                applies_to = booking_rules.service_name(conn, org, rule.service_id) or ""
            else:
                applies_to = "Whole clinic"
            values = {
                f.name: getattr(rule, f.name)
                for f in dataclasses.fields(RuleDetails)
                if f.name != "note"
            }
            details = RuleDetails(**values, note=note)
            views.append(RuleView(rule.id, details, rule_words(rule), applies_to))
        return views


def check_rule(details: RuleDetails) -> None:
    """Refuse ``details`` that cannot be kept (before anything is written)."""
    _checked(details)


def add_rule(conn: Connection, ctx: ServiceContext, actor_id: int, details: RuleDetails) -> int:
    """Add the rule ``details`` within the caller's transaction (whose caller checked
    the actor), audited; its id."""
    values = _checked(details)
    _check_targets(conn, ctx, details)
    rule_id = booking_rules.insert_rule(conn, ctx.organization_id, values, ctx.now())
    record(conn, ctx, actor_id, "add", "booking_rule", rule_id, after=_plain(values))
    return rule_id


def _check_targets(conn: Connection, ctx: ServiceContext, details: RuleDetails) -> None:
    org = ctx.organization_id
    if details.professional_id is not None and details.scope is RuleScope.PROFESSIONAL:
        names = directory.professional_names(conn, org, [details.professional_id])
        if details.professional_id not in names:
            raise ValidationError("That professional no longer exists.", "professional_id")
    wanted = details.service_id if details.scope is RuleScope.SERVICE else None
    if wanted is not None and booking_rules.service_name(conn, org, wanted) is None:
        raise ValidationError("That service no longer exists.", "service_id")


def _checked(details: RuleDetails) -> dict[str, object]:
    """The columns of a rule, checked (a refusal names its field)."""
    values = dataclasses.asdict(details)
    if details.scope is not RuleScope.PROFESSIONAL:
        values["professional_id"] = None
    if details.scope is not RuleScope.SERVICE:
        values["service_id"] = None
    values["note"] = details.note.strip()
    fields = {f.name for f in dataclasses.fields(Rule)}
    problem = rule_problem(Rule(id=0, **{k: v for k, v in values.items() if k in fields}))
    if problem is not None:
        field, message = problem
        raise ValidationError(message, field)
    return values


def _plain(values: dict[str, object]) -> dict[str, object]:
    """JSON-safe copy for the audit log."""
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}
