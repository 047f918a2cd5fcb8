"""While the clinic's server cannot be reached: what was loaded stays, changes pause.

The days already read stay on screen, read-only, under a banner that says since
when ("Server unreachable — showing what was loaded at 10:42; changes are
paused"). A drag, a booking or a status change is refused with that sentence in
the status bar, nothing sent and nothing lost (a dropped block goes back home),
instead of a message box per attempt. The desk tries again by itself, reading the
period shown on the worker, ever less often (`BACKOFF_MS`); the first read that
answers clears the banner and shows what other desks changed meanwhile.

The server is known to be unreachable when a read or a change fails to reach it,
or when the change listener says so (`heard`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from scheduler_app.domain.localtime import day_bounds
from scheduler_app.ui.i18n import time_text, translate
from scheduler_app.ui.period_loader import PeriodContents

if TYPE_CHECKING:
    from scheduler_app.ui.main_window import MainWindow

#: How long the desk waits before each new try while the server is unreachable.
BACKOFF_MS = (1000, 2000, 4000, 8000, 15_000)
#: What a period never read shows while the server cannot be reached.
NOTHING = PeriodContents([], ())
BANNER_STYLE = "color: white; background: #c62828; padding: 6px 10px; font-weight: bold;"


class ServerWatch(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.down = False
        #: When the period shown was last read (None: not yet).
        self.loaded_at: datetime | None = None
        self._tries = 0
        #: The period the calendar shows (None: none yet).
        self._shown: tuple[datetime, datetime] | None = None
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._try_again)
        #: The desk's change actions, greyed out while the server cannot be reached
        #: (made when it first is: the window's actions exist by then).
        self._changes: QActionGroup | None = None
        self.banner = QLabel()
        self.banner.setObjectName("server-unreachable")
        self.banner.setAccessibleName(translate("ServerWatch", "Server connection"))
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.hide()
        _above_the_calendar(window, self.banner)
        window.loader.loaded.connect(self._loaded)
        window.loader.unreachable.connect(self._load_unreachable)
        desk = window.desk
        desk.paused = self.refusal
        desk.on_paused = self._say
        desk.on_unreachable = self.went_down

    def refusal(self) -> str:
        """Why changes are refused now ("" while the server answers)."""
        return self.banner.text() if self.down else ""

    @Slot(str)
    def went_down(self, detail: str) -> None:
        """A read or a change could not reach the server: mark it, and try again later."""
        if self.down:
            return
        self.down = True
        self._tries = 0
        self._mark(self.loaded_at)
        self._pause_actions(True)
        again = translate("ServerWatch", "The desk tries again by itself and reloads then.")
        self.banner.setToolTip(f"{detail}\n{again}")
        self.banner.show()
        self._say(self.banner.text())
        self._schedule()

    def _mark(self, loaded_at: datetime | None) -> None:
        if loaded_at is None:
            text = translate(
                "ServerWatch",
                "Server unreachable — this period was not loaded before; changes are paused.",
            )
        else:
            text = translate(
                "ServerWatch",
                "Server unreachable — showing what was loaded at {time}; changes are paused.",
            ).format(time=time_text(loaded_at.astimezone(self.window.services.context.timezone)))
        self.banner.setText(text)

    def _pause_actions(self, paused: bool) -> None:
        """Grey out booking, Find a time, Details and the status changes while changes
        are paused; when the server answers they are as the selection makes them. (In
        a group: whatever the selection asks meanwhile, they stay greyed out.)"""
        if self._changes is None:
            window = self.window
            self._changes = QActionGroup(self)
            self._changes.setExclusionPolicy(QActionGroup.ExclusionPolicy.None_)
            for action in (
                window.book_action,
                window.find_time_action,
                window.edit_action,
                *window.status_actions.values(),
            ):
                if action.actionGroup() is None:  # a read-only desk's are greyed for good
                    self._changes.addAction(action)
        self._changes.setEnabled(not paused)

    def listener_says(self, reachable: bool, message: str) -> None:
        """The change listener's news: the status bar's lasting mark, and the banner."""
        window = self.window
        self.heard(reachable, message)
        if reachable:
            window.connection.hide()
            back = translate("MainWindow", "Database reachable again.")
            window.statusBar().showMessage(back, 5000)
            window.refresh()
        else:
            window.connection.setText(translate("MainWindow", "Database unreachable"))
            window.connection.setToolTip(message)
            window.connection.show()

    def heard(self, reachable: bool, message: str) -> None:
        """What the change listener found: unreachable, or answering again."""
        if not reachable:
            self.went_down(message)
        elif self.down:
            self._retry.start(0)

    def _say(self, why: str) -> None:
        self.window.statusBar().showMessage(why, 10_000)

    def _schedule(self) -> None:
        self._retry.start(BACKOFF_MS[min(self._tries, len(BACKOFF_MS) - 1)])
        self._tries += 1

    @Slot()
    def _try_again(self) -> None:
        """Read the period shown again, on the worker (its answer clears the mark)."""
        window = self.window
        if window.tabs.currentWidget() is not window.today_tab:
            window.refresh()
            return
        period, tz = window.period, window.services.context.timezone
        window.loader.load(day_bounds(period.first, tz)[0], day_bounds(period.last, tz)[1])

    @Slot(int, object)
    def _loaded(self, number: int, _contents: PeriodContents) -> None:
        loader = self.window.loader
        if number != loader.latest:
            return
        self.loaded_at = self.window.services.context.now()
        self._shown = loader.bounds(number)
        if self.down:
            self.down = False
            self._retry.stop()
            self.banner.hide()
            self._pause_actions(False)
            back = translate("ServerWatch", "The server answers again: the schedule is current.")
            self._say(back)

    @Slot(int, str)
    def _load_unreachable(self, number: int, message: str) -> None:
        loader = self.window.loader
        if number != loader.latest:
            return
        if self.down:
            self._schedule()  # still unreachable: the next try a little later
        else:
            self.went_down(message)
        bounds = loader.bounds(number)
        if bounds is None or bounds == self._shown:
            return  # what is shown is that period already
        # Another day or view was asked for: what this desk read of it before, if
        # anything (never the day shown before under another date).
        self._shown = bounds
        loaded_at, contents = loader.kept.get(bounds, (None, NOTHING))
        self.loaded_at = loaded_at
        self.window.show_kept(number, contents)
        self._mark(loaded_at)
        if loaded_at is None:
            self.window.summary.setText(translate("ServerWatch", "Not loaded"))


def _above_the_calendar(window: MainWindow, banner: QLabel) -> None:
    """Put ``banner`` above the window's central widget (the calendar's tabs)."""
    central = window.takeCentralWidget()
    assert central is not None  # the tabs, built before
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(banner)
    layout.addWidget(central)
    window.setCentralWidget(box)
