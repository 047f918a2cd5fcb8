"""One round of delivery: claim what is due, send it, record the outcome."""

from __future__ import annotations

import logging
import smtplib
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from scheduler_app.db.models import Organization
from scheduler_app.db.notification_models import Channel
from scheduler_app.errors import SchedulerError, ValidationError
from scheduler_app.secrets import get_secret, store_secret
from scheduler_app.services import reading
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.delivery import DeliveryService, Job
from scheduler_app.services.email_channel import (
    SmtpSettings,
    notification_message_id,
    send_email,
)
from scheduler_app.services.sms_channel import SmsSettings, send_sms

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RoundResult:
    sent: int = 0
    failed: int = 0


def smtp_settings(ctx: ServiceContext) -> SmtpSettings | None:
    """The clinic's mail server, with the password from the system keyring if any."""

    def work(session: Session) -> SmtpSettings | None:
        org = session.get(Organization, ctx.organization_id)
        if org is None or not org.smtp_host:
            return None
        return SmtpSettings(
            host=org.smtp_host,
            port=org.smtp_port,
            security=org.smtp_security,
            user=org.smtp_user,
            password=_keyring_password(org.smtp_user, org.smtp_host),
            sender=org.mail_from,
            clinic_id=org.clinic_id,
        )

    return reading.read(ctx, work)


def clinic_id(ctx: ServiceContext) -> str:
    """The clinic's id (for Message-IDs of messages sent before settings are saved)."""

    def work(session: Session) -> str:
        org = session.get(Organization, ctx.organization_id)
        return org.clinic_id if org is not None else ""

    return reading.read(ctx, work)


def _keyring_password(user: str, host: str) -> str:
    return get_secret(f"smtp:{user}@{host}") if user else ""


def sms_settings(ctx: ServiceContext) -> SmsSettings | None:
    """The clinic's SMS gateway, with the password from the system keyring if any."""

    def work(session: Session) -> SmsSettings | None:
        org = session.get(Organization, ctx.organization_id)
        if org is None or not org.sms_url:
            return None
        host = urllib.parse.urlsplit(org.sms_url).hostname or ""
        return SmsSettings(org.sms_url, org.sms_user, _keyring_password(org.sms_user, host))

    return reading.read(ctx, work)


def deliver_due(
    delivery: DeliveryService,
    worker: str,
    smtp: SmtpSettings | None,
    to_desk: Callable[[Job], None],
    limit: int = 25,
    sms: SmsSettings | None = None,
) -> RoundResult:
    """Deliver what is due now; each outcome is recorded as soon as it is known."""
    sent = failed = 0
    for job in delivery.claim_due(worker, limit):
        try:
            if job.channel == Channel.EMAIL:
                if smtp is None:
                    raise ValidationError("No mail server is set up for the clinic.")
                send_email(
                    smtp,
                    job.recipient,
                    job.subject,
                    job.message,
                    notification_message_id(job.id, smtp.clinic_id),
                )
            elif job.channel == Channel.SMS:
                if sms is None:
                    raise ValidationError("No SMS gateway is set up for the clinic.")
                send_sms(sms, job.recipient, job.message)
            elif job.channel == Channel.IN_APP:
                to_desk(job)
            else:
                raise ValidationError(f"Delivery by {job.channel.value} is not set up.")
        except (OSError, smtplib.SMTPException, SchedulerError) as exc:
            delivery.mark_failed(job, worker, f"{type(exc).__name__}: {exc}")
            failed += 1
        else:
            delivery.mark_sent(job, worker)
            sent += 1
    return RoundResult(sent, failed)


def store_mail_password(user: str, host: str, password: str) -> None:
    """Keep the mail password in the system keyring (never in the database)."""
    store_secret(f"smtp:{user}@{host}", password)
