"""iCalendar on both databases: a clinic's or a professional's appointments exported
with stable UIDs, events of other calendars imported like a CSV, and the round
trip into a new clinic giving the same appointments and people."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from icalendar import Calendar

from scheduler_app.db import migrate
from scheduler_app.db.engine import Database, open_database, sqlite_url
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.dto import AppointmentView, BookingRequest
from scheduler_app.services.import_rows import ImportFileError
from tests.conftest import Clinic, make_clinic

S = AppointmentStatus


@pytest.fixture
def new_clinic(
    database: Database, request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path
) -> Iterator[Clinic]:
    """Another clinic, in a database of its own on the same backend."""
    if database.is_sqlite:
        path = tmp_path / "new-clinic.sqlite3"
        shutil.copy(sqlite_template, path)
        other = open_database(sqlite_url(path))
    else:
        other = open_database(request.getfixturevalue("blank_postgres"))
        migrate.upgrade(other)
    try:
        yield make_clinic(other)
    finally:
        other.dispose()


def fill(clinic: Clinic) -> list[AppointmentView]:
    silva, becker = clinic.professionals("Dr Ana Silva", "Tom Becker")
    costa = clinic.directory.add_client(
        clinic.admin, "Joana Costa", "+351 912 345 678", "joana@example.org"
    )
    reis = clinic.directory.add_client(clinic.admin, "Rui Reis, Jr.", "", "rui@example.org")
    walk_in = clinic.directory.add_client(clinic.admin, "Ana Neves")
    consult = clinic.directory.add_service(clinic.admin, "Consultation", 30, Decimal("45"))
    book = clinic.booking.book
    made = [
        book(
            clinic.admin,
            BookingRequest(
                start=clinic.at(3, 9),
                professional_id=silva,
                client_id=costa.id,
                service_id=consult.id,
                description="Bring X-rays;\nfasting",
                confirmed=True,
            ),
        ),
        book(
            clinic.admin,
            BookingRequest(
                start=clinic.at(3, 9),
                end=clinic.at(3, 10),
                professional_id=becker,
                client_id=reis.id,
                title="Knee, again",
            ),
        ),
        book(
            clinic.admin,
            BookingRequest(start=clinic.at(3, 11), end=clinic.at(3, 11, 20), client_id=walk_in.id),
        ),
        book(
            clinic.admin,
            BookingRequest(
                start=clinic.at(30, 9),
                end=clinic.at(30, 10),
                professional_id=silva,
                client_id=reis.id,
            ),
        ),  # after the DST change
    ]
    gone = book(
        clinic.admin,
        BookingRequest(start=clinic.at(3, 15), end=clinic.at(3, 16), professional_id=silva),
    )
    clinic.lifecycle.cancel(clinic.admin, gone.id, gone.version, "Called off")
    return made


def events(data: bytes) -> list:  # type: ignore[type-arg]
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_an_export_has_stable_uids_and_leaves_cancelled_ones_out(clinic: Clinic) -> None:
    made = fill(clinic)
    data = clinic.services.exports.ics(clinic.at(1, 0), clinic.at(31, 0, month=3))
    clinic_id = clinic_id_of(clinic)
    found = events(data)
    assert [str(e["uid"]) for e in found] == [
        f"appointment-{a.id}.{clinic_id}@scheduler-app" for a in made
    ]
    first = found[0]
    assert first.decoded("dtstart") == datetime(2026, 3, 3, 9, tzinfo=UTC)  # Lisbon = UTC in March
    assert found[3].decoded("dtstart") == datetime(2026, 3, 30, 8, tzinfo=UTC)  # summer time
    assert str(first["summary"]) == "Joana Costa — Consultation"
    assert str(first["status"]) == "CONFIRMED" and str(found[1]["status"]) == "TENTATIVE"
    assert str(first["attendee"]) == "mailto:joana@example.org"
    assert first["attendee"].params["CN"] == "Joana Costa"
    assert str(first["description"]) == "Bring X-rays;\nfasting"
    again = clinic.services.exports.ics(clinic.at(1, 0), clinic.at(31, 0, month=3))
    assert [str(e["uid"]) for e in events(again)] == [str(e["uid"]) for e in found]
    becker = next(p.id for p in clinic.directory.professionals() if p.name == "Tom Becker")
    only = events(clinic.services.exports.ics(clinic.at(1, 0), clinic.at(31, 0), becker))
    assert [str(e["uid"]) for e in only] == [f"appointment-{made[1].id}.{clinic_id}@scheduler-app"]
    assert (
        "Test clinic — Tom Becker"
        in clinic.services.exports.ics(clinic.at(1, 0), clinic.at(31, 0), becker).decode()
    )


def clinic_id_of(clinic: Clinic) -> str:
    from sqlalchemy import select

    from scheduler_app.db.models import Organization

    with clinic.services.database.read_sessions() as session:
        return session.scalar(select(Organization.clinic_id)) or ""


def test_the_round_trip_into_a_new_clinic_gives_the_same_appointments(
    clinic: Clinic, new_clinic: Clinic
) -> None:
    made = fill(clinic)
    data = clinic.services.exports.ics(clinic.at(1, 0), clinic.at(31, 0, month=3))
    new_clinic.professionals("Tom Becker")  # already there: matched by name
    new_clinic.directory.add_client(new_clinic.admin, "Joana Costa", "", "joana@example.org")
    rows = new_clinic.services.imports.ics_rows(data)
    outcome = new_clinic.services.imports.run(new_clinic.admin, rows, source="clinic.ics")
    assert outcome.committed and outcome.booked == 4 and outcome.not_imported == ()
    assert (outcome.professionals_added, outcome.clients_added, outcome.clients_matched) == (
        1,
        2,
        2,
    )
    assert outcome.services_added == 1

    def people(appointments: list[AppointmentView]) -> list[tuple[object, ...]]:
        return [
            (
                a.start,
                a.end,
                a.client_name,
                a.professional_name,
                a.service_name,
                a.title,
                a.description,
                a.estimated_cost,
            )
            for a in appointments
        ]

    copied = new_clinic.booking.appointments_between(clinic.at(1, 0), clinic.at(31, 0))
    assert people(copied) == people(made)
    assert [a.status for a in copied] == [S.CONFIRMED, S.PENDING, S.PENDING, S.PENDING]
    emails = {c.name: c.email for c in new_clinic.directory.find_clients("")}
    assert emails == {
        "Joana Costa": "joana@example.org",
        "Rui Reis, Jr.": "rui@example.org",
        "Ana Neves": "",
    }
    twice = new_clinic.services.imports.run(new_clinic.admin, rows)
    assert (twice.booked, twice.already) == (0, 4)


OTHER = """\
BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Other//Calendar//EN\r
BEGIN:VEVENT\r
UID:abc-1@other\r
DTSTART;TZID=Europe/Berlin:20260304T100000\r
DTEND;TZID=Europe/Berlin:20260304T104500\r
SUMMARY:Check-up\r
ORGANIZER;CN=Dr Ana Silva:mailto:ana@clinic.example\r
ATTENDEE;CN="Costa, Joana";ROLE=REQ-PARTICIPANT:mailto:joana@example.org\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:abc-2@other\r
DTSTART:20260305T140000\r
DURATION:PT30M\r
SUMMARY:Walk-in slot\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:abc-3@other\r
DTSTART;VALUE=DATE:20260306\r
SUMMARY:Clinic party\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:abc-4@other\r
DTSTART:20260309T090000Z\r
DTEND:20260309T093000Z\r
RRULE:FREQ=WEEKLY;COUNT=4\r
SUMMARY:Weekly physio\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:abc-5@other\r
DTSTART:20260310T090000Z\r
DTEND:20260310T093000Z\r
STATUS:CANCELLED\r
SUMMARY:Called off\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_events_of_another_calendar_are_read_like_a_csv(clinic: Clinic) -> None:
    rows = clinic.services.imports.ics_rows(OTHER.encode())
    assert [r.line for r in rows] == [4, 12, 18, 23, 23, 23, 23, 30]
    first, floating, all_day, *weekly, called_off = rows
    assert first.start == clinic.at(4, 9) and first.end == clinic.at(4, 9, 45)  # Berlin is +1
    assert (first.client_name, first.email) == ("Costa, Joana", "joana@example.org")
    assert (first.professional_name, first.title) == ("Dr Ana Silva", "Check-up")
    assert floating.start == clinic.at(5, 14) and floating.end == clinic.at(5, 14, 30)
    assert [r.skip for r in (all_day, called_off)] == [
        "An all-day event, not an appointment.",
        "Cancelled in the calendar: not booked.",
    ]
    # Weekly at 09:00 UTC: 10:00 in Lisbon once the clocks go forward, which a
    # series on the clinic's wall clock cannot hold, so its dates come one by one.
    assert [r.start for r in weekly] == [
        clinic.at(9, 9),
        clinic.at(16, 9),
        clinic.at(23, 9),
        clinic.at(30, 10),
    ]
    assert all(r.series is None and "another time zone" in r.note for r in weekly)
    outcome = clinic.services.imports.run(clinic.admin, rows)
    assert outcome.booked == 6 and [n.line for n in outcome.not_imported] == [18, 30]


