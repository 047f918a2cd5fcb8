"""Clinic > Professionals: who works here, in the order of the calendar's columns.

Add and edit (name, title, colour) in `ProfessionalEditor`; move up and down;
retire through the one decision a professional leaving takes (`LeaveDialog`:
refused with the appointments it would strand, or forced by the manager with a
reason), and take back one who left.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import ProfessionalView
from scheduler_app.ui.dialog_buttons import Button, dialog_buttons
from scheduler_app.ui.i18n import day_year_text, translate
from scheduler_app.ui.leave_dialog import LeaveDialog
from scheduler_app.ui.services_dialog import swatch
from scheduler_app.ui.setup_dialogs import ProfessionalEditor
from scheduler_app.ui.working_time_dialog import WorkingTimeDialog

IdRole = Qt.ItemDataRole.UserRole


class ProfessionalsDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ProfessionalsDialog", "Professionals"))
        self.resize(620, 460)
        self._services = services
        self.changed = False
        #: Working time added meanwhile (see `WorkingTimeDialog.added`).
        self.added: list[tuple[datetime, datetime, int | None]] = []
        #: What the last retirement did (shown in the window's status bar).
        self.departure_text = ""
        self.list = QListWidget()
        self.list.setAccessibleName(
            translate("ProfessionalsDialog", "Professionals, in the calendar's column order")
        )
        self.list.itemActivated.connect(lambda _item: self.edit())
        self.add_button = QPushButton(translate("ProfessionalsDialog", "Add..."))
        self.edit_button = QPushButton(translate("ProfessionalsDialog", "Edit..."))
        self.retire_button = QPushButton(translate("ProfessionalsDialog", "Retire..."))
        self.hours_button = QPushButton(translate("ProfessionalsDialog", "Working time..."))
        self.back_button = QPushButton(translate("ProfessionalsDialog", "Take back"))
        self.up_button = QPushButton(translate("ProfessionalsDialog", "Move up"))
        self.down_button = QPushButton(translate("ProfessionalsDialog", "Move down"))
        self.back_button.setToolTip(
            translate("ProfessionalsDialog", "Takes appointments again, with no end")
        )
        self.up_button.setToolTip(translate("ProfessionalsDialog", "Move up (Alt+Up)"))
        self.down_button.setToolTip(translate("ProfessionalsDialog", "Move down (Alt+Down)"))
        for button, slot in (
            (self.add_button, self.add),
            (self.edit_button, self.edit),
            (self.retire_button, self.retire),
            (self.hours_button, self.working_time),
            (self.back_button, self.take_back),
            (self.up_button, lambda: self.move_by(-1)),
            (self.down_button, lambda: self.move_by(1)),
        ):
            button.clicked.connect(slot)
            button.setAccessibleName(button.text().rstrip("."))
            button.setAutoDefault(False)
        QShortcut(QKeySequence("Alt+Up"), self, lambda: self.move_by(-1))
        QShortcut(QKeySequence("Alt+Down"), self, lambda: self.move_by(1))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(translate("ProfessionalsDialog", "What happened"))
        side = QVBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.retire_button,
            self.back_button,
            self.hours_button,
            self.up_button,
            self.down_button,
        ):
            side.addWidget(button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        close = dialog_buttons(self, accept=Button.Close, reject=Button.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                translate(
                    "ProfessionalsDialog",
                    "The calendar shows one column per professional, in this order.",
                )
            )
        )
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.load()

    def load(self, select: int | None = None) -> None:
        try:
            found = self._services.directory.professionals(include_inactive=True)
        except SchedulerError as exc:
            self._say(exc.message, bad=True)
            return
        self.list.clear()
        now = self._services.context.now()
        tz = self._services.context.timezone
        for prof in found:
            text = f"{prof.name} · {prof.title}" if prof.title else prof.name
            gone = prof.available_until is not None and prof.available_until <= now
            if not prof.is_active or gone:
                text += " " + translate("ProfessionalsDialog", "(left)")
            elif prof.available_until is not None:
                last = prof.available_until.astimezone(tz)
                text += " " + translate("ProfessionalsDialog", "(leaves on {day})").format(
                    day=day_year_text(last.date())
                )
            item = QListWidgetItem(swatch(prof.color), text)
            item.setData(IdRole, prof)
            if not prof.is_active or gone:
                item.setForeground(QColor("#5f6368"))
            self.list.addItem(item)
        ids = [p.id for p in found]
        self.list.setCurrentRow(ids.index(select) if select in ids else (0 if ids else -1))
        self._update_buttons()

    def current(self) -> ProfessionalView | None:
        item = self.list.currentItem()
        found: ProfessionalView | None = item.data(IdRole) if item is not None else None
        return found

    def _leaving(self, prof: ProfessionalView | None) -> bool:
        """Left, or leaving on a set day (taking them back clears it)."""
        return prof is not None and (not prof.is_active or prof.available_until is not None)

    def _update_buttons(self) -> None:
        chosen = self.current()
        row, count = self.list.currentRow(), self.list.count()
        self.edit_button.setEnabled(chosen is not None)
        self.retire_button.setEnabled(chosen is not None and chosen.is_active)
        self.hours_button.setEnabled(chosen is not None and chosen.is_active)
        self.back_button.setEnabled(self._leaving(chosen))
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    def _editor(self, professional: ProfessionalView | None) -> ProfessionalView | None:
        editor = ProfessionalEditor(self._services, professional, self)
        if editor.exec() != QDialog.DialogCode.Accepted or editor.saved is None:
            return None
        self.changed = True
        self.load(editor.saved.id)
        return editor.saved

    def add(self) -> ProfessionalView | None:
        return self._editor(None)

    def edit(self) -> ProfessionalView | None:
        chosen = self.current()
        return self._editor(chosen) if chosen is not None else None

    def retire(self) -> None:
        """The professional leaves, decided exactly (see `LeaveDialog`)."""
        chosen = self.current()
        if chosen is None:
            return
        dialog = LeaveDialog(self._services, self)
        dialog.who.setCurrentIndex(max(0, dialog.who.findData(chosen.id)))
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.departure is None:
            return
        gone = dialog.departure
        text = translate(
            "ProfessionalsDialog",
            "{name} leaves: {count} of their appointments wait for another professional.",
        ).format(name=gone.professional.name, count=gone.unassigned)
        if gone.set_aside:
            text += " " + translate(
                "ProfessionalsDialog", "{count} recorded as a conflict."
            ).format(count=gone.set_aside)
        self.departure_text = text
        self.changed = True
        self._say(text)
        self.load(chosen.id)

    def working_time(self) -> None:
        """The chosen professional's weekly plan, days and time off (see
        `WorkingTimeDialog`)."""
        chosen = self.current()
        if chosen is None:
            return
        dialog = WorkingTimeDialog(self._services, self, chosen.id)
        dialog.exec()
        self.changed = self.changed or dialog.changed
        self.added.extend(dialog.added)

    def take_back(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        self._run(
            lambda: self._services.professionals.come_back(self._services.actor_id, chosen.id),
            chosen.id,
        )

    def move_by(self, step: int) -> None:
        chosen, row = self.current(), self.list.currentRow()
        ids = [self.list.item(r).data(IdRole).id for r in range(self.list.count())]
        if chosen is None or not 0 <= row + step < len(ids):
            return
        ids[row], ids[row + step] = ids[row + step], ids[row]
        self._run(
            lambda: self._services.directory.reorder_professionals(self._services.actor_id, ids),
            chosen.id,
        )

    def _run(self, change: Callable[[], object], select: int) -> None:
        try:
            change()
        except SchedulerError as exc:
            self._say(exc.message, bad=True)
            self.load(select)
            return
        self._say("")
        self.changed = True
        self.load(select)

    def _say(self, text: str, *, bad: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b71c1c;" if bad else "color: #1b5e20;")
