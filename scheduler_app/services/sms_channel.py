"""SMS through an HTTP gateway the clinic configures: an address with {to} and {text}."""

from __future__ import annotations

import base64
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from scheduler_app.errors import ValidationError


@dataclass(frozen=True)
class SmsSettings:
    url: str  # e.g. https://gateway.example/send?to={to}&text={text}
    user: str = ""
    password: str = ""  # from the keyring
    timeout_s: float = 15.0

    def check(self) -> None:
        if not self.url.startswith(("http://", "https://")):
            raise ValidationError("The SMS gateway address must start with http:// or https://.")
        if "{to}" not in self.url or "{text}" not in self.url:
            raise ValidationError("The SMS gateway address needs {to} and {text} in it.")
        if carries_password(self.url):
            raise ValidationError(
                "The SMS gateway address must not contain a password: it would be kept in "
                "the clinic's database and its audit trail. Put the password in the "
                "gateway's Password field (kept in the system keyring) and leave it out of "
                "the address."
            )


#: Query parameters that hold a password (gateways call it many ways).
_SECRET_NAMES = re.compile(r"pass|pwd|secret", re.IGNORECASE)


def carries_password(url: str) -> bool:
    """Whether ``url`` holds a password: ``user:password@host`` or ``?password=...``."""
    parts = urllib.parse.urlsplit(url)
    if parts.password:
        return True
    names = [name for name, _value in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)]
    return any(_SECRET_NAMES.search(name) for name in names)


def send_sms(settings: SmsSettings, to: str, text: str) -> None:
    """Call the gateway; raises OSError (URLError/HTTPError) when it does not answer 2xx."""
    settings.check()
    url = settings.url.replace("{to}", urllib.parse.quote(to, safe="")).replace(
        "{text}", urllib.parse.quote(text, safe="")
    )
    request = urllib.request.Request(url, method="GET")
    if settings.user:
        token = base64.b64encode(f"{settings.user}:{settings.password}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    with urllib.request.urlopen(request, timeout=settings.timeout_s) as response:
        if not 200 <= response.status < 300:
            raise OSError(f"the SMS gateway answered {response.status}")
