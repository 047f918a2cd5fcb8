"""The clinic tells people what it changed: the client gets one "schedule change"
e-mail when the desk moves their appointment or gives it another professional
(no second "updated" message), and every desk is told a team member is unavailable
when a professional's absence or leaving, forced, strands booked appointments.
Delivered over a real SMTP server and to the desk, on both databases."""

from __future__ import annotations

from datetime import timedelta

from scheduler_app.db.notification_models import Channel, NotificationKind, NotificationStatus
from scheduler_app.services.delivery import DeliveryService, Job
from scheduler_app.services.dispatch import deliver_due
from scheduler_app.services.dto import AppointmentView, BookingRequest
from tests.conftest import Clinic
from tests.db.smtp_server import SmtpServer
from tests.db.test_notifications import _configure_mail, notifications

K = NotificationKind


def booked(clinic: Clinic) -> tuple[AppointmentView, int, int]:
    """Joana Costa with Dr Ana Silva on Wed 4 March at 10:00; the professionals."""
    silva, becker = clinic.professionals("Dr Ana Silva", "Tom Becker")
    client = clinic.directory.add_client(
        clinic.admin, "Joana Costa", "+351 912 345 678", "joana@example.org"
    ).id
    appt = clinic.booking.book(
        clinic.admin,
        BookingRequest(
            start=clinic.at(4, 10),
            end=clinic.at(4, 10, 30),
            professional_id=silva,
            client_id=client,
        ),
    )
    return appt, silva, becker


def notices(clinic: Clinic) -> list[tuple[NotificationKind, str]]:
    """Messages to the client about a change (not reminders), oldest first."""
    return [
        (n.kind, n.subject)
        for n in notifications(clinic)
        if n.kind != K.APPOINTMENT_REMINDER and n.channel == Channel.EMAIL
    ]


def test_a_move_by_the_desk_sends_one_schedule_change_over_smtp(
    clinic: Clinic, smtp: SmtpServer
) -> None:
    appt, _silva, becker = booked(clinic)
    moved = clinic.booking.reschedule(
        clinic.admin, appt.id, appt.version, clinic.at(5, 15), professional_id=becker
    )
    assert notices(clinic) == [
        (K.APPOINTMENT_CREATED, "Appointment booked: Wed 04 Mar 2026 at 10:00"),
        (K.SCHEDULE_CHANGE, "Your appointment was changed: Thu 05 Mar 2026 at 15:00"),
    ]
    settings = _configure_mail(clinic, smtp.port)
    delivery = DeliveryService(clinic.services.context)
    desk: list[Job] = []
    assert deliver_due(delivery, "desk-1", settings, desk.append).sent == 2
    change = smtp.inbox.messages[-1]
    assert change["To"] == "joana@example.org"
    assert change["Subject"] == "Your appointment was changed: Thu 05 Mar 2026 at 15:00"
    assert "it is now on Thu 05 Mar 2026 at 15:00 with Tom Becker" in change.get_payload()
    assert moved.professional_name == "Tom Becker"


def test_another_professional_at_the_same_time_is_a_schedule_change_too(clinic: Clinic) -> None:
    appt, _silva, becker = booked(clinic)
    clinic.booking.assign(clinic.admin, appt.id, appt.version, becker)
    assert [k for k, _s in notices(clinic)] == [K.APPOINTMENT_CREATED, K.SCHEDULE_CHANGE]
    last = [n for n in notifications(clinic) if n.kind == K.SCHEDULE_CHANGE][-1]
    assert "Wed 04 Mar 2026 at 10:00 with Tom Becker" in last.message


def test_a_new_end_only_is_an_update_not_a_schedule_change(clinic: Clinic) -> None:
    appt, _silva, _becker = booked(clinic)
    clinic.booking.resize(clinic.admin, appt.id, appt.version, clinic.at(4, 10, 45))
    assert [k for k, _s in notices(clinic)] == [K.APPOINTMENT_CREATED, K.APPOINTMENT_UPDATED]


def test_a_forced_absence_that_strands_appointments_tells_the_desks(clinic: Clinic) -> None:
    appt, silva, becker = booked(clinic)
    clinic.booking.book(  # Tom Becker is busy then: nobody can take Joana Costa's
        clinic.admin,
        BookingRequest(start=clinic.at(4, 10), end=clinic.at(4, 10, 30), professional_id=becker),
    )
    start, end = clinic.at(4, 9), clinic.at(4, 13)
    lowered = clinic.services.working_time.add_time_off(
        clinic.admin, start, end, professional_id=silva, force_reason="Off sick"
    )
    assert lowered.set_aside == 1
    internal = [n for n in notifications(clinic) if n.channel == Channel.IN_APP]
    told = [n for n in internal if n.kind != K.APPOINTMENT_REMINDER]
    assert [(n.kind, n.recipient, n.subject) for n in told] == [
        (K.TEAM_MEMBER_UNAVAILABLE, "desk", "Team member unavailable: Dr Ana Silva")
    ]  # one message: not a second "new conflict"
    assert "1 appointment waits for a professional" in told[0].message
    assert told[0].appointment_id == appt.id
    delivery = DeliveryService(clinic.services.context)
    desk: list[Job] = []
    clinic.clock.now = clinic.clock.now + timedelta(minutes=1)
    deliver_due(delivery, "desk-1", None, desk.append)
    assert [j.subject for j in desk if j.kind == K.TEAM_MEMBER_UNAVAILABLE.value] == [
        "Team member unavailable: Dr Ana Silva"
    ]
    assert not any(n.kind == K.SCHEDULE_CHANGE for n in notifications(clinic))
    sent = [n for n in notifications(clinic) if n.kind == K.TEAM_MEMBER_UNAVAILABLE]
    assert [n.status for n in sent] == [NotificationStatus.SENT]


def test_a_professional_leaving_forced_tells_the_desks(clinic: Clinic) -> None:
    _appt, silva, becker = booked(clinic)
    clinic.booking.book(
        clinic.admin,
        BookingRequest(start=clinic.at(4, 10), end=clinic.at(4, 10, 30), professional_id=becker),
    )
    clinic.services.professionals.leave(clinic.admin, silva, force_reason="Moved away")
    kinds = [n.kind for n in notifications(clinic) if n.channel == Channel.IN_APP]
    assert K.TEAM_MEMBER_UNAVAILABLE in kinds and K.CONFLICT_DETECTED not in kinds


def test_nothing_stranded_tells_nobody(clinic: Clinic) -> None:
    _appt, silva, _becker = booked(clinic)  # Tom Becker is free to take it
    clinic.services.working_time.add_time_off(
        clinic.admin, clinic.at(4, 9), clinic.at(4, 13), professional_id=silva
    )
    assert not [n for n in notifications(clinic) if n.kind == K.TEAM_MEMBER_UNAVAILABLE]
