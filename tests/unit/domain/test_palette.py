"""The professionals' and services' palette stays distinct past six colours."""

from __future__ import annotations

import itertools

from scheduler_app.domain.palette import SEED, distance, lab, palette_color, suggest


def _closest(colors: list[str]) -> float:
    return min(distance(lab(a), lab(b)) for a, b in itertools.combinations(colors, 2))


def test_the_first_colours_are_the_hand_picked_ones() -> None:
    assert [palette_color(i) for i in range(6)] == list(SEED)


def test_two_dozen_colours_stay_clearly_apart() -> None:
    # CIE76 ΔE: about 2.3 is the smallest difference seen; 20+ is "another colour".
    assert _closest([palette_color(i) for i in range(12)]) > 24
    assert _closest([palette_color(i) for i in range(24)]) > 23
    assert len({palette_color(i) for i in range(24)}) == 24


def test_a_suggestion_keeps_away_from_the_colours_in_use() -> None:
    used: list[str] = []
    for _ in range(20):
        used.append(suggest(used))
    assert used[:6] == list(SEED)
    assert _closest(used) > 18
    chosen = ["#ff0000", "#0000ff"]  # colours picked by hand
    assert min(distance(lab(suggest(chosen)), lab(c)) for c in chosen) > 20
