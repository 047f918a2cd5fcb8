"""Start the Qt application: open the database, show the window, run the workers."""

from __future__ import annotations

import gc
import logging
import os
import socket
import sys
import traceback
from collections.abc import Callable
from datetime import date
from types import TracebackType

from PySide6.QtCore import QObject, QSettings, QTimer, Slot
from PySide6.QtWidgets import QMessageBox

from scheduler_app import config
from scheduler_app.errors import SchedulerError
from scheduler_app.server_settings import ServerSettings, remember_password, stored_password
from scheduler_app.services.bundle import Services
from scheduler_app.services.delivery import DeliveryService
from scheduler_app.services.dispatch import sms_settings, smtp_settings
from scheduler_app.ui import i18n, window_state
from scheduler_app.ui.i18n import translate
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.password_prompt import open_with_password
from scheduler_app.ui.startup import STARTUP_PROBE, Splash, application, probe
from scheduler_app.workers.change_listener import change_listener
from scheduler_app.workers.reminder_worker import ReminderWorker
from scheduler_app.workers.thread import WorkerThread

log = logging.getLogger(__name__)


def run(open_services: Callable[[str], Services], url: str, splash: Splash | None = None) -> int:
    """Run the desk application until its window closes.

    ``open_services(password)`` opens ``url``; for a shared server without a
    password in the URL, the keyring's is tried, then the desk is asked.
    """
    app = application()
    server = ServerSettings.from_url(url)
    try:
        opened = open_with_password(open_services, server, stored_password(url))
    except SchedulerError as exc:
        log.error("cannot open the database: %s", exc.message)
        if splash is not None:
            splash.close()
        QMessageBox.critical(None, exc.title, exc.message)
        return 1
    if opened is None:  # asked for a password and cancelled
        return 1
    services, answer = opened
    window = MainWindow(services, settings=QSettings())
    desk = _Desk(window)
    if answer is not None and answer.remember and server is not None:
        try:
            remember_password(server, answer.password)
        except SchedulerError as exc:
            window.statusBar().showMessage(exc.message, 15_000)
    watcher = change_listener(
        services.database.engine.url.render_as_string(hide_password=False),
        services.context.organization_id,
    )
    watcher.schedule_changed.connect(desk.schedule_changed)
    watcher.database_status.connect(desk.show_database_status)
    reminders = ReminderWorker(
        DeliveryService(services.context),
        lambda: smtp_settings(services.context),
        name=f"{socket.gethostname()}-{os.getpid()}",
        sms_settings=lambda: sms_settings(services.context),
    )
    reminders.desk_reminder.connect(desk.show_reminder)
    threads = [WorkerThread(watcher, "change-watcher"), WorkerThread(reminders, "reminders")]
    for thread in threads:
        thread.start()
    window.show()
    if splash is not None:
        splash.finish(window)
    # What exists now lives as long as the desk: keep it out of the collector's full
    # passes, so that redrawing a busy week does not pause for them.
    gc.freeze()
    if os.environ.get(STARTUP_PROBE):  # measurement hook (tests/benchmarks)
        app.processEvents()
        probe("schedule shown")
        QTimer.singleShot(0, app.quit)
    try:
        return app.exec()
    finally:
        for thread in threads:
            thread.stop()
        services.database.dispose()


class _Desk(QObject):
    """The window the workers talk to; rebuilt when the desk chooses another language
    (every text is made again in it), with its place and view kept."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window
        self._watch(window)

    def _watch(self, window: MainWindow) -> None:
        window.language_chosen.connect(self.change_language)
        sys.excepthook = _crash_dialog(window)

    @Slot(str)
    def change_language(self, language: str) -> None:
        old = self.window
        i18n.install(language)
        if old.settings is not None:
            window_state.save(old, old.settings)
        new = MainWindow(old.services, settings=old.settings)
        new.show_day(old.day)
        self.window = new
        self._watch(new)
        new.show()
        old.close()
        old.deleteLater()

    @Slot(object)
    def schedule_changed(self, days: frozenset[date] | None) -> None:
        self.window.schedule_changed(days)

    @Slot(bool, str)
    def show_database_status(self, reachable: bool, message: str) -> None:
        self.window.show_database_status(reachable, message)

    @Slot(str, str, object)
    def show_reminder(self, subject: str, text: str, appointment_id: object) -> None:
        self.window.show_reminder(subject, text, appointment_id)  # type: ignore[arg-type]


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
            translate("Application", "Unexpected error"),
            translate(
                "Application",
                "Something went wrong inside the scheduler. Your appointments are safe: "
                "every change is saved in one step or not at all.",
            )
            + f"\n\n{kind.__name__}: {error}\n\n"
            + translate("Application", "Details are in the log: {file}").format(
                file=config.log_dir() / "scheduler-app.log"
            )
            + "\n\n"
            + "".join(traceback.format_tb(tb)[-3:]),
        )

    return hook
