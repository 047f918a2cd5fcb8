"""Repeating appointments: an RFC 5545 rule expanded on the clinic's wall clock.

A series is "physio every Tuesday and Thursday at 09:00 for 6 weeks", or "every
month on the second Tuesday": a rule (FREQ, INTERVAL, BYDAY, with an ordinal such
as 2TU or -1FR in a monthly rule, BYMONTHDAY, BYSETPOS, COUNT, UNTIL, EXDATE) read
and expanded with
dateutil's rrule in naive local wall time, then each occurrence localized in the
clinic's zone, so 09:00 stays 09:00 across DST. Each occurrence lasts the same
real minutes. A wall time the clocks skip (spring forward) is kept as an
occurrence that cannot be booked; one that happens twice (fall back) means its
first occurrence. Every series ends (COUNT or UNTIL) within a horizon and has at
most `MAX_OCCURRENCES`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule as du

from scheduler_app.domain.limits import real_end
from scheduler_app.domain.localtime import exists

#: How far ahead a series may reach from its first occurrence, unless the clinic
#: sets otherwise (Clinic > Settings), and the most a clinic may set.
SERIES_HORIZON_DAYS = 366
MAX_SERIES_HORIZON_DAYS = 1830
#: The most occurrences one series may have.
MAX_OCCURRENCES = 500
MAX_INTERVAL = 99
#: The furthest place of a weekday in a month: the fifth, or the fifth from the end.
MAX_POSITION = 5
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY")
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DU_FREQ = {"DAILY": du.DAILY, "WEEKLY": du.WEEKLY, "MONTHLY": du.MONTHLY}


class RecurrenceError(ValueError):
    """A rule that cannot be used; the message is for the user."""


@dataclass(frozen=True, slots=True)
class SeriesRule:
    """The fields of a rule (weekdays 0 = Monday; ``until`` a local date, inclusive;
    ``exdates`` local dates left out; ``positions`` (ordinal, weekday) pairs of a
    monthly rule, (2, 1) the second Tuesday and (-1, 4) the last Friday;
    ``set_positions`` BYSETPOS: which of each month's dates are kept, -1 the last)."""

    freq: str
    interval: int = 1
    weekdays: tuple[int, ...] = ()
    month_days: tuple[int, ...] = ()
    count: int | None = None
    until: date | None = None
    exdates: tuple[date, ...] = ()
    positions: tuple[tuple[int, int], ...] = ()
    set_positions: tuple[int, ...] = ()

    def without(self, day: date) -> SeriesRule:
        return replace(self, exdates=tuple(sorted({*self.exdates, day})))

    def ending(self, until: date) -> SeriesRule:
        """The rule up to ``until`` (inclusive), its count dropped."""
        return replace(self, count=None, until=until)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One date of a series: its wall-clock start, and its real start and end
    (None when the wall time does not exist that day)."""

    wall: datetime
    start: datetime | None
    end: datetime | None

    @property
    def in_gap(self) -> bool:
        return self.start is None


def rule_text(rule: SeriesRule) -> str:
    """The rule as stored: ``RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=12`` (and an
    ``EXDATE`` line of dates)."""
    parts = [f"FREQ={rule.freq}"]
    if rule.interval != 1:
        parts.append(f"INTERVAL={rule.interval}")
    if rule.weekdays:
        parts.append("BYDAY=" + ",".join(WEEKDAY_CODES[d] for d in sorted(rule.weekdays)))
    if rule.positions:
        parts.append("BYDAY=" + ",".join(f"{n}{WEEKDAY_CODES[d]}" for n, d in rule.positions))
    if rule.month_days:
        parts.append("BYMONTHDAY=" + ",".join(str(d) for d in sorted(rule.month_days)))
    if rule.set_positions:
        parts.append("BYSETPOS=" + ",".join(str(n) for n in rule.set_positions))
    if rule.count is not None:
        parts.append(f"COUNT={rule.count}")
    if rule.until is not None:
        parts.append(f"UNTIL={rule.until:%Y%m%d}")
    text = "RRULE:" + ";".join(parts)
    if rule.exdates:
        text += "\nEXDATE;VALUE=DATE:" + ",".join(f"{d:%Y%m%d}" for d in rule.exdates)
    return text


MALFORMED = "This repeat rule cannot be read"


def parse_rule(text: str) -> SeriesRule:
    """The rule in ``text`` (as `rule_text` writes it, or a bare RRULE value)."""
    if not isinstance(text, str) or len(text) > 2000 or "\x00" in text:
        raise RecurrenceError(f"{MALFORMED}.")
    fields: dict[str, str] = {}
    exdates: list[date] = []
    for line in text.strip().splitlines():
        name, sep, value = line.strip().partition(":")
        if not sep:
            name, value = "RRULE", line.strip()
        key = name.split(";")[0].upper()
        if key == "EXDATE":
            exdates += [_date(v) for v in value.split(",") if v.strip()]
        elif key == "RRULE" and not fields:
            for part in value.split(";"):
                field, eq, setting = part.partition("=")
                field = field.strip().upper()
                if not eq or field in fields:
                    raise RecurrenceError(f"{MALFORMED}: {part.strip()!r}.")
                fields[field] = setting.strip().upper()
        else:
            raise RecurrenceError(f"{MALFORMED}: {line.strip()!r}.")
    known = {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYSETPOS", "COUNT", "UNTIL"}
    unknown = set(fields) - known
    if unknown:
        raise RecurrenceError(f"{MALFORMED}: {', '.join(sorted(unknown))} is not supported.")
    freq = fields.get("FREQ", "")
    if freq not in FREQUENCIES:
        raise RecurrenceError(
            f"{MALFORMED}: it must repeat daily, weekly or monthly (FREQ={freq or '?'})."
        )
    days = [_day(c) for c in _list(fields.get("BYDAY"))]
    rule = SeriesRule(
        freq=freq,
        interval=_number(fields.get("INTERVAL", "1"), "INTERVAL"),
        weekdays=tuple(sorted({d for n, d in days if n is None})),
        month_days=tuple(
            sorted({_number(c, "BYMONTHDAY") for c in _list(fields.get("BYMONTHDAY"))})
        ),
        count=_number(fields["COUNT"], "COUNT") if "COUNT" in fields else None,
        until=_date(fields["UNTIL"]) if "UNTIL" in fields else None,
        exdates=tuple(sorted(set(exdates))),
        positions=tuple(sorted({(n, d) for n, d in days if n is not None})),
        set_positions=tuple(
            sorted({_signed(c, "BYSETPOS") for c in _list(fields.get("BYSETPOS"))})
        ),
    )
    check_fields(rule)
    return rule


def check_fields(rule: SeriesRule) -> None:
    """Refuse fields out of range (a rule made in the dialog or read from text)."""
    if rule.freq not in FREQUENCIES:
        raise RecurrenceError(f"{MALFORMED}: it must repeat daily, weekly or monthly.")
    if not 1 <= rule.interval <= MAX_INTERVAL:
        raise RecurrenceError(f"The interval must be between 1 and {MAX_INTERVAL}.")
    if any(not 0 <= d <= 6 for d in rule.weekdays):
        raise RecurrenceError(f"{MALFORMED}: a weekday is not one.")
    if any(not 1 <= d <= 31 for d in rule.month_days):
        raise RecurrenceError("A day of the month must be between 1 and 31.")
    if rule.freq == "WEEKLY" and rule.month_days:
        raise RecurrenceError("A weekly series repeats on weekdays, not on days of the month.")
    _check_positions(rule)
    if rule.count is None and rule.until is None:
        raise RecurrenceError(
            "A repeating appointment needs an end: a number of times or a last date."
        )
    if rule.count is not None and rule.until is not None:
        raise RecurrenceError("Give either a number of times or a last date, not both.")
    if rule.count is not None and not 1 <= rule.count <= MAX_OCCURRENCES:
        raise RecurrenceError(f"A series can have at most {MAX_OCCURRENCES} appointments.")


def _check_positions(rule: SeriesRule) -> None:
    """An ordinal weekday (2TU) or BYSETPOS only in a monthly rule, in range, and
    ordinal weekdays not mixed with plain ones."""
    places = [n for n, _d in rule.positions] + list(rule.set_positions)
    if any(not 1 <= abs(n) <= MAX_POSITION for n in places):
        raise RecurrenceError(
            f"{MALFORMED}: a place in the month goes from the first to the fifth "
            "(or from the last to the fifth from the end)."
        )
    if any(not 0 <= d <= 6 for _n, d in rule.positions):
        raise RecurrenceError(f"{MALFORMED}: a weekday is not one.")
    if (rule.positions or rule.set_positions) and rule.freq != "MONTHLY":
        raise RecurrenceError(
            "Only a monthly series can repeat on a weekday's place in the month "
            "(such as the second Tuesday)."
        )
    if rule.positions and (rule.weekdays or rule.set_positions):
        raise RecurrenceError(
            "Repeat on weekdays or on their place in the month (such as the second "
            "Tuesday), not both."
        )
    if rule.set_positions and not (rule.weekdays or rule.month_days):
        raise RecurrenceError(
            f"{MALFORMED}: BYSETPOS needs weekdays or days of the month to choose from."
        )


def expand(
    rule: SeriesRule,
    first: datetime,
    length: timedelta,
    tz: ZoneInfo,
    *,
    horizon_days: int = SERIES_HORIZON_DAYS,
) -> list[Occurrence]:
    """Every occurrence of ``rule`` from the wall-clock start ``first`` (naive, or
    aware in ``tz``), each lasting ``length`` of real time.

    Refuses a rule without an end, one reaching past ``horizon_days`` after the
    first day, or one with more than `MAX_OCCURRENCES` (before EXDATE is applied,
    as RFC 5545 counts them).
    """
    check_fields(rule)
    wall0 = first.astimezone(tz).replace(tzinfo=None) if first.tzinfo else first
    last_day = wall0.date() + timedelta(days=horizon_days)
    if rule.until is not None and rule.until > last_day:
        raise RecurrenceError(
            f"A series can reach at most {horizon_days} days ahead (until {last_day:%d %b %Y})."
        )
    walls = _walls(rule, wall0, last_day)
    if not walls:
        raise RecurrenceError("This repeat rule gives no dates: check its days and its end.")
    if rule.count is not None and len(walls) < rule.count:
        raise RecurrenceError(
            f"A series can reach at most {horizon_days} days ahead (until {last_day:%d %b %Y}); "
            f"this one has {len(walls)} dates by then, not {rule.count}."
        )
    skipped = set(rule.exdates)
    return [_occurrence(w, length, tz) for w in walls if w.date() not in skipped]


def _walls(rule: SeriesRule, wall0: datetime, last_day: date) -> list[datetime]:
    """The rule's wall-clock starts up to ``last_day`` (a COUNT taken here, so a
    rule whose dates are rare never makes dateutil search past the horizon)."""
    until = datetime.combine(last_day, time(23, 59, 59))
    if rule.until is not None:
        until = min(until, datetime.combine(rule.until, time(23, 59, 59)))
    kwargs: dict[str, object] = {
        "dtstart": wall0,
        "interval": rule.interval,
        "wkst": du.MO,
        "until": until,
    }
    if rule.weekdays:
        kwargs["byweekday"] = list(rule.weekdays)
    if rule.positions:
        kwargs["byweekday"] = [du.weekdays[d](n) for n, d in rule.positions]
    if rule.month_days:
        kwargs["bymonthday"] = list(rule.month_days)
    if rule.set_positions:
        kwargs["bysetpos"] = list(rule.set_positions)
    walls: list[datetime] = []
    for wall in du.rrule(_DU_FREQ[rule.freq], **kwargs):
        if rule.count is not None and len(walls) == rule.count:
            break
        walls.append(wall)
        if len(walls) > MAX_OCCURRENCES:
            raise RecurrenceError(
                f"A series can have at most {MAX_OCCURRENCES} appointments; "
                "this rule gives more. Shorten it or repeat less often."
            )
    return walls


def _occurrence(wall: datetime, length: timedelta, tz: ZoneInfo) -> Occurrence:
    aware = wall.replace(tzinfo=tz, fold=0)
    if not exists(aware):
        return Occurrence(wall, None, None)
    return Occurrence(wall, aware, real_end(aware, length))


def gap_reason(wall: datetime, tz: ZoneInfo) -> str:
    """Why an occurrence in the spring-forward gap cannot be booked."""
    return (
        f"{wall:%H:%M} does not exist on {wall:%d %b %Y} in {tz.key}: the clocks go forward then."
    )


def _list(value: str | None) -> list[str]:
    return [v.strip() for v in value.split(",")] if value else []


def _number(value: str, field: str) -> int:
    if not value.isdigit() or len(value) > 6:
        raise RecurrenceError(f"{MALFORMED}: {field}={value!r} is not a whole number.")
    return int(value)


def _day(code: str) -> tuple[int | None, int]:
    """A BYDAY item: (None, weekday) for ``TU``, (2, 1) for ``2TU``, (-1, 4) for ``-1FR``."""
    match = re.fullmatch(r"([+-]?\d{1,2})?([A-Z]{2})", code)
    if match is None:
        raise RecurrenceError(f"{MALFORMED}: {code!r} is not a weekday (MO, TU, ... SU).")
    ordinal = None if match.group(1) is None else _signed(match.group(1), "BYDAY")
    if ordinal == 0:
        raise RecurrenceError(f"{MALFORMED}: {code!r} is not a weekday (MO, TU, ... SU).")
    return ordinal, _weekday(match.group(2))


def _signed(value: str, field: str) -> int:
    sign = -1 if value.startswith("-") else 1
    return sign * _number(value.lstrip("+-"), field)


def _weekday(code: str) -> int:
    if code not in WEEKDAY_CODES:
        raise RecurrenceError(f"{MALFORMED}: {code!r} is not a weekday (MO, TU, ... SU).")
    return WEEKDAY_CODES.index(code)


def _date(value: str) -> date:
    text = value.strip().upper().split("T")[0]
    try:
        if len(text) != 8 or not text.isdigit():
            raise ValueError(text)
        return datetime.strptime(text, "%Y%m%d").date()
    except ValueError as exc:
        raise RecurrenceError(f"{MALFORMED}: {value.strip()!r} is not a date.") from exc
