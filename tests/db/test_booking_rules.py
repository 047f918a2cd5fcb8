"""Booking rules through the services, on both databases: notice and horizon, the
cancellation deadline, buffers (they occupy the professional, for the engine and
for the database's own guard), capacity limits, a manager's overrides; and random
days against a brute-force oracle that knows working time, buffers and limits."""

from __future__ import annotations

import itertools
import random
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import insert, select

from scheduler_app.db.base import table_of
from scheduler_app.db.engine import Database, open_database
from scheduler_app.db.models import Appointment, AuditEntry, Role
from scheduler_app.domain.rules import LatePolicy, RuleKind, RuleScope
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.domain.working_time import WeeklyRange
from scheduler_app.errors import ConflictError, PermissionDeniedError, ValidationError
from scheduler_app.services import unit_of_work
from scheduler_app.services.booking import BookingService
from scheduler_app.services.bundle import build_services
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import AppointmentView, BookingRequest, MoveRequest, ServiceDetails
from scheduler_app.services.rules import RuleDetails
from tests.conftest import Clinic, make_clinic, signed_in

WEDNESDAY = 4  # 4 March 2026; "now" is Mon 2 March 07:00 UTC (07:00 in Lisbon)
HALF_HOUR, HOUR = timedelta(minutes=30), timedelta(hours=1)


@pytest.fixture
def open_8_to_19(database: Database) -> Clinic:
    return make_clinic(database, around_the_clock=False)


def service(clinic: Clinic, name: str, minutes: int = 30) -> int:
    details = ServiceDetails(name, minutes, Decimal("40.00"), "EUR", "#3366cc")
    return clinic.services.catalog.add(clinic.admin, details).id


def rule(clinic: Clinic, kind: RuleKind, **values: object) -> int:
    return clinic.services.rules.add(clinic.admin, RuleDetails(kind, **values)).id  # type: ignore[arg-type]


def book(
    clinic: Clinic,
    start: datetime,
    end: datetime | None = None,
    prof: int | None = None,
    *,
    service_id: int | None = None,
    actor: int | None = None,
    override: str = "",
) -> AppointmentView:
    request = BookingRequest(
        start=start,
        end=end,
        professional_id=prof,
        service_id=service_id,
        override_reason=override,
    )
    return clinic.booking.book(clinic.sign_in(actor or clinic.admin), request)


# -- notice and horizon ------------------------------------------------------------


