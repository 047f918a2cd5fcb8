"""Working time as wall-clock hours: DST, A/B weeks, dated days, holidays."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from scheduler_app.db.working_time import holiday_calendar
from scheduler_app.domain.working_time import (
    Off,
    OffDuty,
    Roster,
    WeeklyRange,
    Why,
    week_parity,
    why_off,
)

BERLIN = ZoneInfo("Europe/Berlin")
EVERY_DAY_8_TO_19 = {weekday: [(time(8), time(19))] for weekday in range(7)}


def at(day: date, hour: int, minute: int = 0, tz: ZoneInfo = BERLIN) -> int:
    return int(datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz).timestamp())


def on_duty(duty: OffDuty, professional: int, day: date, tz: ZoneInfo = BERLIN) -> list[str]:
    """The wall-clock hours ``professional`` works on ``day``, as "HH:MM-HH:MM"."""
    lo, hi = at(day, 0, tz=tz), at(day, 23, 59, tz=tz) + 60
    off = duty.spans(professional, lo, hi)
    works, cursor = [], lo
    for start, end in off:
        if start > cursor:
            works.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < hi:
        works.append((cursor, hi))

    def hm(seconds: int) -> str:
        return datetime.fromtimestamp(seconds, UTC).astimezone(tz).strftime("%H:%M")

    return [f"{hm(a)}-{hm(b)}" for a, b in works if a < b]


def test_a_plan_from_eight_stays_at_eight_across_both_dst_changes() -> None:
    plan = {1: [WeeklyRange(d, time(8), time(12)) for d in range(7)]}
    duty = OffDuty(Roster(BERLIN, EVERY_DAY_8_TO_19, plans=plan))
    for day in (date(2026, 3, 28), date(2026, 3, 29), date(2026, 10, 25), date(2026, 10, 26)):
        assert on_duty(duty, 1, day) == ["08:00-12:00"], day


def test_hours_that_start_when_the_clocks_jump_forward_start_at_the_jump() -> None:
    """Berlin skips 02:00-03:00 on Sun 29 Mar 2026: hours from 02:30 open at 03:00
    (the jump), and hours wholly inside the skipped hour do not open at all."""
    sunday = date(2026, 3, 29)
    from_half_past = OffDuty(Roster(BERLIN, {6: [(time(2, 30), time(5))]}))
    assert on_duty(from_half_past, 1, sunday) == ["03:00-05:00"]
    inside = OffDuty(Roster(BERLIN, {6: [(time(2, 15), time(2, 45))]}))
    assert on_duty(inside, 1, sunday) == []


def test_without_a_plan_one_works_whenever_the_clinic_is_open() -> None:
    duty = OffDuty(Roster(BERLIN, EVERY_DAY_8_TO_19))
    assert on_duty(duty, 7, date(2026, 3, 4)) == ["08:00-19:00"]
    closed = duty.reasons(7, at(date(2026, 3, 4), 20), at(date(2026, 3, 4), 21))
    assert [o.why for o in closed] == [Why.CLINIC_CLOSED]


def test_a_week_a_and_b_week_plan_alternates() -> None:
    monday = date(2026, 3, 2)
    a_or_b = week_parity(monday)
    plan = {
        1: [
            WeeklyRange(0, time(9), time(13), week_parity=a_or_b),
            WeeklyRange(0, time(14), time(18), week_parity=1 - a_or_b),
        ]
    }
    duty = OffDuty(Roster(BERLIN, EVERY_DAY_8_TO_19, plans=plan))
    assert on_duty(duty, 1, monday) == ["09:00-13:00"]
    assert on_duty(duty, 1, date(2026, 3, 9)) == ["14:00-18:00"]
    assert on_duty(duty, 1, date(2026, 3, 16)) == ["09:00-13:00"]
    assert on_duty(duty, 1, date(2026, 3, 3)) == []  # no Tuesday in the plan


def test_a_plan_applies_from_its_first_day_and_a_dated_day_replaces_it() -> None:
    plan = {
        1: [
            WeeklyRange(2, time(8), time(19), valid_until=date(2025, 12, 31)),
            WeeklyRange(2, time(8), time(13), valid_from=date(2026, 1, 1)),
        ]
    }
    days = {(1, date(2026, 12, 12)): [(time(9), time(13))], (1, date(2026, 3, 11)): []}
    duty = OffDuty(Roster(BERLIN, EVERY_DAY_8_TO_19, plans=plan, days=days))
    assert on_duty(duty, 1, date(2025, 12, 31)) == ["08:00-19:00"]
    assert on_duty(duty, 1, date(2026, 3, 4)) == ["08:00-13:00"]
    assert on_duty(duty, 1, date(2026, 12, 12)) == ["09:00-13:00"]  # a Saturday worked
    assert on_duty(duty, 1, date(2026, 3, 11)) == []  # a Wednesday off
    afternoon = duty.reasons(1, at(date(2026, 3, 4), 14), at(date(2026, 3, 4), 15))
    assert why_off(afternoon, at(date(2026, 3, 4), 14)).why is Why.NOT_WORKING  # type: ignore[union-attr]


def test_public_holidays_of_two_countries_close_the_clinic() -> None:
    portugal = holiday_calendar("PT", "")
    berlin = holiday_calendar("DE", "BE")
    assert portugal[date(2026, 6, 10)] and date(2026, 6, 10) not in berlin  # Portugal Day
    assert berlin[date(2026, 3, 8)] and date(2026, 3, 8) not in portugal  # Women's Day, Berlin
    duty = OffDuty(Roster(BERLIN, EVERY_DAY_8_TO_19, holidays=berlin))
    christmas = date(2026, 12, 25)
    assert on_duty(duty, 1, christmas) == []
    (reason,) = duty.reasons(1, at(christmas, 10), at(christmas, 11))
    assert (reason.why, reason.detail) == (Why.HOLIDAY, berlin[christmas])


def test_a_clinic_open_around_the_clock() -> None:
    around = {weekday: [(time(0), time(0))] for weekday in range(7)}
    duty = OffDuty(Roster(ZoneInfo("Europe/Lisbon"), around))
    lisbon = ZoneInfo("Europe/Lisbon")
    assert (
        duty.spans(1, at(date(2026, 3, 29), 0, tz=lisbon), at(date(2026, 3, 30), 0, tz=lisbon))
        == ()
    )


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_all_professionals_at_once_agree_with_one_at_a_time(data: st.DataObject) -> None:
    """`all_spans` (what a decision uses) gives each professional what `spans` gives."""
    hours = st.tuples(st.integers(0, 23), st.integers(0, 23)).map(
        lambda h: (time(min(h)), time(max(h) + 1) if max(h) < 23 else time(0))
    )
    opening = data.draw(st.dictionaries(st.integers(0, 6), st.lists(hours, max_size=2)))
    plans = data.draw(
        st.dictionaries(
            st.integers(1, 4),
            st.lists(
                st.builds(
                    lambda d, h, parity: WeeklyRange(d, h[0], h[1], parity),
                    st.integers(0, 6),
                    hours,
                    st.sampled_from([None, 0, 1]),
                ),
                max_size=4,
            ),
        )
    )
    first = date(2026, 3, 23)  # the week of Berlin's spring change
    days = data.draw(
        st.dictionaries(
            st.tuples(st.integers(1, 4), st.integers(0, 13).map(lambda n: first + timedelta(n))),
            st.lists(hours, max_size=2),
            max_size=3,
        )
    )
    holidays = {first + timedelta(n): "Holiday" for n in data.draw(st.sets(st.integers(0, 13)))}
    duty = OffDuty(Roster(BERLIN, opening, holidays, plans, days))
    lo = at(first, 0) + 900 * data.draw(st.integers(0, 96 * 12))
    hi = lo + 900 * data.draw(st.integers(1, 96 * 2))
    time_off = [
        Off(lo + 900 * a, lo + 900 * (a + n), Why.TIME_OFF, "away", who)
        for a, n, who in data.draw(
            st.lists(
                st.tuples(
                    st.integers(-50, 200), st.integers(1, 60), st.sampled_from([None, 1, 2, 3])
                ),
                max_size=4,
            )
        )
    ]
    together = duty.all_spans([1, 2, 3, 4], lo, hi, time_off)
    assert together == {p: duty.spans(p, lo, hi, time_off) for p in (1, 2, 3, 4)}
