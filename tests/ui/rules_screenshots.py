"""Screenshots of "Book anyway" in the booking dialog and of a block booked outside
working time, on the demo clinic at 1,024 x 700 and 1,920 x 1,080.

    Xvfb :99 -screen 0 1920x1080x24 -nolisten tcp &
    DISPLAY=:99 .venv/bin/python -m tests.ui.rules_screenshots shots/ [--language pt]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QTime, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from scheduler_app.app import open_services
from scheduler_app.db.engine import sqlite_url
from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui import i18n
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.main_window import MainWindow
from tests.ui.dialog_driver import lists_in
from tests.ui.find_time_screenshots import screen
from tests.ui.take_screenshots import SIZES, settle


def main(out: Path, language: str) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    i18n.install(language)
    with tempfile.TemporaryDirectory() as tmp:
        services = open_services(sqlite_url(Path(tmp) / "demo.sqlite3"), demo=True, create=True)
        services.staff.sign_in_single_user()
        tz = services.context.timezone
        day = services.context.now().astimezone(tz).date() + timedelta(days=1)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        closes = services.directory.organization().closes_at
        first, second = services.directory.professionals()[:2]
        client = services.directory.find_clients("", limit=1)[0]
        start = datetime.combine(day, closes, tz)
        services.booking.book(
            services.actor_id,
            BookingRequest(
                start=start,
                end=start + timedelta(minutes=45),
                professional_id=first.id,
                client_id=client.id,
                override_reason="Only after work",
            ),
        )
        for size_name, (width, height) in SIZES.items():
            prefix = f"{out}/{language or 'en'}-{size_name}"
            window = MainWindow(services)
            window.resize(width, height)
            window.move(0, 0)
            window.show()
            window.show_day(day)
            settle(app, window)
            window.day_view.scroll_to_opening()
            (block,) = [b for b in window.day_view.items.values() if b.appointment.outside_hours]
            window.day_view.canvas.ensureVisible(block.rect(), 50, 120)
            app.processEvents()
            window.grab().save(f"{prefix}-outside-hours-block.png")

            dialog = BookingDialog(services, day, window)
            dialog.submit = window.desk.submit_booking
            dialog.show()
            lists_in(dialog)
            dialog.move(
                window.frameGeometry().center() - dialog.frameGeometry().center() + dialog.pos()
            )
            index = dialog.professional.findData(second.id)
            dialog.professional.setCurrentIndex(index)
            dialog.time_edit.setTime(QTime(closes.hour, closes.minute))
            QTest.keyClicks(dialog.client_search, client.name)
            dialog.client_list.setCurrentRow(1)
            dialog.override.setChecked(True)
            QTest.keyClicks(dialog.override_reason, "Only after work")
            QTest.qWait(200)
            app.processEvents()
            screen(app, window, f"{prefix}-book-anyway.png")
            dialog.reject()
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
