"""Booking rules: notice, horizon, cancellation deadline, buffers, capacity limits.

A rule has a kind, a scope (the whole clinic, one professional or one service),
the dates it is valid on (the appointment's local date, both ends included) and a
priority. Of the rules of one kind that apply to an appointment, the one with the
highest priority is in force; on equal priority a narrower scope (a service or a
professional) wins over the clinic's, then the rule created last.

Capacity limits are the exception: the clinic's limit and each service's limit
hold side by side (the one in force for each).

Buffers make an appointment *occupy* its professional longer than it lasts:
``[start - before, end + after)``. That occupied range is what the availability
rules (R0, R1, R2) and the database's overlap guard see.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from scheduler_app.domain.capacity import Demand

#: A booking starting within this of now is a walk-in ("now").
WALK_IN = timedelta(minutes=15)
#: The longest buffer before or after an appointment (bounds the window reads).
MAX_BUFFER_MINUTES = 120
#: The longest notice, deadline and horizon a rule may ask for.
MAX_NOTICE_MINUTES = 60 * 24 * 60
MAX_HORIZON_DAYS = 5 * 366
MAX_AT_ONCE = 10_000


class RuleKind(StrEnum):
    MIN_NOTICE = "min_notice"
    MAX_HORIZON = "max_horizon"
    CANCELLATION = "cancellation"
    BUFFER = "buffer"
    CAPACITY = "capacity"


class RuleScope(StrEnum):
    CLINIC = "clinic"
    PROFESSIONAL = "professional"
    SERVICE = "service"


class LatePolicy(StrEnum):
    """What happens to a cancellation after the deadline."""

    FLAG = "flag"  # allowed, and marked as late
    REFUSE = "refuse"


@dataclass(frozen=True, slots=True)
class Rule:
    """One booking rule as stored (only the fields of its kind matter)."""

    id: int
    kind: RuleKind
    scope: RuleScope = RuleScope.CLINIC
    professional_id: int | None = None
    service_id: int | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    priority: int = 0
    notice_minutes: int = 0  # MIN_NOTICE: how long before; CANCELLATION: the deadline
    horizon_days: int = 0  # MAX_HORIZON
    exempt_walk_ins: bool = False  # MIN_NOTICE
    late_policy: LatePolicy = LatePolicy.FLAG  # CANCELLATION
    before_minutes: int = 0  # BUFFER
    after_minutes: int = 0  # BUFFER
    max_at_once: int = 0  # CAPACITY
    is_active: bool = True

    def applies(self, day: date, professional: int | None, service: int | None) -> bool:
        if not self.is_active:
            return False
        if self.valid_from is not None and day < self.valid_from:
            return False
        if self.valid_until is not None and day > self.valid_until:
            return False
        if self.scope is RuleScope.PROFESSIONAL:
            return professional is not None and professional == self.professional_id
        if self.scope is RuleScope.SERVICE:
            return service is not None and service == self.service_id
        return True


def _rank(rule: Rule) -> tuple[int, int, int]:
    return (rule.priority, rule.scope is not RuleScope.CLINIC, rule.id)


def in_force(
    rules: Iterable[Rule],
    kind: RuleKind,
    day: date,
    professional: int | None = None,
    service: int | None = None,
) -> Rule | None:
    """The rule of ``kind`` in force for an appointment on ``day`` (None: no such rule)."""
    found = [r for r in rules if r.kind is kind and r.applies(day, professional, service)]
    return max(found, key=_rank) if found else None


def buffers(
    rules: Iterable[Rule], day: date, professional: int | None, service: int | None
) -> tuple[int, int]:
    """Minutes the appointment occupies its professional before and after it."""
    rule = in_force(rules, RuleKind.BUFFER, day, professional, service)
    return (rule.before_minutes, rule.after_minutes) if rule is not None else (0, 0)


def occupied(
    key: int, start: int, end: int, professional: int | None, before: int, after: int
) -> Demand:
    """The appointment ``[start, end)`` (epoch seconds) as the range it occupies."""
    return Demand(key, start - before * 60, end + after * 60, professional)


# -- notice and horizon --------------------------------------------------------


def notice_refusal(rule: Rule | None, now: datetime, start: datetime) -> str | None:
    """Why a booking at ``start`` comes too late under the minimum-notice ``rule``."""
    if rule is None or rule.notice_minutes <= 0:
        return None
    if rule.exempt_walk_ins and start <= now + WALK_IN:
        return None
    if start - now >= timedelta(minutes=rule.notice_minutes):
        return None
    return f"Bookings need {lead_words(rule.notice_minutes)} notice."


def horizon_refusal(rule: Rule | None, now: datetime, start: datetime) -> str | None:
    """Why a booking at ``start`` is too far ahead under the maximum-horizon ``rule``."""
    if rule is None or rule.horizon_days <= 0:
        return None
    if start - now <= timedelta(days=rule.horizon_days):
        return None
    days = rule.horizon_days
    return f"Bookings open at most {days} day{'s' if days != 1 else ''} ahead."


class Cancellation(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"  # allowed, marked as late
    REFUSED = "refused"


def cancellation(rule: Rule | None, now: datetime, start: datetime) -> Cancellation:
    """Whether cancelling an appointment starting at ``start`` is on time, late or refused."""
    if rule is None or rule.notice_minutes <= 0:
        return Cancellation.ON_TIME
    if start - now >= timedelta(minutes=rule.notice_minutes):
        return Cancellation.ON_TIME
    return Cancellation.LATE if rule.late_policy is LatePolicy.FLAG else Cancellation.REFUSED


def cancellation_words(rule: Rule) -> str:
    return f"Cancellations need {lead_words(rule.notice_minutes)} notice."


def lead_words(minutes: int) -> str:
    """ "2 hours'", "30 minutes'", "1 day's", "1 hour 30 minutes'" (before "notice")."""
    if minutes % (60 * 24) == 0:
        n, unit = minutes // (60 * 24), "day"
    elif minutes % 60 == 0:
        n, unit = minutes // 60, "hour"
    elif minutes > 60:
        hours, rest = divmod(minutes, 60)
        return f"{hours} hour{'s' if hours != 1 else ''} {rest} minutes'"
    else:
        n, unit = minutes, "minute"
    return f"{n} {unit}'s" if n == 1 else f"{n} {unit}s'"


# -- capacity limits -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Limit:
    """At most ``max_at_once`` appointments at once: in the clinic (service None) or of
    one service."""

    max_at_once: int
    service: int | None = None
    rule_id: int = 0


@dataclass(frozen=True, slots=True)
class LimitBreach:
    limit: Limit
    at: int  # the first instant (epoch seconds) over the limit
    count: int


def limits_in_force(rules: Sequence[Rule], day: date) -> list[Limit]:
    """The clinic's limit and each service's limit in force on ``day``."""
    services = {r.service_id for r in rules if r.kind is RuleKind.CAPACITY}
    out = []
    for service in sorted(services, key=lambda s: -1 if s is None else s):
        scoped = [
            r
            for r in rules
            if r.kind is RuleKind.CAPACITY
            and r.scope in (RuleScope.CLINIC, RuleScope.SERVICE)
            and r.service_id == service
        ]
        rule = in_force(scoped, RuleKind.CAPACITY, day, None, service)
        if rule is not None:
            out.append(Limit(rule.max_at_once, service, rule.id))
    return out


def limit_breach(
    limits: Sequence[Limit],
    moved: Sequence[tuple[Demand, int | None]],
    others: Iterable[tuple[Demand, int | None]],
) -> LimitBreach | None:
    """The first limit that the ``moved`` appointments (with their services) break among
    the ``others`` active ones (the moved ones' old places among them are ignored).

    Only instants inside a moved appointment can have become too crowded; the count
    at an instant is highest at some appointment's start, so those are tried.
    """
    keys = {d.key for d, _s in moved}
    everyone = [(d, s) for d, s in others if d.key not in keys] + list(moved)
    for limit in limits:
        counted = [d for d, s in everyone if limit.service is None or s == limit.service]
        mine = [d for d, s in moved if limit.service is None or s == limit.service]
        instants = sorted(
            {d.start for d in counted if any(m.start <= d.start < m.end for m in mine)}
        )
        for at in instants:
            count = sum(1 for d in counted if d.start <= at < d.end)
            if count > limit.max_at_once:
                return LimitBreach(limit, at, count)
    return None


# -- checking and describing rules -----------------------------------------------


def rule_problem(rule: Rule) -> tuple[str, str] | None:
    """Why ``rule`` cannot be kept, as (field, message) for the settings page."""
    if rule.scope is RuleScope.PROFESSIONAL and rule.professional_id is None:
        return "professional_id", "Choose the professional the rule is for."
    if rule.scope is RuleScope.SERVICE and rule.service_id is None:
        return "service_id", "Choose the service the rule is for."
    if rule.kind is RuleKind.CAPACITY and rule.scope is RuleScope.PROFESSIONAL:
        return "scope", "A limit of appointments at once is for the clinic or for a service."
    if rule.valid_from and rule.valid_until and rule.valid_until < rule.valid_from:
        return "valid_until", "The rule must end on or after the day it starts."
    kind = rule.kind
    if kind in (RuleKind.MIN_NOTICE, RuleKind.CANCELLATION):
        if not 0 < rule.notice_minutes <= MAX_NOTICE_MINUTES:
            return "notice_minutes", "Give the notice: between 1 minute and 60 days."
    elif kind is RuleKind.MAX_HORIZON:
        if not 0 < rule.horizon_days <= MAX_HORIZON_DAYS:
            return "horizon_days", f"Give how many days ahead: 1 to {MAX_HORIZON_DAYS}."
    elif kind is RuleKind.BUFFER:
        for name, value in (
            ("before_minutes", rule.before_minutes),
            ("after_minutes", rule.after_minutes),
        ):
            if not 0 <= value <= MAX_BUFFER_MINUTES:
                return name, f"A buffer is 0 to {MAX_BUFFER_MINUTES} minutes."
        if not rule.before_minutes and not rule.after_minutes:
            return "before_minutes", "Give a buffer before or after the appointment."
    elif kind is RuleKind.CAPACITY and not 0 < rule.max_at_once <= MAX_AT_ONCE:
        return "max_at_once", f"Give how many at once: 1 to {MAX_AT_ONCE:,}."
    return None


def rule_words(rule: Rule) -> str:
    """What the rule says, as the settings page lists it (without its scope and dates)."""
    kind = rule.kind
    if kind is RuleKind.MIN_NOTICE:
        walk_ins = " (walk-ins excepted)" if rule.exempt_walk_ins else ""
        return f"Bookings need {lead_words(rule.notice_minutes)} notice{walk_ins}."
    if kind is RuleKind.MAX_HORIZON:
        days = rule.horizon_days
        return f"Bookings open at most {days} day{'s' if days != 1 else ''} ahead."
    if kind is RuleKind.CANCELLATION:
        later = "are refused" if rule.late_policy is LatePolicy.REFUSE else "are marked late"
        return f"{cancellation_words(rule)} Later cancellations {later}."
    if kind is RuleKind.BUFFER:
        return (
            f"Keep {rule.before_minutes} minutes free before and "
            f"{rule.after_minutes} minutes after each appointment."
        )
    most = rule.max_at_once
    return f"At most {most} appointment{'s' if most != 1 else ''} at once."
