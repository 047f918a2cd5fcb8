"""Appointments with several professionals (a lead and one linked piece per further
professional), on both databases."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from scheduler_app.db.errors import translate
from scheduler_app.db.models import Appointment
from scheduler_app.db.notification_models import Notification
from scheduler_app.domain.report_periods import Period
from scheduler_app.domain.status import AppointmentStatus as S
from scheduler_app.errors import ConflictError, ValidationError
from scheduler_app.services.dto import AppointmentView, BookingRequest, MoveRequest
from scheduler_app.services.reports import Breakdown
from tests.conftest import Clinic
from tests.db.test_booking import book
from tests.db.test_guarantees import raw_row


def joint(clinic: Clinic, day: int, hour: int, lead: int, *others: int, **kw: object):
    request = BookingRequest(
        start=clinic.at(day, hour),
        end=clinic.at(day, hour + 1),
        professional_id=lead,
        with_professionals=others,
        **kw,  # type: ignore[arg-type]
    )
    return clinic.booking.book(clinic.admin, request)


def pieces_of(clinic: Clinic, lead: AppointmentView) -> list[AppointmentView]:
    shown = clinic.booking.appointments_on(lead.start.astimezone(clinic.tz).date())
    return [a for a in shown if a.id == lead.id or a.joint_of == lead.id]


def test_two_more_professionals_make_three_rows_and_one_message(clinic: Clinic) -> None:
    silva, becker, lima = clinic.professionals("Dr Silva", "Tom Becker", "Ana Lima")
    costa = clinic.client("Joana Costa")
    lead = joint(clinic, 3, 10, silva, becker, lima, client_id=costa, title="Surgery")
    rows = pieces_of(clinic, lead)
    assert len(rows) == 3
    assert sorted(r.professional_id for r in rows) == sorted([silva, becker, lima])
    assert lead.joint_of is None
    for piece in rows:
        assert (piece.start, piece.end, piece.client_id) == (lead.start, lead.end, costa)
        if piece.id != lead.id:
            assert piece.joint_of == lead.id and piece.title == "Surgery"
            assert piece.service_id is None and piece.estimated_cost is None
    # The client hears once, from the lead: the pieces plan no messages.
    planned = messages(clinic)
    assert planned and {a for a, _kind in planned} == {lead.id}


def messages(clinic: Clinic) -> list[tuple[int | None, str]]:
    with clinic.services.database.read_sessions() as session:
        found = session.execute(select(Notification.appointment_id, Notification.kind)).all()
    return [(a, str(k)) for a, k in found]


def test_a_busy_further_professional_refuses_the_whole_booking_by_name(clinic: Clinic) -> None:
    silva, becker, lima = clinic.professionals("Dr Silva", "Tom Becker", "Ana Lima")
    book(clinic, clinic.at(3, 10, 30), clinic.at(3, 11, 30), becker)
    with pytest.raises(ConflictError) as caught:
        joint(clinic, 3, 10, silva, lima, becker)
    assert "Tom Becker" in caught.value.message
    assert [a.professional_id for a in clinic.booking.appointments_on(clinic.at(3, 0).date())] == [
        becker
    ]


def test_the_same_professional_cannot_be_named_twice(clinic: Clinic) -> None:
    silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    with pytest.raises(ValidationError):
        joint(clinic, 3, 10, silva, becker, becker)
    with pytest.raises(ValidationError):
        joint(clinic, 3, 10, silva, silva)
    assert clinic.booking.appointments_on(clinic.at(3, 0).date()) == []


def test_an_unassigned_appointment_needing_the_only_free_professional_refuses_it(
    clinic: Clinic,
) -> None:
    silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    waiting = book(clinic, clinic.at(3, 10), clinic.at(3, 11))  # unassigned
    with pytest.raises(ConflictError):
        joint(clinic, 3, 10, silva, becker)
    assert [a.id for a in clinic.booking.appointments_on(clinic.at(3, 0).date())] == [waiting.id]
    joint(clinic, 3, 11, silva, becker)  # free at 11


def test_moving_a_piece_moves_every_piece_or_none(clinic: Clinic) -> None:
    silva, becker, lima = clinic.professionals("Dr Silva", "Tom Becker", "Ana Lima")
    lead = joint(clinic, 3, 10, silva, becker, lima)
    piece = next(a for a in pieces_of(clinic, lead) if a.professional_id == becker)
    moved = clinic.booking.move(clinic.admin, piece.id, piece.version, clinic.at(3, 12))
    assert moved.start == clinic.at(3, 12) and moved.professional_id == becker
    rows = pieces_of(clinic, lead)
    assert len(rows) == 3
    assert {(a.start, a.end) for a in rows} == {(clinic.at(3, 12), clinic.at(3, 13))}
    # Lima is busy at 15: moving the lead there is refused for every piece.
    book(clinic, clinic.at(3, 15), clinic.at(3, 16), lima)
    current = clinic.booking.get(lead.id)
    with pytest.raises(ConflictError) as caught:
        clinic.booking.move(clinic.admin, lead.id, current.version, clinic.at(3, 15))
    assert "Ana Lima" in caught.value.message
    assert {a.start for a in pieces_of(clinic, lead)} == {clinic.at(3, 12)}
    # Resizing one piece resizes all of them.
    current = clinic.booking.get(lead.id)
    clinic.booking.resize(clinic.admin, lead.id, current.version, clinic.at(3, 13, 30))
    assert {a.end for a in pieces_of(clinic, lead)} == {clinic.at(3, 13, 30)}


def test_moving_a_piece_with_others_moves_its_appointment_too(clinic: Clinic) -> None:
    silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    lead = joint(clinic, 3, 10, silva, becker)
    piece = next(a for a in pieces_of(clinic, lead) if a.id != lead.id)
    delta = timedelta(hours=2)
    move = MoveRequest(piece.id, piece.version, piece.start + delta, piece.end + delta, becker)
    (moved,) = clinic.booking.move_together(clinic.admin, [move])
    assert moved.id == piece.id
    assert {a.start for a in pieces_of(clinic, lead)} == {clinic.at(3, 12)}


def test_cancelling_a_piece_cancels_every_piece_and_restoring_brings_all_back(
    clinic: Clinic,
) -> None:
    silva, becker, lima = clinic.professionals("Dr Silva", "Tom Becker", "Ana Lima")
    costa = clinic.client("Joana Costa")
    lead = joint(clinic, 3, 10, silva, becker, lima, client_id=costa)
    piece = next(a for a in pieces_of(clinic, lead) if a.id != lead.id)
    clinic.lifecycle.cancel(clinic.admin, piece.id, piece.version, "ill")
    assert {a.status for a in pieces_of(clinic, lead)} == {S.CANCELLED}
    assert {a for a, _kind in messages(clinic)} == {lead.id}
    current = clinic.booking.get(lead.id)
    clinic.lifecycle.restore(clinic.admin, lead.id, current.version)
    assert {a.status for a in pieces_of(clinic, lead)} == {S.PENDING}


def test_reports_count_it_once_for_the_clinic_and_once_per_professional(clinic: Clinic) -> None:
    silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    consult = clinic.directory.add_service(clinic.admin, "Consultation", 60, Decimal("45")).id
    request = BookingRequest(
        start=clinic.at(3, 10),
        professional_id=silva,
        service_id=consult,
        with_professionals=(becker,),
    )
    clinic.booking.book(clinic.admin, request)
    reports = clinic.services.reports
    first, last = date(2026, 3, 1), date(2026, 3, 31)
    total = reports.report(first, last, Period.MONTH)
    assert total is not None and total.total.booked == 1
    assert total.total.estimated == Decimal("45.00")
    by_prof = reports.report(first, last, Period.MONTH, Breakdown.PROFESSIONAL)
    assert by_prof is not None
    assert sorted((f.name, f.booked) for f in by_prof.per_key) == [
        ("Dr Silva", 1),
        ("Tom Becker", 1),
    ]
    by_service = reports.report(first, last, Period.MONTH, Breakdown.SERVICE)
    assert by_service is not None
    assert [(f.name, f.booked) for f in by_service.per_key] == [("Consultation", 1)]


def test_the_database_refuses_an_overlap_with_a_piece(clinic: Clinic) -> None:
    silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    lead = joint(clinic, 3, 10, silva, becker)
    org = clinic.services.context.organization_id
    db = clinic.services.database
    start = lead.start + timedelta(minutes=30)
    with pytest.raises(IntegrityError) as caught, db.engine.begin() as conn:
        conn.execute(
            insert(Appointment), raw_row(org, becker, start, start + timedelta(hours=1), 1)
        )
    assert "already has an appointment" in translate(caught.value).message


def test_today_client_history_and_the_clinics_export_show_it_once(clinic: Clinic) -> None:
    silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    costa = clinic.client("Joana Costa")
    clinic.clock.now = clinic.at(3, 8)
    lead = joint(clinic, 3, 10, silva, becker, client_id=costa)
    board = clinic.services.today.board()
    assert [a.appointment.id for a in board.arrivals] == [lead.id]
    assert [a.id for a in board.upcoming] == [lead.id]
    assert [a.id for a in clinic.booking.client_appointments(costa)] == [lead.id]
    exports = clinic.services.exports
    whole = exports.ics(clinic.at(3, 0), clinic.at(4, 0)).decode()
    assert whole.count("BEGIN:VEVENT") == 1
    his = exports.ics(clinic.at(3, 0), clinic.at(4, 0), professional_id=becker).decode()
    assert his.count("BEGIN:VEVENT") == 1  # his own calendar has his part of it


def test_undoing_the_booking_of_a_piece_takes_back_all_and_the_leads_messages(
    clinic: Clinic,
) -> None:
    silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    costa = clinic.client("Joana Costa")
    lead = joint(clinic, 3, 10, silva, becker, client_id=costa)
    assert "pending" in statuses(clinic)
    piece = next(a for a in pieces_of(clinic, lead) if a.id != lead.id)
    assert not clinic.lifecycle.booking_notice_sent(piece.id)
    clinic.lifecycle.undo_booking(clinic.admin, piece.id, piece.version)
    assert {a.status for a in pieces_of(clinic, lead)} == {S.CANCELLED}
    assert "pending" not in statuses(clinic)  # the lead's messages withdrawn


def statuses(clinic: Clinic) -> set[str]:
    with clinic.services.database.read_sessions() as session:
        return {str(s) for s in session.execute(select(Notification.status)).scalars()}


def test_editing_a_piece_or_its_lead_gives_every_piece_the_same_client_and_title(
    clinic: Clinic,
) -> None:
    silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    costa, reis = clinic.client("Joana Costa"), clinic.client("Rui Reis")
    lead = joint(clinic, 3, 10, silva, becker, client_id=costa, title="Surgery")
    (piece,) = [r for r in pieces_of(clinic, lead) if r.id != lead.id]
    clinic.booking.edit_details(
        clinic.admin,
        piece.id,
        piece.version,
        {"client_id": reis, "title": "Joint surgery", "estimated_cost": Decimal("90.00")},
    )
    rows = {r.id: r for r in pieces_of(clinic, lead)}
    assert {(r.client_id, r.title) for r in rows.values()} == {(reis, "Joint surgery")}
    assert rows[lead.id].estimated_cost is None  # money is each row's own
