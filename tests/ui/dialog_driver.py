"""Filling in the desk's dialogs as a receptionist would (offscreen, no modal loop)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QWidget

from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.client_picker import NO_CLIENT
from scheduler_app.ui.details_dialog import DetailsDialog
from scheduler_app.ui.find_time_dialog import FindTimeDialog


def choose_client(dialog: BookingDialog, name: str | None = None) -> None:
    """Pick ``name`` in the client list, or the "no client" row when None."""
    if name is not None:
        dialog.client_search.setText(name)
    for row in range(dialog.client_list.count()):
        item = dialog.client_list.item(row)
        value = item.data(Qt.ItemDataRole.UserRole)
        if (name is None and value == NO_CLIENT) or (
            name is not None and value != NO_CLIENT and item.text().startswith(name)
        ):
            dialog.client_list.setCurrentRow(row)
            return
    raise AssertionError(f"no client row for {name!r}")


def press_book(dialog: BookingDialog) -> int:
    """Book as the dialog stands (what the Book button does); the dialog's result."""
    dialog.book_button.click()
    return dialog.result()


def answer_with(
    monkeypatch: pytest.MonkeyPatch, kind: type[QDialog], fill: Callable[[Any], None]
) -> list[Any]:
    """Every ``kind`` dialog opened is shown, filled in by ``fill`` (which presses what
    a person would press) and answers what it was left at; the dialogs are listed."""
    opened: list[Any] = []

    def run(dialog: QDialog) -> int:
        opened.append(dialog)
        dialog.show()
        fill(dialog)
        result = dialog.result()
        dialog.hide()
        return result

    monkeypatch.setattr(kind, "exec", run)
    return opened


def enter(field: QWidget) -> None:
    """Press Enter in ``field`` (in a dialog: its default button, Save)."""
    QTest.keyClick(field, Qt.Key.Key_Return)


def lists_in(
    dialog: BookingDialog | DetailsDialog | FindTimeDialog, timeout_s: float = 20.0
) -> None:
    """Wait until the booking, details or Find a time ``dialog`` has its lists (read on
    the worker), for the screenshot scripts, which run without the tests' fixtures."""
    deadline = time.monotonic() + timeout_s
    while dialog.lists is None:
        assert time.monotonic() < deadline, "the dialog's lists never came"
        QTest.qWait(10)
