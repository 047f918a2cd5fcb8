"""iCalendar (.ics) files: a clinic's appointments written out, and events read in.

Written: one VEVENT per single appointment, times in UTC, a UID made of the appointment
and the clinic ids (`uid`: stable across exports, never another clinic's), the
client as an ATTENDEE when they have an address, and the desk's own fields as
X-SCHEDULER-* properties so that an import of the file finds the same people.
A series goes out as one repeating event (`ics_series`).

Read: the file's structure is checked line by line first (a malformed file is
refused with its line number); each event then becomes an `ImportRow`, with
times in their own zone (floating times in the clinic's). Cancelled and all-day
events are listed, not booked; a repeating event is a series, or its dates one by
one when the clinic's series cannot hold its rule (`ics_series`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Literal
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText
from icalendar.prop import vUnknown

from scheduler_app import __version__
from scheduler_app.domain.localtime import LocalTimeError, localize
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.dto import AppointmentView
from scheduler_app.services.ics_series import (
    WHOLE_CLINIC,
    SeriesExport,
    Whose,
    external_id,
    repeating_rows,
    series_events,
)
from scheduler_app.services.import_rows import ImportFileError, ImportRow, checked

S = AppointmentStatus
X = "X-SCHEDULER-"
_NAME = re.compile(r"^[A-Za-z0-9-]+(?=[;:])")
_ESCAPED = re.compile(r"\\([\\;,nN])")
#: Statuses written as confirmed (the rest as tentative); cancelled ones are not written.
_CONFIRMED = {S.CONFIRMED, S.CHECKED_IN, S.COMPLETED, S.NO_SHOW}
#: What an event sent out without details says.
BUSY = "Busy"
#: How much of an appointment its event tells (see `appointment_event`).
Detail = Literal["all", "names", "busy"]


def uid(clinic_id: str, appointment_id: int) -> str:
    """The event's UID: the same for an appointment in every export of its clinic."""
    return f"appointment-{appointment_id}.{clinic_id}@scheduler-app"


def calendar_bytes(
    clinic_id: str,
    name: str,
    appointments: Sequence[tuple[AppointmentView, str]],
    now: datetime,
    series: Sequence[SeriesExport] = (),
    whose: Whose = WHOLE_CLINIC,
) -> bytes:
    """The .ics text of ``appointments`` (single ones, each with its client's e-mail
    address) and of ``series`` (one repeating event each; the dates not in ``whose``
    calendar left out)."""
    calendar = Calendar()
    calendar.add("prodid", f"-//scheduler-app//Scheduler {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = now.astimezone(UTC).replace(microsecond=0)
    for appt, email in appointments:
        calendar.add_component(appointment_event(clinic_id, appt, stamp, name, email=email))

    def make(appt: AppointmentView, email: str, series_uid: str) -> Event:
        return appointment_event(clinic_id, appt, stamp, name, email=email, uid_text=series_uid)

    for one in series:
        for event in series_events(clinic_id, one, make, whose):
            calendar.add_component(event)
    if series:
        calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def appointment_event(
    clinic_id: str,
    appt: AppointmentView,
    stamp: datetime,
    name: str,
    *,
    email: str = "",
    detail: Detail = "all",
    uid_text: str = "",
) -> Event:
    """The VEVENT of ``appt`` (UID `uid`). ``detail``: "all" for an export (the client
    as an attendee and the desk's own fields), "names" for the client's name and the
    service only, "busy" for the time alone ("Busy", nothing about the client).
    ``uid_text``: the UID of its series' event instead."""
    event = Event()
    event.add("uid", uid_text or uid(clinic_id, appt.id))
    event.add("dtstamp", stamp)
    event.add("dtstart", appt.start.astimezone(UTC))
    event.add("dtend", appt.end.astimezone(UTC))
    event.add("status", "CONFIRMED" if appt.status in _CONFIRMED else "TENTATIVE")
    event.add("transp", "OPAQUE")
    if detail == "busy":
        event.add("summary", BUSY)
        event.add("class", "PRIVATE")
        return event
    who = appt.client_name or appt.title or appt.service_name or name
    summary = (
        f"{who} — {appt.service_name}" if appt.service_name and who != appt.service_name else who
    )
    event.add("summary", summary)
    if detail == "names":
        event.add("class", "PRIVATE")
        return event
    if appt.description:
        event.add("description", appt.description)
    if appt.location:
        event.add("location", appt.location)
    if appt.is_virtual and appt.meeting_url:
        event.add("url", appt.meeting_url)
    if appt.service_name:
        event.add("categories", [appt.service_name])
    if email:
        attendee = vCalAddress(f"mailto:{email}")
        attendee.params["cn"] = vText(appt.client_name or email)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee)
    for field, value in (
        ("CLIENT", appt.client_name),
        ("CLIENT-EMAIL", email),
        ("CLIENT-PHONE", appt.client_phone),
        ("PROFESSIONAL", appt.professional_name),
        ("SERVICE", appt.service_name),
        ("TITLE", appt.title),
        ("STATUS", appt.status.value),
    ):
        if value:
            event.add(X + field, vText(value))
    if appt.estimated_cost is not None:
        event.add(X + "PRICE", vText(str(appt.estimated_cost)))
    return event


