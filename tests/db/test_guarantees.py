"""What the database itself guarantees, and that window reads use the index."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import IntegrityError

from scheduler_app.db import schedule
from scheduler_app.db.engine import Database
from scheduler_app.db.errors import translate
from scheduler_app.db.models import Appointment
from scheduler_app.services.dto import BookingRequest
from tests.conftest import Clinic

T0 = datetime(2026, 3, 3, 10, tzinfo=UTC)


def raw_row(org: int, prof: int | None, start: datetime, end: datetime, actor: int) -> dict:
    return {
        "organization_id": org,
        "professional_id": prof,
        "start_at": start,
        "end_at": end,
        "status": "confirmed",
        "priority": "normal",
        "created_by_id": actor,
        "updated_by_id": actor,
        "created_at": T0,
        "updated_at": T0,
        "version": 1,
        "title": "",
        "description": "",
        "location": "",
        "is_virtual": False,
        "meeting_url": "",
        "currency": "EUR",
        "is_billable": True,
        "cancellation_reason": "",
        "completion_notes": "",
        "completion_feedback": "",
        "external_id": "",
        "external_url": "",
    }


def test_database_refuses_overlap_for_one_professional(clinic: Clinic) -> None:
    (p1,) = clinic.professionals("P1")
    org = clinic.services.context.organization_id
    db = clinic.services.database
    with db.engine.begin() as conn:
        conn.execute(insert(Appointment), raw_row(org, p1, T0, T0 + timedelta(hours=1), 1))
    with pytest.raises(IntegrityError) as caught, db.engine.begin() as conn:
        conn.execute(
            insert(Appointment),
            raw_row(org, p1, T0 + timedelta(minutes=30), T0 + timedelta(hours=2), 1),
        )
    assert "already has an appointment" in translate(caught.value).message
    with db.engine.begin() as conn:  # back to back is allowed
        conn.execute(
            insert(Appointment),
            raw_row(org, p1, T0 + timedelta(hours=1), T0 + timedelta(hours=2), 1),
        )


def test_database_refuses_over_long_appointments(clinic: Clinic) -> None:
    org = clinic.services.context.organization_id
    with pytest.raises(IntegrityError), clinic.services.database.engine.begin() as conn:
        conn.execute(insert(Appointment), raw_row(org, None, T0, T0 + timedelta(hours=13), 1))


def _fill(clinic: Clinic, rows: int) -> None:
    p = clinic.professionals(*(f"P{i}" for i in range(10)))
    org = clinic.services.context.organization_id
    base = datetime(2025, 1, 1, tzinfo=UTC)
    batch = [
        raw_row(
            org,
            p[i % 10],
            base + timedelta(hours=i // 10),
            base + timedelta(hours=i // 10, minutes=50),
            1,
        )
        for i in range(rows)
    ]
    with clinic.services.database.engine.begin() as conn:
        conn.execute(insert(Appointment), batch)
        if not clinic.services.database.is_sqlite:
            conn.execute(text("ANALYZE appointment"))


def _plan(db: Database, start: datetime) -> str:
    """The database's plan for the availability window read."""
    params = schedule.window_params(1, start, start + timedelta(hours=1))
    with db.engine.connect() as conn:
        compiled = schedule.active_window_statement(db.dialect).compile(conn)
        values = compiled.construct_params(params)
        for name, value in list(values.items()):
            process = compiled.binds[name].type.bind_processor(conn.dialect)
            values[name] = process(value) if process else value
        if db.is_sqlite:
            ordered = tuple(values[name] for name in compiled.positiontup or ())
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", ordered)
            return " | ".join(str(r[-1]) for r in rows)
        rows = conn.exec_driver_sql(f"EXPLAIN {compiled}", values)
        return " | ".join(r[0] for r in rows)


def test_window_read_uses_the_index(clinic: Clinic) -> None:
    _fill(clinic, 20_000)
    db: Database = clinic.services.database
    start = datetime(2025, 3, 1, 10, tzinfo=UTC)
    plan = _plan(db, start)
    print(plan)
    assert "ix_appointment_window" in plan, plan
    assert "SCAN appointment" not in plan and "Seq Scan" not in plan, plan
    with db.engine.connect() as conn:
        lo = int(start.timestamp())
        rows = schedule.window_edge(conn, 1, lo, lo + 3600)
    assert len(rows) == 10


def test_booking_through_the_services_after_raw_rows(clinic: Clinic) -> None:
    _fill(clinic, 200)
    # Everyone is busy on 2025-01-01 00:00-08:00, but the clinic's "now" is March 2026.
    appt = clinic.booking.book(clinic.admin, BookingRequest(start=clinic.at(3, 10)))
    assert appt.professional_id is None
