"""Bad database files, made as a user or a mishap would make them, and how to tell
that nothing touched them."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from scheduler_app.cli import main
from scheduler_app.db.engine import sqlite_url

ROOT = Path(__file__).resolve().parents[1]


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in ``folder`` with the hash of its content (new -wal files count)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def make_clinic(path: Path) -> Path:
    """A clinic file with the demo data, through the commands (vacuumed: no free pages,
    so that overwritten bytes land in live data)."""
    assert main(["db", "upgrade", "--database", sqlite_url(path)]) == 0
    assert main(["demo-data", "--database", sqlite_url(path)]) == 0
    with sqlite3.connect(path) as conn:
        conn.execute("VACUUM")
    conn.close()
    return path


def foreign_file(path: Path) -> Path:
    """A browser's history database, in WAL mode like the real ones."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT, title TEXT)")
    conn.execute("INSERT INTO moz_places (url, title) VALUES ('https://example.org', 'Example')")
    conn.commit()
    conn.close()
    return path


def table_named_like_ours(path: Path) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE appointment (id INTEGER PRIMARY KEY, what TEXT)")
        conn.execute("INSERT INTO appointment (what) VALUES ('not ours')")
    conn.close()
    return path


def edit(path: Path, *statements: str) -> Path:
    """Change a copy of a clinic file behind the app's back."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        for statement in statements:
            conn.execute(statement)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def truncate(path: Path) -> Path:
    os.truncate(path, path.stat().st_size // 2)
    return path


def overwrite_middle(path: Path) -> Path:
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(size // 2 - size // 2 % 4096)
        handle.write(bytes(range(256)) * 16)
    return path


def overwrite_page_of(path: Path, table: str) -> Path:
    """Overwrite one of ``table``'s pages in the middle of the file (live data)."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        pages = [
            row[0] for row in conn.execute("SELECT pageno FROM dbstat WHERE name = ?", (table,))
        ]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    page = pages[len(pages) // 2]
    with path.open("r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(bytes(range(256)) * (size // 256))
    return path


def dropped_privileges() -> list[str]:
    """A command prefix that runs as a desk user would: without root's right to ignore
    file permissions (empty when not root)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root without setpriv cannot test read-only files")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]


def run_as_desk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`scheduler-app ARGS` in a process without root's file rights."""
    return subprocess.run(
        [*dropped_privileges(), sys.executable, "-m", "scheduler_app", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        timeout=120,
        check=False,
    )


def make_read_only(path: Path, *, folder_too: bool) -> None:
    path.chmod(0o444)
    if folder_too:
        path.parent.chmod(0o555)


def writable_again(folders: Sequence[Path]) -> None:
    for folder in folders:
        folder.chmod(0o755)
        for entry in folder.iterdir():
            entry.chmod(0o644)
