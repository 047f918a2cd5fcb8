"""no "rescheduled" status: a move keeps the one appointment

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 23:20:00.000000

Nothing set "rescheduled": moving an appointment keeps it (its history is in the
audit trail and its messages follow it). Appointments imported or kept in that
status become cancelled, with "Rescheduled" as the reason when they had none, so
they stay off the calendar and out of the schedule as before. PostgreSQL's CHECK
on the status no longer admits the value; SQLite keeps its CHECK as created (it
cannot change one without rebuilding the table) and the desk never writes it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KEPT = "'pending', 'confirmed', 'checked_in', 'completed', 'no_show', 'cancelled'"
_CHECK = "ck_appointment_appointment_status"


def _status_check(values: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"ALTER TABLE appointment DROP CONSTRAINT IF EXISTS {_CHECK}")
    op.execute(
        f"ALTER TABLE appointment ADD CONSTRAINT {_CHECK} CHECK (status::text IN ({values}))"
    )


def upgrade() -> None:
    op.execute(
        sa.text(
            "UPDATE appointment SET status = 'cancelled', cancellation_reason = CASE"
            " WHEN cancellation_reason = '' THEN 'Rescheduled' ELSE cancellation_reason END"
            " WHERE status = 'rescheduled'"
        )
    )
    _status_check(_KEPT)


def downgrade() -> None:
    _status_check(_KEPT + ", 'rescheduled'")
