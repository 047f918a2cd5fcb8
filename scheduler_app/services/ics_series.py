"""Series (repeating appointments) in iCalendar files, written and read.

Written: a series goes out as ONE master VEVENT (UID `series_uid`, stable across
exports) whose DTSTART is the series' first date on the clinic's wall clock
(TZID, so 09:00 stays 09:00 across DST) and whose RRULE is the series' rule
(COUNT, or UNTIL as the end of its last day in UTC). A date of the rule without
its appointment in the calendar (cancelled, deleted, never booked, or another
professional's in one professional's calendar) is an EXDATE; an appointment
moved or changed (another time, length or professional) is an extra VEVENT with
the same UID and the RECURRENCE-ID of its original date. Each date keeps its own
status and details (`details`: status, price, title, description, location): the
master event carries those of the dates that most share a status, and a date
with other ones is an extra VEVENT too, at its own time (the rule's when it was
not moved).

Range: a series with an appointment in the exported range goes out whole, as
the clinic holds it (its rule always ends: COUNT or UNTIL within the series
horizon), so that the rule imported elsewhere is the same rule and an export of
another range gives the same master event.

Read: a master VEVENT whose rule the clinic's series can hold (daily, weekly,
monthly; INTERVAL, BYDAY with or without a place in the month, BYMONTHDAY,
BYSETPOS; an end by COUNT or UNTIL; no RDATE) becomes one `ImportRow` carrying an
`ImportSeries`. Any other repeating event is expanded (`recurring_ical_events`,
EXDATE and RECURRENCE-ID followed) into single appointments, each row saying so.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar, Event, vRecur

from scheduler_app.db.series import SeriesRow
from scheduler_app.domain.localtime import localize
from scheduler_app.domain.recurrence import (
    MAX_OCCURRENCES,
    MAX_SERIES_HORIZON_DAYS,
    SERIES_HORIZON_DAYS,
    WEEKDAY_CODES,
    RecurrenceError,
    SeriesRule,
    expand,
    parse_rule,
    rule_text,
)
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.dto import AppointmentView
from scheduler_app.services.import_rows import ImportRow, ImportSeries

_CANCELLED = AppointmentStatus.CANCELLED
#: The RRULE parts a series of the clinic can hold.
HELD = frozenset({"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYSETPOS", "COUNT", "UNTIL", "WKST"})
#: The longest UID kept as it is (the appointment's external id holds 200 characters).
MAX_UID = 200
#: The longest a series' date lasts, in minutes (as the series table allows).
MAX_MINUTES = 720


def series_uid(clinic_id: str, series_id: int) -> str:
    """The master event's UID: the same for a series in every export of its clinic."""
    return f"series-{series_id}.{clinic_id}@scheduler-app"


@dataclass(frozen=True, slots=True)
class SeriesExport:
    """A series and its appointments (each with its client's e-mail address and the
    original start of the date it stands for)."""

    row: SeriesRow
    appointments: tuple[tuple[AppointmentView, str, datetime | None], ...]


#: Makes an appointment's VEVENT (`ics_files.appointment_event`) with the UID given
#: ("" for the appointment's own).
EventMaker = Callable[[AppointmentView, str, str], Event]


@dataclass(frozen=True, slots=True)
class Whose:
    """Whose calendar an export is: a professional's, a room's (or other resource's),
    or (both None) the whole clinic's."""

    professional_id: int | None = None
    resource_id: int | None = None

    def holds(self, view: AppointmentView) -> bool:
        """Whether ``view`` is in this calendar."""
        if self.professional_id is not None and view.professional_id != self.professional_id:
            return False
        return self.resource_id is None or self.resource_id in view.resource_ids


#: The whole clinic's calendar.
WHOLE_CLINIC = Whose()