# -- reading -------------------------------------------------------------------


def _structure(text: str) -> tuple[list[int], list[tuple[int, str]]]:
    """The lines where each VEVENT begins, and what is wrong with the file's form."""
    logical: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        if raw[:1] in (" ", "\t") and logical:
            logical[-1] = (logical[-1][0], logical[-1][1] + raw[1:])
        elif raw.strip():
            logical.append((number, raw))
    problems: list[tuple[int, str]] = []
    events: list[int] = []
    stack: list[str] = []
    for number, content in logical:
        name = _NAME.match(content)
        if name is None or ":" not in content:
            problems.append((number, f"Not an iCalendar line (NAME:value): {content[:60]!r}."))
            continue
        value = content.split(":", 1)[1].strip().upper()
        if name.group(0).upper() == "BEGIN":
            if not stack and value != "VCALENDAR":
                problems.append((number, "An iCalendar file starts with BEGIN:VCALENDAR."))
            stack.append(value)
            if value == "VEVENT":
                events.append(number)
        elif name.group(0).upper() == "END":
            if not stack or stack[-1] != value:
                problems.append((number, f"END:{value} without its BEGIN:{value}."))
            else:
                stack.pop()
        elif not stack:
            problems.append((number, "A line outside BEGIN:VCALENDAR ... END:VCALENDAR."))
    if not logical:
        problems.append((1, "The file is empty."))
    elif stack:
        problems.append((logical[-1][0], f"BEGIN:{stack[-1]} is never ended."))
    return events, problems


def _text(event: Any, name: str) -> str:
    """A text property, unescaped (icalendar leaves X- properties as written)."""
    value = event.get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return ""
    if isinstance(value, vUnknown):
        raw = value.to_ical()
        return _unescape(raw.decode() if isinstance(raw, bytes) else str(raw)).strip()
    return str(value).strip()


def _unescape(text: str) -> str:
    """RFC 5545 text: \\n is a new line; \\, \\; \\\\ stand for themselves."""
    return _ESCAPED.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _moment(value: Any, tz: ZoneInfo) -> datetime | date | None:
    if isinstance(value, datetime):
        if value.tzinfo is None:  # floating: the clinic's wall clock
            return localize(value.date(), value.time(), tz)
        return value.astimezone(tz)
    if isinstance(value, date):
        return value
    return None


def _person(event: Any) -> tuple[str, str, str]:
    """(name, e-mail, phone) of the client: ours, else the first attendee."""
    name, email = _text(event, X + "CLIENT"), _text(event, X + "CLIENT-EMAIL")
    phone = _text(event, X + "CLIENT-PHONE")
    if name or email or event.get(X + "STATUS") is not None:
        return name, email, phone
    attendees = event.get("attendee")
    for attendee in attendees if isinstance(attendees, list) else [attendees]:
        if attendee is None or str(attendee.params.get("ROLE", "")).upper() == "CHAIR":
            continue
        address = str(attendee)
        email = address[7:] if address.lower().startswith("mailto:") else ""
        return str(attendee.params.get("CN", "") or email), email, ""
    return "", "", ""


