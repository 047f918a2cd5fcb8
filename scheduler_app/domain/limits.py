"""Limits every appointment respects, checked before anything is written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from scheduler_app.domain.localtime import LocalTimeError, check_exists

#: Longest appointment. Also bounds the window reads: an appointment overlapping
#: ``[a, b)`` starts after ``a - MAX_DURATION``, so an index on the start time serves.
MAX_DURATION = timedelta(hours=12)
MIN_DURATION = timedelta(minutes=1)


class TimeRangeError(ValueError):
    """An impossible start/end; the message is for the user."""


def real_end(start: datetime, length: timedelta) -> datetime:
    """``start`` plus ``length`` of real time (across a DST change the wall clock
    moves by more or less), in ``start``'s zone."""
    return (start.astimezone(UTC) + length).astimezone(start.tzinfo)


def length_of(start: datetime, end: datetime) -> timedelta:
    """The real time from ``start`` to ``end`` (Python subtracts wall clocks when both
    are in the same zone)."""
    return end.astimezone(UTC) - start.astimezone(UTC)


def check_time_range(start: datetime, end: datetime) -> None:
    """Refuse naive, reversed, empty, over-long, sub-minute or non-existent times.

    Lengths are real time: a start in the second 01:30 of the autumn change and an
    end at the first 01:45 are in the wrong order, whatever the wall clock says.
    """
    for label, moment in (("start", start), ("end", end)):
        if not isinstance(moment, datetime):
            raise TimeRangeError(f"The {label} time is missing.")
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise TimeRangeError(
                f"The {label} time has no time zone; the schedule cannot tell when it is."
            )
        if moment.second or moment.microsecond:
            raise TimeRangeError(f"The {label} time must be on a whole minute.")
        try:
            check_exists(moment)
        except LocalTimeError as exc:
            raise TimeRangeError(str(exc)) from exc
    length = length_of(start, end)
    if length <= timedelta(0):
        raise TimeRangeError("The appointment must end after it starts.")
    if length < MIN_DURATION:
        raise TimeRangeError("An appointment must last at least one minute.")
    if length > MAX_DURATION:
        hours = int(MAX_DURATION.total_seconds() // 3600)
        raise TimeRangeError(f"An appointment can last at most {hours} hours.")
