"""Which column and minutes each appointment takes in a grid (pure code, no Qt).

Columns are (professional, day) pairs; an appointment that runs past midnight
takes a piece in each day's column. Times are wall-clock minutes of that day, so
a DST day draws as the clock shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from scheduler_app.domain.limits import length_of, real_end
from scheduler_app.domain.localtime import localize
from scheduler_app.services.dto import AppointmentView, MoveRequest

DAY_MINUTES = 24 * 60
HIDDEN_STATUSES = ("cancelled",)

#: An appointment's piece in a column: (appointment, start minute, end minute).
Piece = tuple[AppointmentView, int, int]


def _professional(appt: AppointmentView) -> tuple[int | None, ...]:
    return (appt.professional_id,)


def pieces(
    appointments: Iterable[AppointmentView],
    columns: Mapping[tuple[int | None, date], int],
    tz: ZoneInfo,
    keys_of: Callable[[AppointmentView], Iterable[int | None]] = _professional,
) -> dict[int, list[Piece]]:
    """The pieces of each column (cancelled appointments are not drawn). Columns are
    keyed by (key, day); ``keys_of`` gives the keys of an appointment's columns (its
    professional's, or each room's it holds)."""
    out: dict[int, list[Piece]] = {}
    for appt in appointments:
        if appt.status.value in HIDDEN_STATUSES:
            continue
        start, end = appt.start.astimezone(tz), appt.end.astimezone(tz)
        keys = tuple(keys_of(appt))
        day, start_min = start.date(), start.hour * 60 + start.minute
        while True:  # each day the appointment touches (one, but for the night)
            ends_today = end.date() == day
            end_min = end.hour * 60 + end.minute if ends_today else DAY_MINUTES
            for key in keys:
                column = columns.get((key, day))
                if column is not None and end_min > start_min:
                    out.setdefault(column, []).append((appt, start_min, end_min))
            if ends_today:
                break
            day, start_min = day + timedelta(days=1), 0
    return out


def wall_times(day: date, start_min: int, end_min: int, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """Aware start and end for wall-clock minutes of ``day`` (either may spill over
    into the next day); `LocalTimeError` for a time the clocks skip."""

    def moment(minutes: int) -> datetime:
        spill, rest = divmod(minutes, DAY_MINUTES)
        return localize(day + timedelta(days=spill), time(rest // 60, rest % 60), tz)

    return moment(start_min), moment(end_min)


def wall_minutes(moment: datetime, day: date, tz: ZoneInfo) -> int:
    """Minutes from local midnight of ``day`` to ``moment`` on the wall clock."""
    local = moment.astimezone(tz)
    return (local.date() - day).days * DAY_MINUTES + local.hour * 60 + local.minute


def shifted(
    appt: AppointmentView,
    home_day: date,
    day: date,
    professional_id: int | None,
    minutes: int,
    tz: ZoneInfo,
) -> MoveRequest:
    """``appt`` moved from its column's ``home_day`` to ``day`` and ``minutes`` later, to
    ``professional_id``, keeping its wall-clock times (`LocalTimeError` if one is skipped)."""
    start, end = moved_times(appt, day, wall_minutes(appt.start, home_day, tz) + minutes, tz)
    return MoveRequest(appt.id, appt.version, start, end, professional_id)


def moved_times(
    appt: AppointmentView, day: date, start_min: int, tz: ZoneInfo
) -> tuple[datetime, datetime]:
    """``appt`` moved to start at wall-clock minute ``start_min`` of ``day``, keeping its
    real length (across a DST change its end moves by more or less on the clock)."""
    start, _ = wall_times(day, start_min, start_min, tz)
    return start, real_end(start, appt.end - appt.start)


def free_minutes(
    appointments: Iterable[AppointmentView],
    professional_id: int | None,
    start: datetime,
    until: datetime,
) -> int:
    """Minutes from ``start`` to the next active appointment in ``professional_id``'s
    column (or ``until``): the free gap a click there lands in (0 if taken)."""
    limit = until
    for appt in appointments:
        if appt.professional_id != professional_id or not appt.status.is_active:
            continue
        if appt.start <= start < appt.end:
            return 0
        if start < appt.start < limit:
            limit = appt.start
    return max(0, int(length_of(start, limit).total_seconds() // 60))
