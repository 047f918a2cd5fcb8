"""Series expansion against a brute-force oracle: step day by day, match the rule's fields."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from scheduler_app.domain.localtime import exists
from scheduler_app.domain.recurrence import (
    MAX_OCCURRENCES,
    SERIES_HORIZON_DAYS,
    RecurrenceError,
    SeriesRule,
    expand,
    parse_rule,
    rule_text,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def _oracle(
    rule: SeriesRule, wall0: datetime, length: timedelta, tz: ZoneInfo
) -> list[tuple[datetime, datetime | None, datetime | None]]:
    """Every day from the first one, kept when the rule's fields all match it."""
    start_day = wall0.date()
    monday0 = start_day - timedelta(days=start_day.weekday())
    found: list[date] = []
    day = start_day
    while len(found) < (rule.count or 10**6):
        if rule.until is not None and day > rule.until:
            break
        if day > start_day + timedelta(days=SERIES_HORIZON_DAYS + 40):
            break
        if rule.freq == "DAILY":
            step_ok = (day - start_day).days % rule.interval == 0
            days_ok = not rule.weekdays or day.weekday() in rule.weekdays
            mdays_ok = not rule.month_days or day.day in rule.month_days
        elif rule.freq == "WEEKLY":
            monday = day - timedelta(days=day.weekday())
            step_ok = ((monday - monday0).days // 7) % rule.interval == 0
            days_ok = day.weekday() in (rule.weekdays or (start_day.weekday(),))
            mdays_ok = not rule.month_days or day.day in rule.month_days
        else:
            months = (day.year - start_day.year) * 12 + day.month - start_day.month
            step_ok = months % rule.interval == 0
            days_ok = not rule.weekdays or day.weekday() in rule.weekdays
            if rule.month_days:
                mdays_ok = day.day in rule.month_days
            else:
                mdays_ok = bool(rule.weekdays) or day.day == start_day.day
        if step_ok and days_ok and mdays_ok:
            found.append(day)
        day += timedelta(days=1)
    out = []
    for d in found:
        if d in rule.exdates:
            continue
        wall = datetime.combine(d, wall0.time())
        aware = wall.replace(tzinfo=tz)
        if not exists(aware):
            out.append((wall, None, None))
        else:
            end = (aware.astimezone(UTC) + length).astimezone(tz)
            out.append((wall, aware, end))
    return out


rules = st.builds(
    SeriesRule,
    freq=st.sampled_from(["DAILY", "WEEKLY", "MONTHLY"]),
    interval=st.integers(1, 4),
    weekdays=st.lists(st.integers(0, 6), max_size=3, unique=True).map(lambda x: tuple(sorted(x))),
    month_days=st.one_of(
        st.just(()),
        st.lists(st.integers(1, 31), min_size=1, max_size=3, unique=True).map(
            lambda x: tuple(sorted(x))
        ),
    ),
    count=st.integers(1, 40),
)
# Weeks around the DST changes of both zones, and times in the gaps and repeated hours.
days = st.sampled_from(
    [date(2026, 3, 1), date(2026, 3, 7), date(2026, 3, 25), date(2026, 10, 20), date(2026, 10, 30)]
).flatmap(lambda d: st.integers(0, 20).map(lambda n: d + timedelta(days=n)))
clocks = st.sampled_from([time(9, 0), time(2, 30), time(1, 30), time(23, 45), time(2, 0)])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rule=rules,
    day=days,
    clock=clocks,
    tz=st.sampled_from([BERLIN, NEW_YORK]),
    minutes=st.sampled_from([30, 45, 90]),
    until=st.one_of(st.none(), st.integers(0, 90)),
    drop=st.lists(st.integers(0, 60), max_size=3),
)
@example(
    rule=SeriesRule("WEEKLY", weekdays=(6,), count=6),
    day=date(2026, 3, 1),
    clock=time(2, 30),
    tz=BERLIN,
    minutes=45,
    until=None,
    drop=[],
)
def test_expansion_matches_stepping_day_by_day(
    rule: SeriesRule,
    day: date,
    clock: time,
    tz: ZoneInfo,
    minutes: int,
    until: int | None,
    drop: list[int],
) -> None:
    if rule.freq == "WEEKLY":
        rule = SeriesRule(rule.freq, rule.interval, rule.weekdays, (), rule.count)
    if until is not None:
        rule = SeriesRule(
            rule.freq, rule.interval, rule.weekdays, rule.month_days, None, day + timedelta(until)
        )
    rule = SeriesRule(
        rule.freq,
        rule.interval,
        rule.weekdays,
        rule.month_days,
        rule.count,
        rule.until,
        tuple(sorted({day + timedelta(days=n) for n in drop})),
    )
    wall0 = datetime.combine(day, clock)
    length = timedelta(minutes=minutes)
    expected = _oracle(rule, wall0, length, tz)
    try:
        got = expand(rule, wall0, length, tz)
    except RecurrenceError as exc:
        assert "gives no dates" in str(exc) or "days ahead" in str(exc)
        return
    assert [(o.wall, o.start, o.end) for o in got] == expected
    for o in got:
        if o.start is not None and o.end is not None:
            assert o.start.hour == clock.hour and o.start.minute == clock.minute
            assert o.end.astimezone(UTC) - o.start.astimezone(UTC) == length


