"""resource hours: the weekly hours a room or piece of equipment can be used

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-15 02:00:00.000000

- ``resource_hours``: ranges per weekday for a resource. A resource without any is
  usable whenever the clinic is open, as every resource was before.
- SQLite: the guard of rooms of capacity 1 reads only the holds that can overlap (a
  hold lasts at most 12 hours), so that the index on (resource, start) serves
  rather than every hold of the room ever made.

No row changes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _guard(event: str, bounded: bool) -> str:
    """Frozen copies of scheduler_app.db.schema_extras (the resource guard): as of this
    revision (``bounded``) and as of 0020."""
    bound = "AND h.start_at >= datetime(NEW.start_at, '-43200 seconds')" if bounded else ""
    return f"""
CREATE TRIGGER trg_appointment_resource_guard_{event.lower()}
BEFORE {event} ON appointment_resource
BEGIN
    SELECT RAISE(ABORT, 'appointment_resource_overlap')
    WHERE NEW.active AND NEW.single AND EXISTS (
        SELECT 1 FROM appointment_resource AS h
        WHERE h.resource_id = NEW.resource_id AND h.appointment_id <> NEW.appointment_id
          AND h.active AND h.single
          {bound}
          AND h.start_at < NEW.end_at AND h.end_at > NEW.start_at
    );
END
"""


def _guards(bounded: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for event in ("INSERT", "UPDATE"):
        op.execute(f"DROP TRIGGER IF EXISTS trg_appointment_resource_guard_{event.lower()}")
        op.execute(_guard(event, bounded))


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
    _guards(bounded=True)


def downgrade() -> None:
    _guards(bounded=False)
    with op.batch_alter_table("resource_hours", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resource_hours_resource_id_weekday"))
    op.drop_table("resource_hours")
