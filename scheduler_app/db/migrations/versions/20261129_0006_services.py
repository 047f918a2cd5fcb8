"""what an appointment is for is a service (appointment_type becomes service)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 20:15:00.000000

The table and the appointment's column are renamed in place, data and all, with
the names of their index and constraints; SQLite (3.26 or newer) moves the
appointment table's foreign key to the new name by itself.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (old, new) constraint names on PostgreSQL (SQLite keeps them inside the table's text).
CONSTRAINTS = [
    ("service", "pk_appointment_type", "pk_service"),
    ("service", "ck_appointment_type_duration_minutes", "ck_service_duration_minutes"),
    (
        "service",
        "fk_appointment_type_organization_id_organization",
        "fk_service_organization_id_organization",
    ),
    (
        "appointment",
        "fk_appointment_appointment_type_id_appointment_type",
        "fk_appointment_service_id_service",
    ),
]


def upgrade() -> None:
    _rename("appointment_type", "service", "appointment_type_id", "service_id", forward=True)


def downgrade() -> None:
    _rename("service", "appointment_type", "service_id", "appointment_type_id", forward=False)


def _rename(table: str, to: str, column: str, to_column: str, *, forward: bool) -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    op.execute(f"ALTER TABLE {table} RENAME TO {to}")
    op.execute(f"ALTER TABLE appointment RENAME COLUMN {column} TO {to_column}")
    old_index, new_index = f"ix_{table}_organization_id", f"ix_{to}_organization_id"
    if postgres:
        op.execute(f"ALTER INDEX {old_index} RENAME TO {new_index}")
        for owner, old, new in CONSTRAINTS:
            if not forward:
                old, new = new, old
                owner = "appointment_type" if owner == "service" else owner
            op.execute(f"ALTER TABLE {owner} RENAME CONSTRAINT {old} TO {new}")
    else:
        op.execute(f"DROP INDEX {old_index}")
        op.execute(f"CREATE INDEX {new_index} ON {to} (organization_id)")
