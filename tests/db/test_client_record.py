"""The client record: merging duplicates, exporting everything, erasing on request."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import JSON, String, Text, func, select

from scheduler_app.db.base import Base
from scheduler_app.db.models import AuditEntry, Client, Role
from scheduler_app.db.notification_models import Notification
from scheduler_app.errors import PermissionDeniedError, ValidationError
from scheduler_app.services.client_record import pseudonym
from scheduler_app.services.dto import AppointmentView, BookingRequest, ClientDetails
from tests.conftest import NOW, Clinic

NAME, PHONE, EMAIL = "Zebedeu Quarantotto", "+351 910 000 777", "zebedeu.q@example.invalid"


def _book(clinic: Clinic, client: int, day: int, hour: int, **extra: Any) -> AppointmentView:
    return clinic.booking.book(
        clinic.admin,
        BookingRequest(
            start=clinic.at(day, hour), end=clinic.at(day, hour, 45), client_id=client, **extra
        ),
    )


def _everything_said_about(clinic: Clinic) -> int:
    """A client with details, a history, messages and audit entries naming them."""
    clients = clinic.services.clients
    client = clients.add(
        clinic.admin, ClientDetails(NAME, PHONE, EMAIL, notes="Allergic to latex")
    ).id
    clients.update(
        clinic.admin, client, ClientDetails(NAME, PHONE, EMAIL.upper(), notes="Prefers mornings")
    )
    clients.update(clinic.admin, client, ClientDetails(NAME, PHONE, EMAIL, notes="Mornings"))
    (prof,) = clinic.professionals("Dr Ana Silva")
    done = _book(
        clinic, client, 3, 10, professional_id=prof, title=f"Check-up {NAME}", location="Room 2"
    )
    gone = _book(clinic, client, 4, 11, description=f"Call {PHONE} before")
    clinic.lifecycle.cancel(clinic.admin, gone.id, gone.version, f"{NAME} is ill")
    clinic.clock.now = clinic.at(3, 10, 5)
    done = clinic.lifecycle.check_in(clinic.admin, done.id, done.version)
    clinic.clock.now = clinic.at(3, 12)
    clinic.lifecycle.complete(
        clinic.admin, done.id, done.version, notes=f"{NAME} did well", rating=5, feedback="Great"
    )
    return client


def _text_columns() -> list[tuple[str, str, bool]]:
    """(table, column, is JSON) of every text column of every table."""
    found = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, String | Text):
                found.append((table.name, column.name, False))
            elif isinstance(column.type, JSON):
                found.append((table.name, column.name, True))
    return found


def _everywhere(clinic: Clinic, needles: list[str]) -> list[str]:
    """Where (table.column) any of ``needles`` is still written, whatever the case."""
    wanted = [n.lower() for n in needles]
    left = []
    with clinic.services.database.engine.connect() as conn:
        for table, column, is_json in _text_columns():
            t = Base.metadata.tables[table]
            for (value,) in conn.execute(select(t.c[column])):
                if value is None:
                    continue
                text = json.dumps(value, ensure_ascii=False) if is_json else str(value)
                if any(n in text.lower() for n in wanted):
                    left.append(f"{table}.{column}")
    return sorted(set(left))


def test_erasing_leaves_nothing_of_the_client_in_any_table(clinic: Clinic) -> None:
    client = _everything_said_about(clinic)
    twin = clinic.services.clients.add(clinic.admin, ClientDetails("Zebedeu Q.", "", EMAIL)).id
    now, clinic.clock.now = clinic.clock.now, NOW
    _book(clinic, twin, 2, 9)  # in the past by now, never confirmed
    clinic.clock.now = now
    clinic.services.client_record.merge(clinic.admin, client, twin)
    needles = [NAME, PHONE, EMAIL, "Zebedeu Q."]
    assert "client.name" in _everywhere(clinic, needles)  # the scan finds them before
    assert "notification.message" in _everywhere(clinic, needles)
    assert "audit_entry.after" in _everywhere(clinic, needles)

    erased = clinic.services.client_record.erase(clinic.admin, client)

    assert _everywhere(clinic, needles) == []
    assert (erased.name, erased.phone, erased.email, erased.is_active) == (
        pseudonym(client),
        "",
        "",
        False,
    )
    history = clinic.services.clients.history(client)  # anonymous statistics stay
    assert (history.total, len(history.appointments)) == (3, 3)
    assert {a.status for a in history.appointments} == {"completed", "cancelled", "pending"}
    with clinic.services.database.engine.connect() as conn:
        notes = conn.execute(select(Client.notes).where(Client.id.in_([client, twin]))).all()
        entry = conn.execute(
            select(AuditEntry.after).where(AuditEntry.action == "erase")
        ).scalar_one()
    assert notes == [("",), ("",)]
    assert entry["clients"] == [client, twin]
    assert clinic.services.clients.find("zebedeu", archived=True) == []
    with pytest.raises(ValidationError, match="record was erased"):
        clinic.services.client_record.erase(clinic.admin, client)


def test_a_client_with_appointments_to_come_is_not_erased(clinic: Clinic) -> None:
    client = clinic.client(NAME)
    clinic.professionals("Dr Ana Silva")
    _book(clinic, client, 20, 10)
    with pytest.raises(ValidationError, match="still has appointments to come"):
        clinic.services.client_record.erase(clinic.admin, client)
    assert clinic.services.clients.get(client).name == NAME


def test_merging_moves_the_history_and_keeps_the_duplicate_hidden(clinic: Clinic) -> None:
    clients = clinic.services.clients
    keep = clients.add(clinic.admin, ClientDetails("Rita Lopes", "+351 911 111 111")).id
    duplicate = clients.add(
        clinic.admin, ClientDetails("Rita M. Lopes", "", "rita@example.invalid", notes="VIP")
    ).id
    clinic.professionals("Dr Ana Silva")
    first = _book(clinic, keep, 3, 10)
    second = _book(clinic, duplicate, 4, 10)
    third = _book(clinic, duplicate, 5, 10)
    clinic.lifecycle.cancel(clinic.admin, third.id, third.version, "Away")

    kept = clinic.services.client_record.merge(clinic.admin, keep, duplicate)

    assert (kept.name, kept.phone, kept.email, kept.notes) == (
        "Rita Lopes",
        "+351 911 111 111",
        "rita@example.invalid",
        "VIP",
    )
    history = clients.history(keep)
    assert sorted(a.id for a in history.appointments) == sorted([first.id, second.id, third.id])
    assert clients.history(duplicate).total == 0
    moved = clinic.booking.get(second.id)
    assert (moved.client_id, moved.version) == (keep, second.version + 1)
    assert [c.id for c in clients.find("rita", archived=True)] == [keep]  # hidden
    assert [c.id for c in clients.find("rita@example")] == [keep]  # found by the filled e-mail
    with clinic.services.database.engine.connect() as conn:
        messages = conn.execute(
            select(func.count()).where(Notification.appointment_id == second.id)
        ).scalar_one()
        marked = conn.execute(
            select(Client.merged_into_id, Client.is_active).where(Client.id == duplicate)
        ).one()
        actions = conn.execute(
            select(AuditEntry.action, AuditEntry.entity, AuditEntry.entity_id)
            .where(AuditEntry.action.in_(["merge", "merged_into"]))
            .order_by(AuditEntry.id)
        ).all()
        duplicate_trail = conn.execute(
            select(func.count()).where(
                AuditEntry.entity == "client",
                AuditEntry.entity_id == duplicate,
                AuditEntry.action != "viewed",  # looking at a record is logged too
            )
        ).scalar_one()
    assert messages > 0  # the messages stay with their appointment, now the kept client's
    assert tuple(marked) == (keep, False)
    assert actions == [
        ("merge", "client", keep),
        ("merged_into", "client", duplicate),
        ("merge", "appointment", second.id),
        ("merge", "appointment", third.id),
    ]
    assert duplicate_trail == 2  # added, merged: its audit is kept
    with pytest.raises(ValidationError, match="was merged into another client"):
        clients.set_archived(clinic.admin, duplicate, False)
    with pytest.raises(ValidationError, match="was merged into another client"):
        clinic.services.client_record.merge(clinic.admin, keep, duplicate)


def test_merging_and_erasing_are_for_managers(clinic: Clinic) -> None:
    keep, duplicate = clinic.client("Ana Reis"), clinic.client("Ana Reis")
    desk = clinic.sign_in(clinic.add_staff("reception", Role.RECEPTION))
    record = clinic.services.client_record
    with pytest.raises(PermissionDeniedError, match="Only a manager or admin"):
        record.merge(desk, keep, duplicate)
    with pytest.raises(PermissionDeniedError, match="Only a manager or admin"):
        record.erase(desk, keep)
    clinic.sign_in(clinic.admin)
    with pytest.raises(ValidationError, match="two different clients"):
        record.merge(clinic.admin, keep, keep)
    manager = clinic.sign_in(clinic.add_staff("manager", Role.MANAGER))
    assert record.merge(manager, keep, duplicate).id == keep


def test_the_export_holds_everything_as_json_and_csv(clinic: Clinic, tmp_path: Path) -> None:
    client = _everything_said_about(clinic)
    export = clinic.services.client_record.export(client)
    written = export.write(tmp_path / "export")
    names = sorted(p.name for p in written)
    stem = f"client-{client}"
    assert names == sorted(
        f"{stem}{part}"
        for part in (
            ".json",
            "-details.csv",
            "-appointments.csv",
            "-notifications.csv",
            "-audit.csv",
        )
    )
    document = json.loads((tmp_path / "export" / f"{stem}.json").read_text("utf-8"))
    assert [d["name"] for d in document["details"]] == [NAME]
    assert document["details"][0]["notes"] == "Mornings"
    assert [a["status"] for a in document["appointments"]] == ["completed", "cancelled"]
    assert document["appointments"][0]["professional"] == "Dr Ana Silva"
    assert document["appointments"][0]["completion_notes"] == f"{NAME} did well"
    assert document["notifications"] and all(
        n["appointment_id"] in {a["id"] for a in document["appointments"]}
        for n in document["notifications"]
    )
    assert [e["action"] for e in document["audit"] if e["entity"] == "client"] == [
        "add",
        "update",
        "update",
    ]
    with (tmp_path / "export" / f"{stem}-appointments.csv").open(encoding="utf-8-sig") as f:
        appointments = list(csv.DictReader(f))
    assert [a["title"] for a in appointments] == [f"Check-up {NAME}", ""]
    audit = (tmp_path / "export" / f"{stem}-audit.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(audit)))
    assert json.loads(rows[0]["after"])["email"] == EMAIL
    assert document["exported_at"] == clinic.clock.now.isoformat()
