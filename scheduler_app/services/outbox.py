"""Notifications written in the same transaction as the change that causes them.

Booking sends a confirmation; the desk changing an appointment's time or
professional sends the client a schedule change ("rescheduled", the one message for
that change); a restore or a new end only, an update; a cancellation, a cancellation
notice. Reminders are (re)planned at the clinic's lead times; a cancelled or moved
appointment's pending reminders are cancelled. E-mails go to the client when they
have an address; reminders also reach the desk in the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import Connection

from scheduler_app.db import outbox as outbox_rows
from scheduler_app.db.rows import (
    AppointmentRow,
    ClientRow,
    ClinicRow,
    ProfessionalRow,
    ServiceRow,
    Templates,
)
from scheduler_app.domain.notifications import Channel, NotificationKind
from scheduler_app.domain.templates import render
from scheduler_app.services.context import ServiceContext

K = NotificationKind
Change = Literal[
    "created", "updated", "rescheduled", "replanned", "cancelled", "silenced", "offered"
]
DESK = "desk"

DEFAULT_TEMPLATES: dict[tuple[NotificationKind, Channel], tuple[str, str]] = {
    (K.APPOINTMENT_CREATED, Channel.EMAIL): (
        "Appointment booked: {date} at {time}",
        "Hello {client},\n\nyour appointment ({service}) with {professional} is booked for "
        "{date} at {time}.\n\n{clinic}",
    ),
    (K.APPOINTMENT_UPDATED, Channel.EMAIL): (
        "Appointment changed: now {date} at {time}",
        "Hello {client},\n\nyour appointment with {professional} is now on {date} at {time}."
        "\n\n{clinic}",
    ),
    (K.SCHEDULE_CHANGE, Channel.EMAIL): (
        "Your appointment was changed: {date} at {time}",
        "Hello {client},\n\nthe clinic has changed your appointment ({service}): it is now "
        "on {date} at {time} with {professional}.\n\n{clinic}",
    ),
    (K.APPOINTMENT_CANCELLED, Channel.EMAIL): (
        "Appointment cancelled: {date} at {time}",
        "Hello {client},\n\nyour appointment with {professional} on {date} at {time} has been "
        "cancelled.\n\n{clinic}",
    ),
    (K.WAITLIST_OFFER, Channel.EMAIL): (
        "A time for you: {date} at {time}",
        "Hello {client},\n\na time has freed up for {service} with {professional} on {date} "
        "at {time}. We hold it for you until {until}: please call us to confirm it.\n\n{clinic}",
    ),
    (K.WAITLIST_OFFER, Channel.SMS): (
        "A time for you",
        "{clinic}: a time freed up with {professional} on {date} at {time}. We hold it for "
        "you until {until}; please call to confirm.",
    ),
    (K.APPOINTMENT_REMINDER, Channel.EMAIL): (
        "Reminder: {date} at {time}",
        "Hello {client},\n\na reminder of your appointment ({service}) with {professional} on "
        "{date} at {time}. {location}{meeting_url}\n\n{clinic}",
    ),
    (K.APPOINTMENT_REMINDER, Channel.SMS): (
        "Reminder",
        "{clinic}: reminder of your appointment with {professional} on {date} at {time}.",
    ),
    (K.APPOINTMENT_REMINDER, Channel.IN_APP): (
        "Coming up: {client} at {time}",
        "{client} with {professional} at {time} ({service}).",
    ),
}

_CHANGE_KIND = {
    "created": K.APPOINTMENT_CREATED,
    "updated": K.APPOINTMENT_UPDATED,
    "rescheduled": K.SCHEDULE_CHANGE,
    "cancelled": K.APPOINTMENT_CANCELLED,
    "offered": K.WAITLIST_OFFER,
}


def reminder_leads(text: str) -> list[timedelta]:
    """Lead times from the clinic's setting, e.g. "1440,120" -> 24 h and 2 h."""
    leads = []
    for part in text.split(","):
        part = part.strip()
        if part.isdigit() and 0 < int(part) <= 60 * 24 * 30:
            leads.append(timedelta(minutes=int(part)))
    return sorted(set(leads), reverse=True)


@dataclass(frozen=True)
class About:
    """What the messages about one appointment say, and to whom they go."""

    appointment_id: int
    start_at: datetime
    title: str
    location: str
    meeting_url: str
    client_name: str | None  # None: no client
    client_email: str
    client_phone: str
    professional_name: str | None
    service_name: str | None
    service_reminders: str  # the service's lead times ("" when the clinic's apply)
    clinic_name: str
    clinic_reminders: str
    sms_url: str
    #: Until when a freed time is held for the client ("offered"); None otherwise.
    held_until: datetime | None = None


