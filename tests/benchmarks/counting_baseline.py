"""The counting availability check of a typical small booking system, reproduced literally
for comparison.

A Django booking app stores an appointment as a start and a duration and, on
SQLite, computes the end in the query through Django's Python date-arithmetic
function; its "general availability" counts active appointments overlapping the
window and compares the count with the number of active professionals. There is
no index on the start time (Django adds indexes for foreign keys only).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

SCHEMA = """
CREATE TABLE IF NOT EXISTS seed_professional (
    id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, is_active BOOL NOT NULL
);
CREATE TABLE IF NOT EXISTS seed_appointment (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL,
    professional_id INTEGER NULL REFERENCES seed_professional (id),
    start_datetime DATETIME NOT NULL,
    duration BIGINT NOT NULL,
    status VARCHAR(1) NOT NULL
);
CREATE INDEX IF NOT EXISTS seed_appointment_user_id ON seed_appointment (user_id);
CREATE INDEX IF NOT EXISTS seed_appointment_professional_id
    ON seed_appointment (professional_id);
"""

# What Django's ORM sends for such a check_general_availability on SQLite.
OVERLAPPING = """
SELECT COUNT(*) FROM seed_appointment
WHERE seed_appointment.start_datetime < ?
  AND django_format_dtdelta('+', seed_appointment.start_datetime,
                            seed_appointment.duration) > ?
  AND seed_appointment.status IN ('P', 'C')
"""
ACTIVE_PROFESSIONALS = "SELECT COUNT(*) FROM seed_professional WHERE is_active"


def _format_dtdelta(connector: str, lhs: str, rhs: int) -> str | None:
    """Django's SQLite function (django.db.backends.sqlite3._functions), reduced."""
    if lhs is None or rhs is None:
        return None
    start = datetime.fromisoformat(lhs)
    delta = timedelta(microseconds=int(rhs))
    out = start + delta if connector == "+" else start - delta
    return str(out)  # Django returns str(datetime): 'YYYY-MM-DD HH:MM:SS[.ffffff]'


def connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.create_function("django_format_dtdelta", 3, _format_dtdelta, deterministic=True)
    return conn


def as_text(moment: datetime) -> str:
    """Django's SQLite storage of a UTC datetime."""
    return moment.replace(tzinfo=None).isoformat(sep=" ")


def check_general_availability(
    conn: sqlite3.Connection, start: datetime, duration: timedelta
) -> bool:
    end = start + duration
    overlapping = conn.execute(OVERLAPPING, (as_text(end), as_text(start))).fetchone()[0]
    professionals = conn.execute(ACTIVE_PROFESSIONALS).fetchone()[0]
    return bool(overlapping < professionals)
