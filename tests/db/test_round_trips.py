"""A change over a real network: a booking, a move and a status change in at most 4
round trips to PostgreSQL each, and the day read again in at most 3, with nothing of
what a change saves lost on the way (its audit entry, the client's messages, the
notice other desks hear).

A real TCP proxy between the desk and the server counts the desk's turns to speak
(`FaultProxy.round_trips`) and lists what each turn sent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import psycopg
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from scheduler_app.db.change_feed import CHANNEL
from scheduler_app.db.models import Appointment, AuditEntry
from scheduler_app.db.notification_models import Notification
from scheduler_app.domain.localtime import day_bounds
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import ConflictError, StaleDataError
from scheduler_app.services import lifecycle
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui.period_loader import read_period
from tests.conftest import Clinic
from tests.db.fault_proxy import FaultProxy
from tests.db.test_resources import _physio
from tests.ui.through_proxy import desk_through_proxy

#: The most round trips a change may take, and the day's reload after it.
CHANGE, RELOAD = 4, 3


@pytest.fixture
def proxied(pg_clinic: Clinic) -> Iterator[tuple[Services, FaultProxy]]:
    """A desk of ``pg_clinic`` whose every connection goes through a counting proxy."""
    with desk_through_proxy(pg_clinic) as (services, proxy):
        yield services, proxy


def trips(proxy: FaultProxy, call: Callable[[], Any]) -> tuple[Any, int, list[list[str]]]:
    """What ``call`` gave, its round trips, and what each sent."""
    proxy.said.clear()
    proxy.trace = True
    before = proxy.round_trips
    try:
        answer = call()
    finally:
        proxy.trace = False
    return answer, proxy.round_trips - before, list(proxy.said)


def rows(clinic: Clinic, model: Any, **where: Any) -> int:
    with clinic.services.database.read_sessions() as session:
        query = select(func.count()).select_from(model).filter_by(**where)
        return session.scalar(query) or 0


@pytest.fixture
def listening(pg_clinic: Clinic) -> Iterator[psycopg.Connection]:
    """A connection listening to the change feed, as another desk's listener does."""
    url = make_url(pg_clinic.services.database.engine.url.render_as_string(False))
    conn = psycopg.connect(
        host=url.host, port=url.port, user=url.username, dbname=url.database, autocommit=True
    )
    conn.execute(f"LISTEN {CHANNEL}")
    yield conn
    conn.close()


def heard(conn: psycopg.Connection) -> list[str]:
    return [n.payload for n in conn.notifies(timeout=2, stop_after=1)]


def test_booking_move_and_status_change_each_take_at_most_four_round_trips(
    pg_clinic: Clinic, proxied: tuple[Services, FaultProxy], listening: psycopg.Connection
) -> None:
    services, proxy = proxied
    clinic = pg_clinic
    prof = clinic.professionals("Dr Silva")[0]
    client = clinic.client()
    actor = services.actor_id
    start, end = day_bounds(clinic.at(3, 0).date(), services.context.timezone)
    read_period(services, start, end)  # what the window read before (caches warm)
    request = BookingRequest(
        clinic.at(3, 10), clinic.at(3, 11), professional_id=prof, client_id=client
    )

    booked, booking_trips, said = trips(proxy, lambda: services.booking.book(actor, request))
    assert booking_trips <= CHANGE, said
    assert heard(listening), "other desks were not told"
    with clinic.services.database.read_sessions() as session:
        stored = session.get(Appointment, booked.id)
        assert stored is not None
        assert (stored.professional_id, stored.version) == (prof, booked.version)
    assert rows(clinic, AuditEntry, entity_id=booked.id, action="book") == 1
    assert rows(clinic, Notification, appointment_id=booked.id) >= 1
    _contents, reload_trips, said = trips(proxy, lambda: read_period(services, start, end))
    assert reload_trips <= RELOAD, said
    assert [a.id for a in _contents.appointments] == [booked.id]

    moved, move_trips, said = trips(
        proxy,
        lambda: services.booking.reschedule(actor, booked.id, booked.version, clinic.at(3, 14)),
    )
    assert move_trips <= CHANGE, said
    assert heard(listening)
    assert moved.start == clinic.at(3, 14) and moved.version == booked.version + 1
    assert services.booking.get(booked.id) == moved
    assert rows(clinic, AuditEntry, entity_id=booked.id, action="move") == 1

    confirm = AppointmentStatus.CONFIRMED
    done, status_trips, said = trips(
        proxy, lambda: services.lifecycle.set_status(actor, moved.id, moved.version, confirm)
    )
    assert status_trips <= CHANGE, said
    assert heard(listening)
    assert services.booking.get(booked.id) == done
    assert done.status is confirm
    assert rows(clinic, AuditEntry, entity_id=booked.id, action="status:confirmed") == 1


