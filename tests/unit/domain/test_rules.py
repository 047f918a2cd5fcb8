"""Booking rules: which rule is in force, their words, and the decision with buffers,
capacity limits and a manager's placement outside working time, against brute force."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler_app.domain.capacity import Demand, Proposal, decide
from scheduler_app.domain.rules import (
    Cancellation,
    LatePolicy,
    Limit,
    Rule,
    RuleKind,
    RuleScope,
    cancellation,
    horizon_refusal,
    in_force,
    lead_words,
    limit_breach,
    limits_in_force,
    notice_refusal,
    occupied,
    rule_problem,
)
from tests.unit.domain.test_capacity import _merge, feasible

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DAY = date(2026, 3, 4)


# -- the rule in force ------------------------------------------------------------


@st.composite
def rule_sets(draw: st.DrawFn) -> list[Rule]:
    rules = []
    for key in range(1, draw(st.integers(0, 8)) + 1):
        scope = draw(st.sampled_from(list(RuleScope)))
        first = draw(st.one_of(st.none(), st.integers(0, 6)))
        length = draw(st.one_of(st.none(), st.integers(0, 6)))
        rules.append(
            Rule(
                key,
                draw(st.sampled_from([RuleKind.MIN_NOTICE, RuleKind.BUFFER])),
                scope,
                professional_id=draw(st.integers(1, 2))
                if scope is RuleScope.PROFESSIONAL
                else None,
                service_id=draw(st.integers(1, 2)) if scope is RuleScope.SERVICE else None,
                valid_from=None if first is None else DAY + timedelta(days=first - 3),
                valid_until=(
                    None if length is None else DAY + timedelta(days=(first or 0) - 3 + length)
                ),
                priority=draw(st.integers(0, 2)),
                is_active=draw(st.booleans()),
            )
        )
    return rules


def _oracle(rules: list[Rule], kind: RuleKind, day: date, prof: int, service: int) -> Rule | None:
    """The rule in force, by the documented order, tried one by one."""
    best: Rule | None = None
    for r in rules:
        if r.kind is not kind or not r.is_active:
            continue
        if (r.valid_from and day < r.valid_from) or (r.valid_until and day > r.valid_until):
            continue
        if r.scope is RuleScope.PROFESSIONAL and r.professional_id != prof:
            continue
        if r.scope is RuleScope.SERVICE and r.service_id != service:
            continue
        if best is None:
            best = r
            continue
        narrow, best_narrow = r.scope is not RuleScope.CLINIC, best.scope is not RuleScope.CLINIC
        if (r.priority, narrow, r.id) > (best.priority, best_narrow, best.id):
            best = r
    return best


@settings(max_examples=500, deadline=None)
@given(rule_sets(), st.integers(-4, 4), st.integers(1, 2), st.integers(1, 2))
def test_the_rule_in_force_agrees_with_trying_each(
    rules: list[Rule], offset: int, prof: int, service: int
) -> None:
    day = DAY + timedelta(days=offset)
    for kind in (RuleKind.MIN_NOTICE, RuleKind.BUFFER):
        assert in_force(rules, kind, day, prof, service) == _oracle(rules, kind, day, prof, service)


def test_a_narrower_rule_wins_on_equal_priority_and_a_higher_priority_wins() -> None:
    clinic = Rule(1, RuleKind.MIN_NOTICE, notice_minutes=60)
    silva = Rule(2, RuleKind.MIN_NOTICE, RuleScope.PROFESSIONAL, professional_id=7)
    urgent = Rule(3, RuleKind.MIN_NOTICE, priority=1, valid_until=DAY)
    assert in_force([clinic, silva], RuleKind.MIN_NOTICE, DAY, 7) == silva
    assert in_force([clinic, silva], RuleKind.MIN_NOTICE, DAY, 8) == clinic
    assert in_force([clinic, silva, urgent], RuleKind.MIN_NOTICE, DAY, 7) == urgent
    later = DAY + timedelta(days=1)
    assert in_force([clinic, silva, urgent], RuleKind.MIN_NOTICE, later, 7) == silva


# -- notice, horizon, cancellation --------------------------------------------------


def test_notice_horizon_and_cancellation_at_their_edges() -> None:
    notice = Rule(1, RuleKind.MIN_NOTICE, notice_minutes=120)
    assert notice_refusal(notice, NOW, NOW + timedelta(minutes=120)) is None
    assert notice_refusal(notice, NOW, NOW + timedelta(minutes=119)) == (
        "Bookings need 2 hours' notice."
    )
    walk_ins = Rule(1, RuleKind.MIN_NOTICE, notice_minutes=120, exempt_walk_ins=True)
    assert notice_refusal(walk_ins, NOW, NOW + timedelta(minutes=15)) is None
    assert notice_refusal(walk_ins, NOW, NOW + timedelta(minutes=16)) is not None
    horizon = Rule(2, RuleKind.MAX_HORIZON, horizon_days=90)
    assert horizon_refusal(horizon, NOW, NOW + timedelta(days=90)) is None
    assert horizon_refusal(horizon, NOW, NOW + timedelta(days=90, seconds=1)) == (
        "Bookings open at most 90 days ahead."
    )
    flag = Rule(3, RuleKind.CANCELLATION, notice_minutes=1440)
    refuse = Rule(3, RuleKind.CANCELLATION, notice_minutes=1440, late_policy=LatePolicy.REFUSE)
    assert cancellation(flag, NOW, NOW + timedelta(days=1)) is Cancellation.ON_TIME
    assert cancellation(flag, NOW, NOW + timedelta(hours=23)) is Cancellation.LATE
    assert cancellation(refuse, NOW, NOW + timedelta(hours=23)) is Cancellation.REFUSED
    assert cancellation(None, NOW, NOW) is Cancellation.ON_TIME


def test_lead_times_in_words() -> None:
    assert [lead_words(m) for m in (1, 30, 60, 90, 120, 1440, 2880)] == [
        "1 minute's",
        "30 minutes'",
        "1 hour's",
        "1 hour 30 minutes'",
        "2 hours'",
        "1 day's",
        "2 days'",
    ]


def test_rules_that_cannot_be_kept_name_their_field() -> None:
    assert rule_problem(Rule(1, RuleKind.MIN_NOTICE))[0] == "notice_minutes"  # type: ignore[index]
    assert rule_problem(Rule(1, RuleKind.BUFFER, before_minutes=121))[0] == "before_minutes"  # type: ignore[index]
    assert rule_problem(Rule(1, RuleKind.BUFFER, after_minutes=5)) is None
    late = Rule(
        1, RuleKind.MAX_HORIZON, horizon_days=5, valid_from=DAY, valid_until=date(2026, 1, 1)
    )
    assert rule_problem(late)[0] == "valid_until"  # type: ignore[index]


# -- capacity limits against counting every instant ----------------------------------


@st.composite
def crowds(
    draw: st.DrawFn,
) -> tuple[list[tuple[Demand, int | None]], list[tuple[Demand, int | None]]]:
    def one(key: int) -> tuple[Demand, int | None]:
        start = draw(st.integers(0, 20))
        return Demand(key, start, start + draw(st.integers(1, 6))), draw(
            st.sampled_from([None, 1, 2])
        )

    others = [one(k) for k in range(1, draw(st.integers(0, 8)) + 1)]
    moved = [one(k) for k in range(-1, -draw(st.integers(1, 3)) - 1, -1)]
    if others and draw(st.booleans()):  # an existing one moved
        key = others[0][0].key
        moved.append((one(key)[0], others[0][1]))
    return moved, others


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(crowds(), st.integers(1, 3), st.sampled_from([None, 1, 2]))
def test_a_limit_breach_agrees_with_counting_every_instant(
    crowd: tuple[list[tuple[Demand, int | None]], list[tuple[Demand, int | None]]],
    most: int,
    service: int | None,
) -> None:
    moved, others = crowd
    limit = Limit(most, service)
    keys = {d.key for d, _s in moved}
    after = [(d, s) for d, s in others if d.key not in keys] + moved

    def counted(s: int | None) -> bool:
        return service is None or s == service

    expected = any(
        sum(1 for d, s in after if counted(s) and d.start <= t < d.end) > most
        and any(counted(s) and d.start <= t < d.end for d, s in moved)
        for t in range(0, 40)
    )
    breach = limit_breach([limit], moved, others)
    assert (breach is not None) == expected
    if breach is not None:
        assert breach.count > most
        assert sum(1 for d, s in after if counted(s) and d.start <= breach.at < d.end) == (
            breach.count
        )


def test_the_clinic_and_each_service_have_their_limit_in_force() -> None:
    rules = [
        Rule(1, RuleKind.CAPACITY, max_at_once=5),
        Rule(2, RuleKind.CAPACITY, max_at_once=4, priority=1, valid_from=date(2026, 4, 1)),
        Rule(3, RuleKind.CAPACITY, RuleScope.SERVICE, service_id=9, max_at_once=1),
        Rule(4, RuleKind.BUFFER, after_minutes=5),
    ]
    assert limits_in_force(rules, DAY) == [Limit(5, None, 1), Limit(1, 9, 3)]
    assert limits_in_force(rules, date(2026, 4, 2))[0] == Limit(4, None, 2)


# -- the decision with buffers and a manager's placement outside working time --------


@st.composite
def buffered_days(draw: st.DrawFn):  # type: ignore[no-untyped-def]
    """Appointments (start, end, professional, before, after), professionals with time off."""
    professionals = list(range(1, draw(st.integers(1, 3)) + 1))
    booked = []
    for key in range(1, draw(st.integers(0, 5)) + 1):
        start = draw(st.integers(2, 16))
        booked.append(
            (
                key,
                start,
                start + draw(st.integers(1, 5)),
                draw(st.one_of(st.none(), st.sampled_from(professionals))),
                draw(st.integers(0, 2)),
                draw(st.integers(0, 2)),
            )
        )
    off = {}
    for p in professionals:
        spans = []
        for _ in range(draw(st.integers(0, 2))):
            s = draw(st.integers(0, 20))
            spans.append((s, s + draw(st.integers(1, 6))))
        off[p] = tuple(_merge(spans))
    return booked, off


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _brute(
    booked: list[tuple[int, int, int, int | None, int, int]],
    off: dict[int, tuple[tuple[int, int], ...]],
    anywhere: int | None = None,
) -> bool:
    """Every appointment with a professional free, on duty (unless ``anywhere``) and not
    holding two at once over ``[start - before, end + after)``; tried every way."""
    unassigned = [b for b in booked if b[3] is None]
    for choice in itertools.product(sorted(off), repeat=len(unassigned)):
        given = dict(zip((b[0] for b in unassigned), choice, strict=True))
        placed = [
            (k, s - bf, e + af, p if p is not None else given[k]) for k, s, e, p, bf, af in booked
        ]
        if any(
            k != anywhere and any(_overlap((s, e), span) for span in off[p])
            for k, s, e, p in placed
        ):
            continue
        if all(
            not (p1 == p2 and _overlap((s1, e1), (s2, e2)))
            for (_k1, s1, e1, p1), (_k2, s2, e2, p2) in itertools.combinations(placed, 2)
        ):
            return True
    return False


@settings(max_examples=700, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(buffered_days(), st.data())
def test_the_decision_with_buffers_agrees_with_brute_force(day, data) -> None:  # type: ignore[no-untyped-def]
    booked, off = day
    # Units are abstract here (`occupied` itself is checked in minutes below).
    others = [Demand(k, s - bf, e + af, p) for k, s, e, p, bf, af in booked]
    if not _brute(booked, off):  # only days that hold, as a schedule does before a change
        return
    start = data.draw(st.integers(0, 18))
    prof = data.draw(st.one_of(st.none(), st.sampled_from(sorted(off))))
    before, after = data.draw(st.integers(0, 2)), data.draw(st.integers(0, 2))
    new = (-1, start, start + data.draw(st.integers(1, 5)), prof, before, after)
    candidate = Demand(-1, new[1] - before, new[2] + after, prof)
    expected = _brute([*booked, new], off)
    assert (decide(Proposal((candidate,)), others, off) is None) == expected
    if new[3] is not None:  # a manager's placement outside working time: R0 not asked
        anywhere = Proposal((candidate,), anywhere=frozenset({-1}))
        assert (decide(anywhere, others, off) is None) == _brute([*booked, new], off, -1)


def test_occupied_adds_the_buffers_in_minutes() -> None:
    assert occupied(5, 3600, 5400, 2, 10, 15) == Demand(5, 3000, 6300, 2)


def test_the_brute_force_helper_of_capacity_agrees_on_plain_days() -> None:
    """The oracle above, without buffers, is the capacity tests' one."""
    slots = [Demand(1, 0, 2), Demand(2, 1, 3, 1)]
    booked = [(1, 0, 2, None, 0, 0), (2, 1, 3, 1, 0, 0)]
    off = {1: (), 2: ((0, 1),)}
    assert _brute(booked, off) == feasible(slots, off)


