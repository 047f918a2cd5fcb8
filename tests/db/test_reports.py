"""Reports on both databases, from a month of a clinic's work: counts by status, the
rates, the money, conflicts, per professional and service, periods cut at the
clinic's midnights (DST included)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from scheduler_app.domain.report_periods import Period, periods
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.dto import AppointmentView, BookingRequest
from scheduler_app.services.reports import Breakdown, Report
from tests.conftest import Clinic

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
    # SQLite: a dozen statements, PostgreSQL: one; then utilisation
    steps = (12 if month.services.database.is_sqlite else 1) + 1
    assert seen[0] == (0, steps) and seen[-1] == (steps, steps)
    assert sum(f.booked for f in report.periods) == 9
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
