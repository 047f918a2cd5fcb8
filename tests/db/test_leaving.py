"""A professional leaving lowers capacity: decided exactly, refused with the appointments
it would strand, or forced by a manager with those set aside as a conflict."""

from __future__ import annotations

import contextlib
import random
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from scheduler_app.db.models import Appointment, AuditEntry, Conflict, ConflictStatus, Role
from scheduler_app.domain.capacity import Demand
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import ConflictError, PermissionDeniedError, ValidationError
from scheduler_app.services.availability import StrandingError
from scheduler_app.services.dto import AppointmentView, BookingRequest
from tests.conftest import Clinic
from tests.unit.domain.test_capacity import feasible

S = AppointmentStatus


def book(
    clinic: Clinic,
    start: datetime,
    end: datetime,
    prof: int | None = None,
    client: int | None = None,
) -> AppointmentView:
    request = BookingRequest(start=start, end=end, professional_id=prof, client_id=client)
    return clinic.booking.book(clinic.admin, request)


def stored(clinic: Clinic) -> list[tuple[int, int | None, str, int | None]]:
    with clinic.services.database.read_sessions() as session:
        rows = session.execute(
            select(
                Appointment.id,
                Appointment.professional_id,
                Appointment.status,
                Appointment.conflict_id,
            ).order_by(Appointment.id)
        ).all()
    return [(a, p, s.value, c) for a, p, s, c in rows]


def count(clinic: Clinic, model: type) -> int:
    with clinic.services.database.read_sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_leaving_that_strands_is_refused_with_the_appointments_named(clinic: Clinic) -> None:
    _silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    costa, lopes = clinic.client("Joana Costa"), clinic.client("Rita Lopes")
    book(clinic, clinic.at(3, 10), clinic.at(3, 11), client=costa)
    book(clinic, clinic.at(3, 10), clinic.at(3, 11), client=lopes)
    before = (stored(clinic), count(clinic, AuditEntry))
    with pytest.raises(StrandingError) as refused:
        clinic.services.professionals.leave(clinic.admin, becker)
    message = refused.value.message
    assert message.startswith("Tom Becker leaving now would leave 1 appointment without")
    assert refused.value.count == 1
    assert refused.value.stranded[0] in (
        "Joana Costa, 10:00-11:00 on Tue 03 Mar",
        "Rita Lopes, 10:00-11:00 on Tue 03 Mar",
    )
    assert (stored(clinic), count(clinic, AuditEntry)) == before
    names = [p.name for p in clinic.directory.professionals()]
    assert names == ["Dr Silva", "Tom Becker"]


def test_the_list_names_twenty_then_how_many_more(clinic: Clinic) -> None:
    silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    for day in range(3, 8):
        for hour in range(9, 14):
            book(clinic, clinic.at(day, hour), clinic.at(day, hour, 45), silva)
            book(clinic, clinic.at(day, hour), clinic.at(day, hour, 45), becker)
    with pytest.raises(StrandingError) as refused:
        clinic.services.professionals.leave(clinic.admin, becker)
    lines = refused.value.message.splitlines()
    assert refused.value.count == 25 and len(refused.value.stranded) == 20
    assert lines[-1] == "- and 5 more"
    assert lines[1] == "- No client, 09:00-09:45 on Tue 03 Mar"


def test_leaving_hands_their_appointments_to_the_others(clinic: Clinic) -> None:
    silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    mine = book(clinic, clinic.at(3, 10), clinic.at(3, 11), becker)
    mine = clinic.lifecycle.confirm(clinic.admin, mine.id, mine.version)
    book(clinic, clinic.at(3, 14), clinic.at(3, 15), silva)
    departure = clinic.services.professionals.leave(clinic.admin, becker)
    assert (departure.unassigned, departure.set_aside) == (1, 0)
    after = clinic.booking.get(mine.id)
    assert (after.professional_id, after.status) == (None, S.PENDING)  # confirmed needs one
    assert [p.name for p in clinic.directory.professionals()] == ["Dr Silva"]
    with pytest.raises(ConflictError, match="No professional is free at 10:00"):
        book(clinic, clinic.at(3, 10), clinic.at(3, 10, 30))
    with pytest.raises(ValidationError, match="Tom Becker is not active"):
        book(clinic, clinic.at(4, 10), clinic.at(4, 11), becker)
    assert clinic.booking.check_availability(clinic.at(3, 11), clinic.at(3, 12)).ok


def test_leaving_on_a_date_keeps_the_appointments_until_then(clinic: Clinic) -> None:
    silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    early = book(clinic, clinic.at(3, 10), clinic.at(3, 11), becker)
    late = book(clinic, clinic.at(10, 10), clinic.at(10, 11), becker)
    leaves = clinic.at(9, 0)
    departure = clinic.services.professionals.leave(clinic.admin, becker, on=leaves)
    assert departure.unassigned == 1 and departure.professional.available_until == leaves
    assert clinic.booking.get(early.id).professional_id == becker
    assert clinic.booking.get(late.id).professional_id is None
    assert book(clinic, clinic.at(5, 10), clinic.at(5, 11), becker).professional_id == becker
    gone = "Tom Becker takes no appointments from Mon 09 Mar 2026\\. "
    with pytest.raises(ConflictError, match=gone):
        book(clinic, clinic.at(9, 10), clinic.at(9, 11), becker)
    with pytest.raises(ConflictError, match="No professional is free"):
        book(clinic, clinic.at(10, 10), clinic.at(10, 11), silva)  # the unassigned one needs Silva
    clinic.clock.now = clinic.at(9, 1)
    assert [p.name for p in clinic.directory.professionals()] == ["Dr Silva"]
    assert clinic.services.professionals.come_back(clinic.admin, becker).available_until is None
    assert book(clinic, clinic.at(11, 10), clinic.at(11, 11), becker).professional_id == becker


