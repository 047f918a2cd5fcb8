"""Colours for professionals and services that stay apart, however many there are.

The first six are picked by hand; each later one is, of a grid of mid-dark
colours, the one farthest (CIE ΔE) from all before it, so the palette stays
apart past six: at least 24 ΔE between any two of its first 24 colours.
`suggest` gives the palette colour farthest from those in use.
Every colour is dark enough to be lightened behind dark text (the calendar
fills blocks with a lighter shade).
"""

from __future__ import annotations

import colorsys
import math
from collections.abc import Iterable
from functools import cache

#: The first six, picked by hand.
SEED = ("#3f7fbf", "#d9822b", "#3f9a5a", "#c0504d", "#8064a2", "#2a9d9a")
#: How many colours the palette holds before it starts again.
SIZE = 64


def _candidates() -> list[str]:
    """Mid-dark colours (lightened, they stay behind dark text): 36 hues, 3 lightnesses,
    3 saturations."""
    found = []
    for hue in range(36):
        for lightness in (0.36, 0.44, 0.52):
            for saturation in (0.45, 0.6, 0.72):
                r, g, b = colorsys.hls_to_rgb(hue / 36, lightness, saturation)
                found.append(f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}")
    return found


@cache
def _sequence() -> tuple[str, ...]:
    """The seed, then each time the candidate farthest from every colour before it."""
    chosen = list(SEED)
    nearest = {c: min(distance(lab(c), lab(s)) for s in chosen) for c in _candidates()}
    while len(chosen) < SIZE:
        best = max(nearest, key=lambda c: nearest[c])
        chosen.append(best)
        best_lab = lab(best)
        for color in nearest:
            nearest[color] = min(nearest[color], distance(lab(color), best_lab))
    return tuple(chosen)


def palette_color(index: int) -> str:
    """The ``index``-th colour of the palette (from 0)."""
    return _sequence()[index % SIZE]


def suggest(used: Iterable[str], apart: float = 20.0) -> str:
    """A colour for one more professional or service: the first palette colour at
    least ``apart`` (ΔE) from every colour in ``used``, else the farthest one."""
    taken = [lab(c.lower()) for c in used if _is_color(c)]

    def nearest(color: str) -> float:
        return min((distance(lab(color), other) for other in taken), default=math.inf)

    return next((c for c in _sequence() if nearest(c) >= apart), max(_sequence(), key=nearest))


def _is_color(text: str) -> bool:
    return len(text) == 7 and text.startswith("#")


def lab(color: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of "#rrggbb"."""
    rgb = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    r, g, b = linear
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def distance(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """How far apart two colours look (CIE76 ΔE)."""
    return math.dist(a, b)
