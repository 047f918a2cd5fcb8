"""Save screenshots of the desk window on the demo clinic, at two window sizes.

Run in a real window under Xvfb (or any display):
    Xvfb :99 -screen 0 1920x1080x24 -nolisten tcp &
    DISPLAY=:99 .venv/bin/python -m tests.ui.take_screenshots shots/ [--language pt]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from scheduler_app.app import open_services
from scheduler_app.db.engine import sqlite_url
from scheduler_app.ui import i18n
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.cancel_dialog import CancelDialog
from scheduler_app.ui.details_dialog import DetailsDialog
from scheduler_app.ui.help_dialogs import AboutDialog, ShortcutsDialog, shortcut_rows
from scheduler_app.ui.main_window import MainWindow
from tests.ui import screenshot_views, setup_screenshots
from tests.ui.dialog_driver import lists_in

SIZES = {"small": (1024, 700), "large": (1920, 1080)}
NONE = Qt.KeyboardModifier.NoModifier


def settle(app: QApplication, window: MainWindow) -> None:
    for _ in range(200):
        app.processEvents()
        if not window.loading:
            break
        QTest.qWait(20)
    app.processEvents()


def grab_dialog(app: QApplication, dialog: QDialog, path: Path, fill: Callable[[], None]) -> None:
    dialog.show()
    fill()
    for _ in range(5):
        app.processEvents()
    dialog.grab().save(str(path))
    dialog.reject()


def main(out: Path, language: str) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    i18n.install(language)
    with tempfile.TemporaryDirectory() as tmp:
        services = open_services(sqlite_url(Path(tmp) / "demo.sqlite3"), demo=True, create=True)
        services.staff.sign_in_single_user()  # the demo clinic: single-user, no sign-in
        for size_name, (width, height) in SIZES.items():
            window = MainWindow(services)
            window.resize(width, height)
            window.show()
            settle(app, window)
            window.day_view.scroll_to_opening()
            prefix = out / f"{language or 'en'}-{size_name}"

            def shot(name: str, widget: QWidget = window, prefix: Path = prefix) -> None:
                app.processEvents()
                widget.grab().save(f"{prefix}-{name}.png")

            shot("day")
            next_day = window.day + timedelta(days=1)
            grid = window.day_view
            window.show_day(next_day)  # the week to come, as a desk plans it
            window.tabs.setCurrentWidget(window.week_view)
            settle(app, window)
            window.week_grid.scroll_to_opening()
            shot("week")
            window.week_view.chooser.setCurrentIndex(1)  # one professional's week
            settle(app, window)
            shot("week-one-professional")
            window.week_view.chooser.setCurrentIndex(0)
            window.tabs.setCurrentWidget(window.month_view)
            settle(app, window)
            shot("month")
            window.tabs.setCurrentWidget(window.list_tab)
            settle(app, window)
            shot("list")
            window.tabs.setCurrentWidget(window.notifications)
            shot("notifications")
            window.tabs.setCurrentWidget(window.day_view)
            settle(app, window)
            window.day_view.scroll_to_opening()
            shot("day-next")
            grid = window.day_view
            block = next((b for b in grid.items.values() if b.appointment.status.is_active), None)
            if block is not None:  # a drag in progress: the block shows where it would go
                viewport = grid.canvas.viewport()
                start = grid.canvas.mapFromScene(block.rect().center())
                later = grid.canvas.mapFromScene(block.rect().center() + QPointF(0, 96))
                QTest.mousePress(viewport, Qt.MouseButton.LeftButton, NONE, start)
                QTest.mouseMove(viewport, later)
                shot("day-dragging")
                QTest.mouseMove(viewport, start)  # back home: the drop changes nothing
                QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, NONE, start)
                window.refresh()
            appt = next(iter(window.model.rows()), None)
            booking = BookingDialog(services, next_day, window)
            start = grid.times(11 * 60, 11 * 60 + 1)[0]
            booking.preset(start, None, None, 30)
            lists_in(booking)
            grab_dialog(app, booking, Path(f"{prefix}-booking.png"), lambda: None)
            if appt is not None:
                details = DetailsDialog(appt, services, window)
                lists_in(details)
                grab_dialog(app, details, Path(f"{prefix}-details.png"), lambda: None)
                cancel = CancelDialog(appt, services.context.timezone, window)
                grab_dialog(app, cancel, Path(f"{prefix}-cancel.png"), lambda: None)
            shortcuts = ShortcutsDialog(shortcut_rows(window), window)
            grab_dialog(app, shortcuts, Path(f"{prefix}-shortcuts.png"), lambda: None)
            url = services.database.engine.url.render_as_string(hide_password=True)
            grab_dialog(app, AboutDialog(url, window), Path(f"{prefix}-about.png"), lambda: None)
            window.move(0, 0)
            setup_screenshots.clinic_dialogs(app, services, window, str(prefix))
            screenshot_views.shoot(app, window, services, prefix)
            window.close()
            setup_screenshots.first_start(app, Path(tmp) / size_name, (width, height), str(prefix))
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
