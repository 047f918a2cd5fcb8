"""clinic id, and the application id of SQLite files

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 19:30:00.000000

Every clinic gets a UUID (existing ones a new one here), so that a backup or a
message can be told apart from another clinic's. An SQLite file of ours also
carries our application id in its header (`PRAGMA application_id`), which tells
it apart from other applications' SQLite files before anything is read.
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copy of scheduler_app.db.sqlite_file.APPLICATION_ID ("SchD").
APPLICATION_ID = 0x53636844


def upgrade() -> None:
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.add_column(sa.Column("clinic_id", sa.String(length=36), nullable=True))
    bind = op.get_bind()
    organization = sa.table("organization", sa.column("id", sa.Integer), sa.column("clinic_id"))
    for (org_id,) in bind.execute(sa.select(organization.c.id)).all():
        bind.execute(
            organization.update()
            .where(organization.c.id == org_id)
            .values(clinic_id=str(uuid.uuid4()))
        )
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.alter_column("clinic_id", existing_type=sa.String(length=36), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_organization_clinic_id"), ["clinic_id"])
    if bind.dialect.name == "sqlite":
        bind.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        bind.exec_driver_sql("PRAGMA application_id = 0")
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_organization_clinic_id"), type_="unique")
        batch_op.drop_column("clinic_id")
