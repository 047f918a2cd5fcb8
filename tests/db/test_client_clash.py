"""One client in two places at once: refused unless the desk confirms it ("Book
both?"), then saved and recorded as a low-impact time conflict naming both
appointments, with an audit entry. On both databases, through the calls the desk
makes (reception signed in: it is a confirmation, not a manager's override)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from scheduler_app.db.models import AuditEntry, Role
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import ClientClashError, ConflictError
from scheduler_app.services.dto import AppointmentView, BookingRequest, MoveRequest
from tests.conftest import Clinic

DASH = "\N{EN DASH}"


@pytest.fixture
def desk(clinic: Clinic) -> Clinic:
    """Noah Cos at 10:00-10:45 with Dr Silva on Mon 2 March; reception at the desk."""
    silva, _becker = clinic.professionals("Dr Silva", "Tom Becker")
    noah = clinic.client("Noah Cos")
    clinic.booking.book(
        clinic.admin,
        BookingRequest(
            start=clinic.at(2, 10), end=clinic.at(2, 10, 45), professional_id=silva, client_id=noah
        ),
    )
    clinic.sign_in(clinic.add_staff("desk", Role.RECEPTION))
    return clinic


def ids(desk: Clinic) -> tuple[int, int, int]:
    silva, becker = (p.id for p in desk.directory.professionals())
    noah = next(c.id for c in desk.directory.find_clients("Noah"))
    return silva, becker, noah


def book(desk: Clinic, hour: int, minute: int = 0, *, both: bool = False) -> AppointmentView:
    _silva, becker, noah = ids(desk)
    start = desk.at(2, hour, minute)
    return desk.booking.book(
        desk.services.actor_id,
        BookingRequest(
            start=start,
            end=start + timedelta(minutes=30),
            professional_id=becker,
            client_id=noah,
            book_both=both,
        ),
    )


def day(desk: Clinic) -> list[AppointmentView]:
    return desk.booking.appointments_on(desk.at(2, 0).date())


def test_booking_a_client_twice_at_once_asks_first(desk: Clinic) -> None:
    with pytest.raises(ClientClashError) as refused:
        book(desk, 10, 15)
    assert refused.value.message == (
        "Noah Cos already has an appointment at 10:00" + DASH + "10:45 with Dr Silva. Book both?"
    )
    assert isinstance(refused.value, ConflictError) and not refused.value.overridable
    assert refused.value.client_name == "Noah Cos"
    assert refused.value.other_professional == "Dr Silva"
    assert len(day(desk)) == 1  # nothing written
    assert desk.services.conflicts.unresolved() == []


def test_confirmed_it_is_saved_and_recorded_as_a_time_conflict(desk: Clinic) -> None:
    second = book(desk, 10, 15, both=True)
    first = next(a for a in day(desk) if a.id != second.id)
    [conflict] = desk.services.conflicts.unresolved()
    assert (conflict.kind, conflict.impact, conflict.status) == ("time_conflict", "low", "open")
    assert {a.id for a in conflict.appointments} == {first.id, second.id}
    assert conflict.forced_by == "desk"
    assert "Noah Cos" in conflict.cause and f"10:00{DASH}10:45" in conflict.cause
    assert desk.services.conflicts.open_count() == 1
    # both keep their places and professionals: nothing is set aside
    assert all(a.conflict_id is None and a.professional_id is not None for a in day(desk))
    with desk.services.database.read_sessions() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "book_both")).one()
    assert entry.entity == "conflict" and entry.entity_id == conflict.id
    assert entry.actor_id == desk.services.actor_id
    assert sorted(entry.after["appointments"]) == sorted([first.id, second.id])


def test_back_to_back_and_inactive_appointments_do_not_count(desk: Clinic) -> None:
    assert book(desk, 10, 45).id  # back to back: half-open times
    (first,) = (a for a in day(desk) if a.start == desk.at(2, 10))
    desk.lifecycle.cancel(desk.services.actor_id, first.id, first.version, "ill")
    assert book(desk, 10, 0).id  # the cancelled one does not hold the client
    assert desk.services.conflicts.unresolved() == []


def test_moving_or_resizing_into_a_clash_asks_too(desk: Clinic) -> None:
    later = book(desk, 11)
    actor = desk.services.actor_id
    with pytest.raises(ClientClashError):
        desk.booking.move(actor, later.id, later.version, desk.at(2, 10, 30))
    later = desk.booking.resize(actor, later.id, later.version, desk.at(2, 11, 40))  # no clash
    early = book(desk, 9)
    with pytest.raises(ClientClashError):
        desk.booking.resize(actor, early.id, early.version, desk.at(2, 10, 15))
    assert desk.booking.get(early.id).end == desk.at(2, 9, 30)
    moved = desk.booking.move(actor, later.id, later.version, desk.at(2, 10, 30), book_both=True)
    assert moved.start == desk.at(2, 10, 30)
    [conflict] = desk.services.conflicts.unresolved()
    assert later.id in {a.id for a in conflict.appointments}


def test_a_confirmed_pair_is_not_asked_again_and_ends_when_they_part(desk: Clinic) -> None:
    second = book(desk, 10, 15, both=True)
    actor = desk.services.actor_id
    second = desk.booking.move(actor, second.id, second.version, desk.at(2, 10, 5))
    assert len(desk.services.conflicts.unresolved()) == 1  # the same pair, not asked again
    desk.booking.move(actor, second.id, second.version, desk.at(2, 12))
    assert desk.services.conflicts.unresolved() == []
    assert desk.services.conflicts.open_count() == 0


def test_cancelling_one_resolves_the_time_conflict(desk: Clinic) -> None:
    second = book(desk, 10, 15, both=True)
    desk.lifecycle.cancel(desk.services.actor_id, second.id, second.version, "duplicate")
    assert desk.services.conflicts.unresolved() == []


def test_restoring_or_giving_another_client_asks_too(desk: Clinic) -> None:
    actor = desk.services.actor_id
    second = book(desk, 10, 15, both=True)
    second = desk.lifecycle.cancel(actor, second.id, second.version, "duplicate")
    with pytest.raises(ClientClashError):
        desk.lifecycle.restore(actor, second.id, second.version)
    assert desk.booking.get(second.id).status == AppointmentStatus.CANCELLED
    restored = desk.lifecycle.restore(actor, second.id, second.version, book_both=True)
    assert restored.status.is_active
    assert len(desk.services.conflicts.unresolved()) == 1

    other = desk.directory.add_client(actor, "Ana Reis", "+351 912 000 111").id
    _silva, _becker, noah = ids(desk)
    hers = desk.booking.book(
        actor,
        BookingRequest(
            start=desk.at(2, 9, 45), end=desk.at(2, 10, 15), professional_id=None, client_id=other
        ),
    )
    with pytest.raises(ClientClashError):
        desk.booking.edit_details(actor, hers.id, hers.version, {"client_id": noah})
    assert desk.booking.get(hers.id).client_id == other


def test_two_of_a_clients_appointments_moved_together_onto_each_other(desk: Clinic) -> None:
    silva, becker, _noah = ids(desk)
    actor = desk.services.actor_id
    a = book(desk, 12)
    b = desk.booking.get(book(desk, 13).id)
    moves = [
        MoveRequest(a.id, a.version, desk.at(2, 15), desk.at(2, 15, 30), silva),
        MoveRequest(b.id, b.version, desk.at(2, 15), desk.at(2, 15, 30), becker),
    ]
    with pytest.raises(ClientClashError):
        desk.booking.move_together(actor, moves)
    desk.booking.move_together(actor, moves, book_both=True)
    [conflict] = desk.services.conflicts.unresolved()
    assert {x.id for x in conflict.appointments} == {a.id, b.id}


def test_merging_duplicates_booked_at_once_records_the_time_conflict(desk: Clinic) -> None:
    _silva, becker, noah = ids(desk)
    desk.sign_in(desk.admin)  # merging is a manager's
    twin = desk.directory.add_client(desk.admin, "Noah  Cos", "+351 912 000 222").id
    theirs = desk.booking.book(
        desk.admin,
        BookingRequest(
            start=desk.at(2, 10, 30), end=desk.at(2, 11), professional_id=becker, client_id=twin
        ),
    )
    desk.services.client_record.merge(desk.admin, noah, twin)
    [conflict] = desk.services.conflicts.unresolved()
    assert conflict.kind == "time_conflict" and theirs.id in {a.id for a in conflict.appointments}
    assert conflict.forced_by == "admin"
