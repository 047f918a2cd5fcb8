"""report days: each day a report counted, kept for the next report

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-18 02:00:00.000000

- ``schedule_day``: per clinic and UTC date, how many times appointments (or the
  resources they hold) starting or ending on it were written; raised by triggers on
  ``appointment`` and ``appointment_resource`` (SQLite: per row; PostgreSQL: per
  statement, from its transition tables).
- ``report_day`` and ``report_day_stamp``: the figures of each day a report counted,
  per kind, with the stamp they were counted at. Empty at first: the first report
  of a range counts its days.

No row changes. The triggers below are frozen as this revision made them (later
revisions that rebuild ``appointment`` on SQLite put them back from here).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _sqlite_day_count(table: str, event_name: str) -> str:
    """A row-level trigger: OLD and/or NEW's dates counted (a hold finds its clinic
    through its appointment; one whose appointment is gone was counted with it)."""
    rows = {"INSERT": ("NEW",), "UPDATE": ("OLD", "NEW"), "DELETE": ("OLD",)}[event_name]
    if table == "appointment":
        org = {row: f"{row}.organization_id" for row in rows}
    else:
        org = {
            row: f"(SELECT organization_id FROM appointment WHERE id = {row}.appointment_id)"
            for row in rows
        }
    dates = " UNION ".join(
        f"SELECT {org[row]} AS org, date({row}.start_at) AS day"
        f" UNION SELECT {org[row]}, date({row}.end_at, '-1 seconds')"
        for row in rows
    )
    return f"""
CREATE TRIGGER trg_{table}_day_{event_name.lower()}
AFTER {event_name} ON {table}
BEGIN
    INSERT INTO schedule_day (organization_id, day, writes)
    SELECT org, day, 1 FROM ({dates}) WHERE org IS NOT NULL
    ON CONFLICT (organization_id, day) DO UPDATE SET writes = writes + 1;
END
"""


_DAY_TABLES = ("appointment", "appointment_resource")
_EVENTS = ("INSERT", "UPDATE", "DELETE")
SQLITE_DAY_TRIGGERS = tuple(f"trg_{t}_day_{e.lower()}" for t in _DAY_TABLES for e in _EVENTS)
SQLITE_DAYS_UP = [_sqlite_day_count(t, e) for t in _DAY_TABLES for e in _EVENTS]
SQLITE_DAYS_DOWN = [f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_DAY_TRIGGERS]


def _postgres_day_function(table: str, event_name: str) -> str:
    """A statement-level trigger's function: the dates of the rows written, counted
    in one statement, in the order of the dates (two writes lock them alike)."""
    rows = {"INSERT": ("new_rows",), "UPDATE": ("old_rows", "new_rows"), "DELETE": ("old_rows",)}
    org = "w.organization_id" if table == "appointment" else "a.organization_id"
    join = "" if table == "appointment" else " JOIN appointment AS a ON a.id = w.appointment_id"
    dates = " UNION ALL ".join(
        f"SELECT {org} AS org, (w.start_at AT TIME ZONE 'UTC')::date AS day FROM {r} AS w{join}"
        f" UNION ALL SELECT {org}, ((w.end_at - interval '1 second') AT TIME ZONE 'UTC')::date"
        f" FROM {r} AS w{join}"
        for r in rows[event_name]
    )
    return (
        f"CREATE OR REPLACE FUNCTION {table}_day_{event_name.lower()}() RETURNS trigger"
        " LANGUAGE plpgsql AS $$ BEGIN"
        " INSERT INTO schedule_day (organization_id, day, writes)"
        f" SELECT org, day, count(*) FROM ({dates}) AS d GROUP BY org, day ORDER BY org, day"
        " ON CONFLICT (organization_id, day)"
        " DO UPDATE SET writes = schedule_day.writes + EXCLUDED.writes;"
        " RETURN NULL; END $$"
    )


def _postgres_day_trigger(table: str, event_name: str) -> str:
    tables = {
        "INSERT": "NEW TABLE AS new_rows",
        "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "DELETE": "OLD TABLE AS old_rows",
    }[event_name]
    name = f"{table}_day_{event_name.lower()}"
    return (
        f"CREATE TRIGGER trg_{name} AFTER {event_name} ON {table} REFERENCING {tables}"
        f" FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
    )


POSTGRES_DAY_TRIGGERS = SQLITE_DAY_TRIGGERS
POSTGRES_DAYS_UP = [
    statement
    for t in _DAY_TABLES
    for e in _EVENTS
    for statement in (_postgres_day_function(t, e), _postgres_day_trigger(t, e))
]
POSTGRES_DAYS_DOWN = [
    statement
    for t in _DAY_TABLES
    for e in _EVENTS
    for statement in (
        f"DROP TRIGGER IF EXISTS trg_{t}_day_{e.lower()} ON {t}",
        f"DROP FUNCTION IF EXISTS {t}_day_{e.lower()}()",
    )
]


def upgrade() -> None:
    op.create_table(
        "schedule_day",
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("writes", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_schedule_day_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("organization_id", "day", name=op.f("pk_schedule_day")),
    )
    op.create_table(
        "report_day_stamp",
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("stamp", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_report_day_stamp_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("organization_id", "day", "kind", name=op.f("pk_report_day_stamp")),
    )
    op.create_table(
        "report_day",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("key", sa.Integer(), nullable=True),
        *(
            sa.Column(name, sa.Integer(), nullable=False)
            for name in (
                "pending",
                "confirmed",
                "checked_in",
                "completed",
                "no_show",
                "cancelled",
                "late",
                "undone",
            )
        ),
        sa.Column("estimated_cents", sa.BigInteger(), nullable=False),
        sa.Column("actual_cents", sa.BigInteger(), nullable=False),
        sa.Column("working", sa.BigInteger(), nullable=True),
        sa.Column("inside", sa.BigInteger(), nullable=True),
        sa.Column("outside", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_report_day_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_day")),
    )
    op.create_index(
        "ix_report_day_organization_id_kind_day",
        "report_day",
        ["organization_id", "kind", "day"],
        unique=False,
    )
    up = SQLITE_DAYS_UP if op.get_bind().dialect.name == "sqlite" else POSTGRES_DAYS_UP
    for statement in up:
        op.execute(statement)


def downgrade() -> None:
    down = SQLITE_DAYS_DOWN if op.get_bind().dialect.name == "sqlite" else POSTGRES_DAYS_DOWN
    for statement in down:
        op.execute(statement)
    op.drop_index("ix_report_day_organization_id_kind_day", table_name="report_day")
    op.drop_table("report_day")
    op.drop_table("report_day_stamp")
    op.drop_table("schedule_day")
