"""Passwords in the system keyring (never in the database or a settings file).

The ``keyring`` package is optional: without it, or without a usable keyring on
this computer, nothing is found and storing says why.
"""

from __future__ import annotations

import logging

from scheduler_app.errors import ValidationError

log = logging.getLogger(__name__)

SERVICE = "scheduler-app"


def get_secret(key: str) -> str:
    """The password kept under ``key``, or "" when there is none (or no keyring)."""
    try:
        import keyring
    except ImportError:
        return ""
    try:
        return keyring.get_password(SERVICE, key) or ""
    except Exception:  # a locked or missing keyring backend is not fatal
        log.warning("no password from the keyring for %s", key)
        return ""


def store_secret(key: str, password: str) -> None:
    """Keep ``password`` under ``key``; raises `ValidationError` saying why it cannot."""
    try:
        import keyring
    except ImportError as exc:
        raise ValidationError(
            "There is no system keyring to keep the password in (install the 'keyring' "
            "package); the settings are saved without it."
        ) from exc
    try:
        keyring.set_password(SERVICE, key, password)
    except Exception as exc:  # no usable keyring backend on this computer
        raise ValidationError(f"The system keyring refused the password: {exc}") from exc
