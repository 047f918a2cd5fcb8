"""Composition root: settings -> engine -> migrate -> services -> workers -> windows."""

from __future__ import annotations

import logging

from scheduler_app.db.engine import Database
from scheduler_app.db.opening import Intent, open_clinic
from scheduler_app.services.bundle import Services, build_services
from scheduler_app.services.setup import guess_zone

log = logging.getLogger(__name__)


def open_services(url: str, *, demo: bool = False, create: bool = False) -> Services:
    """Open the clinic at ``url`` (migrated if older; created only when ``create``),
    fill it with the demo clinic if asked and empty."""
    database = open_clinic(url, Intent.CREATE if create else Intent.USE)
    try:
        return _services(database, demo)
    except BaseException:
        database.dispose()
        raise


def _services(database: Database, demo: bool) -> Services:
    if not demo:
        return build_services(database)
    from scheduler_app.services.demo import DemoRefusedError, load_demo_clinic

    if not database.read_only:
        try:
            count = load_demo_clinic(database, timezone=guess_zone())
            log.info("demo clinic created with %d appointments", count)
        except DemoRefusedError:
            log.info("demo database already filled; opening it as it is")
    return build_services(database)
