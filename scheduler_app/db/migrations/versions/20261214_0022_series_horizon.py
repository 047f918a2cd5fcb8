"""series horizon: how far ahead a clinic lets a series reach

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-14 02:00:00.000000

- ``organization.series_horizon_days`` (7 to 1830): 366 for every clinic, as before.

No row changes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("series_horizon_days", sa.Integer(), server_default="366", nullable=False)
        )
        batch_op.create_check_constraint(
            "series_horizon_days", "series_horizon_days BETWEEN 7 AND 1830"
        )


def downgrade() -> None:
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_organization_series_horizon_days"), type_="check")
        batch_op.drop_column("series_horizon_days")
