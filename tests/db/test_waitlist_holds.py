"""A freed time held for the first client waiting, on both databases: booked pending
through the booking check (it takes its place), the client asked by e-mail and SMS to
call back, and then booked when confirmed, or cancelled by itself when not confirmed
in time (the entry waits again)."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from scheduler_app.db.notification_models import Notification
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import ConflictError, ValidationError
from scheduler_app.services.dto import BookingRequest, ServiceDetails
from scheduler_app.services.waitlist_dto import WaitlistRequest
from tests.conftest import Clinic

TUESDAY = date(2026, 3, 3)  # "now" is Monday 2 March 2026, 07:00 in Lisbon


def _messages(clinic: Clinic, appointment_id: int) -> list[tuple[str, str, str]]:
    with clinic.services.database.read_sessions() as session:
        rows = session.scalars(
            select(Notification)
            .where(Notification.appointment_id == appointment_id)
            .order_by(Notification.id)
        )
        return [(n.kind.value, n.channel.value, n.message) for n in rows]


def _held(clinic: Clinic) -> tuple[int, int, int]:
    """Dr Silva's 10:30 cancelled; Ana waits for it: (professional, entry, service)."""
    (silva,) = clinic.professionals("Dr Silva")
    details = ServiceDetails("Check", 30, Decimal("40.00"), "EUR", "#3366cc")
    check = clinic.services.catalog.add(clinic.admin, details).id
    ana = clinic.directory.add_client(clinic.admin, "Ana", "+351 912 000 111", "ana@example.org").id
    entry = clinic.services.waitlist.add(
        clinic.admin, WaitlistRequest(ana, check, TUESDAY, TUESDAY, time(9), time(13))
    ).id
    return silva, entry, check


def test_a_held_time_takes_its_place_and_asks_the_client_to_call_back(clinic: Clinic) -> None:
    silva, entry, check = _held(clinic)
    waitlist = clinic.services.waitlist
    held = waitlist.hold(clinic.admin, entry, clinic.at(3, 10, 30), silva, hours=2)
    assert held.status is AppointmentStatus.PENDING and held.client_name == "Ana"
    (view,) = waitlist.entries()
    assert (view.status, view.appointment_id) == ("held", held.id)
    assert view.held_until == clinic.clock.now + timedelta(hours=2)
    (message,) = _messages(clinic, held.id)  # no booking confirmation, no reminders
    assert message[:2] == ("waitlist_offer", "email")
    assert "We hold it for you until Mon 02 Mar 09:00" in message[2]
    # It holds the place: nobody else is booked there meanwhile.
    with pytest.raises(ConflictError):
        clinic.booking.book(
            clinic.admin,
            BookingRequest(clinic.at(3, 10, 30), professional_id=silva, service_id=check),
        )
    with pytest.raises(ValidationError, match="This entry is held"):
        waitlist.hold(clinic.admin, entry, clinic.at(3, 11), silva)


def test_a_hold_not_confirmed_in_time_frees_itself_and_the_client_waits_again(
    clinic: Clinic,
) -> None:
    silva, entry, _check = _held(clinic)
    waitlist = clinic.services.waitlist
    held = waitlist.hold(clinic.admin, entry, clinic.at(3, 10, 30), silva, hours=2)
    assert waitlist.settle_holds(clinic.admin) == 0  # not yet
    clinic.clock.now += timedelta(hours=2, minutes=1)
    assert waitlist.settle_holds(clinic.admin) == 1
    lapsed = clinic.booking.get(held.id)
    assert lapsed.status is AppointmentStatus.CANCELLED
    assert lapsed.cancellation_reason == "Hold lapsed: not confirmed in time"
    (view,) = waitlist.entries()
    assert (view.status, view.appointment_id, view.held_until) == ("waiting", None, None)
    assert [m[0] for m in _messages(clinic, held.id)] == ["waitlist_offer", "appointment_cancelled"]
    assert waitlist.settle_holds(clinic.admin) == 0  # nothing held any more


def test_a_hold_confirmed_in_time_is_booked(clinic: Clinic) -> None:
    silva, entry, _check = _held(clinic)
    waitlist = clinic.services.waitlist
    held = waitlist.hold(clinic.admin, entry, clinic.at(3, 10, 30), silva, hours=2)
    clinic.lifecycle.confirm(clinic.admin, held.id, held.version)  # the client called back
    clinic.clock.now += timedelta(hours=3)
    assert waitlist.settle_holds(clinic.admin) == 1
    assert clinic.booking.get(held.id).status is AppointmentStatus.CONFIRMED  # kept
    (view,) = waitlist.entries()
    assert (view.status, view.appointment_id) == ("booked", held.id)


def test_a_held_time_cancelled_by_the_desk_lets_the_client_wait_again(clinic: Clinic) -> None:
    silva, entry, _check = _held(clinic)
    waitlist = clinic.services.waitlist
    held = waitlist.hold(clinic.admin, entry, clinic.at(3, 10, 30), silva)
    clinic.lifecycle.cancel(clinic.admin, held.id, held.version, "Client said no")
    assert waitlist.settle_holds(clinic.admin) == 1
    assert waitlist.entries()[0].status == "waiting"
    with pytest.raises(ValidationError, match="1 to 72 hours"):
        waitlist.hold(clinic.admin, entry, clinic.at(3, 11), silva, hours=0)
