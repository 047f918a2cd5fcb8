"""Screenshots of File > Reports with utilisation (per professional, per room), at two
window sizes, on the demo clinic (with a team, and an hour booked anyway after
closing).

Xvfb :99 -screen 0 1920x1080x24 -nolisten tcp &
DISPLAY=:99 .venv/bin/python -m tests.ui.reports_screenshots shots/ [--language pt]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication

from scheduler_app.app import open_services
from scheduler_app.db.engine import sqlite_url
from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui import i18n
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.reports_window import ReportsWindow
from tests.ui.find_time_screenshots import screen, wait
from tests.ui.take_screenshots import SIZES, settle


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def main(out: Path, language: str) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    i18n.install(language)
    with tempfile.TemporaryDirectory() as tmp:
        services = open_services(sqlite_url(Path(tmp) / "demo.sqlite3"), demo=True, create=True)
        services.staff.sign_in_single_user()  # the demo clinic: single-user, no sign-in
        actor = services.actor_id
        profs = {p.name: p.id for p in services.directory.professionals()}
        team = services.teams.add(actor, "Rehabilitation")
        for name in list(profs)[:3]:
            services.teams.set_member(actor, team, profs[name])
        tz = services.context.timezone
        today = services.context.now().astimezone(tz).date()
        late = datetime.combine(today, time(20), tz)
        services.booking.book(
            actor,
            BookingRequest(
                start=late,
                end=late + timedelta(hours=1),
                professional_id=next(iter(profs.values())),
                override_reason="Emergency after closing",
            ),
        )
        for size_name, (width, height) in SIZES.items():
            prefix = f"{out}/{language or 'en'}-{size_name}"
            window = MainWindow(services)
            window.resize(width, height)
            window.move(0, 0)
            window.show()
            settle(app, window)
            window.reports_action.trigger()
            reports = window.reports_window
            assert isinstance(reports, ReportsWindow)
            reports.resize(width, height)
            reports.move(0, 0)
            reports.first.setDate(_qdate(today - timedelta(days=7)))
            reports.last.setDate(_qdate(today + timedelta(days=7)))
            reports.period.setCurrentIndex(reports.period.findData("week"))
            reports.chart_kind.setCurrentIndex(reports.chart_kind.findData("utilisation"))
            for by in ("professional", "room", "none"):
                reports.breakdown.setCurrentIndex(reports.breakdown.findData(by))
                read: list[object] = []
                reports.shown.connect(read.append)
                reports.show_button.click()
                wait(app, lambda read=read: bool(read))  # type: ignore[misc]
                reports.shown.disconnect(read.append)
                screen(app, reports, f"{prefix}-reports-{by}.png")  # type: ignore[arg-type]
            reports.close()
            window.close()
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--language", default="")
    args = parser.parse_args()
    sys.exit(main(args.out, args.language))
