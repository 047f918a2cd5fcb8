"""Delivers due reminders and notifications from a worker thread.

Wakes on a timer, ends the waitlist's holds that were confirmed or lapsed, runs one
delivery round through the services (its own database sessions, never the GUI's),
syncs the calendars whose time has come, and reports through signals; reminders
meant for the desk come back as `desk_reminder` for the window to show.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Signal, Slot

from scheduler_app.errors import SchedulerError
from scheduler_app.services.delivery import DeliveryService, Job
from scheduler_app.services.dispatch import deliver_due
from scheduler_app.services.email_channel import SmtpSettings
from scheduler_app.services.sms_channel import SmsSettings
from scheduler_app.workers.thread import PeriodicWorker

log = logging.getLogger(__name__)


class ReminderWorker(PeriodicWorker):
    desk_reminder = Signal(str, str, object)  # subject, text, appointment id (or None)
    round_done = Signal(int, int)  # sent, failed
    problem = Signal(str)

    def __init__(
        self,
        delivery: DeliveryService,
        mail_settings: Callable[[], SmtpSettings | None],
        name: str,
        interval_ms: int = 15_000,
        sms_settings: Callable[[], SmsSettings | None] = lambda: None,
        settle: Callable[[], object] = lambda: None,
        calendars: Callable[[], object] = lambda: None,
    ) -> None:
        """``settle``: what ends each round before delivering (the waitlist's holds
        that were confirmed or lapsed); ``calendars``: what follows delivering (the
        calendars whose sync is due, each recording its own outcome)."""
        super().__init__(interval_ms)
        self._settle = settle
        self._calendars = calendars
        self._delivery = delivery
        self._mail_settings = mail_settings
        self._sms_settings = sms_settings
        self._name = name

    @Slot()
    def tick(self) -> None:
        try:
            self._settle()  # a lapsed hold is cancelled: its client is told in this round
            result = deliver_due(
                self._delivery,
                self._name,
                self._mail_settings(),
                self._to_desk,
                sms=self._sms_settings(),
            )
            self._calendars()  # after the messages: a slow server never delays them
        except SchedulerError as exc:
            self.problem.emit(exc.message)
            return
        except Exception:  # a bug: log it, keep the desk running
            log.exception("reminder delivery failed")
            return
        if result.sent or result.failed:
            self.round_done.emit(result.sent, result.failed)

    def _to_desk(self, job: Job) -> None:
        self.desk_reminder.emit(job.subject, job.message, job.appointment_id)
