"""Screenshots of rooms on the calendar, Clinic > Rooms and equipment and the booking
dialog's room, at two window sizes.

Xvfb :99 -screen 0 1920x1080x24 -nolisten tcp &
DISPLAY=:99 .venv/bin/python -m tests.ui.rooms_screenshots shots/ [--language pt]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import time, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from scheduler_app.app import open_services
from scheduler_app.db.engine import sqlite_url
from scheduler_app.domain.localtime import localize
from scheduler_app.errors import ConflictError
from scheduler_app.services.dto import OpeningRange
from scheduler_app.services.resources import ResourceDetails
from scheduler_app.ui import i18n
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.resources_dialog import ResourceEditor, ResourcesDialog
from scheduler_app.ui.window_state import opening_day
from tests.ui.dialog_driver import lists_in
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
        rooms = services.resources.resources()
        services.resources.add_maintenance(
            services.actor_id,
            rooms[1].id,
            services.context.now() + timedelta(days=10),
            services.context.now() + timedelta(days=10, hours=3),
            "New couch",
        )
        hours = tuple(OpeningRange(d, time(8), time(13)) for d in range(5))
        services.resources.add(
            services.actor_id, ResourceDetails("Ultrasound", "Scanner", "equipment", hours=hours)
        )
        day = opening_day(services)
        for hour in range(8, 18):  # an hour of maintenance on the day shown, where free
            start = localize(day, time(hour), services.context.timezone)
            try:
                services.resources.add_maintenance(
                    services.actor_id, rooms[0].id, start, start + timedelta(hours=1), "Cleaning"
                )
            except ConflictError:
                continue
            break
        for size_name, (width, height) in SIZES.items():
            prefix = f"{out}/{language or 'en'}-{size_name}"
            window = MainWindow(services)
            window.resize(width, height)
            window.move(0, 0)
            window.show()
            settle(app, window)
            window.day_view.scroll_to_opening()
            screen(app, window, f"{prefix}-rooms-day.png")

            window.show_by_room(True)  # View > Day columns > By room and equipment
            wait(app, lambda w=window: w.day_view.columns[-1].by_room and not w.loading)
            settle(app, window)
            window.day_view.scroll_to_opening()
            screen(app, window, f"{prefix}-rooms-by-room.png")
            window.show_by_room(False)
            wait(app, lambda w=window: not w.day_view.columns[-1].by_room and not w.loading)

            dialog = ResourcesDialog(services, window)
            dialog.show()
            wait(app, dialog.isVisible)
            screen(app, window, f"{prefix}-rooms-dialog.png")
            dialog.reject()

            scanner = next(r for r in services.resources.resources() if r.name == "Ultrasound")
            editor = ResourceEditor(services, scanner, ["Scanner", "Treatment room"], window)
            editor.show()
            wait(app, editor.isVisible)
            screen(app, window, f"{prefix}-rooms-editor.png")
            editor.reject()

            booking = BookingDialog(services, window.day, window)
            booking.show()
            lists_in(booking)
            physio = booking.service.findText("Physiotherapy", Qt.MatchFlag.MatchStartsWith)
            booking.service.setCurrentIndex(physio)
            QTimer.singleShot(0, booking.room.showPopup)
            wait(app, booking.isVisible)
            screen(app, window, f"{prefix}-rooms-booking.png")
            booking.room.hidePopup()
            booking.reject()
            window.close()
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--language", default="")
    args = parser.parse_args()
    sys.exit(main(args.out, args.language))
