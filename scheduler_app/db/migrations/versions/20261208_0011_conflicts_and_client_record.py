"""the client record: merged duplicates and erased clients

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08 09:00:00.000000

A client merged into another keeps its row (and its audit trail) with the id of
the client it was merged into; an erased client keeps a pseudonym and when it was
erased.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import scheduler_app.db.types

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("erased_at", scheduler_app.db.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_client_merged_into_id_client"), "client", ["merged_into_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_client_merged_into_id_client"), type_="foreignkey")
        batch_op.drop_column("erased_at")
        batch_op.drop_column("merged_into_id")
