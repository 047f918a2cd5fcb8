"""Database errors turned into messages a desk or an installer can act on."""

from __future__ import annotations

import logging
import re

from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError

from scheduler_app.db.schema_extras import (
    OVERLAP_ERROR,
    RESOURCE_EXCLUSION_NAME,
    RESOURCE_OVERLAP_ERROR,
    TOO_LONG_ERROR,
)
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

log = logging.getLogger(__name__)

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


#: SQLSTATEs of a schema that is not what this version expects (not a bug of the desk).
SCHEMA_SQLSTATES = frozenset({"42P01", "42703"})  # undefined table, undefined column


def is_bug(exc: DBAPIError) -> bool:
    """Whether the database refused a statement it should never have been sent: a bug
    of the application (logged and shown as such), not the user's or the network's
    doing. Bad input is refused by the services before any SQL runs."""
    if isinstance(exc, OperationalError | InterfaceError) or exc.connection_invalidated:
        return False
    if sqlstate(exc) in SCHEMA_SQLSTATES:
        return False
    message = str(exc.orig)
    if _damaged(message) or _read_only(message):
        return False
    known = (
        OVERLAP_ERROR,
        TOO_LONG_ERROR,
        "ck_appointment_max_duration",
        RESOURCE_OVERLAP_ERROR,
        RESOURCE_EXCLUSION_NAME,
    )
    return sqlstate(exc) != EXCLUSION_VIOLATION and not any(k in message for k in known)


def _damaged(message: str) -> bool:
    return "database disk image is malformed" in message or "file is not a database" in message


def _read_only(message: str) -> bool:
    return "attempt to write a readonly database" in message


def translate(exc: DBAPIError) -> SchedulerError:
    """The user-facing error for a database error (see `is_bug` first)."""
    message = str(exc.orig).strip()
    if RESOURCE_OVERLAP_ERROR in message or RESOURCE_EXCLUSION_NAME in message:
        return ConflictError("The room or equipment is already in use at that time.")
    if sqlstate(exc) == EXCLUSION_VIOLATION or OVERLAP_ERROR in message:
        return ConflictError("The professional already has an appointment at that time.")
    if TOO_LONG_ERROR in message or "ck_appointment_max_duration" in message:
        return ValidationError("The appointment is longer than allowed.")
    if is_transient(exc):
        return BusyError(BUSY_MESSAGE)
    if sqlstate(exc) in SCHEMA_SQLSTATES:
        log.error("the database's schema is not what this version expects: %s", message)
        return DatabaseUnavailableError(
            "The database's tables are not what this version of the scheduler expects. "
            "Nothing was changed; ask whoever looks after it to run `scheduler-app db check`."
        )
    if isinstance(exc, IntegrityError):
        log.error("the database refused a change: %s", message)
        return ValidationError(
            "The database refused the change as inconsistent; nothing was changed. "
            "Reload and try again."
        )
    if _damaged(message):
        log.error("the database file is damaged: %s", message)
        return DamagedDatabaseError(
            "The clinic's database file is damaged. Nothing was changed: run "
            "`scheduler-app db check`, and restore the latest backup (Clinic > Backups)."
        )
    if _read_only(message):
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
    log.warning("database error: %s", message)
    if isinstance(exc, OperationalError | InterfaceError) or exc.connection_invalidated:
        return DatabaseUnavailableError(
            "The database cannot be reached right now. Nothing was changed; please try again."
        )
    return DatabaseUnavailableError(
        "The database refused the request. Nothing was changed; the log has the details."
    )
