"""Finding a client as the desk types: what is stored to search, and what is asked.

Each client keeps one search key: the name without case or accents, the e-mail
and the phone's digits ("joao silva joao@example.org 351912345678"). What is
typed is read the same way: a phone number (digits, whatever the spaces) is
looked for among the digits; words must each appear somewhere in the key
("silva jo" finds "João Silva"). One or two letters only match the start of
the name: that is what a person has typed so far, and it stays index-fast.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Longest search key (the column's length).
MAX_KEY = 500
#: Shorter than this, what is typed matches the start of the name.
MIN_ANYWHERE = 3
_PHONE = re.compile(r"[\d\s+().\-/]+")


def plain(text: str) -> str:
    """``text`` without case or accents ("João" -> "joao")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def search_key(name: str, email: str, phone: str) -> str:
    """What a client is found by."""
    words = " ".join(plain(name).split())
    return " ".join(p for p in (words, email.strip().casefold(), digits(phone)) if p)[:MAX_KEY]


@dataclass(frozen=True)
class Needle:
    """What was typed: each of ``parts`` appears in the key, or (``prefix``) the key
    starts with the one part."""

    parts: tuple[str, ...]
    prefix: bool = False


def needle(text: str) -> Needle | None:
    """What ``text`` asks for (None: nothing typed, every client)."""
    typed = text.strip()
    if not typed:
        return None
    if _PHONE.fullmatch(typed) and len(digits(typed)) >= MIN_ANYWHERE:
        return Needle((digits(typed),))
    words = tuple(plain(typed).split())
    if len("".join(words)) < MIN_ANYWHERE:
        return Needle((" ".join(words),), prefix=True)
    return Needle(words)