def test_a_booking_and_a_move_holding_a_room_take_at_most_four_round_trips(
    pg_clinic: Clinic, proxied: tuple[Services, FaultProxy]
) -> None:
    """The room is decided under the lock from what the desk keeps of the clinic's
    rooms (with the roster's version) and their holds read with the lock's read."""
    services, proxy = proxied
    clinic = pg_clinic
    service, rooms = _physio(clinic)
    prof = clinic.professionals("Dr Silva")[0]
    actor = services.actor_id
    start, end = day_bounds(clinic.at(3, 0).date(), services.context.timezone)
    read_period(services, start, end)
    first = BookingRequest(clinic.at(3, 9), professional_id=prof, service_id=service)
    services.booking.book(actor, first)  # the desk's first change reads the rooms

    request = BookingRequest(
        clinic.at(3, 10), professional_id=prof, service_id=service, client_id=clinic.client()
    )
    booked, booking_trips, said = trips(proxy, lambda: services.booking.book(actor, request))
    assert booking_trips <= CHANGE, said
    assert booked.resources == "Room 1"
    assert clinic.booking.get(booked.id).resource_ids == (rooms[0],)

    moved, move_trips, said = trips(
        proxy,
        lambda: services.booking.reschedule(actor, booked.id, booked.version, clinic.at(3, 14)),
    )
    assert move_trips <= CHANGE, said
    assert clinic.booking.get(booked.id).resources == moved.resources == "Room 1"

    # The booking dialog's check: the rooms' holds come with the decision's window,
    # and what another desk booked meanwhile counts.
    costa, lima = clinic.professionals("Dr Costa", "Dr Lima")
    for other in (costa, lima):
        clinic.booking.book(
            clinic.admin,
            BookingRequest(clinic.at(3, 16), professional_id=other, service_id=service),
        )
    check = services.booking.check_availability
    taken, check_trips, said = trips(
        proxy, lambda: check(clinic.at(3, 16), clinic.at(3, 17), prof, service_id=service)
    )
    assert check_trips == 1, said
    assert not taken.ok and "No treatment room is free" in taken.reason
    free, _trips, _said = trips(
        proxy, lambda: check(clinic.at(3, 17), clinic.at(3, 18), prof, service_id=service)
    )
    assert free.ok


def test_a_booking_beside_a_day_long_chain_of_unassigned_appointments_reads_it_at_once(
    pg_clinic: Clinic, proxied: tuple[Services, FaultProxy]
) -> None:
    """Appointments without a professional chained by overlaps all day are placed
    whole by every decision on that day. The desk's first decision finds the chain a
    read at a time; the desk then knows where it lies, and its next booking there reads
    it at once: four round trips."""
    services, proxy = proxied
    clinic = pg_clinic
    silva, costa, _becker = clinic.professionals("Dr Silva", "Dr Costa", "Tom Becker")
    for n in range(18):  # 08:00-09:00, 08:30-09:30, ... 16:30-17:30: two at once at most
        start = clinic.at(3, 8) + timedelta(minutes=30 * n)
        end = start + timedelta(hours=1)
        request = BookingRequest(start, end, client_id=clinic.client(f"Client {n}"))
        clinic.booking.book(clinic.admin, request)
    client = clinic.client()
    actor = services.actor_id
    first = BookingRequest(
        clinic.at(3, 12), clinic.at(3, 12, 30), professional_id=silva, client_id=client
    )
    _booked, first_trips, _said = trips(proxy, lambda: services.booking.book(actor, first))
    second = BookingRequest(
        clinic.at(3, 13), clinic.at(3, 13, 30), professional_id=costa, client_id=client
    )
    booked, second_trips, said = trips(proxy, lambda: services.booking.book(actor, second))
    assert second_trips <= CHANGE < first_trips, said
    assert services.booking.get(booked.id).professional_id == costa


def test_a_refusal_and_a_change_made_meanwhile_leave_nothing_behind(
    pg_clinic: Clinic, proxied: tuple[Services, FaultProxy], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refused booking writes nothing; a status change whose appointment another
    desk edits between its read and its write is refused as stale, and nothing of it
    is saved, though its write, audit entry and notice travel with a later round trip."""
    services, _proxy = proxied
    clinic = pg_clinic
    prof = clinic.professionals("Dr Silva")[0]
    actor = services.actor_id
    first = services.booking.book(
        actor, BookingRequest(clinic.at(3, 10), clinic.at(3, 11), professional_id=prof)
    )
    audit_before = rows(clinic, AuditEntry)
    with pytest.raises(ConflictError, match="Dr Silva"):
        services.booking.book(
            actor, BookingRequest(clinic.at(3, 10, 30), clinic.at(3, 11), professional_id=prof)
        )
    assert (rows(clinic, Appointment), rows(clinic, AuditEntry)) == (1, audit_before)

    read_as_it_was = lifecycle.check_appointment

    def edited_meanwhile(found: Any, version: int) -> Any:
        seen = read_as_it_was(found, version)
        clinic.booking.edit_details(clinic.admin, first.id, first.version, {"title": "Tea"})
        return seen

    monkeypatch.setattr(lifecycle, "check_appointment", edited_meanwhile)
    with pytest.raises(StaleDataError):
        services.lifecycle.set_status(actor, first.id, first.version, AppointmentStatus.CONFIRMED)
    now = services.booking.get(first.id)
    assert (now.status, now.title, now.version) == (AppointmentStatus.PENDING, "Tea", 2)
    assert rows(clinic, AuditEntry) == audit_before + 1  # the other desk's edit only
    assert rows(clinic, AuditEntry, action="status:confirmed") == 0
