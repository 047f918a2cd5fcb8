"""Message templates with named placeholders, checked when saved, not when sent."""

from __future__ import annotations

import string
from collections.abc import Mapping

#: What a template may mention, with what it means (shown in the editor).
PLACEHOLDERS = {
    "client": "the client's name",
    "professional": "the professional's name (or 'our team')",
    "service": "the service booked",
    "date": "the day, e.g. Tue 03 Mar 2026",
    "time": "the start time, e.g. 10:30",
    "location": "where it takes place",
    "meeting_url": "the video link of a virtual appointment",
    "clinic": "the clinic's name",
    "until": "until when a freed time is held for the client, e.g. Tue 03 Mar 14:30",
}


class TemplateError(ValueError):
    """A template that would break later; the message is for the user."""


def check_template(text: str) -> None:
    """Refuse unknown placeholders, conversions, format specs and stray braces."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise TemplateError(
            f"The template has an unmatched brace ({exc}); write {{{{ or }}}} for a brace."
        ) from exc
    for _literal, field, spec, conversion in parts:
        if field is None:
            continue
        if field not in PLACEHOLDERS:
            known = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
            raise TemplateError(f"Unknown placeholder {{{field}}}. Available: {known}.")
        if spec or conversion:
            raise TemplateError(f"Write {{{field}}} without formatting options.")


def render(text: str, values: Mapping[str, str]) -> str:
    check_template(text)
    return text.format_map({name: values.get(name, "") for name in PLACEHOLDERS})
