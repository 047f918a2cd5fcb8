"""Database-side guarantees that SQLAlchemy's portable DDL cannot spell.

They back up the services' checks: even a buggy client or a hand-written UPDATE
cannot give a professional two overlapping active appointments (R1) or store an
over-long one. Used by the migrations and, for schema comparison tests, by
`create_all` through DDL events.
"""

from __future__ import annotations

from sqlalchemy import DDL, event

from scheduler_app.db.models import Appointment, Client
from scheduler_app.db.report_day_models import ScheduleDay
from scheduler_app.db.resource_models import AppointmentResource
from scheduler_app.domain.limits import MAX_DURATION
from scheduler_app.domain.rules import MAX_BUFFER_MINUTES
from scheduler_app.domain.status import ACTIVE_STATUSES

_ACTIVE = ", ".join(f"'{s.value}'" for s in sorted(ACTIVE_STATUSES))
_MAX_SECONDS = int(MAX_DURATION.total_seconds())
#: How far an appointment's buffers reach, at most, on both sides together.
_BUFFERS_SECONDS = 2 * 60 * MAX_BUFFER_MINUTES

#: Error texts raised by the database; the services map them to user messages.
OVERLAP_ERROR = "appointment_professional_overlap"
TOO_LONG_ERROR = "appointment_too_long"
EXCLUSION_NAME = "ex_appointment_professional_overlap"
RESOURCE_OVERLAP_ERROR = "appointment_resource_overlap"
RESOURCE_EXCLUSION_NAME = "ex_appointment_resource_overlap"


def _sqlite_guard(event_name: str) -> str:
    """R1 on the occupied ranges ``[start_at - before, end_at + after)``; the start
    bounds (wider by the longest buffers) let the index on start_at serve."""
    same_row = "AND a.id <> NEW.id" if event_name == "UPDATE" else ""
    return f"""
CREATE TRIGGER trg_appointment_guard_{event_name.lower()}
BEFORE {event_name} ON appointment
BEGIN
    SELECT RAISE(ABORT, '{TOO_LONG_ERROR}')
    WHERE strftime('%s', NEW.end_at) - strftime('%s', NEW.start_at) > {_MAX_SECONDS};
    SELECT RAISE(ABORT, '{OVERLAP_ERROR}')
    WHERE NEW.professional_id IS NOT NULL AND NEW.status IN ({_ACTIVE}) AND EXISTS (
        SELECT 1 FROM appointment AS a
        WHERE a.professional_id = NEW.professional_id {same_row}
          AND a.status IN ({_ACTIVE})
          AND a.start_at >= datetime(NEW.start_at, '-{_MAX_SECONDS + _BUFFERS_SECONDS} seconds')
          AND a.start_at < datetime(NEW.end_at, '+{_BUFFERS_SECONDS} seconds')
          AND strftime('%s', a.start_at) - 60 * a.buffer_before_minutes
              < strftime('%s', NEW.end_at) + 60 * NEW.buffer_after_minutes
          AND strftime('%s', a.end_at) + 60 * a.buffer_after_minutes
              > strftime('%s', NEW.start_at) - 60 * NEW.buffer_before_minutes
    );
END
"""


SQLITE_UP = [_sqlite_guard("INSERT"), _sqlite_guard("UPDATE")]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS trg_appointment_guard_update",
    "DROP TRIGGER IF EXISTS trg_appointment_guard_insert",
]

