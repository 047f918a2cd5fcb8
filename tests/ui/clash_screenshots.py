"""Screenshots of "Book both?" in the booking dialog and of the Conflicts window with
the time conflict it recorded, on the demo clinic at 1,024 x 700 and 1,920 x 1,080.

    Xvfb :99 -screen 0 1920x1080x24 -nolisten tcp &
    DISPLAY=:99 .venv/bin/python -m tests.ui.clash_screenshots shots/ [--language pt]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QTime, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from scheduler_app.app import open_services
from scheduler_app.db.engine import sqlite_url
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import AppointmentView
from scheduler_app.ui import i18n
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.conflicts_window import show_conflicts
from scheduler_app.ui.main_window import MainWindow
from tests.ui.dialog_driver import lists_in
from tests.ui.find_time_screenshots import screen
from tests.ui.take_screenshots import SIZES, settle


def _clash(services: Services, day_offset: int) -> tuple[AppointmentView, int]:
    """An appointment with a client, and another professional free at its time."""
    tz = services.context.timezone
    day = services.context.now().astimezone(tz).date() + timedelta(days=day_offset)
    for _ in range(14):
        for appt in services.booking.appointments_on(day):
            if appt.client_id is None or appt.professional_id is None:
                continue
            end = appt.start + timedelta(minutes=30)
            for prof in services.directory.professionals():
                if prof.id != appt.professional_id:
                    verdict = services.booking.check_availability(appt.start, end, prof.id)
                    if verdict.ok:
                        return appt, prof.id
        day += timedelta(days=1)
    raise AssertionError("no appointment to clash with in the demo clinic")


def main(out: Path, language: str) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    i18n.install(language)
    with tempfile.TemporaryDirectory() as tmp:
        services = open_services(sqlite_url(Path(tmp) / "demo.sqlite3"), demo=True, create=True)
        services.staff.sign_in_single_user()
        tz = services.context.timezone
        for offset, (size_name, (width, height)) in enumerate(SIZES.items(), start=1):
            prefix = f"{out}/{language or 'en'}-{size_name}"
            theirs, other = _clash(services, offset)
            local = theirs.start.astimezone(tz)
            window = MainWindow(services)
            window.resize(width, height)
            window.move(0, 0)
            window.show()
            window.show_day(local.date())
            settle(app, window)

            dialog = BookingDialog(services, local.date(), window)
            dialog.submit = window.desk.submit_booking
            dialog.show()
            lists_in(dialog)
            dialog.move(
                window.frameGeometry().center() - dialog.frameGeometry().center() + dialog.pos()
            )
            dialog.professional.setCurrentIndex(dialog.professional.findData(other))
            dialog.time_edit.setTime(QTime(local.hour, local.minute))
            dialog.duration.setValue(30)
            dialog.client_search.setText(theirs.client_name)
            for _ in range(100):  # the search answers on a worker
                QTest.qWait(50)
                if dialog.client_list.count() > 1:
                    break
            dialog.client_list.setCurrentRow(1)
            QTest.qWait(200)

            def answer(
                path: str = f"{prefix}-book-both-question.png", window: MainWindow = window
            ) -> None:
                box = app.activeModalWidget()
                assert isinstance(box, QMessageBox), box
                QTest.qWait(200)
                app.processEvents()
                screen(app, window, path)
                yes = QMessageBox.ButtonRole.AcceptRole
                next(b for b in box.buttons() if box.buttonRole(b) == yes).click()

            QTimer.singleShot(300, answer)
            dialog.book_button.click()
            assert dialog.booked is not None, dialog.verdict.text()
            window.refresh()
            settle(app, window)
            shown = show_conflicts(window)
            shown.resize(min(1000, width - 40), min(620, height - 60))
            shown.move(
                window.frameGeometry().center() - shown.frameGeometry().center() + shown.pos()
            )
            for _ in range(100):  # the suggestions, worked out on a worker
                QTest.qWait(50)
                if shown.suggestion() is not None:
                    break
            app.processEvents()
            screen(app, window, f"{prefix}-time-conflict.png")
            shown.close()
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
