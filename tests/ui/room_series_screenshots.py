"""Screenshots of rooms in a series and in the iCalendar export, on the demo clinic:
the report of a weekly physiotherapy series whose treatment rooms are both taken on
two dates, and the export dialog having saved one treatment room's calendar, at
1,024 x 700 and 1,920 x 1,080.

    Xvfb :99 -screen 0 1920x1080x24 -nolisten tcp &
    DISPLAY=:99 .venv/bin/python -m tests.ui.room_series_screenshots shots/ [--language pt]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from scheduler_app.app import open_services
from scheduler_app.db.engine import sqlite_url
from scheduler_app.domain.recurrence import SeriesRule, rule_text
from scheduler_app.services.dto import BookingRequest
from scheduler_app.services.series_dto import SeriesRequest
from scheduler_app.ui import i18n
from scheduler_app.ui.export_dialog import ExportDialog
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.series_report_dialog import SeriesReportDialog
from tests.ui.find_time_screenshots import screen
from tests.ui.series_screenshots import _centre
from tests.ui.take_screenshots import SIZES, settle


def main(out: Path, language: str) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    i18n.install(language)
    with tempfile.TemporaryDirectory() as tmp:
        services = open_services(sqlite_url(Path(tmp) / "demo.sqlite3"), demo=True, create=True)
        services.staff.sign_in_single_user()
        actor, tz = services.actor_id, services.context.timezone
        day = services.context.now().astimezone(tz).date() + timedelta(days=1)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        physio = next(s for s in services.directory.services() if s.name.startswith("Physio"))
        rooms = services.resources.resources()
        first = services.context.now().astimezone(tz)
        first = first.replace(year=day.year, month=day.month, day=day.day, hour=18, minute=0)
        first = first.replace(second=0, microsecond=0)
        # Both treatment rooms taken at 18:00 on the second and third dates.
        for week in (1, 2):
            for room in rooms:
                start = first + timedelta(weeks=week)
                services.booking.book(
                    actor,
                    BookingRequest(start, start + timedelta(hours=1), resource_ids=(room.id,)),
                )
        rule = rule_text(SeriesRule("WEEKLY", weekdays=(day.weekday(),), count=4))
        request = SeriesRequest(rule, first, None, None, physio.id, None)
        report = services.series.report(actor, request)
        path = Path(tmp) / "room.ics"
        for size_name, (width, height) in SIZES.items():
            prefix = f"{out}/{language or 'en'}-{size_name}"
            window = MainWindow(services)
            window.resize(width, height)
            window.move(0, 0)
            window.show()
            window.show_day(day)
            settle(app, window)
            shown = SeriesReportDialog(report, tz, lambda r, chosen: None, window)  # type: ignore[arg-type,return-value]
            _centre(shown, window)
            QTest.qWait(100)
            screen(app, window, f"{prefix}-room-series-report.png")
            shown.reject()
            export = ExportDialog(services, day, window)
            for _ in range(3000):  # the rooms are read on a worker
                if export.professional.findText(rooms[0].name) >= 0:
                    break
                QTest.qWait(10)
            export.professional.setCurrentIndex(export.professional.findText(rooms[0].name))
            export.save(path)
            waited = 0
            while export.saved is None and waited < 3000:  # written on a worker
                app.processEvents()
                QTest.qWait(10)
                waited += 1
            _centre(export, window)
            QTest.qWait(100)
            screen(app, window, f"{prefix}-room-export.png")
            export.close()
            window.close()
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--language", default="")
    arguments = parser.parse_args()
    sys.exit(main(arguments.out, arguments.language))
