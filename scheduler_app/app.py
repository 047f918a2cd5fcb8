"""Composition root: settings -> engine -> migrate -> services -> workers -> windows."""

from __future__ import annotations

import logging
import logging.handlers

from scheduler_app import config
from scheduler_app.db import migrate
from scheduler_app.db.engine import open_database
from scheduler_app.services.bundle import Services, build_services
from scheduler_app.services.setup import guess_zone

log = logging.getLogger(__name__)


def open_services(url: str, *, demo: bool = False) -> Services:
    """Open ``url``, migrate it, fill it with the demo clinic if asked and empty."""
    database = open_database(url)
    migrate.upgrade(database)
    if demo:
        from scheduler_app.services.demo import DEMO_USER, DemoRefusedError, load_demo_clinic

        try:
            count = load_demo_clinic(database, timezone=guess_zone())
            log.info("demo clinic created with %d appointments", count)
        except DemoRefusedError:
            log.info("demo database already filled; opening it as it is")
        return build_services(database, username=DEMO_USER)
    return build_services(database)


def setup_logging(verbose: bool = False) -> None:
    """Log to a rotating file in the per-user log directory (and stderr when verbose)."""
    root = logging.getLogger()
    if root.handlers:
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        config.log_dir().mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            config.log_dir() / "scheduler-app.log", maxBytes=2_000_000, backupCount=5
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if verbose:
        root.addHandler(logging.StreamHandler())


def run_gui(url: str, *, demo: bool = False) -> int:
    """Open the main window on ``url``; returns the process exit code."""
    from scheduler_app.ui.application import run

    return run(lambda: open_services(url, demo=demo))
