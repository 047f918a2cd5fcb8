"""What the migrations define, next to what a database holds.

`expected()` is the schema of the latest revision: the models (a test keeps them
equal to `alembic upgrade head`) plus what SQLAlchemy cannot spell
(`schema_extras`: the SQLite triggers, the PostgreSQL exclusion constraint).
`differences` names what is missing or foreign from catalog reads alone, a few
queries whatever the number of appointments, so start-up can afford it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from scheduler_app.db import notification_models, rule_models, schema_extras, working_time_models
from scheduler_app.db.base import Base

#: Tables SQLite adds to a file by itself, and the one Alembic keeps.
SQLITE_INTERNAL = frozenset(
    {"sqlite_sequence", "sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4"}
)
VERSION_TABLE = "alembic_version"

#: Runs one SQL statement and returns its rows (an SQLAlchemy or a sqlite3 connection).
Execute = Callable[[str], Sequence[Any]]


@dataclass(frozen=True)
class Schema:
    columns: dict[str, frozenset[str]]  # table -> its columns
    indexes: frozenset[str]
    guards: frozenset[str]  # SQLite triggers, PostgreSQL constraints and triggers


@cache
def our_tables() -> frozenset[str]:
    assert (
        notification_models and rule_models and working_time_models
    )  # their tables are in the metadata
    return frozenset(Base.metadata.tables)


@cache
def expected(dialect: str) -> Schema:
    tables = Base.metadata.tables.values()
    if dialect == "sqlite":
        guards = frozenset(
            {
                "trg_appointment_guard_insert",
                "trg_appointment_guard_update",
                *schema_extras.SQLITE_DAY_TRIGGERS,
            }
        )
    else:
        guards = frozenset(
            {
                schema_extras.EXCLUSION_NAME,
                "ck_appointment_max_duration",
                *schema_extras.POSTGRES_DAY_TRIGGERS,
            }
        )
    return Schema(
        columns={t.name: frozenset(c.name for c in t.columns) for t in tables},
        indexes=frozenset(str(i.name) for t in tables for i in t.indexes),
        guards=guards,
    )


def live(execute: Execute, dialect: str) -> Schema:
    """The tables, columns, indexes and guards the database holds (catalog reads)."""
    if dialect == "sqlite":
        columns = execute(
            "SELECT m.name, p.name FROM sqlite_master AS m, pragma_table_info(m.name) AS p "
            "WHERE m.type = 'table'"
        )
        indexes = execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' "
            "AND name NOT LIKE 'sqlite_autoindex_%'"
        )
        guards = execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    else:
        columns = execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema()"
        )
        indexes = execute("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
        guards = execute(
            "SELECT c.conname FROM pg_constraint AS c JOIN pg_namespace AS n "
            "ON n.oid = c.connamespace WHERE n.nspname = current_schema() "
            "UNION SELECT t.tgname FROM pg_trigger AS t JOIN pg_class AS r ON r.oid = t.tgrelid "
            "JOIN pg_namespace AS n ON n.oid = r.relnamespace "
            "WHERE n.nspname = current_schema() AND NOT t.tgisinternal"
        )
    tables: dict[str, set[str]] = {}
    for table, column in columns:
        tables.setdefault(table, set()).add(column)
    return Schema(
        columns={t: frozenset(c) for t, c in tables.items()},
        indexes=frozenset(name for (name,) in indexes),
        guards=frozenset(name for (name,) in guards),
    )


def differences(execute: Execute, dialect: str) -> list[str]:
    """What the database lacks, or holds that is not ours, next to the latest schema
    (empty when they agree)."""
    want, have = expected(dialect), live(execute, dialect)
    found = [f"table {t} is missing" for t in sorted(want.columns.keys() - have.columns.keys())]
    ignored = SQLITE_INTERNAL | {VERSION_TABLE}
    found += [
        f"table {t} is not the scheduler's"
        for t in sorted(have.columns.keys() - want.columns.keys() - ignored)
    ]
    for table in sorted(want.columns.keys() & have.columns.keys()):
        found += _named("column", table, want.columns[table] - have.columns[table], "missing")
        found += _named(
            "column", table, have.columns[table] - want.columns[table], "not the scheduler's"
        )
    found += [f"index {i} is missing" for i in sorted(want.indexes - have.indexes)]
    found += [
        f"{'trigger' if g.startswith('trg_') else 'constraint'} {g} is missing"
        for g in sorted(want.guards - have.guards)
    ]
    return found


def _named(kind: str, table: str, names: Iterable[str], what: str) -> list[str]:
    return [f"{kind} {table}.{name} is {what}" for name in sorted(names)]