def series_events(
    clinic_id: str,
    series: SeriesExport,
    make: EventMaker,
    whose: Whose = WHOLE_CLINIC,
) -> list[Event]:
    """The master VEVENT of ``series`` and one VEVENT per date moved or changed
    (its time, length, professional, status or `details`). When none of its dates
    in the calendar is as the rule has it (all cancelled, changed, or another
    professional's), its changed dates go out as single events (their own UIDs),
    and nothing else."""
    tz = ZoneInfo(series.row.zone)
    active = [(v, e) for v, e, _o in series.appointments if v.status is not _CANCELLED]
    try:
        rule = parse_rule(series.row.rule)
        first = series.row.first_start.astimezone(tz)
        length = timedelta(minutes=series.row.length_minutes)
        dates = expand(rule, first, length, tz, horizon_days=MAX_SERIES_HORIZON_DAYS)
    except RecurrenceError:  # a rule the clinic no longer reads: its dates one by one
        return [make(v, e, "") for v, e in active if whose.holds(v)]
    by_day: dict[date, tuple[AppointmentView, str]] = {}
    for view, email, occurrence_start in series.appointments:
        day = (occurrence_start or view.start).astimezone(tz).date()
        if day not in by_day or by_day[day][0].status is _CANCELLED:
            by_day[day] = (view, email)
    on_time = {
        o.wall.date(): by_day[o.wall.date()][0].professional_id
        for o in dates
        if o.wall.date() in by_day
        and by_day[o.wall.date()][0].status is not _CANCELLED
        and (by_day[o.wall.date()][0].start, by_day[o.wall.date()][0].end) == (o.start, o.end)
    }
    # The series' professional, or the one most of its dates have now ("all" reassigned).
    usual = Counter(on_time.values()).most_common(1)
    theirs = series.row.professional_id
    if usual and usual[0][1] > sum(1 for p in on_time.values() if p == theirs):
        theirs = usual[0][0]
    excluded = [_wall(day, first, tz) for day in rule.exdates]
    kept: list[tuple[datetime, AppointmentView, str]] = []
    apart: list[tuple[datetime, AppointmentView, str]] = []
    for occurrence in dates:
        wall = occurrence.wall.replace(tzinfo=tz)
        found = by_day.get(occurrence.wall.date())
        if found is None or found[0].status is _CANCELLED or not whose.holds(found[0]):
            excluded.append(wall)
        elif on_time.get(occurrence.wall.date(), -1) == theirs:
            kept.append((wall, *found))
        else:
            apart.append((wall, *found))
    if not kept:  # no date follows the rule any more: what is left goes out alone
        return [make(view, email, "") for _wall, view, email in apart]
    # A date on time with a status or details of its own goes out on its own too.
    usual_details = _usual_details([view for _wall, view, _email in kept])
    apart += [k for k in kept if details(k[1]) != usual_details]
    apart.sort(key=lambda m: m[0])
    kept = [k for k in kept if details(k[1]) == usual_details]
    uid = series_uid(clinic_id, series.row.id)
    master = make(kept[0][1], kept[0][2], uid)
    for name in ("dtstart", "dtend"):
        del master[name]
    master.add("dtstart", first)
    master.add("dtend", first + length)
    master.add("rrule", _recur(rule, first, tz))
    if excluded:
        master.add("exdate", sorted(excluded))
    events = [master]
    for wall, view, email in apart:
        event = make(view, email, uid)
        event.add("recurrence-id", wall)
        events.append(event)
    return events


#: What a date of a series carries of its own in a file (`details`).
Details = tuple[str, Decimal | None, str, str, str]


def details(view: AppointmentView) -> Details:
    """What an appointment's event says of it besides its time and professional, and
    an import gives each date back: status, price, title, description, location."""
    return (view.status.value, view.estimated_cost, view.title, view.description, view.location)


def _usual_details(views: Sequence[AppointmentView]) -> Details:
    """The master event's details: those most of the dates with the most usual
    status share (the earliest date's on a tie)."""
    status = Counter(v.status for v in views).most_common(1)[0][0]
    found = Counter(details(v) for v in views if v.status is status)
    return found.most_common(1)[0][0]


def _wall(day: date, first: datetime, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, first.time().replace(tzinfo=None)).replace(tzinfo=tz)


