"""setting a clinic up: opening hours, service order, clients' details and search

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 22:00:00.000000

- ``opening_hours``: ranges per weekday. A clinic's one opening and closing time
  applied to every day (the calendar shaded it so), so each clinic gets it on all
  seven days: nothing it took before is refused once the hours are enforced.
- ``organization.set_up_at``: when set up. A clinic with professionals or
  services is set up (at its creation); an empty one is offered the set-up.
- ``service.sort_order``: the services in their name order so far.
- ``client``: date of birth, preferred channel (SMS for clients with a phone and
  no e-mail, else e-mail), consent to reminders (given: they were reminded so
  far), and the search key, filled from name, e-mail and phone. PostgreSQL gets a
  trigram index on it (extension pg_trgm).
"""

import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import scheduler_app.db.types

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _search_key(name: str, email: str, phone: str) -> str:
    """A frozen copy of `domain.client_search.search_key` as of this revision."""
    decomposed = unicodedata.normalize("NFKD", (name or "").casefold())
    words = " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())
    parts = (words, (email or "").strip().casefold(), re.sub(r"\D", "", phone or ""))
    return " ".join(p for p in parts if p)[:500]


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    op.create_table(
        "opening_hours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("opens", sa.Time(), nullable=False),
        sa.Column("closes", sa.Time(), nullable=False),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name=op.f("ck_opening_hours_weekday")),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_opening_hours_organization_id_organization"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opening_hours")),
    )
    with op.batch_alter_table("opening_hours", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_opening_hours_organization_id_weekday"),
            ["organization_id", "weekday"],
            unique=False,
        )
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("set_up_at", scheduler_app.db.types.UTCDateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sort_order", sa.Integer(), server_default="0", nullable=False)
        )
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.add_column(sa.Column("date_of_birth", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "preferred_channel",
                sa.Enum(
                    "email",
                    "sms",
                    name="reminder_channel",
                    native_enum=False,
                    create_constraint=True,
                    length=16,
                ),
                server_default="email",
                nullable=False,
            )
        )
        batch_op.add_column(
            sa.Column("reminder_consent", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "search_key",
                sa.String(length=500).with_variant(
                    sa.String(length=500, collation="C"), "postgresql"
                ),
                server_default="",
                nullable=False,
            )
        )
        batch_op.drop_index("ix_client_organization_id_name")
        batch_op.create_index(
            batch_op.f("ix_client_organization_id_search_key_is_active"),
            ["organization_id", "search_key", "is_active"],
            unique=False,
        )
    _fill()
    if postgres:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_index(
        "ix_client_search_key_trigrams",
        "client",
        ["search_key"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"search_key": "gin_trgm_ops"},
    )


def _fill() -> None:
    conn = op.get_bind()
    days = " UNION ALL ".join(f"SELECT {day} AS weekday" for day in range(7))
    op.execute(
        "INSERT INTO opening_hours (organization_id, weekday, opens, closes) "
        f"SELECT o.id, d.weekday, o.opens_at, o.closes_at FROM organization AS o, ({days}) AS d"
    )
    op.execute(
        "UPDATE organization SET set_up_at = created_at WHERE "
        "EXISTS (SELECT 1 FROM professional AS p WHERE p.organization_id = organization.id) "
        "OR EXISTS (SELECT 1 FROM service AS s WHERE s.organization_id = organization.id)"
    )
    op.execute(
        "UPDATE service SET sort_order = (SELECT count(*) FROM service AS other "
        "WHERE other.organization_id = service.organization_id AND (other.name < service.name "
        "OR (other.name = service.name AND other.id < service.id)))"
    )
    op.execute("UPDATE client SET preferred_channel = 'sms' WHERE email = '' AND phone <> ''")
    clients = conn.execute(sa.text("SELECT id, name, email, phone FROM client")).all()
    if clients:
        conn.execute(
            sa.text("UPDATE client SET search_key = :key WHERE id = :id"),
            [{"key": _search_key(n, e, p), "id": i} for i, n, e, p in clients],
        )


def downgrade() -> None:
    op.drop_index("ix_client_search_key_trigrams", table_name="client")
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_client_organization_id_search_key_is_active"))
        batch_op.create_index("ix_client_organization_id_name", ["organization_id", "name"])
        batch_op.drop_column("search_key")
        batch_op.drop_column("reminder_consent")
        batch_op.drop_constraint(batch_op.f("ck_client_reminder_channel"), type_="check")
        batch_op.drop_column("preferred_channel")
        batch_op.drop_column("date_of_birth")
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.drop_column("sort_order")
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.drop_column("set_up_at")
    with op.batch_alter_table("opening_hours", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opening_hours_organization_id_weekday"))
    op.drop_table("opening_hours")
