"""Screenshots of working time: the shaded day, week and month, and each tab of
Clinic > Working time and holidays, at two window sizes.

    Xvfb :99 -screen 0 1920x1080x24 -nolisten tcp &
    DISPLAY=:99 .venv/bin/python -m tests.ui.working_time_screenshots shots/ [--language pt]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QTime
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from scheduler_app.db import migrate
from scheduler_app.db.engine import open_database, sqlite_url
from scheduler_app.db.working_time_models import TimeOffKind
from scheduler_app.domain.working_time import WeeklyRange
from scheduler_app.services.bundle import Services, build_services
from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui import i18n
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.working_time_dialog import WorkingTimeDialog
from scheduler_app.ui.working_time_tabs import DataRole
from tests.conftest import Clock, signed_in

SIZES = {"small": (1024, 700), "large": (1920, 1080)}
MONDAY = date(2026, 6, 8)  # the week of Portugal Day (Wed 10 June)
TZ = ZoneInfo("Europe/Lisbon")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


def clinic(folder: Path) -> Services:
    """Four professionals with plans, breaks, a part-timer on A/B weeks, a vacation,
    a training, and Portugal's public holidays; a day of bookings."""
    database = open_database(sqlite_url(folder / "clinic.sqlite3"))
    migrate.upgrade(database)
    clock = Clock(datetime(2026, 6, 8, 6, 0, tzinfo=UTC))
    services = signed_in(
        build_services(database, clock=clock, clinic_name="Clínica Sol", timezone=TZ.key),
        "admin",
    )
    actor, wt, directory = services.actor_id, services.working_time, services.directory
    wt.set_holidays(actor, "PT")
    silva, becker, costa, reis = (
        directory.add_professional(actor, name).id
        for name in ("Dr Ana Silva", "Tom Becker", "Dr Rui Costa", "Marta Reis")
    )
    week = range(5)
    wt.set_weekly_plan(
        actor,
        silva,
        [
            WeeklyRange(d, s, e)
            for d in week
            for s, e in ((time(9), time(13)), (time(14), time(18)))
        ],
    )
    wt.set_weekly_plan(
        actor,
        becker,
        [WeeklyRange(d, time(8), time(12, 30)) for d in week]
        + [WeeklyRange(d, time(13, 30), time(17)) for d in week],
    )
    wt.set_weekly_plan(  # part-time, alternating weeks
        actor,
        reis,
        [WeeklyRange(d, time(13), time(19), 0) for d in (0, 2, 4)]
        + [WeeklyRange(d, time(8), time(14), 1) for d in (1, 3)],
    )
    wt.add_time_off(
        actor,
        at(MONDAY, 0),
        at(MONDAY + timedelta(days=3), 0),
        professional_id=costa,
        kind=TimeOffKind.VACATION,
        reason="Algarve",
    )
    wt.add_time_off(
        actor,
        at(MONDAY + timedelta(days=1), 14),
        at(MONDAY + timedelta(days=1), 17),
        professional_id=becker,
        kind=TimeOffKind.TRAINING,
        reason="First aid course",
    )
    wt.set_day(actor, silva, date(2026, 6, 13), [(time(9), time(13))])
    client = directory.add_client(actor, "Joana Costa", "+351 912 345 678").id
    for day, hour, minute, prof, length in (
        (MONDAY, 9, 0, silva, 45),
        (MONDAY, 10, 0, silva, 60),
        (MONDAY, 14, 30, silva, 45),
        (MONDAY, 8, 30, becker, 60),
        (MONDAY, 11, 0, becker, 45),
        (MONDAY, 15, 0, reis, 60),
        (MONDAY, 16, 30, None, 45),
        (MONDAY + timedelta(days=1), 9, 30, silva, 60),
        (MONDAY + timedelta(days=3), 10, 0, becker, 45),
    ):
        start = at(day, hour, minute)
        services.booking.book(
            actor,
            BookingRequest(
                start=start,
                end=start + timedelta(minutes=length),
                professional_id=prof,
                client_id=client,
            ),
        )
    return services


def settle(app: QApplication, window: MainWindow | None = None) -> None:
    for _ in range(300):
        app.processEvents()
        if window is None or not window.loading:
            break
        QTest.qWait(20)
    for _ in range(5):
        app.processEvents()
        QTest.qWait(10)


def shot(app: QApplication, prefix: Path, name: str, widget: QWidget) -> None:
    app.processEvents()
    widget.grab().save(f"{prefix}-{name}.png")


def wait(app: QApplication, dialog: WorkingTimeDialog) -> None:
    settle(app)
    while dialog.working:
        settle(app)