def test_minimum_notice_refuses_and_a_manager_overrides_with_a_reason(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    rule(clinic, RuleKind.MIN_NOTICE, notice_minutes=120)
    soon = clinic.clock.now + timedelta(hours=1)
    with pytest.raises(ConflictError, match=re.escape("Bookings need 2 hours' notice.")):
        book(clinic, soon, soon + timedelta(minutes=30), silva)
    later = clinic.clock.now + timedelta(hours=2)
    assert book(clinic, later, later + timedelta(minutes=30), silva)
    desk = clinic.add_staff("desk", Role.RECEPTION)
    with pytest.raises(PermissionDeniedError, match="Only a manager"):
        book(clinic, soon, soon + timedelta(minutes=30), silva, actor=desk, override="Urgent")
    manager = clinic.add_staff("boss", Role.MANAGER)
    booked = book(clinic, soon, soon + timedelta(minutes=30), silva, actor=manager, override="Pain")
    assert not booked.outside_hours  # inside working time: only the rule was overridden
    entry = _audit(clinic, booked.id, "override")
    assert entry == {
        "rules": ["Bookings need 2 hours' notice."],
        "outside_hours": False,
        "reason": "Pain",
    }


def test_walk_ins_now_can_be_exempted_from_the_notice(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    now = clinic.clock.now
    rule(clinic, RuleKind.MIN_NOTICE, notice_minutes=120, exempt_walk_ins=True)
    assert book(clinic, now + timedelta(minutes=5), now + timedelta(minutes=35), silva)
    with pytest.raises(ConflictError, match="Bookings need 2 hours' notice"):
        book(clinic, now + timedelta(minutes=60), now + timedelta(minutes=90), silva)


def test_maximum_horizon(clinic: Clinic) -> None:
    rule(clinic, RuleKind.MAX_HORIZON, horizon_days=90)
    clinic.professionals("Dr Silva")
    far = clinic.clock.now + timedelta(days=91)
    with pytest.raises(ConflictError, match=re.escape("Bookings open at most 90 days ahead.")):
        book(clinic, far, far + timedelta(hours=1))
    near = clinic.clock.now + timedelta(days=89)
    assert book(clinic, near, near + timedelta(hours=1))


def test_priority_scope_and_dates_choose_the_rule_in_force(clinic: Clinic) -> None:
    silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    rule(clinic, RuleKind.MIN_NOTICE, notice_minutes=24 * 60)
    rule(
        clinic,
        RuleKind.MIN_NOTICE,
        scope=RuleScope.PROFESSIONAL,
        professional_id=becker,
        notice_minutes=60,
        priority=5,
    )
    # From 5 March the clinic asks for 30 minutes only (a higher priority, dated).
    rule(clinic, RuleKind.MIN_NOTICE, notice_minutes=30, priority=9, valid_from=date(2026, 3, 5))
    at = clinic.clock.now + timedelta(hours=3)
    with pytest.raises(ConflictError, match="Bookings need 1 day's notice"):
        book(clinic, at, at + timedelta(minutes=30), silva)
    assert book(clinic, at, at + timedelta(minutes=30), becker)
    friday = clinic.at(6, 10)
    clinic.clock.now = friday - timedelta(minutes=45)
    assert book(clinic, friday, friday + timedelta(minutes=30), silva)


def test_a_move_meets_the_notice_but_a_reassignment_does_not(clinic: Clinic) -> None:
    silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    start = clinic.clock.now + timedelta(hours=1)
    appt = book(clinic, start, start + timedelta(minutes=30), silva)
    rule(clinic, RuleKind.MIN_NOTICE, notice_minutes=120)
    moved = clinic.booking.assign(clinic.admin, appt.id, appt.version, becker)
    assert moved.professional_id == becker
    with pytest.raises(ConflictError, match="Bookings need 2 hours' notice"):
        clinic.booking.move(clinic.admin, appt.id, moved.version, start + timedelta(minutes=15))


# -- cancellation deadline -----------------------------------------------------------


def test_a_late_cancellation_is_allowed_and_marked(clinic: Clinic) -> None:
    clinic.professionals("Dr Silva")
    rule(clinic, RuleKind.CANCELLATION, notice_minutes=24 * 60, late_policy=LatePolicy.FLAG)
    soon = book(clinic, clinic.at(2, 15), clinic.at(2, 16))
    later = book(clinic, clinic.at(9, 15), clinic.at(9, 16))
    cancelled = clinic.lifecycle.cancel(clinic.admin, soon.id, soon.version, "Ill")
    assert cancelled.status is AppointmentStatus.CANCELLED and cancelled.late_cancellation
    assert _audit(clinic, soon.id, "status:cancelled")["late_cancellation"] is True
    on_time = clinic.lifecycle.cancel(clinic.admin, later.id, later.version)
    assert not on_time.late_cancellation
    restored = clinic.lifecycle.restore(clinic.admin, soon.id, cancelled.version)
    assert not restored.late_cancellation


def test_a_late_cancellation_refused_by_the_rule(clinic: Clinic) -> None:
    clinic.professionals("Dr Silva")
    rule(clinic, RuleKind.CANCELLATION, notice_minutes=24 * 60, late_policy=LatePolicy.REFUSE)
    appt = book(clinic, clinic.at(2, 15), clinic.at(2, 16))
    with pytest.raises(ConflictError, match=re.escape("Cancellations need 1 day's notice.")):
        clinic.lifecycle.cancel(clinic.admin, appt.id, appt.version)
    desk = clinic.add_staff("desk", Role.RECEPTION)
    with pytest.raises(PermissionDeniedError):
        clinic.lifecycle.cancel(desk, appt.id, appt.version, override_reason="Asked nicely")
    assert clinic.booking.get(appt.id).status is AppointmentStatus.PENDING
    done = clinic.lifecycle.cancel(clinic.admin, appt.id, appt.version, override_reason="Flu")
    assert done.late_cancellation
    assert _audit(clinic, appt.id, "override")["reason"] == "Flu"


# -- buffers -------------------------------------------------------------------------


def test_buffers_occupy_the_professional_and_are_named(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    laser = service(clinic, "Laser", 30)
    rule(
        clinic,
        RuleKind.BUFFER,
        scope=RuleScope.SERVICE,
        service_id=laser,
        before_minutes=10,
        after_minutes=15,
    )
    first = book(clinic, clinic.at(4, 10), prof=silva, service_id=laser)
    assert (first.buffer_before_minutes, first.buffer_after_minutes) == (10, 15)
    assert first.end == clinic.at(4, 10, 30)  # the appointment itself is 30 minutes
    with pytest.raises(ConflictError, match="Laser needs 10 minutes free before it and 15 after"):
        book(clinic, clinic.at(4, 10, 40), prof=silva, service_id=laser)
    # A plain appointment right after the buffer fits; one inside it does not.
    with pytest.raises(ConflictError, match="Dr Silva already has 10:00-10:30"):
        book(clinic, clinic.at(4, 10, 30), clinic.at(4, 10, 40), silva)
    assert book(clinic, clinic.at(4, 10, 45), clinic.at(4, 11), silva)
    assert book(clinic, clinic.at(4, 9, 30), clinic.at(4, 9, 50), silva)


def test_buffers_may_not_run_past_closing(open_8_to_19: Clinic) -> None:
    clinic = open_8_to_19
    (silva,) = clinic.professionals("Dr Silva")
    laser = service(clinic, "Laser", 30)
    rule(clinic, RuleKind.BUFFER, after_minutes=15)
    with pytest.raises(ConflictError, match="The clinic is closed then"):
        book(clinic, clinic.at(4, 18, 30), prof=silva, service_id=laser)
    assert book(clinic, clinic.at(4, 18, 15), prof=silva, service_id=laser)


def test_the_database_guard_sees_the_buffers(clinic: Clinic) -> None:
    """Even a hand-written insert cannot give a professional an overlap of occupied
    ranges (trigger on SQLite, exclusion constraint on PostgreSQL)."""
    (silva,) = clinic.professionals("Dr Silva")
    laser = service(clinic, "Laser", 30)
    rule(clinic, RuleKind.BUFFER, scope=RuleScope.SERVICE, service_id=laser, after_minutes=20)
    book(clinic, clinic.at(4, 10), prof=silva, service_id=laser)  # occupies 10:00-10:50
    db = clinic.services.database
    row = {
        "organization_id": clinic.services.context.organization_id,
        "start_at": clinic.at(4, 10, 40),
        "end_at": clinic.at(4, 11),
        "status": AppointmentStatus.PENDING,
        "professional_id": silva,
        "created_by_id": clinic.admin,
        "updated_by_id": clinic.admin,
        "created_at": clinic.clock.now,
        "updated_at": clinic.clock.now,
    }
    with pytest.raises(Exception, match="overlap"), db.engine.begin() as conn:
        conn.execute(insert(Appointment), row)
    with pytest.raises(Exception, match="overlap"), db.engine.begin() as conn:
        conn.execute(
            insert(Appointment),
            {
                **row,
                "start_at": clinic.at(4, 9),
                "end_at": clinic.at(4, 9, 50),
                "buffer_after_minutes": 15,
            },
        )
    with db.engine.begin() as conn:
        conn.execute(insert(Appointment), {**row, "start_at": clinic.at(4, 10, 50)})


def test_a_move_takes_the_buffers_in_force_where_it_lands(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    laser = service(clinic, "Laser", 30)
    appt = book(clinic, clinic.at(4, 10), prof=silva, service_id=laser)
    assert appt.buffer_after_minutes == 0
    rule(clinic, RuleKind.BUFFER, scope=RuleScope.SERVICE, service_id=laser, after_minutes=10)
    assert clinic.booking.get(appt.id).buffer_after_minutes == 0  # booked before the rule
    moved = clinic.booking.move(clinic.admin, appt.id, appt.version, clinic.at(4, 12))
    assert moved.buffer_after_minutes == 10
    other = book(clinic, clinic.at(4, 14), clinic.at(4, 15), silva)
    laser_at, other_at = clinic.at(4, 13, 30), clinic.at(4, 14, 5)
    with pytest.raises(ConflictError, match="would overlap for the same professional"):
        clinic.booking.move_together(
            clinic.admin,
            [
                MoveRequest(moved.id, moved.version, laser_at, laser_at + HALF_HOUR, silva),
                MoveRequest(other.id, other.version, other_at, other_at + HOUR, silva),
            ],
        )
    other_at = clinic.at(4, 14, 10)  # after the buffer
    done = clinic.booking.move_together(
        clinic.admin,
        [
            MoveRequest(moved.id, moved.version, laser_at, laser_at + HALF_HOUR, silva),
            MoveRequest(other.id, other.version, other_at, other_at + HOUR, silva),
        ],
    )
    assert [a.start for a in done] == [laser_at, other_at]


# -- capacity limits -----------------------------------------------------------------


def test_a_limit_of_appointments_at_once_in_the_clinic_and_for_a_service(clinic: Clinic) -> None:
    clinic.professionals("A", "B", "C", "D")
    laser = service(clinic, "Laser", 60)
    rule(clinic, RuleKind.CAPACITY, max_at_once=3)
    rule(clinic, RuleKind.CAPACITY, scope=RuleScope.SERVICE, service_id=laser, max_at_once=1)
    book(clinic, clinic.at(4, 10), service_id=laser)
    with pytest.raises(ConflictError, match="At most 1 Laser appointment at once: at 10:30"):
        book(clinic, clinic.at(4, 10, 30), service_id=laser)
    book(clinic, clinic.at(4, 10), clinic.at(4, 11))
    book(clinic, clinic.at(4, 10, 30), clinic.at(4, 11, 30))
    with pytest.raises(ConflictError, match="At most 3 appointments in the clinic at once"):
        book(clinic, clinic.at(4, 10, 45), clinic.at(4, 11, 15))
    assert book(clinic, clinic.at(4, 11), clinic.at(4, 12))  # 10:00 ones have ended


def test_rules_are_kept_by_managers_only_and_checked(clinic: Clinic) -> None:
    desk = clinic.add_staff("desk", Role.RECEPTION)
    with pytest.raises(PermissionDeniedError):
        clinic.services.rules.add(desk, RuleDetails(RuleKind.MIN_NOTICE, notice_minutes=60))
    with pytest.raises(ValidationError, match="Give the notice"):
        clinic.services.rules.add(clinic.admin, RuleDetails(RuleKind.MIN_NOTICE))
    with pytest.raises(ValidationError, match="for the clinic or for a service"):
        clinic.services.rules.add(
            clinic.admin,
            RuleDetails(
                RuleKind.CAPACITY, scope=RuleScope.PROFESSIONAL, professional_id=1, max_at_once=1
            ),
        )
    added = clinic.services.rules.add(
        clinic.admin, RuleDetails(RuleKind.MIN_NOTICE, notice_minutes=90, note="Phone first")
    )
    assert added.says == "Bookings need 1 hour 30 minutes' notice."
    assert added.applies_to == "Whole clinic" and added.details.note == "Phone first"
    off = clinic.services.rules.set_active(clinic.admin, added.id, False)
    assert not off.details.is_active
    soon = clinic.clock.now + timedelta(minutes=30)
    clinic.professionals("Dr Silva")
    assert book(clinic, soon, soon + timedelta(minutes=30))  # switched off
    edited = clinic.services.rules.edit(
        clinic.admin, added.id, RuleDetails(RuleKind.MIN_NOTICE, notice_minutes=45)
    )
    assert edited.says == "Bookings need 45 minutes' notice."
    assert [r.id for r in clinic.services.rules.rules()] == [added.id]


# -- a manager outside working time ----------------------------------------------------


def test_a_manager_books_outside_working_time_with_a_reason(open_8_to_19: Clinic) -> None:
    clinic = open_8_to_19
    (silva,) = clinic.professionals("Dr Silva")
    desk = clinic.add_staff("desk", Role.RECEPTION)
    manager = clinic.add_staff("boss", Role.MANAGER)
    late = (clinic.at(4, 19, 30), clinic.at(4, 20))
    with pytest.raises(ConflictError, match="The clinic is closed then"):
        book(clinic, *late, silva, actor=desk)
    with pytest.raises(PermissionDeniedError):
        book(clinic, *late, silva, actor=desk, override="Emergency")
    booked = book(clinic, *late, silva, actor=manager, override="Emergency")
    assert booked.outside_hours and booked.outside_hours_reason == "Emergency"
    assert _audit(clinic, booked.id, "override")["outside_hours"] is True
    # R1 still holds out of hours.
    with pytest.raises(ConflictError, match="Dr Silva already has 19:30-20:00"):
        book(
            clinic,
            clinic.at(4, 19, 45),
            clinic.at(4, 20, 15),
            silva,
            actor=manager,
            override="Emergency",
        )
    # Cancelled and restored, it comes back where it was, still marked.
    clinic.sign_in(desk)
    cancelled = clinic.lifecycle.cancel(desk, booked.id, booked.version)
    booked = clinic.lifecycle.restore(desk, booked.id, cancelled.version)
    assert booked.outside_hours and booked.start == late[0]
    # Moved back inside working time by reception, it is no longer marked.
    moved = clinic.booking.move(desk, booked.id, booked.version, clinic.at(4, 10))
    assert not moved.outside_hours


def _audit(clinic: Clinic, appointment_id: int, action: str) -> dict[str, object]:
    table = table_of(AuditEntry)
    with clinic.services.database.engine.connect() as conn:
        found = conn.execute(
            select(table.c.after)
            .where(table.c.entity_id == appointment_id, table.c.action == action)
            .order_by(table.c.id.desc())
        ).first()
    assert found is not None, action
    return dict(found[0])


# -- against a brute-force oracle that knows working time, buffers and limits ----------

QUARTERS = range(8 * 4, 19 * 4)  # 08:00-19:00 in quarter hours


def _feasible(
    booked: list[tuple[int, int, int | None]],
    plan: dict[int, tuple[int, int]],
    limit: int | None,
) -> bool:
    """Whether the occupied ranges (quarters) can all be given professionals who work
    then, none holding two at once, with at most ``limit`` at once."""
    if limit is not None:
        for q in range(0, 24 * 4):
            if sum(1 for s, e, _p in booked if s <= q < e) > limit:
                return False
    profs = sorted(plan)
    unassigned = [b for b in booked if b[2] is None]
    fixed = [b for b in booked if b[2] is not None]
    for choice in itertools.product(profs, repeat=len(unassigned)):
        placed = fixed + [(s, e, p) for (s, e, _), p in zip(unassigned, choice, strict=True)]
        if not all(plan[p][0] <= s and e <= plan[p][1] for s, e, p in placed if p is not None):
            continue
        if all(
            not (p1 == p2 and s1 < e2 and s2 < e1)
            for (s1, e1, p1), (s2, e2, p2) in itertools.combinations(placed, 2)
        ):
            return True
    return False


def _at(clinic: Clinic, quarter: int) -> datetime:
    return clinic.at(WEDNESDAY, 0) + timedelta(minutes=15 * quarter)


@pytest.mark.parametrize("seed", range(6))
def test_bookings_with_buffers_and_limits_agree_with_brute_force(
    open_8_to_19: Clinic, seed: int
) -> None:
    clinic = open_8_to_19
    rng = random.Random(seed)
    profs = clinic.professionals("P1", "P2", "P3")
    plan: dict[int, tuple[int, int]] = {}
    for p in profs:
        start = rng.choice([8, 9, 10, 12])
        end = rng.choice([h for h in (12, 14, 16, 19) if h > start])
        plan[p] = (start * 4, end * 4)
        clinic.services.working_time.set_weekly_plan(
            clinic.admin, p, [WeeklyRange(2, time(start), time(end))]
        )
    buffered = service(clinic, "Buffered", 30)
    before, after = rng.choice([(0, 1), (1, 0), (1, 1), (2, 1)])  # quarters
    rule(
        clinic,
        RuleKind.BUFFER,
        scope=RuleScope.SERVICE,
        service_id=buffered,
        before_minutes=15 * before,
        after_minutes=15 * after,
    )
    limit = rng.choice([None, 2])
    if limit is not None:
        rule(clinic, RuleKind.CAPACITY, max_at_once=limit)
    booked: list[tuple[int, int, int | None]] = []
    accepted = refused = 0
    for _ in range(16):
        start = rng.choice(list(QUARTERS))
        prof = rng.choice([None, *profs])
        if rng.random() < 0.5:
            occupied = (start - before, start + 2 + after)
            args: dict[str, object] = {"service_id": buffered}
            end = None
        else:
            length = rng.choice([2, 4, 8])
            occupied = (start, start + length)
            end = _at(clinic, start + length)
            args = {}
        expected = _feasible([*booked, (*occupied, prof)], plan, limit)
        try:
            book(clinic, _at(clinic, start), end, prof, **args)  # type: ignore[arg-type]
        except ConflictError:
            assert not expected, (start, occupied, prof, booked, plan, limit)
            refused += 1
        else:
            assert expected, (start, occupied, prof, booked, plan, limit)
            booked.append((*occupied, prof))
            accepted += 1
    assert accepted and refused


def test_the_check_before_booking_or_dropping_meets_the_rules_too(clinic: Clinic) -> None:
    """What the booking dialog and a drag ask says what booking or moving would."""
    (silva,) = clinic.professionals("Dr Silva")
    laser = service(clinic, "Laser", 30)
    rule(clinic, RuleKind.MIN_NOTICE, notice_minutes=120)
    rule(clinic, RuleKind.BUFFER, scope=RuleScope.SERVICE, service_id=laser, after_minutes=15)
    soon = clinic.clock.now + HOUR
    verdict = clinic.booking.check_availability(soon, soon + HALF_HOUR, silva)
    assert verdict.reason == "Bookings need 2 hours' notice."
    first = book(clinic, clinic.at(4, 10), prof=silva, service_id=laser)
    plain = book(clinic, clinic.at(4, 11), clinic.at(4, 11, 30), silva)
    check = clinic.booking.check_availability
    assert check(clinic.at(4, 10, 30), clinic.at(4, 10, 45), silva).ok is False
    assert check(clinic.at(4, 10, 30), clinic.at(4, 10, 45), silva, service_id=laser).ok is False
    # Dragging the laser appointment to end at 11:00: its buffer reaches 11:15.
    refused = check(clinic.at(4, 10, 30), clinic.at(4, 11), silva, first.id)
    assert "Laser needs 15 minutes free after it" in refused.reason
    group = [
        MoveRequest(first.id, first.version, clinic.at(4, 10, 30), clinic.at(4, 11), silva),
        MoveRequest(plain.id, plain.version, clinic.at(4, 11, 15), clinic.at(4, 11, 45), silva),
    ]
    assert clinic.booking.check_moves(group).ok
    group[1] = MoveRequest(
        plain.id, plain.version, clinic.at(4, 11, 5), clinic.at(4, 11, 35), silva
    )
    assert not clinic.booking.check_moves(group).ok


def test_another_desk_checks_under_the_rules_as_they_are_now(clinic: Clinic) -> None:
    """A desk keeps the rules it read; a change made at another desk is seen at once."""
    (silva,) = clinic.professionals("Dr Silva")
    other = signed_in(build_services(clinic.services.database, clock=clinic.clock), "admin")
    soon = clinic.clock.now + HOUR
    assert other.booking.check_availability(soon, soon + HALF_HOUR, silva).ok  # rules kept
    added = rule(clinic, RuleKind.MIN_NOTICE, notice_minutes=120)
    refused = other.booking.check_availability(soon, soon + HALF_HOUR, silva)
    assert refused.reason == "Bookings need 2 hours' notice."
    clinic.services.rules.set_active(clinic.admin, added, False)
    assert other.booking.check_availability(soon, soon + HALF_HOUR, silva).ok
    laser = service(clinic, "Laser", 30)
    book(clinic, clinic.at(4, 10, 30), clinic.at(4, 11), silva)
    assert other.booking.check_availability(
        clinic.at(4, 10), clinic.at(4, 10, 30), silva, service_id=laser
    ).ok
    rule(clinic, RuleKind.BUFFER, scope=RuleScope.SERVICE, service_id=laser, after_minutes=5)
    late = other.booking.check_availability(
        clinic.at(4, 10), clinic.at(4, 10, 30), silva, service_id=laser
    )
    assert "Laser needs 5 minutes free after it" in late.reason


def test_a_desk_books_and_cancels_under_the_rules_another_desk_just_changed(
    clinic: Clinic,
) -> None:
    """The rules a desk keeps between changes are read again as soon as another desk
    changes them: at the next booking, move and cancellation, not later."""
    (silva,) = clinic.professionals("Dr Silva")
    other = signed_in(build_services(clinic.services.database, clock=clinic.clock), "admin")
    soon = clinic.clock.now + HOUR
    first = other.booking.book(
        other.actor_id, BookingRequest(start=soon, end=soon + HALF_HOUR, professional_id=silva)
    )  # the desk now keeps the rules (none)
    rule(clinic, RuleKind.MIN_NOTICE, notice_minutes=120)
    later = soon + HALF_HOUR
    with pytest.raises(ConflictError, match="Bookings need 2 hours' notice"):
        other.booking.book(
            other.actor_id,
            BookingRequest(start=later, end=later + HALF_HOUR, professional_id=silva),
        )
    with pytest.raises(ConflictError, match="Bookings need 2 hours' notice"):
        other.booking.move(other.actor_id, first.id, first.version, later)
    rule(clinic, RuleKind.CANCELLATION, notice_minutes=180, late_policy=LatePolicy.REFUSE)
    with pytest.raises(ConflictError, match="Only a manager can cancel it now"):
        other.lifecycle.cancel(other.actor_id, first.id, first.version)


# -- checked again under the scheduling lock (shared server) -----------------------------


def _other_desk_books_first(
    clinic: Clinic, monkeypatch: pytest.MonkeyPatch, request: BookingRequest
) -> list[AppointmentView]:
    """Another desk (its own connections) books ``request`` right before this desk's
    next change takes the scheduling lock."""
    ctx = clinic.services.context
    database = open_database(ctx.database.engine.url.render_as_string(hide_password=False))
    other_ctx = ServiceContext(database, ctx.organization_id, ctx.timezone, ctx.clock)
    other_ctx.desk.become(ctx.desk.actor_id or 0)
    other = BookingService(other_ctx)
    finish = unit_of_work.ScheduleChange.finish
    booked: list[AppointmentView] = []
    pending = [request]

    def finish_after(tx: unit_of_work.ScheduleChange) -> None:
        if pending:  # (the other desk's own change goes straight through)
            booked.append(other.book(clinic.admin, pending.pop()))
            database.dispose()
        finish(tx)

    monkeypatch.setattr(unit_of_work.ScheduleChange, "finish", finish_after)
    return booked


def test_a_limit_reached_meanwhile_is_refused_under_the_lock(
    pg_clinic: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    clinic = pg_clinic
    clinic.professionals("A", "B", "C")
    rule(clinic, RuleKind.CAPACITY, max_at_once=1)
    first = BookingRequest(start=clinic.at(4, 10), end=clinic.at(4, 11))
    booked = _other_desk_books_first(clinic, monkeypatch, first)
    with pytest.raises(ConflictError, match="At most 1 appointment in the clinic at once"):
        book(clinic, clinic.at(4, 10, 30), clinic.at(4, 11, 30))
    assert len(booked) == 1
    day = clinic.booking.appointments_on(clinic.at(4, 0).date())
    assert [a.id for a in day] == [booked[0].id]


def test_a_buffer_taken_meanwhile_is_refused_under_the_lock(
    pg_clinic: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    clinic = pg_clinic
    (silva,) = clinic.professionals("Dr Silva")
    laser = service(clinic, "Laser", 30)
    rule(clinic, RuleKind.BUFFER, scope=RuleScope.SERVICE, service_id=laser, after_minutes=15)
    other = BookingRequest(start=clinic.at(4, 10, 35), end=clinic.at(4, 11), professional_id=silva)
    booked = _other_desk_books_first(clinic, monkeypatch, other)
    with pytest.raises(ConflictError, match="Dr Silva already has 10:35-11:00"):
        book(clinic, clinic.at(4, 10), prof=silva, service_id=laser)
    assert len(booked) == 1
