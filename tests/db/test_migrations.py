"""Migrations: the models and `alembic upgrade head` agree; every step goes down and up."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from scheduler_app.db import (
    migrate,
    notification_models,  # noqa: F401  (its tables)
    working_time_models,  # noqa: F401  (its tables)
)
from scheduler_app.db.base import Base
from scheduler_app.db.engine import Database, open_database, sqlite_url
from scheduler_app.db.sqlite_file import APPLICATION_ID
from scheduler_app.db.types import UTCDateTime
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.dto import BookingRequest
from tests.conftest import make_clinic

TABLES = {
    "appointment_placement",
    "schedule_day",
    "report_day",
    "report_day_stamp",
    "calendar_integration",
    "resource_hours",
    "resource",
    "appointment_resource",
    "service_need",
    "skill",
    "professional_skill",
    "service_skill",
    "team",
    "team_member",
    "service_team",
    "organization",
    "staff_user",
    "professional",
    "client",
    "service",
    "series",
    "appointment",
    "audit_entry",
    "notification",
    "message_template",
    "conflict",
    "conflict_appointment",
    "work_range",
    "work_day",
    "time_off",
    "holiday_opening",
    "schedule_template",
}


def _guards(database: Database) -> set[str]:
    """The database-side guarantees beyond plain columns (triggers / constraints)."""
    with database.engine.connect() as conn:
        if database.is_sqlite:
            rows = conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            ).scalars()
        else:
            rows = conn.exec_driver_sql(
                "SELECT conname FROM pg_constraint WHERE conrelid = 'appointment'::regclass "
                "AND contype IN ('x', 'c')"
            ).scalars()
        return set(rows)


def test_upgrade_head_matches_the_models(database: Database) -> None:
    with database.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    assert migrate.current_revision(database) == migrate.head_revision()


def test_create_all_and_upgrade_give_the_same_schema(database: Database, tmp_path: Path) -> None:
    if database.is_sqlite:
        other = open_database(sqlite_url(tmp_path / "create_all.sqlite3"))
        Base.metadata.create_all(other.engine)
        try:
            with other.engine.connect() as conn:
                assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
            assert _guards(other) == _guards(database)
            assert {
                t: sorted(c["name"] for c in inspect(other.engine).get_columns(t)) for t in TABLES
            } == {
                t: sorted(c["name"] for c in inspect(database.engine).get_columns(t))
                for t in TABLES
            }
        finally:
            other.dispose()
    else:
        assert {
            "ex_appointment_professional_overlap",
            "ck_appointment_max_duration",
            "ck_appointment_ends_after_start",
        } <= _guards(database)


def test_every_migration_goes_down_and_up(database: Database) -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    revisions = [r.revision for r in script.walk_revisions("base", "heads")]
    assert revisions, "no migrations found"
    guards = _guards(database)
    for revision in revisions:  # newest first
        previous = script.get_revision(revision).down_revision
        migrate.downgrade(database, revision)
        at_revision = _guards(database)
        migrate.downgrade(database, previous or "base")
        migrate.upgrade(database, revision)
        assert migrate.current_revision(database) == revision
        assert _guards(database) == at_revision, f"safeguards lost going down and up at {revision}"
    migrate.downgrade(database, "base")
    assert TABLES.isdisjoint(inspect(database.engine).get_table_names())
    migrate.upgrade(database)
    assert set(inspect(database.engine).get_table_names()) >= TABLES
    assert _guards(database) == guards


def test_head_constant_matches_the_migrations() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert script.get_current_head() == migrate.HEAD_REVISION
    oldest_first = [r.revision for r in script.walk_revisions("base", "heads")][::-1]
    assert tuple(oldest_first) == migrate.REVISIONS


_ORGANIZATION = sa.table(
    "organization",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("timezone", sa.String),
    sa.column("slot_minutes", sa.Integer),
    sa.column("default_duration_minutes", sa.Integer),
    sa.column("opens_at", sa.Time),
    sa.column("closes_at", sa.Time),
    sa.column("currency", sa.String),
    sa.column("created_at", UTCDateTime()),
)


def _application_id(database: Database) -> int:
    with database.engine.connect() as conn:
        return int(conn.exec_driver_sql("PRAGMA application_id").scalar() or 0)


def test_clinics_made_before_the_clinic_id_get_one_each(database: Database) -> None:
    migrate.downgrade(database, "0003")
    if database.is_sqlite:
        assert _application_id(database) == 0
    with database.engine.begin() as conn:
        conn.execute(
            _ORGANIZATION.insert(),
            [
                {
                    "name": name,
                    "timezone": "Europe/Lisbon",
                    "slot_minutes": 15,
                    "default_duration_minutes": 60,
                    "opens_at": datetime(2026, 1, 1, 8).time(),
                    "closes_at": datetime(2026, 1, 1, 19).time(),
                    "currency": "EUR",
                    "created_at": datetime(2026, 1, 1, tzinfo=UTC),
                }
                for name in ("Clinic A", "Clinic B")
            ],
        )
    migrate.upgrade(database)
    with database.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT name, clinic_id FROM organization ORDER BY id")).all()
    assert [name for name, _ in rows] == ["Clinic A", "Clinic B"]
    ids = [str(uuid.UUID(clinic_id)) for _, clinic_id in rows]  # UUIDs, one each
    assert len(set(ids)) == 2
    if database.is_sqlite:
        assert _application_id(database) == APPLICATION_ID
    migrate.downgrade(database, "0003")  # and back, data kept
    migrate.upgrade(database)
    with database.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM organization")).scalar() == 2


def test_clinics_from_before_the_set_up_keep_their_hours_order_and_clients(
    database: Database,
) -> None:
    migrate.downgrade(database, "0006")
    created = datetime(2026, 1, 1, tzinfo=UTC)
    organization = sa.table(
        "organization",
        sa.column("clinic_id", sa.String),
        *(sa.column(c.name, c.type) for c in _ORGANIZATION.c),
    )
    with database.engine.begin() as conn:
        conn.execute(
            organization.insert(),
            [
                {
                    "clinic_id": str(uuid.uuid4()),
                    "name": name,
                    "timezone": "Europe/Lisbon",
                    "slot_minutes": 15,
                    "default_duration_minutes": 60,
                    "opens_at": datetime(2026, 1, 1, 7, 30).time(),
                    "closes_at": datetime(2026, 1, 1, 20).time(),
                    "currency": "EUR",
                    "created_at": created,
                }
                for name in ("Working clinic", "Empty clinic")
            ],
        )
        conn.execute(
            sa.text(
                "INSERT INTO service (organization_id, name, duration_minutes, price, currency, "
                "color, is_active, reminder_minutes) VALUES "
                "(1, 'Follow-up', 20, 30, 'EUR', '#70ad47', true, ''), "
                "(1, 'Consultation', 30, 45, 'EUR', '#5b9bd5', true, '')"
            )
        )
        conn.execute(
            sa.text(
                "INSERT INTO client (organization_id, name, phone, email, notes, is_active, "
                "created_at) VALUES (1, 'João Gonçalves', '+351 912 345 678', '', '', true, :at), "
                "(1, 'Ana Silva', '', 'Ana@Example.org', '', true, :at)"
            ),
            {"at": created},
        )
    migrate.upgrade(database)
    with database.engine.connect() as conn:
        hours = conn.execute(
            sa.text("SELECT organization_id, weekday, opens, closes FROM opening_hours")
        ).all()
        set_up = conn.execute(sa.text("SELECT set_up_at FROM organization ORDER BY id")).all()
        services = conn.execute(sa.text("SELECT name FROM service ORDER BY sort_order")).all()
        clients = conn.execute(
            sa.text(
                "SELECT name, preferred_channel, reminder_consent, search_key, date_of_birth "
                "FROM client ORDER BY id"
            )
        ).all()
    # The one opening and closing time held every day: kept on all seven.
    assert sorted((org, day) for org, day, _o, _c in hours) == [
        (org, day) for org in (1, 2) for day in range(7)
    ]
    assert {(str(o)[:5], str(c)[:5]) for _org, _d, o, c in hours} == {("07:30", "20:00")}
    assert set_up[0][0] is not None and set_up[1][0] is None  # only the empty one is new
    assert [name for (name,) in services] == ["Consultation", "Follow-up"]
    assert [(c[0], c[1], bool(c[2]), c[3], c[4]) for c in clients] == [
        ("João Gonçalves", "sms", True, "joao goncalves 351912345678", None),
        ("Ana Silva", "email", True, "ana silva ana@example.org", None),
    ]
    migrate.downgrade(database, "0006")  # and back, data kept
    migrate.upgrade(database)
    with database.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM client")).scalar() == 2
        assert conn.execute(sa.text("SELECT count(*) FROM opening_hours")).scalar() == 14


def test_rescheduled_appointments_become_cancelled_ones(database: Database) -> None:
    """Nothing sets "rescheduled" any more: kept ones show as cancelled, with a reason."""
    clinic = make_clinic(database)
    clinic.professionals("Dr Silva", "Dr Rossi")
    kept = clinic.booking.book(
        clinic.admin, BookingRequest(start=clinic.at(10, 9), end=clinic.at(10, 10))
    )
    with_reason = clinic.booking.book(
        clinic.admin, BookingRequest(start=clinic.at(10, 11), end=clinic.at(10, 12))
    )
    migrate.downgrade(database, "0009")
    with database.engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE appointment SET status = 'rescheduled' WHERE id IN (:a, :b)"),
            {"a": kept.id, "b": with_reason.id},
        )
        conn.execute(
            sa.text("UPDATE appointment SET cancellation_reason = 'Moved to May' WHERE id = :b"),
            {"b": with_reason.id},
        )
    migrate.upgrade(database)
    shown = {a.id: a for a in clinic.booking.appointments_on(clinic.at(10, 0).date())}
    assert shown[kept.id].status is AppointmentStatus.CANCELLED
    assert shown[kept.id].cancellation_reason == "Rescheduled"
    assert shown[with_reason.id].cancellation_reason == "Moved to May"
    if not database.is_sqlite:  # the server refuses the value from now on
        with pytest.raises(sa.exc.IntegrityError), database.engine.begin() as conn:
            conn.execute(
                sa.text("UPDATE appointment SET status = 'rescheduled' WHERE id = :a"),
                {"a": kept.id},
            )


def test_accounts_from_before_sign_in_keep_their_roles_and_the_admin_chooses_a_password(
    database: Database,
) -> None:
    """Accounts named after the computer's login (before sign-in existed) keep their
    id and role and have no password; the first start asks the administrator for one."""
    from scheduler_app.services.bundle import build_services
    from scheduler_app.services.staff import FirstAccount, SignInError

    clinic = build_services(database, timezone="Europe/Lisbon")  # a clinic at head...
    migrate.downgrade(database, "0011")  # ...as it was before sign-in
    with database.engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO staff_user (organization_id, username, display_name, role, "
                "is_active) VALUES (:org, 'maria', 'maria', 'admin', true), "
                "(:org, 'frontdesk', 'frontdesk', 'reception', true)"
            ),
            {"org": clinic.context.organization_id},
        )
    migrate.upgrade(database)
    with database.engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT username, role, password_hash, must_change_password, failed_attempts "
                "FROM staff_user ORDER BY id"
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        ("maria", "admin", None, False, 0),
        ("frontdesk", "reception", None, False, 0),
    ]
    services = build_services(database)
    assert services.staff.first_account() == FirstAccount("maria", "maria")
    with pytest.raises(SignInError, match="no password yet"):
        services.staff.sign_in("frontdesk", "anything at all")
    maria = services.staff.create_first_admin("maria", "Maria Sousa", "maria's password")
    assert services.staff.first_account() is None and maria.role.value == "admin"


def test_conflicts_keep_their_rows_and_admit_the_new_statuses(database: Database) -> None:
    """0011 replaces the kind and status checks (SQLite rebuilds the table): conflicts
    recorded before it keep their rows, get an impact, and can be escalated."""
    clinic = make_clinic(database)
    silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    for prof in (silva, becker):
        clinic.booking.book(
            clinic.admin,
            BookingRequest(start=clinic.at(10, 9), end=clinic.at(10, 10), professional_id=prof),
        )
    clinic.services.professionals.leave(clinic.admin, becker, force_reason="Moving abroad")
    (conflict,) = clinic.services.conflicts.unresolved()
    clinic.services.conflicts.escalate(clinic.admin, conflict.id, "Urgent")
    migrate.downgrade(database, "0012")
    with database.engine.connect() as conn:
        kept = conn.execute(sa.text("SELECT status, reason FROM conflict")).one()
    assert tuple(kept) == ("open", "Moving abroad")
    migrate.upgrade(database)
    (again,) = clinic.services.conflicts.unresolved()
    assert (again.id, again.status, again.impact, again.reason) == (
        conflict.id,
        "open",
        "high",
        "Moving abroad",
    )
    clinic.services.conflicts.escalate(clinic.admin, conflict.id)
    assert clinic.services.conflicts.unresolved()[0].status == "escalated"
    with pytest.raises(sa.exc.IntegrityError), database.engine.begin() as conn:
        conn.execute(sa.text("UPDATE conflict SET status = 'pondering'"))


def test_appointments_keep_their_guard_across_the_booking_rules_migration(
    database: Database,
) -> None:
    """0014 with data: appointments booked before it occupy exactly their times (no
    buffers), and the overlap guard holds at 0013 and at head, buffers included."""
    from tests.conftest import make_clinic

    clinic = make_clinic(database)
    (silva,) = clinic.professionals("Dr Silva")
    booked = clinic.booking.book(
        clinic.admin,
        BookingRequest(start=clinic.at(4, 10), end=clinic.at(4, 11), professional_id=silva),
    )
    clinic.services.database.engine.dispose()
    insert = sa.text(
        "INSERT INTO appointment (organization_id, title, description, start_at, end_at, "
        "status, priority, professional_id, location, is_virtual, meeting_url, currency, "
        "is_billable, cancellation_reason, completion_notes, completion_feedback, external_id, "
        "external_url, created_by_id, updated_by_id, created_at, updated_at, version) "
        "VALUES (1, '', '', :start, :end, 'pending', 'normal', :prof, '', false, '', 'EUR', "
        "true, '', '', '', '', '', 1, 1, :start, :start, 1)"
    ).bindparams(
        sa.bindparam("start", type_=UTCDateTime()), sa.bindparam("end", type_=UTCDateTime())
    )
    overlap = {"start": clinic.at(4, 10, 30), "end": clinic.at(4, 11, 30), "prof": silva}
    after = {"start": clinic.at(4, 11), "end": clinic.at(4, 11, 20), "prof": silva}
    migrate.downgrade(database, "0013")
    with pytest.raises(sa.exc.DBAPIError, match="overlap"), database.engine.begin() as conn:
        conn.execute(insert, overlap)
    migrate.upgrade(database)
    with database.engine.connect() as conn:
        row = conn.execute(
            sa.text(
                "SELECT buffer_before_minutes, buffer_after_minutes, late_cancellation, "
                "outside_hours_reason FROM appointment WHERE id = :id"
            ),
            {"id": booked.id},
        ).one()
    assert (row[0], row[1], bool(row[2]), row[3]) == (0, 0, False, "")
    with pytest.raises(sa.exc.DBAPIError, match="overlap"), database.engine.begin() as conn:
        conn.execute(insert, overlap)
    with database.engine.begin() as conn:  # back to back still fits
        conn.execute(insert, after)
    buffer = sa.text("UPDATE appointment SET buffer_after_minutes = 5 WHERE id = :id")
    # A buffer that reaches the next appointment is refused by the database itself.
    with pytest.raises(sa.exc.DBAPIError, match="overlap"), database.engine.begin() as conn:
        conn.execute(buffer, {"id": booked.id})
    with database.engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE appointment SET buffer_before_minutes = 30 WHERE id = :id"),
            {"id": booked.id},
        )


def test_appointments_keep_their_rows_and_guard_across_the_series_migration(
    database: Database,
) -> None:
    """0016 with data: appointments booked before it come through the table's rebuild
    unchanged, in no series, and the overlap guard still holds; going down keeps them."""
    from tests.conftest import make_clinic

    clinic = make_clinic(database)
    (silva,) = clinic.professionals("Dr Silva")
    booked = [
        clinic.booking.book(
            clinic.admin,
            BookingRequest(
                start=clinic.at(4, hour), end=clinic.at(4, hour, 45), professional_id=silva
            ),
        )
        for hour in (9, 10, 11)
    ]
    clinic.services.database.engine.dispose()
    columns = "id, start_at, end_at, status, professional_id, version"
    read = sa.text(f"SELECT {columns} FROM appointment ORDER BY id")
    with database.engine.connect() as conn:
        before = conn.execute(read).all()
    assert [r[0] for r in before] == [b.id for b in booked]
    migrate.downgrade(database, "0014")
    with database.engine.connect() as conn:
        assert conn.execute(read).all() == before
    migrate.upgrade(database)
    with database.engine.connect() as conn:
        assert conn.execute(read).all() == before
        series = conn.execute(sa.text("SELECT series_id, occurrence_start FROM appointment")).all()
    assert set(series) == {(None, None)}
    overlap = sa.text("UPDATE appointment SET end_at = :end WHERE id = :id").bindparams(
        sa.bindparam("end", type_=UTCDateTime())
    )
    with pytest.raises(sa.exc.DBAPIError, match="overlap"), database.engine.begin() as conn:
        conn.execute(overlap, {"end": clinic.at(4, 10, 30), "id": booked[0].id})


def test_appointments_keep_their_rows_and_guard_across_the_joint_migration(
    database: Database,
) -> None:
    """0026 with data: appointments come through the table's rebuild unchanged, none a
    piece of another, the overlap guard holds, and deleting a lead deletes its pieces."""
    from tests.conftest import make_clinic

    clinic = make_clinic(database)
    silva, becker = clinic.professionals("Dr Silva", "Tom Becker")
    booked = [
        clinic.booking.book(
            clinic.admin,
            BookingRequest(
                start=clinic.at(4, hour), end=clinic.at(4, hour, 45), professional_id=silva
            ),
        )
        for hour in (9, 10, 11)
    ]
    clinic.services.database.engine.dispose()
    columns = "id, start_at, end_at, status, professional_id, version"
    read = sa.text(f"SELECT {columns} FROM appointment ORDER BY id")
    with database.engine.connect() as conn:
        before = conn.execute(read).all()
    migrate.downgrade(database, "0025")
    with database.engine.connect() as conn:
        assert conn.execute(read).all() == before
    assert "joint_of" not in {
        c["name"] for c in inspect(database.engine).get_columns("appointment")
    }
    migrate.upgrade(database)
    with database.engine.connect() as conn:
        assert conn.execute(read).all() == before
        joint = conn.execute(sa.text("SELECT joint_of FROM appointment")).scalars().all()
    assert set(joint) == {None}
    overlap = sa.text("UPDATE appointment SET end_at = :end WHERE id = :id").bindparams(
        sa.bindparam("end", type_=UTCDateTime())
    )
    with pytest.raises(sa.exc.DBAPIError, match="overlap"), database.engine.begin() as conn:
        conn.execute(overlap, {"end": clinic.at(4, 10, 30), "id": booked[0].id})
    lead = clinic.booking.book(
        clinic.admin,
        BookingRequest(
            start=clinic.at(5, 9),
            end=clinic.at(5, 10),
            professional_id=silva,
            with_professionals=(becker,),
        ),
    )
    count = sa.text("SELECT count(*) FROM appointment WHERE joint_of = :lead")
    with database.engine.begin() as conn:
        assert conn.execute(count, {"lead": lead.id}).scalar() == 1
        conn.execute(
            sa.text("DELETE FROM notification WHERE appointment_id = :lead"), {"lead": lead.id}
        )
        conn.execute(sa.text("DELETE FROM appointment WHERE id = :lead"), {"lead": lead.id})
        assert conn.execute(count, {"lead": lead.id}).scalar() == 0


def test_templates_from_before_the_template_fields_keep_their_meaning(database: Database) -> None:
    """0018 with data: a template saved before it repeats every week, lists no dates,
    has no price and brings no booking rule, and is copied as before."""
    from datetime import date, time

    clinic = make_clinic(database)
    (silva,) = clinic.professionals("Dr Silva")
    clinic.services.database.engine.dispose()
    migrate.downgrade(database, "0014")
    with database.engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO schedule_template (organization_id, name, description, kind, "
                "weekdays, starts, ends, slot_minutes, is_active, is_default) VALUES "
                "(1, 'Mornings', '', 'weekly', 3, :starts, :ends, 30, true, false)"
            ).bindparams(
                sa.bindparam("starts", type_=sa.Time()), sa.bindparam("ends", type_=sa.Time())
            ),
            {"starts": time(8), "ends": time(13)},
        )
    migrate.upgrade(database)
    (template,) = clinic.services.schedule_templates.templates()
    d = template.details
    assert (d.interval, d.dates, d.month_days, d.year_days, d.price) == (1, (), (), (), None)
    assert (d.min_notice_minutes, d.max_horizon_days, d.weekdays) == (None, None, (0, 1))
    clinic.services.schedule_templates.copy_into_plan(
        clinic.admin, template.id, silva, date(2026, 3, 9), date(2026, 3, 15)
    )
    plan = clinic.services.working_time.weekly_plan(silva)
    assert sorted((r.weekday, r.week_parity) for r in plan if r.valid_from == date(2026, 3, 9)) == [
        (0, None),
        (1, None),
    ]
    assert clinic.services.rules.rules() == []
    with pytest.raises(sa.exc.IntegrityError), database.engine.begin() as conn:
        conn.execute(sa.text("UPDATE schedule_template SET repeat_interval = 0"))
