"""Screenshots of the Waitlist tab and of the freed-time line, at two window sizes.

Xvfb :99 -screen 0 1920x1080x24 -nolisten tcp &
DISPLAY=:99 .venv/bin/python -m tests.ui.waitlist_screenshots shots/ [--language pt]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from scheduler_app.app import open_services
from scheduler_app.db.engine import sqlite_url
from scheduler_app.services.waitlist_dto import WaitlistRequest
from scheduler_app.ui import i18n
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.waitlist_bar import freed_times
from tests.ui.find_time_screenshots import screen, wait
from tests.ui.take_screenshots import SIZES, settle


def main(out: Path, language: str) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    i18n.install(language)
    with tempfile.TemporaryDirectory() as tmp:
        services = open_services(sqlite_url(Path(tmp) / "demo.sqlite3"), demo=True, create=True)
        services.staff.sign_in_single_user()  # the demo clinic: single-user, no sign-in
        actor, tz = services.actor_id, services.context.timezone
        now = services.context.now()
        clients = services.directory.find_clients("", limit=6)
        for size_name, (width, height) in SIZES.items():
            prefix = f"{out}/{language or 'en'}-{size_name}"
            window = MainWindow(services)
            window.resize(width, height)
            window.move(0, 0)
            window.show()
            settle(app, window)
            window.day_view.scroll_to_opening()
            coming = sorted(
                (
                    a
                    for day in range(1, 8)
                    for a in services.booking.appointments_on((now + timedelta(days=day)).date())
                    if a.status.is_active and a.professional_id and a.service_id
                ),
                key=lambda a: a.start,
            )
            appt = coming[0]
            day = appt.start.astimezone(tz).date()
            for n, client in enumerate(clients[:4]):
                services.waitlist.add(
                    actor,
                    WaitlistRequest(
                        client.id,
                        appt.service_id,  # type: ignore[arg-type]
                        day - timedelta(days=n % 2),
                        day + timedelta(days=5),
                        professional_id=appt.professional_id if n % 2 else None,
                    ),
                )
            window.show_day(day)
            settle(app, window)
            window.tabs.setCurrentWidget(window.waitlist_tab)
            wait(app, lambda t=window.waitlist_tab: not t.entries_reader.busy)  # type: ignore[misc]
            screen(app, window, f"{prefix}-waitlist-tab.png")

            after = services.lifecycle.cancel(actor, appt.id, appt.version, "")
            window.tabs.setCurrentWidget(window.day_view)
            window.freed_bar.check(freed_times(appt, after), window.report)
            settle(app, window)
            wait(app, window.freed_bar.isVisible)
            screen(app, window, f"{prefix}-freed-line.png")
            window.freed_bar.book_first()
            settle(app, window)
            window.tabs.setCurrentWidget(window.waitlist_tab)
            window.waitlist_tab.status.setCurrentIndex(0)  # all
            app.processEvents()
            screen(app, window, f"{prefix}-waitlist-tab-booked.png")
            for entry in services.waitlist.entries():
                services.waitlist.remove(actor, entry.id)
            window.close()
        services.database.dispose()
    QTimer.singleShot(0, app.quit)
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="shots")
    parser.add_argument("--language", default="")
    args = parser.parse_args()
    raise SystemExit(main(Path(args.out), args.language))