def test_nine_o_clock_stays_nine_across_the_spring_change_in_berlin() -> None:
    rule = SeriesRule("WEEKLY", weekdays=(1, 3), count=12)
    got = expand(rule, datetime(2026, 3, 17, 9, 0), timedelta(minutes=45), BERLIN)
    assert len(got) == 12
    assert {(o.start.hour, o.start.minute) for o in got if o.start} == {(9, 0)}
    offsets = {o.start.utcoffset() for o in got if o.start}
    assert offsets == {timedelta(hours=1), timedelta(hours=2)}


def test_an_occurrence_in_the_new_york_gap_is_kept_as_one_that_cannot_be_booked() -> None:
    rule = SeriesRule("DAILY", count=3)
    got = expand(rule, datetime(2026, 3, 7, 2, 30), timedelta(minutes=30), NEW_YORK)
    assert [o.in_gap for o in got] == [False, True, False]


def test_the_repeated_hour_means_its_first_occurrence() -> None:
    got = expand(
        SeriesRule("DAILY", count=1), datetime(2026, 10, 25, 2, 30), timedelta(hours=1), BERLIN
    )
    assert got[0].start is not None and got[0].start.utcoffset() == timedelta(hours=2)
    assert got[0].end is not None and got[0].end.strftime("%H:%M") == "02:30"  # real hour


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        (SeriesRule("WEEKLY", weekdays=(1,)), "needs an end"),
        (SeriesRule("WEEKLY", until=date(2028, 1, 1)), "at most 366 days ahead"),
        (SeriesRule("DAILY", count=400, interval=2), "at most 366 days ahead"),
        (SeriesRule("DAILY", count=MAX_OCCURRENCES + 1), f"at most {MAX_OCCURRENCES}"),
        (SeriesRule("WEEKLY", interval=0, count=3), "interval"),
        (SeriesRule("MONTHLY", month_days=(30,), until=date(2026, 1, 20)), "gives no dates"),
        (SeriesRule("YEARLY", count=3), "daily, weekly or monthly"),
        (SeriesRule("WEEKLY", month_days=(3,), count=3), "not on days of the month"),
        (SeriesRule("DAILY", count=3, until=date(2026, 2, 1)), "not both"),
    ],
)
def test_bad_rules_are_refused_with_a_clear_message(rule: SeriesRule, words: str) -> None:
    with pytest.raises(RecurrenceError, match=words):
        expand(rule, datetime(2026, 1, 5, 9, 0), timedelta(minutes=30), BERLIN)