def about(
    appt: AppointmentRow,
    client: ClientRow | None,
    professional: ProfessionalRow | None,
    service: ServiceRow | None,
    clinic: ClinicRow,
) -> About:
    """What the messages about ``appt`` (as written) say, from the rows it refers to."""
    client = client if appt.client_id is not None else None
    professional = professional if appt.professional_id is not None else None
    service = service if appt.service_id is not None else None
    return About(
        appointment_id=appt.id,
        start_at=appt.start_at,
        title=appt.title,
        location=appt.location,
        meeting_url=appt.meeting_url,
        client_name=client.name if client else None,
        client_email=client.email if client else "",
        client_phone=client.phone if client else "",
        professional_name=professional.name if professional else None,
        service_name=service.name if service else None,
        service_reminders=service.reminder_minutes if service else "",
        clinic_name=clinic.name,
        clinic_reminders=clinic.reminder_minutes,
        sms_url=clinic.sms_url,
    )


def plan(
    conn: Connection,
    ctx: ServiceContext,
    about: About,
    templates: Templates,
    change: Change,
    *,
    into: list[dict[str, object]] | None = None,
) -> None:
    """Plan the messages for ``change`` of the appointment ``about`` tells of (inside
    the caller's transaction; a moved appointment must be written as not reminded).

    ``"replanned"``: only its reminders are planned again (nothing to tell the
    client); ``"silenced"``: its reminders are withdrawn. ``into``: the messages of
    a new appointment (it has no reminders to withdraw) are added there, for the
    caller to store several appointments' at once (`store`).
    """
    now = ctx.now()
    if change != "created" and into is None:  # a new appointment has no reminders yet
        outbox_rows.cancel_pending_reminders(conn, about.appointment_id)
    values = _values(ctx, about)
    rows: list[dict[str, object]] = []

    def add(kind: NotificationKind, channel: Channel, to: str, at: datetime) -> None:
        subject, body = templates.get((kind, channel)) or DEFAULT_TEMPLATES[(kind, channel)]
        rows.append(
            {
                "organization_id": ctx.organization_id,
                "kind": kind,
                "channel": channel,
                "recipient": to,
                "subject": render(subject, values)[:200],
                "message": render(body, values),
                "appointment_id": about.appointment_id,
                "scheduled_at": at,
                "created_at": now,
            }
        )

    notice = _CHANGE_KIND.get(change)
    if notice is not None and about.client_email:
        add(notice, Channel.EMAIL, about.client_email, now)
    if change == "offered" and about.client_phone and about.sms_url:
        add(K.WAITLIST_OFFER, Channel.SMS, about.client_phone, now)  # to call back in time
    if change in ("created", "updated", "rescheduled", "replanned"):
        phone = about.client_phone if about.sms_url else ""
        recipients = [(Channel.EMAIL, about.client_email), (Channel.SMS, phone)]
        recipients.append((Channel.IN_APP, DESK))
        leads = reminder_leads(about.service_reminders) or reminder_leads(about.clinic_reminders)
        for lead in leads:
            at = about.start_at - lead
            if at > now:
                for channel, to in recipients:
                    if to:
                        add(K.APPOINTMENT_REMINDER, channel, to, at)
    if into is not None:
        into.extend(rows)
    else:
        outbox_rows.insert_notifications(conn, rows)


def store(conn: Connection, rows: list[dict[str, object]]) -> None:
    """Store the messages `plan` gathered ``into`` a list."""
    outbox_rows.insert_notifications(conn, rows)


def _values(ctx: ServiceContext, about: About) -> dict[str, str]:
    local = about.start_at.astimezone(ctx.timezone)
    return {
        "client": about.client_name if about.client_name is not None else about.title,
        "professional": about.professional_name or "our team",
        "service": about.service_name or "appointment",
        "date": f"{local:%a %d %b %Y}",
        "time": f"{local:%H:%M}",
        "location": f"Where: {about.location}. " if about.location else "",
        "meeting_url": f"Video link: {about.meeting_url}" if about.meeting_url else "",
        "clinic": about.clinic_name,
        "until": f"{about.held_until.astimezone(ctx.timezone):%a %d %b %H:%M}"
        if about.held_until is not None
        else "",
    }
