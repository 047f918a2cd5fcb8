"""The first second of the desk app: a splash at once, the schedule as soon as it is open.

Only Qt is imported before the splash is on screen; the database layer (SQLAlchemy
and the rest, about half a second) loads while the splash shows.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QMessageBox, QSplashScreen

from scheduler_app import config
from scheduler_app.errors import SchedulerError

#: Set to make the app print when its windows appear and then quit (startup benchmark).
STARTUP_PROBE = "SCHEDULER_STARTUP_PROBE"


def probe(what: str) -> None:
    if os.environ.get(STARTUP_PROBE):
        print(f"{what} at {time.time():.3f}", flush=True)


def application() -> QApplication:
    if sys.platform == "linux" and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no screen: do not abort
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Scheduler")
    app.setOrganizationName("scheduler-app")
    icon = config.resources_dir() / "icons" / "scheduler-app-256.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def show_startup_error(error: SchedulerError) -> None:
    """Tell the person who started the app why it cannot open (a dialog, not a log line)."""
    application()
    QMessageBox.critical(None, error.title, error.message)


def _until_painted(app: QApplication, splash: QSplashScreen, limit_s: float = 0.3) -> None:
    """Let the window system map and paint the splash before the loading blocks the loop."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        app.processEvents()
        handle = splash.windowHandle()
        if handle is not None and handle.isExposed():
            break
        time.sleep(0.005)
    splash.repaint()
    app.processEvents()


def run_gui(url: str, *, demo: bool = False) -> int:
    """Show the splash, open the database, then the main window; returns the exit code."""
    app = application()
    icon = config.resources_dir() / "icons" / "scheduler-app-256.png"
    splash = QSplashScreen(QPixmap(str(icon)) if icon.exists() else QPixmap(256, 256))
    splash.showMessage(
        "Opening the schedule...",
        Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignHCenter,
        Qt.GlobalColor.white,
    )
    splash.show()
    _until_painted(app, splash)
    probe("window shown")

    from scheduler_app.app import open_services
    from scheduler_app.ui.application import run

    return run(lambda: open_services(url, demo=demo), splash=splash)
