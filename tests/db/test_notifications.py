"""Reminders and notifications: written with the change, delivered once, over real SMTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from scheduler_app.db.models import Appointment, Organization
from scheduler_app.db.notification_models import (
    Channel,
    MessageTemplate,
    Notification,
    NotificationKind,
    NotificationStatus,
)
from scheduler_app.services.delivery import MAX_ATTEMPTS, DeliveryService, Job
from scheduler_app.services.dispatch import deliver_due, smtp_settings
from scheduler_app.services.dto import AppointmentView, BookingRequest
from scheduler_app.services.email_channel import SmtpSettings
from tests.conftest import Clinic
from tests.db.sms_gateway import SmsGateway
from tests.db.smtp_server import SmtpServer

K, ST = NotificationKind, NotificationStatus


def notifications(clinic: Clinic) -> list[Notification]:
    with clinic.services.database.read_sessions() as session:
        return list(session.scalars(select(Notification).order_by(Notification.id)))


def book(clinic: Clinic, day: int = 4, hour: int = 10) -> AppointmentView:
    (p1,) = clinic.professionals("Dr Ana Silva")
    client = clinic.directory.add_client(
        clinic.admin, "Joana Costa", "+351 912 345 678", "joana@example.org"
    ).id
    return clinic.booking.book(
        clinic.admin,
        BookingRequest(
            start=clinic.at(day, hour),
            end=clinic.at(day, hour, 30),
            professional_id=p1,
            client_id=client,
        ),
    )


def test_booking_writes_confirmation_and_reminders(clinic: Clinic) -> None:
    appt = book(clinic)
    rows = notifications(clinic)
    kinds = sorted((r.kind.value, r.channel.value, r.scheduled_at) for r in rows)
    assert kinds == sorted(
        [
            ("appointment_created", "email", clinic.clock.now),
            ("appointment_reminder", "email", appt.start - timedelta(hours=24)),
            ("appointment_reminder", "in_app", appt.start - timedelta(hours=24)),
            ("appointment_reminder", "email", appt.start - timedelta(hours=2)),
            ("appointment_reminder", "in_app", appt.start - timedelta(hours=2)),
        ]
    )
    confirmation = next(r for r in rows if r.kind == K.APPOINTMENT_CREATED)
    assert confirmation.recipient == "joana@example.org"
    assert confirmation.subject == "Appointment booked: Wed 04 Mar 2026 at 10:00"
    assert "with Dr Ana Silva is booked for Wed 04 Mar 2026 at 10:00" in confirmation.message


def test_moving_replans_reminders_and_cancelling_withdraws_them(clinic: Clinic) -> None:
    appt = book(clinic)
    moved = clinic.booking.move(clinic.admin, appt.id, appt.version, clinic.at(5, 15))
    pending = [r for r in notifications(clinic) if r.status == ST.PENDING]
    reminders = sorted(r.scheduled_at for r in pending if r.kind == K.APPOINTMENT_REMINDER)
    assert reminders[-1] == clinic.at(5, 13) and len(reminders) == 4
    assert any(r.kind == K.SCHEDULE_CHANGE and "now on Thu 05 Mar" in r.message for r in pending)
    clinic.lifecycle.cancel(clinic.admin, appt.id, moved.version, "Flu")
    rows = notifications(clinic)
    assert not [r for r in rows if r.kind == K.APPOINTMENT_REMINDER and r.status == ST.PENDING]
    assert any(r.kind == K.APPOINTMENT_CANCELLED and r.status == ST.PENDING for r in rows)


def test_custom_template_is_used(clinic: Clinic) -> None:
    with clinic.services.database.write_sessions() as session, session.begin():
        session.add(
            MessageTemplate(
                organization_id=clinic.services.context.organization_id,
                kind=K.APPOINTMENT_CREATED,
                channel=Channel.EMAIL,
                subject="See you {date}",
                body="Dear {client}, {time} it is.",
            )
        )
    book(clinic)
    confirmation = next(r for r in notifications(clinic) if r.kind == K.APPOINTMENT_CREATED)
    assert (confirmation.subject, confirmation.message) == (
        "See you Wed 04 Mar 2026",
        "Dear Joana Costa, 10:00 it is.",
    )


def _configure_mail(clinic: Clinic, port: int) -> SmtpSettings:
    with clinic.services.database.write_sessions() as session, session.begin():
        session.execute(
            update(Organization).values(
                smtp_host="127.0.0.1",
                smtp_port=port,
                smtp_security="none",
                mail_from="desk@clinic.example",
            )
        )
    settings = smtp_settings(clinic.services.context)
    assert settings is not None
    return settings


def test_delivery_over_smtp_and_to_the_desk(clinic: Clinic, smtp: SmtpServer) -> None:
    appt = book(clinic)
    settings = _configure_mail(clinic, smtp.port)
    delivery = DeliveryService(clinic.services.context)
    desk: list[Job] = []
    first = deliver_due(delivery, "desk-1", settings, desk.append)
    assert (first.sent, first.failed) == (1, 0)
    (mail,) = smtp.inbox.messages
    assert mail["To"] == "joana@example.org" and mail["From"] == "desk@clinic.example"
    with clinic.services.database.read_sessions() as session:
        org = session.get(Organization, clinic.services.context.organization_id)
        assert org is not None
        (sent,) = session.scalars(select(Notification.id).where(Notification.sent_at.is_not(None)))
    # Its own id and the clinic's: no other clinic's message can ever share it.
    assert mail["Message-ID"] == f"<notification-{sent}.{org.clinic_id}@scheduler-app>"
    assert mail["Subject"] == "Appointment booked: Wed 04 Mar 2026 at 10:00"
    assert "with Dr Ana Silva is booked" in mail.get_payload()
    for lead in (24, 2):  # the day before, then two hours before
        clinic.clock.now = appt.start - timedelta(hours=lead)
        reminders = deliver_due(delivery, "desk-1", settings, desk.append)
        assert (reminders.sent, reminders.failed) == (2, 0)  # an e-mail and the desk
    assert [j.subject for j in desk] == ["Coming up: Joana Costa at 10:00"] * 2
    assert len(smtp.inbox.messages) == 3
    assert deliver_due(delivery, "desk-1", settings, desk.append).sent == 0  # nothing twice
    with clinic.services.database.read_sessions() as session:
        stored = session.get(Appointment, appt.id)
        assert stored is not None and stored.reminder_sent and stored.reminder_sent_at
    assert delivery.counts() == {"sent": 5}


def test_failures_retry_with_backoff_then_stay_failed(clinic: Clinic, smtp: SmtpServer) -> None:
    book(clinic)
    settings = _configure_mail(clinic, smtp.port)
    smtp.stop()
    delivery = DeliveryService(clinic.services.context)
    result = deliver_due(delivery, "desk-1", settings, lambda _job: None)
    assert (result.sent, result.failed) == (0, 1)
    (row,) = [r for r in notifications(clinic) if r.kind == K.APPOINTMENT_CREATED]
    assert row.status == ST.PENDING and row.attempts == 1 and "Connection refused" in row.last_error
    assert row.scheduled_at == clinic.clock.now + timedelta(minutes=1)
    for _ in range(MAX_ATTEMPTS - 1):
        clinic.clock.now += timedelta(hours=2)
        deliver_due(delivery, "desk-1", settings, lambda _job: None, limit=1)
    (row,) = [r for r in notifications(clinic) if r.kind == K.APPOINTMENT_CREATED]
    assert row.status == ST.FAILED and row.attempts == MAX_ATTEMPTS


@pytest.mark.slow
def test_two_desks_deliver_each_reminder_exactly_once_through_an_outage(
    clinic: Clinic, smtp: SmtpServer
) -> None:
    import multiprocessing
    import time as wall

    _configure_mail(clinic, smtp.port)
    org = clinic.services.context.organization_id
    with clinic.services.database.write_sessions() as session, session.begin():
        session.add_all(
            Notification(
                organization_id=org,
                kind=K.APPOINTMENT_REMINDER,
                channel=Channel.EMAIL,
                recipient=f"client{i}@example.org",
                subject=f"Reminder {i}",
                message="See you tomorrow.",
                # the workers run on the real clock
                scheduled_at=datetime.now(UTC) - timedelta(minutes=1),
                created_at=datetime.now(UTC),
            )
            for i in range(1000)
        )
    url = clinic.services.database.engine.url.render_as_string(hide_password=False)
    clinic.services.database.dispose()
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pending = [pool.apply_async(_worker, (url, org, f"desk-{n}")) for n in (1, 2)]
        deadline = wall.monotonic() + 120
        while len(smtp.inbox.messages) < 300:
            assert wall.monotonic() < deadline, "the workers delivered nothing"
            wall.sleep(0.02)
        smtp.stop()  # the mail server goes down mid-run...
        wall.sleep(1.5)
        smtp.start()  # ...and comes back
        results = [p.get(timeout=240) for p in pending]
    ids = smtp.inbox.ids()
    assert len(ids) == 1000 and len(set(ids)) == 1000, "a reminder was lost or sent twice"
    assert sum(r["sent"] for r in results) == 1000
    assert all(r["sent"] > 0 for r in results)  # both desks took part
    assert sum(r["failed"] for r in results) > 0  # the outage was felt
    assert DeliveryService(clinic.services.context).counts() == {"sent": 1000}


def _worker(url: str, org: int, name: str) -> dict[str, int]:
    from tests.db.outbox_worker import run

    return run(url, org, name, deadline_s=180)


def test_reminders_too_late_to_help_are_not_sent(clinic: Clinic, smtp: SmtpServer) -> None:
    appt = book(clinic)
    settings = _configure_mail(clinic, smtp.port)
    clinic.clock.now = appt.start - timedelta(minutes=90)  # the app was off until now
    delivery = DeliveryService(clinic.services.context)
    desk: list[Job] = []
    result = deliver_due(delivery, "desk-1", settings, desk.append)
    assert result.sent == 3  # the confirmation and both 2-hour reminders (30 min late)
    assert delivery.counts() == {"sent": 3, "cancelled": 2}  # the 24-hour ones: too late
    assert len(desk) == 1


def test_templates_are_checked_when_saved(clinic: Clinic) -> None:
    from scheduler_app.errors import ValidationError

    with pytest.raises(ValidationError, match=r"In the text: Unknown placeholder \{patient\}"):
        clinic.directory.save_template(
            clinic.admin, "appointment_reminder", "email", "Reminder", "Dear {patient}"
        )
    clinic.directory.save_template(
        clinic.admin, "appointment_created", "email", "Booked for {date}", "Dear {client}."
    )
    book(clinic)
    confirmation = next(r for r in notifications(clinic) if r.kind == K.APPOINTMENT_CREATED)
    assert (confirmation.subject, confirmation.message) == (
        "Booked for Wed 04 Mar 2026",
        "Dear Joana Costa.",
    )


def test_sms_reminders_go_through_the_gateway(clinic: Clinic) -> None:
    from scheduler_app.services.dispatch import sms_settings

    gateway = SmsGateway()
    try:
        with clinic.services.database.write_sessions() as session, session.begin():
            session.execute(update(Organization).values(sms_url=gateway.url, sms_user="clinic"))
        appt = book(clinic)
        sms_rows = [r for r in notifications(clinic) if r.channel == Channel.SMS]
        assert [r.recipient for r in sms_rows] == ["+351 912 345 678"] * 2
        clinic.clock.now = appt.start - timedelta(hours=24)
        delivery = DeliveryService(clinic.services.context)
        settings = sms_settings(clinic.services.context)
        result = deliver_due(delivery, "desk-1", None, lambda _j: None, sms=settings)
        assert result.sent == 2 and result.failed == 2  # SMS and desk sent; e-mail: no server
        ((to, text, auth),) = gateway.received
        assert to == "+351 912 345 678" and auth.startswith("Basic ")
        assert text.startswith("Test clinic: reminder of your appointment with Dr Ana Silva")
    finally:
        gateway.close()


def test_a_gateway_error_is_retried(clinic: Clinic) -> None:
    from scheduler_app.services.dispatch import sms_settings

    gateway = SmsGateway(status=503)
    try:
        with clinic.services.database.write_sessions() as session, session.begin():
            session.execute(update(Organization).values(sms_url=gateway.url))
        appt = book(clinic)
        clinic.clock.now = appt.start - timedelta(hours=24)
        delivery = DeliveryService(clinic.services.context)
        deliver_due(delivery, "d", None, lambda _j: None, sms=sms_settings(clinic.services.context))
        (sms,) = [r for r in notifications(clinic) if r.channel == Channel.SMS and r.attempts]
        assert sms.status == ST.PENDING and "503" in sms.last_error
    finally:
        gateway.close()


def test_a_service_can_have_its_own_reminder_times(clinic: Clinic) -> None:
    clinic.professionals("Dr Ana Silva")
    kind = clinic.directory.add_service(clinic.admin, "Surgery", 60)
    with clinic.services.database.write_sessions() as session, session.begin():
        from scheduler_app.db.models import Service

        session.execute(update(Service).values(reminder_minutes="2880"))
    appt = clinic.booking.book(
        clinic.admin, BookingRequest(start=clinic.at(6, 9), service_id=kind.id)
    )
    reminders = [r.scheduled_at for r in notifications(clinic) if r.kind == K.APPOINTMENT_REMINDER]
    assert reminders == [appt.start - timedelta(days=2)]  # the desk's one, two days ahead
