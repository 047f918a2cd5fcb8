"""A dropped server connection costs the desk nothing: the next action reconnects."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from scheduler_app.db import appointments
from scheduler_app.services.dto import BookingRequest
from tests.conftest import PG_ADMIN_URL, Clinic, _libpq


def _terminate_backends(database_name: str) -> int:
    with psycopg.connect(_libpq(PG_ADMIN_URL), autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (database_name,),
        ).fetchall()
    return len(rows)


def test_terminated_connections_are_replaced(pg_clinic: Clinic) -> None:
    clinic = pg_clinic
    database = clinic.services.database
    (p1,) = clinic.professionals("P1")
    first = clinic.booking.book(
        clinic.admin, BookingRequest(start=clinic.at(3, 10), professional_id=p1)
    )
    day = clinic.at(3, 0).date()
    assert [a.id for a in clinic.booking.appointments_on(day)] == [first.id]  # a pooled reader
    name = make_url(str(database.engine.url)).database
    assert name is not None
    assert _terminate_backends(name) >= 2
    # The reader's connection is dead too: the read is retried on a fresh one.
    assert [a.id for a in clinic.booking.appointments_on(day)] == [first.id]
    # The pooled connection is dead now; pre-ping notices and opens a new one.
    second = clinic.booking.book(
        clinic.admin, BookingRequest(start=clinic.at(3, 14), professional_id=p1)
    )
    assert [a.id for a in clinic.booking.appointments_on(clinic.at(3, 0).date())] == [
        first.id,
        second.id,
    ]


def test_a_dropped_connection_under_a_hover_check_is_replaced(pg_clinic: Clinic) -> None:
    """The availability check and the calendar read through the driver directly:
    a connection the server dropped is replaced there too, never an unhandled error."""
    clinic = pg_clinic
    (p1,) = clinic.professionals("P1")
    booked = clinic.booking.book(
        clinic.admin, BookingRequest(start=clinic.at(3, 10), professional_id=p1)
    )
    assert clinic.booking.check_availability(clinic.at(3, 10), clinic.at(3, 11), p1).ok is False
    name = make_url(str(clinic.services.database.engine.url)).database
    assert name is not None
    assert _terminate_backends(name) >= 1
    busy = clinic.booking.check_availability(clinic.at(3, 10), clinic.at(3, 11), p1)
    assert busy.ok is False and "P1 already has" in busy.reason
    assert _terminate_backends(name) >= 1
    assert clinic.booking.check_availability(clinic.at(3, 12), clinic.at(3, 13), p1).ok
    assert _terminate_backends(name) >= 1
    moved = clinic.booking.move(clinic.admin, booked.id, booked.version, clinic.at(3, 12))
    assert moved.start == clinic.at(3, 12)


def test_direct_driver_reads_report_a_dropped_connection_like_sqlalchemy(
    pg_clinic: Clinic,
) -> None:
    """The hot reads bypass SQLAlchemy's execution; a dropped connection must still
    come out as a DBAPIError marked invalidated, which the services retry."""
    clinic = pg_clinic
    database = clinic.services.database
    org = clinic.services.context.organization_id
    start, end = clinic.at(3, 0), clinic.at(4, 0)
    name = make_url(str(database.engine.url)).database
    assert name is not None
    with database.reader.connect() as conn:
        assert appointments.listed_between(conn, org, start, end) == []
        assert _terminate_backends(name) >= 1
        with pytest.raises(DBAPIError) as caught:
            appointments.listed_between(conn, org, start, end)
    assert caught.value.connection_invalidated
    assert clinic.booking.appointments_between(start, end) == []  # a fresh connection
