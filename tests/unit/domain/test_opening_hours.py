"""Opening hours typed per weekday: several ranges a day, checked, written one way."""

from __future__ import annotations

from datetime import time

import pytest

from scheduler_app.domain.opening_hours import (
    HoursError,
    format_day,
    outer_span,
    parse_day,
)


@pytest.mark.parametrize(
    ("text", "ranges"),
    [
        ("09:00-13:00, 14:00-19:00", [(time(9), time(13)), (time(14), time(19))]),
        ("9-13; 14-19", [(time(9), time(13)), (time(14), time(19))]),
        ("14h-19h e 8h30-12h", [(time(8, 30), time(12)), (time(14), time(19))]),
        ("8:00 \u2013 12:30", [(time(8), time(12, 30))]),  # an en dash
        ("9 to 13 and 13 to 17", [(time(9), time(13)), (time(13), time(17))]),
        ("", []),
        ("Closed", []),
        ("fechado", []),
    ],
)
def test_ranges_are_read_as_people_type_them(text: str, ranges: list) -> None:
    assert parse_day(text) == ranges


@pytest.mark.parametrize(
    ("text", "kind", "part"),
    [
        ("13-9", "backwards", "13-9"),
        ("9-13, 12-15", "overlap", "12:00-15:00"),
        ("9-25", "no such time", "9-25"),
        ("mornings", "unreadable", "mornings"),
        ("9-13, 14", "unreadable", "14"),
    ],
)
def test_impossible_ranges_are_refused_naming_the_part(text: str, kind: str, part: str) -> None:
    with pytest.raises(HoursError) as caught:
        parse_day(text)
    assert (caught.value.kind, caught.value.part) == (kind, part)


def test_a_day_is_written_back_in_order_and_reads_the_same() -> None:
    text = format_day([(time(14), time(19)), (time(8, 30), time(12))])
    assert text == "08:30-12:00, 14:00-19:00"
    assert format_day(parse_day(text)) == text


def test_the_week_spans_its_earliest_opening_and_latest_closing() -> None:
    week = {0: [(time(9), time(13)), (time(14), time(19))], 5: [(time(8), time(12))], 6: []}
    assert outer_span(week) == (time(8), time(19))
    assert outer_span({0: [], 1: []}) is None
