"""Imports meet the exact decision row by row; the manager chooses what becomes of the
rows it refuses: listed with the reason (skip, or import nothing), or recorded as
conflicts of the proper kind, visible in the Conflicts window. A client booked
twice at once in the file is refused or recorded the same way. CSV and .ics, on
both databases."""

from __future__ import annotations

from scheduler_app.services.imports import OnRefusal
from tests.conftest import Clinic
from tests.db.test_imports import PREVIOUS, read, silva  # noqa: F401 (a fixture)

DASH = "\N{EN DASH}"
#: The same client with two professionals at once (CSV).
TWICE = (
    "Date,Start,End,Client,Professional\n"
    "2026-03-03,10:00,10:45,Noah Cos,Dr Silva\n"
    "2026-03-03,10:15,10:45,Noah Cos,Tom Becker\n"
)
#: The same client with two professionals at once (.ics).
TWICE_ICS = """\
BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Other//Calendar//EN\r
BEGIN:VEVENT\r
UID:twice-1@other\r
DTSTART:20260303T100000Z\r
DTEND:20260303T104500Z\r
SUMMARY:Check-up\r
ORGANIZER;CN=Dr Silva:mailto:silva@clinic.example\r
ATTENDEE;CN=Noah Cos:mailto:noah@example.org\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:twice-2@other\r
DTSTART:20260303T101500Z\r
DTEND:20260303T104500Z\r
SUMMARY:Massage\r
ORGANIZER;CN=Tom Becker:mailto:tom@clinic.example\r
ATTENDEE;CN=Noah Cos:mailto:noah@example.org\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_a_busy_professional_is_recorded_as_a_double_booking(
    clinic: Clinic,
    silva: int,  # noqa: F811
) -> None:
    rows = read(clinic, PREVIOUS)
    outcome = clinic.services.imports.run(clinic.admin, rows, on_refusal=OnRefusal.RECORD)
    assert outcome.committed and (outcome.booked, outcome.recorded) == (3, 1)
    assert [(n.line, n.refused) for n in outcome.not_imported] == [(7, False)]  # cancelled
    [conflict] = clinic.services.conflicts.unresolved()
    assert conflict.kind == "double_booking" and conflict.status == "open"
    assert conflict.cause.startswith("Imported line 3: Dr Ana Silva already has 09:00-09:30")
    [waiting] = conflict.appointments
    assert (waiting.client_name, waiting.start) == ("Rui Reis", clinic.at(3, 9, 15))
    appt = clinic.booking.get(waiting.id)
    assert appt.professional_id is None and appt.conflict_id == conflict.id
    assert clinic.services.conflicts.open_count() == 1
    # a suggestion resolves it like any conflict
    assert clinic.services.conflicts.suggestions(waiting.id)


def test_nobody_free_is_recorded_as_capacity_exceeded(clinic: Clinic) -> None:
    clinic.professionals("Dr Ana Silva", "Tom Becker")
    text = "Date,Start,Duration,Client\n" + "".join(
        f"2026-03-03,10:00,60,Client {n}\n" for n in range(3)
    )
    outcome = clinic.services.imports.run(
        clinic.admin, read(clinic, text), on_refusal=OnRefusal.RECORD
    )
    assert (outcome.booked, outcome.recorded, outcome.not_imported) == (2, 1, ())
    [conflict] = clinic.services.conflicts.unresolved()
    assert conflict.kind == "capacity_exceeded"
    assert [a.client_name for a in conflict.appointments] == ["Client 2"]


def test_a_check_records_nothing(clinic: Clinic, silva: int) -> None:  # noqa: F811
    rows = read(clinic, PREVIOUS)
    checked = clinic.services.imports.run(
        clinic.admin, rows, on_refusal=OnRefusal.RECORD, dry_run=True
    )
    assert not checked.committed and checked.recorded == 1
    assert clinic.services.conflicts.unresolved() == []


def test_a_client_twice_at_once_is_listed_when_skipping(clinic: Clinic) -> None:
    outcome = clinic.services.imports.run(clinic.admin, read(clinic, TWICE))
    assert outcome.booked == 1
    [second] = outcome.not_imported
    assert second.line == 3 and second.refused
    assert second.reason == (
        f"Noah Cos already has an appointment at 10:00{DASH}10:45 with Dr Silva."
    )
    assert clinic.services.conflicts.unresolved() == []


def test_a_client_twice_at_once_is_recorded_as_a_time_conflict(clinic: Clinic) -> None:
    outcome = clinic.services.imports.run(
        clinic.admin, read(clinic, TWICE), on_refusal=OnRefusal.RECORD
    )
    assert (outcome.booked, outcome.recorded, outcome.not_imported) == (2, 1, ())
    [conflict] = clinic.services.conflicts.unresolved()
    assert (conflict.kind, conflict.impact) == ("time_conflict", "low")
    assert [a.client_name for a in conflict.appointments] == ["Noah Cos", "Noah Cos"]


def test_an_ics_file_meets_the_same_choice(clinic: Clinic) -> None:
    imports = clinic.services.imports
    rows = imports.ics_rows(TWICE_ICS.encode())
    skipped = imports.run(clinic.admin, rows, dry_run=True)
    assert skipped.booked == 1 and [n.line for n in skipped.not_imported] == [12]
    assert "Noah Cos already has an appointment" in skipped.not_imported[0].reason
    recorded = imports.run(clinic.admin, rows, on_refusal=OnRefusal.RECORD)
    assert (recorded.booked, recorded.recorded) == (2, 1)
    [conflict] = clinic.services.conflicts.unresolved()
    assert conflict.kind == "time_conflict" and len(conflict.appointments) == 2
