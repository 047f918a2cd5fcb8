"""Clinic > Working time: professionals' weekly plans, dated days, time off and the
clinic's public holidays, in one dialog with a tab for each.

Every service call runs off the GUI thread (`BackgroundJob`); while one runs the
dialog says so and waits. A change that takes working time away is decided
exactly before anything is saved: if it would leave appointments without a
professional, nothing is saved and the dialog lists them; the manager then
changes what they typed, or saves anyway with a reason, and those appointments
are recorded as a conflict to resolve.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.services.availability import StrandingError
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import ProfessionalView
from scheduler_app.services.working_time import Lowered
from scheduler_app.ui.background import BackgroundJob
from scheduler_app.ui.dialog_buttons import Button, dialog_buttons
from scheduler_app.ui.i18n import translate

BAD = "color: #b71c1c;"
GOOD = "color: #1b5e20;"


@dataclass(frozen=True)
class _Stranded:
    """A change refused because it strands appointments (returned, not raised, by
    the worker so the list reaches the dialog)."""

    message: str
    stranded: tuple[str, ...]
    count: int


def lowered_text(done: Lowered) -> str:
    """What a saved change that took working time away did, in words."""
    text = translate("WorkingTimeDialog", "Saved.")
    if done.unassigned:
        text += " " + translate(
            "WorkingTimeDialog", "{count} appointments now wait for another professional."
        ).format(count=done.unassigned)
    if done.set_aside:
        text += " " + translate("WorkingTimeDialog", "{count} recorded as a conflict.").format(
            count=done.set_aside
        )
    return text


class Stranding(QWidget):
    """What a refused change would strand, and the manager's way to save it anyway."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet(BAD)
        self.heading.setAccessibleName(translate("WorkingTimeDialog", "Why it was not saved"))
        self.list = QListWidget()
        self.list.setAccessibleName(
            translate("WorkingTimeDialog", "Appointments it would leave without a professional")
        )
        self.list.setMaximumHeight(130)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(
            translate("WorkingTimeDialog", "Why it cannot wait (recorded with the conflict)")
        )
        self.reason.setAccessibleName(translate("WorkingTimeDialog", "Reason to save anyway"))
        self.force = QPushButton(
            translate("WorkingTimeDialog", "Save anyway and record a conflict")
        )
        self.force.setAutoDefault(False)
        self.force.setEnabled(False)
        self.reason.textChanged.connect(lambda text: self.force.setEnabled(bool(text.strip())))
        row = QHBoxLayout()
        row.addWidget(self.reason, 1)
        row.addWidget(self.force)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.hide()

    def show_refusal(self, refused: _Stranded) -> None:
        self.heading.setText(refused.message.partition("\n")[0])
        self.list.clear()
        self.list.addItems(list(refused.stranded))
        if refused.count > len(refused.stranded):
            self.list.addItem(
                translate("WorkingTimeDialog", "... and {count} more").format(
                    count=refused.count - len(refused.stranded)
                )
            )
        self.reason.clear()
        self.show()

    def items(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]


