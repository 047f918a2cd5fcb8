"""Database errors turned into messages a desk or an installer can act on."""

from __future__ import annotations

import re

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from scheduler_app.db.schema_extras import OVERLAP_ERROR, TOO_LONG_ERROR
from scheduler_app.errors import (
    BusyError,
    ConflictError,
    DamagedDatabaseError,
    DatabaseUnavailableError,
    PasswordRequiredError,
    ReadOnlyDatabaseError,
    SchedulerError,
    ValidationError,
)

#: PostgreSQL SQLSTATEs worth another try: serialization failure, deadlock, lock not available.
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01", "55P03"})
EXCLUSION_VIOLATION = "23P01"
BUSY_MESSAGE = "The schedule is busy with other desks' changes. Please try again."

_PASSWORD_PROBLEMS = [
    (
        re.compile(r'password authentication failed for user "([^"]+)"'),
        "The database server refused the password for user {0}.",
    ),
    (
        re.compile(r"no password supplied"),
        "The database server wants a password for this desk.",
    ),
]
_CONNECT_PROBLEMS = [
    (re.compile(r'role "([^"]+)" does not exist'), "The database server has no user {0}."),
    (
        re.compile(r'database "([^"]+)" does not exist'),
        "There is no database called {0} on the server; create it first "
        '(see README, "Shared database") or check the name.',
    ),
    (
        re.compile(r"(?:could not translate host name|failed to resolve host) [\"']([^\"']+)[\"']"),
        "The database server name {0} is unknown; check the address.",
    ),
    (
        re.compile(r'connection to server at "([^"]+)", port (\d+) failed: Connection refused'),
        "Nothing answers at {0} port {1}: is the database server running?",
    ),
    (re.compile(r"timeout expired"), "The database server did not answer in time."),
    (re.compile(r"unable to open database file"), "The database file cannot be opened."),
]


def sqlstate(exc: DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None)


def is_transient(exc: DBAPIError) -> bool:
    if sqlstate(exc) in RETRYABLE_SQLSTATES:
        return True
    return isinstance(exc, OperationalError) and "database is locked" in str(exc.orig)


def translate(exc: DBAPIError) -> SchedulerError:
    """The user-facing error for a database error."""
    message = str(exc.orig).strip()
    if sqlstate(exc) == EXCLUSION_VIOLATION or OVERLAP_ERROR in message:
        return ConflictError("The professional already has an appointment at that time.")
    if TOO_LONG_ERROR in message or "ck_appointment_max_duration" in message:
        return ValidationError("The appointment is longer than allowed.")
    if is_transient(exc):
        return BusyError(BUSY_MESSAGE)
    if isinstance(exc, IntegrityError):
        return ValidationError(f"The change breaks a rule of the database: {message}")
    if "database disk image is malformed" in message or "file is not a database" in message:
        return DamagedDatabaseError(
            f"The clinic's database file is damaged (SQLite reports “{message}”). Nothing was "
            "changed: run `scheduler-app db check`, and restore the latest backup "
            "(Clinic > Backups)."
        )
    if "attempt to write a readonly database" in message:
        return ReadOnlyDatabaseError(
            "The clinic's database cannot be written from this computer (the file or its "
            "folder is read-only). Nothing was changed."
        )
    for pattern, text in _PASSWORD_PROBLEMS:
        found = pattern.search(message)
        if found:
            return PasswordRequiredError(text.format(*found.groups()))
    for pattern, text in _CONNECT_PROBLEMS:
        found = pattern.search(message)
        if found:
            return DatabaseUnavailableError(text.format(*found.groups()))
    if isinstance(exc, OperationalError) or exc.connection_invalidated:
        return DatabaseUnavailableError(
            f"The database cannot be reached right now ({message.splitlines()[0]}). "
            "Nothing was changed; please try again."
        )
    return DatabaseUnavailableError(f"The database refused the request: {message}")
