"""Passwords in the system keyring (never in the database or a settings file).

Where no keyring works (a desktop without a Secret Service, a bare server),
nothing is found, storing says why, and `keyring_problem` says how to fix it.
"""

from __future__ import annotations

import logging

import keyring

from scheduler_app.errors import ValidationError

log = logging.getLogger(__name__)

SERVICE = "scheduler-app"
NO_KEYRING = (
    "No system keyring works on this computer, so passwords cannot be remembered here. "
    "On Linux, install a Secret Service keyring (GNOME Keyring or KWallet, e.g. "
    "`sudo apt-get install gnome-keyring`) and use it from a desktop session that unlocks "
    "it; for the database server's password, ~/.pgpass also works. Until then, passwords "
    "are asked for when needed."
)


def keyring_problem() -> str | None:
    """Why passwords cannot be kept on this computer (None when a keyring works)."""
    try:
        backend = keyring.get_keyring()
        priority = float(backend.priority)
    except Exception as exc:  # a broken backend configuration is not fatal
        log.warning("no usable keyring: %s", exc)
        return NO_KEYRING
    # keyring's "fail" and "null" backends (priority 0 and below) keep nothing.
    return None if priority > 0 else NO_KEYRING


def get_secret(key: str) -> str:
    """The password kept under ``key``, or "" when there is none (or no keyring)."""
    try:
        return keyring.get_password(SERVICE, key) or ""
    except Exception:  # backends raise their own errors (D-Bus, locked): never fatal
        log.warning("no password from the keyring for %s", key)
        return ""


def store_secret(key: str, password: str) -> None:
    """Keep ``password`` under ``key``; raises `ValidationError` saying why it cannot."""
    problem = keyring_problem()
    if problem is not None:
        raise ValidationError(f"The password was not saved. {problem}")
    try:
        keyring.set_password(SERVICE, key, password)
    except Exception as exc:  # backends raise their own errors (D-Bus, locked, refused)
        raise ValidationError(f"The system keyring refused the password: {exc}") from exc