def test_a_uid_too_long_to_keep_is_kept_by_its_digest(clinic: Clinic) -> None:
    long_uid = "x" * 300 + "@other"
    text = OTHER.replace("abc-1@other", long_uid).encode()
    (first, *_rest) = clinic.services.imports.ics_rows(text)
    assert first.external_id.startswith("sha256:") and len(first.external_id) == 71
    clinic.services.imports.run(clinic.admin, clinic.services.imports.ics_rows(text))
    again = clinic.services.imports.run(clinic.admin, clinic.services.imports.ics_rows(text))
    assert (again.booked, again.already) == (0, 6)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "Hello, this is a letter.\n",
            "Line 1: Not an iCalendar line (NAME:value): 'Hello, this is a letter.'.",
        ),
        (
            "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:1\nDTSTART:20260303T100000Z\n"
            "DTEND:20260303T110000Z\nEND:VCALENDAR\n",
            "Line 7: END:VCALENDAR without its BEGIN:VCALENDAR.",
        ),
        (
            "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:1\nDTSTART:20260303T100000Z\n"
            "DTEND:20260303T110000Z\nEND:VEVENT\nBEGIN:VEVENT\nUID:2\nDTSTART:2026-03-99\n"
            "DTEND:20260303T110000Z\nEND:VEVENT\nEND:VCALENDAR\n",
            "Line 8: DTSTART: Expected datetime, date, or time. Got: '2026-03-99'",
        ),
        (
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\nDTSTART:20260303T100000Z\n"
            "DTEND:20260303T090000Z\nEND:VEVENT\nEND:VCALENDAR\n",
            "Line 2: The appointment must end after it starts.",
        ),
    ],
)
def test_a_malformed_calendar_is_refused_with_its_line(
    clinic: Clinic, text: str, problem: str
) -> None:
    with pytest.raises(ImportFileError) as refused:
        clinic.services.imports.ics_rows(text.encode())
    assert refused.value.message.splitlines()[1] == problem
