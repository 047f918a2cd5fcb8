"""Notifications written in the same transaction as the change that causes them.

Booking sends a confirmation, a move an update, a cancellation a cancellation
notice, and reminders are (re)planned at the clinic's lead times; a cancelled or
moved appointment's pending reminders are cancelled. E-mails go to the client when
they have an address; reminders also reach the desk in the app.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from scheduler_app.db.models import Appointment, AppointmentType, Client, Organization, Professional
from scheduler_app.db.notification_models import (
    Channel,
    MessageTemplate,
    Notification,
    NotificationKind,
    NotificationStatus,
)
from scheduler_app.domain.templates import render
from scheduler_app.services.context import ServiceContext

K = NotificationKind
Change = Literal["created", "updated", "cancelled", "silenced"]
DESK = "desk"
_TEMPLATES = "outbox_templates"

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
    (K.APPOINTMENT_CANCELLED, Channel.EMAIL): (
        "Appointment cancelled: {date} at {time}",
        "Hello {client},\n\nyour appointment with {professional} on {date} at {time} has been "
        "cancelled.\n\n{clinic}",
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
    "cancelled": K.APPOINTMENT_CANCELLED,
}


def reminder_leads(text: str) -> list[timedelta]:
    """Lead times from the clinic's setting, e.g. "1440,120" -> 24 h and 2 h."""
    leads = []
    for part in text.split(","):
        part = part.strip()
        if part.isdigit() and 0 < int(part) <= 60 * 24 * 30:
            leads.append(timedelta(minutes=int(part)))
    return sorted(set(leads), reverse=True)


def enqueue(session: Session, ctx: ServiceContext, appt: Appointment, change: Change) -> None:
    """Plan the messages for ``change`` of ``appt`` (inside the caller's transaction)."""
    now = ctx.now()
    session.flush()
    if change != "created":  # a new appointment has no reminders yet
        _cancel_pending_reminders(session, appt.id)
    org = session.get(Organization, ctx.organization_id)
    assert org is not None
    client = session.get(Client, appt.client_id) if appt.client_id else None
    email = client.email if client and client.email else ""
    values = _values(session, ctx, org, appt, client)
    templates = session.info.get(_TEMPLATES)
    if templates is None:
        templates = _custom_templates(session, org.id)
    kind = _CHANGE_KIND.get(change)
    if kind is not None and email:
        _add(session, ctx, org, templates, kind, Channel.EMAIL, email, values, appt.id, now)
    if change in ("created", "updated"):
        if appt.reminder_sent:  # the new time needs its own reminder
            appt.reminder_sent, appt.reminder_sent_at = False, None
        service = (
            session.get(AppointmentType, appt.appointment_type_id)
            if appt.appointment_type_id
            else None
        )
        leads = reminder_leads(service.reminder_minutes) if service else []
        phone = client.phone if client and client.phone and org.sms_url else ""
        recipients = [(Channel.EMAIL, email), (Channel.SMS, phone), (Channel.IN_APP, DESK)]
        for lead in leads or reminder_leads(org.reminder_minutes):
            at = appt.start_at - lead
            if at <= now:
                continue
            for channel, to in recipients:
                if to:
                    reminder = K.APPOINTMENT_REMINDER
                    _add(session, ctx, org, templates, reminder, channel, to, values, appt.id, at)


def prefetch(session: Session, ctx: ServiceContext) -> None:
    """Read what `enqueue` needs (the clinic, its templates) before the scheduling
    lock is taken, so that other desks do not wait for these reads."""
    session.info["held_organization"] = session.get(Organization, ctx.organization_id)
    session.info[_TEMPLATES] = _custom_templates(session, ctx.organization_id)


def _cancel_pending_reminders(session: Session, appointment_id: int) -> None:
    session.execute(
        update(Notification)
        .where(
            Notification.appointment_id == appointment_id,
            Notification.kind == K.APPOINTMENT_REMINDER,
            Notification.status == NotificationStatus.PENDING,
        )
        .values(status=NotificationStatus.CANCELLED)
        .execution_options(synchronize_session=False)
    )


def _values(
    session: Session,
    ctx: ServiceContext,
    org: Organization,
    appt: Appointment,
    client: Client | None,
) -> dict[str, str]:
    prof = session.get(Professional, appt.professional_id) if appt.professional_id else None
    kind = (
        session.get(AppointmentType, appt.appointment_type_id) if appt.appointment_type_id else None
    )
    local = appt.start_at.astimezone(ctx.timezone)
    return {
        "client": client.name if client else appt.title,
        "professional": prof.name if prof else "our team",
        "service": kind.name if kind else "appointment",
        "date": f"{local:%a %d %b %Y}",
        "time": f"{local:%H:%M}",
        "location": f"Where: {appt.location}. " if appt.location else "",
        "meeting_url": f"Video link: {appt.meeting_url}" if appt.meeting_url else "",
        "clinic": org.name,
    }


Templates = dict[tuple[NotificationKind, Channel], tuple[str, str]]


def _custom_templates(session: Session, org_id: int) -> Templates:
    """The clinic's own wording, all kinds at once (one read per change)."""
    rows = session.execute(
        select(
            MessageTemplate.kind,
            MessageTemplate.channel,
            MessageTemplate.subject,
            MessageTemplate.body,
        ).where(MessageTemplate.organization_id == org_id)
    )
    return {(kind, channel): (subject, body) for kind, channel, subject, body in rows}


def _add(
    session: Session,
    ctx: ServiceContext,
    org: Organization,
    templates: Templates,
    kind: NotificationKind,
    channel: Channel,
    recipient: str,
    values: dict[str, str],
    appointment_id: int,
    at: datetime,
) -> None:
    subject, body = templates.get((kind, channel)) or DEFAULT_TEMPLATES[(kind, channel)]
    session.add(
        Notification(
            organization_id=org.id,
            kind=kind,
            channel=channel,
            recipient=recipient,
            subject=render(subject, values)[:200],
            message=render(body, values),
            appointment_id=appointment_id,
            scheduled_at=at,
            created_at=ctx.now(),
        )
    )