def test_a_daily_rule_over_a_longer_horizon_is_refused_as_too_many() -> None:
    rule = SeriesRule("DAILY", until=date(2027, 6, 30))
    with pytest.raises(RecurrenceError, match="at most 500 appointments"):
        expand(rule, datetime(2026, 1, 5, 9, 0), timedelta(minutes=30), BERLIN, horizon_days=800)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("FREQ=WEEKLY;BYDAY=XX;COUNT=3", "not a weekday"),
        ("FREQ=WEEKLY;COUNT=three", "not a whole number"),
        ("FREQ=WEEKLY;BYHOUR=9;COUNT=3", "not supported"),
        ("FREQ=WEEKLY;BYDAY=2TU;COUNT=3", "Only a monthly series"),
        ("FREQ=DAILY;BYDAY=-1FR;COUNT=3", "Only a monthly series"),
        ("FREQ=MONTHLY;BYDAY=6TU;COUNT=3", "from the first to the fifth"),
        ("FREQ=MONTHLY;BYDAY=0TU;COUNT=3", "not a weekday"),
        ("FREQ=MONTHLY;BYDAY=2XX;COUNT=3", "not a weekday"),
        ("FREQ=MONTHLY;BYDAY=MO,2TU;COUNT=3", "not both"),
        ("FREQ=MONTHLY;BYSETPOS=1;COUNT=3", "needs weekdays"),
        ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0;COUNT=3", "from the first to the fifth"),
        ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=x;COUNT=3", "not a whole number"),
        ("FREQ=HOURLY;COUNT=3", "daily, weekly or monthly"),
        ("FREQ=WEEKLY;COUNT=3;COUNT=4", "cannot be read"),
        ("nonsense", "cannot be read"),
        ("FREQ=WEEKLY;UNTIL=2026130", "not a date"),
        ("FREQ=WEEKLY\x00", "cannot be read"),
    ],
)
def test_malformed_rule_text_is_refused(text: str, words: str) -> None:
    with pytest.raises(RecurrenceError, match=words):
        parse_rule(text)


@given(
    rule=rules,
    until=st.booleans(),
    drop=st.lists(st.dates(date(2000, 1, 1), date(2100, 1, 1)), max_size=3),
)
def test_rule_text_reads_back_as_the_same_rule(
    rule: SeriesRule, until: bool, drop: list[date]
) -> None:
    if rule.freq == "WEEKLY":
        rule = SeriesRule(rule.freq, rule.interval, rule.weekdays, (), rule.count)
    if until:
        rule = SeriesRule(
            rule.freq, rule.interval, rule.weekdays, rule.month_days, None, date(2027, 1, 15)
        )
    rule = SeriesRule(
        rule.freq,
        rule.interval,
        rule.weekdays,
        rule.month_days,
        rule.count,
        rule.until,
        tuple(sorted(set(drop))),
    )
    assert parse_rule(rule_text(rule)) == rule


def _place_ok(day: date, ordinal: int) -> bool:
    """``day`` is the ``ordinal``-th of its weekday in its month (-1 the last)."""
    if ordinal > 0:
        return (day.day - 1) // 7 + 1 == ordinal
    next_month = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return ((next_month - day).days - 1) // 7 + 1 == -ordinal


def _month_oracle(rule: SeriesRule, wall0: datetime) -> list[date]:
    """Step month by month, and in each day by day: the days the rule's fields keep."""
    start = wall0.date()
    found: list[date] = []
    month = date(start.year, start.month, 1)
    while month <= start + timedelta(days=3 * SERIES_HORIZON_DAYS):
        months = (month.year - start.year) * 12 + month.month - start.month
        following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        if months % rule.interval == 0:
            days = []
            day = month
            while day < following:
                ok = not rule.month_days or day.day in rule.month_days
                if rule.positions:
                    ok = ok and any(
                        day.weekday() == wd and _place_ok(day, n) for n, wd in rule.positions
                    )
                if rule.weekdays:
                    ok = ok and day.weekday() in rule.weekdays
                if not (rule.positions or rule.weekdays or rule.month_days):
                    ok = day.day == start.day
                if ok:
                    days.append(day)
                day += timedelta(days=1)
            if rule.set_positions:
                days = sorted(
                    {days[n - 1 if n > 0 else n] for n in rule.set_positions if abs(n) <= len(days)}
                )
            for day in days:
                if day < start or (rule.until is not None and day > rule.until):
                    continue
                if rule.count is not None and len(found) == rule.count:
                    return found
                found.append(day)
        month = following
    return found


