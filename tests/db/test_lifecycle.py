"""Status changes at the desk: confirm, check in, complete, no-show, cancel, restore."""

from __future__ import annotations

from datetime import timedelta

import pytest

from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import ConflictError, TransitionError, ValidationError
from scheduler_app.services.dto import AppointmentView, BookingRequest
from tests.conftest import Clinic

S = AppointmentStatus


def book(clinic: Clinic, day: int, hour: int, prof: int | None = None) -> AppointmentView:
    request = BookingRequest(
        start=clinic.at(day, hour), end=clinic.at(day, hour + 1), professional_id=prof
    )
    return clinic.booking.book(clinic.admin, request)


def test_a_visit_from_booking_to_completion(clinic: Clinic) -> None:
    (p1,) = clinic.professionals("P1")
    appt = book(clinic, 3, 10, p1)
    confirmed = clinic.lifecycle.confirm(clinic.admin, appt.id, appt.version)
    clinic.clock.now = clinic.at(3, 9, 50)
    arrived = clinic.lifecycle.check_in(clinic.admin, appt.id, confirmed.version)
    clinic.clock.now = clinic.at(3, 11)
    done = clinic.lifecycle.complete(
        clinic.admin, appt.id, arrived.version, notes="All good", rating=5
    )
    assert [confirmed.status, arrived.status, done.status] == [
        S.CONFIRMED,
        S.CHECKED_IN,
        S.COMPLETED,
    ]
    assert (done.completion_notes, done.completion_rating) == ("All good", 5)


def test_confirming_and_cancelling_an_assigned_appointment_succeed(clinic: Clinic) -> None:
    # A check re-run on every save would refuse these: they add no demand.
    clinic.professionals("P1")
    (p2,) = clinic.professionals("P2")
    book(clinic, 3, 10)
    appt = book(clinic, 3, 10, p2)  # the slot is now full
    confirmed = clinic.lifecycle.confirm(clinic.admin, appt.id, appt.version)
    cancelled = clinic.lifecycle.cancel(clinic.admin, appt.id, confirmed.version, "Flu")
    assert (cancelled.status, cancelled.cancellation_reason) == (S.CANCELLED, "Flu")


def test_restoring_into_a_full_slot_is_refused(clinic: Clinic) -> None:
    clinic.professionals("P1")
    appt = book(clinic, 3, 10)
    cancelled = clinic.lifecycle.cancel(clinic.admin, appt.id, appt.version)
    book(clinic, 3, 10)  # someone else takes the freed time
    with pytest.raises(ConflictError, match="No professional is free at 10:00"):
        clinic.lifecycle.restore(clinic.admin, appt.id, cancelled.version)
    assert clinic.booking.get(appt.id).status == S.CANCELLED


def test_restore_brings_back_the_status_before_the_cancellation(clinic: Clinic) -> None:
    (p1,) = clinic.professionals("P1")
    pending = book(clinic, 3, 10, p1)
    cancelled = clinic.lifecycle.cancel(clinic.admin, pending.id, pending.version, "Oops")
    restored = clinic.lifecycle.restore(clinic.admin, pending.id, cancelled.version)
    assert (restored.status, restored.cancellation_reason) == (S.PENDING, "")
    confirmed = clinic.lifecycle.confirm(clinic.admin, restored.id, restored.version)
    clinic.clock.now = clinic.at(3, 11)
    missed = clinic.lifecycle.mark_no_show(clinic.admin, confirmed.id, confirmed.version)
    assert clinic.lifecycle.restore(clinic.admin, missed.id, missed.version).status == S.CONFIRMED


def test_confirming_needs_a_professional(clinic: Clinic) -> None:
    clinic.professionals("P1")
    appt = book(clinic, 3, 10)
    with pytest.raises(ValidationError, match="Assign a professional before confirming"):
        clinic.lifecycle.confirm(clinic.admin, appt.id, appt.version)


def test_disallowed_transitions_say_what_is_possible(clinic: Clinic) -> None:
    clinic.professionals("P1")
    appt = book(clinic, 3, 10)
    with pytest.raises(TransitionError, match="A pending appointment cannot become completed"):
        clinic.lifecycle.complete(clinic.admin, appt.id, appt.version)
    cancelled = clinic.lifecycle.cancel(clinic.admin, appt.id, appt.version)
    with pytest.raises(TransitionError, match="already cancelled"):
        clinic.lifecycle.cancel(clinic.admin, appt.id, cancelled.version)
    with pytest.raises(ValidationError, match=r"cannot be moved\. Restore it first"):
        clinic.booking.move(clinic.admin, appt.id, cancelled.version, clinic.at(3, 12))


def test_no_show_only_once_the_appointment_has_started(clinic: Clinic) -> None:
    clinic.professionals("P1")
    appt = book(clinic, 3, 10)
    with pytest.raises(ValidationError, match="has not started yet"):
        clinic.lifecycle.mark_no_show(clinic.admin, appt.id, appt.version)
    clinic.clock.now = clinic.at(3, 10, 20)
    assert clinic.lifecycle.mark_no_show(clinic.admin, appt.id, appt.version).status == S.NO_SHOW


def test_check_in_only_on_the_day(clinic: Clinic) -> None:
    clinic.professionals("P1")
    appt = book(clinic, 4, 10)
    with pytest.raises(ValidationError, match="Only today's appointments"):
        clinic.lifecycle.check_in(clinic.admin, appt.id, appt.version)
    clinic.clock.now = clinic.at(4, 8)
    assert clinic.lifecycle.check_in(clinic.admin, appt.id, appt.version).status == S.CHECKED_IN


def test_cancelled_time_is_free_again(clinic: Clinic) -> None:
    clinic.professionals("P1")
    appt = book(clinic, 3, 10)
    clinic.lifecycle.cancel(clinic.admin, appt.id, appt.version)
    assert book(clinic, 3, 10).status == S.PENDING


def test_reopening_a_completed_visit_is_checked(clinic: Clinic) -> None:
    (p1,) = clinic.professionals("P1")
    appt = book(clinic, 3, 10, p1)
    clinic.clock.now = clinic.at(3, 10)
    v = clinic.lifecycle.check_in(clinic.admin, appt.id, appt.version).version
    done = clinic.lifecycle.complete(clinic.admin, appt.id, v)
    clinic.clock.now = clinic.at(3, 10, 30) - timedelta(minutes=1)
    clinic.booking.book(
        clinic.admin,
        BookingRequest(start=clinic.at(3, 10, 30), end=clinic.at(3, 11), professional_id=p1),
    )
    with pytest.raises(ConflictError, match="P1 already has 10:30-11:00"):
        clinic.lifecycle.set_status(clinic.admin, appt.id, done.version, S.CHECKED_IN)
