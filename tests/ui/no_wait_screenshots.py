"""Screenshots of a desk on a slow or cut network: a dropped appointment "Saving…"
in place, the client list saying the server cannot be reached, the window marked
"Server unreachable" (changes paused), and the booking dialog "Checking…" its time.

The demo clinic goes into a throwaway database on the test suite's PostgreSQL
server; the window reaches it through a `FaultProxy` (a slow link, then a cut one).
Run in a real window under Xvfb (or any display):
    Xvfb :99 -screen 0 1920x1080x24 -nolisten tcp &
    DISPLAY=:99 .venv/bin/python -m tests.ui.no_wait_screenshots shots/ [--language pt]
"""

from __future__ import annotations

import argparse
import sys
import uuid
from pathlib import Path

import psycopg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy.engine import make_url

from scheduler_app.app import open_services
from scheduler_app.db.engine import open_database
from scheduler_app.services.bundle import build_services
from scheduler_app.ui import i18n
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.calendar.blocks import Block
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import PG_ADMIN_URL
from tests.db.fault_proxy import FaultProxy
from tests.ui.dialog_driver import lists_in
from tests.ui.take_screenshots import SIZES

NONE = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton


def wait(app: QApplication, until: object, rounds: int = 300) -> None:
    for _ in range(rounds):
        app.processEvents()
        if callable(until) and until():
            return
        QTest.qWait(20)


def free_place(window: MainWindow) -> tuple[Block, int, int]:
    """An appointment of the day and a free place to drop it: (block, column, minute)."""
    grid = window.day_view
    for block in grid.items.values():
        appt = block.appointment
        if not appt.status.is_active or appt.start <= window.services.context.now():
            continue
        length = appt.end - appt.start
        for column, col in enumerate(grid.columns):
            for minutes in range(8 * 60, 19 * 60, 30):
                start, _ = grid.times(minutes, minutes + 1, grid.day)
                if start <= window.services.context.now():
                    continue
                if window.check(start, start + length, col.professional_id, appt.id).ok:
                    return block, column, minutes
    raise SystemExit("no free place on the day shown")


def main(out: Path, language: str) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    i18n.install(language)
    admin = make_url(PG_ADMIN_URL)
    name = f"scheduler_shots_{uuid.uuid4().hex[:8]}"
    libpq = admin.set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(libpq, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        url = admin.set(database=name).render_as_string(False)
        demo = open_services(url, demo=True, create=True)
        demo.database.dispose()
        proxy = FaultProxy(admin.host or "127.0.0.1", admin.port or 5432)
        through = url.replace(f"@{admin.host}:{admin.port}/", f"@127.0.0.1:{proxy.port}/")
        database = open_database(through)
        services = build_services(database)
        services.staff.sign_in_single_user()
        for size_name, (width, height) in SIZES.items():
            prefix = out / f"{language or 'en'}-{size_name}"
            proxy.delay_s = 0.0
            window = MainWindow(services)
            window.resize(width, height)
            window.show()
            wait(app, lambda w=window: not w.loading)  # type: ignore[misc]
            grid = window.day_view
            grid.scroll_to_opening()
            app.processEvents()
            block, column, minutes = free_place(window)
            proxy.delay_s = 1.5  # a slow link: the answer takes a while
            viewport = grid.canvas.viewport()
            start = grid.canvas.mapFromScene(block.rect().center())
            offset = block.rect().center().y() - block.rect().top()
            target = grid.canvas.mapFromScene(
                grid.rect_for(column, 0, 1).center().x(), grid.cells.y(minutes) + offset
            )
            QTest.mousePress(viewport, LEFT, NONE, start)
            QTest.mouseMove(viewport, target)
            QTest.mouseRelease(viewport, LEFT, NONE, target)
            for _ in range(5):
                app.processEvents()
            window.grab().save(f"{prefix}-saving.png")
            proxy.delay_s = 0.0
            wait(app, lambda w=window: not w.desk.queue.busy and not w.loading)  # type: ignore[misc]
            window.desk.undo_stack.undo()  # put it back for the next size
            wait(app, lambda w=window: not w.loading)  # type: ignore[misc]
            booking = BookingDialog(services, window.day, window)
            booking.show()
            lists_in(booking)
            proxy.cut()
            QTest.keyClicks(booking.client_search, "Noah Cos")
            wait(app, lambda b=booking: b.client_list.count() > 1)  # type: ignore[misc]
            for _ in range(5):
                app.processEvents()
            booking.grab().save(f"{prefix}-search-unreachable.png")
            booking.reject()
            window.refresh()  # the day's read finds the server gone
            banner = window.server_watch.banner
            wait(app, banner.isVisible)
            window.book()  # refused with the banner's sentence in the status bar
            for _ in range(5):
                app.processEvents()
            window.grab().save(f"{prefix}-unreachable.png")
            proxy.mend()
            wait(app, lambda b=banner: not b.isVisible())  # type: ignore[misc]
            proxy.delay_s = 1.5  # a slow link: the dialog's check takes a while
            booking = BookingDialog(services, window.day, window)
            booking.show()
            lists_in(booking)
            wait(app, lambda b=booking: not b.live.waiting)  # type: ignore[misc]
            booking.time_edit.setFocus()
            QTest.keyClick(booking.time_edit, Qt.Key.Key_Up)
            for _ in range(5):
                app.processEvents()
            booking.grab().save(f"{prefix}-checking.png")
            wait(app, lambda b=booking: not b.live.waiting)  # type: ignore[misc]
            booking.grab().save(f"{prefix}-checked.png")
            booking.reject()
            proxy.delay_s = 0.0
            window.close()
        database.dispose()
        proxy.close()
    finally:
        with psycopg.connect(libpq, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    QTimer.singleShot(0, app.quit)
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="shots")
    parser.add_argument("--language", default="")
    args = parser.parse_args()
    raise SystemExit(main(Path(args.out), args.language))
