"""The reminder worker on its own QThread: signals arrive, the GUI stays free, it stops."""

from __future__ import annotations

import time
from datetime import timedelta

from PySide6.QtCore import QObject, QThread, Slot
from pytestqt.qtbot import QtBot

from scheduler_app.services.delivery import DeliveryService
from scheduler_app.services.dispatch import sms_settings, smtp_settings
from scheduler_app.services.dto import BookingRequest
from scheduler_app.workers.reminder_worker import ReminderWorker
from scheduler_app.workers.thread import WorkerThread
from tests.conftest import Clinic
from tests.db.sms_gateway import SmsGateway


class _Desk(QObject):
    """Lives on the GUI thread, like the main window."""

    def __init__(self) -> None:
        super().__init__()
        self.reminders: list[tuple[str, str, object]] = []
        self.threads: list[QThread] = []

    @Slot(str, str, object)
    def remind(self, subject: str, text: str, appointment_id: object) -> None:
        self.reminders.append((subject, text, appointment_id))
        self.threads.append(QThread.currentThread())


def test_desk_reminders_arrive_from_the_worker_thread(sqlite_clinic: Clinic, qtbot: QtBot) -> None:
    clinic = sqlite_clinic
    (p1,) = clinic.professionals("Dr Ana Silva")
    client = clinic.client("Joana Costa")
    appt = clinic.booking.book(
        clinic.admin,
        BookingRequest(start=clinic.at(3, 10), professional_id=p1, client_id=client),
    )
    clinic.clock.now = appt.start - timedelta(hours=2)  # due; the 24-hour one is too late
    worker = ReminderWorker(
        DeliveryService(clinic.services.context), lambda: None, name="test-desk", interval_ms=50
    )
    desk = _Desk()
    worker.desk_reminder.connect(desk.remind)
    thread = WorkerThread(worker, "reminders")
    thread.start()
    try:
        # The GUI thread keeps turning its event loop while the worker delivers.
        qtbot.waitUntil(lambda: len(desk.reminders) == 1, timeout=3000)
    finally:
        began = time.perf_counter()
        assert thread.stop(timeout_ms=1000)
        stopped_in = time.perf_counter() - began
    assert desk.reminders == [
        (
            "Coming up: Joana Costa at 10:00",
            "Joana Costa with Dr Ana Silva at 10:00 (appointment).",
            appt.id,
        )
    ]
    assert all(t is QThread.currentThread() for t in desk.threads)  # delivered on the GUI thread
    assert stopped_in < 1.0 and not thread.thread.isRunning()
    assert DeliveryService(clinic.services.context).counts() == {"sent": 1, "cancelled": 1}


def test_the_running_desk_sends_sms_reminders_through_the_gateway(
    sqlite_clinic: Clinic, qtbot: QtBot
) -> None:
    """The worker the desk runs (as `ui.application` builds it) reaches the gateway."""
    clinic = sqlite_clinic
    gateway = SmsGateway()
    try:
        clinic.directory.update_sms_settings(clinic.admin, url=gateway.url, user="")
        (p1,) = clinic.professionals("Dr Ana Silva")
        client = clinic.directory.add_client(clinic.admin, "Joana Costa", "+351 912 345 678")
        appt = clinic.booking.book(
            clinic.admin,
            BookingRequest(start=clinic.at(3, 10), professional_id=p1, client_id=client.id),
        )
        clinic.clock.now = appt.start - timedelta(hours=2)
        ctx = clinic.services.context
        worker = ReminderWorker(
            DeliveryService(ctx),
            lambda: smtp_settings(ctx),
            name="test-desk",
            interval_ms=50,
            sms_settings=lambda: sms_settings(ctx),
        )
        thread = WorkerThread(worker, "reminders")
        thread.start()
        try:
            qtbot.waitUntil(lambda: len(gateway.received) == 1, timeout=5000)
        finally:
            assert thread.stop(timeout_ms=2000)
        ((to, text, _auth),) = gateway.received
        assert to == "+351 912 345 678"
        assert text.startswith("Test clinic: reminder of your appointment with Dr Ana Silva")
        sent = DeliveryService(ctx).recent(search="Joana")
        assert any(n.channel.value == "sms" and n.status.value == "sent" for n in sent)
    finally:
        gateway.close()


def test_the_worker_lets_a_lapsed_hold_go_before_delivering(
    sqlite_clinic: Clinic, qtbot: QtBot
) -> None:
    """A freed time held for a waiting client and not confirmed in time is cancelled by
    the desk's reminder worker, and the client waits again."""
    from datetime import date
    from datetime import time as clock
    from decimal import Decimal

    from scheduler_app.domain.status import AppointmentStatus
    from scheduler_app.services.dto import ServiceDetails
    from scheduler_app.services.waitlist_dto import WaitlistRequest

    clinic = sqlite_clinic
    (p1,) = clinic.professionals("Dr Ana Silva")
    details = ServiceDetails("Check", 30, Decimal("40.00"), "EUR", "#3366cc")
    service = clinic.services.catalog.add(clinic.admin, details).id
    waitlist = clinic.services.waitlist
    tuesday = date(2026, 3, 3)
    entry = waitlist.add(
        clinic.admin,
        WaitlistRequest(clinic.client("Ana"), service, tuesday, tuesday, clock(9), clock(13)),
    ).id
    held = waitlist.hold(clinic.admin, entry, clinic.at(3, 10), p1, hours=1)
    clinic.clock.now += timedelta(hours=1, minutes=5)
    worker = ReminderWorker(
        DeliveryService(clinic.services.context),
        lambda: None,
        name="test-desk",
        interval_ms=50,
        settle=lambda: waitlist.settle_holds(clinic.admin),
    )
    thread = WorkerThread(worker, "reminders")
    thread.start()
    try:
        qtbot.waitUntil(lambda: waitlist.entries()[0].status == "waiting", timeout=3000)
    finally:
        assert thread.stop(timeout_ms=1000)
    assert clinic.booking.get(held.id).status is AppointmentStatus.CANCELLED
