"""Wall time and DST, in a zone with DST (Berlin) and zones without (Bogota, Samoa)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from scheduler_app.domain.limits import TimeRangeError, check_time_range
from scheduler_app.domain.localtime import LocalTimeError, day_bounds, is_ambiguous, localize

BERLIN = ZoneInfo("Europe/Berlin")
BOGOTA = ZoneInfo("America/Bogota")


def test_spring_forward_gap_is_refused_with_a_clear_message() -> None:
    with pytest.raises(LocalTimeError, match="02:30 does not exist on 29 Mar 2026"):
        localize(date(2026, 3, 29), time(2, 30), BERLIN)


def test_fall_back_hour_means_the_first_occurrence_unless_asked() -> None:
    first = localize(date(2026, 10, 25), time(2, 30), BERLIN)
    second = localize(date(2026, 10, 25), time(2, 30), BERLIN, later=True)
    assert is_ambiguous(first)
    assert first.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert second.astimezone(UTC) - first.astimezone(UTC) == timedelta(hours=1)


def test_days_around_dst_have_23_and_25_hours() -> None:
    start, end = day_bounds(date(2026, 3, 29), BERLIN)
    assert end - start == timedelta(hours=23)
    start, end = day_bounds(date(2026, 10, 25), BERLIN)
    assert end - start == timedelta(hours=25)


def test_zone_without_dst_has_no_gap_and_24_hour_days() -> None:
    moment = localize(date(2026, 3, 29), time(2, 30), BOGOTA)
    assert moment.astimezone(UTC) == datetime(2026, 3, 29, 7, 30, tzinfo=UTC)
    start, end = day_bounds(date(2026, 3, 29), BOGOTA)
    assert end - start == timedelta(hours=24)


def test_samoa_skipped_a_whole_day() -> None:
    apia = ZoneInfo("Pacific/Apia")
    with pytest.raises(LocalTimeError):
        localize(date(2011, 12, 30), time(10, 0), apia)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (datetime(2026, 3, 2, 10, 0), datetime(2026, 3, 2, 11, 0), "no time zone"),
        (
            datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
            datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
            "end after it starts",
        ),
        (
            datetime(2026, 3, 2, 11, 0, tzinfo=UTC),
            datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
            "end after it starts",
        ),
        (
            datetime(2026, 3, 2, 6, 0, tzinfo=UTC),
            datetime(2026, 3, 2, 18, 1, tzinfo=UTC),
            "at most 12 hours",
        ),
        (
            datetime(2026, 3, 2, 10, 0, 30, tzinfo=UTC),
            datetime(2026, 3, 2, 11, 0, tzinfo=UTC),
            "whole minute",
        ),
        (
            datetime(2026, 3, 29, 2, 30, tzinfo=BERLIN),
            datetime(2026, 3, 29, 3, 30, tzinfo=BERLIN),
            "does not exist",
        ),
    ],
)
def test_impossible_time_ranges_are_refused(start: datetime, end: datetime, message: str) -> None:
    with pytest.raises(TimeRangeError, match=message):
        check_time_range(start, end)


def test_twelve_hours_exactly_is_allowed() -> None:
    check_time_range(
        datetime(2026, 3, 2, 6, 0, tzinfo=UTC), datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
    )
