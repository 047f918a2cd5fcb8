"""`db backup` of a shared PostgreSQL database: `pg_dump -Fc`, when it is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from scheduler_app.errors import SchedulerError

NOT_INSTALLED = (
    "pg_dump is not installed on this computer: install the PostgreSQL client tools "
    "(Debian/Ubuntu: `sudo apt-get install postgresql-client`), or back up on the server "
    '(see README, "Backups").'
)


def dump(url: str, to: Path | None = None, *, password: str = "") -> Path:
    """Write a custom-format dump of ``url`` to ``to`` (default: the current folder,
    named after the database and the time); raises `SchedulerError` saying why not."""
    program = shutil.which("pg_dump")
    if program is None:
        raise SchedulerError(NOT_INSTALLED)
    parsed = make_url(url)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = to or Path.cwd() / f"{parsed.database}-{stamp}.dump"
    if target.exists():
        raise SchedulerError(f"{target} already exists: choose another name.")
    env = dict(os.environ)
    if parsed.password or password:
        env["PGPASSWORD"] = str(parsed.password or password)
    sslmode = parsed.query.get("sslmode")
    if isinstance(sslmode, str):
        env["PGSSLMODE"] = sslmode
    command = [program, "--format=custom", f"--file={target}", "--no-password"]
    if parsed.host:
        command.append(f"--host={parsed.host}")
    if parsed.port:
        command.append(f"--port={parsed.port}")
    if parsed.username:
        command.append(f"--username={parsed.username}")
    command.append(str(parsed.database))
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        target.unlink(missing_ok=True)
        lines = [line.strip() for line in result.stderr.splitlines() if line.strip()]
        errors = [line.split("error:", 1)[1].strip() for line in lines if "error:" in line]
        reason = (errors or lines or ["no reason given"])[0]
        raise SchedulerError(f"pg_dump could not back up {parsed.database}: {reason}")
    _check(target)
    return target


def _check(target: Path) -> None:
    """`pg_restore --list` reads the dump's table of contents (when it is installed)."""
    program = shutil.which("pg_restore")
    if program is None:
        return
    result = subprocess.run(
        [program, "--list", str(target)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SchedulerError(f"The dump {target} cannot be read back: {result.stderr.strip()}")
