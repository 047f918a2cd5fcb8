"""Start the Qt application: open the database, show the window, run the workers."""

from __future__ import annotations

import logging
import os
import sys
import time
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from scheduler_app import config
from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.workers.change_watcher import ChangeWatcher, WatcherThread

log = logging.getLogger(__name__)
#: Set to make the app print when its window is shown and quit (startup benchmark).
STARTUP_PROBE = "SCHEDULER_STARTUP_PROBE"


def _application() -> QApplication:
    if sys.platform == "linux" and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no screen: do not abort
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    return app


def show_startup_error(error: SchedulerError) -> None:
    """Tell the person who started the app why it cannot open (a dialog, not a log line)."""
    _application()
    QMessageBox.critical(None, error.title, error.message)


def run(open_services: Callable[[], Services]) -> int:
    """Run the desk application until its window closes."""
    app = _application()
    app.setApplicationName("Scheduler")
    app.setOrganizationName("scheduler-app")
    icon = config.resources_dir() / "icons" / "scheduler-app-256.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    try:
        services = open_services()
    except SchedulerError as exc:
        log.error("cannot open the database: %s", exc.message)
        QMessageBox.critical(None, exc.title, exc.message)
        return 1
    window = MainWindow(services)
    watcher = WatcherThread(ChangeWatcher(services.booking.last_change_id))
    watcher.watcher.schedule_changed.connect(window.refresh)
    watcher.watcher.database_status.connect(window.show_database_status)
    sys.excepthook = _crash_dialog(window)
    watcher.start()
    window.show()
    if os.environ.get(STARTUP_PROBE):
        # Measurement hook (tests/benchmarks): report when the window is up, then quit.
        app.processEvents()
        print(f"window shown at {time.time():.3f}", flush=True)
        QTimer.singleShot(0, app.quit)
    try:
        return app.exec()
    finally:
        watcher.stop()
        services.database.dispose()


def _crash_dialog(
    window: MainWindow,
) -> Callable[[type[BaseException], BaseException, TracebackType | None], None]:
    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if isinstance(error, SchedulerError):
            window.report(error)
            return
        log.critical("unexpected error", exc_info=(kind, error, tb))
        QMessageBox.critical(
            window,
            "Unexpected error",
            "Something went wrong inside the scheduler. Your appointments are safe: "
            "every change is saved in one step or not at all.\n\n"
            f"{kind.__name__}: {error}\n\n"
            f"Details are in the log: {config.log_dir() / 'scheduler-app.log'}\n\n"
            + "".join(traceback.format_tb(tb)[-3:]),
        )

    return hook