def test_seeded_random_days_with_buffers_agree_with_brute_force() -> None:
    """3,000 seeded days; about 1,250 hold before the change: both answers and the
    manager's placement outside working time occur many times."""
    rng = random.Random(1)
    outcomes = {"accepted": 0, "refused": 0, "only_outside_hours": 0}
    for _ in range(3000):
        profs = list(range(1, rng.randint(1, 3) + 1))
        booked = []
        for key in range(1, rng.randint(0, 5) + 1):
            s = rng.randint(2, 16)
            prof = rng.choice([None, *profs])
            booked.append(
                (key, s, s + rng.randint(1, 5), prof, rng.randint(0, 2), rng.randint(0, 2))
            )
        off = {}
        for p in profs:
            starts = [rng.randint(0, 20) for _ in range(rng.randint(0, 2))]
            off[p] = tuple(_merge([(a, a + rng.randint(1, 6)) for a in starts]))
        if not _brute(booked, off):
            continue
        s, prof = rng.randint(0, 18), rng.choice([None, *profs])
        before, after = rng.randint(0, 2), rng.randint(0, 2)
        new = (-1, s, s + rng.randint(1, 5), prof, before, after)
        candidate = Demand(-1, s - before, new[2] + after, prof)
        others = [Demand(k, a - bf, b + af, p) for k, a, b, p, bf, af in booked]
        fits = decide(Proposal((candidate,)), others, off) is None
        assert fits == _brute([*booked, new], off), (booked, off, new)
        outcomes["accepted" if fits else "refused"] += 1
        if prof is not None:
            anywhere = Proposal((candidate,), anywhere=frozenset({-1}))
            fits_anywhere = decide(anywhere, others, off) is None
            assert fits_anywhere == _brute([*booked, new], off, -1), (booked, off, new)
            outcomes["only_outside_hours"] += fits_anywhere and not fits
    assert min(outcomes.values()) > 100, outcomes
