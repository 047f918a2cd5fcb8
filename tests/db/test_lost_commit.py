"""A lost reply to COMMIT: the desk finds out whether its change was saved, and a
retried action never applies twice.

A real TCP proxy sits between the desk and the PostgreSQL server. Armed, it
forwards the next COMMIT and closes the connection before the server's reply
("lose the reply": saved, the desk cannot know), or drops that COMMIT ("lose the
commit": not saved). Either way the desk must end up telling the truth.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from scheduler_app.db.engine import Database, open_database
from scheduler_app.db.models import Appointment, AuditEntry
from scheduler_app.db.notification_models import Notification, NotificationKind
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.booking import BookingService
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import AppointmentView, BookingRequest, MoveRequest
from scheduler_app.services.lifecycle import LifecycleService
from tests.conftest import Clinic
from tests.db.fault_proxy import Fault, FaultProxy


class Desk:
    """A desk whose every connection to the server goes through the proxy."""

    def __init__(self, clinic: Clinic, proxy: FaultProxy) -> None:
        url = make_url(clinic.services.database.engine.url.render_as_string(False))
        self.database: Database = open_database(
            url.set(host="127.0.0.1", port=proxy.port).render_as_string(False)
        )
        ctx = clinic.services.context
        ctx.desk.recheck_seconds = 3600  # no account re-read to take the armed fault
        here = ServiceContext(
            self.database, ctx.organization_id, ctx.timezone, ctx.clock, desk=ctx.desk
        )
        self.booking, self.lifecycle = BookingService(here), LifecycleService(here)


@pytest.fixture
def proxy(pg_clinic: Clinic) -> Iterator[FaultProxy]:
    url = pg_clinic.services.database.engine.url
    running = FaultProxy(url.host or "127.0.0.1", url.port or 5432)
    yield running
    running.close()


@pytest.fixture
def desk(pg_clinic: Clinic, proxy: FaultProxy) -> Iterator[Desk]:
    made = Desk(pg_clinic, proxy)
    yield made
    made.database.dispose()


def counts(clinic: Clinic) -> tuple[int, int, int]:
    """Appointments, audit entries, and e-mails telling a client of a booking."""
    with clinic.services.database.read_sessions() as session:
        return (
            session.scalar(select(func.count()).select_from(Appointment)) or 0,
            session.scalar(select(func.count()).select_from(AuditEntry)) or 0,
            session.scalar(
                select(func.count()).where(
                    Notification.kind == NotificationKind.APPOINTMENT_CREATED
                )
            )
            or 0,
        )


def keys(clinic: Clinic) -> list[str | None]:
    with clinic.services.database.read_sessions() as session:
        return list(session.scalars(select(AuditEntry.action_key).order_by(AuditEntry.id)))


@pytest.fixture
def people(pg_clinic: Clinic) -> tuple[int, int, int]:
    silva, becker = pg_clinic.professionals("Dr Silva", "Tom Becker")
    client = pg_clinic.directory.add_client(
        pg_clinic.admin, "Joana Costa", "+351 912 345 678", "joana@example.org"
    ).id
    return silva, becker, client


FAULTS: list[Fault] = ["lose the reply", "lose the commit"]


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("assigned", [True, False], ids=["assigned", "unassigned"])
def test_a_booking_is_saved_once_whatever_the_commit_met(
    pg_clinic: Clinic,
    proxy: FaultProxy,
    desk: Desk,
    people: tuple[int, int, int],
    fault: Fault,
    assigned: bool,
) -> None:
    silva, _becker, client = people
    before = counts(pg_clinic)
    proxy.arm(fault)
    booked = desk.booking.book(
        pg_clinic.admin,
        BookingRequest(
            start=pg_clinic.at(3, 10),
            end=pg_clinic.at(3, 11),
            professional_id=silva if assigned else None,
            client_id=client,
        ),
    )
    assert proxy.faults == 1  # the fault really happened
    assert counts(pg_clinic) == (before[0] + 1, before[1] + 1, before[2] + 1)
    (shown,) = pg_clinic.booking.appointments_on(pg_clinic.at(3, 0).date())
    assert (shown.id, shown.professional_id, shown.client_name) == (
        booked.id,
        silva if assigned else None,
        "Joana Costa",
    )
    assert keys(pg_clinic)[-1] is not None  # the booking's key is in its audit entry


def _moved(clinic: Clinic, desk: Desk, people: tuple[int, int, int]) -> AppointmentView:
    silva, becker, client = people
    first = clinic.booking.book(
        clinic.admin,
        BookingRequest(
            start=clinic.at(3, 9), end=clinic.at(3, 10), professional_id=silva, client_id=client
        ),
    )
    return desk.booking.move(clinic.admin, first.id, first.version, clinic.at(3, 14), becker)


def _cancelled(clinic: Clinic, desk: Desk, people: tuple[int, int, int]) -> AppointmentView:
    silva, _becker, client = people
    first = clinic.booking.book(
        clinic.admin,
        BookingRequest(
            start=clinic.at(3, 9), end=clinic.at(3, 10), professional_id=silva, client_id=client
        ),
    )
    return desk.lifecycle.cancel(clinic.admin, first.id, first.version, "Flu")


def _moved_together(clinic: Clinic, desk: Desk, people: tuple[int, int, int]) -> AppointmentView:
    silva, becker, _client = people
    a = clinic.booking.book(
        clinic.admin,
        BookingRequest(start=clinic.at(3, 9), end=clinic.at(3, 10), professional_id=silva),
    )
    b = clinic.booking.book(
        clinic.admin,
        BookingRequest(start=clinic.at(3, 10), end=clinic.at(3, 11), professional_id=silva),
    )
    hour = timedelta(hours=1)
    moved = desk.booking.move_together(
        clinic.admin,
        [
            MoveRequest(a.id, a.version, a.start + hour, a.end + hour, becker),
            MoveRequest(b.id, b.version, b.start + hour, b.end + hour, becker),
        ],
    )
    return moved[-1]


CHANGES: dict[str, Callable[[Clinic, Desk, tuple[int, int, int]], AppointmentView]] = {
    "move": _moved,
    "cancel": _cancelled,
    "group move": _moved_together,
}


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("change", list(CHANGES))
def test_a_change_is_reported_truly_and_applied_once(
    pg_clinic: Clinic,
    proxy: FaultProxy,
    desk: Desk,
    people: tuple[int, int, int],
    fault: Fault,
    change: str,
) -> None:
    # The bookings it starts from go through the clinic's own connection; only the
    # desk's change goes through the proxy.
    proxy.arm(fault)
    after = CHANGES[change](pg_clinic, desk, people)
    assert proxy.faults == 1
    stored = pg_clinic.booking.get(after.id)
    assert (stored.version, stored.status, stored.start) == (
        after.version,
        after.status,
        after.start,
    )
    entries = keys(pg_clinic)
    keyed = [k for k in entries if k is not None]
    assert len(keyed) == len(set(keyed))  # no action saved twice
    if change == "cancel":
        assert stored.status == AppointmentStatus.CANCELLED
        assert stored.version == 2  # cancelled once, not "changed meanwhile"
    else:
        assert stored.professional_name == "Tom Becker"
        assert stored.version == 2  # moved once


@pytest.mark.parametrize("fault", FAULTS)
def test_a_new_client_is_added_once(pg_clinic: Clinic, proxy: FaultProxy, fault: Fault) -> None:
    from scheduler_app.db.models import Client
    from scheduler_app.services.directory import DirectoryService

    url = make_url(pg_clinic.services.database.engine.url.render_as_string(False))
    database = open_database(url.set(host="127.0.0.1", port=proxy.port).render_as_string(False))
    ctx = pg_clinic.services.context
    ctx.desk.recheck_seconds = 3600  # no account re-read to take the armed fault
    directory = DirectoryService(
        ServiceContext(database, ctx.organization_id, ctx.timezone, desk=ctx.desk)
    )
    try:
        proxy.arm(fault)
        added = directory.add_client(pg_clinic.admin, "Rita Lopes", "+351 911 222 333")
    finally:
        database.dispose()
    assert proxy.faults == 1
    with pg_clinic.services.database.read_sessions() as session:
        names = session.scalars(select(Client.name)).all()
    assert names == ["Rita Lopes"] and added.name == "Rita Lopes"
