"""Screenshots of the Today and Waitlist tabs read off the GUI thread: the Today tab
as it is first read on a slow link ("Loading…"), both tabs filled, and both while
the server cannot be reached (the line above what they showed), at two window sizes.

The demo clinic goes into a throwaway database on the test suite's PostgreSQL
server; the window reaches it through a `FaultProxy` (a slow round trip, a cut).
Run in a real window under Xvfb (or any display):
    Xvfb :99 -screen 0 1920x1080x24 -nolisten tcp &
    DISPLAY=:99 .venv/bin/python -m tests.ui.tabs_off_thread_screenshots shots/ [--language pt]
"""

from __future__ import annotations

import argparse
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import psycopg
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy.engine import make_url

from scheduler_app.app import open_services
from scheduler_app.db.engine import open_database
from scheduler_app.services.bundle import build_services
from scheduler_app.services.waitlist_dto import WaitlistRequest
from scheduler_app.ui import i18n
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import PG_ADMIN_URL
from tests.db.fault_proxy import FaultProxy
from tests.ui.find_time_screenshots import screen
from tests.ui.no_wait_screenshots import wait
from tests.ui.take_screenshots import SIZES

#: Each round trip this long: the Today tab says "Loading…" for a while.
SLOW_S = 0.4


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
        demo.staff.sign_in_single_user()
        actor, now = demo.actor_id, demo.context.now()
        offered = [s for s in demo.catalog.services() if s.id]
        professional = demo.directory.professionals()[0].id
        for n, client in enumerate(demo.directory.find_clients("", limit=4)):
            day = (now + timedelta(days=1 + n)).astimezone(demo.context.timezone).date()
            demo.waitlist.add(
                actor,
                WaitlistRequest(
                    client.id,
                    offered[n % len(offered)].id,
                    day,
                    day + timedelta(days=5),
                    professional_id=professional if n % 2 else None,
                ),
            )
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
            window.move(0, 0)
            window.show()
            wait(app, lambda w=window: not w.loading)  # type: ignore[misc]
            today, waitlist = window.today_tab, window.waitlist_tab
            proxy.delay_s = SLOW_S
            window.tabs.setCurrentWidget(today)
            wait(app, lambda: False, rounds=10)
            screen(app, window, f"{prefix}-today-loading.png")
            wait(app, lambda t=today: not t.reader.busy)  # type: ignore[misc]
            proxy.delay_s = 0.0
            wait(app, lambda: False, rounds=5)
            screen(app, window, f"{prefix}-today-read.png")
            proxy.cut()  # the server cannot be reached: the tab says so
            wait(app, lambda p=proxy: not p._open)  # type: ignore[misc]
            today.refresh()
            wait(app, lambda t=today: t.problem.isVisible(), rounds=1000)  # type: ignore[misc]
            wait(app, lambda: False, rounds=5)  # painted
            screen(app, window, f"{prefix}-today-unreachable.png")
            proxy.mend()
            window.tabs.setCurrentWidget(waitlist)
            wait(app, lambda t=waitlist: t.model.rowCount() > 0 and not t.entries_reader.busy)  # type: ignore[misc]
            wait(app, lambda: False, rounds=5)
            screen(app, window, f"{prefix}-waitlist-read.png")
            proxy.cut()
            wait(app, lambda p=proxy: not p._open)  # type: ignore[misc]
            waitlist.refresh()
            wait(app, lambda t=waitlist: t.problem.isVisible(), rounds=1000)  # type: ignore[misc]
            wait(app, lambda: False, rounds=5)  # painted
            screen(app, window, f"{prefix}-waitlist-unreachable.png")
            proxy.mend()
            wait(app, lambda t=waitlist: not t.problem.isVisible())  # type: ignore[misc]
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