def _organizer(event: Any) -> str:
    ours = _text(event, X + "PROFESSIONAL")
    if ours or event.get(X + "STATUS") is not None:
        return ours
    organizer = event.get("organizer")
    return str(organizer.params.get("CN", "")) if organizer is not None else ""


def _event(event: Any, line: int, tz: ZoneInfo) -> ImportRow:
    for prop, message in getattr(event, "errors", []):
        raise ValueError(f"{prop}: {message}")
    start = _moment(event.decoded("dtstart"), tz) if event.get("dtstart") is not None else None
    if start is None:
        raise ValueError("The event has no valid DTSTART.")
    end: datetime | date | None = None
    if event.get("dtend") is not None:
        end = _moment(event.decoded("dtend"), tz)
    elif event.get("duration") is not None and isinstance(start, datetime):
        end = (start.astimezone(UTC) + event.decoded("duration")).astimezone(tz)
    name, email, phone = _person(event)
    ours = event.get(X + "STATUS") is not None
    status = (_text(event, X + "STATUS") or _text(event, "status")).lower()
    skip = ""
    if status == "cancelled":
        skip = "Cancelled in the calendar: not booked."
    elif not isinstance(start, datetime):
        skip = "An all-day event, not an appointment."
    elif not isinstance(end, datetime):
        skip = "The event has no end time."
    price_text = _text(event, X + "PRICE")
    return ImportRow(
        line,
        start=start if isinstance(start, datetime) else None,
        end=end if isinstance(end, datetime) and isinstance(start, datetime) else None,
        client_name=name,
        phone=phone,
        email=email,
        professional_name=_organizer(event),
        service_name=_text(event, X + "SERVICE"),
        title=_text(event, X + "TITLE") if ours else _text(event, "summary"),
        description=_text(event, "description"),
        location=_text(event, "location"),
        price=_price(price_text),
        confirmed=status == "confirmed",
        external_id=external_id(_uid(event)),
        skip=skip,
    )


def _price(text: str) -> Decimal | None:
    if not text:
        return None
    try:
        return Decimal(text).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValueError(f"{X}PRICE {text!r} is not a number.") from None


def ics_rows(data: bytes, tz: ZoneInfo) -> list[ImportRow]:
    """The events of an .ics file as checked `ImportRow`s (`ImportFileError` with
    the line numbers when the file or an event is malformed)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError([(line, "Not UTF-8 text, as iCalendar files are.")]) from None
    starts, problems = _structure(text)
    if problems:
        raise ImportFileError(problems[:10], len(problems))
    try:
        calendar = Calendar.from_ical(text)
    except ValueError as exc:
        raise ImportFileError([(1, f"Not a valid iCalendar file: {exc}")]) from None
    found = list(zip(calendar.walk("VEVENT"), starts, strict=False))
    masters = {str(e.get("uid", "")) for e, _line in found if _repeats(e)}
    overrides: dict[str, list[tuple[Any, int]]] = {}
    for event, line in found:
        if event.get("recurrence-id") is not None and str(event.get("uid", "")) in masters:
            overrides.setdefault(str(event.get("uid", "")), []).append((event, line))

    def read(event: Any, line: int) -> ImportRow:
        return _event(event, line, tz)

    rows: list[ImportRow] = []
    for event, line in found:
        key = str(event.get("uid", ""))
        try:
            if _repeats(event):
                read_rows = repeating_rows(event, line, overrides.get(key, []), tz, read)
            elif event.get("recurrence-id") is not None and key in masters:
                continue  # read with its repeating event
            else:
                read_rows = [_event(event, line, tz)]
        except (ValueError, LocalTimeError) as exc:
            problems.append((line, str(exc)))
            continue
        for row in read_rows:
            if row.skip and row.start is None:
                row = ImportRow(
                    row.line, client_name=row.client_name, title=row.title, skip=row.skip
                )
            rows.append(row)
    return checked(rows, problems)


def _uid(event: Any) -> str:
    """The event's UID, with its RECURRENCE-ID when it stands for one date of another."""
    text = _text(event, "uid")
    moved = event.get("recurrence-id")
    return f"{text}#{moved.to_ical().decode()}" if moved is not None else text


def _repeats(event: Any) -> bool:
    return event.get("rrule") is not None or event.get("rdate") is not None