def dialogs(app: QApplication, services: Services, prefix: Path, width: int, height: int) -> None:
    """Each tab of Clinic > Working time, and a closure it refuses (it would strand
    Monday's appointments: nobody works that day then)."""
    dialog = WorkingTimeDialog(services)
    dialog.resize(min(1400, width - 120), min(900, height - 60))
    dialog.show()
    wait(app, dialog)
    dialog.who.setCurrentIndex(dialog.who.findText("Marta Reis"))
    wait(app, dialog)
    shot(app, prefix, "wt-plan", dialog)
    dialog.who.setCurrentIndex(dialog.who.findText("Dr Ana Silva"))
    wait(app, dialog)
    dialog.tabs.setCurrentWidget(dialog.days)
    dialog.days.list.setCurrentRow(0)
    settle(app)
    shot(app, prefix, "wt-days", dialog)
    off = dialog.time_off
    dialog.tabs.setCurrentWidget(off)
    settle(app)
    shot(app, prefix, "wt-time-off", dialog)
    off.who.setCurrentIndex(0)  # the whole clinic
    off.first.setDate(QDate(2026, 6, 8))
    off.last.setDate(QDate(2026, 6, 8))
    off.reason.setText("Water leak")
    off.add.click()
    wait(app, dialog)
    shot(app, prefix, "wt-closure-refused", dialog)
    dialog.stranding.hide()
    dialog.tabs.setCurrentWidget(dialog.holidays)
    settle(app)
    shot(app, prefix, "wt-holidays", dialog)
    templates = dialog.templates
    dialog.tabs.setCurrentWidget(templates)
    if templates.list.topLevelItemCount() == 0:  # the first size makes them
        make_templates(app, dialog)
    templates.who.setCurrentIndex(templates.who.findText("Marta Reis"))
    templates.until.setChecked(True)
    shot(app, prefix, "wt-templates", dialog)
    for name, shown in (("Alternate Mondays", "weekly"), ("Month-end clinic", "monthly")):
        row = [
            t.name
            for t in (
                templates.list.topLevelItem(i).data(0, DataRole)
                for i in range(templates.list.topLevelItemCount())
            )
        ].index(name)  # type: ignore[union-attr]
        templates.list.setCurrentItem(templates.list.topLevelItem(row))
        settle(app)
        shot(app, prefix, f"wt-template-{shown}", dialog)
    dialog.close()


def make_templates(app: QApplication, dialog: WorkingTimeDialog) -> None:
    """A weekly template, one every other week with a price and booking rules, and a
    monthly one."""
    templates = dialog.templates
    templates.name.setText("Mornings")
    templates.description.setText("Early shift, no break")
    templates.starts.setTime(QTime(8, 0))
    templates.ends.setTime(QTime(13, 0))
    templates.has_break.setChecked(False)
    templates.save.click()
    wait(app, dialog)
    templates.clear()
    templates.name.setText("Full day")
    templates.has_break.setChecked(True)
    templates.starts.setTime(QTime(9, 0))
    templates.ends.setTime(QTime(18, 0))
    templates.default.setChecked(True)
    templates.save.click()
    wait(app, dialog)
    templates.clear()
    templates.name.setText("Alternate Mondays")
    templates.description.setText("Specialist clinic, every other week")
    for day, box in enumerate(templates.days):
        box.setChecked(day == 0)
    templates.fields.interval.setValue(2)
    templates.fields.price.setText("60.00")
    templates.fields.notice.setText("1 day")
    templates.fields.horizon.setValue(60)
    templates.save.click()
    wait(app, dialog)
    templates.clear()
    templates.name.setText("Month-end clinic")
    templates.description.setText("Reviews on the 15th and the last days")
    templates.kind.setCurrentIndex(templates.kind.findData("monthly"))
    templates.fields.dates.setText("15, 30, 31")
    templates.has_break.setChecked(False)
    templates.starts.setTime(QTime(14, 0))
    templates.ends.setTime(QTime(19, 0))
    templates.fields.notice.setText("2 hours")
    templates.save.click()
    wait(app, dialog)


def main(out: Path, language: str) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    i18n.install(language)
    with tempfile.TemporaryDirectory() as tmp:
        services = clinic(Path(tmp))
        for size_name, (width, height) in SIZES.items():
            prefix = out / f"{language or 'en'}-{size_name}"
            window = MainWindow(services)
            window.resize(width, height)
            window.move(0, 0)
            window.show()
            window.show_day(MONDAY)
            settle(app, window)
            window.day_view.scroll_to_opening()
            shot(app, prefix, "shaded-day", window)
            window.tabs.setCurrentWidget(window.week_view)
            settle(app, window)
            window.week_grid.scroll_to_opening()
            shot(app, prefix, "shaded-week", window)
            window.week_view.chooser.setCurrentIndex(1)  # Dr Silva's week
            settle(app, window)
            window.week_grid.scroll_to_opening()
            shot(app, prefix, "shaded-week-one", window)
            window.week_view.chooser.setCurrentIndex(0)
            window.tabs.setCurrentWidget(window.month_view)
            settle(app, window)
            shot(app, prefix, "shaded-month", window)
            window.close()
        for size_name, (width, height) in SIZES.items():  # nothing below is saved
            prefix = out / f"{language or 'en'}-{size_name}"
            dialogs(app, services, prefix, width, height)
        services.database.dispose()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="shots")
    parser.add_argument("--language", default="")
    args = parser.parse_args()
    raise SystemExit(main(Path(args.out), args.language))
