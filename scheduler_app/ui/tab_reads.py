"""What a tab shows (the Today board, the waitlist), read off the GUI thread.

A tab asks `TabReader.ask` with the question of the moment (its filters taken on
the GUI thread); the answer, or the words of a refusal, comes back on the GUI
thread as `ListsReader` gives them. One read at a time: asked again while a read is
on its way, that read's answer is dropped when it comes and the latest question is
asked at once, so reads do not pile up behind a slow server and an older answer
never replaces a newer one. While the server cannot be reached the question is
asked again every few seconds, until the tab is hidden (`stop`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from scheduler_app.ui.dialog_lists import ListsReader


class TabReader(ListsReader):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(lambda: None, parent)
        self._busy = False  # a read is on its way
        self._again = False  # asked again meanwhile: its answer is out of date

    def ask(self, question: Callable[[], object]) -> None:
        """Read ``question``'s answer on the worker (now, or once the read on its way
        is back)."""
        self._question = question
        self.start()

    def start(self) -> None:
        self._retry.stop()
        if self._busy:
            self._again = True
            return
        self._busy = True
        super().start()

    def stop(self) -> None:
        """Ask no more while the server cannot be reached (the tab is hidden)."""
        self._retry.stop()

    @property
    def busy(self) -> bool:
        return self._busy

    def _answered(self, outcome: object) -> None:
        self._busy = False
        if self._again:
            self._again = False
            self.start()
            return
        super()._answered(outcome)
