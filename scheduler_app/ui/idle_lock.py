"""Locking the desk: after the clinic's idle minutes, or at once with Ctrl+L.

A locked window hides the schedule behind a panel that asks for the password of
the person signed in, or lets another staff member sign in (the window is then
made again for them: what they may do follows their role). Every menu entry
and shortcut waits while the desk is locked.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.errors import SchedulerError
from scheduler_app.services.staff import PasswordChangeRequiredError
from scheduler_app.ui.change_queue import saved_meanwhile
from scheduler_app.ui.i18n import translate
from scheduler_app.ui.sign_in_dialog import password_field

if TYPE_CHECKING:
    from scheduler_app.ui.main_window import MainWindow

#: What counts as someone using the desk.
ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


class LockPanel(QFrame):
    """What a locked window shows instead of the schedule."""

    def __init__(self, lock: IdleLock) -> None:
        super().__init__(lock.window)
        self.setObjectName("lock-panel")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#lock-panel { background: #eceff1; }")
        self._lock = lock
        self.title = QLabel(translate("IdleLock", "The schedule is locked"))
        font = self.title.font()
        font.setPointSize(font.pointSize() + 6)
        self.title.setFont(font)
        self.who = QLabel()
        self.password = password_field(translate("IdleLock", "Password"))
        self.password.returnPressed.connect(self.unlock)
        self.unlock_button = QPushButton(translate("IdleLock", "Unlock"))
        self.unlock_button.clicked.connect(self.unlock)
        self.other_title = QLabel(translate("IdleLock", "Or sign in as someone else:"))
        self.other_user = QLineEdit()
        self.other_user.setAccessibleName(translate("IdleLock", "Username"))
        self.other_password = password_field(translate("IdleLock", "Their password"))
        self.other_password.returnPressed.connect(self.switch)
        self.other_button = QPushButton(translate("IdleLock", "Sign in"))
        self.other_button.clicked.connect(self.switch)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b71c1c;")
        box = QWidget(self)
        box.setMaximumWidth(420)
        form = QFormLayout()
        form.addRow(translate("IdleLock", "Password:"), self.password)
        form.addRow("", self.unlock_button)
        other = QFormLayout()
        other.addRow(translate("IdleLock", "Username:"), self.other_user)
        other.addRow(translate("IdleLock", "Password:"), self.other_password)
        other.addRow("", self.other_button)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addWidget(self.who)
        inner.addLayout(form)
        inner.addSpacing(16)
        inner.addWidget(self.other_title)
        inner.addLayout(other)
        inner.addWidget(self.message)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def unlock(self) -> None:
        self._lock.try_unlock(None, self.password.text())

    def switch(self) -> None:
        self._lock.try_unlock(self.other_user.text(), self.other_password.text())


class IdleLock(QObject):
    """Watches the desk's use and locks its window when idle for ``minutes``."""

    def __init__(
        self,
        window: MainWindow,
        minutes: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        switched: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(window)
        self.window, self.minutes, self._clock = window, minutes, clock
        self._switched = switched or (lambda: window.settings_changed.emit())
        self.last_use = clock()
        self.locked = False
        self.panel: LockPanel | None = None
        self._waiting: list[QAction] = []
        self.timer = QTimer(self)
        self.timer.setInterval(5_000)
        self.timer.timeout.connect(self.check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        if minutes > 0:
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.locked and event.type() in ACTIVITY:
            self.last_use = self._clock()
        elif (
            self.locked
            and watched is self.window
            and event.type() == QEvent.Type.Resize
            and self.panel is not None
        ):
            self.panel.setGeometry(self.window.rect())  # the panel keeps covering it all
        return False

    def check(self) -> None:
        idle = self._clock() - self.last_use
        if not self.locked and self.minutes > 0 and idle >= self.minutes * 60:
            self.lock()

    def lock(self) -> None:
        """Hide the schedule and ask for the password."""
        if self.locked:
            return
        self.locked = True
        window = self.window
        self._waiting = [a for a in window.findChildren(QAction) if a.isEnabled()]
        for action in self._waiting:
            action.setEnabled(False)
        window.menuBar().setEnabled(False)
        central = window.centralWidget()
        if central is not None:
            central.hide()
        if self.panel is None:
            self.panel = LockPanel(self)
        person = window.services.context.desk.person
        name = person.display_name if person is not None else ""
        self.panel.who.setText(
            translate("IdleLock", "Signed in: {name}. Type your password to go on.").format(
                name=name
            )
        )
        self.panel.message.clear()
        self.panel.setGeometry(window.rect())
        self.panel.show()
        self.panel.raise_()
        self.panel.password.setFocus()

    def try_unlock(self, username: str | None, password: str) -> bool:
        """Unlock for the person signed in (``username`` None) or sign another in."""
        services = self.window.services
        person = services.context.desk.person
        name = username if username else (person.username if person is not None else "")
        before = services.actor_id
        try:
            saved_meanwhile(lambda: services.staff.sign_in(name, password))
        except PasswordChangeRequiredError:
            assert self.panel is not None
            self.panel.message.setText(
                translate(
                    "IdleLock",
                    "An administrator reset this password: sign in at the start of the "
                    "scheduler to choose a new one.",
                )
            )
            return False
        except SchedulerError as exc:
            assert self.panel is not None
            self.panel.message.setText(exc.message)
            self.panel.password.clear()
            self.panel.other_password.clear()
            return False
        self.unlock()
        if services.actor_id != before:
            self._switched()  # the window again, for what the new person may do
        return True

    def unlock(self) -> None:
        if not self.locked:
            return
        self.locked = False
        self.last_use = self._clock()
        if self.panel is not None:
            self.panel.password.clear()
            self.panel.other_user.clear()
            self.panel.other_password.clear()
            self.panel.hide()
        for action in self._waiting:
            action.setEnabled(True)
        self._waiting = []
        self.window.menuBar().setEnabled(True)
        central = self.window.centralWidget()
        if central is not None:
            central.show()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
