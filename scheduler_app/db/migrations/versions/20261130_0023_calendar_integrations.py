"""calendar integrations: a professional's calendar on a CalDAV server, kept in step

Revision ID: 0023
Revises: 0022
Create Date: 2026-11-30 07:17:34.929104

- ``calendar_integration``: the server (URL, user; the password is in the system
  keyring), the professional, how often it syncs, whether client names go out, the
  last sync's status, the failed syncs in a row, and the lease of the desk syncing it.
- ``time_off.integration_id`` / ``external_uid`` and the kind "calendar": busy time
  read from a professional's own calendar, in the one "unavailable" model.

No row changes (going down removes the time off read from calendars).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import scheduler_app.db.types

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KINDS = "'vacation', 'sick', 'training', 'absence', 'blackout', 'closure', 'maintenance'"


def _kinds(values: str) -> None:
    with op.batch_alter_table("time_off", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_time_off_time_off_kind"), type_="check")
        batch_op.create_check_constraint("time_off_kind", f"kind IN ({values})")


def upgrade() -> None:
    op.create_table(
        "calendar_integration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("professional_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("provider", sa.String(length=120), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("username", sa.String(length=200), nullable=False),
        sa.Column("frequency_minutes", sa.Integer(), nullable=False),
        sa.Column("with_client_names", sa.Boolean(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("status_text", sa.Text(), nullable=False),
        sa.Column("last_sync_at", scheduler_app.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column(
            "last_attempt_at", scheduler_app.db.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("retries", sa.Integer(), nullable=False),
        sa.Column("next_sync_at", scheduler_app.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("claimed_by", sa.String(length=200), nullable=False),
        sa.Column(
            "claimed_until", scheduler_app.db.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", scheduler_app.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('caldav')", name=op.f("ck_calendar_integration_kind")),
        sa.CheckConstraint(
            "status IN ('new', 'ok', 'conflicts', 'failed')",
            name=op.f("ck_calendar_integration_status"),
        ),
        sa.CheckConstraint(
            "frequency_minutes BETWEEN 5 AND 1440", name=op.f("ck_calendar_integration_frequency")
        ),
        sa.CheckConstraint("retries >= 0", name=op.f("ck_calendar_integration_retries")),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["staff_user.id"],
            name=op.f("fk_calendar_integration_created_by_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_calendar_integration_organization_id_organization"),
        ),
        sa.ForeignKeyConstraint(
            ["professional_id"],
            ["professional.id"],
            name=op.f("fk_calendar_integration_professional_id_professional"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_integration")),
    )
    with op.batch_alter_table("calendar_integration", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_calendar_integration_organization_id"), ["organization_id"], unique=False
        )

    with op.batch_alter_table("time_off", schema=None) as batch_op:
        batch_op.add_column(sa.Column("integration_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("external_uid", sa.String(length=500), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_time_off_integration_id"), ["integration_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_time_off_integration_id_calendar_integration"),
            "calendar_integration",
            ["integration_id"],
            ["id"],
        )

    _kinds(_KINDS + ", 'calendar'")


def downgrade() -> None:
    op.execute("DELETE FROM time_off WHERE kind = 'calendar' OR integration_id IS NOT NULL")
    _kinds(_KINDS)
    with op.batch_alter_table("time_off", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_time_off_integration_id_calendar_integration"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_time_off_integration_id"))
        batch_op.drop_column("external_uid")
        batch_op.drop_column("integration_id")

    with op.batch_alter_table("calendar_integration", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendar_integration_organization_id"))

    op.drop_table("calendar_integration")
