"""Screenshots of Find a time and of "Assign to" on the demo clinic, at two window sizes.

    Xvfb :99 -screen 0 1920x1080x24 -nolisten tcp &
    DISPLAY=:99 .venv/bin/python -m tests.ui.find_time_screenshots shots/ [--language pt]

The screen is grabbed where the window is (a menu is a window of its own).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from scheduler_app.app import open_services
from scheduler_app.db.engine import sqlite_url
from scheduler_app.ui import i18n
from scheduler_app.ui.find_time_dialog import FindTimeDialog
from scheduler_app.ui.main_window import MainWindow
from tests.ui.take_screenshots import SIZES, settle


def wait(app: QApplication, done: Callable[[], bool]) -> None:
    for _ in range(500):
        app.processEvents()
        if done():
            break
        QTest.qWait(20)
    QTest.qWait(100)
    app.processEvents()


def screen(app: QApplication, window: MainWindow, path: str) -> None:
    """The screen where the window is (dialogs and menus over it included)."""
    frame = window.frameGeometry()
    shown = app.primaryScreen().grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
    shown.save(path)


def main(out: Path, language: str) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    i18n.install(language)
    with tempfile.TemporaryDirectory() as tmp:
        services = open_services(sqlite_url(Path(tmp) / "demo.sqlite3"), demo=True, create=True)
        services.staff.sign_in_single_user()  # the demo clinic: single-user, no sign-in
        client = services.directory.find_clients("", limit=1)[0]
        for size_name, (width, height) in SIZES.items():
            prefix = f"{out}/{language or 'en'}-{size_name}"
            window = MainWindow(services)
            window.resize(width, height)
            window.move(0, 0)
            window.show()
            settle(app, window)
            window.day_view.scroll_to_opening()

            dialog = FindTimeDialog(services, window.day, window)
            dialog.submit = window.desk.submit_booking
            dialog.show()
            dialog.move(
                window.frameGeometry().center() - dialog.frameGeometry().center() + dialog.pos()
            )
            QTest.keyClicks(dialog.client_search, client.name)
            wait(app, lambda d=dialog: not d.searching)  # type: ignore[misc]
            screen(app, window, f"{prefix}-find-a-time.png")
            # A service needing a treatment room: only times with one free are offered.
            physio = dialog.service.findText("Physiotherapy", Qt.MatchFlag.MatchStartsWith)
            dialog.service.setCurrentIndex(physio)
            wait(app, lambda d=dialog: not d.searching)  # type: ignore[misc]
            screen(app, window, f"{prefix}-find-a-time-with-a-room.png")
            dialog.service.setCurrentIndex(0)
            wait(app, lambda d=dialog: not d.searching)  # type: ignore[misc]
            dialog.part.setCurrentIndex(dialog.part.count() - 1)  # between two times
            dialog.order.setCurrentIndex(1)
            for box in dialog.weekdays[5:]:
                box.setChecked(False)
            wait(app, lambda d=dialog: not d.searching)  # type: ignore[misc]
            screen(app, window, f"{prefix}-find-a-time-preferences.png")
            for box in dialog.weekdays:
                box.setChecked(False)
            wait(app, lambda d=dialog: not d.searching)  # type: ignore[misc]
            dialog.grab().save(f"{prefix}-find-a-time-no-weekday.png")
            dialog.reject()

            window.show_day(window.day + timedelta(days=1))  # tomorrow's appointments
            settle(app, window)
            window.day_view.scroll_to_opening()
            app.processEvents()
            block = min(  # in the first columns: the menu and its submenu open to the right
                (
                    b
                    for b in window.day_view.items.values()
                    if b.appointment.status.is_active
                    and b.appointment.start > services.context.now()
                ),
                key=lambda b: (b.rect().x(), b.rect().y()),
            )
            opened: list[QMenu] = []

            def popup(menu: QMenu, where: QPoint, opened: list[QMenu] = opened) -> None:
                opened.append(menu)
                menu.popup(where)

            window._popup = popup  # type: ignore[method-assign]  # not modal: shown, then grabbed
            grid = window.day_view.canvas
            where = grid.viewport().mapToGlobal(grid.mapFromScene(block.rect().center()))
            window.context_menu(block.appointment, where)
            menu = opened[0]
            assign = next(a for a in menu.actions() if a.menu() is not None)
            menu.setActiveAction(assign)
            sub = assign.menu()
            assert isinstance(sub, QMenu)
            sub.popup(menu.geometry().topRight() + QPoint(0, menu.actionGeometry(assign).y()))
            wait(app, lambda s=sub: len(s.actions()) > 2)  # type: ignore[misc]
            screen(app, window, f"{prefix}-assign-to.png")
            sub.close()
            menu.close()
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
