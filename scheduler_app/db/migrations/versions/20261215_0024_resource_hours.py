"""resource hours: the weekly hours a room or piece of equipment can be used

Revision ID: 0024
Revises: 0022
Create Date: 2026-12-15 02:00:00.000000

- ``resource_hours``: ranges per weekday for a resource. A resource without any is
  usable whenever the clinic is open, as every resource was before.

No row changes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "resource_hours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("opens", sa.Time(), nullable=False),
        sa.Column("closes", sa.Time(), nullable=False),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name=op.f("ck_resource_hours_weekday")),
        sa.ForeignKeyConstraint(
            ["resource_id"],
            ["resource.id"],
            name=op.f("fk_resource_hours_resource_id_resource"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resource_hours")),
    )
    with op.batch_alter_table("resource_hours", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_resource_hours_resource_id_weekday"),
            ["resource_id", "weekday"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("resource_hours", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resource_hours_resource_id_weekday"))
    op.drop_table("resource_hours")
