"""Tab goes through a dialog's fields in the order they are shown."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtWidgets import QWidget


def follow_fields(widgets: Sequence[QWidget]) -> None:
    """Tab moves from each of ``widgets`` to the next (Shift+Tab back)."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)
