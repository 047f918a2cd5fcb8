"""Find a time and Assign to under the booking rules: with a minimum notice, a maximum
horizon, a service's buffers or a limit of appointments at once in force, the times
offered are exactly those trying every slot through the booking check gives, and who
could take an appointment is what the booking check says; on both databases."""

from __future__ import annotations

import contextlib
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import pytest

from scheduler_app.db.engine import Database
from scheduler_app.domain.localtime import localize
from scheduler_app.domain.rules import RuleKind, RuleScope
from scheduler_app.errors import ConflictError, ValidationError
from scheduler_app.services import availability
from scheduler_app.services.dto import BookingRequest, ServiceDetails
from scheduler_app.services.free_times import FreeTime, FreeTimeRequest
from scheduler_app.services.rules import RuleDetails
from tests.conftest import Clinic, make_clinic

MONDAY = date(2026, 3, 2)  # "now" is Monday 2 March 2026, 07:00 in Lisbon


@pytest.fixture
def clinic_day(database: Database) -> Clinic:
    clinic = make_clinic(database, around_the_clock=False)  # open 8:00-19:00
    clinic.sign_in(clinic.admin)
    return clinic


def _service(clinic: Clinic, name: str, minutes: int = 30) -> int:
    details = ServiceDetails(name, minutes, Decimal("40.00"), "EUR", "#3366cc")
    return clinic.services.catalog.add(clinic.admin, details).id


def _rule(clinic: Clinic, kind: RuleKind, **values: object) -> int:
    return clinic.services.rules.add(clinic.admin, RuleDetails(kind, **values)).id  # type: ignore[arg-type]


def _book(
    clinic: Clinic, start: datetime, minutes: int, prof: int | None, service: int | None = None
) -> int:
    request = BookingRequest(
        start=start,
        end=start + timedelta(minutes=minutes),
        professional_id=prof,
        service_id=service,
    )
    return clinic.booking.book(clinic.admin, request).id


