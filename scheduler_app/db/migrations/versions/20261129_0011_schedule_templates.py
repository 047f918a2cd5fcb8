"""schedule templates: named working patterns copied into professionals' plans

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 23:00:00.000000

- ``schedule_template``: name (unique per clinic), description, kind, weekdays (a
  bit per weekday), hours with an optional break, default appointment length,
  maximum capacity, active and default flags. A template is copied into a plan,
  never linked to it: nothing else refers to it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "schedule_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "daily",
                "weekly",
                "monthly",
                "yearly",
                "custom",
                name="template_kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("weekdays", sa.Integer(), nullable=False),
        sa.Column("starts", sa.Time(), nullable=False),
        sa.Column("ends", sa.Time(), nullable=False),
        sa.Column("slot_minutes", sa.Integer(), nullable=False),
        sa.Column("break_starts", sa.Time(), nullable=True),
        sa.Column("break_ends", sa.Time(), nullable=True),
        sa.Column("max_capacity", sa.Integer(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "(break_starts IS NULL AND break_ends IS NULL) OR "
            "(break_starts > starts AND break_ends > break_starts AND break_ends < ends)",
            name=op.f("ck_schedule_template_break_inside"),
        ),
        sa.CheckConstraint("ends > starts", name=op.f("ck_schedule_template_ends_after_start")),
        sa.CheckConstraint(
            "max_capacity IS NULL OR max_capacity > 0",
            name=op.f("ck_schedule_template_max_capacity"),
        ),
        sa.CheckConstraint(
            "slot_minutes BETWEEN 1 AND 1440", name=op.f("ck_schedule_template_slot_minutes")
        ),
        sa.CheckConstraint(
            "weekdays BETWEEN 0 AND 127", name=op.f("ck_schedule_template_weekdays")
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_schedule_template_organization_id_organization"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedule_template")),
    )
    with op.batch_alter_table("schedule_template", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_schedule_template_organization_id_name"),
            ["organization_id", "name"],
            unique=True,
        )


def downgrade() -> None:
    with op.batch_alter_table("schedule_template", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_schedule_template_organization_id_name"))
    op.drop_table("schedule_template")
