"""Reports on both databases, from a month of a clinic's work: counts by status, the
rates, the money, conflicts, per professional and service, periods cut at the
clinic's midnights (DST included)."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal
from typing import Any

import pytest

from scheduler_app.db.engine import Database
from scheduler_app.domain.report_periods import Period, periods
from scheduler_app.domain.rules import LatePolicy, RuleKind
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.domain.working_time import WeeklyRange
from scheduler_app.services.dto import AppointmentView, BookingRequest
from scheduler_app.services.reports import Breakdown, Report
from scheduler_app.services.resources import ResourceDetails
from scheduler_app.services.rules import RuleDetails
from tests.conftest import Clinic, make_clinic

S = AppointmentStatus


@pytest.fixture
def month(clinic: Clinic) -> Clinic:
    """March 2026: Dr Silva and Tom Becker; consultations (45) and massages (60)."""
    silva, becker = clinic.professionals("Dr Ana Silva", "Tom Becker")
    consult = clinic.directory.add_service(clinic.admin, "Consultation", 30, Decimal("45")).id
    massage = clinic.directory.add_service(clinic.admin, "Massage", 60, Decimal("60")).id
    client = clinic.client()

    def book(
        day: int, hour: int, prof: int | None, service: int, billable: bool = True
    ) -> AppointmentView:
        start = clinic.at(day, hour) if hour >= 0 else clinic.at(day, 0, 30)
        request = BookingRequest(
            start=start,
            professional_id=prof,
            service_id=service,
            client_id=client,
            is_billable=billable,
        )
        return clinic.booking.book(clinic.admin, request)

    done = [book(3, 9, silva, consult), book(3, 10, becker, massage), book(4, 9, silva, consult)]
    missed = book(4, 10, becker, massage)
    called_off = book(5, 9, silva, consult)
    book(5, 11, silva, consult, billable=False)  # stays booked, not billed
    book(30, -1, becker, massage)  # 00:30 on Monday 30 March, the first day of summer time
    book(31, 9, None, consult)  # unassigned
    book(6, 9, silva, consult)
    life = clinic.lifecycle
    for appt, paid in zip(done, (Decimal("45"), Decimal("70"), Decimal("40")), strict=True):
        clinic.clock.now = appt.start
        checked = life.check_in(clinic.admin, appt.id, appt.version)
        life.complete(clinic.admin, appt.id, checked.version, actual_cost=paid)
    clinic.clock.now = missed.end
    life.mark_no_show(clinic.admin, missed.id, missed.version)
    life.cancel(clinic.admin, called_off.id, called_off.version, "Ill")
    return clinic


def test_a_month_by_status_with_the_rates_and_the_money(month: Clinic) -> None:
    report = month.services.reports.report(date(2026, 3, 1), date(2026, 3, 31), Period.MONTH)
    assert isinstance(report, Report) and report.currency == "EUR"
    (march,) = report.periods
    assert (march.first, march.end) == (date(2026, 3, 1), date(2026, 4, 1))
    assert dict(march.by_status) == {S.PENDING: 4, S.COMPLETED: 3, S.NO_SHOW: 1, S.CANCELLED: 1}
    assert (march.booked, march.completed, march.no_shows, march.cancelled) == (9, 3, 1, 1)
    assert march.no_show_rate == pytest.approx(1 / 4)
    assert march.cancellation_rate == pytest.approx(1 / 9)
    # estimated: billable, neither cancelled nor a no-show: 3 done + 3 still booked
    assert march.estimated == Decimal("45") * 4 + Decimal("60") * 2
    assert march.actual == Decimal("155.00") and march.average_value == Decimal("51.67")
    assert report.total == march


def test_per_professional_and_per_service(month: Clinic) -> None:
    reports = month.services.reports
    by_prof = reports.report(
        date(2026, 3, 1), date(2026, 3, 31), Period.MONTH, Breakdown.PROFESSIONAL
    )
    assert by_prof is not None
    assert [(f.name, f.booked, f.completed, f.actual) for f in by_prof.per_key] == [
        ("Dr Ana Silva", 5, 2, Decimal("85.00")),
        ("Tom Becker", 3, 1, Decimal("70.00")),
        ("", 1, 0, Decimal("0.00")),  # unassigned
    ]
    assert [f.name for f in by_prof.lines] == ["Dr Ana Silva", "Tom Becker", ""]
    by_service = reports.report(date(2026, 3, 1), date(2026, 3, 31), Period.YEAR, Breakdown.SERVICE)
    assert by_service is not None
    assert [(f.name, f.booked, f.no_show_rate) for f in by_service.per_key] == [
        ("Consultation", 6, 0.0),
        ("Massage", 3, 0.5),
    ]


def test_weeks_are_cut_at_the_clinics_midnight_across_the_clock_change(month: Clinic) -> None:
    report = month.services.reports.report(date(2026, 3, 23), date(2026, 4, 5), Period.WEEK)
    assert report is not None
    assert [(f.first, f.end, f.booked) for f in report.periods] == [
        (date(2026, 3, 23), date(2026, 3, 30), 0),
        (date(2026, 3, 30), date(2026, 4, 6), 2),  # 00:30 on the 30th is in its week
    ]
    days = month.services.reports.report(date(2026, 3, 29), date(2026, 3, 30), Period.DAY)
    assert days is not None and [f.booked for f in days.periods] == [0, 1]


def test_conflicts_opened_and_the_time_to_resolve_them(month: Clinic) -> None:
    silva = month.directory.professionals()[0]
    month.clock.now = month.at(20, 8)
    month.booking.book(
        month.admin, BookingRequest(start=month.at(25, 10), professional_id=silva.id)
    )
    month.booking.book(month.admin, BookingRequest(start=month.at(25, 10)))
    month.services.professionals.leave(month.admin, silva.id, force_reason="Ill")
    stranded = [a for a in month.booking.appointments_on(date(2026, 3, 25)) if a.conflict_id]
    month.clock.now = month.at(21, 8)  # a day later, the manager books it elsewhere
    (one,) = stranded
    month.lifecycle.cancel(month.admin, one.id, one.version, "No one free")
    report = month.services.reports.report(date(2026, 3, 1), date(2026, 3, 31), Period.WEEK)
    assert report is not None
    assert [f.conflicts_opened for f in report.periods] == [0, 0, 0, 1, 0, 0]
    assert report.total.conflicts_opened == 1
    assert report.mean_time_to_resolve == timedelta(days=1)


def test_progress_and_cancel(month: Clinic) -> None:
    seen: list[tuple[int, int]] = []
    report = month.services.reports.report(
        date(2026, 1, 1), date(2026, 12, 31), Period.DAY, progress=lambda d, t: seen.append((d, t))
    )
    assert report is not None and len(report.periods) == 365
    # The year's days counted a month at a time, then the report made.
    assert seen[0] == (0, 13) and seen[-1] == (13, 13)
    assert sum(f.booked for f in report.periods) == 9
    seen.clear()
    again = month.services.reports.report(
        date(2026, 1, 1), date(2026, 12, 31), Period.DAY, progress=lambda d, t: seen.append((d, t))
    )
    assert again == report
    assert seen == [(0, 1), (1, 1)]  # every day kept: nothing counted again
    stopped = month.services.reports.report(
        date(2026, 1, 1), date(2026, 12, 31), Period.DAY, cancelled=lambda: True
    )
    assert stopped is None


def test_periods_are_clipped_to_the_days_asked() -> None:
    assert periods(date(2026, 1, 15), date(2026, 3, 14), Period.MONTH) == [
        (date(2026, 1, 15), date(2026, 2, 1)),
        (date(2026, 2, 1), date(2026, 3, 1)),
        (date(2026, 3, 1), date(2026, 3, 15)),
    ]
    assert periods(date(2026, 2, 11), date(2026, 8, 2), Period.QUARTER) == [
        (date(2026, 2, 11), date(2026, 4, 1)),
        (date(2026, 4, 1), date(2026, 7, 1)),
        (date(2026, 7, 1), date(2026, 8, 3)),
    ]
    sundays = periods(date(2026, 3, 4), date(2026, 3, 16), Period.WEEK, week_starts=6)
    assert [p[0] for p in sundays] == [date(2026, 3, 4), date(2026, 3, 8), date(2026, 3, 15)]


# -- late cancellations, undone bookings, utilisation, rooms and teams ---------------


@pytest.fixture
def monday(database: Database) -> tuple[Clinic, dict[str, int]]:
    """Monday 9 March 2026: the clinic opens 08:00-19:00 on weekdays, Dr Silva works
    09:00-13:00 on Mondays, in the Physio team; Room 1; cancellations need 24 hours'
    notice (later ones are marked late)."""
    clinic = make_clinic(database, around_the_clock=False)
    services, admin = clinic.services, clinic.admin
    services.working_time.set_opening_hours(admin, {day: [(time(8), time(19))] for day in range(5)})
    (silva,) = clinic.professionals("Dr Silva")
    services.working_time.set_weekly_plan(admin, silva, [WeeklyRange(0, time(9), time(13))])
    team = services.teams.add(admin, "Physio")
    services.teams.set_member(admin, team, silva)
    room = services.resources.add(admin, ResourceDetails("Room 1", "Room")).id
    services.rules.add(
        admin,
        RuleDetails(RuleKind.CANCELLATION, notice_minutes=24 * 60, late_policy=LatePolicy.FLAG),
    )
    return clinic, {"silva": silva, "team": team, "room": room}


def _book(clinic: Clinic, hour: int, minute: int, minutes: int, prof: int, **extra: Any) -> Any:
    start = clinic.at(9, hour, minute)
    request = BookingRequest(
        start=start, end=start + timedelta(minutes=minutes), professional_id=prof, **extra
    )
    return clinic.booking.book(clinic.admin, request)


def test_late_cancellations_apart_and_bookings_undone_within_a_minute_left_out(
    monday: tuple[Clinic, dict[str, int]],
) -> None:
    clinic, ids = monday
    silva, life = ids["silva"], clinic.lifecycle
    clinic.clock.now = clinic.at(5, 8)  # days before: cancellations in time
    in_time = _book(clinic, 14, 0, 30, silva, override_reason="Emergency")
    life.cancel(clinic.admin, in_time.id, in_time.version, "Moved away")
    taken_back_later = _book(clinic, 15, 0, 60, silva, override_reason="Emergency")
    clinic.clock.now += timedelta(minutes=2)
    life.undo_booking(clinic.admin, taken_back_later.id, taken_back_later.version)
    clinic.clock.now = clinic.at(9, 8)  # on the day
    kept = _book(clinic, 9, 0, 60, silva, resource_ids=(ids["room"],))
    late = _book(clinic, 10, 0, 60, silva)
    life.cancel(clinic.admin, late.id, late.version, "Ill")  # 2 hours before: late
    mistake = _book(clinic, 11, 0, 60, silva)
    clinic.clock.now += timedelta(seconds=40)
    life.undo_booking(clinic.admin, mistake.id, mistake.version)  # within the minute
    anyway = _book(clinic, 12, 30, 60, silva, override_reason="Emergency")  # 30 min outside
    assert anyway.outside_hours and kept.professional_id == silva
    report = clinic.services.reports.report(date(2026, 3, 9), date(2026, 3, 9), Period.DAY)
    assert report is not None
    (day,) = report.periods
    # booked: 09:00, 10:00 (cancelled late), 12:30, 14:00 and 15:00 (cancelled in time:
    # the booking taken back two minutes after it was made counts as cancelled)
    assert (day.booked, day.undone, day.cancelled, day.late) == (5, 1, 3, 1)
    assert day.cancelled_in_time == 2
    assert day.cancellation_rate == pytest.approx(2 / 5)
    assert day.late_cancellation_rate == pytest.approx(1 / 5)
    # utilisation: 4 working hours; 09:00-10:00 and 12:30-13:00 inside; 13:00-13:30
    # outside (booked anyway)
    assert day.use is not None
    assert (day.use.working, day.use.inside, day.use.outside) == (4 * 3600, 90 * 60, 30 * 60)
    assert day.utilisation == pytest.approx(90 / 240)
    by_room = clinic.services.reports.report(
        date(2026, 3, 9), date(2026, 3, 9), Period.DAY, Breakdown.ROOM
    )
    assert by_room is not None
    room = next(f for f in by_room.per_key if f.key == ids["room"])
    assert (room.name, room.booked) == ("Room 1", 1)
    assert room.use is not None and room.use.working == 11 * 3600 and room.use.inside == 3600
    assert room.utilisation == pytest.approx(1 / 11)
    no_room = next(f for f in by_room.per_key if f.key is None)
    assert no_room.booked == 4 and no_room.use is None
    by_team = clinic.services.reports.report(
        date(2026, 3, 9), date(2026, 3, 9), Period.DAY, Breakdown.TEAM
    )
    assert by_team is not None
    (physio,) = by_team.per_key
    assert (physio.name, physio.booked, physio.use) == ("Physio", 5, day.use)
