"""What an import file holds, row by row, once read and checked (CSV or iCalendar).

Reading a file checks every row before anything is booked: a file with a
malformed row is refused as a whole, with the line number (`ImportFileError`),
and nothing is written. Rows that are well formed but not to be booked (a
cancelled appointment, a repeating or all-day event) carry the reason they are
left out, and are listed with the outcome.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from scheduler_app.domain.limits import TimeRangeError, check_time_range
from scheduler_app.errors import ValidationError
from scheduler_app.services.guard import max_length

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^[0-9+()./\s-]{3,40}$")
#: Problems named at most, then "and N more".
SHOWN_PROBLEMS = 10
#: Rows a file may hold (a clinic's years of appointments).
MAX_ROWS = 200_000


class ImportFileError(ValidationError):
    """The file cannot be imported as it is; nothing was written.

    ``problems`` are (line, what is wrong), the first ones of the file."""

    title = "File not imported"

    def __init__(self, problems: list[tuple[int, str]], total: int | None = None) -> None:
        total = len(problems) if total is None else total
        shown = [f"Line {line}: {what}" for line, what in problems[:SHOWN_PROBLEMS]]
        if total > len(shown):
            shown.append(f"... and {total - len(shown)} more lines with problems.")
        intro = "The file was not imported; nothing was written. Correct it and try again:"
        super().__init__("\n".join([intro, *shown]))
        self.problems = problems
        self.total = total

    @property
    def line(self) -> int:
        """The first line with a problem."""
        return self.problems[0][0] if self.problems else 0


@dataclass(frozen=True, slots=True)
class ImportSeries:
    """A repeating event read as a series: its rule as the clinic stores it (see
    `domain.recurrence.rule_text`, the event's EXDATEs among its dates left out),
    each date lasting ``minutes``, and the dates the file moved or changed
    (RECURRENCE-ID events), each by its original local date (at the rule's time
    when only its status or details are its own). The rest tells the preview: how
    many of those move their date (``moved``: another time, length or
    professional), how often (``freq``, ``interval``, ``weekdays`` 0 = Monday, ``positions``
    such as (2, 1) for the second Tuesday), how many dates it books and how many the
    file left out."""

    rule: str
    minutes: int
    overrides: tuple[tuple[date, ImportRow], ...] = ()
    moved: int = 0
    freq: str = "WEEKLY"
    interval: int = 1
    weekdays: tuple[int, ...] = ()
    positions: tuple[tuple[int, int], ...] = ()
    occurrences: int = 0
    left_out: int = 0


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One client, or one appointment with its client, professional and service (by
    name, matched or created when imported)."""

    line: int
    start: datetime | None = None  # None: a client alone
    end: datetime | None = None
    client_name: str = ""
    phone: str = ""
    email: str = ""
    client_notes: str = ""
    professional_name: str = ""
    service_name: str = ""
    title: str = ""
    description: str = ""
    location: str = ""
    price: Decimal | None = None
    confirmed: bool = False
    #: The previous system's id (a CSV column, an event's UID): imported once.
    external_id: str = ""
    #: Why this row is listed but not booked ("" when it is to be booked).
    skip: str = ""
    #: A repeating event booked as a series from ``start`` (its first date).
    series: ImportSeries | None = None
    #: What the preview tells about the row (a repeating event booked date by date).
    note: str = ""

    @property
    def is_appointment(self) -> bool:
        return self.start is not None


_LIMITS = {
    "client_name": "name",
    "phone": "phone",
    "email": "email",
    "professional_name": "name",
    "service_name": "name",
    "title": "title",
    "location": "location",
    "external_id": "external_id",
}


def check_row(row: ImportRow) -> list[str]:
    """What is wrong with ``row`` (empty when it can be imported)."""
    problems = []
    for field, column in (*_LIMITS.items(), ("description", "description")):
        value = getattr(row, field)
        if "\x00" in value:
            problems.append(f"{_label(field)} contains a NUL character.")
        elif len(value) > max_length(column):
            most = max_length(column)
            problems.append(f"{_label(field)} is too long ({most} characters at most).")
    if row.email and not EMAIL.match(row.email):
        problems.append(f"{row.email!r} does not look like an e-mail address.")
    if row.phone and not PHONE.match(row.phone):
        problems.append(f"{row.phone!r} does not look like a phone number.")
    if row.price is not None and not (Decimal(0) <= row.price < Decimal("100000000")):
        problems.append(f"The price {row.price} is out of range.")
    if row.skip:
        pass  # listed, not booked: its times need not fit
    elif row.start is None:
        if not row.client_name:
            problems.append("The client has no name.")
    elif row.end is None:
        problems.append("The appointment has no end or length.")
    else:
        try:
            check_time_range(row.start, row.end)
        except TimeRangeError as exc:
            problems.append(str(exc))
    return problems


def _label(field: str) -> str:
    return {
        "client_name": "The client's name",
        "professional_name": "The professional's name",
        "service_name": "The service's name",
        "external_id": "The id",
    }.get(field, f"The {field}")


def checked(rows: list[ImportRow], problems: list[tuple[int, str]]) -> list[ImportRow]:
    """``rows`` if neither they nor the reading (``problems``) found anything wrong;
    else `ImportFileError` with the lines."""
    found = list(problems)
    for row in rows:
        found += [(row.line, what) for what in check_row(row)]
    if not rows and not found:
        found.append((1, "There is nothing to import in the file."))
    if len(rows) > MAX_ROWS:
        found.append((rows[MAX_ROWS].line, f"A file may hold {MAX_ROWS:,} rows at most."))
    if found:
        found.sort()
        raise ImportFileError(found[:SHOWN_PROBLEMS], len(found))
    return rows
