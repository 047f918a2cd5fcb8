"""Checks of what a manager or the desk types into the clinic's set-up.

Each returns the value as stored, or raises `ValidationError` naming its field,
so a dialog can show the reason next to it with everything typed kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from scheduler_app.domain.durations import MAX_LEAD_MINUTES
from scheduler_app.errors import ValidationError

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+()./\s-]{3,40}$")
MAX_PRICE = Decimal("99999999.99")
SLOT_MINUTES = (5, 10, 15, 20, 30, 60)


def name(value: str, what: str, field: str = "name") -> str:
    value = value.strip()
    if not value:
        raise ValidationError(f"{what} needs a name.", field)
    if len(value) > 200:
        raise ValidationError(f"{what}'s name is too long (200 characters at most).", field)
    return value


def color(value: str, field: str = "color") -> str:
    if not _COLOR.match(value):
        raise ValidationError("A colour must look like #3366cc.", field)
    return value.lower()


def email(value: str, field: str = "email") -> str:
    value = value.strip()
    if value and not _EMAIL.match(value):
        raise ValidationError(f"{value!r} does not look like an e-mail address.", field)
    return value


def phone(value: str, field: str = "phone") -> str:
    value = value.strip()
    if value and (not _PHONE.match(value) or sum(c.isdigit() for c in value) < 3):
        raise ValidationError(f"{value!r} does not look like a phone number.", field)
    return value


def currency(value: str, field: str = "currency") -> str:
    code = value.strip().upper()
    if len(code) != 3 or not code.isascii() or not code.isalpha():
        raise ValidationError("A currency is a three-letter code such as EUR.", field)
    return code


def price(value: Decimal, field: str = "price") -> Decimal:
    try:
        amount = Decimal(value).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValidationError("A price is an amount such as 45.00.", field) from None
    if not Decimal(0) <= amount <= MAX_PRICE:
        raise ValidationError(f"A price is from 0 to {MAX_PRICE:,}.", field)
    return amount


def length(minutes: int, what: str, field: str = "duration_minutes") -> int:
    if not 1 <= minutes <= 720:
        raise ValidationError(f"{what} lasts from 1 minute to 12 hours.", field)
    return minutes


def lead_times(minutes: Iterable[int], field: str = "reminder_minutes") -> tuple[int, ...]:
    """Reminder lead times, longest first, each once."""
    leads = set(minutes)
    if any(not 0 < m <= MAX_LEAD_MINUTES for m in leads):
        raise ValidationError(
            "Reminders go out from a minute to 30 days before the appointment.", field
        )
    return tuple(sorted(leads, reverse=True))


def order(ids: Iterable[int], existing: Iterable[int], what: str) -> list[int]:
    """``ids`` as a new order of exactly the ``existing`` ones."""
    wanted, known = list(ids), set(existing)
    if len(set(wanted)) != len(wanted) or set(wanted) != known:
        raise ValidationError(
            f"The list of {what} changed meanwhile; reopen it and try again.", "order"
        )
    return wanted
