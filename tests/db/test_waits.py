"""Nobody waits forever: another connection holding the schedule makes a desk say
"busy" within 5 s, and the desk books once it lets go; on both databases."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy.engine import make_url

from scheduler_app.errors import BusyError
from scheduler_app.services.dto import BookingRequest
from tests.conftest import Clinic


@contextlib.contextmanager
def holding_the_schedule(clinic: Clinic) -> Iterator[None]:
    """Another desk (its own connection) holds the scheduling lock: a stuck desk."""
    database = clinic.services.database
    if database.is_sqlite:
        conn = sqlite3.connect(str(database.path), isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            conn.execute("ROLLBACK")
            conn.close()
        return
    url = make_url(str(database.engine.url.render_as_string(hide_password=False)))
    with psycopg.connect(url.set(drivername="postgresql").render_as_string(False)) as conn:
        conn.execute(
            "SELECT id FROM organization WHERE id = %s FOR NO KEY UPDATE",
            (clinic.services.context.organization_id,),
        )
        yield
        conn.rollback()


@pytest.mark.parametrize("assigned", [True, False], ids=["assigned", "unassigned"])
def test_a_held_schedule_is_busy_within_five_seconds_then_books(
    clinic: Clinic, assigned: bool
) -> None:
    (prof,) = clinic.professionals("Dr Silva")
    request = BookingRequest(
        start=clinic.at(3, 10), end=clinic.at(3, 11), professional_id=prof if assigned else None
    )
    with holding_the_schedule(clinic):
        began = time.monotonic()
        with pytest.raises(BusyError, match="busy with other desks"):
            clinic.booking.book(clinic.admin, request)
        waited = time.monotonic() - began
    assert waited < 5.0, f"the desk waited {waited:.1f} s"
    booked = clinic.booking.book(clinic.admin, request)
    assert booked.start == clinic.at(3, 10)
    assert [a.id for a in clinic.booking.appointments_on(clinic.at(3, 0).date())] == [booked.id]