def every_slot(clinic: Clinic, request: FreeTimeRequest) -> list[tuple]:
    """Every slot of every day, each professional in turn, through the booking check
    (with the service asked for)."""
    profs = request.professional_ids or tuple(p.id for p in clinic.directory.professionals())
    found: list[tuple] = []
    day = request.first_day
    while day <= request.last_day and len(found) < request.limit:
        for minute in range(0, 24 * 60, 15):
            clock = time(minute // 60, minute % 60)
            if not request.earliest <= clock <= request.latest:
                continue
            start = localize(day, clock, clinic.tz)
            if start <= clinic.clock.now:
                continue
            end = start + timedelta(minutes=request.minutes)
            for prof in profs:
                check = clinic.booking.check_availability(
                    start, end, prof, service_id=request.service_id
                )
                if check.ok:
                    found.append((start, prof))
                    break
            if len(found) == request.limit:
                break
        day += timedelta(days=1)
    return found


def _pairs(found: list[FreeTime]) -> list[tuple]:
    return [(f.start, f.professional_id) for f in found]


def _same_as_every_slot(clinic: Clinic, request: FreeTimeRequest) -> list[tuple]:
    found = _pairs(clinic.services.free_times.find(request))
    assert found == every_slot(clinic, request)
    return found


def _fill(clinic: Clinic, seed: int, profs: list[int], services: list[int | None]) -> None:
    rng = random.Random(seed)
    for _ in range(30):
        start = clinic.at(rng.randrange(3, 5), rng.randrange(8, 18), rng.choice([0, 15, 30, 45]))
        with contextlib.suppress(ConflictError, ValidationError):
            _book(clinic, start, rng.choice([30, 45, 60]), rng.choice(profs), rng.choice(services))


# -- Find a time ---------------------------------------------------------------------


def test_minimum_notice(clinic_day: Clinic) -> None:
    clinic = clinic_day
    clinic.professionals("Dr Silva", "Tom Becker")
    _rule(clinic, RuleKind.MIN_NOTICE, notice_minutes=26 * 60)
    request = FreeTimeRequest(minutes=30, first_day=MONDAY, last_day=date(2026, 3, 4), limit=6)
    found = _same_as_every_slot(clinic, request)
    assert found and found[0][0] == clinic.at(3, 9)  # 26 hours after Monday 07:00


def test_minimum_notice_with_walk_ins_exempted(database: Database) -> None:
    clinic = make_clinic(database)  # open around the clock
    clinic.sign_in(clinic.admin)
    clinic.professionals("Dr Silva")
    _rule(clinic, RuleKind.MIN_NOTICE, notice_minutes=4 * 60, exempt_walk_ins=True)
    request = FreeTimeRequest(minutes=30, first_day=MONDAY, last_day=MONDAY, limit=3)
    found = _same_as_every_slot(clinic, request)
    assert [start for start, _p in found] == [
        clinic.at(2, 7, 15),
        clinic.at(2, 11),
        clinic.at(2, 11, 15),
    ]


def test_maximum_horizon(clinic_day: Clinic) -> None:
    clinic = clinic_day
    clinic.professionals("Dr Silva")
    _rule(clinic, RuleKind.MAX_HORIZON, horizon_days=2)
    request = FreeTimeRequest(
        minutes=30,
        first_day=MONDAY,
        last_day=date(2026, 3, 10),
        earliest=time(18),
        latest=time(18),
        limit=10,
    )
    found = _same_as_every_slot(clinic, request)
    assert [start for start, _p in found] == [clinic.at(2, 18), clinic.at(3, 18)]


def test_days_beyond_the_horizon_are_not_read(
    clinic_day: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    clinic = clinic_day
    clinic.professionals("Dr Silva")
    _rule(clinic, RuleKind.MAX_HORIZON, horizon_days=2)
    days_read: list[int] = []
    gather = availability.gather

    def counted(*args: Any, **kwargs: Any) -> availability.World:
        days_read.append(1)
        return gather(*args, **kwargs)

    monkeypatch.setattr(availability, "gather", counted)
    request = FreeTimeRequest(
        minutes=30,
        first_day=MONDAY,
        last_day=date(2026, 5, 31),
        earliest=time(18),
        latest=time(18),
        limit=10,
    )
    assert len(clinic.services.free_times.find(request)) == 2  # Monday and Tuesday at 18:00
    assert len(days_read) == 2  # not the 89 days after


@pytest.mark.parametrize("seed", range(2))
def test_buffers_of_the_service_searched_for(clinic_day: Clinic, seed: int) -> None:
    clinic = clinic_day
    profs = clinic.professionals("Dr Silva", "Tom Becker")
    laser = _service(clinic, "Laser", 45)
    _fill(clinic, seed, profs, [None, laser])
    _rule(
        clinic,
        RuleKind.BUFFER,
        scope=RuleScope.SERVICE,
        service_id=laser,
        before_minutes=30,
        after_minutes=15,
    )
    for chosen in ((), (profs[0],)):
        request = FreeTimeRequest(
            minutes=45,
            first_day=date(2026, 3, 3),
            last_day=date(2026, 3, 4),
            professional_ids=chosen,
            service_id=laser,
            limit=40,
        )
        found = _same_as_every_slot(clinic, request)
        assert clinic.at(3, 8) not in [start for start, _p in found]  # before opening


def test_a_limit_of_appointments_at_once_in_the_clinic(clinic_day: Clinic) -> None:
    clinic = clinic_day
    silva, tom = clinic.professionals("Dr Silva", "Tom Becker")
    _book(clinic, clinic.at(3, 9), 60, silva)
    _rule(clinic, RuleKind.CAPACITY, max_at_once=1)
    for chosen in ((), (tom,)):
        request = FreeTimeRequest(
            minutes=30,
            first_day=date(2026, 3, 3),
            last_day=date(2026, 3, 3),
            professional_ids=chosen,
            earliest=time(8),
            latest=time(11),
            limit=20,
        )
        found = _same_as_every_slot(clinic, request)
        assert [start for start, _p in found] == [
            clinic.at(3, 8),
            clinic.at(3, 8, 15),
            clinic.at(3, 8, 30),
            clinic.at(3, 10),
            clinic.at(3, 10, 15),
            clinic.at(3, 10, 30),
            clinic.at(3, 10, 45),
            clinic.at(3, 11),
        ]


def test_a_limit_of_appointments_at_once_for_a_service(clinic_day: Clinic) -> None:
    clinic = clinic_day
    silva, _tom = clinic.professionals("Dr Silva", "Tom Becker")
    laser = _service(clinic, "Laser")
    _book(clinic, clinic.at(3, 9), 60, silva, laser)
    _rule(clinic, RuleKind.CAPACITY, scope=RuleScope.SERVICE, service_id=laser, max_at_once=1)
    asked = dict(minutes=30, first_day=date(2026, 3, 3), last_day=date(2026, 3, 3), limit=20)
    window = dict(earliest=time(8, 30), latest=time(10))
    with_laser = _same_as_every_slot(clinic, FreeTimeRequest(**asked, **window, service_id=laser))  # type: ignore[arg-type]
    assert [start for start, _p in with_laser] == [clinic.at(3, 8, 30), clinic.at(3, 10)]
    other = _same_as_every_slot(clinic, FreeTimeRequest(**asked, **window))  # type: ignore[arg-type]
    assert len(other) == 7  # another service is not limited


# -- Assign to -------------------------------------------------------------------------


def _agrees_with_the_booking_check(
    clinic: Clinic, appointment: int, start: datetime, end: datetime
) -> dict[int, bool]:
    verdicts = clinic.services.free_times.who_can_take(appointment, start, end)
    can = {a.professional_id: a.refusal is None for a in verdicts}
    checked = {
        p: clinic.booking.check_availability(start, end, p, appointment_id=appointment).ok
        for p in can
    }
    assert can == checked
    for a in verdicts:
        assert (a.refusal is None) == (a.message == "")
    return can


def test_who_can_take_meets_the_buffers(clinic_day: Clinic) -> None:
    clinic = clinic_day
    silva, tom = clinic.professionals("Dr Silva", "Tom Becker")
    laser = _service(clinic, "Laser")
    _rule(clinic, RuleKind.BUFFER, scope=RuleScope.SERVICE, service_id=laser, before_minutes=30)
    _book(clinic, clinic.at(3, 9), 45, tom)  # ends 9:45, inside the buffer before 10:00
    target = _book(clinic, clinic.at(3, 10), 30, None, laser)
    can = _agrees_with_the_booking_check(clinic, target, clinic.at(3, 10), clinic.at(3, 10, 30))
    assert can == {silva: True, tom: False}


def test_who_can_take_meets_a_limit(clinic_day: Clinic) -> None:
    clinic = clinic_day
    silva, tom = clinic.professionals("Dr Silva", "Tom Becker")
    _book(clinic, clinic.at(3, 10), 30, silva)
    target = _book(clinic, clinic.at(3, 10), 30, None)
    _rule(clinic, RuleKind.CAPACITY, max_at_once=1)  # set after both were booked
    can = _agrees_with_the_booking_check(clinic, target, clinic.at(3, 10), clinic.at(3, 10, 30))
    assert can == {silva: False, tom: False}


def test_who_can_take_meets_the_notice_at_a_new_time(clinic_day: Clinic) -> None:
    clinic = clinic_day
    silva, tom = clinic.professionals("Dr Silva", "Tom Becker")
    target = _book(clinic, clinic.at(3, 10), 30, None)
    _rule(clinic, RuleKind.MIN_NOTICE, notice_minutes=48 * 60)
    same = _agrees_with_the_booking_check(clinic, target, clinic.at(3, 10), clinic.at(3, 10, 30))
    assert same == {silva: True, tom: True}  # where it is: the notice was met when booked
    moved = _agrees_with_the_booking_check(clinic, target, clinic.at(3, 12), clinic.at(3, 12, 30))
    assert moved == {silva: False, tom: False}