def _recur(rule: SeriesRule, first: datetime, tz: ZoneInfo) -> vRecur:
    """The series' rule as an RRULE value (its EXDATEs go out as EXDATE)."""
    recur = vRecur(freq=rule.freq)
    if rule.interval != 1:
        recur["interval"] = rule.interval
    if rule.weekdays:
        recur["byday"] = [WEEKDAY_CODES[d] for d in sorted(rule.weekdays)]
    if rule.positions:
        recur["byday"] = [f"{n}{WEEKDAY_CODES[d]}" for n, d in rule.positions]
    if rule.month_days:
        recur["bymonthday"] = list(rule.month_days)
    if rule.set_positions:
        recur["bysetpos"] = list(rule.set_positions)
    if rule.count is not None:
        recur["count"] = rule.count
    if rule.until is not None:  # with a TZID start, UNTIL is in UTC (RFC 5545)
        last = datetime.combine(rule.until, time(23, 59, 59)).replace(tzinfo=tz)
        recur["until"] = last.astimezone(UTC)
    return recur


# -- reading -------------------------------------------------------------------

#: Reads one VEVENT as an `ImportRow` (`ics_files._event`).
RowReader = Callable[[Any, int], ImportRow]


def repeating_rows(
    master: Any,
    line: int,
    overrides: Sequence[tuple[Any, int]],
    tz: ZoneInfo,
    read: RowReader,
) -> list[ImportRow]:
    """The rows of a repeating event (``overrides``: its RECURRENCE-ID events with
    their lines): one series row if the clinic's series can hold its rule, else
    one row per date (see the module)."""
    row = read(master, line)
    if row.skip or row.start is None or row.end is None:
        return [row]
    try:
        series = _series(master, row, overrides, tz, read)
    except (RecurrenceError, ValueError) as exc:
        rows = _expanded(master, line, overrides, tz, read, str(exc))
        return rows or [replace(row, skip="A repeating event without a date: nothing to book.")]
    return [replace(row, series=series)]


def _series(
    master: Any,
    row: ImportRow,
    overrides: Sequence[tuple[Any, int]],
    tz: ZoneInfo,
    read: RowReader,
) -> ImportSeries:
    """The series of ``master``, or `RecurrenceError` saying why the clinic's series
    cannot hold it."""
    assert row.start is not None and row.end is not None
    recur = master.get("rrule")
    if isinstance(recur, list):
        raise RecurrenceError("it has more than one RRULE")
    if master.get("rdate") is not None:
        raise RecurrenceError("it has extra dates (RDATE)")
    other = sorted(set(recur) - HELD)
    if other:
        raise RecurrenceError(f"its rule has {', '.join(other)}")
    if "COUNT" not in recur and "UNTIL" not in recur:
        raise RecurrenceError("it repeats without end")
    length = row.end - row.start
    minutes = length.total_seconds() / 60
    if minutes != int(minutes) or not 1 <= minutes <= MAX_MINUTES:
        raise RecurrenceError("a series' dates last from 1 minute to 12 hours")
    text = recur.to_ical().decode()
    parts = [p for p in text.split(";") if not p.upper().startswith(("UNTIL=", "WKST="))]
    if "UNTIL" in recur:
        parts.append(f"UNTIL={_local_day(recur['UNTIL'][0], tz):%Y%m%d}")
    rule = parse_rule(";".join(parts))
    left_out = {_local_day(d.dt, tz) for d in _dates(master.get("exdate"))}
    moved: list[tuple[date, ImportRow]] = []
    for event, at in overrides:
        original = _local_day(event.decoded("recurrence-id"), tz)
        changed = read(event, at)
        if changed.skip:  # cancelled there: left out here
            left_out.add(original)
        else:
            moved.append((original, changed))
    rule = replace(rule, exdates=tuple(sorted(left_out)))
    stored = rule_text(rule)
    parse_rule(stored)  # its fields in range
    every = expand(
        replace(rule, exdates=()), row.start, length, tz, horizon_days=MAX_SERIES_HORIZON_DAYS
    )
    if every[0].wall != row.start.astimezone(tz).replace(tzinfo=None):
        raise RecurrenceError("its first date is not one of its rule's")
    dates = [o for o in every if o.wall.date() not in left_out]
    if not dates:
        raise RecurrenceError("all its dates are left out")
    _same_times(master, [o.start for o in every if o.start is not None], tz)
    times = {o.wall.date(): (o.start, o.end) for o in dates}
    kept = tuple((d, r) for d, r in moved if d in times)
    return ImportSeries(
        rule=stored,
        minutes=int(minutes),
        overrides=kept,
        moved=sum(
            1
            for d, r in kept
            if (r.start, r.end) != times[d] or r.professional_name != row.professional_name
        ),
        freq=rule.freq,
        interval=rule.interval,
        weekdays=rule.weekdays,
        positions=rule.positions,
        occurrences=len(dates),
        left_out=len(left_out),
    )


