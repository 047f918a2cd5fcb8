"""Reminders meant for the desk ("Coming up at 10:00: Joana Costa with Dr Silva"):
said once in the status bar, and in the system tray where there is one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QSystemTrayIcon

from scheduler_app.errors import SchedulerError
from scheduler_app.ui.i18n import day_text, time_text, translate

if TYPE_CHECKING:
    from scheduler_app.ui.main_window import MainWindow


class ComingUp:
    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._tray: QSystemTrayIcon | None = None

    def show(self, subject: str, text: str, appointment_id: int | None) -> None:
        """Say it once, with the day when it is not today."""
        window = self._window
        message = self._text(appointment_id) or text or subject
        window.statusBar().showMessage(message, 15_000)
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self._tray is None:
                self._tray = QSystemTrayIcon(window.windowIcon(), window)
                self._tray.show()
            self._tray.showMessage(translate("MainWindow", "Coming up"), message)

    def _text(self, appointment_id: int | None) -> str:
        if appointment_id is None:
            return ""
        services = self._window.services
        try:
            appt = services.booking.get(appointment_id)
        except SchedulerError:
            return ""
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
