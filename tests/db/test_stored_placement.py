"""Where the last accepted change placed the appointments without a professional is
stored with them, and the next decision on that day, at any desk, starts there.

A desk's first decision on a crowded day then answers for the appointments around
the change instead of solving the day afresh (tests/benchmarks/test_dense_decisions.py
measures it). What is stored is never trusted: a wrong placement changes no answer.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select, update

from scheduler_app.db.engine import open_database
from scheduler_app.db.placement_models import AppointmentPlacement
from scheduler_app.services.booking import BookingService
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import BookingRequest
from tests.conftest import Clinic


@pytest.fixture
def other_desk(clinic: Clinic) -> Iterator[BookingService]:
    """A second desk on the same database, with its own connections and memory."""
    ctx = clinic.services.context
    database = open_database(ctx.database.engine.url.render_as_string(hide_password=False))
    yield BookingService(
        ServiceContext(database, ctx.organization_id, ctx.timezone, ctx.clock, desk=ctx.desk)
    )
    database.dispose()


def _placed(clinic: Clinic) -> dict[int, int]:
    with clinic.services.context.database.read_sessions() as session:
        rows = session.execute(select(AppointmentPlacement)).scalars()
        return {row.appointment_id: row.professional_id for row in rows}


def _book(desk: BookingService, clinic: Clinic, hour: int, minute: int = 0, **kw: int) -> int:
    start = clinic.at(2, hour, minute)
    end = clinic.at(2, hour + 1, minute)
    return desk.book(clinic.admin, BookingRequest(start=start, end=end, **kw)).id


def test_the_next_desk_keeps_everyone_where_the_last_change_placed_them(
    clinic: Clinic, other_desk: BookingService
) -> None:
    x, y = clinic.professionals("Dr Xavier", "Dr Young")
    first = _book(clinic.booking, clinic, 10)
    assert _placed(clinic) == {first: x}
    # Dr Xavier is given 10:00 by name: the first one is placed with Dr Young now.
    named = clinic.booking.book(
        clinic.admin,
        BookingRequest(start=clinic.at(2, 10), end=clinic.at(2, 11), professional_id=x),
    )
    assert _placed(clinic) == {first: y}
    clinic.lifecycle.cancel(clinic.admin, named.id, named.version, "Ill")
    # At another desk, a booking at 10:30 without a professional: the first one
    # stays with Dr Young (a decision from nothing would move it to Dr Xavier).
    second = _book(other_desk, clinic, 10, 30)
    assert _placed(clinic) == {first: y, second: x}


def test_a_wrong_stored_placement_changes_no_answer(
    clinic: Clinic, other_desk: BookingService
) -> None:
    x, y, z = clinic.professionals("Dr Xavier", "Dr Young", "Dr Zara")
    loose = [_book(clinic.booking, clinic, 9, 30) for _ in range(2)]
    _book(clinic.booking, clinic, 10, professional_id=z)
    # Stored wrongly, as by a desk that knew less: both with Dr Zara, who is busy then.
    with clinic.services.context.database.write_sessions.begin() as session:
        session.execute(update(AppointmentPlacement).values(professional_id=z))
    assert set(_placed(clinic).values()) == {z}
    # One more at 9:30 fits only with Dr Zara at 9:30 and the two others with X and Y:
    # refused, since Dr Zara is busy from 10:00.
    check = other_desk.check_availability(clinic.at(2, 9, 30), clinic.at(2, 10, 30))
    assert not check.ok
    # At 9:00 it fits, with Dr Zara (free until 10:00), the two at 9:30 with Dr Xavier
    # and Dr Young: so it is booked, and that is what is stored from now on.
    assert other_desk.check_availability(clinic.at(2, 9), clinic.at(2, 10)).ok
    third = _book(other_desk, clinic, 9)
    placed = _placed(clinic)
    assert {placed[k] for k in loose} == {x, y}
    assert placed[third] == z
