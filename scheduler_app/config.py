"""Where the application keeps its data and which database it opens."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "scheduler-app"
ENV_DATABASE = "SCHEDULER_DATABASE_URL"


def data_dir() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def log_dir() -> Path:
    return platformdirs.user_log_path(APP_NAME, appauthor=False)


def default_database_path(*, demo: bool = False) -> Path:
    return data_dir() / ("demo.sqlite3" if demo else "schedule.sqlite3")


def database_url(explicit: str | None = None, *, demo: bool = False) -> str:
    """``--database`` wins, then $SCHEDULER_DATABASE_URL, then the embedded file."""
    from scheduler_app.db.engine import sqlite_url

    if explicit:
        return explicit
    if not demo and os.environ.get(ENV_DATABASE):
        return os.environ[ENV_DATABASE]
    return sqlite_url(default_database_path(demo=demo))


def resources_dir() -> Path:
    """`resources/` of a source checkout, or the copy inside a packaged bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
