"""A small clinic day for the window tests: two professionals, three bookings."""

from __future__ import annotations

import pytest

from scheduler_app.services.dto import BookingRequest
from tests.conftest import Clinic


@pytest.fixture
def desk(sqlite_clinic: Clinic) -> Clinic:
    p1, p2 = sqlite_clinic.professionals("Dr Ana Silva", "Tom Becker")
    client = sqlite_clinic.client("Joana Costa")
    for hour, prof in ((10, p1), (11, p2), (14, None)):
        sqlite_clinic.booking.book(
            sqlite_clinic.admin,
            BookingRequest(
                start=sqlite_clinic.at(2, hour),
                end=sqlite_clinic.at(2, hour, 45),
                professional_id=prof,
                client_id=client,
            ),
        )
    return sqlite_clinic
