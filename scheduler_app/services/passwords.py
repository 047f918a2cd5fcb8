"""Staff passwords: Argon2 hashes (argon2-cffi's recommended parameters).

Hashing takes a noticeable fraction of a second and tens of megabytes on
purpose: a stolen database does not give the passwords back quickly.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from scheduler_app.errors import ValidationError

#: The shortest password accepted.
MIN_LENGTH = 8

_HASHER = PasswordHasher()


def check_new(password: str) -> None:
    """Raise `ValidationError` unless ``password`` may be chosen."""
    if len(password) < MIN_LENGTH:
        raise ValidationError(
            f"The password must have at least {MIN_LENGTH} characters.", "password"
        )
    if not password.strip():
        raise ValidationError("The password cannot be only spaces.", "password")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches the ``stored`` hash (False when there is none)."""
    if not stored:
        return False
    try:
        return _HASHER.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """Whether ``stored`` was made with older parameters (hash it again at sign-in)."""
    try:
        return _HASHER.check_needs_rehash(stored)
    except InvalidHashError:
        return True
