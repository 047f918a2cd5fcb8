"""Reminder lead times read and written as durations ("1 day, 2 hours")."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scheduler_app.domain.durations import (
    MAX_LEAD_MINUTES,
    DurationError,
    format_duration,
    format_lead_times,
    parse_duration,
    parse_lead_times,
    storable_lead_times,
    stored_lead_times,
)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("1 day, 2 hours", (1440, 120)),
        ("2 hours; 1 day", (1440, 120)),
        ("1 day 2 hours", (1560,)),
        ("1 hour and 30 minutes", (90,)),
        ("90 min", (90,)),
        ("1h30", (90,)),
        ("2:15", (135,)),
        ("1 week", (10080,)),
        ("2 dias, 3 horas", (2880, 180)),
        ("1 DAY,1 day", (1440,)),
        ("", ()),
        (" , ", ()),
        ("30 days", (MAX_LEAD_MINUTES,)),
    ],
)
def test_lead_times_are_read_as_people_write_them(text: str, minutes: tuple[int, ...]) -> None:
    assert parse_lead_times(text) == minutes


@pytest.mark.parametrize(
    ("text", "kind", "part"),
    [
        ("1440,120", "no unit", "1440"),
        ("1 day, soon", "unreadable", "soon"),
        ("2 fortnights", "unreadable", "2 fortnights"),
        ("0 hours", "zero", "0 hours"),
        ("31 days", "too long", "31 days"),
        ("1.5 hours", "unreadable", "1.5 hours"),
        ("hours", "unreadable", "hours"),
    ],
)
def test_what_is_not_a_duration_is_refused_naming_the_part(text: str, kind: str, part: str) -> None:
    with pytest.raises(DurationError) as caught:
        parse_lead_times(text)
    assert (caught.value.kind, caught.value.part) == (kind, part)
    assert part in str(caught.value)


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(1440, "1 day"), (120, "2 hours"), (1560, "26 hours"), (90, "90 minutes"), (60, "1 hour")],
)
def test_a_duration_is_written_in_its_largest_exact_unit(minutes: int, text: str) -> None:
    assert format_duration(minutes) == text


def test_lead_times_are_written_longest_first() -> None:
    assert format_lead_times([120, 1440]) == "1 day, 2 hours"
    portuguese = {
        10080: ("semana", "semanas"),
        1440: ("dia", "dias"),
        60: ("hora", "horas"),
        1: ("minuto", "minutos"),
    }
    assert format_lead_times([1440, 120], portuguese) == "1 dia, 2 horas"


def test_the_stored_form_stays_minutes() -> None:
    assert stored_lead_times("1440,120") == (1440, 120)
    assert stored_lead_times("120, x, 1440, 0") == (1440, 120)
    assert storable_lead_times((120, 1440, 120)) == "1440,120"


@given(st.lists(st.integers(1, MAX_LEAD_MINUTES), max_size=5))
def test_what_is_written_reads_back_the_same(minutes: list[int]) -> None:
    assert parse_lead_times(format_lead_times(minutes)) == tuple(sorted(set(minutes), reverse=True))
    assert parse_duration(format_duration(minutes[0] if minutes else 5)) == (
        minutes[0] if minutes else 5
    )