def _same_times(master: Any, ours: list[datetime], tz: ZoneInfo) -> None:
    """Refuse a rule whose dates, expanded as the event has them (in its own time
    zone, UTC or another than the clinic's; its week starting on WKST; its UNTIL
    at a time of day), are not ``ours``, the dates the clinic's series would give
    (on its wall clock: 09:00 stays 09:00 across DST)."""
    calendar = Calendar()
    copy = Event.from_ical(master.to_ical())
    copy.pop("exdate", None)
    calendar.add_component(copy)
    start, end = ours[0], ours[-1] + timedelta(seconds=1)
    found = recurring_ical_events.of(calendar).between(start, end)
    theirs = {_aware(e.decoded("dtstart"), tz).astimezone(UTC) for e in found}
    if {t.astimezone(UTC) for t in ours} != theirs:
        raise RecurrenceError(
            "its dates or times are not the same on the clinic's clock "
            "(another time zone, or another first day of the week)"
        )


def _expanded(
    master: Any,
    line: int,
    overrides: Sequence[tuple[Any, int]],
    tz: ZoneInfo,
    read: RowReader,
    why: str,
) -> list[ImportRow]:
    """One single appointment per date of a repeating event the clinic's series
    cannot hold (those within a year of its first date, `SERIES_HORIZON_DAYS`, and
    at most `MAX_OCCURRENCES`: a rule without end stops there), each saying so."""
    calendar = Calendar()
    calendar.add_component(master)
    for event, _at in overrides:
        calendar.add_component(event)
    start = master.decoded("dtstart")
    lo = start if isinstance(start, datetime) else datetime.combine(start, time())
    hi = lo + timedelta(days=SERIES_HORIZON_DAYS)
    note = (
        f"A repeating event the clinic's series cannot hold ({why}): "
        "its dates are booked one by one."
    )
    dates = recurring_ical_events.of(calendar, skip_bad_series=True)
    found = dates.between(lo, hi)
    if len(found) > MAX_OCCURRENCES or next(iter(dates.after(hi)), None) is not None:
        found = found[:MAX_OCCURRENCES]
        last = found[-1].decoded("dtstart") if found else lo
        note += f" Its dates after {last:%d %b %Y} are not imported."
    rows: list[ImportRow] = []
    uid = str(master.get("uid", ""))
    for event in found:
        for name in ("rrule", "rdate", "exdate"):
            event.pop(name, None)
        row = read(event, line)
        when = row.start.astimezone(UTC) if row.start is not None else None
        key = f"{uid}#{when:%Y%m%dT%H%M%SZ}" if when is not None else uid
        rows.append(replace(row, external_id=external_id(key), note=note))
    return rows


def external_id(uid: str) -> str:
    """The event's UID as the appointment keeps it (a long one by its digest: the same
    event is still recognised when imported again)."""
    if len(uid) <= MAX_UID:
        return uid
    return "sha256:" + hashlib.sha256(uid.encode("utf-8")).hexdigest()


def _aware(value: datetime, tz: ZoneInfo) -> datetime:
    """A floating time on the clinic's wall clock."""
    return value if value.tzinfo is not None else value.replace(tzinfo=tz)


def _dates(value: Any) -> list[Any]:
    if value is None:
        return []
    return [d for item in (value if isinstance(value, list) else [value]) for d in item.dts]


def _local_day(value: Any, tz: ZoneInfo) -> date:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return localize(value.date(), value.time(), tz).date()
        return value.astimezone(tz).date()
    if isinstance(value, date):
        return value
    raise ValueError(f"{value!r} is not a date.")
