"""Validation of an appointment's editable details (no time, professional or status)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from scheduler_app.db.models import Priority
from scheduler_app.errors import ValidationError

#: Details the desk may edit without touching time, professional or status.
EDITABLE = frozenset(
    {
        "title",
        "description",
        "priority",
        "client_id",
        "service_id",
        "location",
        "is_virtual",
        "meeting_url",
        "estimated_cost",
        "actual_cost",
        "currency",
        "is_billable",
        "external_id",
        "external_url",
        "completion_notes",
        "completion_rating",
        "completion_feedback",
    }
)

_MAX_LENGTH = {"title": 200, "location": 200, "external_id": 200}


def clean_details(values: dict[str, Any]) -> dict[str, Any]:
    """Validate and normalise detail fields; raise `ValidationError` with the reason."""
    out = dict(values)
    for name, what in (("client_id", "client"), ("service_id", "service")):
        value = out.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValidationError(f"That {what} does not exist.")
    for name in ("is_virtual", "is_billable"):
        if name in out and not isinstance(out[name], bool):
            raise ValidationError(f"{label(name)} must be yes or no.")
    if "priority" in out:
        try:
            out["priority"] = Priority(out["priority"])
        except ValueError:
            raise ValidationError(
                "Priority must be one of: " + ", ".join(p.value for p in Priority) + "."
            ) from None
    for name in ("estimated_cost", "actual_cost"):
        if out.get(name) is not None:
            out[name] = _money(name, out[name])
    if "currency" in out:
        code = str(out["currency"]).strip().upper()
        if len(code) != 3 or not code.isalpha():
            raise ValidationError("Currency must be a three-letter code such as EUR.")
        out["currency"] = code
    rating = out.get("completion_rating")
    if rating is not None and (
        isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5
    ):
        raise ValidationError("The rating must be a whole number from 1 to 5.")
    for name in ("title", "location", "meeting_url", "external_id", "external_url"):
        if name in out:
            out[name] = str(out[name]).strip()
            if len(out[name]) > _MAX_LENGTH.get(name, 500):
                raise ValidationError(f"{label(name)} is too long.")
    return out


def check_virtual(is_virtual: bool, meeting_url: str) -> None:
    if is_virtual and not meeting_url.strip():
        raise ValidationError("A virtual appointment needs a meeting link.")


def label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _money(name: str, value: Any) -> Decimal:
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError(f"{label(name)} must be a number.") from None
    if not amount.is_finite() or amount < 0:
        raise ValidationError(f"{label(name)} must be zero or more.")
    if amount >= Decimal("100000000"):
        raise ValidationError(f"{label(name)} is too large.")
    return amount.quantize(Decimal("0.01"))
