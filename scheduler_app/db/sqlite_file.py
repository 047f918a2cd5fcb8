"""Looking at an SQLite file without changing a byte of it.

An engine's first connection switches a file to WAL, which rewrites its header:
so before any engine opens a file, `look_at` decides from its header and a
read-only connection whether it is a clinic of ours, no clinic yet, or something
to leave alone (another application's file, a newer schema, a damaged file).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import urllib.parse
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from scheduler_app.db import migrate
from scheduler_app.db.schema_check import SQLITE_INTERNAL, VERSION_TABLE, our_tables
from scheduler_app.errors import DamagedDatabaseError, DatabaseFileError

#: Our mark in the header of every SQLite file of ours (`PRAGMA application_id`), "SchD".
APPLICATION_ID = 0x53636844
MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
LEFT_ALONE = "It was left as it is."

log = logging.getLogger(__name__)


class State(Enum):
    MISSING = "missing"  # nothing at the path
    EMPTY = "empty"  # a zero-byte file, or an SQLite file without tables
    CLINIC = "clinic"  # a schema of ours, at `revision`


@dataclass(frozen=True)
class FileFacts:
    path: Path
    state: State
    revision: str | None = None
    clinic_id: str | None = None
    application_id: int = 0
    #: This user may write the file and create its -wal and -shm beside it.
    writable: bool = True


@dataclass(frozen=True)
class Header:
    page_size: int
    pages: int | None  # the size the header vouches for, in pages
    wal: bool
    application_id: int

    @classmethod
    def parse(cls, raw: bytes) -> Header:
        page_size = int.from_bytes(raw[16:18], "big")
        valid = raw[24:28] == raw[92:96]  # "version-valid-for" matches the change counter
        return cls(
            page_size=65536 if page_size == 1 else page_size,
            pages=int.from_bytes(raw[28:32], "big") if valid else None,
            wal=raw[18] == 2,
            application_id=int.from_bytes(raw[68:72], "big"),
        )


def read_header(path: Path) -> Header | None:
    """The SQLite header of ``path``, or None when it is not an SQLite file."""
    with path.open("rb") as handle:
        raw = handle.read(HEADER_SIZE)
    if not raw.startswith(MAGIC) or len(raw) < HEADER_SIZE:
        return None
    return Header.parse(raw)


def connect_read_only(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """A connection that cannot write ``path``. ``immutable`` also keeps SQLite from
    creating -wal and -shm files (for a file nobody has open, or a read-only folder)."""
    return sqlite3.connect(read_only_uri(path, immutable=immutable), uri=True)


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    query = "mode=ro&immutable=1" if immutable else "mode=ro"
    return f"file:{urllib.parse.quote(str(path))}?{query}"


def wal_in_use(path: Path) -> bool:
    """Whether ``path`` has a -wal file with content (a desk has it open, or crashed)."""
    wal = Path(f"{path}-wal")
    return wal.exists() and wal.stat().st_size > 0


def is_writable(path: Path) -> bool:
    """This user can write ``path`` and create files beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def needs_immutable(path: Path) -> bool:
    """A read-only folder without -shm: SQLite can only read the file as immutable."""
    return not os.access(path.parent, os.W_OK) and not Path(f"{path}-shm").exists()


def can_read_as_immutable(path: Path) -> bool:
    """Whether reading ``path`` as immutable is safe and needed: nobody has it open
    (no -wal beside it: a WAL file has one while any connection is open), so nothing
    needs creating beside it either; or a read-only folder leaves no other way."""
    return not Path(f"{path}-wal").exists() or needs_immutable(path)


