"""Working time added (a longer weekly plan, a dated day with more hours) is offered to
the clients waiting, like a cancelled time: the change says what it added, and the
waitlist decides each entry there with the booking check. On both databases."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from scheduler_app.domain.working_time import TimeOffKind, WeeklyRange
from scheduler_app.services.dto import ServiceDetails
from scheduler_app.services.waitlist_dto import WaitlistRequest
from scheduler_app.services.working_time import MAX_ADDED
from tests.conftest import Clinic

MONDAY_9 = date(2026, 3, 9)  # "now" is Monday 2 March 2026, 07:00 in Lisbon


def test_a_dated_day_with_more_hours_is_offered_to_whoever_waits_for_it(clinic: Clinic) -> None:
    silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    wt, waitlist = clinic.services.working_time, clinic.services.waitlist
    mornings = [WeeklyRange(d, time(8), time(12)) for d in range(5)]
    wt.set_weekly_plan(clinic.admin, silva, mornings)
    details = ServiceDetails("Check", 30, Decimal("40.00"), "EUR", "#3366cc")
    check = clinic.services.catalog.add(clinic.admin, details).id
    ana, rui = clinic.client("Ana"), clinic.client("Rui")
    afternoon = (time(13), time(18))
    waiting = waitlist.add(
        clinic.admin, WaitlistRequest(ana, check, MONDAY_9, MONDAY_9, *afternoon, silva)
    ).id
    waitlist.add(clinic.admin, WaitlistRequest(rui, check, MONDAY_9, MONDAY_9, *afternoon, becker))

    done = wt.set_day(clinic.admin, silva, MONDAY_9, [(time(8), time(12)), (time(14), time(18))])
    assert done.added == ((clinic.at(9, 14), clinic.at(9, 18), silva),)
    slot = waitlist.freed(*done.added[0])
    assert [(m.entry.id, m.start, m.end) for m in slot.matches] == [
        (waiting, clinic.at(9, 14), clinic.at(9, 14, 30))
    ]
    # Back to the plan: nothing added (it takes the afternoon away again).
    assert wt.set_day(clinic.admin, silva, MONDAY_9, None).added == ()


def test_a_longer_weekly_plan_reports_the_earliest_hours_it_adds(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    wt = clinic.services.working_time
    wt.set_weekly_plan(clinic.admin, silva, [WeeklyRange(d, time(8), time(12)) for d in range(5)])
    done = wt.set_weekly_plan(
        clinic.admin, silva, [WeeklyRange(d, time(8), time(13)) for d in range(5)]
    )
    assert len(done.added) == MAX_ADDED
    assert done.added[:2] == (
        (clinic.at(2, 12), clinic.at(2, 13), silva),
        (clinic.at(3, 12), clinic.at(3, 13), silva),
    )
    assert [a for a, _b, _p in done.added] == sorted(a for a, _b, _p in done.added)


def test_time_off_given_back_is_offered_to_whoever_waits_for_it(clinic: Clinic) -> None:
    (silva,) = clinic.professionals("Dr Silva")
    wt, waitlist = clinic.services.working_time, clinic.services.waitlist
    details = ServiceDetails("Check", 30, Decimal("40.00"), "EUR", "#3366cc")
    check = clinic.services.catalog.add(clinic.admin, details).id
    ana = clinic.client("Ana")
    waiting = waitlist.add(
        clinic.admin, WaitlistRequest(ana, check, MONDAY_9, MONDAY_9, time(9), time(12), silva)
    ).id
    wt.add_time_off(
        clinic.admin,
        clinic.at(9, 9),
        clinic.at(9, 12),
        professional_id=silva,
        kind=TimeOffKind.TRAINING,
        reason="Course",
    )
    assert waitlist.freed(clinic.at(9, 9), clinic.at(9, 12), silva).matches == ()  # away then
    (off,) = wt.time_off()
    given_back = wt.remove_time_off(clinic.admin, off.id)
    assert given_back == (clinic.at(9, 9), clinic.at(9, 12), silva)
    slot = waitlist.freed(*given_back)
    assert [(m.entry.id, m.start) for m in slot.matches] == [(waiting, clinic.at(9, 9))]
