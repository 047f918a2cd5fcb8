"""The Today board, read on both databases as the desk sees it during the day."""

from __future__ import annotations

from datetime import timedelta

from scheduler_app.domain.arrivals import Arrival
from scheduler_app.domain.notifications import NotificationStatus
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.delivery import MAX_ATTEMPTS, DeliveryService
from scheduler_app.services.dto import AppointmentView, BookingRequest
from tests.conftest import Clinic

S = AppointmentStatus
A = Arrival
REFUSED = "ConnectionRefusedError: [Errno 111] Connection refused"


def book(
    clinic: Clinic, day: int, hour: int, minute: int, prof: int | None, client: int | None
) -> AppointmentView:
    start = clinic.at(day, hour, minute)
    request = BookingRequest(
        start=start, end=start + timedelta(minutes=30), professional_id=prof, client_id=client
    )
    return clinic.booking.book(clinic.admin, request)


def fail_every_message(clinic: Clinic) -> None:
    """The desk's worker tries every due message until it gives up on it."""
    delivery = DeliveryService(clinic.services.context, retry_after=lambda _n: timedelta(0))
    for _ in range(MAX_ATTEMPTS):
        for job in delivery.claim_due("desk-1", limit=100):
            delivery.mark_failed(job, "desk-1", REFUSED)


def test_the_board_of_a_morning_at_the_desk(clinic: Clinic) -> None:
    silva, becker, okafor = clinic.professionals("Dr Ana Silva", "Tom Becker", "Dr Okafor")
    costa = clinic.directory.add_client(clinic.admin, "Joana Costa", "+351 912 345 678", "j@x.org")
    lopes, reis, neves = (clinic.client(n) for n in ("Rita Lopes", "Rui Reis", "Ana Neves"))
    forgotten = book(clinic, 2, 8, 0, silva, lopes)  # never checked in nor marked
    missed = book(clinic, 2, 8, 30, becker, reis)
    seen = book(clinic, 2, 9, 0, silva, neves)
    running = book(clinic, 2, 10, 0, becker, costa.id)
    late = book(clinic, 2, 10, 5, silva, reis)
    early = book(clinic, 2, 11, 0, becker, lopes)
    later = book(clinic, 2, 15, 0, silva, neves)
    called_off = book(clinic, 2, 16, 0, silva, costa.id)
    tomorrow = book(clinic, 3, 9, 0, becker, reis)
    book(clinic, 3, 9, 0, okafor, lopes)
    book(clinic, 3, 9, 0, None, neves)  # needs someone: Dr Okafor leaving strands it
    clinic.services.professionals.leave(clinic.admin, okafor, force_reason="Ill from today")
    fail_every_message(clinic)  # the mail server is down: confirmations fail

    life = clinic.lifecycle
    clinic.clock.now = clinic.at(2, 9, 5)
    life.mark_no_show(clinic.admin, missed.id, missed.version)
    seen = life.check_in(clinic.admin, seen.id, seen.version)
    clinic.clock.now = clinic.at(2, 9, 40)
    life.complete(clinic.admin, seen.id, seen.version)
    clinic.clock.now = clinic.at(2, 9, 58)
    life.check_in(clinic.admin, running.id, running.version)
    early = life.check_in(clinic.admin, early.id, early.version)
    life.cancel(clinic.admin, called_off.id, called_off.version, "Client called")
    clinic.clock.now = clinic.at(2, 10, 17)

    board = clinic.services.today.board()
    assert board.day == clinic.at(2, 0).date()
    states = {a.appointment.id: (a.state, a.minutes_late) for a in board.arrivals}
    assert states == {
        forgotten.id: (A.LATE, 137),
        missed.id: (A.NO_SHOW, 0),
        seen.id: (A.COMPLETED, 0),
        running.id: (A.IN_PROGRESS, 0),
        late.id: (A.LATE, 12),
        early.id: (A.CHECKED_IN, 0),
        later.id: (A.EXPECTED, 0),
    }
    assert [a.appointment.client_name for a in board.arrivals][:2] == ["Rita Lopes", "Rui Reis"]
    assert [board.count(s) for s in A] == [1, 2, 1, 1, 1, 1]
    assert board.cancelled == 1
    # Next up: still to start (arrived early or not), today's first, then tomorrow's.
    assert [a.id for a in board.upcoming][:3] == [early.id, later.id, tomorrow.id]
    assert all(a.start >= board.now and a.status.is_active for a in board.upcoming)
    # Overdue: ended, still neither completed, nor a no-show, nor cancelled.
    assert [a.id for a in board.overdue] == [forgotten.id]
    (conflict,) = board.conflicts
    assert conflict.reason == "Ill from today" and conflict.opened_by == "admin"
    assert conflict.cause.startswith("Dr Okafor leaving")
    assert (conflict.waiting, conflict.first_start) == (1, clinic.at(3, 9))
    assert board.failed and {n.status for n in board.failed} == {NotificationStatus.FAILED}
    assert "j@x.org" in {n.recipient for n in board.failed}


def test_an_empty_day_is_an_empty_board(clinic: Clinic) -> None:
    board = clinic.services.today.board()
    assert (board.arrivals, board.upcoming, board.overdue, board.conflicts, board.failed) == (
        (),
        (),
        (),
        (),
        (),
    )
