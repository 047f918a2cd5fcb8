"""Shorter forms of a person's name for narrow columns (pure code, no Qt).

"Lea Santos" and "Lea Moreau" must stay apart when a column is narrow: the
surname is kept and the given names shrink to initials, before anything is
cut in the middle.
"""

from __future__ import annotations

from collections.abc import Callable

HONORIFICS = frozenset(
    {"dr", "dr.", "dra", "dra.", "prof", "prof.", "mr", "mrs", "ms", "sr", "sra"}
)


def shorter_forms(name: str) -> list[str]:
    """``name`` and its shorter forms, longest first: "Dr Ana Maria Silva",
    "Dr A. M. Silva", "A. M. Silva", "Silva"."""
    words = name.split()
    forms = [name.strip()]
    if len(words) < 2:
        return forms
    title = [words[0]] if words[0].casefold() in HONORIFICS and len(words) > 2 else []
    given, surname = words[len(title) : -1], words[-1]
    initials = [f"{w[0]}." for w in given if w]
    for form in (
        " ".join([*title, *initials, surname]),
        " ".join([*initials, surname]),
        surname,
    ):
        if form not in forms:
            forms.append(form)
    return forms


def fitted(
    name: str, width: float, measure: Callable[[str], float], elide: Callable[[str], str]
) -> str:
    """The longest form of ``name`` that fits ``width`` (``measure`` gives a text's
    width), down to the surname alone; else the initials form cut in the middle by
    ``elide``."""
    forms = shorter_forms(name)
    for form in forms:
        if measure(form) <= width:
            return form
    return elide(forms[-2] if len(forms) > 2 else forms[-1])


def initials(name: str) -> str:
    """ "AS" for "Dr Ana Silva" (for the narrowest columns; the tooltip names them)."""
    words = [w for w in name.split() if w.casefold() not in HONORIFICS]
    return "".join(w[0] for w in words[:3]).upper() or name[:2]
