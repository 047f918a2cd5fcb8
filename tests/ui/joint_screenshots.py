"""Screenshots of an appointment with several professionals: the booking dialog's
"With" list, and the day with each professional's piece saying who else it is with,
at two window sizes.

Xvfb :99 -screen 0 1920x1080x24 -nolisten tcp &
DISPLAY=:99 .venv/bin/python -m tests.ui.joint_screenshots shots/ [--language pt]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from scheduler_app.app import open_services
from scheduler_app.db.engine import sqlite_url
from scheduler_app.errors import SchedulerError
from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui import i18n
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.main_window import MainWindow
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
        people = services.directory.professionals()
        client = services.directory.find_clients("", limit=1)[0]
        today = services.context.now().astimezone(tz).date()
        booked, day = None, today
        for offset, hour in ((o, h) for o in range(1, 60) for h in range(8, 18)):
            day = today + timedelta(days=offset)  # the first hour the three are free
            try:
                booked = services.booking.book(
                    actor,
                    BookingRequest(
                        datetime.combine(day, time(hour)).replace(tzinfo=tz),
                        datetime.combine(day, time(hour, 45)).replace(tzinfo=tz),
                        client_id=client.id,
                        professional_id=people[0].id,
                        title="Joint assessment",
                        with_professionals=(people[1].id, people[2].id),
                    ),
                )
                break
            except SchedulerError:
                continue
        assert booked is not None
        for size_name, (width, height) in SIZES.items():
            prefix = f"{out}/{language or 'en'}-{size_name}"
            window = MainWindow(services)
            window.resize(width, height)
            window.move(0, 0)
            window.show()
            window.show_day(day)
            settle(app, window)
            window.day_view.scroll_to_opening()
            app.processEvents()
            screen(app, window, f"{prefix}-joint-day.png")

            dialog = BookingDialog(services, day, window)
            dialog.show()
            wait(app, lambda d=dialog: d.with_list.isVisible())  # type: ignore[misc]
            dialog.professional.setCurrentIndex(1)
            app.processEvents()
            for row in range(min(2, dialog.with_list.count())):
                dialog.with_list.item(row).setCheckState(Qt.CheckState.Checked)
            app.processEvents()
            screen(app, window, f"{prefix}-joint-booking-dialog.png")
            dialog.reject()
            window.close()
        services.database.dispose()
    QTimer.singleShot(0, app.quit)
    app.exec()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--language", default="")
    args = parser.parse_args()
    raise SystemExit(main(Path(args.out), args.language))
