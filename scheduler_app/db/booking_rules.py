"""Booking rules: reads for the decision, writes for the managers' settings.

Every write raises the roster's version (`working_time.bump_version`), so the
desks that keep the rules with the roster read them again at their next decision.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from scheduler_app.db.base import table_of
from scheduler_app.db.rule_models import BookingRule
from scheduler_app.db.schedule import service_name as service_name
from scheduler_app.db.working_time import bump_version
from scheduler_app.domain.rules import LatePolicy, Rule, RuleKind, RuleScope

_R = table_of(BookingRule)
#: The columns of `Rule`, in its order.
_COLUMNS = [_R.c[name] for name in Rule.__dataclass_fields__]
_KINDS = {k.value: k for k in RuleKind}
_SCOPES = {s.value: s for s in RuleScope}
_POLICIES = {p.value: p for p in LatePolicy}


def _rule(row: Any) -> Rule:
    values = {k: v for k, v in row._mapping.items() if k != "note"}
    values["kind"] = _KINDS[values["kind"]] if isinstance(values["kind"], str) else values["kind"]
    scope, policy = values["scope"], values["late_policy"]
    values["scope"] = _SCOPES[scope] if isinstance(scope, str) else scope
    values["late_policy"] = _POLICIES[policy] if isinstance(policy, str) else policy
    values["exempt_walk_ins"] = bool(values["exempt_walk_ins"])
    values["is_active"] = bool(values["is_active"])
    return Rule(**values)


def active_rules(conn: Connection, org_id: int) -> list[Rule]:
    """The clinic's rules in use (whatever their dates)."""
    statement = select(*_COLUMNS).where(_R.c.organization_id == org_id, _R.c.is_active.is_(True))
    return [_rule(r) for r in conn.execute(statement)]


def all_rules(conn: Connection, org_id: int) -> list[tuple[Rule, str]]:
    """Every rule of the clinic, switched off ones included, with its note; by kind."""
    statement = (
        select(*_COLUMNS, _R.c.note)
        .where(_R.c.organization_id == org_id)
        .order_by(_R.c.kind, _R.c.priority.desc(), _R.c.id)
    )
    return [(_rule(r), r.note) for r in conn.execute(statement)]


def rule(conn: Connection, org_id: int, rule_id: int) -> Rule | None:
    statement = select(*_COLUMNS).where(_R.c.organization_id == org_id, _R.c.id == rule_id)
    found = conn.execute(statement).first()
    return None if found is None else _rule(found)


def insert_rule(conn: Connection, org_id: int, values: dict[str, Any], now: datetime) -> int:
    row = {**values, "organization_id": org_id, "created_at": now, "updated_at": now}
    new_id = conn.execute(insert(_R).values(row).returning(_R.c.id)).scalar_one()
    bump_version(conn, org_id)
    return int(new_id)


def update_rule(
    conn: Connection, org_id: int, rule_id: int, values: dict[str, Any], now: datetime
) -> bool:
    """Change the rule ``rule_id``; False when the clinic has no such rule."""
    result = conn.execute(
        update(_R)
        .where(_R.c.organization_id == org_id, _R.c.id == rule_id)
        .values({**values, "updated_at": now})
    )
    bump_version(conn, org_id)
    return bool(result.rowcount)
