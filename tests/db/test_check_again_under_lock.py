"""A desk's change is checked, written, then checked again under the scheduling lock.

On the shared server a booking is written before the lock is taken; another desk
can commit in between. These tests put exactly that in between (the other desk
books right before the first one takes the lock) and check what the first desk
is told and that nothing of its refused change is left behind.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from scheduler_app.db.engine import Database, open_database
from scheduler_app.db.models import Appointment, AuditEntry
from scheduler_app.db.notification_models import Notification
from scheduler_app.errors import ConflictError
from scheduler_app.services import unit_of_work
from scheduler_app.services.booking import BookingService
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import BookingRequest
from tests.conftest import Clinic


@pytest.fixture
def other_desk(pg_clinic: Clinic) -> Iterator[BookingService]:
    """A second desk on the same server, with its own connections."""
    ctx = pg_clinic.services.context
    url = ctx.database.engine.url.render_as_string(hide_password=False)
    database = open_database(url)
    yield BookingService(
        ServiceContext(database, ctx.organization_id, ctx.timezone, ctx.clock, desk=ctx.desk)
    )
    database.dispose()


def _before_the_lock(monkeypatch: pytest.MonkeyPatch, action: object) -> None:
    """Run ``action`` once, right before the next change takes the scheduling lock."""
    finish = unit_of_work.ScheduleChange.finish
    pending = [action]

    def finish_after(tx: unit_of_work.ScheduleChange) -> None:
        if pending:
            pending.pop()()  # type: ignore[operator]
        finish(tx)

    monkeypatch.setattr(unit_of_work.ScheduleChange, "finish", finish_after)


def _stored(database: Database) -> tuple[int, int, int]:
    with database.read_sessions() as session:
        return (
            session.scalar(select(func.count()).select_from(Appointment)) or 0,
            session.scalar(select(func.count()).where(AuditEntry.entity == "appointment")) or 0,
            session.scalar(select(func.count()).select_from(Notification)) or 0,
        )


def test_a_professional_taken_meanwhile_is_refused_and_nothing_is_left(
    pg_clinic: Clinic, other_desk: BookingService, monkeypatch: pytest.MonkeyPatch
) -> None:
    clinic = pg_clinic
    (silva,) = clinic.professionals("Dr Silva")
    client = clinic.client("Rita Lopes")
    taken = []
    _before_the_lock(
        monkeypatch,
        lambda: taken.append(
            other_desk.book(
                clinic.admin,
                BookingRequest(
                    start=clinic.at(3, 10, 30), end=clinic.at(3, 11, 30), professional_id=silva
                ),
            )
        ),
    )
    with pytest.raises(ConflictError) as refused:
        clinic.booking.book(
            clinic.admin,
            BookingRequest(
                start=clinic.at(3, 10),
                end=clinic.at(3, 11),
                professional_id=silva,
                client_id=client,
            ),
        )
    assert "Dr Silva already has 10:30" in refused.value.message
    shown = clinic.booking.appointments_on(clinic.at(3, 0).date())
    assert [(a.id, a.professional_name) for a in shown] == [(taken[0].id, "Dr Silva")]
    appointments, audit_entries, _ = _stored(clinic.services.database)
    assert (appointments, audit_entries) == (1, 1)  # the other desk's, and only that
    with clinic.services.database.read_sessions() as session:
        about = session.scalars(select(Notification.appointment_id).distinct()).all()
    assert set(about) <= {taken[0].id}


def test_the_last_free_professional_taken_meanwhile_is_refused(
    pg_clinic: Clinic, other_desk: BookingService, monkeypatch: pytest.MonkeyPatch
) -> None:
    clinic = pg_clinic
    clinic.professionals("Dr Silva")
    before = _stored(clinic.services.database)
    _before_the_lock(
        monkeypatch,
        lambda: other_desk.book(
            clinic.admin, BookingRequest(start=clinic.at(3, 9), end=clinic.at(3, 12))
        ),
    )
    with pytest.raises(ConflictError) as refused:
        clinic.booking.book(
            clinic.admin, BookingRequest(start=clinic.at(3, 10), end=clinic.at(3, 11))
        )
    assert "No professional is free" in refused.value.message
    after = _stored(clinic.services.database)
    assert after[:2] == (before[0] + 1, before[1] + 1)  # only the other desk's booking


def test_a_move_checked_meanwhile_keeps_its_old_place(
    pg_clinic: Clinic, other_desk: BookingService, monkeypatch: pytest.MonkeyPatch
) -> None:
    clinic = pg_clinic
    (silva,) = clinic.professionals("Dr Silva")
    mine = clinic.booking.book(
        clinic.admin,
        BookingRequest(start=clinic.at(3, 9), end=clinic.at(3, 10), professional_id=silva),
    )
    _before_the_lock(
        monkeypatch,
        lambda: other_desk.book(
            clinic.admin,
            BookingRequest(start=clinic.at(3, 14), end=clinic.at(3, 15), professional_id=silva),
        ),
    )
    with pytest.raises(ConflictError):
        clinic.booking.move(clinic.admin, mine.id, mine.version, clinic.at(3, 14, 30))
    again = clinic.booking.get(mine.id)
    assert (again.start, again.professional_id, again.version) == (
        clinic.at(3, 9),
        silva,
        mine.version,
    )


def test_the_desk_keeps_where_its_checks_placed_the_unassigned(pg_clinic: Clinic) -> None:
    """Each check finds who could take every unassigned appointment around the
    change; the desk keeps that (the new booking under its stored number) as the
    starting point of its next check, the one under the lock above all."""
    clinic = pg_clinic
    silva, costa = clinic.professionals("Dr Silva", "Dr Costa")
    kept = clinic.booking.book(
        clinic.admin, BookingRequest(start=clinic.at(3, 9), end=clinic.at(3, 10))
    )
    new = clinic.booking.book(
        clinic.admin, BookingRequest(start=clinic.at(3, 9, 30), end=clinic.at(3, 10, 30))
    )
    hints = clinic.services.context.hints
    assert {hints[kept.id], hints[new.id]} == {silva, costa}
