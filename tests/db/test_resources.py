"""Rooms and equipment on both databases: a booking picks a free room of what its
service needs (or takes the one named), capacity and maintenance are kept at every
change (move, undo of a cancel, another desk meanwhile), and the database itself
refuses two appointments in one room of capacity 1."""

from __future__ import annotations

import multiprocessing
from dataclasses import replace
from datetime import date, time, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from scheduler_app.db.engine import open_database
from scheduler_app.domain.status import ACTIVE_STATUSES
from scheduler_app.errors import ConflictError, ValidationError
from scheduler_app.services.booking import BookingService
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import BookingRequest, OpeningRange, ServiceDetails
from scheduler_app.services.free_times import FreeTimeRequest
from scheduler_app.services.resources import ResourceDetails
from tests.conftest import Clinic
from tests.db import room_race_worker


def _physio(clinic: Clinic, rooms: int = 2, capacity: int = 1) -> tuple[int, list[int]]:
    """A 60-minute Physiotherapy that needs one treatment room, and the rooms."""
    service = clinic.services.catalog.add(
        clinic.admin, ServiceDetails("Physiotherapy", 60, Decimal("50.00"), "EUR", "#3366cc")
    ).id
    ids = [
        clinic.services.resources.add(
            clinic.admin, ResourceDetails(f"Room {n}", "Treatment room", capacity=capacity)
        ).id
        for n in range(1, rooms + 1)
    ]
    clinic.services.resources.set_needs(clinic.admin, service, [("Treatment room", 1)])
    return service, ids


def _book(clinic: Clinic, prof: int, service: int, hour: int, **more: object) -> object:
    request = BookingRequest(clinic.at(3, hour), professional_id=prof, service_id=service)
    return clinic.booking.book(clinic.admin, replace(request, **more))  # type: ignore[arg-type]


def test_each_booking_takes_the_first_free_room_and_says_which(clinic: Clinic) -> None:
    silva, costa, lima = clinic.professionals("Dr Silva", "Dr Costa", "Dr Lima")
    physio, _rooms = _physio(clinic)
    first = _book(clinic, silva, physio, 10)
    second = _book(clinic, costa, physio, 10)
    assert (first.resources, second.resources) == ("Room 1", "Room 2")  # type: ignore[attr-defined]
    with pytest.raises(ConflictError, match="No treatment room is free"):
        _book(clinic, lima, physio, 10)
    # Back to back is fine, and the calendar shows the room on each block.
    _book(clinic, lima, physio, 11)
    shown = {
        a.professional_name: a.resources for a in clinic.booking.appointments_on(first.start.date())
    }  # type: ignore[attr-defined]
    assert shown == {"Dr Silva": "Room 1", "Dr Costa": "Room 2", "Dr Lima": "Room 1"}


def test_a_named_room_is_taken_or_refused_in_words(clinic: Clinic) -> None:
    silva, costa = clinic.professionals("Dr Silva", "Dr Costa")
    physio, (_room1, room2) = _physio(clinic)
    booked = _book(clinic, silva, physio, 10, resource_ids=(room2,))
    assert booked.resources == "Room 2"  # type: ignore[attr-defined]
    with pytest.raises(ConflictError, match=r"Room 2 is in use at 10:00 on Tue 03 Mar"):
        _book(clinic, costa, physio, 10, resource_ids=(room2,))
    assert _book(clinic, costa, physio, 10).resources == "Room 1"  # type: ignore[attr-defined]
    assert len(clinic.booking.appointments_on(booked.start.date())) == 2  # type: ignore[attr-defined]


def test_a_group_room_holds_as_many_as_its_capacity(clinic: Clinic) -> None:
    profs = clinic.professionals("A", "B", "C")
    physio, _rooms = _physio(clinic, rooms=1, capacity=2)
    _book(clinic, profs[0], physio, 10)
    _book(clinic, profs[1], physio, 10)
    with pytest.raises(ConflictError, match="No treatment room is free"):
        _book(clinic, profs[2], physio, 10)


def test_a_move_keeps_its_room_or_takes_another_free_one(clinic: Clinic) -> None:
    silva, costa, lima = clinic.professionals("Dr Silva", "Dr Costa", "Dr Lima")
    physio, (_room1, room2) = _physio(clinic)
    at_ten = _book(clinic, silva, physio, 10)  # Room 1
    at_noon = _book(clinic, costa, physio, 12)  # Room 1
    moved = clinic.booking.move(
        clinic.admin,
        at_noon.id,
        at_noon.version,
        clinic.at(3, 10),
        costa,  # type: ignore[attr-defined]
    )
    assert clinic.booking.get(moved.id).resources == "Room 2"
    # A room the desk named stays: moving into a time it is taken is refused.
    named = _book(clinic, lima, physio, 14, resource_ids=(room2,))
    with pytest.raises(ConflictError, match="Room 2 is in use"):
        clinic.booking.move(
            clinic.admin,
            named.id,
            named.version,
            clinic.at(3, 10, 30),
            lima,  # type: ignore[attr-defined]
        )
    assert clinic.booking.get(at_ten.id).resources == "Room 1"  # type: ignore[attr-defined]


