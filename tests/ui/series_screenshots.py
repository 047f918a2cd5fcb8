"""Screenshots of a series: the series dialog, the report of its dates and the
calendar marking them, on the demo clinic at 1,024 x 700 and 1,920 x 1,080.

    Xvfb :99 -screen 0 1920x1080x24 -nolisten tcp &
    DISPLAY=:99 .venv/bin/python -m tests.ui.series_screenshots shots/ [--language pt]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QTabWidget

from scheduler_app.app import open_services
from scheduler_app.db.engine import sqlite_url
from scheduler_app.domain.recurrence import SeriesRule, rule_text
from scheduler_app.services.series_dto import SeriesRequest, SeriesScope
from scheduler_app.ui import i18n
from scheduler_app.ui.cancel_dialog import CancelDialog
from scheduler_app.ui.details_dialog import DetailsDialog
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.series_dialog import SeriesDialog
from scheduler_app.ui.series_move_dialog import SeriesMoveDialog
from scheduler_app.ui.series_report_dialog import SeriesReportDialog
from tests.ui.dialog_driver import lists_in
from tests.ui.find_time_screenshots import screen
from tests.ui.take_screenshots import SIZES, settle


def _centre(dialog: QDialog, window: MainWindow) -> None:
    dialog.show()
    dialog.move(window.frameGeometry().center() - dialog.frameGeometry().center() + dialog.pos())


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
        # A time one professional already has on the second date: refused there.
        taken = [a for a in services.booking.appointments_on(day + timedelta(days=2))]
        taken = [a for a in taken if a.professional_id is not None and a.status.is_active]
        busy = taken[0]
        clock = busy.start.astimezone(tz).timetz()
        first = (busy.start.astimezone(tz) - timedelta(days=2)).replace(tzinfo=tz)
        first = first.replace(hour=clock.hour, minute=clock.minute)
        client = services.directory.find_clients("", limit=1)[0]
        weekdays = tuple(sorted({first.weekday(), (first.weekday() + 2) % 7}))
        rule = rule_text(SeriesRule("WEEKLY", weekdays=weekdays, count=8))
        request = SeriesRequest(
            rule, first, client.id, busy.professional_id, None, busy.duration_minutes
        )
        report = services.series.report(services.actor_id, request)
        for size_name, (width, height) in SIZES.items():
            prefix = f"{out}/{language or 'en'}-{size_name}"
            window = MainWindow(services)
            window.resize(width, height)
            window.move(0, 0)
            window.show()
            window.show_day(day)
            settle(app, window)

            rule_dialog = SeriesDialog(first, busy.duration_minutes, tz, window)
            _centre(rule_dialog, window)
            rule_dialog.days[weekdays[-1]].setChecked(True)
            rule_dialog.count.setValue(8)
            QTest.qWait(100)
            screen(app, window, f"{prefix}-series-dialog.png")
            rule_dialog.frequency.setCurrentIndex(2)  # monthly, on the weekday's place
            rule_dialog.month_by.setCurrentIndex(rule_dialog.month_by.count() - 1)
            rule_dialog.count.setValue(6)
            QTest.qWait(100)
            screen(app, window, f"{prefix}-series-dialog-monthly.png")
            rule_dialog.reject()

            shown = SeriesReportDialog(
                report,
                tz,
                lambda r, chosen: services.series.book(services.actor_id, r, chosen),
                window,
            )
            _centre(shown, window)
            for refused in report.refused:
                if refused.alternative is not None:
                    shown.check_alternative(refused.index)
            QTest.qWait(100)
            screen(app, window, f"{prefix}-series-report.png")
            if size_name == "small":
                shown.accept()  # booked once; the calendar shows it in both sizes
            else:
                shown.reject()
            window.show_day(first.date())
            window.tabs.setCurrentWidget(window.week_view)
            window.week_view.show_professional(busy.professional_id)  # whose series it is
            settle(app, window)
            window.week_grid.scroll_to_opening()
            app.processEvents()
            QTest.qWait(100)
            window.grab().save(f"{prefix}-series-week.png")
            window.tabs.setCurrentWidget(window.day_view)
            settle(app, window)
            block = next(
                b for b in window.day_view.items.values() if b.appointment.series_id is not None
            )
            window.day_view.canvas.ensureVisible(block.rect(), 50, 120)
            app.processEvents()
            window.grab().save(f"{prefix}-series-day.png")
            cancel = CancelDialog(block.appointment, tz, window)
            _centre(cancel, window)
            cancel.scopes[SeriesScope.FOLLOWING].setChecked(True)
            QTest.qWait(100)
            screen(app, window, f"{prefix}-series-cancel.png")
            cancel.reject()
            choices = [(p.id, p.name) for p in services.directory.professionals()]
            move = SeriesMoveDialog(block.appointment, choices, tz, window)
            _centre(move, window)
            QTest.qWait(100)
            screen(app, window, f"{prefix}-series-move.png")
            move.reject()
            whole = SeriesMoveDialog(block.appointment, choices, tz, window, SeriesScope.ALL)
            _centre(whole, window)
            whole.length.setValue(whole.length.value() + 15)
            QTest.qWait(100)
            screen(app, window, f"{prefix}-series-change-all.png")
            whole.reject()
            details = DetailsDialog(services.booking.get(block.appointment.id), services, window)
            _centre(details, window)
            lists_in(details)
            (tabs,) = details.findChildren(QTabWidget)
            tabs.setCurrentIndex(tabs.count() - 1)  # the Series tab
            QTest.qWait(100)
            screen(app, window, f"{prefix}-series-details.png")
            details.reject()
            window.week_view.show_professional(None)
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
