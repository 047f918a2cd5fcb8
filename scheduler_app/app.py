"""Composition root: settings -> engine -> migrate -> services -> workers -> windows."""

from __future__ import annotations

import logging

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
