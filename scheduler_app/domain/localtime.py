"""Wall-clock time in the organization's zone, with DST handled explicitly.

A receptionist thinks in local wall time; storage is UTC. Converting between the
two has two traps: times that do not exist (the spring-forward gap) and times
that happen twice (the fall-back hour). Both are decided here, never by accident.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones


class LocalTimeError(ValueError):
    """A wall time that cannot be used as given; the message is for the user."""


def zone(name: str) -> ZoneInfo:
    """The IANA zone called ``name``, or a clear error."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise LocalTimeError(f"Unknown time zone {name!r}.") from exc


def is_known_zone(name: str) -> bool:
    return name in available_timezones()


def exists(wall: datetime) -> bool:
    """Whether the aware local time ``wall`` exists on the clock (is not in a DST gap)."""
    assert wall.tzinfo is not None
    back = wall.astimezone(UTC).astimezone(wall.tzinfo)
    return back.replace(tzinfo=None) == wall.replace(tzinfo=None)


def is_ambiguous(wall: datetime) -> bool:
    """Whether the wall time happens twice (the hour repeated when clocks go back)."""
    assert wall.tzinfo is not None
    return wall.replace(fold=0).utcoffset() != wall.replace(fold=1).utcoffset()


def localize(day: date, clock: time, tz: ZoneInfo, *, later: bool = False) -> datetime:
    """The aware datetime for wall time ``clock`` on ``day`` in ``tz``.

    A time in the spring-forward gap is refused. A time in the repeated fall-back
    hour means its first occurrence unless ``later`` is true.
    """
    wall = datetime.combine(day, clock.replace(tzinfo=None), tzinfo=tz).replace(
        fold=1 if later else 0
    )
    if not exists(wall):
        raise LocalTimeError(
            f"{clock:%H:%M} does not exist on {day:%d %b %Y} in {tz.key}: "
            "the clocks go forward then. Please choose another time."
        )
    return wall


def check_exists(moment: datetime) -> None:
    """Refuse an aware datetime whose wall time falls in its zone's DST gap."""
    if isinstance(moment.tzinfo, ZoneInfo) and not exists(moment):
        raise LocalTimeError(
            f"{moment:%H:%M} does not exist on {moment:%d %b %Y} in {moment.tzinfo.key}: "
            "the clocks go forward then. Please choose another time."
        )


def day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """UTC start and end of a local calendar day (23 or 25 hours on DST days)."""
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)
