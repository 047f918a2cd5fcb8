"""appointment placement: where the last accepted change placed unassigned appointments

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-16 02:00:00.000000

- ``appointment_placement``: per appointment without a professional, the one the
  last accepted decision found for it (a starting point for the next decision at
  any desk, never an assignment). Empty at first: the next change of each day
  fills it.

No row changes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "appointment_placement",
        sa.Column("appointment_id", sa.Integer(), nullable=False),
        sa.Column("professional_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointment.id"],
            name=op.f("fk_appointment_placement_appointment_id_appointment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["professional_id"],
            ["professional.id"],
            name=op.f("fk_appointment_placement_professional_id_professional"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("appointment_id", name=op.f("pk_appointment_placement")),
    )


def downgrade() -> None:
    op.drop_table("appointment_placement")
