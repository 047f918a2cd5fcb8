"""staff sign-in: passwords, lock-out, idle lock, single-user mode, who may assign

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 10:00:00.000000

- ``staff_user``: an Argon2 password hash, a forced change after an
  administrator's reset, wrong attempts and the lock-out's end, the last sign-in,
  and the professional the person is (if any). Accounts made so far were named
  after the computer's login and have no password: they keep their role, and an
  administrator sets their password (the first start after this upgrade asks the
  administrator to choose one).
- ``organization``: minutes of idleness before a desk locks (10), single-user
  mode (off), and the least role that may assign professionals and confirm
  appointments (reception, as before).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import scheduler_app.db.types

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ROLES = ("reception", "manager", "admin")


def _role(name: str) -> sa.Enum:
    return sa.Enum(*_ROLES, name=name, native_enum=False, create_constraint=True, length=16)


def upgrade() -> None:
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("password_hash", sa.String(length=200), nullable=True))
        batch_op.add_column(
            sa.Column(
                "must_change_password", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )
        batch_op.add_column(
            sa.Column("failed_attempts", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "locked_until", scheduler_app.db.types.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch_op.add_column(
            sa.Column(
                "last_sign_in_at",
                scheduler_app.db.types.UTCDateTime(timezone=True),
                nullable=True,
            )
        )
        batch_op.add_column(sa.Column("professional_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_staff_user_professional_id_professional"),
            "professional",
            ["professional_id"],
            ["id"],
        )
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("idle_lock_minutes", sa.Integer(), server_default="10", nullable=False)
        )
        batch_op.add_column(
            sa.Column("single_user", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "assign_role", _role("assign_role"), server_default="reception", nullable=False
            )
        )
        batch_op.add_column(
            sa.Column(
                "confirm_role", _role("confirm_role"), server_default="reception", nullable=False
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_organization_confirm_role"), type_="check")
        batch_op.drop_column("confirm_role")
        batch_op.drop_constraint(batch_op.f("ck_organization_assign_role"), type_="check")
        batch_op.drop_column("assign_role")
        batch_op.drop_column("single_user")
        batch_op.drop_column("idle_lock_minutes")
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_staff_user_professional_id_professional"), type_="foreignkey"
        )
        batch_op.drop_column("professional_id")
        batch_op.drop_column("last_sign_in_at")
        batch_op.drop_column("locked_until")
        batch_op.drop_column("failed_attempts")
        batch_op.drop_column("must_change_password")
        batch_op.drop_column("password_hash")
