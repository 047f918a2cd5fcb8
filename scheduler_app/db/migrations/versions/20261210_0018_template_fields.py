"""schedule templates: interval, dates, price, booking notice and horizon

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-10 02:00:00.000000

- ``schedule_template``: ``repeat_interval`` (every N days or weeks; 1 for every
  template so far: they repeat every week, as before), ``dates`` (days of the
  month, month-day pairs or dates; empty so far), ``price`` (none so far), and the
  minimum notice and maximum horizon a copy brings as booking rules (none so far:
  copying an existing template writes the same plan as before).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHECKS = {
    "repeat_interval": "repeat_interval BETWEEN 1 AND 366",
    "price": "price IS NULL OR price >= 0",
    "min_notice_minutes": "min_notice_minutes IS NULL OR min_notice_minutes BETWEEN 1 AND 86400",
    "max_horizon_days": "max_horizon_days IS NULL OR max_horizon_days BETWEEN 1 AND 1830",
    "horizon_after_notice": "min_notice_minutes IS NULL OR max_horizon_days IS NULL"
    " OR max_horizon_days * 1440 >= min_notice_minutes",
}


def upgrade() -> None:
    with op.batch_alter_table("schedule_template", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("repeat_interval", sa.Integer(), server_default="1", nullable=False)
        )
        batch_op.add_column(sa.Column("dates", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("price", sa.Numeric(10, 2), nullable=True))
        batch_op.add_column(sa.Column("min_notice_minutes", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("max_horizon_days", sa.Integer(), nullable=True))
        for name, condition in CHECKS.items():
            batch_op.create_check_constraint(name, condition)


def downgrade() -> None:
    with op.batch_alter_table("schedule_template", schema=None) as batch_op:
        for name in reversed(CHECKS):
            batch_op.drop_constraint(batch_op.f(f"ck_schedule_template_{name}"), type_="check")
        batch_op.drop_column("max_horizon_days")
        batch_op.drop_column("min_notice_minutes")
        batch_op.drop_column("price")
        batch_op.drop_column("dates")
        batch_op.drop_column("repeat_interval")
