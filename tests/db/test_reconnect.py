"""A dropped server connection costs the desk nothing: the next action reconnects."""

from __future__ import annotations

import psycopg
from sqlalchemy.engine import make_url

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
