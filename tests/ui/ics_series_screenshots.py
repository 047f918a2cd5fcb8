"""Screenshots of a series through iCalendar: the export dialog's outcome and the
import preview telling the series in words, on the demo clinic exported and read
into a new clinic, at 1,024 x 700 and 1,920 x 1,080.

    Xvfb :99 -screen 0 1920x1080x24 -nolisten tcp &
    DISPLAY=:99 .venv/bin/python -m tests.ui.ics_series_screenshots shots/ [--language pt]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import time, timedelta
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from scheduler_app.app import open_services
from scheduler_app.db.engine import sqlite_url
from scheduler_app.domain.recurrence import SeriesRule, rule_text
from scheduler_app.services.bundle import Services
from scheduler_app.services.series_dto import SeriesRequest, SeriesScope
from scheduler_app.services.series_move import SeriesChange
from scheduler_app.ui import i18n
from scheduler_app.ui.export_dialog import ExportDialog
from scheduler_app.ui.import_dialog import ImportDialog
from tests.conftest import signed_in
from tests.ui.take_screenshots import SIZES


def _save(app: QApplication, widget: QWidget, path: Path) -> None:
    for _ in range(10):
        app.processEvents()
    widget.grab().save(str(path))


def _series(services: Services) -> None:
    """Weekly at 12:00 for eight weeks from the next weekday: the 2nd date cancelled,
    the 4th moved to 13:30."""
    tz = services.context.timezone
    day = services.context.now().astimezone(tz).date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    professional = services.directory.professionals()[0]
    client = services.directory.find_clients("", limit=1)[0]
    first = (
        services.context.now()
        .astimezone(tz)
        .replace(
            year=day.year, month=day.month, day=day.day, hour=12, minute=0, second=0, microsecond=0
        )
    )
    rule = rule_text(SeriesRule("WEEKLY", weekdays=(day.weekday(),), count=8))
    request = SeriesRequest(rule, first, client.id, professional.id, None, 30)
    booked = services.series.book(
        services.actor_id, services.series.report(services.actor_id, request)
    )
    ids = booked.appointment_ids
    services.series.cancel(services.actor_id, ids[1], 1, SeriesScope.THIS, "Ill")
    services.series.change(
        services.actor_id, ids[3], 1, SeriesScope.THIS, SeriesChange(at=time(13, 30))
    )


def main(out: Path, language: str) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    i18n.install(language)
    with tempfile.TemporaryDirectory() as tmp:
        services = open_services(sqlite_url(Path(tmp) / "demo.sqlite3"), demo=True, create=True)
        services.staff.sign_in_single_user()
        _series(services)
        new = signed_in(open_services(sqlite_url(Path(tmp) / "new.sqlite3"), create=True), "admin")
        tz = services.context.timezone
        today = services.context.now().astimezone(tz).date()
        path = Path(tmp) / "clinic.ics"
        for size_name, (width, height) in SIZES.items():
            prefix = f"{out}/{language or 'en'}-{size_name}"
            export = ExportDialog(services, today)
            export.save(path)
            waited = 0
            while export.saved is None and waited < 3000:  # written on a worker
                app.processEvents()
                QTest.qWait(10)
                waited += 1
            export.show()
            _save(app, export, Path(f"{prefix}-ics-export.png"))
            export.close()
            importing = ImportDialog(new)
            importing.resize(width, height)
            importing.load(path)
            importing.show()
            # The series' row (the demo's single appointments come first), its notes.
            table = importing.preview_table
            last = importing.preview.rowCount() - 1
            table.selectRow(last)
            table.scrollTo(importing.preview.index(last, 0))
            bar = table.horizontalScrollBar()
            bar.setValue(bar.maximum())
            _save(app, importing, Path(f"{prefix}-ics-series-preview.png"))
            importing.close()
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--language", default="")
    arguments = parser.parse_args()
    sys.exit(main(arguments.out, arguments.language))
