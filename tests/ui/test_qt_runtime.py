"""The Qt binding itself must survive a day at the desk."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(int)


def test_emitting_signals_does_not_corrupt_reference_counts(qapp) -> None:
    """PySide6 6.12.0 dropped a reference to True on every emit(); on Python 3.11
    a few thousand emits later the process aborts. pyproject.toml excludes it."""
    emitter = _Emitter()
    received: list[int] = []
    emitter.changed.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(None)
    for i in range(2000):
        emitter.changed.emit(i)
    after = sys.getrefcount(True), sys.getrefcount(None)
    assert len(received) == 2000
    assert after[0] - before[0] >= 0 and after[1] - before[1] >= -5
