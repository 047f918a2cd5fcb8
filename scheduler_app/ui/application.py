"""Start the Qt application: open the database, show the window, run the workers."""

from __future__ import annotations

import gc
import logging
import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from types import TracebackType

from PySide6.QtCore import QObject, QSettings, QThreadPool, QTimer, Slot
from PySide6.QtWidgets import QMessageBox

from scheduler_app import config
from scheduler_app.domain import relaxation
from scheduler_app.errors import NoClinicError, SchedulerError
from scheduler_app.server_settings import ServerSettings, remember_password, stored_password
from scheduler_app.services.bundle import Services
from scheduler_app.services.delivery import DeliveryService
from scheduler_app.services.dispatch import sms_settings, smtp_settings
from scheduler_app.ui import i18n, window_state
from scheduler_app.ui.first_start import offer_setup
from scheduler_app.ui.i18n import translate
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.password_prompt import Answer, open_with_password
from scheduler_app.ui.read_only import mark_read_only
from scheduler_app.ui.service_calls import off_the_gui_thread
from scheduler_app.ui.sign_in_dialog import sign_in_at_start
from scheduler_app.ui.startup import STARTUP_PROBE, Splash, application, probe
from scheduler_app.workers.backup_worker import BackupWorker
from scheduler_app.workers.change_listener import change_listener
from scheduler_app.workers.reminder_worker import ReminderWorker
from scheduler_app.workers.thread import WorkerThread, worker_name

log = logging.getLogger(__name__)


#: Opens the database with a password ("" for none), creating a clinic when told to.
Opener = Callable[[str, bool], Services]


@dataclass
class Desk:
    """A desk that is open: its window, and the worker threads beside it."""

    window: MainWindow
    services: Services
    threads: list[WorkerThread] = field(default_factory=list)
    #: Started once the clinic file has passed its full check (they write to it).
    after_check: list[WorkerThread] = field(default_factory=list)
    released: bool = False
    #: What the workers talk to: the window of the moment (see `_Forward`).
    forward: _Forward | None = None

    def release(self) -> None:
        """Stop the workers and close every connection to the database (idempotent)."""
        self.released = True
        for thread in self.threads:
            thread.stop()
        self.services.database.dispose()


def run(
    open_services: Opener, url: str, splash: Splash | None = None, *, first_start: bool = False
) -> int:
    """Run the desk application until its window closes.

    ``open_services(password, create)`` opens ``url``; for a shared server
    without a password in the URL, the keyring's is tried, then the desk is
    asked. Where there is no clinic yet, the person is asked whether to create
    one, unless this is the ``first_start`` of the default file.
    """
    app = application()
    desk = open_desk(open_services, url, splash, first_start=first_start)
    if desk is None:
        return 1
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
        desk.release()


def open_desk(
    open_services: Opener, url: str, splash: Splash | None = None, *, first_start: bool = False
) -> Desk | None:
    """Open the database, show the window and start the workers; None when it cannot
    open (the person was told why in a dialog) or chose not to."""
    application()
    server = ServerSettings.from_url(url)
    try:
        opened = _open(open_services, url, server, splash, first_start)
    except SchedulerError as exc:
        log.error("cannot open the database: %s", exc.message)
        if splash is not None:
            splash.close()
        QMessageBox.critical(None, exc.title, exc.message)
        return None
    if opened is None:  # asked for a password, or whether to create a clinic: declined
        if splash is not None:
            splash.close()
        return None
    services, answer = opened
    services = off_the_gui_thread(services)
    settings = QSettings()
    if splash is not None:
        splash.hide()
    try:
        signed_in = sign_in_at_start(services, settings)
    except SchedulerError as exc:
        log.error("cannot sign in: %s", exc.message)
        QMessageBox.critical(None, exc.title, exc.message)
        signed_in = False
    if not signed_in:  # the person chose not to sign in
        services.database.dispose()
        if splash is not None:
            splash.close()
        return None
    desk = Desk(MainWindow(services, settings=settings), services)
    desk.forward = _Forward(desk)
    window = desk.window
    if answer is not None and answer.remember and server is not None:
        try:
            remember_password(server, answer.password)
        except SchedulerError as exc:
            window.statusBar().showMessage(exc.message, 15_000)
    _workers(desk)
    for thread in desk.threads:
        if thread not in desk.after_check:
            thread.start()
    window.show()
    if services.database.read_only and services.database.gate.refusal:
        mark_read_only(window, services.database.gate.refusal)
    if splash is not None:
        splash.finish(window)
    offer_setup(window)  # a new clinic: its short set-up, over the window
    return desk


def _open(
    open_services: Opener,
    url: str,
    server: ServerSettings | None,
    splash: Splash | None,
    first_start: bool,
) -> tuple[Services, Answer | None] | None:
    def attempt(create: bool) -> tuple[Services, Answer | None] | None:
        return open_with_password(
            lambda password: open_services(password, create), server, stored_password(url)
        )

    try:
        return attempt(False)
    except NoClinicError as exc:
        if not first_start:
            if splash is not None:
                splash.hide()
            if not _create_asked(exc):
                return None
        log.info("creating a new clinic at %s", exc.where)
        return attempt(True)


