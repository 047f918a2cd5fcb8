"""Bad input is refused at the services' door, the same way on both databases.

Every public method of a service class marked `@guarded` checks its arguments
before any SQL runs: numbers within what the databases store, text that can be
stored (no unpaired surrogates or NUL characters, not longer than its column),
times with a zone and within the years a schedule can hold. Requests (frozen
dataclasses) and changes (mappings) are checked field by field, under their own
names. A refusal is a `ValidationError` naming the field.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy import String

from scheduler_app.db.base import Base
from scheduler_app.errors import ValidationError

#: Integers every column holds on both databases (PostgreSQL's INTEGER).
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
#: Years a schedule holds (later arithmetic, such as the day after, stays in range).
FIRST_YEAR, LAST_YEAR = 1900, 2199
#: Text without a column of its own (notes, reasons, messages).
MAX_TEXT = 10_000
#: Rows a list may ask for at once.
MAX_ROWS = 10_000

#: Parameters named otherwise than the column they are stored in.
_ALIASES = {
    "text": "name",
    "search": "name",
    "sender": "mail_from",
    "url": "sms_url",
    "user": "smtp_user",
    "host": "smtp_host",
    "worker": "claimed_by",
    "error": "last_error",
}


def _column_lengths() -> dict[str, int]:
    """The longest String length of each column name across the models (a value too
    long for a shorter one of them is refused by the service that stores it)."""
    lengths: dict[str, int] = {}
    for table in Base.metadata.tables.values():
        for column in table.columns:
            length = getattr(column.type, "length", None)
            if isinstance(column.type, String) and length:
                lengths[column.name] = max(length, lengths.get(column.name, length))
    return lengths


_LENGTHS: dict[str, int] | None = None


def max_length(name: str) -> int:
    """How long a text called ``name`` may be."""
    global _LENGTHS
    if _LENGTHS is None:
        from scheduler_app.db import (  # noqa: F401  (their tables too)
            notification_models,
            rule_models,
            working_time_models,
        )

        _LENGTHS = _column_lengths()
    return _LENGTHS.get(_ALIASES.get(name, name), MAX_TEXT)


def label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def check_value(name: str, value: Any) -> None:
    """Raise `ValidationError` unless ``value`` (called ``name``) can be stored."""
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, int):
        if name == "limit" and not 1 <= value <= MAX_ROWS:
            raise ValidationError(f"Ask for 1 to {MAX_ROWS:,} rows at a time.", name)
        if not INT_MIN <= value <= INT_MAX:
            if name == "id" or name.endswith("_id"):
                what = name[:-3].replace("_", " ") if name != "id" else "record"
                raise ValidationError(f"There is no {what} with that number.", name)
            raise ValidationError(f"{label(name)} is out of range.", name)
    elif isinstance(value, Enum):
        return  # one of its own values
    elif isinstance(value, str):
        _check_text(name, value)
    elif isinstance(value, datetime):
        _check_moment(name, value)
    elif isinstance(value, date):
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise ValidationError(
                f"{label(name)} must be between {FIRST_YEAR} and {LAST_YEAR}.", name
            )
    elif isinstance(value, float | Decimal):
        if not Decimal(value).is_finite():
            raise ValidationError(f"{label(name)} must be a number.", name)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            check_value(field.name, getattr(value, field.name))
    elif isinstance(value, Mapping):
        for key, item in value.items():
            check_value(str(key), item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            check_value(name, item)


def _check_text(name: str, value: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            f"{label(name)} contains characters that cannot be stored; please retype it.", name
        ) from None
    if "\x00" in value:
        raise ValidationError(f"{label(name)} contains a NUL character; please retype it.", name)
    if len(value) > max_length(name):
        raise ValidationError(
            f"{label(name)} is too long ({max_length(name)} characters at most).", name
        )


def _check_moment(name: str, value: datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(
            f"{label(name)} has no time zone; the schedule cannot tell when it is.", name
        )
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(f"{label(name)} must be between {FIRST_YEAR} and {LAST_YEAR}.", name)


F = TypeVar("F", bound=Callable[..., Any])
C = TypeVar("C", bound=type)


def _guard(method: F) -> F:
    parameters = inspect.signature(method).parameters.values()
    if any(p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in parameters):
        raise TypeError(f"{method.__qualname__}: a service method names each argument")
    names = tuple(p.name for p in parameters)[1:]  # after self

    @functools.wraps(method)
    def guarded_method(*args: Any, **kwargs: Any) -> Any:
        # Straight from the arguments (binding them to the signature cost more than the
        # checks on the desk's hover path); a wrong call fails in the method itself.
        for name, value in zip(names, args[1:], strict=False):
            check_value(name, value)
        for name, value in kwargs.items():
            check_value(name, value)
        return method(*args, **kwargs)

    return guarded_method  # type: ignore[return-value]


def guarded(cls: C) -> C:
    """Check the arguments of every public method of the service class ``cls``."""
    for name, member in list(vars(cls).items()):
        if not name.startswith("_") and inspect.isfunction(member):
            setattr(cls, name, _guard(member))
    return cls
