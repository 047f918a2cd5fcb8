"""The busy time read from a calendar's own events: repeats expanded within the
window (exceptions and moved occurrences too), all-day events as the clinic's whole
days across a DST change, floating times on the clinic's clock, and what is not busy."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar

from scheduler_app.services.calendar_events import busy_times, ours

LISBON = ZoneInfo("Europe/Lisbon")
LO, HI = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC)


def calendar(*events: str) -> Calendar:
    body = "".join(
        f"BEGIN:VEVENT\r\nDTSTAMP:20260301T000000Z\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events
    )
    return Calendar.from_ical(
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{body}END:VCALENDAR\r\n"
    )


def spans(cal: Calendar) -> list[tuple[str, datetime, datetime]]:
    return [(b.uid, b.start, b.end) for b in busy_times(cal, LO, HI, LISBON)]


def test_a_weekly_repeat_with_an_exception_and_a_moved_occurrence() -> None:
    cal = calendar(
        "UID:w\r\nDTSTART;TZID=Europe/Lisbon:20260302T090000\r\nDTEND;TZID=Europe/Lisbon:"
        "20260302T100000\r\nRRULE:FREQ=WEEKLY;COUNT=5\r\nEXDATE;TZID=Europe/Lisbon:20260309T090000",
        "UID:w\r\nRECURRENCE-ID;TZID=Europe/Lisbon:20260316T090000\r\n"
        "DTSTART;TZID=Europe/Lisbon:20260316T140000\r\nDTEND;TZID=Europe/Lisbon:20260316T150000",
    )
    found = sorted(spans(cal), key=lambda f: f[1])
    assert [(s.astimezone(LISBON).strftime("%d %H:%M"), (e - s).seconds) for _u, s, e in found] == [
        ("02 09:00", 3600),
        ("16 14:00", 3600),
        ("23 09:00", 3600),
        ("30 09:00", 3600),
    ]
    # 30 March is after the clocks went forward: still 09:00 on the clinic's clock.
    assert found[-1][1] == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
    assert {u for u, _s, _e in found} == {"w"}


def test_all_day_floating_duration_and_what_is_not_busy() -> None:
    cal = calendar(
        "UID:a\r\nDTSTART;VALUE=DATE:20260328\r\nDTEND;VALUE=DATE:20260330",  # over the DST day
        "UID:f\r\nDTSTART:20260305T100000\r\nDTEND:20260305T110000",  # floating
        "UID:d\r\nDTSTART:20260306T100000Z\r\nDURATION:PT45M",
        "UID:t\r\nDTSTART:20260307T100000Z\r\nDTEND:20260307T110000Z\r\nTRANSP:TRANSPARENT",
        "UID:c\r\nDTSTART:20260308T100000Z\r\nDTEND:20260308T110000Z\r\nSTATUS:CANCELLED",
        "UID:i\r\nDTSTART:20260309T100000Z",  # an instant
        "UID:o\r\nDTSTART:20260501T100000Z\r\nDTEND:20260501T110000Z",  # outside the window
    )
    assert sorted(spans(cal), key=lambda f: f[1]) == [
        ("f", datetime(2026, 3, 5, 10, tzinfo=UTC), datetime(2026, 3, 5, 11, tzinfo=UTC)),
        ("d", datetime(2026, 3, 6, 10, tzinfo=UTC), datetime(2026, 3, 6, 10, 45, tzinfo=UTC)),
        # Local midnight to local midnight: 47 hours, the clocks went forward on the 29th.
        ("a", datetime(2026, 3, 28, 0, tzinfo=UTC), datetime(2026, 3, 29, 23, tzinfo=UTC)),
    ]


def test_only_this_clinics_uids_are_the_desks_own() -> None:
    mine = ours("c1-uuid")
    assert mine.fullmatch("appointment-42.c1-uuid@scheduler-app")
    assert not mine.fullmatch("appointment-42.other@scheduler-app")
    assert not mine.fullmatch("appointment-42.c1-uuid@scheduler-app.evil")
    assert not mine.fullmatch("dentist@phone")
