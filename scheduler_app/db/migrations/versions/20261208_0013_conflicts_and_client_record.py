"""conflicts to resolve, and the client record: merged duplicates and erased clients

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08 09:00:00.000000

A conflict gets the kinds and statuses of the clinic's previous system (double
booking, resource, team, time, location, capacity; open, resolved, ignored,
escalated), an impact level, and who resolved it with their notes. A client
merged into another keeps its row (and its audit trail) with the id of
the client it was merged into; an erased client keeps a pseudonym and when it was
erased.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import scheduler_app.db.types

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


KINDS = (
    "double_booking",
    "resource_conflict",
    "team_conflict",
    "time_conflict",
    "location_conflict",
    "capacity_exceeded",
)
STATUSES = ("open", "resolved", "ignored", "escalated")


def _checks(batch_op: object, kinds: Sequence[str], statuses: Sequence[str]) -> None:
    for name, column, values in (
        ("conflict_kind", "kind", kinds),
        ("conflict_status", "status", statuses),
    ):
        batch_op.drop_constraint(batch_op.f(f"ck_conflict_{name}"), type_="check")  # type: ignore[attr-defined]
        batch_op.create_check_constraint(  # type: ignore[attr-defined]
            batch_op.f(f"ck_conflict_{name}"),  # type: ignore[attr-defined]
            sa.column(column).in_(values),
        )


def upgrade() -> None:
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "impact",
                sa.Enum(
                    "low",
                    "medium",
                    "high",
                    "critical",
                    name="conflict_impact",
                    native_enum=False,
                    create_constraint=True,
                    length=16,
                ),
                server_default="high",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("resolved_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("resolution_notes", sa.Text(), server_default="", nullable=False)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_conflict_resolved_by_id_staff_user"),
            "staff_user",
            ["resolved_by_id"],
            ["id"],
        )
        _checks(batch_op, KINDS, STATUSES)

    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("erased_at", scheduler_app.db.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_client_merged_into_id_client"), "client", ["merged_into_id"], ["id"]
        )


def downgrade() -> None:
    op.execute(sa.text("UPDATE conflict SET status = 'open' WHERE status = 'escalated'"))
    op.execute(
        sa.text(
            "DELETE FROM conflict_appointment WHERE conflict_id IN"
            " (SELECT id FROM conflict WHERE kind <> 'capacity_exceeded')"
        )
    )
    op.execute(
        sa.text(
            "UPDATE appointment SET conflict_id = NULL WHERE conflict_id IN"
            " (SELECT id FROM conflict WHERE kind <> 'capacity_exceeded')"
        )
    )
    op.execute(sa.text("DELETE FROM conflict WHERE kind <> 'capacity_exceeded'"))
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        _checks(batch_op, ("capacity_exceeded",), ("open", "resolved", "ignored"))
        batch_op.drop_constraint(
            batch_op.f("fk_conflict_resolved_by_id_staff_user"), type_="foreignkey"
        )
        batch_op.drop_column("resolution_notes")
        batch_op.drop_column("resolved_by_id")
        batch_op.drop_constraint(batch_op.f("ck_conflict_conflict_impact"), type_="check")
        batch_op.drop_column("impact")
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_client_merged_into_id_client"), type_="foreignkey")
        batch_op.drop_column("erased_at")
        batch_op.drop_column("merged_into_id")
