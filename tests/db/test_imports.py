"""Importing a previous system's CSV files on both databases: every row checked
first, each appointment booked through the exact decision in one transaction,
refused rows listed, and the manager's choice between skipping them and
importing nothing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from scheduler_app.db.models import Appointment, AuditEntry, Client, Professional, Role, Service
from scheduler_app.db.notification_models import Notification
from scheduler_app.domain.notifications import NotificationKind, NotificationStatus
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import PermissionDeniedError
from scheduler_app.services.csv_import import Field, Kind
from scheduler_app.services.dto import BookingRequest
from scheduler_app.services.import_rows import ImportFileError, ImportRow
from scheduler_app.services.imports import ImportOutcome, OnRefusal
from tests.conftest import Clinic

#: A previous system's export: Portuguese headers, ';', day first, one clash.
PREVIOUS = (Path(__file__).parent / "data" / "previous-system.csv").read_text(encoding="utf-8")


def count(clinic: Clinic, model: type) -> int:
    with clinic.services.database.read_sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def stored(clinic: Clinic) -> tuple[int, int, int, int]:
    return tuple(count(clinic, m) for m in (Appointment, Client, Professional, Service))  # type: ignore[return-value]


def read(clinic: Clinic, text: str, kind: Kind = Kind.APPOINTMENTS) -> tuple[ImportRow, ...]:
    imports = clinic.services.imports
    csv_file = imports.read_csv(text.encode("utf-8"))
    from scheduler_app.services.csv_import import guess_date_format, suggest

    mapping = suggest(csv_file.headers, kind)
    return imports.csv_rows(csv_file, kind, mapping, guess_date_format(csv_file, mapping))


@pytest.fixture
def silva(clinic: Clinic) -> int:
    (silva,) = clinic.professionals("Dr Ana Silva")
    clinic.directory.add_client(
        clinic.admin, "Joana Costa", "+351 912 345 678", "joana@example.org"
    )
    clinic.directory.add_service(clinic.admin, "Consultation", 30)
    return silva


def test_the_file_is_read_and_mapped_from_its_headers(clinic: Clinic) -> None:
    csv_file = clinic.services.imports.read_csv(PREVIOUS.encode("utf-8"))
    assert csv_file.delimiter == ";" and csv_file.encoding == "UTF-8"
    from scheduler_app.services.csv_import import guess_date_format, suggest

    mapping = suggest(csv_file.headers, Kind.APPOINTMENTS)
    assert mapping == {
        Field.DATE: 0,
        Field.START: 1,
        Field.END: 2,
        Field.CLIENT: 3,
        Field.PHONE: 4,
        Field.EMAIL: 5,
        Field.PROFESSIONAL: 6,
        Field.SERVICE: 7,
        Field.NOTES: 8,
        Field.STATUS: 9,
        Field.EXTERNAL_ID: 10,
    }
    assert guess_date_format(csv_file, mapping) == "%d/%m/%Y"
    rows = read(clinic, PREVIOUS)
    assert [r.line for r in rows] == [2, 3, 4, 5, 7]  # the quoted note spans two lines
    first = rows[0]
    assert (first.start, first.end) == (clinic.at(3, 9), clinic.at(3, 9, 30))
    assert (first.client_name, first.email, first.confirmed) == (
        "Joana Costa",
        "joana@example.org",
        True,
    )
    assert rows[3].description == "Wants the\nafternoon" and rows[3].professional_name == ""
    assert rows[4].skip == "Cancelled in the file: not booked."


def test_rows_the_schedule_refuses_are_listed_and_the_rest_booked(
    clinic: Clinic, silva: int
) -> None:
    outcome = clinic.services.imports.run(clinic.admin, read(clinic, PREVIOUS), source="old.csv")
    assert outcome.committed and outcome.booked == 3
    assert (outcome.refused, outcome.already) == (1, 0)
    clash, cancelled = outcome.not_imported
    assert (clash.line, clash.client_name) == (3, "Rui Reis") and clash.refused
    assert clash.reason.startswith("Dr Ana Silva already has 09:00-09:30")
    assert (cancelled.line, cancelled.refused) == (7, False)
    assert (outcome.clients_added, outcome.clients_matched) == (1, 2)  # Rui Reis, once
    assert (outcome.professionals_added, outcome.services_added) == (1, 1)  # Marta Lobo, Massage
    day = clinic.booking.appointments_between(clinic.at(3, 0), clinic.at(5, 0))
    assert [
        (a.start, a.end, a.client_name, a.professional_name, a.service_name, a.status) for a in day
    ] == [
        (
            clinic.at(3, 9),
            clinic.at(3, 9, 30),
            "Joana Costa",
            "Dr Ana Silva",
            "Consultation",
            AppointmentStatus.CONFIRMED,
        ),
        (
            clinic.at(3, 10),
            clinic.at(3, 10, 45),
            "Rui Reis",
            "Marta Lobo",
            "Massage",
            AppointmentStatus.PENDING,
        ),
        (clinic.at(4, 14), clinic.at(4, 15), "Joana Costa", "", "", AppointmentStatus.PENDING),
    ]
    assert [a.external_id for a in day] == ["A-1", "A-3", "A-4"]
    assert day[0].description == "First time"
    # Booked long ago in the other system: no "booked" message; reminders as usual.
    with clinic.services.database.read_sessions() as session:
        kinds = session.execute(
            select(Notification.kind, Notification.status).where(
                Notification.appointment_id == day[0].id
            )
        ).all()
        audit = session.scalars(
            select(AuditEntry.after).where(AuditEntry.action == "import", AuditEntry.entity_id == 0)
        ).all()
    assert (NotificationKind.APPOINTMENT_CREATED, NotificationStatus.CANCELLED) in kinds
    assert (NotificationKind.APPOINTMENT_REMINDER, NotificationStatus.PENDING) in kinds
    assert audit == [{"source": "old.csv", "booked": 3, "not_imported": 2}]

    again = clinic.services.imports.run(clinic.admin, read(clinic, PREVIOUS))
    assert (again.booked, again.already, again.refused) == (0, 3, 1)  # nothing twice


def test_import_nothing_if_any_row_is_refused_and_a_check_writes_nothing(
    clinic: Clinic, silva: int
) -> None:
    before = stored(clinic)
    rows = read(clinic, PREVIOUS)
    aborted = clinic.services.imports.run(clinic.admin, rows, on_refusal=OnRefusal.ABORT)
    assert not aborted.committed and aborted.refused == 1 and aborted.booked == 3
    checked = clinic.services.imports.run(clinic.admin, rows, dry_run=True)
    assert not checked.committed and (checked.booked, checked.refused) == (3, 1)
    assert stored(clinic) == before
    fitting = tuple(r for r in rows if r.line != 3)
    done = clinic.services.imports.run(clinic.admin, fitting, on_refusal=OnRefusal.ABORT)
    assert done.committed and done.booked == 3


def test_capacity_is_decided_with_the_rows_before_in_the_same_file(clinic: Clinic) -> None:
    clinic.professionals("Dr Ana Silva", "Tom Becker")
    text = "Date,Start,Duration,Client\n" + "".join(
        f"2026-03-03,10:00,60,Client {n}\n" for n in range(3)
    )
    outcome = clinic.services.imports.run(clinic.admin, read(clinic, text))
    assert outcome.booked == 2  # unassigned: two professionals can take two at once
    (third,) = outcome.not_imported
    assert third.line == 4 and third.reason.startswith("No professional is free at 10:00")


def test_a_cancelled_import_writes_nothing(clinic: Clinic, silva: int) -> None:
    before = stored(clinic)
    seen: list[tuple[int, int]] = []
    outcome = clinic.services.imports.run(
        clinic.admin,
        read(clinic, PREVIOUS),
        progress=lambda done, total: seen.append((done, total)),
        cancelled=lambda: len(seen) >= 2,
    )
    assert outcome.cancelled and not outcome.committed and seen == [(0, 5), (1, 5)]
    assert stored(clinic) == before


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        (
            "Date,Start,End,Client\n2026-03-03,10:00,10:30,A\n2026-03-33,10:00,10:30,B\n"
            "2026-03-03,25:00,10:30,C\n2026-03-03,10:00\n",
            [
                "Line 3: '2026-03-33' is not a date written as yyyy-mm-dd.",
                "Line 4: '25:00' is not a time (write it as 14:30).",
                "Line 5: 2 columns where the header has 4.",
            ],
        ),
        (
            'Date,Start,End,Client\n2026-03-03,10:00,10:30,"Joana\n',
            ["Line 2: Not valid CSV: unexpected end of data."],
        ),
        (
            "Date,Start,End,Client,Email\n2026-03-03,10:00,09:00,A,a@x.org\n"
            "2026-03-29,01:30,02:00,B,b@x.org\n2026-03-03,10:00,10:30,C,not-an-address\n",
            [
                "Line 2: An appointment can last at most 12 hours.",
                "Line 3: 01:30 does not exist on 29 Mar 2026 in Europe/Lisbon: the clocks go "
                "forward then. Please choose another time.",
                "Line 4: 'not-an-address' does not look like an e-mail address.",
            ],
        ),
        ("", ["Line 1: The file is empty: it needs a header line and rows."]),
        (
            "Date,Start,End\n2026-03-03,10:00,10:30,x\x00y\n",
            ["Line 2: This is not a text file (it holds NUL characters)."],
        ),
    ],
)
def test_a_malformed_file_is_refused_with_its_lines_and_nothing_is_written(
    clinic: Clinic, text: str, problems: list[str]
) -> None:
    before = stored(clinic)
    with pytest.raises(ImportFileError) as refused:
        read(clinic, text)
    assert refused.value.message.splitlines() == [
        "The file was not imported; nothing was written. Correct it and try again:",
        *problems,
    ]
    assert stored(clinic) == before


def test_clients_are_imported_once(clinic: Clinic) -> None:
    clinic.directory.add_client(clinic.admin, "Joana Costa", "", "joana@example.org")
    text = (
        "Name,Phone,E-mail,Notes\nJoana Costa,,joana@example.org,\n"
        "Joana Costa,,joana.filha@example.org,The daughter\nRui Reis,+351 911 111 222,,\n"
    )
    outcome = clinic.services.imports.run(clinic.admin, read(clinic, text, Kind.CLIENTS))
    assert (outcome.clients_added, outcome.clients_matched, outcome.booked) == (2, 1, 0)
    found = {(c.name, c.email) for c in clinic.directory.find_clients("")}
    assert found == {
        ("Joana Costa", "joana@example.org"),
        ("Joana Costa", "joana.filha@example.org"),
        ("Rui Reis", ""),
    }


def test_only_a_manager_imports(clinic: Clinic, silva: int) -> None:
    desk = clinic.sign_in(clinic.add_staff("desk", Role.RECEPTION))
    with pytest.raises(PermissionDeniedError):
        clinic.services.imports.run(desk, read(clinic, PREVIOUS))


def test_a_row_in_the_past_is_refused_with_the_reason(clinic: Clinic) -> None:
    clinic.clock.now += timedelta(days=10)
    outcome = clinic.services.imports.run(
        clinic.admin, read(clinic, "Date,Start,Duration\n2026-03-03,10:00,30\n")
    )
    assert outcome.booked == 0
    assert outcome.not_imported[0].reason == (
        "That time has already passed. Choose a time still to come."
    )


def test_an_import_and_a_desk_booking_never_overbook(clinic: Clinic, silva: int) -> None:
    """Booked before the import: the file's row at that time is refused (R1)."""
    clinic.booking.book(
        clinic.admin,
        BookingRequest(start=clinic.at(3, 9), end=clinic.at(3, 10), professional_id=silva),
    )
    outcome: ImportOutcome = clinic.services.imports.run(clinic.admin, read(clinic, PREVIOUS))
    assert outcome.booked == 2 and outcome.refused == 2