positioned = st.one_of(
    # "the second Tuesday", "the last Friday and the first Monday"
    st.builds(
        lambda places, count: SeriesRule("MONTHLY", positions=places, count=count),
        st.lists(
            st.tuples(st.sampled_from([1, 2, 3, 4, 5, -1, -2, -5]), st.integers(0, 6)),
            min_size=1,
            max_size=2,
            unique=True,
        ).map(lambda x: tuple(sorted(x))),
        st.integers(1, 14),
    ),
    # "the last weekday of the month" (BYDAY=MO,...,FR;BYSETPOS=-1)
    st.builds(
        lambda days, setpos, count: SeriesRule(
            "MONTHLY", weekdays=days, count=count, set_positions=setpos
        ),
        st.lists(st.integers(0, 6), min_size=1, max_size=5, unique=True).map(
            lambda x: tuple(sorted(x))
        ),
        st.lists(st.sampled_from([1, 2, 3, -1, -2]), min_size=1, max_size=2, unique=True).map(
            lambda x: tuple(sorted(x))
        ),
        st.integers(1, 14),
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rule=positioned,
    interval=st.integers(1, 3),
    day=days,
    clock=clocks,
    tz=st.sampled_from([BERLIN, NEW_YORK]),
    until=st.one_of(st.none(), st.integers(0, 300)),
    month_day=st.one_of(st.none(), st.integers(1, 31)),
)
@example(  # the second Sunday of March: New York's clocks go forward at 02:00
    rule=SeriesRule("MONTHLY", positions=((2, 6),), count=3),
    interval=1,
    day=date(2026, 3, 1),
    clock=time(2, 30),
    tz=NEW_YORK,
    until=None,
    month_day=None,
)
@example(  # the last Sunday of October and of March in Berlin: the clock changes
    rule=SeriesRule("MONTHLY", positions=((-1, 6),), count=7),
    interval=1,
    day=date(2026, 10, 1),
    clock=time(2, 30),
    tz=BERLIN,
    until=None,
    month_day=None,
)
def test_monthly_by_position_matches_stepping_day_by_day(
    rule: SeriesRule,
    interval: int,
    day: date,
    clock: time,
    tz: ZoneInfo,
    until: int | None,
    month_day: int | None,
) -> None:
    rule = replace(rule, interval=interval)
    if until is not None:
        rule = replace(rule, count=None, until=day + timedelta(days=until))
    if month_day is not None and rule.set_positions:
        rule = replace(rule, month_days=(month_day,))
    wall0 = datetime.combine(day, clock)
    length = timedelta(minutes=45)
    expected = []
    for d in _month_oracle(rule, wall0):
        wall = datetime.combine(d, clock)
        aware = wall.replace(tzinfo=tz)
        if exists(aware):
            expected.append((wall, aware, (aware.astimezone(UTC) + length).astimezone(tz)))
        else:
            expected.append((wall, None, None))
    try:
        got = expand(rule, wall0, length, tz)
    except RecurrenceError as exc:
        assert "gives no dates" in str(exc) or "days ahead" in str(exc)
        horizon = day + timedelta(SERIES_HORIZON_DAYS)
        assert not expected or len(expected) < (rule.count or 0) or expected[-1][0].date() > horizon
        return
    assert [(o.wall, o.start, o.end) for o in got] == expected
    assert parse_rule(rule_text(rule)) == rule


def test_the_second_sunday_of_march_in_new_york_keeps_its_gap_and_its_hour() -> None:
    rule = parse_rule("FREQ=MONTHLY;BYDAY=2SU;COUNT=3")
    got = expand(rule, datetime(2026, 2, 8, 2, 30), timedelta(minutes=30), NEW_YORK)
    assert [o.wall.date() for o in got] == [date(2026, 2, 8), date(2026, 3, 8), date(2026, 4, 12)]
    assert [o.in_gap for o in got] == [False, True, False]
    assert got[2].start is not None and got[2].start.utcoffset() == timedelta(hours=-4)


def test_the_last_friday_reaches_no_further_than_the_horizon() -> None:
    rule = parse_rule("FREQ=MONTHLY;BYDAY=-1FR;COUNT=14")
    with pytest.raises(RecurrenceError, match="at most 366 days ahead"):
        expand(rule, datetime(2026, 1, 30, 9, 0), timedelta(minutes=30), BERLIN)
    got = expand(replace(rule, count=13), datetime(2026, 1, 30, 9), timedelta(hours=1), BERLIN)
    assert got[-1].wall.date() == date(2027, 1, 29)
    assert {o.start.hour for o in got if o.start} == {9}
