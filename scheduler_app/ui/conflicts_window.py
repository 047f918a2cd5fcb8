"""The Conflicts window: opened from the status bar's red count of open conflicts.

It lists the conflicts waiting to be resolved, most urgent first. For the chosen
conflict it shows the appointments it sets aside (a time conflict: the client's
appointments at the same time) and, for the chosen appointment, the places the
engine suggests (computed on a worker): a professional who could
take it at its own time, or the nearest free times. Accepting one (double-click
or "Accept") is a move like a drop in the calendar — decided again by the one
path, undoable with Ctrl+Z. A conflict can also be ignored with a reason, or
escalated to the managers (a message at their desks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.errors import SchedulerError
from scheduler_app.services.conflicts import ConflictView, Suggestion, WaitingAppointment
from scheduler_app.ui.background import BackgroundJob
from scheduler_app.ui.dialog_buttons import Button, dialog_buttons
from scheduler_app.ui.i18n import day_text, span_text, translate
from scheduler_app.ui.keyboard_order import follow_fields

if TYPE_CHECKING:
    from scheduler_app.ui.main_window import MainWindow

DataRole = Qt.ItemDataRole.UserRole
# A client booked in two places at once, confirmed at the desk (nothing set aside).
TIME_CONFLICT = "time_conflict"


def kind_label(kind: str) -> str:
    return {
        "double_booking": translate("Conflicts", "Double booking"),
        "resource_conflict": translate("Conflicts", "Resource conflict"),
        "team_conflict": translate("Conflicts", "Team conflict"),
        "time_conflict": translate("Conflicts", "Time conflict"),
        "location_conflict": translate("Conflicts", "Location conflict"),
        "capacity_exceeded": translate("Conflicts", "Capacity exceeded"),
    }.get(kind, kind)


def impact_label(impact: str) -> str:
    return {
        "low": translate("Conflicts", "Low"),
        "medium": translate("Conflicts", "Medium"),
        "high": translate("Conflicts", "High"),
        "critical": translate("Conflicts", "Critical"),
    }.get(impact, impact)


class _OpensOnClick(QObject):
    """A click on the status bar's count opens the Conflicts window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease:
            show_conflicts(self._window)
            return True
        return False


def attach(window: MainWindow) -> None:
    """Make the status bar's count of open conflicts open the Conflicts window."""
    badge = window.conflicts
    badge.setCursor(Qt.CursorShape.PointingHandCursor)
    badge.setToolTip(
        badge.toolTip()
        + "\n"
        + translate("Conflicts", "Click to see the conflicts and resolve them.")
    )
    badge.installEventFilter(_OpensOnClick(window))


def show_conflicts(window: MainWindow) -> ConflictsWindow:
    """The Conflicts window (one at a time), shown and read again."""
    shown = window.findChild(ConflictsWindow)
    if shown is None:
        shown = ConflictsWindow(window)
    shown.reload()
    shown.show()
    shown.raise_()
    shown.activateWindow()
    return shown


