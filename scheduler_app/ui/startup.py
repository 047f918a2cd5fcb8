"""The first second of the desk app: a splash at once, the schedule as soon as it is open.

Only Qt is imported before the splash is on screen; the database layer (SQLAlchemy
and the rest, about half a second) loads while the splash shows.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QThreadPool
from PySide6.QtGui import QGuiApplication, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QVBoxLayout, QWidget

from scheduler_app import config
from scheduler_app.errors import SchedulerError
from scheduler_app.ui import i18n
from scheduler_app.ui.i18n import translate
from scheduler_app.ui.service_calls import on_a_worker

if TYPE_CHECKING:
    from scheduler_app.services.bundle import Services

#: Set to make the app print when its windows appear and then quit (startup benchmark).
STARTUP_PROBE = "SCHEDULER_STARTUP_PROBE"


#: Worker threads at least (reads, saves, reports, exports at once).
WORKERS = 8


def probe(what: str) -> None:
    if os.environ.get(STARTUP_PROBE):
        print(f"{what} at {time.time():.3f}", flush=True)


def application() -> QApplication:
    if sys.platform == "linux" and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no screen: do not abort
    made = QApplication.instance() is None
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Scheduler")
    app.setOrganizationName("scheduler-app")
    # The workers mostly wait on the database: a report or an export running on one
    # must not leave the window's other calls queued behind it (one per core by default).
    pool = QThreadPool.globalInstance()
    pool.setMaxThreadCount(max(WORKERS, pool.maxThreadCount()))
    if made:  # the desk's language: as chosen in View > Language, else the system's
        i18n.install(i18n.chosen_language(QSettings()))
    icon = config.resources_dir() / "icons" / "scheduler-app-256.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def show_startup_error(error: SchedulerError) -> None:
    """Tell the person who started the app why it cannot open (a dialog, not a log line)."""
    application()
    QMessageBox.critical(None, error.title, error.message)


class Splash(QWidget):
    """The app's icon and "Opening the schedule..." while the database opens.

    A plain frameless widget: QSplashScreen.show() waits up to a second for the
    window manager, which is the opposite of the point.
    """

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint)
        self.setAccessibleName(translate("Startup", "Opening the schedule"))
        layout = QVBoxLayout(self)
        icon = config.resources_dir() / "icons" / "scheduler-app-256.png"
        picture = QLabel()
        if icon.exists():
            picture.setPixmap(QPixmap(str(icon)))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(translate("Startup", "Opening the schedule..."))
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(picture)
        layout.addWidget(text)
        self.adjustSize()
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            self.move(screen.availableGeometry().center() - self.rect().center())

    def finish(self, window: QWidget) -> None:
        self.close()
        window.raise_()


def _until_painted(app: QApplication, splash: QWidget, limit_s: float = 0.3) -> None:
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


def opener(url: str, *, demo: bool = False) -> Callable[[str, bool], Services]:
    """``open(password, create)``: the services of the clinic at ``url``."""
    from scheduler_app.app import open_services
    from scheduler_app.server_settings import url_with_password

    @on_a_worker  # the splash goes on painting while a server is reached and read
    def open_with(password: str, create: bool) -> Services:
        return open_services(
            url_with_password(url, password) if password else url, demo=demo, create=create
        )

    return open_with


def is_default_file(url: str, *, demo: bool = False) -> bool:
    """Whether ``url`` is this user's own embedded file (created on its first start
    without asking); any other place is only created when the person says so."""
    return url == config.sqlite_url(config.default_database_path(demo=demo))


def run_gui(url: str, *, demo: bool = False) -> int:
    """Show the splash, open the database, then the main window; returns the exit code."""
    app = application()
    splash = Splash()
    splash.show()
    _until_painted(app, splash)
    probe("window shown")

    from scheduler_app.ui.application import run

    return run(
        opener(url, demo=demo), url, splash=splash, first_start=is_default_file(url, demo=demo)
    )
