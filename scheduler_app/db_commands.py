"""The installers' commands: `scheduler-app db ...` and `demo-data`.

Each opens the database for what it does (`db.opening`): `db current`, `check`
and `backup` only look; `db upgrade` is the one that may create a clinic.
Output goes to stdout; errors are raised as `SchedulerError` for `cli.main`.
"""

from __future__ import annotations

import time
from pathlib import Path

from scheduler_app.db import migrate
from scheduler_app.db.opening import Intent, open_clinic, sqlite_path
from scheduler_app.errors import SchedulerError


def upgrade(url: str) -> int:
    database = open_clinic(url, Intent.CREATE, verify=True)
    try:
        print(f"Database schema is at revision {migrate.current_revision(database)} (latest).")
    finally:
        database.dispose()
    return 0


def current(url: str) -> int:
    database = open_clinic(url, Intent.INSPECT)
    try:
        revision = migrate.current_revision(database)
    finally:
        database.dispose()
    head = migrate.head_revision()
    if revision is None:
        print("The database has no schema yet; run `scheduler-app db upgrade`.")
    elif revision == head:
        print(f"{revision} (latest)")
    else:
        print(f"{revision} (this version of the app expects {head})")
    return 0


def check(url: str) -> int:
    from scheduler_app.db.health import check_url

    findings = check_url(url)
    for finding in findings:
        mark = (
            "WARNING" if finding.ok and finding.warning else "ok     " if finding.ok else "PROBLEM"
        )
        print(f"{mark}  {finding.what}: {finding.detail}")
    return 0 if all(f.ok for f in findings) else 1


def backup(url: str, to: str | None) -> int:
    began = time.perf_counter()
    path = sqlite_path(url)
    if path is None:
        from scheduler_app.db.server_dump import dump
        from scheduler_app.server_settings import stored_password

        written = dump(url, Path(to) if to else None, password=stored_password(url))
        print(f"Dumped the database to {written} in {time.perf_counter() - began:.1f} s.")
        return 0
    from scheduler_app.db import backups

    open_clinic(url, Intent.INSPECT).dispose()  # says what is wrong with a file not to copy
    taken = backups.take(path, Path(to) if to else None)
    print(
        f"Backed up {path} to {taken.path} ({taken.size / 1e6:.1f} MB, checked) "
        f"in {time.perf_counter() - began:.1f} s."
    )
    return 0


def restore(url: str, backup_file: str, force: bool) -> int:
    path = sqlite_path(url)
    if path is None:
        raise SchedulerError(
            "A shared server's database is restored with pg_restore on the server "
            '(see README, "Backups"); `db restore` puts back a backup of an embedded file.'
        )
    from scheduler_app.db.restore import restore as put_back

    began = time.perf_counter()
    done = put_back(path, Path(backup_file), force=force)
    aside = f"; the file it replaced is kept as {done.kept_aside}" if done.kept_aside else ""
    print(f"Restored {done.backup} to {path}{aside} ({time.perf_counter() - began:.1f} s).")
    return 0


def demo(url: str) -> int:
    from scheduler_app.services.demo import load_demo_clinic
    from scheduler_app.services.setup import guess_zone

    database = open_clinic(url, Intent.USE, verify=True)
    try:
        count = load_demo_clinic(database, timezone=guess_zone())
    finally:
        database.dispose()
    print(f"Demo clinic created: 6 professionals, 200 clients, {count} appointments.")
    return 0
