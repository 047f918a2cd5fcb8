"""Screenshots of the booking, details and Find a time dialogs as they open on a slow
link ("Loading…", their lists and buttons off) and once their lists are in, and the
booking and Find a time dialogs opened while the server cannot be reached, at two
window sizes.

The demo clinic goes into a throwaway database on the test suite's PostgreSQL
server; the window reaches it through a `FaultProxy` adding a slow round trip.
Run in a real window under Xvfb (or any display):
    Xvfb :99 -screen 0 1920x1080x24 -nolisten tcp &
    DISPLAY=:99 .venv/bin/python -m tests.ui.dialog_lists_screenshots shots/ [--language pt]
"""

from __future__ import annotations

import argparse
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import psycopg
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy.engine import make_url

from scheduler_app.app import open_services
from scheduler_app.db.engine import open_database
from scheduler_app.services.bundle import build_services
from scheduler_app.ui import i18n
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.client_picker import ClientPicker
from scheduler_app.ui.details_dialog import DetailsDialog
from scheduler_app.ui.dialog_lists import unreachable_words
from scheduler_app.ui.find_time_dialog import FindTimeDialog
from scheduler_app.ui.follow_up import finder_like
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import PG_ADMIN_URL
from tests.db.fault_proxy import FaultProxy
from tests.ui.dialog_driver import lists_in
from tests.ui.find_time_screenshots import screen
from tests.ui.no_wait_screenshots import wait
from tests.ui.take_screenshots import SIZES

#: Each round trip this long: the dialogs say "Loading…" for a while.
SLOW_S = 0.4


def centre(dialog: QDialog, window: MainWindow) -> None:
    dialog.move(window.frameGeometry().center() - dialog.frameGeometry().center() + dialog.pos())


def opening_and_filled(
    app: QApplication,
    window: MainWindow,
    dialog: BookingDialog | DetailsDialog | FindTimeDialog,
    path: str,
) -> None:
    """``dialog`` as it opens, then with its lists in and its time checked (or the
    free times found)."""
    dialog.show()
    centre(dialog, window)
    wait(app, dialog.isVisible, rounds=10)
    screen(app, window, f"{path}-opening.png")
    lists_in(dialog)
    clients = dialog.findChild(ClientPicker).list
    if isinstance(dialog, FindTimeDialog):
        wait(app, lambda: not dialog.searching and clients.count() > 1)
    else:
        wait(app, lambda: not dialog.live.waiting and clients.count() > 1)
    for _ in range(5):
        app.processEvents()
    screen(app, window, f"{path}-filled.png")
    dialog.reject()


def main(out: Path, language: str) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    i18n.install(language)
    admin = make_url(PG_ADMIN_URL)
    name = f"scheduler_shots_{uuid.uuid4().hex[:8]}"
    libpq = admin.set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(libpq, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        url = admin.set(database=name).render_as_string(False)
        demo = open_services(url, demo=True, create=True)
        demo.database.dispose()
        proxy = FaultProxy(admin.host or "127.0.0.1", admin.port or 5432)
        through = url.replace(f"@{admin.host}:{admin.port}/", f"@127.0.0.1:{proxy.port}/")
        database = open_database(through)
        services = build_services(database)
        services.staff.sign_in_single_user()
        for size_name, (width, height) in SIZES.items():
            prefix = out / f"{language or 'en'}-{size_name}"
            proxy.delay_s = 0.0
            window = MainWindow(services)
            window.resize(width, height)
            window.move(0, 0)
            window.show()
            wait(app, lambda w=window: not w.loading)  # type: ignore[misc]
            window.day_view.scroll_to_opening()
            now = services.context.now()
            later = [a for a in window.model.rows() if a.start > now and a.status.is_active]
            column = window.day_view.columns[1]
            proxy.delay_s = SLOW_S
            booking = BookingDialog(services, window.day, window)  # what a click opens
            start = window.day_view.times(16 * 60, 16 * 60 + 1)[0]
            booking.preset(start, None, column.professional_id, 60)
            opening_and_filled(app, window, booking, f"{prefix}-booking")
            if later:
                details = DetailsDialog(later[0], services, window)
                opening_and_filled(app, window, details, f"{prefix}-details")
            assigned = [a for a in later if a.professional_id is not None]
            if assigned:  # its Book follow-up: in a week, with its professional ticked
                follow_up = assigned[0].start.astimezone(services.context.timezone).date()
                finder = finder_like(window, assigned[0], follow_up + timedelta(weeks=1))
                opening_and_filled(app, window, finder, f"{prefix}-find-a-time")
            proxy.delay_s = 0.0
            proxy.cut()  # the server cannot be reached: the dialog says so
            booking = BookingDialog(services, window.day, window)
            booking.preset(start, None, column.professional_id, 60)
            booking.show()
            centre(booking, window)
            wait(app, lambda b=booking: b.verdict.text() == unreachable_words())  # type: ignore[misc]
            screen(app, window, f"{prefix}-booking-unreachable.png")
            booking.reject()
            finder = FindTimeDialog(services, window.day, window)
            finder.show()
            centre(finder, window)
            wait(app, lambda f=finder: f.message.text() == unreachable_words())  # type: ignore[misc]
            screen(app, window, f"{prefix}-find-a-time-unreachable.png")
            finder.reject()
            proxy.mend()
            window.close()
        database.dispose()
        proxy.close()
    finally:
        with psycopg.connect(libpq, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    QTimer.singleShot(0, app.quit)
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="shots")
    parser.add_argument("--language", default="")
    args = parser.parse_args()
    raise SystemExit(main(Path(args.out), args.language))
