"""joint appointments: an appointment with several professionals

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-17 02:00:00.000000

- ``appointment``: ``joint_of``, the lead appointment this one is a piece of (one
  more professional of the same appointment, at the same time, in their own row);
  None for a lead and for every appointment so far. Deleting the lead deletes its
  pieces.

No row changes. SQLite rebuilds the appointment table to add the foreign key, which
drops its overlap triggers: they are put back as 0014 left them.
"""

import importlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The guards as 0014 froze them (that file never changes).
_RULES = importlib.import_module("scheduler_app.db.migrations.versions.20261207_0014_booking_rules")


def _guards(statements: list[str]) -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in statements:
            op.execute(statement)


def upgrade() -> None:
    _guards(_RULES.SQLITE_DOWN)
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("joint_of", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_appointment_joint_of"), ["joint_of"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_appointment_joint_of_appointment"),
            "appointment",
            ["joint_of"],
            ["id"],
            ondelete="CASCADE",
        )
    _guards(_RULES.SQLITE_UP)


def downgrade() -> None:
    _guards(_RULES.SQLITE_DOWN)
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_appointment_joint_of_appointment"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_appointment_joint_of"))
        batch_op.drop_column("joint_of")
    _guards(_RULES.SQLITE_UP)
