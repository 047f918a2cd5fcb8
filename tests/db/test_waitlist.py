"""The waitlist on both databases: first come first served, expiry, a freed time
offered only to entries whose booking there would be accepted, and booking from the
waitlist through the booking check."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import pytest

from scheduler_app.domain.rules import RuleKind
from scheduler_app.domain.working_time import WeeklyRange
from scheduler_app.errors import ConflictError, ValidationError
from scheduler_app.services.dto import BookingRequest, ServiceDetails
from scheduler_app.services.rules import RuleDetails
from scheduler_app.services.waitlist_dto import WaitlistRequest
from tests.conftest import Clinic

TUESDAY = date(2026, 3, 3)  # "now" is Monday 2 March 2026, 07:00 in Lisbon


def _service(clinic: Clinic, name: str = "Check", minutes: int = 30) -> int:
    details = ServiceDetails(name, minutes, Decimal("40.00"), "EUR", "#3366cc")
    return clinic.services.catalog.add(clinic.admin, details).id


def _wait(
    clinic: Clinic,
    client: int,
    service: int,
    professional: int | None = None,
    days: tuple[date, date] = (TUESDAY, TUESDAY + timedelta(days=4)),
    hours: tuple[time, time] = (time(9), time(13)),
) -> int:
    request = WaitlistRequest(client, service, *days, *hours, professional_id=professional)
    return clinic.services.waitlist.add(clinic.admin, request).id


def test_a_cancelled_time_is_offered_first_come_first_served(clinic: Clinic) -> None:
    (prof,) = clinic.professionals("Dr Silva")
    check = _service(clinic)
    ana, rui, eva = clinic.client("Ana"), clinic.client("Rui"), clinic.client("Eva")
    first = _wait(clinic, ana, check)
    clinic.clock.now += timedelta(minutes=1)
    second = _wait(clinic, rui, check, prof)
    _wait(clinic, eva, check, hours=(time(14), time(18)))  # other hours: not offered
    booked = clinic.booking.book(
        clinic.admin, BookingRequest(clinic.at(3, 10, 30), professional_id=prof, service_id=check)
    )
    assert clinic.services.waitlist.freed(booked.start, booked.end, prof).matches == ()

    cancelled = clinic.lifecycle.cancel(clinic.admin, booked.id, booked.version)
    slot = clinic.services.waitlist.freed(cancelled.start, cancelled.end, prof)
    assert [m.entry.id for m in slot.matches] == [first, second]
    assert slot.professional_name == "Dr Silva"
    assert slot.matches[0].end == clinic.at(3, 11)


def test_an_entry_for_another_professional_or_service_is_not_offered(clinic: Clinic) -> None:
    silva, costa = clinic.professionals("Dr Silva", "Dr Costa")
    check, scan = _service(clinic), _service(clinic, "Scan", 20)
    ana = clinic.client("Ana")
    _wait(clinic, ana, check, costa)
    long_one = _service(clinic, "Long", 90)
    _wait(clinic, ana, long_one)  # 90 minutes do not fit in a freed half hour
    assert (
        clinic.services.waitlist.freed(clinic.at(3, 10), clinic.at(3, 10, 30), silva).matches == ()
    )
    scan_entry = _wait(clinic, ana, scan)
    slot = clinic.services.waitlist.freed(clinic.at(3, 10), clinic.at(3, 10, 30), silva)
    assert [m.entry.id for m in slot.matches] == [scan_entry]
    assert slot.matches[0].end == clinic.at(3, 10, 20)


def test_a_freed_time_outside_working_time_is_not_offered(clinic: Clinic) -> None:
    (prof,) = clinic.professionals("Dr Silva")
    check = _service(clinic)
    entry = _wait(clinic, clinic.client("Ana"), check, hours=(time(8), time(20)))
    waitlist = clinic.services.waitlist
    assert [
        m.entry.id for m in waitlist.freed(clinic.at(3, 14), clinic.at(3, 15), prof).matches
    ] == [entry]
    clinic.services.working_time.set_weekly_plan(
        clinic.admin, prof, [WeeklyRange(d, time(8), time(12)) for d in range(7)]
    )
    assert waitlist.freed(clinic.at(3, 14), clinic.at(3, 15), prof).matches == ()
    assert len(waitlist.freed(clinic.at(3, 10), clinic.at(3, 11), prof).matches) == 1


def test_a_freed_time_a_booking_rule_refuses_is_not_offered(clinic: Clinic) -> None:
    (prof,) = clinic.professionals("Dr Silva")
    check = _service(clinic)
    _wait(clinic, clinic.client("Ana"), check)
    waitlist = clinic.services.waitlist
    assert len(waitlist.freed(clinic.at(3, 10), clinic.at(3, 11), prof).matches) == 1
    clinic.services.rules.add(
        clinic.admin, RuleDetails(RuleKind.MIN_NOTICE, notice_minutes=3 * 24 * 60)
    )
    assert waitlist.freed(clinic.at(3, 10), clinic.at(3, 11), prof).matches == ()
    assert len(waitlist.freed(clinic.at(6, 10), clinic.at(6, 11), prof).matches) == 1


def test_a_time_still_taken_by_someone_else_is_not_offered(clinic: Clinic) -> None:
    (prof,) = clinic.professionals("Dr Silva")
    check = _service(clinic)
    _wait(clinic, clinic.client("Ana"), check)
    clinic.booking.book(
        clinic.admin, BookingRequest(clinic.at(3, 10), professional_id=prof, service_id=check)
    )
    assert clinic.services.waitlist.freed(clinic.at(3, 10), clinic.at(3, 11), prof).matches == ()


def test_entries_expire_at_the_end_of_their_range_and_are_kept(clinic: Clinic) -> None:
    (prof,) = clinic.professionals("Dr Silva")
    check = _service(clinic)
    entry = _wait(clinic, clinic.client("Ana"), check, days=(TUESDAY, TUESDAY))
    waitlist = clinic.services.waitlist
    assert [e.status for e in waitlist.entries()] == ["waiting"]
    clinic.clock.now = clinic.at(3, 12, 59)
    assert len(waitlist.freed(clinic.at(3, 12, 30), clinic.at(3, 13), prof).matches) == 1
    clinic.clock.now = clinic.at(3, 13)
    assert [(e.id, e.status) for e in waitlist.entries()] == [(entry, "expired")]
    assert [e.id for e in waitlist.entries(status="expired")] == [entry]
    assert waitlist.entries(status="waiting") == []
    with pytest.raises(ValidationError, match="expired"):
        waitlist.book(clinic.admin, entry, clinic.at(3, 14), prof)


def test_booking_from_the_waitlist_goes_through_the_booking_check(clinic: Clinic) -> None:
    (prof,) = clinic.professionals("Dr Silva")
    check = _service(clinic)
    ana = clinic.client("Ana")
    entry = _wait(clinic, ana, check, prof)
    waitlist = clinic.services.waitlist
    clinic.booking.book(
        clinic.admin, BookingRequest(clinic.at(3, 10), professional_id=prof, service_id=check)
    )
    with pytest.raises(ConflictError):
        waitlist.book(clinic.admin, entry, clinic.at(3, 10), prof)
    assert waitlist.entries()[0].status == "waiting"

    booked = waitlist.book(clinic.admin, entry, clinic.at(3, 11), prof)
    assert (booked.start, booked.end, booked.client_id) == (
        clinic.at(3, 11),
        clinic.at(3, 11, 30),
        ana,
    )
    (seen,) = waitlist.entries()
    assert (seen.status, seen.appointment_id) == ("booked", booked.id)
    assert waitlist.entries(status="booked") == [seen]
    assert waitlist.freed(clinic.at(3, 12), clinic.at(3, 13), prof).matches == ()
    with pytest.raises(ValidationError, match="booked"):
        waitlist.book(clinic.admin, entry, clinic.at(3, 12), prof)


def test_bad_entries_are_refused_and_entries_can_be_removed(clinic: Clinic) -> None:
    check = _service(clinic)
    ana = clinic.client("Ana")
    waitlist = clinic.services.waitlist
    with pytest.raises(ValidationError, match="last day"):
        _wait(clinic, ana, check, days=(TUESDAY, TUESDAY - timedelta(days=1)))
    with pytest.raises(ValidationError, match="latest time"):
        _wait(clinic, ana, check, hours=(time(12), time(9)))
    with pytest.raises(ValidationError, match="already ended"):
        _wait(clinic, ana, check, days=(date(2026, 2, 1), date(2026, 2, 2)))
    with pytest.raises(ValidationError, match="service"):
        _wait(clinic, ana, 9999)
    assert waitlist.entries() == []
    entry = _wait(clinic, ana, check)
    waitlist.remove(clinic.admin, entry)
    assert waitlist.entries() == []


def test_a_merged_client_waits_as_the_one_kept_and_an_erased_one_no_more(clinic: Clinic) -> None:
    check = _service(clinic)
    keep, duplicate = clinic.client("Ana Lopes"), clinic.client("Ana Lopes dup")
    _wait(clinic, duplicate, check)
    clinic.services.client_record.merge(clinic.admin, keep, duplicate)
    assert [e.client_id for e in clinic.services.waitlist.entries()] == [keep]
    clinic.services.client_record.erase(clinic.admin, keep)
    assert clinic.services.waitlist.entries() == []


def test_a_long_freed_time_is_offered_from_the_earliest_time_the_client_can_come(
    clinic: Clinic,
) -> None:
    (prof,) = clinic.professionals("Dr Silva")
    check = _service(clinic)
    entry = _wait(clinic, clinic.client("Ana"), check, hours=(time(9), time(12)))
    slot = clinic.services.waitlist.freed(clinic.at(3, 8, 30), clinic.at(3, 10), prof)
    assert [(m.entry.id, m.start, m.end) for m in slot.matches] == [
        (entry, clinic.at(3, 9), clinic.at(3, 9, 30))
    ]
    assert clinic.services.waitlist.freed(clinic.at(3, 8), clinic.at(3, 9, 20), prof).matches == ()


def test_undoing_a_booking_from_the_waitlist_lets_the_entry_wait_again(clinic: Clinic) -> None:
    from sqlalchemy import select

    from scheduler_app.db.models import AuditEntry
    from scheduler_app.domain.status import AppointmentStatus

    (prof,) = clinic.professionals("Dr Silva")
    check = _service(clinic)
    ana, rui = clinic.client("Ana"), clinic.client("Rui")
    entry = _wait(clinic, ana, check, prof)
    waitlist = clinic.services.waitlist
    booked = waitlist.book(clinic.admin, entry, clinic.at(3, 10), prof)
    undone = waitlist.undo_book(clinic.admin, entry, booked.id, booked.version)
    assert undone.status is AppointmentStatus.CANCELLED
    assert [(e.status, e.appointment_id) for e in waitlist.entries()] == [("waiting", None)]
    with clinic.services.database.read_sessions() as session:
        actions = session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.entity == "waitlist_entry", AuditEntry.entity_id == entry)
            .order_by(AuditEntry.id)
        ).all()
    assert actions == ["add", "book", "update"]
    # The entry waits, so a freed time is offered to it again.
    assert [m.entry.id for m in waitlist.freed(clinic.at(3, 10), clinic.at(3, 11), prof).matches]

    again = waitlist.redo_book(clinic.admin, entry, booked.id, undone.version)
    assert again.status is AppointmentStatus.PENDING
    assert [(e.status, e.appointment_id) for e in waitlist.entries()] == [("booked", booked.id)]

    # Redo is refused, with nothing changed, once the time was taken meanwhile.
    undone = waitlist.undo_book(clinic.admin, entry, booked.id, again.version)
    clinic.booking.book(
        clinic.admin, BookingRequest(clinic.at(3, 10), professional_id=prof, client_id=rui)
    )
    with pytest.raises(ConflictError):
        waitlist.redo_book(clinic.admin, entry, booked.id, undone.version)
    assert [(e.status, e.appointment_id) for e in waitlist.entries()] == [("waiting", None)]
    assert clinic.booking.get(booked.id).status is AppointmentStatus.CANCELLED
