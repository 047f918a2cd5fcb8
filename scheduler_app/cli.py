"""`scheduler-app`: the desk application, plus admin commands for installers."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from scheduler_app import __version__, config

DESCRIPTION = """\
Appointment scheduler for clinics and offices.

With no command it opens the scheduler window. The database is, in order:
--database URL, $SCHEDULER_DATABASE_URL, the [database] url of a settings file
(scheduler-app.conf next to a packaged executable, in your config folder or in
/etc/scheduler-app/), or an embedded SQLite file in your data folder (created
and brought up to date on first start). A database is only ever created by
`db upgrade`, the first start of that embedded file, or when you confirm it in
the window; a file of another application or of a newer version is refused.
"""

EPILOG = """\
examples:
  scheduler-app                         open the scheduler
  scheduler-app --demo                  open a demo clinic (its own file, filled on first start)
  scheduler-app db upgrade --database postgresql+psycopg://desk@server/clinic
  scheduler-app db current              show the schema revision of the database
  scheduler-app db check --database postgresql+psycopg://desk@server/clinic
  scheduler-app db backup               back up the embedded file now (checked)
  scheduler-app db restore ~/.local/share/scheduler-app/backups/schedule-…/….sqlite3
  scheduler-app demo-data --database sqlite:////tmp/try.sqlite3
  scheduler-app self-test               check this installation (temporary database)
"""


def _common(default: object) -> argparse.ArgumentParser:
    """Options accepted before and after the command (after it, they must not reset)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--database",
        metavar="URL",
        default=default,
        help="database to use: sqlite:///path/file.sqlite3 or postgresql+psycopg://user@host/db",
    )
    common.add_argument(
        "--verbose",
        action="store_true",
        default=False if default is None else default,
        help="also log to the terminal",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common(argparse.SUPPRESS)

    parser = argparse.ArgumentParser(
        prog="scheduler-app",
        description=DESCRIPTION,
        epilog=EPILOG,
        parents=[_common(None)],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help=f"open the demo clinic in {config.default_database_path(demo=True)}",
    )
    commands = parser.add_subparsers(dest="command", metavar="command")
    commands.add_parser("gui", parents=[common], help="open the scheduler window (the default)")

    db = commands.add_parser("db", help="database administration for installers")
    db_commands = db.add_subparsers(dest="db_command", metavar="action", required=True)
    db_commands.add_parser(
        "upgrade", parents=[common], help="create or migrate the schema to this version"
    )
    db_commands.add_parser(
        "current", parents=[common], help="print the schema revision of the database"
    )
    db_commands.add_parser(
        "check",
        parents=[common],
        help="check connectivity, server version, schema, safeguards and (SQLite) every page",
    )
    backup = db_commands.add_parser(
        "backup",
        parents=[common],
        help="back the database up (SQLite: a checked copy, into the backups folder unless "
        "FILE is given; PostgreSQL: pg_dump -Fc)",
    )
    backup.add_argument("file", nargs="?", metavar="FILE", help="where to write the backup")
    restore = db_commands.add_parser(
        "restore",
        parents=[common],
        help="put a backup back in place of the SQLite file (the current one is kept aside)",
    )
    restore.add_argument("file", metavar="FILE", help="the backup to restore")
    restore.add_argument(
        "--force",
        action="store_true",
        help="restore a backup of another clinic or of a newer version anyway",
    )
    commands.add_parser(
        "self-test",
        parents=[common],
        help="check this installation on a temporary database (no real data touched)",
    )
    commands.add_parser(
        "demo-data",
        parents=[common],
        help="fill an empty database with a demo clinic (6 professionals, 200 clients, "
        "two weeks of appointments)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from scheduler_app.errors import SchedulerError
    from scheduler_app.logs import setup_logging

    args = build_parser().parse_args(argv)
    setup_logging(args.verbose)
    try:
        url = config.database_url(args.database, demo=args.demo)
        if args.command in (None, "gui"):
            from scheduler_app.ui.startup import run_gui

            return run_gui(url, demo=args.demo)
        if args.command == "db":
            return _db(args, url)
        if args.command == "demo-data":
            from scheduler_app import db_commands

            return db_commands.demo(url)
        if args.command == "self-test":
            from scheduler_app.self_test import run

            return run()
    except SchedulerError as exc:
        print(f"scheduler-app: {exc.message}", file=sys.stderr)
        if args.command in (None, "gui"):  # started from a menu: no terminal to read
            from scheduler_app.ui.startup import show_startup_error

            show_startup_error(exc)
        return 1
    except OSError as exc:  # the environment (a disk, a folder), not a bug: say which
        print(f"scheduler-app: {exc}", file=sys.stderr)
        return 1
    raise AssertionError(f"unknown command {args.command}")  # pragma: no cover


def _db(args: argparse.Namespace, url: str) -> int:
    from scheduler_app import db_commands

    action = args.db_command
    if action == "upgrade":
        return db_commands.upgrade(url)
    if action == "current":
        return db_commands.current(url)
    if action == "check":
        return db_commands.check(url)
    if action == "backup":
        return db_commands.backup(url, args.file)
    if action == "restore":
        return db_commands.restore(url, args.file, args.force)
    raise AssertionError(f"unknown action {action}")  # pragma: no cover
