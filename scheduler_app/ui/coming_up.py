"""Reminders meant for the desk ("Coming up at 10:00: Joana Costa with Dr Silva"):
said once in the status bar, and in the system tray where there is one. The
appointment it is about is read on a worker (`BackgroundJob`): the window goes on
painting meanwhile, however slow the server."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QSystemTrayIcon

from scheduler_app.services.dto import AppointmentView
from scheduler_app.ui.background import BackgroundJob
from scheduler_app.ui.i18n import day_text, time_text, translate

if TYPE_CHECKING:
    from scheduler_app.ui.main_window import MainWindow


class ComingUp:
    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._tray: QSystemTrayIcon | None = None
        # The reads of the appointments being told about (kept until they answer).
        self._jobs: set[BackgroundJob] = set()

    def show(self, subject: str, text: str, appointment_id: int | None) -> None:
        """Say it once, with the day when it is not today (once its appointment is
        read; as the reminder puts it when it cannot be)."""
        plain = text or subject
        if appointment_id is None:
            self._say(plain)
            return
        booking = self._window.services.booking
        job = BackgroundJob(lambda _p, _c: booking.get(appointment_id), self._window)
        self._jobs.add(job)

        def read(appt: AppointmentView) -> None:
            self._jobs.discard(job)
            self._say(self._text(appt))

        def missing(_message: str) -> None:  # gone, or the server is away
            self._jobs.discard(job)
            self._say(plain)

        job.finished.connect(read)
        job.failed.connect(missing)
        job.start()

    @property
    def reading(self) -> bool:
        """An appointment is still being read before its reminder is said."""
        return bool(self._jobs)

    def _say(self, message: str) -> None:
        window = self._window
        window.statusBar().showMessage(message, 15_000)
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self._tray is None:
                self._tray = QSystemTrayIcon(window.windowIcon(), window)
                self._tray.show()
            self._tray.showMessage(translate("MainWindow", "Coming up"), message)

    def _text(self, appt: AppointmentView) -> str:
        services = self._window.services
        tz = services.context.timezone
        start = appt.start.astimezone(tz)
        today = services.context.now().astimezone(tz).date()
        who = appt.client_name or appt.title or appt.service_name
        if appt.professional_name:
            who = translate("MainWindow", "{client} with {professional}").format(
                client=who, professional=appt.professional_name
            )
        if appt.service_name and who != appt.service_name:
            who = f"{who} ({appt.service_name})"
        if start.date() == today:
            return translate("MainWindow", "Coming up at {time}: {who}").format(
                time=time_text(start), who=who
            )
        return translate("MainWindow", "Coming up on {day} at {time}: {who}").format(
            day=day_text(start.date()), time=time_text(start), who=who
        )