class WorkingTimeDialog(QDialog):
    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        professional_id: int | None = None,
    ) -> None:
        from scheduler_app.ui.schedule_templates_tab import TemplatesTab
        from scheduler_app.ui.time_off_tab import TimeOffTab
        from scheduler_app.ui.working_time_tabs import DaysTab, HolidaysTab, PlanTab

        super().__init__(parent)
        self.setWindowTitle(translate("WorkingTimeDialog", "Working time"))
        self.services = services
        #: Something was saved (the calendar reads its period again).
        self.changed = False
        #: Working time the saved changes added (the waitlist looks for who waits).
        self.added: list[tuple[datetime, datetime, int | None]] = []
        self._jobs: list[BackgroundJob] = []
        self._retry: Callable[[str], Callable[[], Any]] | None = None
        self._after: Callable[[Any], None] | None = None
        self._refused: Callable[[], None] | None = None
        self._wanted = professional_id
        self.professionals: list[ProfessionalView] = []
        self.who = QComboBox()
        self.who.setAccessibleName(translate("WorkingTimeDialog", "Professional"))
        self.who.setMinimumWidth(220)
        self.busy = QLabel()
        self.busy.setAccessibleName(translate("WorkingTimeDialog", "Working"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(translate("WorkingTimeDialog", "What happened"))
        self.stranding = Stranding()
        self.stranding.force.clicked.connect(self._force)
        self.plan = PlanTab(self)
        self.days = DaysTab(self)
        self.time_off = TimeOffTab(self)
        self.holidays = HolidaysTab(self)
        self.templates = TemplatesTab(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.plan, translate("WorkingTimeDialog", "Weekly plan"))
        self.tabs.addTab(self.days, translate("WorkingTimeDialog", "Dated days"))
        self.tabs.addTab(self.time_off, translate("WorkingTimeDialog", "Time off and closures"))
        self.tabs.addTab(self.holidays, translate("WorkingTimeDialog", "Public holidays"))
        self.tabs.addTab(self.templates, translate("WorkingTimeDialog", "Templates"))
        self.tabs.currentChanged.connect(lambda _index: self._tab_changed())
        top = QHBoxLayout()
        self.who_label = QLabel(translate("WorkingTimeDialog", "Professional"))
        top.addWidget(self.who_label)
        top.addWidget(self.who)
        top.addStretch(1)
        top.addWidget(self.busy)
        close = dialog_buttons(self, accept=Button.Close, reject=Button.Close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.stranding)
        layout.addWidget(close)
        self.resize(820, 600)
        self.who.currentIndexChanged.connect(lambda _index: self._professional_changed())
        self.run(lambda: self.services.directory.professionals(), self._got_professionals)

    # -- the professional chosen at the top ------------------------------------

    @property
    def professional_id(self) -> int | None:
        found: int | None = self.who.currentData()
        return found

    def _got_professionals(self, found: list[ProfessionalView]) -> None:
        self.professionals = list(found)
        self.who.blockSignals(True)
        self.who.clear()
        for prof in found:
            self.who.addItem(prof.name, prof.id)
        index = self.who.findData(self._wanted) if self._wanted is not None else 0
        self.who.setCurrentIndex(max(0, index))
        self.who.blockSignals(False)
        self.time_off.set_professionals(found)
        self.templates.set_professionals(found)
        self._professional_changed()
        self.time_off.load()
        self.holidays.load()
        self.templates.load()

    def _professional_changed(self) -> None:
        self.stranding.hide()
        self.plan.load()
        self.days.load()

    def _tab_changed(self) -> None:
        """The professional chosen at the top is the plan's and the dated days'
        (time off names its own; holidays are the clinic's)."""
        theirs = self.tabs.currentWidget() in (self.plan, self.days)
        self.who.setVisible(theirs)
        self.who_label.setVisible(theirs)

    # -- service calls off the GUI thread ---------------------------------------

    @property
    def working(self) -> bool:
        """A service call is under way (until its answer has been shown)."""
        return bool(self._jobs)

    def run(self, call: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """``call`` a service on the thread pool; ``done`` gets its result on the GUI
        thread (a refusal is shown in the dialog instead)."""

        def work(_progress: object, _cancelled: object) -> Any:
            try:
                return call()
            except StrandingError as exc:
                return _Stranded(exc.message, exc.stranded, exc.count)

        job = BackgroundJob(work, self)
        self._jobs.append(job)
        job.finished.connect(lambda result: self._finished(job, result, done))
        job.failed.connect(lambda message: self._failed(job, message))
        job.crashed.connect(lambda: self._ended(job))  # a bug: the crash dialog says it
        self.busy.setText(translate("WorkingTimeDialog", "Working..."))
        self.tabs.setEnabled(False)
        job.start()

    def _ended(self, job: BackgroundJob) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
        if not self.working:
            self.busy.setText("")
            self.tabs.setEnabled(True)

    def _finished(self, job: BackgroundJob, result: Any, done: Callable[[Any], None]) -> None:
        self._ended(job)
        if isinstance(result, _Stranded):
            self.say("")
            self.stranding.show_refusal(result)
            self._refusal_seen()
            return
        done(result)

    def _failed(self, job: BackgroundJob, message: str) -> None:
        self._ended(job)
        self.say(message, bad=True)
        self._refusal_seen()

    def _refusal_seen(self) -> None:
        refused, self._refused = self._refused, None
        if refused is not None:
            refused()

    def decide(
        self,
        change: Callable[[str], Lowered],
        after: Callable[[Lowered], None] | None = None,
        *,
        refused: Callable[[], None] | None = None,
    ) -> None:
        """Save a change that may take working time away: ``change(force_reason)``.
        Refused, the stranded appointments are listed (and ``refused`` runs) and
        "Save anyway" repeats it with the reason typed."""
        self.stranding.hide()
        self._retry = lambda reason: lambda: change(reason)
        self._after, self._refused = after, refused
        self.run(lambda: change(""), self._lowered)

    def _force(self) -> None:
        if self._retry is None:
            return
        reason = self.stranding.reason.text()
        self.stranding.hide()
        self.run(self._retry(reason), self._lowered)

    def _lowered(self, done: Lowered) -> None:
        self.changed = True
        self.added.extend(done.added)
        self._retry = None
        self.say(lowered_text(done))
        if self._after is not None:
            self._after(done)

    def saved(self, _result: object = None) -> None:
        """A change that adds working time (never refused) was saved."""
        self.changed = True
        self.say(translate("WorkingTimeDialog", "Saved."))

    def say(self, text: str, *, bad: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(BAD if bad else GOOD)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
