"""repeating appointments: series, and each appointment's series and occurrence

Revision ID: 0016
Revises: 0014
Create Date: 2026-12-10 02:00:00.000000

- ``series``: a rule (RFC 5545 text), the zone it is expanded in, its first start,
  the length of each occurrence, its client, service and professional.
- ``appointment``: ``series_id`` (None: a single appointment, as every one so far)
  and ``occurrence_start``, the original start of the occurrence it stands for.

No row changes: existing appointments keep no series. SQLite rebuilds the
appointment table to add the foreign key, which drops its overlap triggers: they
are put back as 0014 left them.
"""

import importlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import scheduler_app.db.types

revision: str = "0016"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The guards as 0014 froze them (that file never changes).
_RULES = importlib.import_module("scheduler_app.db.migrations.versions.20261207_0014_booking_rules")


def _guards(statements: list[str]) -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in statements:
            op.execute(statement)


def upgrade() -> None:
    op.create_table(
        "series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("zone", sa.String(length=64), nullable=False),
        sa.Column("first_start", scheduler_app.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("length_minutes", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column("service_id", sa.Integer(), nullable=True),
        sa.Column("professional_id", sa.Integer(), nullable=True),
        sa.Column("split_from_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", scheduler_app.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "length_minutes BETWEEN 1 AND 720", name=op.f("ck_series_length_minutes")
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_series_client_id_client")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_user.id"], name=op.f("fk_series_created_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_series_organization_id_organization"),
        ),
        sa.ForeignKeyConstraint(
            ["professional_id"],
            ["professional.id"],
            name=op.f("fk_series_professional_id_professional"),
        ),
        sa.ForeignKeyConstraint(
            ["service_id"], ["service.id"], name=op.f("fk_series_service_id_service")
        ),
        sa.ForeignKeyConstraint(
            ["split_from_id"], ["series.id"], name=op.f("fk_series_split_from_id_series")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_series")),
    )
    with op.batch_alter_table("series", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_series_organization_id"), ["organization_id"], unique=False
        )
    _guards(_RULES.SQLITE_DOWN)
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("series_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "occurrence_start",
                scheduler_app.db.types.UTCDateTime(timezone=True),
                nullable=True,
            )
        )
        batch_op.create_index(batch_op.f("ix_appointment_series_id"), ["series_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_appointment_series_id_series"), "series", ["series_id"], ["id"]
        )
    _guards(_RULES.SQLITE_UP)


def downgrade() -> None:
    _guards(_RULES.SQLITE_DOWN)
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_appointment_series_id_series"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_appointment_series_id"))
        batch_op.drop_column("occurrence_start")
        batch_op.drop_column("series_id")
    _guards(_RULES.SQLITE_UP)
    with op.batch_alter_table("series", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_series_organization_id"))
    op.drop_table("series")
