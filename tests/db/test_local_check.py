"""The desk's own hover check (`services.local_check`) against the services' check, on
both databases: on a day with working plans, an absence, buffers, notice and a
capacity limit, random places and groups get the same answer and the same words,
and deciding them reads nothing from the database."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, time, timedelta

import pytest
from sqlalchemy import event

from scheduler_app.domain.localtime import day_bounds
from scheduler_app.domain.rules import RuleKind, RuleScope
from scheduler_app.domain.working_time import TimeOffKind, WeeklyRange
from scheduler_app.errors import SchedulerError, ValidationError
from scheduler_app.services import local_check
from scheduler_app.services.dto import AppointmentView, MoveRequest
from tests.conftest import Clinic
from tests.db.test_booking_rules import book, rule, service

WEDNESDAY = date(2026, 3, 4)


@contextmanager
def counted_statements(clinic: Clinic) -> Iterator[list[str]]:
    """Every statement sent to the clinic's database meanwhile, by either engine, and
    every connection taken from their pools (the hot path's reads go straight through
    the driver's cursor, which statement events do not see)."""
    seen: list[str] = []
    database = clinic.services.database
    engines = {id(e): e for e in (database.engine, database.reader)}.values()

    def note(*args: object) -> None:
        seen.append(str(args[2]))

    def checkout(*_args: object) -> None:
        seen.append("a connection taken from the pool")

    for engine in engines:
        event.listen(engine, "before_cursor_execute", note)
        event.listen(engine, "checkout", checkout)
    try:
        yield seen
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", note)
            event.remove(engine, "checkout", checkout)


@pytest.fixture
def busy_wednesday(clinic: Clinic) -> tuple[Clinic, list[int], list[AppointmentView]]:
    """Three professionals (one works mornings, one is away at noon), a service with
    buffers, two hours' notice, at most three appointments at once, and a day booked
    with assigned and unassigned appointments."""
    silva, costa, rocha = clinic.professionals("Dr Silva", "Dr Costa", "Dr Rocha")
    ws = clinic.services.working_time
    ws.set_opening_hours(clinic.admin, {d: [(time(8), time(19))] for d in range(7)})
    ws.set_weekly_plan(clinic.admin, costa, [WeeklyRange(d, time(8), time(13)) for d in range(7)])
    ws.add_time_off(
        clinic.admin,
        clinic.at(4, 12),
        clinic.at(4, 14),
        professional_id=rocha,
        kind=TimeOffKind.ABSENCE,
        reason="Dentist",
    )
    cleaning = service(clinic, "Cleaning", 30)
    rule(
        clinic,
        RuleKind.BUFFER,
        scope=RuleScope.SERVICE,
        service_id=cleaning,
        before_minutes=10,
        after_minutes=15,
    )
    rule(clinic, RuleKind.MIN_NOTICE, notice_minutes=120)
    rule(clinic, RuleKind.CAPACITY, max_at_once=3)
    booked = [
        book(clinic, clinic.at(4, 9), clinic.at(4, 10), silva),
        book(clinic, clinic.at(4, 10, 15), clinic.at(4, 10, 45), silva, service_id=cleaning),
        book(clinic, clinic.at(4, 9, 30), clinic.at(4, 11), costa),
        book(clinic, clinic.at(4, 10, 30), clinic.at(4, 11, 30), rocha, service_id=cleaning),
        book(clinic, clinic.at(4, 8), clinic.at(4, 9, 15)),
        book(clinic, clinic.at(4, 15), clinic.at(4, 16, 30)),
        book(clinic, clinic.at(4, 15, 30), clinic.at(4, 16), silva),
    ]
    return clinic, [silva, costa, rocha], booked


def snapshot_of(clinic: Clinic, day: date) -> local_check.Snapshot:
    start, end = day_bounds(day, clinic.tz)
    return clinic.booking.decision_snapshot(start, end)


def test_random_places_get_the_services_answer_and_words(
    busy_wednesday: tuple[Clinic, list[int], list[AppointmentView]],
) -> None:
    clinic, professionals, booked = busy_wednesday
    snapshot = snapshot_of(clinic, WEDNESDAY)
    start, end = day_bounds(WEDNESDAY, clinic.tz)
    assert snapshot.appointments == clinic.booking.appointments_between(start, end)
    ctx = clinic.services.context
    rng = random.Random(17)
    refused = 0
    for _ in range(150):
        start = clinic.at(4, 7) + timedelta(minutes=15 * rng.randrange(52))
        end = start + timedelta(minutes=15 * rng.randrange(1, 9))
        who = rng.choice([None, *professionals])
        moving = rng.choice([None, None, *booked])
        key = moving.id if moving is not None else None
        with counted_statements(clinic) as statements:
            mine = local_check.check_availability(snapshot, ctx, start, end, who, key)
        assert statements == []
        theirs = clinic.booking.check_availability(start, end, who, key)
        assert mine == theirs, (start, end, who, key)
        refused += not mine.ok
    assert 20 < refused < 140  # both kinds of answer were tried


def test_random_groups_get_the_services_answer_and_words(
    busy_wednesday: tuple[Clinic, list[int], list[AppointmentView]],
) -> None:
    clinic, professionals, booked = busy_wednesday
    snapshot = snapshot_of(clinic, WEDNESDAY)
    ctx = clinic.services.context
    rng = random.Random(5)
    for _ in range(60):
        shift = timedelta(minutes=15 * rng.randrange(-12, 24))
        moves = [
            MoveRequest(a.id, a.version, a.start + shift, a.end + shift, rng.choice(professionals))
            for a in rng.sample(booked, rng.randrange(1, 4))
        ]
        with counted_statements(clinic) as statements:
            mine = local_check.check_moves(snapshot, ctx, moves)
        assert statements == []
        assert mine == clinic.booking.check_moves(moves), moves


def test_a_time_outside_the_snapshot_is_left_to_the_drop(
    busy_wednesday: tuple[Clinic, list[int], list[AppointmentView]],
) -> None:
    clinic, professionals, _booked = busy_wednesday
    snapshot = snapshot_of(clinic, WEDNESDAY)
    ctx = clinic.services.context
    verdict = local_check.check_availability(
        snapshot, ctx, clinic.at(6, 10), clinic.at(6, 11), professionals[0]
    )
    assert verdict.reason == local_check.NOT_LOADED and not verdict.ok


def test_a_period_longer_than_two_months_is_refused(clinic: Clinic) -> None:
    with pytest.raises(ValidationError, match="within 62 days"):
        clinic.booking.decision_snapshot(clinic.at(1, 0), clinic.at(1, 0) + timedelta(days=70))
    with pytest.raises(SchedulerError):
        clinic.booking.decision_snapshot(clinic.at(2, 0), clinic.at(1, 0))
