"""booking rules; appointments' buffers, late cancellations, hours overridden

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 22:00:00.000000

- ``booking_rule``: minimum notice, maximum horizon, cancellation deadline, buffers
  and capacity limits, per clinic, professional or service, with valid dates and a
  priority. None at first: nothing booked before is refused by a rule.
- ``appointment``: the buffers it was placed with (0: none, as every appointment
  so far), whether it was cancelled late, and why a manager placed it outside
  working time. The overlap guards (SQLite triggers, the PostgreSQL exclusion
  constraint) now see the occupied range ``[start - before, end + after)``.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import scheduler_app.db.types

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of scheduler_app.db.schema_extras as of this revision.
SQLITE_UP = [
    "\nCREATE TRIGGER trg_appointment_guard_insert\nBEFORE INSERT ON appointment\nBEGIN\n    SELECT RAISE(ABORT, 'appointment_too_long')\n    WHERE strftime('%s', NEW.end_at) - strftime('%s', NEW.start_at) > 43200;\n    SELECT RAISE(ABORT, 'appointment_professional_overlap')\n    WHERE NEW.professional_id IS NOT NULL AND NEW.status IN ('checked_in', 'confirmed', 'pending') AND EXISTS (\n        SELECT 1 FROM appointment AS a\n        WHERE a.professional_id = NEW.professional_id \n          AND a.status IN ('checked_in', 'confirmed', 'pending')\n          AND a.start_at >= datetime(NEW.start_at, '-57600 seconds')\n          AND a.start_at < datetime(NEW.end_at, '+14400 seconds')\n          AND strftime('%s', a.start_at) - 60 * a.buffer_before_minutes\n              < strftime('%s', NEW.end_at) + 60 * NEW.buffer_after_minutes\n          AND strftime('%s', a.end_at) + 60 * a.buffer_after_minutes\n              > strftime('%s', NEW.start_at) - 60 * NEW.buffer_before_minutes\n    );\nEND\n",
    "\nCREATE TRIGGER trg_appointment_guard_update\nBEFORE UPDATE ON appointment\nBEGIN\n    SELECT RAISE(ABORT, 'appointment_too_long')\n    WHERE strftime('%s', NEW.end_at) - strftime('%s', NEW.start_at) > 43200;\n    SELECT RAISE(ABORT, 'appointment_professional_overlap')\n    WHERE NEW.professional_id IS NOT NULL AND NEW.status IN ('checked_in', 'confirmed', 'pending') AND EXISTS (\n        SELECT 1 FROM appointment AS a\n        WHERE a.professional_id = NEW.professional_id AND a.id <> NEW.id\n          AND a.status IN ('checked_in', 'confirmed', 'pending')\n          AND a.start_at >= datetime(NEW.start_at, '-57600 seconds')\n          AND a.start_at < datetime(NEW.end_at, '+14400 seconds')\n          AND strftime('%s', a.start_at) - 60 * a.buffer_before_minutes\n              < strftime('%s', NEW.end_at) + 60 * NEW.buffer_after_minutes\n          AND strftime('%s', a.end_at) + 60 * a.buffer_after_minutes\n              > strftime('%s', NEW.start_at) - 60 * NEW.buffer_before_minutes\n    );\nEND\n",
]
POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    "CREATE OR REPLACE FUNCTION appointment_occupied(start_at timestamptz, end_at timestamptz, before_minutes integer, after_minutes integer) RETURNS tstzrange LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT tstzrange(start_at - before_minutes * interval '1 minute', end_at + after_minutes * interval '1 minute', '[)') $$",
    "ALTER TABLE appointment ADD CONSTRAINT ck_appointment_max_duration CHECK (end_at - start_at <= interval '43200 seconds')",
    "ALTER TABLE appointment ADD CONSTRAINT ex_appointment_professional_overlap EXCLUDE USING gist (professional_id WITH =, appointment_occupied(start_at, end_at, buffer_before_minutes, buffer_after_minutes) WITH &&) WHERE (status IN ('checked_in', 'confirmed', 'pending'))",
]
# ... and as of 0001 (what the downgrade puts back).
OLD_SQLITE_UP = [
    "\nCREATE TRIGGER trg_appointment_guard_insert\nBEFORE INSERT ON appointment\nBEGIN\n    SELECT RAISE(ABORT, 'appointment_too_long')\n    WHERE strftime('%s', NEW.end_at) - strftime('%s', NEW.start_at) > 43200;\n    SELECT RAISE(ABORT, 'appointment_professional_overlap')\n    WHERE NEW.professional_id IS NOT NULL AND NEW.status IN ('checked_in', 'confirmed', 'pending') AND EXISTS (\n        SELECT 1 FROM appointment AS a\n        WHERE a.professional_id = NEW.professional_id \n          AND a.status IN ('checked_in', 'confirmed', 'pending')\n          AND a.start_at >= datetime(NEW.start_at, '-43200 seconds')\n          AND a.start_at < NEW.end_at\n          AND a.end_at > NEW.start_at\n    );\nEND\n",
    "\nCREATE TRIGGER trg_appointment_guard_update\nBEFORE UPDATE ON appointment\nBEGIN\n    SELECT RAISE(ABORT, 'appointment_too_long')\n    WHERE strftime('%s', NEW.end_at) - strftime('%s', NEW.start_at) > 43200;\n    SELECT RAISE(ABORT, 'appointment_professional_overlap')\n    WHERE NEW.professional_id IS NOT NULL AND NEW.status IN ('checked_in', 'confirmed', 'pending') AND EXISTS (\n        SELECT 1 FROM appointment AS a\n        WHERE a.professional_id = NEW.professional_id AND a.id <> NEW.id\n          AND a.status IN ('checked_in', 'confirmed', 'pending')\n          AND a.start_at >= datetime(NEW.start_at, '-43200 seconds')\n          AND a.start_at < NEW.end_at\n          AND a.end_at > NEW.start_at\n    );\nEND\n",
]
OLD_POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    "ALTER TABLE appointment ADD CONSTRAINT ck_appointment_max_duration CHECK (end_at - start_at <= interval '43200 seconds')",
    "ALTER TABLE appointment ADD CONSTRAINT ex_appointment_professional_overlap EXCLUDE USING gist (professional_id WITH =, tstzrange(start_at, end_at, '[)') WITH &&) WHERE (status IN ('checked_in', 'confirmed', 'pending'))",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS trg_appointment_guard_update",
    "DROP TRIGGER IF EXISTS trg_appointment_guard_insert",
]
POSTGRES_DOWN = [
    "ALTER TABLE appointment DROP CONSTRAINT IF EXISTS ex_appointment_professional_overlap",
    "ALTER TABLE appointment DROP CONSTRAINT IF EXISTS ck_appointment_max_duration",
]
WINDOW_INDEX = [
    "organization_id",
    "start_at",
    "end_at",
    "status",
    "professional_id",
    "conflict_id",
]
DROP_FUNCTION = (
    "DROP FUNCTION IF EXISTS appointment_occupied(timestamptz, timestamptz, integer, integer)"
)


def _run(sqlite: list[str], postgres: list[str]) -> None:
    statements = sqlite if op.get_bind().dialect.name == "sqlite" else postgres
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    op.create_table(
        "booking_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "min_notice",
                "max_horizon",
                "cancellation",
                "buffer",
                "capacity",
                name="booking_rule_kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column(
            "scope",
            sa.Enum(
                "clinic",
                "professional",
                "service",
                name="booking_rule_scope",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("professional_id", sa.Integer(), nullable=True),
        sa.Column("service_id", sa.Integer(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("notice_minutes", sa.Integer(), nullable=False),
        sa.Column("horizon_days", sa.Integer(), nullable=False),
        sa.Column("exempt_walk_ins", sa.Boolean(), nullable=False),
        sa.Column(
            "late_policy",
            sa.Enum(
                "flag",
                "refuse",
                name="booking_rule_late_policy",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("before_minutes", sa.Integer(), nullable=False),
        sa.Column("after_minutes", sa.Integer(), nullable=False),
        sa.Column("max_at_once", sa.Integer(), nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("created_at", scheduler_app.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", scheduler_app.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(scope = 'clinic' AND professional_id IS NULL AND service_id IS NULL)"
            " OR (scope = 'professional' AND professional_id IS NOT NULL AND service_id IS NULL)"
            " OR (scope = 'service' AND service_id IS NOT NULL AND professional_id IS NULL)",
            name=op.f("ck_booking_rule_scope_target"),
        ),
        sa.CheckConstraint(
            "valid_from IS NULL OR valid_until IS NULL OR valid_until >= valid_from",
            name=op.f("ck_booking_rule_valid_dates"),
        ),
        sa.CheckConstraint(
            "notice_minutes BETWEEN 0 AND 86400", name=op.f("ck_booking_rule_notice_minutes")
        ),
        sa.CheckConstraint(
            "horizon_days BETWEEN 0 AND 1830", name=op.f("ck_booking_rule_horizon_days")
        ),
        sa.CheckConstraint(
            "before_minutes BETWEEN 0 AND 120 AND after_minutes BETWEEN 0 AND 120",
            name=op.f("ck_booking_rule_buffer_minutes"),
        ),
        sa.CheckConstraint(
            "max_at_once BETWEEN 0 AND 10000", name=op.f("ck_booking_rule_max_at_once")
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_booking_rule_organization_id_organization"),
        ),
        sa.ForeignKeyConstraint(
            ["professional_id"],
            ["professional.id"],
            name=op.f("fk_booking_rule_professional_id_professional"),
        ),
        sa.ForeignKeyConstraint(
            ["service_id"], ["service.id"], name=op.f("fk_booking_rule_service_id_service")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_rule")),
    )
    with op.batch_alter_table("booking_rule", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_booking_rule_organization_id_kind"),
            ["organization_id", "kind"],
            unique=False,
        )
    # The guards read the new columns: away while the table changes (SQLite rebuilds
    # it for the CHECK, which drops its triggers anyway).
    _run(SQLITE_DOWN, POSTGRES_DOWN)
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("buffer_before_minutes", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("buffer_after_minutes", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("late_cancellation", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "outside_hours_reason", sa.String(length=500), server_default="", nullable=False
            )
        )
        batch_op.create_check_constraint(
            "buffer_minutes",
            "buffer_before_minutes BETWEEN 0 AND 120 AND buffer_after_minutes BETWEEN 0 AND 120",
        )
        # Window reads answer from the index, buffers included.
        batch_op.drop_index("ix_appointment_window")
        batch_op.create_index(
            "ix_appointment_window",
            [*WINDOW_INDEX, "buffer_before_minutes", "buffer_after_minutes"],
            unique=False,
        )
    _run(SQLITE_UP, POSTGRES_UP)


def downgrade() -> None:
    _run(SQLITE_DOWN, [*POSTGRES_DOWN, DROP_FUNCTION])
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_appointment_buffer_minutes"), type_="check")
        batch_op.drop_index("ix_appointment_window")
        batch_op.create_index("ix_appointment_window", WINDOW_INDEX, unique=False)
        batch_op.drop_column("outside_hours_reason")
        batch_op.drop_column("late_cancellation")
        batch_op.drop_column("buffer_after_minutes")
        batch_op.drop_column("buffer_before_minutes")
    _run(OLD_SQLITE_UP, OLD_POSTGRES_UP)
    with op.batch_alter_table("booking_rule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_booking_rule_organization_id_kind"))
    op.drop_table("booking_rule")
