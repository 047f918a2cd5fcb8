"""resources and skills: rooms and equipment that appointments hold, what services
need, and professionals' skills

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-12 02:00:00.000000

- ``resource``: a clinic's rooms, equipment, vehicles and other things, each with a
  category, a capacity (how many appointments at once), location, costs and
  specifications.
- ``appointment_resource``: which resources an appointment holds, with its times
  and whether it is active (kept with the appointment), so the database guards
  resources of capacity 1 itself: an exclusion constraint on PostgreSQL, triggers
  on SQLite.
- ``service_need``: a service needs N resources of a category.
- ``time_off.resource_id`` and the kind "maintenance": a resource's maintenance
  windows in the same model as professionals' absences and clinic closures.
- ``organization.uses_resources``: false for every clinic so far.
- ``skill``, ``professional_skill``, ``service_skill``: what professionals can do
  and what services need of whoever takes them (none so far: anyone takes anything,
  as before).
- ``team``, ``team_member``, ``service_team``: professionals working together, with
  a role, certifications and hours a week each, and the services a team gives.

No row changes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import scheduler_app.db.types

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of scheduler_app.db.schema_extras (resource guards) as of this revision.
SQLITE_UP = [
    f"""
CREATE TRIGGER trg_appointment_resource_guard_{event.lower()}
BEFORE {event} ON appointment_resource
BEGIN
    SELECT RAISE(ABORT, 'appointment_resource_overlap')
    WHERE NEW.active AND NEW.single AND EXISTS (
        SELECT 1 FROM appointment_resource AS h
        WHERE h.resource_id = NEW.resource_id AND h.appointment_id <> NEW.appointment_id
          AND h.active AND h.single
          AND h.start_at < NEW.end_at AND h.end_at > NEW.start_at
    );