def test_a_move_to_another_room_is_held_there_or_refused_in_words(clinic: Clinic) -> None:
    """A drag between room columns: the appointment leaves its room for the one the
    desk chose (kept there at later moves), at its time or a new one, or nothing
    changes; the audit trail says which room it left."""
    silva, costa = clinic.professionals("Dr Silva", "Dr Costa")
    physio, (room1, room2) = _physio(clinic)
    ten = _book(clinic, silva, physio, 10)  # Room 1
    noon = _book(clinic, costa, physio, 12)  # Room 1
    assert (ten.resource_ids, noon.resource_ids) == ((room1,), (room1,))  # type: ignore[attr-defined]
    moved = clinic.booking.reschedule(
        clinic.admin,
        ten.id,
        ten.version,
        ten.start,
        room=(room1, room2),  # type: ignore[attr-defined]
    )
    assert (moved.resources, moved.resource_ids) == ("Room 2", (room2,))
    seen = {a.id: a.resource_ids for a in clinic.booking.appointments_on(ten.start.date())}  # type: ignore[attr-defined]
    assert seen == {ten.id: (room2,), noon.id: (room1,)}  # type: ignore[attr-defined]
    # Into Room 2 at noon, by a drag that also changes the time: Room 2 is taken at
    # 10:00 only, so noon is free there; back to 10:00 in Room 2 is refused.
    later = clinic.booking.reschedule(
        clinic.admin,
        noon.id,
        noon.version,
        clinic.at(3, 11),
        room=(room1, room2),  # type: ignore[attr-defined]
    )
    assert later.resources == "Room 2"
    with pytest.raises(ConflictError, match=r"Room 2 is in use at 10:30 on Tue 03 Mar"):
        clinic.booking.reschedule(clinic.admin, later.id, later.version, clinic.at(3, 10, 30))
    assert clinic.booking.get(later.id).start == clinic.at(3, 11)
    # A room it no longer holds (another desk moved it meanwhile) is said plainly.
    with pytest.raises(ConflictError, match="no longer holds that room"):
        clinic.booking.reschedule(
            clinic.admin, later.id, later.version, later.start, room=(room1, room2)
        )
    history = clinic.services.audit.appointment_history(ten.id)  # type: ignore[attr-defined]
    entries = [e for e in history if e.action == "room"]
    assert [(e.before, e.after) for e in entries] == [
        ({"resource_id": room1}, {"resource_id": room2})
    ]


def test_a_cancelled_appointment_frees_its_room_and_undoing_checks_it_again(
    clinic: Clinic,
) -> None:
    silva, costa = clinic.professionals("Dr Silva", "Dr Costa")
    physio, _rooms = _physio(clinic, rooms=1)
    first = _book(clinic, silva, physio, 10)
    cancelled = clinic.lifecycle.cancel(clinic.admin, first.id, first.version)  # type: ignore[attr-defined]
    _book(clinic, costa, physio, 10)  # the freed room
    with pytest.raises(ConflictError, match="Room 1 is in use at 10:00"):
        clinic.lifecycle.restore(clinic.admin, cancelled.id, cancelled.version)


def test_maintenance_closes_a_room_and_is_refused_over_appointments(clinic: Clinic) -> None:
    silva, costa = clinic.professionals("Dr Silva", "Dr Costa")
    physio, (room1, room2) = _physio(clinic)
    resources = clinic.services.resources
    resources.add_maintenance(clinic.admin, room1, clinic.at(3, 9), clinic.at(3, 12), "Painting")
    assert _book(clinic, silva, physio, 10).resources == "Room 2"  # type: ignore[attr-defined]
    with pytest.raises(ConflictError, match="Room 1 is under maintenance"):
        _book(clinic, costa, physio, 10, resource_ids=(room1,))
    with pytest.raises(ConflictError, match="Room 2 holds 1 appointment"):
        resources.add_maintenance(clinic.admin, room2, clinic.at(3, 9), clinic.at(3, 10, 30), "")
    # Maintenance is a room's, not the clinic's: professionals still work then.
    assert _book(clinic, costa, None, 10).professional_id == costa  # type: ignore[arg-type, attr-defined]


