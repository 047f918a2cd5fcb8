"""What the clinic's list dialogs (Services, Rooms and equipment, Teams) share: the
line under the list where a refused change says why, and a change saved at once
followed by the list read again with the same row chosen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import QLabel

from scheduler_app.errors import SchedulerError


class ListDialog(Protocol):
    message: QLabel
    changed: bool

    def load(self, select: int | None = None) -> None: ...


def problem_line(name: str) -> QLabel:
    """The line where a refused change says why (``name``: for a screen reader)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #b71c1c;")
    label.setAccessibleName(name)
    return label


def change_and_reload(dialog: ListDialog, change: Callable[[], object], select: int) -> None:
    """Save ``change``; the list is read again with ``select`` chosen, and a refusal
    is said under it (nothing else changes)."""
    try:
        change()
    except SchedulerError as exc:
        dialog.message.setText(exc.message)
        dialog.load(select)
        return
    dialog.message.clear()
    dialog.changed = True
    dialog.load(select)
