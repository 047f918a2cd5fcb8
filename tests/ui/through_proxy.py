"""A desk whose every connection to the PostgreSQL server goes through a `FaultProxy`
(network delay, a cut link), for the window's tests and benchmarks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QThreadPool
from sqlalchemy.engine import make_url

from scheduler_app.db.engine import open_database
from scheduler_app.services.bundle import Services, build_services
from tests.conftest import Clinic, signed_in
from tests.db.fault_proxy import FaultProxy


@contextmanager
def desk_through_proxy(
    clinic: Clinic, delay_s: float = 0.0
) -> Iterator[tuple[Services, FaultProxy]]:
    """The services of a second desk of ``clinic``'s server, through a proxy."""
    url = make_url(clinic.services.database.engine.url.render_as_string(False))
    proxy = FaultProxy(url.host or "127.0.0.1", url.port or 5432, delay_s=delay_s)
    database = open_database(url.set(host="127.0.0.1", port=proxy.port).render_as_string(False))
    try:
        services = signed_in(build_services(database, clock=clinic.clock), "admin")
        services.context.desk.recheck_seconds = 3600  # the account is not re-read meanwhile
        yield services, proxy
    finally:
        proxy.mend()
        QThreadPool.globalInstance().waitForDone(10_000)  # reads still on their way
        database.dispose()
        proxy.close()