def test_a_room_in_use_is_not_retired_or_made_smaller(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    physio, (room1, _room2) = _physio(clinic)
    _book(clinic, silva, physio, 10)
    resources = clinic.services.resources
    with pytest.raises(ConflictError, match="Room 1 holds 1 appointment from now on"):
        resources.set_active(clinic.admin, room1, False)
    assert [r.name for r in resources.resources()] == ["Room 1", "Room 2"]
    with pytest.raises(ValidationError, match="Capacity"):
        resources.add(clinic.admin, ResourceDetails("Hall", "Gym", capacity=0))
    with pytest.raises(ValidationError, match="what kind"):
        resources.add(clinic.admin, ResourceDetails("Hall", "  "))


def test_a_service_needing_a_room_the_clinic_lacks_says_so(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    physio, _rooms = _physio(clinic)
    scan = clinic.services.catalog.add(
        clinic.admin, ServiceDetails("Scan", 30, Decimal("80.00"), "EUR", "#3366cc")
    ).id
    clinic.services.resources.set_needs(clinic.admin, scan, [("Scanner", 1)])
    with pytest.raises(ConflictError, match=r"needs a scanner, and none is set up"):
        _book(clinic, silva, scan, 10)
    assert clinic.booking.appointments_on(clinic.at(3, 10).date()) == []
    assert clinic.services.resources.needs() == {
        physio: [("Treatment room", 1)],
        scan: [("Scanner", 1)],
    }


def test_the_database_refuses_two_appointments_in_one_room(clinic: Clinic) -> None:
    silva, costa = clinic.professionals("Dr Silva", "Dr Costa")
    physio, (room1, _room2) = _physio(clinic)
    first = _book(clinic, silva, physio, 10)
    second = _book(clinic, costa, physio, 10)  # Room 2
    database = clinic.services.context.database
    with (
        pytest.raises(DBAPIError, match="appointment_resource_overlap"),
        database.writer.begin() as conn,
    ):
        conn.execute(
            text("UPDATE appointment_resource SET resource_id = :r WHERE appointment_id = :a"),
            {"r": room1, "a": second.id},  # type: ignore[attr-defined]
        )
    assert clinic.booking.get(first.id).resources == "Room 1"  # type: ignore[attr-defined]
    assert clinic.booking.get(second.id).resources == "Room 2"  # type: ignore[attr-defined]


def test_clinics_without_rooms_read_nothing_of_them(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    booked = clinic.booking.book(
        clinic.admin, BookingRequest(clinic.at(3, 10), professional_id=silva)
    )
    assert booked.resources == ""
    moved = clinic.booking.move(clinic.admin, booked.id, booked.version, clinic.at(3, 11), silva)
    assert moved.start == clinic.at(3, 11) and clinic.booking.get(moved.id).resources == ""
    assert clinic.at(3, 11) - clinic.at(3, 10) == timedelta(hours=1)


@pytest.mark.slow
def test_desks_racing_for_rooms_never_put_two_in_one(clinic: Clinic) -> None:
    """Desk processes book, move and cancel physiotherapy at once in the same two hours
    with two treatment rooms: every room holds at most one active appointment at any
    instant, and every hold has its appointment's times."""
    profs = clinic.professionals("P1", "P2", "P3", "P4")
    physio, rooms = _physio(clinic)
    database = clinic.services.context.database
    url = database.engine.url.render_as_string(hide_password=False)
    processes, attempts = (6, 60) if not database.is_sqlite else (3, 40)
    args = [
        (url, clinic.services.context.organization_id, clinic.admin, profs, physio, attempts, seed)
        for seed in range(processes)
    ]
    database.dispose()
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        results = pool.starmap(room_race_worker.desk, args)
    accepted = sum(r["accepted"] for r in results)
    assert accepted and sum(r["refused"] for r in results)
    with database.engine.connect() as conn:
        holds = conn.execute(
            text(
                "SELECT h.resource_id, a.start_at, a.end_at, h.start_at, h.end_at, a.status "
                "FROM appointment_resource h JOIN appointment a ON a.id = h.appointment_id "
                "WHERE h.active"
            )
        ).all()
    assert holds
    for resource, a_start, a_end, h_start, h_end, status in holds:
        assert resource in rooms and (a_start, a_end) == (h_start, h_end)
        assert status in {s.value for s in ACTIVE_STATUSES}
    for room in rooms:
        spans = sorted((s, e) for r, _a, _b, s, e, _st in holds if r == room)
        assert all(a[1] <= b[0] for a, b in pairwise(spans)), f"room {room} holds two at once"
    active = clinic.booking.appointments_on(clinic.at(3, 9).date())
    physio_active = [a for a in active if a.service_id == physio and a.status.is_active]
    assert all(a.resources for a in physio_active)  # every active one holds a room


def _scanner(clinic: Clinic) -> tuple[int, list[int]]:
    """A 30-minute Scan that needs an ultrasound; two machines, the first used only on
    Tuesday mornings (08:00-12:00) and Thursdays, the second whenever the clinic opens."""
    scan = clinic.services.catalog.add(
        clinic.admin, ServiceDetails("Scan", 30, Decimal("80.00"), "EUR", "#3366cc")
    ).id
    hours = (OpeningRange(1, time(8), time(12)), OpeningRange(3, time(0), time(0)))
    first = clinic.services.resources.add(
        clinic.admin, ResourceDetails("Ultrasound A", "Ultrasound", hours=hours)
    )
    assert first.hours == hours
    second = clinic.services.resources.add(
        clinic.admin, ResourceDetails("Ultrasound B", "Ultrasound")
    )
    clinic.services.resources.set_needs(clinic.admin, scan, [("Ultrasound", 1)])
    return scan, [first.id, second.id]


def test_a_resource_is_used_only_within_its_own_hours(clinic: Clinic) -> None:
    """Tue 3 March: the first machine until 12:00 only. A booking picks it in its hours
    and the other outside them; named outside them it is refused in words; the
    booking check and Find a time say the same before anything is written."""
    silva, costa, lima = clinic.professionals("Dr Silva", "Dr Costa", "Dr Lima")
    scan, (a, _b) = _scanner(clinic)
    morning = _book(clinic, silva, scan, 10)
    assert morning.resources == "Ultrasound A"  # type: ignore[attr-defined]
    afternoon = _book(clinic, costa, scan, 15)
    assert afternoon.resources == "Ultrasound B"  # type: ignore[attr-defined]
    with pytest.raises(
        ConflictError,
        match=r"Ultrasound A is not available at 15:00 on Tue 03 Mar "
        r"\(its hours: Tue 08:00-12:00; Thu all day\)",
    ):
        _book(clinic, lima, scan, 15, resource_ids=(a,))
    # 11:45-12:15 runs past its hours; B is taken by nobody then, so it is picked.
    late = clinic.booking.check_availability(
        clinic.at(3, 11, 45), clinic.at(3, 12, 15), lima, service_id=scan, resource_ids=(a,)
    )
    assert not late.ok and late.reason.startswith("Ultrasound A is not available at 12:00")
    # Both taken at 15:00 (B by Costa, A out of hours): not offered by Find a time.
    request = FreeTimeRequest(
        minutes=30,
        first_day=date(2026, 3, 3),
        last_day=date(2026, 3, 3),
        service_id=scan,
        earliest=time(15),
        latest=time(15, 30),
    )
    found = [f.start for f in clinic.services.free_times.find(request)]
    assert clinic.at(3, 15) not in found and clinic.at(3, 15, 30) in found
    # A move keeps its picked machine when it can, else takes the other one.
    moved = clinic.booking.move(clinic.admin, morning.id, morning.version, clinic.at(3, 16, 30))  # type: ignore[attr-defined]
    assert clinic.booking.get(moved.id).resources == "Ultrasound B"


def test_hours_that_leave_out_an_appointment_to_come_are_refused(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    scan, (a, _b) = _scanner(clinic)
    _book(clinic, silva, scan, 10, resource_ids=(a,))  # Tue 10:00 on A
    resources = clinic.services.resources
    details = next(r for r in resources.resources() if r.id == a)
    afternoons = (OpeningRange(1, time(13), time(18)),)
    with pytest.raises(
        ConflictError,
        match=r"Ultrasound A holds 1 appointment outside those hours from now on "
        r"\(the first at 10:00 on Tue 03 Mar\)",
    ):
        resources.update(clinic.admin, a, replace(details, hours=afternoons))
    assert next(r for r in resources.resources() if r.id == a).hours == details.hours
    wider = (OpeningRange(1, time(8), time(19)),)
    assert resources.update(clinic.admin, a, replace(details, hours=wider)).hours == wider
    with pytest.raises(ValidationError, match="08:00-07:00"):
        resources.update(
            clinic.admin, a, replace(details, hours=(OpeningRange(2, time(8), time(7)),))
        )
    # No hours at all: whenever the clinic is open again.
    assert resources.update(clinic.admin, a, replace(details, hours=())).hours == ()


def test_a_service_needing_a_room_from_now_on_is_checked_so_at_every_desk(
    clinic: Clinic,
) -> None:
    """A desk keeps what services need while the roster's version stands; a manager
    saying at another desk that a service now needs a room raises it, so the next
    check here decides the room."""
    silva, costa = clinic.professionals("Dr Silva", "Dr Costa")
    physio, _rooms = _physio(clinic, rooms=1)
    _book(clinic, silva, physio, 10)  # the one room at 10:00
    massage = clinic.services.catalog.add(
        clinic.admin, ServiceDetails("Massage", 60, Decimal("40.00"), "EUR", "#3366cc")
    ).id
    ctx = clinic.services.context
    url = ctx.database.engine.url.render_as_string(hide_password=False)
    database = open_database(url)
    try:
        here = BookingService(
            ServiceContext(database, ctx.organization_id, ctx.timezone, ctx.clock, desk=ctx.desk)
        )
        at_ten = (clinic.at(3, 10), clinic.at(3, 11), costa)
        assert here.check_availability(*at_ten, service_id=massage).ok
        clinic.services.resources.set_needs(clinic.admin, massage, [("Treatment room", 1)])
        verdict = here.check_availability(*at_ten, service_id=massage)
        assert not verdict.ok and verdict.reason.startswith("No treatment room is free")
        # A second room, then hours that leave out Tuesdays: each seen here at once.
        resources = clinic.services.resources
        spare = resources.add(clinic.admin, ResourceDetails("Room 9", "Treatment room"))
        assert here.check_availability(*at_ten, service_id=massage).ok
        mondays = (OpeningRange(0, time(8), time(18)),)
        resources.update(clinic.admin, spare.id, replace(spare, hours=mondays))
        verdict = here.check_availability(*at_ten, service_id=massage)
        assert not verdict.ok and verdict.reason.startswith("No treatment room is free")
    finally:
        database.dispose()


def test_a_series_of_a_service_that_needs_a_room_holds_one_on_each_date(clinic: Clinic) -> None:
    from scheduler_app.services.series_dto import SeriesRequest

    physio, rooms = _physio(clinic, rooms=1)
    silva, costa = clinic.professionals("Dr Silva", "Dr Costa")
    series = clinic.services.series
    weekly = SeriesRequest(
        "RRULE:FREQ=WEEKLY;COUNT=3", clinic.at(3, 10), professional_id=silva, service_id=physio
    )
    booked = series.book(clinic.admin, series.report(clinic.admin, weekly))
    held = [clinic.booking.get(i).resource_ids for i in booked.appointment_ids]
    assert held == [(rooms[0],)] * 3
    # The only room is taken at 10:00 on those dates: the report of another series
    # then says so for each date, and booking it books none of them.
    again = replace(weekly, professional_id=costa)
    report = series.report(clinic.admin, again)
    assert [o.free for o in report.occurrences] == [False] * 3
    assert all("treatment room" in o.reason for o in report.occurrences)
    with pytest.raises(ValidationError):
        series.book(clinic.admin, report)
    assert len(clinic.booking.appointments_between(clinic.at(3, 0), clinic.at(31, 0))) == 3


def test_a_room_let_go_in_a_change_can_be_taken_in_the_same_change(clinic: Clinic) -> None:
    """One change cancels the 10:00 session and moves the 12:00 one into its room at
    10:00: the room is free for it (its holds are read with the lock's read on
    PostgreSQL, before the cancelled one's hold is let go)."""
    from scheduler_app.domain.status import AppointmentStatus
    from scheduler_app.services import unit_of_work
    from scheduler_app.services.lifecycle import LifecycleService
    from scheduler_app.services.moves import KEEP, move_one

    silva, costa = clinic.professionals("Dr Silva", "Dr Costa")
    physio, (room,) = _physio(clinic, rooms=1)
    first = _book(clinic, silva, physio, 10)
    second = _book(clinic, costa, physio, 12)
    ctx = clinic.booking.ctx

    def work(tx: unit_of_work.ScheduleChange) -> object:
        facts = tx.facts(clinic.admin, appointment_id=first.id)  # type: ignore[attr-defined]
        LifecycleService(ctx)._apply(
            tx, clinic.admin, facts, facts.appointment, AppointmentStatus.CANCELLED, {}
        )
        moving = tx.facts(clinic.admin, appointment_id=second.id, professional_id=costa)  # type: ignore[attr-defined]
        return move_one(
            ctx, tx, clinic.admin, moving.appointment, moving, clinic.at(3, 10), None, KEEP
        )

    unit_of_work.change(ctx, work)
    moved = clinic.booking.get(second.id)  # type: ignore[attr-defined]
    assert (moved.start, moved.resource_ids) == (clinic.at(3, 10), (room,))