#: The occupied range of an appointment. Minutes-only intervals do not depend on the
#: time zone, so the function is immutable, as an exclusion constraint needs.
OCCUPIED_FUNCTION = (
    "CREATE OR REPLACE FUNCTION appointment_occupied("
    "start_at timestamptz, end_at timestamptz, before_minutes integer, after_minutes integer) "
    "RETURNS tstzrange LANGUAGE sql IMMUTABLE PARALLEL SAFE AS "
    "$$ SELECT tstzrange(start_at - before_minutes * interval '1 minute', "
    "end_at + after_minutes * interval '1 minute', '[)') $$"
)
POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    OCCUPIED_FUNCTION,
    f"ALTER TABLE appointment ADD CONSTRAINT ck_appointment_max_duration "
    f"CHECK (end_at - start_at <= interval '{_MAX_SECONDS} seconds')",
    f"ALTER TABLE appointment ADD CONSTRAINT {EXCLUSION_NAME} EXCLUDE USING gist "
    f"(professional_id WITH =, appointment_occupied(start_at, end_at, buffer_before_minutes, "
    f"buffer_after_minutes) WITH &&) "
    f"WHERE (status IN ({_ACTIVE}))",
]
POSTGRES_DOWN = [
    f"ALTER TABLE appointment DROP CONSTRAINT IF EXISTS {EXCLUSION_NAME}",
    "ALTER TABLE appointment DROP CONSTRAINT IF EXISTS ck_appointment_max_duration",
    "DROP FUNCTION IF EXISTS appointment_occupied(timestamptz, timestamptz, integer, integer)",
]


def _sqlite_resource_guard(event_name: str) -> str:
    """A resource of capacity 1 (``single``) never held by two active appointments
    at once (larger capacities are the services' exact check). A hold lasts as long
    as its appointment, so the start bound lets the index on (resource, start) serve."""
    return f"""
CREATE TRIGGER trg_appointment_resource_guard_{event_name.lower()}
BEFORE {event_name} ON appointment_resource
BEGIN
    SELECT RAISE(ABORT, '{RESOURCE_OVERLAP_ERROR}')
    WHERE NEW.active AND NEW.single AND EXISTS (
        SELECT 1 FROM appointment_resource AS h
        WHERE h.resource_id = NEW.resource_id AND h.appointment_id <> NEW.appointment_id
          AND h.active AND h.single
          AND h.start_at >= datetime(NEW.start_at, '-{_MAX_SECONDS} seconds')
          AND h.start_at < NEW.end_at AND h.end_at > NEW.start_at
    );
END
"""


SQLITE_RESOURCE_UP = [_sqlite_resource_guard("INSERT"), _sqlite_resource_guard("UPDATE")]
POSTGRES_RESOURCE_UP = [
    f"ALTER TABLE appointment_resource ADD CONSTRAINT {RESOURCE_EXCLUSION_NAME} "
    "EXCLUDE USING gist (resource_id WITH =, tstzrange(start_at, end_at, '[)') WITH &&) "
    "WHERE (active AND single)"
]


# -- the days written (`report_day_models.ScheduleDay`) -----------------------------
#
# Every write of an appointment or of a resource it holds raises the count of the
# UTC dates of its start and its end (before and after an update), in the write's
# transaction: the days a report kept are known to hold while the counts do.


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


#: The client search's trigram index (see `Client`) needs its operator class first.
POSTGRES_BEFORE_CLIENT = "CREATE EXTENSION IF NOT EXISTS pg_trgm"


def _attach() -> None:
    event.listen(
        Client.__table__,
        "before_create",
        DDL(POSTGRES_BEFORE_CLIENT).execute_if(dialect="postgresql"),  # type: ignore[no-untyped-call]
    )
    table = Appointment.__table__
    for dialect, statements in (("sqlite", SQLITE_UP), ("postgresql", POSTGRES_UP)):
        for statement in statements:
            ddl = DDL(statement.replace("%", "%%"))  # type: ignore[no-untyped-call]
            event.listen(table, "after_create", ddl.execute_if(dialect=dialect))
    held = AppointmentResource.__table__
    for dialect, statements in (
        ("sqlite", SQLITE_RESOURCE_UP),
        ("postgresql", POSTGRES_RESOURCE_UP),
    ):
        for statement in statements:
            ddl = DDL(statement)  # type: ignore[no-untyped-call]
            event.listen(held, "after_create", ddl.execute_if(dialect=dialect))
    # Once every table exists (they name three).
    days = ScheduleDay.metadata
    for dialect, statements in (("sqlite", SQLITE_DAYS_UP), ("postgresql", POSTGRES_DAYS_UP)):
        for statement in statements:
            ddl = DDL(statement.replace("%", "%%"))  # type: ignore[no-untyped-call]
            event.listen(days, "after_create", ddl.execute_if(dialect=dialect))


_attach()