END
"""
    for event in ("INSERT", "UPDATE")
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS trg_appointment_resource_guard_update",
    "DROP TRIGGER IF EXISTS trg_appointment_resource_guard_insert",
]
POSTGRES_UP = [
    "ALTER TABLE appointment_resource ADD CONSTRAINT ex_appointment_resource_overlap "
    "EXCLUDE USING gist (resource_id WITH =, tstzrange(start_at, end_at, '[)') WITH &&) "
    "WHERE (active AND single)"
]
POSTGRES_DOWN = [
    "ALTER TABLE appointment_resource DROP CONSTRAINT IF EXISTS ex_appointment_resource_overlap"
]

_KINDS = "'vacation', 'sick', 'training', 'absence', 'blackout', 'closure'"
_KIND_CHECK = "time_off_kind"


def _run(sqlite: list[str], postgres: list[str]) -> None:
    for statement in sqlite if op.get_bind().dialect.name == "sqlite" else postgres:
        op.execute(statement)


def _kinds(values: str) -> None:
    with op.batch_alter_table("time_off", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f(f"ck_time_off_{_KIND_CHECK}"), type_="check")
        batch_op.create_check_constraint(_KIND_CHECK, f"kind IN ({values})")


def upgrade() -> None:
    op.create_table(
        "resource",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("category", sa.String(length=100), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("cost_per_hour", sa.Numeric(precision=10, scale=2), nullable=True),
        sa.Column("cost_per_use", sa.Numeric(precision=10, scale=2), nullable=True),
        sa.Column("specifications", sa.Text(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.CheckConstraint("capacity BETWEEN 1 AND 100", name=op.f("ck_resource_capacity")),
        sa.CheckConstraint(
            "(cost_per_hour IS NULL OR cost_per_hour >= 0) "
            "AND (cost_per_use IS NULL OR cost_per_use >= 0)",
            name=op.f("ck_resource_costs"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_resource_organization_id_organization"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resource")),
    )
    with op.batch_alter_table("resource", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_resource_organization_id"), ["organization_id"], unique=False
        )
    op.create_table(
        "appointment_resource",
        sa.Column("appointment_id", sa.Integer(), nullable=False),
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.Column("start_at", scheduler_app.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("end_at", scheduler_app.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("single", sa.Boolean(), nullable=False),
        sa.Column("picked", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.CheckConstraint(
            "end_at > start_at", name=op.f("ck_appointment_resource_ends_after_start")
        ),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointment.id"],
            name=op.f("fk_appointment_resource_appointment_id_appointment"),
        ),
        sa.ForeignKeyConstraint(
            ["resource_id"],
            ["resource.id"],
            name=op.f("fk_appointment_resource_resource_id_resource"),
        ),
        sa.PrimaryKeyConstraint(
            "appointment_id", "resource_id", name=op.f("pk_appointment_resource")
        ),
    )
    with op.batch_alter_table("appointment_resource", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_appointment_resource_resource_id_start_at"),
            ["resource_id", "start_at"],
            unique=False,
        )
    op.create_table(
        "skill",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_skill_organization_id_organization"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skill")),
        sa.UniqueConstraint("organization_id", "name", name=op.f("uq_skill_organization_id_name")),
    )
    op.create_table(
        "professional_skill",
        sa.Column("professional_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["professional_id"],
            ["professional.id"],
            name=op.f("fk_professional_skill_professional_id_professional"),
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"], ["skill.id"], name=op.f("fk_professional_skill_skill_id_skill")
        ),
        sa.PrimaryKeyConstraint("professional_id", "skill_id", name=op.f("pk_professional_skill")),
    )
    op.create_table(
        "service_skill",
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"], ["service.id"], name=op.f("fk_service_skill_service_id_service")
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"], ["skill.id"], name=op.f("fk_service_skill_skill_id_skill")
        ),
        sa.PrimaryKeyConstraint("service_id", "skill_id", name=op.f("pk_service_skill")),
    )
    op.create_table(
        "team",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_team_organization_id_organization"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team")),
    )
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_team_organization_id"), ["organization_id"], unique=False
        )
    op.create_table(
        "team_member",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("professional_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("certifications", sa.Text(), nullable=False),
        sa.Column("max_hours_per_week", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "role IN ('member', 'lead', 'manager', 'coordinator')", name=op.f("ck_team_member_role")
        ),
        sa.CheckConstraint(
            "max_hours_per_week IS NULL OR max_hours_per_week BETWEEN 1 AND 168",
            name=op.f("ck_team_member_max_hours_per_week"),
        ),
        sa.ForeignKeyConstraint(
            ["professional_id"],
            ["professional.id"],
            name=op.f("fk_team_member_professional_id_professional"),
        ),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_team_member_team_id_team")),
        sa.PrimaryKeyConstraint("team_id", "professional_id", name=op.f("pk_team_member")),
    )
    op.create_table(
        "service_team",
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"], ["service.id"], name=op.f("fk_service_team_service_id_service")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_service_team_team_id_team")
        ),
        sa.PrimaryKeyConstraint("service_id", name=op.f("pk_service_team")),
    )
    op.create_table(
        "service_need",
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=100), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.CheckConstraint("quantity BETWEEN 1 AND 10", name=op.f("ck_service_need_quantity")),
        sa.ForeignKeyConstraint(
            ["service_id"], ["service.id"], name=op.f("fk_service_need_service_id_service")
        ),
        sa.PrimaryKeyConstraint("service_id", "category", name=op.f("pk_service_need")),
    )
    with op.batch_alter_table("time_off", schema=None) as batch_op:
        batch_op.add_column(sa.Column("resource_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_time_off_resource_id_resource"), "resource", ["resource_id"], ["id"]
        )
    _kinds(_KINDS + ", 'maintenance'")
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("uses_resources", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    _run(SQLITE_UP, POSTGRES_UP)


def downgrade() -> None:
    _run(SQLITE_DOWN, POSTGRES_DOWN)
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.drop_column("uses_resources")
    op.execute("DELETE FROM time_off WHERE resource_id IS NOT NULL")
    _kinds(_KINDS)
    with op.batch_alter_table("time_off", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_time_off_resource_id_resource"), type_="foreignkey")
        batch_op.drop_column("resource_id")
    op.drop_table("service_need")
    op.drop_table("service_team")
    op.drop_table("team_member")
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_organization_id"))
    op.drop_table("team")
    op.drop_table("service_skill")
    op.drop_table("professional_skill")
    op.drop_table("skill")
    with op.batch_alter_table("appointment_resource", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appointment_resource_resource_id_start_at"))
    op.drop_table("appointment_resource")
    with op.batch_alter_table("resource", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resource_organization_id"))
    op.drop_table("resource")