def _create_asked(exc: NoClinicError) -> bool:
    if exc.missing:
        situation = translate(
            "Application",
            "There is no clinic database at {where}.\n\nIf it is on a drive or a network "
            "folder, connect it and start the scheduler again.",
        ).format(where=exc.where)
    else:
        situation = translate("Application", "There is no clinic yet in {where}.").format(
            where=exc.where
        )
    answer = QMessageBox.question(
        None,
        translate("Application", "Create a new clinic?"),
        situation
        + "\n\n"
        + translate("Application", "Create a new clinic at {where}?").format(where=exc.where),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def _workers(desk: Desk) -> None:
    """The desk's worker threads: the change listener, the reminders (not on a read-only
    database) and, for a file, its keeper (full check, then daily backups). On a file
    the reminders, which write, start only once the full check found it sound."""
    services, forward = desk.services, desk.forward
    assert forward is not None
    QThreadPool.globalInstance().start(relaxation.warm)  # the first hard decision waits less
    watcher = change_listener(
        services.database.engine.url.render_as_string(hide_password=False),
        services.context.organization_id,
    )
    watcher.schedule_changed.connect(forward.schedule_changed)
    watcher.database_status.connect(forward.show_database_status)
    threads = desk.threads = [WorkerThread(watcher, "change-watcher")]
    if not services.database.read_only:
        worker = worker_name()
        reminders = ReminderWorker(
            DeliveryService(services.context),
            lambda: smtp_settings(services.context),
            name=worker,
            sms_settings=lambda: sms_settings(services.context),
            settle=lambda: (
                services.waitlist.settle_holds(services.actor_id) if services.actor_id else 0
            ),
            calendars=lambda: (
                services.calendars.sync_due(services.actor_id, worker) if services.actor_id else []
            ),
        )
        reminders.desk_reminder.connect(forward.show_reminder)
        threads.append(WorkerThread(reminders, "reminders"))
    path = services.database.path
    if path is not None:
        desk.after_check = threads[1:]
        keeper = BackupWorker(path)
        news = _BackupNews(desk)
        keeper.damaged.connect(news.damaged)
        keeper.sound.connect(news.sound)
        keeper.backed_up.connect(news.backed_up)
        keeper.problem.connect(news.problem)
        threads.append(WorkerThread(keeper, "backups"))


class _BackupNews(QObject):
    """The backup worker's reports, received on the GUI thread."""

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk.forward)  # it outlives a window rebuilt in another language
        self._desk = desk

    @Slot(str)
    def damaged(self, message: str) -> None:
        """The full check found damage: write nothing more, say so and name the backup."""
        self._desk.services.database.refuse_writes(message)
        mark_read_only(self._desk.window, message)
        QMessageBox.critical(
            self._desk.window, translate("Application", "Database damaged"), message
        )

    @Slot()
    def sound(self) -> None:
        if self._desk.released:
            return
        for thread in self._desk.after_check:
            thread.start()

    @Slot(str)
    def backed_up(self, where: str) -> None:
        self._desk.window.statusBar().showMessage(
            translate("Application", "Backed up to {where}.").format(where=where), 10_000
        )

    @Slot(str)
    def problem(self, message: str) -> None:
        self._desk.window.statusBar().showMessage(message, 30_000)


class _Forward(QObject):
    """What the workers talk to: the desk's window of the moment. The window is
    rebuilt when the desk chooses another language (every text is made again in
    it), with its place and view kept."""

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self._desk = desk
        self._watch(desk.window)

    def _watch(self, window: MainWindow) -> None:
        window.language_chosen.connect(self.change_language)
        window.settings_changed.connect(self.rebuild)
        window.release_database = self._desk.release
        sys.excepthook = _crash_dialog(window)

    @Slot(str)
    def change_language(self, language: str) -> None:
        i18n.install(language)
        self.rebuild()

    @Slot()
    def rebuild(self) -> None:
        """The window again, in the language and the clinic's settings of now."""
        old = self._desk.window
        if old.settings is not None:
            window_state.save(old, old.settings)
        new = MainWindow(old.services, settings=old.settings)
        new.show_day(old.day)
        self._desk.window = new
        self._watch(new)
        new.show()
        database = self._desk.services.database
        if database.read_only and database.gate.refusal:
            mark_read_only(new, database.gate.refusal)
        old.close()
        old.deleteLater()

    @Slot(object)
    def schedule_changed(self, days: frozenset[date] | None) -> None:
        self._desk.window.schedule_changed(days)

    @Slot(bool, str)
    def show_database_status(self, reachable: bool, message: str) -> None:
        self._desk.window.show_database_status(reachable, message)

    @Slot(str, str, object)
    def show_reminder(self, subject: str, text: str, appointment_id: object) -> None:
        self._desk.window.show_reminder(subject, text, appointment_id)  # type: ignore[arg-type]


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
