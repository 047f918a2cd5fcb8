"""Where appointments go in the grid, without a window (DST and midnight included)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from scheduler_app.domain.localtime import LocalTimeError
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.dto import AppointmentView
from scheduler_app.ui.calendar.placement import pieces, shifted, wall_times

BERLIN = ZoneInfo("Europe/Berlin")


def appt(key: int, start: datetime, end: datetime, prof: int | None = 1, **kw) -> AppointmentView:
    return AppointmentView(
        id=key, version=1, start=start, end=end, status=kw.get("status", AppointmentStatus.PENDING),
        priority="normal", title="", client_id=None, client_name="", client_phone="",
        professional_id=prof, professional_name="", service_id=None,
        service_name="",
    )  # fmt: skip


def test_a_night_appointment_has_a_piece_in_each_days_column() -> None:
    columns = {(1, date(2026, 3, 2)): 0, (1, date(2026, 3, 3)): 1}
    night = appt(7, datetime(2026, 3, 2, 22, tzinfo=BERLIN), datetime(2026, 3, 3, 6, tzinfo=BERLIN))
    placed = pieces([night], columns, BERLIN)
    assert [(c, s, e) for c, ps in placed.items() for _a, s, e in ps] == [
        (0, 22 * 60, 24 * 60),
        (1, 0, 6 * 60),
    ]


def test_cancelled_and_unknown_columns_are_not_drawn() -> None:
    columns = {(1, date(2026, 3, 2)): 0}
    day = datetime(2026, 3, 2, 10, tzinfo=BERLIN)
    cancelled = appt(1, day, day.replace(hour=11), status=AppointmentStatus.CANCELLED)
    elsewhere = appt(2, day, day.replace(hour=11), prof=9)
    assert pieces([cancelled, elsewhere], columns, BERLIN) == {}


def test_the_dst_day_is_drawn_as_the_clock_shows_it() -> None:
    columns = {(1, date(2026, 3, 29)): 0}
    after = appt(
        1, datetime(2026, 3, 29, 10, tzinfo=BERLIN), datetime(2026, 3, 29, 11, tzinfo=BERLIN)
    )
    ((_a, start, end),) = pieces([after], columns, BERLIN)[0]
    assert (start, end) == (600, 660)  # 10:00-11:00 on the wall, though 23 h in the day


def test_wall_times_refuse_the_skipped_hour_and_spill_into_tomorrow() -> None:
    with pytest.raises(LocalTimeError):
        wall_times(date(2026, 3, 29), 2 * 60 + 30, 3 * 60 + 30, BERLIN)
    start, end = wall_times(date(2026, 3, 2), 23 * 60, 25 * 60, BERLIN)
    assert (start.hour, end.day, end.hour) == (23, 3, 1)


def test_a_shift_keeps_the_wall_clock_time_across_a_dst_change() -> None:
    before = appt(
        1, datetime(2026, 3, 27, 9, tzinfo=BERLIN), datetime(2026, 3, 27, 10, tzinfo=BERLIN)
    )
    moved = shifted(before, date(2026, 3, 27), date(2026, 3, 30), 2, 30, BERLIN)
    assert moved.start == datetime(2026, 3, 30, 9, 30, tzinfo=BERLIN)
    assert moved.end == datetime(2026, 3, 30, 10, 30, tzinfo=BERLIN)
    assert (moved.appointment_id, moved.version, moved.professional_id) == (1, 1, 2)
