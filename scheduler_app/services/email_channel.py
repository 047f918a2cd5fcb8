"""E-mail delivery over SMTP (plain, STARTTLS or SSL)."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate

from scheduler_app.errors import ValidationError

SECURITY = ("none", "starttls", "ssl")


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str = "starttls"
    user: str = ""
    password: str = ""  # from the keyring or asked for; never stored in the database
    sender: str = ""
    timeout_s: float = 15.0

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
    message = EmailMessage()
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
