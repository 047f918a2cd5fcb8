"""E-mail delivery over SMTP (plain, STARTTLS or SSL)."""

from __future__ import annotations

import smtplib
import ssl
import uuid
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.utils import formatdate

from scheduler_app.errors import ValidationError

SECURITY = ("none", "starttls", "ssl")
DOMAIN = "scheduler-app"


def notification_message_id(notification_id: int, clinic_id: str) -> str:
    """The Message-ID of a notification: the same each time it is sent (a mail system
    may drop the copy), and different from every other clinic's."""
    return f"<notification-{notification_id}.{clinic_id}@{DOMAIN}>"


def test_message_id(clinic_id: str) -> str:
    """A Message-ID of its own for each test message."""
    return f"<test-{uuid.uuid4()}.{clinic_id}@{DOMAIN}>"


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str = "starttls"
    user: str = ""
    password: str = ""  # from the keyring or asked for; never stored in the database
    sender: str = ""
    timeout_s: float = 15.0
    clinic_id: str = ""  # in every Message-ID

    def check(self) -> None:
        if not self.host:
            raise ValidationError("No mail server is set up (Clinic settings, e-mail).")
        if self.security not in SECURITY:
            raise ValidationError("Mail security must be none, starttls or ssl.")
        if not self.sender or "@" not in self.sender:
            raise ValidationError("The clinic's sender address for e-mails is missing.")


def send_email(
    settings: SmtpSettings, recipient: str, subject: str, body: str, message_id: str
) -> None:
    """Hand one message to the server; raises OSError/SMTPException when it cannot."""
    settings.check()
    # Lines up to SMTP's limit: a Message-ID with a clinic id is longer than the usual
    # 78 characters, and folding it would put a line break in front of it.
    message = EmailMessage(policy=policy.default.clone(max_line_length=998))
    message["From"] = settings.sender
    message["To"] = recipient
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = message_id
    message.set_content(body)
    context = ssl.create_default_context()
    if settings.security == "ssl":
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout_s, context=context
        )
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout_s)
    with client:
        if settings.security == "starttls":
            client.starttls(context=context)
        if settings.user:
            client.login(settings.user, settings.password)
        client.send_message(message)
