"""Lengths of time as people write them: "1 day, 2 hours", not "1440,120".

Reminder lead times are stored as minutes; the desk shows and reads them as
durations. Commas (or semicolons, or new lines) separate lead times; within one,
parts add up ("1 hour 30 minutes" is 90 minutes). Units are English or
Portuguese words or their short forms (d, h, min, w). Formatting uses the
largest unit that divides the length exactly ("26 hours", "90 minutes").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

MINUTE, HOUR, DAY, WEEK = 1, 60, 24 * 60, 7 * 24 * 60
#: Reminders go out at most 30 days before (the outbox plans no earlier ones).
MAX_LEAD_MINUTES = 30 * DAY

_UNITS = {
    WEEK: ("w", "wk", "wks", "week", "weeks", "sem", "semana", "semanas"),
    DAY: ("d", "day", "days", "dia", "dias"),
    HOUR: ("h", "hr", "hrs", "hour", "hours", "hora", "horas"),
    MINUTE: ("m", "min", "mins", "minute", "minutes", "minuto", "minutos"),
}
_WORDS = {word: size for size, words in _UNITS.items() for word in words}
_PART = re.compile(r"\s*(\d+)\s*([^\W\d_]*)")
_JOINING = {"and", "e"}  # "1 hour and 30 minutes"

#: How a unit is written, singular and plural: unit size -> (one, many).
Words = Mapping[int, tuple[str, str]]
ENGLISH: Words = {
    WEEK: ("week", "weeks"),
    DAY: ("day", "days"),
    HOUR: ("hour", "hours"),
    MINUTE: ("minute", "minutes"),
}


@dataclass(frozen=True)
class DurationError(ValueError):
    """``part`` of the text cannot be read as a length of time; ``kind`` says why:
    "unreadable", "no unit", "zero" or "too long"."""

    kind: str
    part: str

    def __str__(self) -> str:
        return english_problem(self)


def english_problem(error: DurationError) -> str:
    """The problem in English words (the desk words it in its own language)."""
    part = error.part
    if error.kind == "no unit":
        return f"“{part}”: say minutes, hours or days (e.g. {part} hours)."
    if error.kind == "zero":
        return f"“{part}” is no time at all: give a length such as 2 hours."
    if error.kind == "too long":
        return f"“{part}” is too long: reminders go out at most 30 days before."
    return f"“{part}” is not a length of time: write e.g. 1 day, 2 hours."


def parse_duration(text: str) -> int:
    """Minutes in ``text`` ("1 day 2 hours", "90 min", "1h30", "2:15")."""
    part = text.strip()
    clock = re.fullmatch(r"(\d+):([0-5]\d)", part)
    if clock:
        minutes = int(clock[1]) * HOUR + int(clock[2])
    else:
        lowered = " ".join(w for w in part.casefold().split() if w not in _JOINING)
        minutes, position, previous = 0, 0, None
        for match in _PART.finditer(lowered):
            if match.start() != position:
                break
            number, unit = int(match[1]), match[2]
            if unit:
                if unit not in _WORDS:
                    raise DurationError("unreadable", part)
                size = _WORDS[unit]
            elif previous == HOUR and match.end() == len(lowered):
                size = MINUTE  # "1h30"
            else:
                alone = previous is None and match.end() == len(lowered)
                raise DurationError("no unit" if alone else "unreadable", part)
            minutes += number * size
            previous, position = size, match.end()
        if previous is None or position != len(lowered):
            raise DurationError("unreadable", part)
    if minutes == 0:
        raise DurationError("zero", part)
    return minutes


def parse_lead_times(text: str) -> tuple[int, ...]:
    """The lead times in ``text``, in minutes, longest first, each once ("" is none)."""
    leads = set()
    for part in re.split(r"[,;\n]", text):
        if not part.strip():
            continue
        minutes = parse_duration(part)
        if minutes > MAX_LEAD_MINUTES:
            raise DurationError("too long", part.strip())
        leads.add(minutes)
    return tuple(sorted(leads, reverse=True))


def format_duration(minutes: int, words: Words = ENGLISH) -> str:
    """``minutes`` in the largest unit that divides it exactly: "1 day", "90 minutes"."""
    for size in (WEEK, DAY, HOUR, MINUTE):
        if minutes % size == 0:
            count = minutes // size
            one, many = words[size]
            return f"{count} {one if count == 1 else many}"
    raise AssertionError("every length is a whole number of minutes")


def format_lead_times(minutes: Iterable[int], words: Words = ENGLISH) -> str:
    """Lead times as the desk writes them: "1 day, 2 hours" (longest first)."""
    return ", ".join(format_duration(m, words) for m in sorted(set(minutes), reverse=True))


def stored_lead_times(text: str) -> tuple[int, ...]:
    """Lead times as stored ("1440,120"), longest first; what cannot be read is skipped."""
    leads = {int(p) for p in (part.strip() for part in text.split(",")) if p.isdigit()}
    return tuple(sorted((m for m in leads if 0 < m <= MAX_LEAD_MINUTES), reverse=True))


def storable_lead_times(minutes: Iterable[int]) -> str:
    """Lead times as stored: "1440,120"."""
    return ",".join(str(m) for m in sorted(set(minutes), reverse=True))
