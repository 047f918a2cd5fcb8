"""Save screenshots of the desk window on the demo clinic.

Run in a real window under Xvfb (or any display):
    Xvfb :99 -screen 0 1400x900x24 &
    DISPLAY=:99 .venv/bin/python -m tests.ui.take_screenshots shots/
"""

from __future__ import annotations

import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from scheduler_app.app import open_services
from scheduler_app.db.engine import sqlite_url
from scheduler_app.ui.main_window import MainWindow


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        services = open_services(sqlite_url(Path(tmp) / "demo.sqlite3"), demo=True, create=True)
        window = MainWindow(services)
        window.resize(1360, 860)
        window.show()
        today = window.day
        next_workday = today + timedelta(days=1 if today.weekday() < 4 else 7 - today.weekday())
        shots = {"day-today": today, "day-next-workday": next_workday}
        for name, day in shots.items():
            window.show_day(day)
            window.day_view.scroll_to_opening()
            app.processEvents()
            window.grab().save(str(out / f"{name}.png"))
        window.show_day(next_workday)
        for name, tab in (("week", window.week_view), ("month", window.month_view)):
            window.tabs.setCurrentWidget(tab)
            window.week_grid.scroll_to_opening()
            app.processEvents()
            window.grab().save(str(out / f"{name}.png"))
        window.week_view.chooser.setCurrentIndex(1)  # one professional's week
        window.tabs.setCurrentWidget(window.week_view)
        app.processEvents()
        window.grab().save(str(out / "week-one-professional.png"))
        window.tabs.setCurrentWidget(window.table)
        app.processEvents()
        window.grab().save(str(out / "list.png"))
        window.close()
        services.database.dispose()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "shots")))