class ConflictsWindow(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle(translate("Conflicts", "Conflicts"))
        self.resize(1000, 620)
        self._window = window
        self._services = window.services
        self._tz = self._services.context.timezone
        self._job: BackgroundJob | None = None
        self.heading = QLabel()
        self.heading.setAccessibleName(translate("Conflicts", "Conflicts waiting"))
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.conflicts = QListWidget()
        self.conflicts.setAccessibleName(translate("Conflicts", "Conflicts, most urgent first"))
        self.conflicts.setWordWrap(True)
        self.conflicts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.conflicts.setSpacing(2)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setAccessibleName(translate("Conflicts", "About the conflict"))
        self.appointments = QListWidget()
        self.appointments.setAccessibleName(translate("Conflicts", "Appointments set aside"))
        self.suggestions = QListWidget()
        self.suggestions.setAccessibleName(translate("Conflicts", "Suggestions"))
        self.said = QLabel()
        self.said.setWordWrap(True)
        self.said.setAccessibleName(translate("Conflicts", "What was done"))
        self.accept_button = QPushButton(translate("Conflicts", "Accept suggestion"))
        self.ignore_button = QPushButton(translate("Conflicts", "Ignore…"))
        self.escalate_button = QPushButton(translate("Conflicts", "Escalate to a manager"))
        for button in (self.accept_button, self.ignore_button, self.escalate_button):
            button.setAutoDefault(False)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.conflicts, 1)
        right = QWidget()
        details = QVBoxLayout(right)
        details.setContentsMargins(0, 0, 0, 0)
        details.addWidget(self.about)
        self.appointments_label = QLabel(translate("Conflicts", "Waiting for a place"))
        details.addWidget(self.appointments_label)
        details.addWidget(self.appointments, 1)
        details.addWidget(
            QLabel(translate("Conflicts", "Suggested by the scheduler (double-click to accept)"))
        )
        details.addWidget(self.suggestions, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ignore_button)
        buttons.addWidget(self.escalate_button)
        details.addLayout(buttons)
        details.addWidget(self.said)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        close = dialog_buttons(self, accept=Button.Close, reject=Button.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(close)
        follow_fields(
            [
                self.conflicts,
                self.appointments,
                self.suggestions,
                self.accept_button,
                self.ignore_button,
                self.escalate_button,
                close,
            ]
        )
        self.conflicts.currentItemChanged.connect(lambda *_args: self._show_conflict())
        self.appointments.currentItemChanged.connect(lambda *_args: self._suggest())
        self.suggestions.currentItemChanged.connect(lambda *_args: self._enable())
        self.suggestions.itemDoubleClicked.connect(lambda _item: self.accept_suggestion())
        self.accept_button.clicked.connect(self.accept_suggestion)
        self.ignore_button.clicked.connect(self.ignore)
        self.escalate_button.clicked.connect(self.escalate)

    # -- reading -------------------------------------------------------------

    def reload(self, keep: int | None = None) -> None:
        """Read the conflicts again, keeping the one chosen if it is still there."""
        chosen = self.conflict()
        wanted = keep if keep is not None else (chosen.id if chosen else None)
        try:
            found = self._services.conflicts.unresolved()
        except SchedulerError as exc:
            self.heading.setText(exc.message)
            return
        self.conflicts.blockSignals(True)
        self.conflicts.clear()
        for conflict in found:
            item = QListWidgetItem(self._conflict_text(conflict))
            item.setData(DataRole, conflict)
            item.setToolTip(conflict.cause)
            self.conflicts.addItem(item)
        self.conflicts.blockSignals(False)
        self.heading.setText(
            translate("Conflicts", "No conflicts wait to be resolved.")
            if not found
            else translate("Conflicts", "1 conflict waits to be resolved.")
            if len(found) == 1
            else translate("Conflicts", "{count} conflicts wait to be resolved.").format(
                count=len(found)
            )
        )
        row = next((i for i, c in enumerate(found) if c.id == wanted), 0 if found else -1)
        self.conflicts.setCurrentRow(row)
        self._show_conflict()

    def _conflict_text(self, conflict: ConflictView) -> str:
        count = len(conflict.appointments)
        first = [impact_label(conflict.impact), kind_label(conflict.kind)]
        first.append(
            translate("Conflicts", "1 appointment")
            if count == 1
            else translate("Conflicts", "{count} appointments").format(count=count)
        )
        if conflict.status == "escalated":
            first.append(translate("Conflicts", "escalated"))
        return " · ".join(first) + "\n" + conflict.cause

    def conflict(self) -> ConflictView | None:
        item = self.conflicts.currentItem()
        found = item.data(DataRole) if item is not None else None
        return found if isinstance(found, ConflictView) else None

    def waiting(self) -> WaitingAppointment | None:
        item = self.appointments.currentItem()
        found = item.data(DataRole) if item is not None else None
        return found if isinstance(found, WaitingAppointment) else None

    def suggestion(self) -> Suggestion | None:
        item = self.suggestions.currentItem()
        found = item.data(DataRole) if item is not None else None
        return found if isinstance(found, Suggestion) else None

    def _show_conflict(self) -> None:
        conflict = self.conflict()
        self.appointments.blockSignals(True)
        self.appointments.clear()
        if conflict is None:
            self.about.setText("")
        else:
            created = conflict.created_at.astimezone(self._tz)
            lines = [
                translate("Conflicts", "{kind} · Impact: {impact}").format(
                    kind=kind_label(conflict.kind), impact=impact_label(conflict.impact)
                ),
                translate("Conflicts", "Cause: {cause}").format(cause=conflict.cause),
                translate(
                    "Conflicts", "Booked both by {who} on {day} (the desk confirmed it)"
                ).format(who=conflict.forced_by, day=day_text(created.date()))
                if conflict.kind == TIME_CONFLICT
                else translate("Conflicts", "Forced by {who} on {day}: “{reason}”").format(
                    who=conflict.forced_by, day=day_text(created.date()), reason=conflict.reason
                ),
            ]
            if conflict.status == "escalated":
                lines.append(
                    translate("Conflicts", "Escalated to the managers: {note}").format(
                        note=conflict.notes or "—"
                    )
                )
            self.about.setText("\n".join(lines))
            for appt in conflict.appointments:
                item = QListWidgetItem(self._appointment_text(appt))
                item.setData(DataRole, appt)
                self.appointments.addItem(item)
        self.appointments.blockSignals(False)
        self.appointments_label.setText(
            translate("Conflicts", "The client's appointments at the same time (move one apart)")
            if conflict is not None and conflict.kind == TIME_CONFLICT
            else translate("Conflicts", "Waiting for a place")
        )
        if self.appointments.count():
            self.appointments.setCurrentRow(0)
        self._suggest()

    def _appointment_text(self, appt: WaitingAppointment) -> str:
        start, end = appt.start.astimezone(self._tz), appt.end.astimezone(self._tz)
        who = appt.client_name or appt.title or translate("Conflicts", "No client")
        parts = [f"{day_text(start.date())} {span_text(start, end)}", who, appt.service_name]
        return " · ".join(p for p in parts if p)

    def _suggest(self) -> None:
        """Work out the places for the chosen appointment, on a worker."""
        self.suggestions.clear()
        self._enable()
        appt = self.waiting()
        if appt is None:
            return
        placeholder = QListWidgetItem(translate("Conflicts", "Looking for places…"))
        placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
        self.suggestions.addItem(placeholder)
        service = self._services.conflicts
        job = BackgroundJob(lambda _progress, _cancelled: service.suggestions(appt.id), self)
        job.finished.connect(lambda found, appt=appt: self._suggested(appt, found))
        job.failed.connect(self._not_suggested)
        self._job = job
        job.start()

    def _suggested(self, appt: WaitingAppointment, found: Any) -> None:
        if self.waiting() != appt:
            return  # another appointment was chosen meanwhile
        self.suggestions.clear()
        for suggestion in found:
            item = QListWidgetItem(self._suggestion_text(suggestion))
            item.setData(DataRole, suggestion)
            self.suggestions.addItem(item)
        if not found:
            empty = QListWidgetItem(
                translate("Conflicts", "No free place within two weeks: ignore or escalate.")
            )
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.suggestions.addItem(empty)
        else:
            self.suggestions.setCurrentRow(0)
        self._enable()

    def _not_suggested(self, message: str) -> None:
        self.suggestions.clear()
        self.said.setText(message)
        self._enable()

    def _suggestion_text(self, s: Suggestion) -> str:
        start, end = s.start.astimezone(self._tz), s.end.astimezone(self._tz)
        if not s.moved:
            return translate("Conflicts", "Give it to {name} (same time)").format(
                name=s.professional_name
            )
        return translate("Conflicts", "Move it to {day} {span} with {name}").format(
            day=day_text(start.date()), span=span_text(start, end), name=s.professional_name
        )

    def _enable(self) -> None:
        conflict = self.conflict()
        self.accept_button.setEnabled(self.suggestion() is not None)
        self.ignore_button.setEnabled(conflict is not None)
        self.escalate_button.setEnabled(conflict is not None and conflict.status != "escalated")

    # -- resolving -----------------------------------------------------------

    def accept_suggestion(self) -> None:
        """Move the appointment where suggested: a move like a drop in the calendar
        (decided again, undoable)."""
        s = self.suggestion()
        conflict = self.conflict()
        if s is None or conflict is None:
            return
        try:
            before = self._services.booking.get(s.appointment_id)
        except SchedulerError as exc:
            self.said.setText(exc.message)
            return
        self._window.desk.move(before, s.start, s.end, s.professional_id)
        after = self._services.booking.get(s.appointment_id)
        if after.conflict_id is None and (after.start, after.professional_id) == (
            s.start,
            s.professional_id,
        ):
            self.said.setText(self._suggestion_text(s) + " — " + translate("Conflicts", "done."))
        self.reload(conflict.id)

    def ignore(self) -> None:
        conflict = self.conflict()
        if conflict is None:
            return
        reason, given = QInputDialog.getText(
            self,
            translate("Conflicts", "Ignore the conflict"),
            translate(
                "Conflicts",
                "Why is it ignored? The client keeps both appointments at the same time.",
            )
            if conflict.kind == TIME_CONFLICT
            else translate(
                "Conflicts",
                "Why is it ignored? Its appointments stay without a professional "
                "until someone gives them a place.",
            ),
            QLineEdit.EchoMode.Normal,
        )
        if not given:
            return
        try:
            self._services.conflicts.ignore(self._services.actor_id, conflict.id, reason)
        except SchedulerError as exc:
            self.said.setText(exc.message)
            return
        self.said.setText(
            translate("Conflicts", "The conflict is ignored: {reason}").format(
                reason=reason.strip()
            )
        )
        self._changed()

    def escalate(self) -> None:
        conflict = self.conflict()
        if conflict is None:
            return
        try:
            told = self._services.conflicts.escalate(self._services.actor_id, conflict.id)
        except SchedulerError as exc:
            self.said.setText(exc.message)
            return
        self.said.setText(
            translate(
                "Conflicts", "Escalated to the managers ({count} told at their desks)."
            ).format(count=told)
        )
        self._changed()

    def _changed(self) -> None:
        self.reload()
        self._window.refresh()  # the status bar's count
