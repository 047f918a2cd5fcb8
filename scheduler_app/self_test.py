"""`scheduler-app self-test`: prove an installation works, without touching real data.

Runs on a temporary SQLite file: migrate, book, move and cancel one appointment
through the services, then open and close the main window offscreen.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path


def run(out: Callable[[str], None] = print) -> int:
    """Print each check as it passes; return 0, or 1 with the reason of the first failure."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    began = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="scheduler-self-test-") as tmp:
            _checks(Path(tmp), out)
    except Exception as exc:  # the point is to report any failure, whatever it is
        out(f"FAILED: {type(exc).__name__}: {exc}")
        return 1
    out(f"self-test passed in {time.perf_counter() - began:.1f} s")
    return 0


def _checks(tmp: Path, out: Callable[[str], None]) -> None:
    from scheduler_app.app import open_services
    from scheduler_app.db import migrate
    from scheduler_app.db.engine import sqlite_url
    from scheduler_app.domain.status import AppointmentStatus
    from scheduler_app.errors import ConflictError
    from scheduler_app.services.dto import BookingRequest

    services = open_services(sqlite_url(tmp / "self-test.sqlite3"), create=True)
    revision = migrate.current_revision(services.database)
    assert revision == migrate.head_revision(), revision
    out(f"ok  database created and migrated (schema {revision})")
    from scheduler_app.errors import SchedulerError
    from scheduler_app.services.staff import SignInError

    actor = services.staff.create_first_admin("self-test", "Self-test", "self-test password").id
    services.staff.sign_out()
    try:
        services.staff.sign_in("self-test", "a wrong password")
        raise AssertionError("a wrong password was accepted")
    except SignInError:
        pass
    assert services.staff.sign_in("self-test", "self-test password").id == actor
    try:
        services.staff.accounts()
    except SchedulerError as exc:
        raise AssertionError(f"the administrator cannot list the staff: {exc}") from exc
    out("ok  staff password hashed with Argon2, checked at sign-in")
    prof = services.directory.add_professional(actor, "Self-test professional").id
    tomorrow = (services.context.now() + timedelta(days=1)).astimezone(services.context.timezone)
    start = tomorrow.replace(hour=10, minute=0, second=0, microsecond=0)
    booked = services.booking.book(
        actor, BookingRequest(start=start, end=start + timedelta(minutes=30), professional_id=prof)
    )
    out("ok  booked an appointment")
    try:
        services.booking.book(actor, BookingRequest(start=start, professional_id=prof))
        raise AssertionError("a double booking was accepted")
    except ConflictError:
        out("ok  refused a double booking")
    moved = services.booking.move(actor, booked.id, booked.version, start + timedelta(hours=2))
    assert moved.start == start + timedelta(hours=2)
    out("ok  moved it")
    cancelled = services.lifecycle.cancel(actor, booked.id, moved.version, "self-test")
    assert cancelled.status == AppointmentStatus.CANCELLED
    out("ok  cancelled it")
    services.working_time.set_holidays(actor, "PT")
    new_year = start.replace(year=start.year + 1, month=1, day=1)
    shaded = services.working_time.off_times(new_year, new_year + timedelta(hours=1))
    assert any(off.why == "holiday" for off in shaded), shaded
    out("ok  knows the public holidays")
    _exact_solver(out)

    from PySide6.QtWidgets import QApplication

    from scheduler_app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    window = MainWindow(services)
    window.show_day(start.date())
    window.show()
    deadline = time.monotonic() + 30  # the day is read on a worker
    while window.loading and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()
    assert window.model.rowCount() == 1, "the day did not show the appointment"
    window.close()
    app.processEvents()
    out(f"ok  opened and closed the main window ({app.platformName()})")
    services.database.dispose()
    _keyring(out)


def _exact_solver(out: Callable[[str], None]) -> None:
    """The SAT solver that decides the hardest days is bundled and answers."""
    from scheduler_app.domain.capacity import Demand
    from scheduler_app.domain.free_stretches import Stretches, solved

    group = [Demand(1, 0, 10), Demand(2, 5, 15)]
    two, one = Stretches({}, [7, 8]), Stretches({}, [7])
    found = solved(group, two.holding(group), two, 10_000)
    assert found is not None and found[1] != found[2], found
    assert solved(group, one.holding(group), one, 10_000) is None
    from scheduler_app.domain.relaxation import leanings

    assert leanings(group, one.holding(group)) is None  # two at once into one place
    assert leanings(group, two.holding(group)) is not None
    out("ok  the exact solver and the relaxation answer")


def _keyring(out: Callable[[str], None]) -> None:
    """The keyring library and its Secret Service client are part of the installation
    (whether this computer runs a keyring is another matter: said, not failed)."""
    from keyring.backends import SecretService

    from scheduler_app.secrets import keyring_problem

    if not hasattr(SecretService, "secretstorage"):
        raise AssertionError("the Secret Service keyring support is missing")
    here = "a keyring works here" if keyring_problem() is None else "no keyring runs here"
    out(f"ok  system keyring support installed ({here})")
