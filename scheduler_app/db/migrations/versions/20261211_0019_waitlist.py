"""waitlist: clients waiting for a service within a date and time-of-day range

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-11 02:00:00.000000

- ``waitlist_entry``: the client, service, professional (or anyone), the days and
  the hours of the day wanted, waiting or booked (with the appointment booked).

No row changes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import scheduler_app.db.types

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(column: str, table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{table}.id"], name=op.f(f"fk_waitlist_entry_{column}_{table}")
    )


def upgrade() -> None:
    op.create_table(
        "waitlist_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("professional_id", sa.Integer(), nullable=True),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("earliest", sa.Time(), nullable=False),
        sa.Column("latest", sa.Time(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("appointment_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", scheduler_app.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("first_day <= last_day", name=op.f("ck_waitlist_entry_days")),
        sa.CheckConstraint("earliest < latest", name=op.f("ck_waitlist_entry_hours")),
        sa.CheckConstraint(
            "status IN ('waiting', 'booked')", name=op.f("ck_waitlist_entry_status")
        ),
        _fk("appointment_id", "appointment"),
        _fk("client_id", "client"),
        _fk("created_by_id", "staff_user"),
        _fk("organization_id", "organization"),
        _fk("professional_id", "professional"),
        _fk("service_id", "service"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_waitlist_entry")),
    )
    with op.batch_alter_table("waitlist_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_waitlist_entry_organization_id"), ["organization_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("waitlist_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_waitlist_entry_organization_id"))
    op.drop_table("waitlist_entry")
