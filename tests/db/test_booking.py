"""Booking, moving, resizing and assigning through the services, on both databases."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from scheduler_app.db.models import Appointment, AuditEntry, Role
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import (
    ConflictError,
    PermissionDeniedError,
    StaleDataError,
    ValidationError,
)
from scheduler_app.services.dto import BookingRequest
from tests.conftest import Clinic

S = AppointmentStatus


def book(clinic: Clinic, start: datetime, end: datetime, prof: int | None = None, **kw: object):
    request = BookingRequest(start=start, end=end, professional_id=prof, **kw)  # type: ignore[arg-type]
    return clinic.booking.book(clinic.admin, request)


def count(clinic: Clinic, model: type) -> int:
    with clinic.services.database.read_sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_booking_is_stored_with_its_audit_entry(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    client = clinic.client("Joana Costa")
    appt = book(clinic, clinic.at(3, 10), clinic.at(3, 11), silva, client_id=client)
    assert appt.status == S.PENDING and appt.version == 1
    assert (appt.professional_name, appt.client_name) == ("Dr Silva", "Joana Costa")
    assert appt.start == clinic.at(3, 10) and appt.duration_minutes == 60
    assert [a.id for a in clinic.booking.appointments_on(clinic.at(3, 0).date())] == [appt.id]
    with clinic.services.database.read_sessions() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "appointment")).one()
    assert (entry.action, entry.entity_id, entry.actor_id) == ("book", appt.id, clinic.admin)
    assert entry.after is not None and entry.after["professional_id"] == silva


def test_default_length_comes_from_the_service_or_the_clinic(clinic: Clinic) -> None:
    clinic.professionals("Dr Silva")
    plain = clinic.booking.book(clinic.admin, BookingRequest(start=clinic.at(3, 9)))
    assert plain.duration_minutes == 90  # the clinic's default of 1 h 30 min
    kind = clinic.directory.add_service(clinic.admin, "Follow-up", 20)
    typed = clinic.booking.book(
        clinic.admin, BookingRequest(start=clinic.at(3, 14), service_id=kind.id)
    )
    assert typed.duration_minutes == 20 and typed.service_name == "Follow-up"


def test_seed_one_wrong_rejection_is_accepted(clinic: Clinic) -> None:
    clinic.professionals("P1", "P2")
    book(clinic, clinic.at(3, 9), clinic.at(3, 10))
    book(clinic, clinic.at(3, 11), clinic.at(3, 12))
    c = book(clinic, clinic.at(3, 9, 30), clinic.at(3, 11, 30))
    assert c.status == S.PENDING


def test_full_slot_is_refused_with_the_reason_and_nothing_written(clinic: Clinic) -> None:
    clinic.professionals("P1", "P2")
    book(clinic, clinic.at(3, 10), clinic.at(3, 11))
    book(clinic, clinic.at(3, 10), clinic.at(3, 11))
    before = (count(clinic, Appointment), count(clinic, AuditEntry))
    with pytest.raises(ConflictError, match="No professional is free at 10:30: 3 appointments"):
        book(clinic, clinic.at(3, 10, 30), clinic.at(3, 11, 30))
    assert (count(clinic, Appointment), count(clinic, AuditEntry)) == before
    assert not clinic.booking.check_availability(clinic.at(3, 10, 30), clinic.at(3, 11)).ok


def test_unassignable_gap_between_two_assigned_is_refused(clinic: Clinic) -> None:
    p1, p2 = clinic.professionals("P1", "P2")
    book(clinic, clinic.at(3, 10), clinic.at(3, 11), p1)
    book(clinic, clinic.at(3, 11), clinic.at(3, 12), p2)
    with pytest.raises(ConflictError, match="No professional is free for the whole of 10:30-11:30"):
        book(clinic, clinic.at(3, 10, 30), clinic.at(3, 11, 30))


def test_professional_double_booking_names_the_other_appointment(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    client = clinic.client("Joana Costa")
    book(clinic, clinic.at(3, 10), clinic.at(3, 11), silva, client_id=client)
    with pytest.raises(
        ConflictError, match="Dr Silva already has 10:00-11:00 on Tue 03 Mar with Joana Costa"
    ):
        book(clinic, clinic.at(3, 10, 30), clinic.at(3, 11, 30), silva)
    verdict = clinic.booking.check_availability(clinic.at(3, 10, 30), clinic.at(3, 11), silva)
    assert not verdict.ok and "Dr Silva already has" in verdict.reason
    # Back to back is fine: intervals are half-open.
    book(clinic, clinic.at(3, 11), clinic.at(3, 12), silva)


def test_moving_into_a_full_slot_is_refused(clinic: Clinic) -> None:
    clinic.professionals("P1")
    book(clinic, clinic.at(3, 10), clinic.at(3, 11))
    other = book(clinic, clinic.at(3, 14), clinic.at(3, 15))
    with pytest.raises(ConflictError):
        clinic.booking.move(clinic.admin, other.id, other.version, clinic.at(3, 10, 30))
    assert clinic.booking.get(other.id).start == clinic.at(3, 14)


def test_an_appointment_never_conflicts_with_itself(clinic: Clinic) -> None:
    (p1,) = clinic.professionals("P1")
    appt = book(clinic, clinic.at(3, 10), clinic.at(3, 11), p1)
    moved = clinic.booking.move(clinic.admin, appt.id, appt.version, clinic.at(3, 10, 15))
    assert (moved.start, moved.end, moved.version) == (
        clinic.at(3, 10, 15),
        clinic.at(3, 11, 15),
        2,
    )
    longer = clinic.booking.resize(clinic.admin, appt.id, moved.version, clinic.at(3, 12))
    assert longer.duration_minutes == 105
    assert clinic.booking.check_availability(
        clinic.at(3, 10), clinic.at(3, 12), p1, appointment_id=appt.id
    ).ok


def test_drag_to_another_professional_and_unassign(clinic: Clinic) -> None:
    p1, p2 = clinic.professionals("P1", "P2")
    appt = book(clinic, clinic.at(3, 10), clinic.at(3, 11), p1, confirmed=True)
    assert appt.status == S.CONFIRMED
    moved = clinic.booking.move(clinic.admin, appt.id, appt.version, clinic.at(3, 12), p2)
    assert (moved.professional_id, moved.start) == (p2, clinic.at(3, 12))
    # Without a professional it is no longer confirmed (confirmed means assigned).
    loose = clinic.booking.assign(clinic.admin, appt.id, moved.version, None)
    assert loose.professional_id is None and loose.status == S.PENDING
    again = clinic.booking.assign(clinic.admin, appt.id, loose.version, p1)
    assert again.professional_name == "P1"


def test_assigning_must_keep_the_unassigned_ones_assignable(clinic: Clinic) -> None:
    p1, p2 = clinic.professionals("P1", "P2")
    book(clinic, clinic.at(3, 10), clinic.at(3, 11))  # waiting for somebody
    busy = book(clinic, clinic.at(3, 10), clinic.at(3, 11), p2)
    other = book(clinic, clinic.at(3, 13), clinic.at(3, 14), p1)
    with pytest.raises(ConflictError):
        clinic.booking.move(clinic.admin, other.id, other.version, clinic.at(3, 10, 30))
    assert clinic.booking.get(busy.id).professional_id == p2


def test_stale_version_is_refused_and_nothing_overwritten(clinic: Clinic) -> None:
    (p1,) = clinic.professionals("P1")
    appt = book(clinic, clinic.at(3, 10), clinic.at(3, 11), p1)
    clinic.booking.move(clinic.admin, appt.id, appt.version, clinic.at(3, 12))
    with pytest.raises(StaleDataError, match="changed this appointment since you opened it"):
        clinic.booking.move(clinic.admin, appt.id, appt.version, clinic.at(3, 15))
    assert clinic.booking.get(appt.id).start == clinic.at(3, 12)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (datetime(2026, 3, 3, 10), datetime(2026, 3, 3, 11), "no time zone"),
        ("same", "same", "end after it starts"),
        ("long", "long", "at most 12 hours"),
        ("past", "past", "already passed"),
    ],
)
def test_bad_times_get_clear_messages(
    clinic: Clinic, start: object, end: object, message: str
) -> None:
    clinic.professionals("P1")
    if start == "same":
        start = end = clinic.at(3, 10)
    elif start == "long":
        start, end = clinic.at(3, 6), clinic.at(3, 19)
    elif start == "past":
        start, end = clinic.at(1, 10), clinic.at(1, 11)
    with pytest.raises(ValidationError, match=message):
        book(clinic, start, end)  # type: ignore[arg-type]
    assert count(clinic, Appointment) == 0


def test_dst_gap_in_the_clinic_zone_is_refused(clinic: Clinic) -> None:
    clinic.professionals("P1")
    # Lisbon springs forward at 01:00 on 29 March 2026: 01:30 does not exist.
    with pytest.raises(ValidationError, match="01:30 does not exist on 29 Mar 2026"):
        book(clinic, clinic.at(29, 1, 30), clinic.at(29, 2, 30))


def test_unknown_or_inactive_professional_and_client(clinic: Clinic) -> None:
    (p1,) = clinic.professionals("Dr Gone")
    with pytest.raises(ValidationError, match="professional does not exist"):
        book(clinic, clinic.at(3, 10), clinic.at(3, 11), 999)
    clinic.services.professionals.leave(clinic.admin, p1)
    with pytest.raises(ValidationError, match="Dr Gone is not active"):
        book(clinic, clinic.at(3, 10), clinic.at(3, 11), p1)
    with pytest.raises(ValidationError, match="client does not exist"):
        book(clinic, clinic.at(3, 10), clinic.at(3, 11), client_id=12345)


def test_inactive_professionals_do_not_count_for_capacity(clinic: Clinic) -> None:
    _p1, p2 = clinic.professionals("P1", "P2")
    book(clinic, clinic.at(3, 10), clinic.at(3, 11))
    clinic.services.professionals.leave(clinic.admin, p2)
    with pytest.raises(ConflictError, match="1 professional\\."):
        book(clinic, clinic.at(3, 10), clinic.at(3, 11))


def test_edit_details_validates_and_audits(clinic: Clinic) -> None:
    clinic.professionals("P1")
    appt = book(clinic, clinic.at(3, 10), clinic.at(3, 11))
    edited = clinic.booking.edit_details(
        clinic.admin,
        appt.id,
        appt.version,
        {"title": " Knee check ", "estimated_cost": "45.5", "priority": "high"},
    )
    assert (edited.title, edited.estimated_cost, edited.priority) == ("Knee check", 45.5, "high")
    with pytest.raises(ValidationError, match="needs a meeting link"):
        clinic.booking.edit_details(clinic.admin, appt.id, edited.version, {"is_virtual": True})
    with pytest.raises(ValidationError, match="rating must be a whole number"):
        clinic.booking.edit_details(clinic.admin, appt.id, edited.version, {"completion_rating": 9})
    with pytest.raises(ValidationError, match="cannot be edited here: start_at"):
        clinic.booking.edit_details(clinic.admin, appt.id, edited.version, {"start_at": 1})


def test_actor_must_be_a_known_desk_account(clinic: Clinic) -> None:
    clinic.professionals("P1")
    with pytest.raises(PermissionDeniedError):
        clinic.booking.book(9999, BookingRequest(start=clinic.at(3, 10)))
    desk = clinic.sign_in(clinic.add_staff("reception1", Role.RECEPTION))
    clinic.booking.book(desk, BookingRequest(start=clinic.at(3, 10)))
    with pytest.raises(PermissionDeniedError, match="Only a manager or admin"):
        clinic.directory.add_professional(desk, "Dr New")


def test_client_search_by_name_phone_and_email(clinic: Clinic) -> None:
    clinic.directory.add_client(
        clinic.admin, "Joana Costa", "+351 912 345 678", "joana@example.org"
    )
    clinic.directory.add_client(clinic.admin, "Rui Santos", "+351 933 000 111", "rui@example.org")
    assert [c.name for c in clinic.directory.find_clients("joa")] == ["Joana Costa"]
    assert [c.name for c in clinic.directory.find_clients("912345")] == ["Joana Costa"]
    assert [c.name for c in clinic.directory.find_clients("rui@")] == ["Rui Santos"]
    assert [c.name for c in clinic.directory.find_clients("100%")] == []
    with pytest.raises(ValidationError, match="does not look like an e-mail"):
        clinic.directory.add_client(clinic.admin, "X", email="not-an-email")


def test_appointments_of_a_day_follow_local_midnight(clinic: Clinic) -> None:
    clinic.professionals("P1")
    late = book(clinic, clinic.at(3, 23, 30), clinic.at(4, 0, 30))
    assert [a.id for a in clinic.booking.appointments_on(clinic.at(3, 0).date())] == [late.id]
    assert [a.id for a in clinic.booking.appointments_on(clinic.at(4, 0).date())] == [late.id]
    assert clinic.booking.appointments_on((clinic.at(4, 0) + timedelta(days=1)).date()) == []


def test_calendar_reads_show_what_a_single_read_shows(clinic: Clinic) -> None:
    """The calendar's lean read and the single-appointment read agree, field by field."""
    from decimal import Decimal

    (silva,) = clinic.professionals("Dr Silva")
    client = clinic.client("Joana Costa")
    kind = clinic.directory.add_service(clinic.admin, "Consultation", 30, Decimal("45.5"))
    full = clinic.booking.book(
        clinic.admin,
        BookingRequest(
            start=clinic.at(3, 10),
            professional_id=silva,
            client_id=client,
            service_id=kind.id,
            title="Check-up",
            description="Bring the X-ray",
            location="Room 2",
            is_virtual=True,
            meeting_url="https://meet.example/abc",
            external_id="EXT-1",
        ),
    )
    bare = book(clinic, clinic.at(3, 12), clinic.at(3, 13))
    clinic.lifecycle.cancel(clinic.admin, bare.id, bare.version, "Ill")
    listed = clinic.booking.appointments_on(clinic.at(3, 0).date())
    assert listed == [clinic.booking.get(full.id), clinic.booking.get(bare.id)]
    assert listed[0].estimated_cost == Decimal("45.50") and listed[0].is_virtual
    assert listed[1].status == S.CANCELLED and listed[1].cancellation_reason == "Ill"