def test_a_forced_departure_sets_aside_what_it_strands(clinic: Clinic) -> None:
    silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    costa = clinic.client("Joana Costa")
    a = book(clinic, clinic.at(3, 10), clinic.at(3, 11), client=costa)
    b = book(clinic, clinic.at(3, 10), clinic.at(3, 11), becker)
    departure = clinic.services.professionals.leave(
        clinic.admin, becker, force_reason="Leaving at short notice"
    )
    assert (departure.unassigned, departure.set_aside) == (1, 1)
    with clinic.services.database.read_sessions() as session:
        conflict = session.scalars(select(Conflict)).one()
        force = session.scalars(select(AuditEntry).where(AuditEntry.action == "force")).one()
    assert conflict.status == ConflictStatus.OPEN and conflict.reason == "Leaving at short notice"
    assert conflict.cause == "Tom Becker leaving now" and conflict.forced_by_id == clinic.admin
    assert force.after is not None and force.after["appointments"] == [b.id]
    set_aside = [row for row in stored(clinic) if row[3] == conflict.id]
    assert [row[0] for row in set_aside] == [b.id]  # the later of the two, kept in start order
    assert clinic.services.conflicts.open_count() == 1
    assert clinic.booking.get(b.id).conflict_id == conflict.id
    # The rest keeps R2 exactly, as if the set-aside one were not there.
    assert clinic.booking.check_availability(clinic.at(3, 11), clinic.at(3, 12)).ok
    with pytest.raises(ConflictError, match="No professional is free at 10:00"):
        book(clinic, clinic.at(3, 10), clinic.at(3, 10, 30))
    # Giving it a place takes it out of the conflict, which is then resolved.
    moved = clinic.booking.move(clinic.admin, b.id, b.version + 1, clinic.at(3, 12), silva)
    assert moved.conflict_id is None and moved.professional_id == silva
    assert clinic.services.conflicts.open_count() == 0
    assert a.id != b.id


def test_a_set_aside_appointment_cancelled_resolves_its_conflict(clinic: Clinic) -> None:
    _silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    book(clinic, clinic.at(3, 10), clinic.at(3, 11))
    b = book(clinic, clinic.at(3, 10), clinic.at(3, 11), becker)
    clinic.services.professionals.leave(clinic.admin, becker, force_reason="Ill")
    current = clinic.booking.get(b.id)
    clinic.lifecycle.cancel(clinic.admin, b.id, current.version)
    assert clinic.services.conflicts.open_count() == 0
    assert clinic.booking.get(b.id).conflict_id is None


def test_only_managers_decide_who_leaves(clinic: Clinic) -> None:
    _silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    desk = clinic.sign_in(clinic.add_staff("desk", Role.RECEPTION))
    with pytest.raises(PermissionDeniedError, match="Only a manager or admin"):
        clinic.services.professionals.leave(desk, becker)
    with pytest.raises(ValidationError, match="not in the past"):
        admin = clinic.sign_in(clinic.admin)
        clinic.services.professionals.leave(admin, becker, on=clinic.at(1, 9))


@pytest.mark.parametrize("seed", range(4))
def test_forced_departures_agree_with_brute_force(clinic: Clinic, seed: int) -> None:
    """Random small days on both databases: a professional leaves (forced). What is
    set aside is exactly needed; every later booking is decided as if it were gone."""
    rng = random.Random(seed)
    profs = clinic.professionals("P1", "P2", "P3")
    day = 3 + seed
    for _ in range(16):
        start = clinic.at(day, 9) + timedelta(minutes=30 * rng.randrange(0, 10))
        end = start + timedelta(minutes=30 * rng.randrange(1, 4))
        with contextlib.suppress(ConflictError):
            book(clinic, start, end, rng.choice([None, *profs]))
    who = rng.choice(profs)
    departure = clinic.services.professionals.leave(clinic.admin, who, force_reason="test")
    rest = [p for p in profs if p != who]
    shown = clinic.booking.appointments_on(clinic.at(day, 0).date())
    kept = [_demand(a) for a in shown if a.status.is_active and a.conflict_id is None]
    aside = [_demand(a) for a in shown if a.status.is_active and a.conflict_id is not None]
    assert len(aside) == departure.set_aside
    assert all(a.professional_id != who for a in shown if a.status.is_active)
    assert feasible(kept, rest)
    for demand in aside:
        assert not feasible([*kept, demand], rest)
    accepted = refused = 0
    for _ in range(12):
        start = clinic.at(day, 9) + timedelta(minutes=30 * rng.randrange(0, 10))
        end = start + timedelta(minutes=30 * rng.randrange(1, 3))
        prof = rng.choice([None, *rest])
        candidate = Demand(-1, int(start.timestamp()), int(end.timestamp()), prof)
        expected = feasible([*kept, candidate], rest)
        try:
            made = book(clinic, start, end, prof)
        except ConflictError:
            assert not expected
            refused += 1
        else:
            assert expected
            accepted += 1
            kept.append(_demand(made))
    assert accepted + refused == 12


def _demand(a: AppointmentView) -> Demand:
    return Demand(a.id, int(a.start.timestamp()), int(a.end.timestamp()), a.professional_id)
