"""waitlist holds: a freed time held for a waiting client until they call back

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-13 02:00:00.000000

- ``waitlist_entry.status`` admits "held", with ``held_until`` (none so far).
- Messages (``notification``, ``message_template``) of the kind "waitlist_offer": the
  client is told the time held for them and until when.

No row changes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import scheduler_app.db.types

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KINDS = (
    "'appointment_created', 'appointment_updated', 'appointment_cancelled', "
    "'appointment_reminder', 'conflict_detected', 'resource_unavailable', "
    "'team_member_unavailable', 'schedule_change'"
)


def _checks(table: str, name: str, condition: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f(f"ck_{table}_{name}"), type_="check")
        batch_op.create_check_constraint(name, condition)


def upgrade() -> None:
    with op.batch_alter_table("waitlist_entry", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "held_until", scheduler_app.db.types.UTCDateTime(timezone=True), nullable=True
            )
        )
    _checks("waitlist_entry", "status", "status IN ('waiting', 'booked', 'held')")
    for table in ("notification", "message_template"):
        _checks(table, "notification_kind", f"kind IN ({_KINDS}, 'waitlist_offer')")


def downgrade() -> None:
    op.execute("DELETE FROM notification WHERE kind = 'waitlist_offer'")
    op.execute("DELETE FROM message_template WHERE kind = 'waitlist_offer'")
    for table in ("notification", "message_template"):
        _checks(table, "notification_kind", f"kind IN ({_KINDS})")
    op.execute("UPDATE waitlist_entry SET status = 'booked' WHERE status = 'held'")
    _checks("waitlist_entry", "status", "status IN ('waiting', 'booked')")
    with op.batch_alter_table("waitlist_entry", schema=None) as batch_op:
        batch_op.drop_column("held_until")