def look_at(path: Path) -> FileFacts:
    """What is at ``path``, read without writing anything.

    Raises `DatabaseFileError` (a subclass saying which) for what this desk must
    not open: a folder, another application's file, a newer schema, damage.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        return FileFacts(path, State.MISSING)
    except NotADirectoryError as exc:
        raise DatabaseFileError(
            f"{path} cannot be a database file: a part of that path is a file, not a folder."
        ) from exc
    except OSError as exc:
        raise DatabaseFileError(f"{path} cannot be reached: {exc.strerror}.") from exc
    if path.is_dir():
        raise DatabaseFileError(f"{path} is a folder, not a database file.")
    if not path.is_file():
        raise DatabaseFileError(f"{path} is not a regular file. {LEFT_ALONE}")
    writable = is_writable(path)
    if info.st_size == 0:
        return FileFacts(path, State.EMPTY, writable=writable)
    try:
        header = read_header(path)
    except OSError as exc:
        raise DatabaseFileError(f"{path} cannot be read: {exc.strerror}.") from exc
    if header is None:
        raise DatabaseFileError(
            f"{path} is not a database of this scheduler (it is not an SQLite file), "
            f"or its beginning is damaged. {LEFT_ALONE}"
        )
    if header.application_id not in (0, APPLICATION_ID):
        raise DatabaseFileError(
            f"{path} belongs to another application (SQLite application id "
            f"{header.application_id:#010x}). {LEFT_ALONE}"
        )
    _refuse_truncated(path, header, info.st_size)
    # Read as immutable when nobody has the file open, which creates nothing beside
    # it (once more without, should a desk have opened it meanwhile).
    immutable = can_read_as_immutable(path)
    try:
        try:
            return _look_inside(path, header, writable, immutable)
        except sqlite3.DatabaseError:
            if not immutable or needs_immutable(path):
                raise
            return _look_inside(path, header, writable, immutable=False)
    except sqlite3.DatabaseError as exc:
        log.error("%s cannot be read: %s", path, exc)
        raise DamagedDatabaseError(
            f"{path} is damaged: its contents cannot be read (the log has the details)."
        ) from exc


def _refuse_truncated(path: Path, header: Header, size: int) -> None:
    """A file shorter than its header vouches for was cut off (unless its -wal holds
    the rest, which only a read through SQLite can tell)."""
    if header.pages is None or wal_in_use(path):
        return
    expected = header.pages * header.page_size
    if size < expected:
        raise DamagedDatabaseError(
            f"{path} is damaged: it was cut off ({size:,} of its {expected:,} bytes are there)."
        )


def _look_inside(path: Path, header: Header, writable: bool, immutable: bool) -> FileFacts:
    with contextlib.closing(connect_read_only(path, immutable=immutable)) as conn:
        tables = {
            name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        tables -= SQLITE_INTERNAL
        if not tables:
            return FileFacts(path, State.EMPTY, writable=writable)
        foreign = tables - our_tables() - {VERSION_TABLE}
        if foreign:
            raise DatabaseFileError(
                f"{path} holds tables of another application ({_few(foreign)}). {LEFT_ALONE}"
            )
        if VERSION_TABLE not in tables:
            raise DatabaseFileError(
                f"{path} has tables named like the scheduler's ({_few(tables)}) but no "
                f"schema version: this scheduler did not make it. {LEFT_ALONE}"
            )
        versions = [row[0] for row in conn.execute(f"SELECT version_num FROM {VERSION_TABLE}")]
        if len(versions) != 1:
            state = "is empty" if not versions else "holds several versions"
            raise DatabaseFileError(
                f"{path} is not a database of this scheduler: its schema version table "
                f"{state}. {LEFT_ALONE}"
            )
        revision = str(versions[0])
        if revision not in migrate.REVISIONS:
            if header.application_id != APPLICATION_ID:
                raise DatabaseFileError(
                    f"{path} has an unknown schema ({revision}) and not this scheduler's "
                    f"mark: another application made it. {LEFT_ALONE}"
                )
            raise migrate.newer_schema(str(path), revision)
        return FileFacts(
            path,
            State.CLINIC,
            revision=revision,
            clinic_id=clinic_id_of(conn),
            application_id=header.application_id,
            writable=writable,
        )


def clinic_id_of(conn: sqlite3.Connection) -> str | None:
    """The clinic id kept in the file (None before one was given, or without a clinic)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(organization)")}
    if "clinic_id" not in columns:
        return None
    row = conn.execute("SELECT clinic_id FROM organization ORDER BY id LIMIT 1").fetchone()
    return str(row[0]) if row else None


def _few(names: set[str]) -> str:
    listed = sorted(names)
    return ", ".join(listed[:4]) + (", ..." if len(listed) > 4 else "")


def quick_check(path: Path) -> list[str]:
    """SQLite's `PRAGMA quick_check` of ``path``, read-only: the damage it finds
    (empty when there is none). Reads every page: about a second per 400 MB."""
    try:
        with contextlib.closing(
            connect_read_only(path, immutable=can_read_as_immutable(path))
        ) as conn:
            found = [str(row[0]) for row in conn.execute("PRAGMA quick_check(20)")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if found == ["ok"] else found
