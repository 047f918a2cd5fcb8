"""The desk's main window: a day at a time, with the status actions of the desk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

from PySide6.QtCore import QDate, Slot
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTableView,
    QToolBar,
    QWidget,
)

from scheduler_app.domain.status import AppointmentStatus, can_transition
from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import AppointmentView
from scheduler_app.ui.appointment_model import AppointmentTableModel
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.commands import BookCommand, StatusCommand

S = AppointmentStatus


class MainWindow(QMainWindow):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        org = services.directory.organization()
        self.setWindowTitle(f"{org.name} - Scheduler")
        self.resize(1100, 720)
        self.undo_stack = QUndoStack(self)
        self.model = AppointmentTableModel(services.context.timezone, self)
        self.day = services.context.now().astimezone(services.context.timezone).date()

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Appointments of the day")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.table.doubleClicked.connect(lambda _index: self._update_actions())
        self.setCentralWidget(self.table)

        self.date_edit = QDateEdit(QDate(self.day.year, self.day.month, self.day.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.setAccessibleName("Day shown")
        self.date_edit.dateChanged.connect(self._date_edited)
        self.summary = QLabel()
        self.statusBar().addPermanentWidget(self.summary)

        self.status_actions: dict[AppointmentStatus, QAction] = {}
        self._build_toolbar()
        self.refresh()

    # -- building ------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], None],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _build_toolbar(self) -> None:
        nav = QToolBar("Navigation")
        nav.setObjectName("navigation")
        self.addToolBar(nav)
        nav.addAction(
            self._action(
                "Previous",
                lambda: self.show_day(self.day - timedelta(1)),
                QKeySequence.StandardKey.MoveToPreviousPage,
            )
        )
        nav.addAction(self._action("Today", self.show_today, "T"))
        nav.addAction(
            self._action(
                "Next",
                lambda: self.show_day(self.day + timedelta(1)),
                QKeySequence.StandardKey.MoveToNextPage,
            )
        )
        nav.addWidget(self.date_edit)

        desk = QToolBar("Appointment")
        desk.setObjectName("appointment")
        self.addToolBar(desk)
        self.book_action = self._action("Book...", self.book, QKeySequence.StandardKey.New)
        desk.addAction(self.book_action)
        for target, label in (
            (S.CONFIRMED, "Confirm"),
            (S.CHECKED_IN, "Check in"),
            (S.COMPLETED, "Complete"),
            (S.NO_SHOW, "No-show"),
            (S.CANCELLED, "Cancel..."),
            (S.PENDING, "Restore"),
        ):
            action = self._action(label, partial(self.change_status, target))
            self.status_actions[target] = action
            desk.addAction(action)
        self.status_actions[S.CANCELLED].setShortcut(QKeySequence.StandardKey.Delete)
        desk.addSeparator()
        undo = self.undo_stack.createUndoAction(self, "Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        desk.addAction(undo)
        desk.addAction(redo)
        self.undo_stack.indexChanged.connect(self._undo_index_changed)

    @Slot(int)
    def _undo_index_changed(self, _index: int) -> None:
        self.refresh()

    # -- navigation ----------------------------------------------------------

    def show_today(self) -> None:
        self.show_day(self.services.context.now().astimezone(self.services.context.timezone).date())

    def show_day(self, day: date) -> None:
        self.day = day
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.date_edit.blockSignals(False)
        self.refresh()

    @Slot(QDate)
    def _date_edited(self, qdate: QDate) -> None:
        self.show_day(date(qdate.year(), qdate.month(), qdate.day()))

    @Slot()
    def refresh(self) -> None:
        """Reload the visible day, keeping the selection."""
        selected = self.selected()
        try:
            appointments = self.services.booking.appointments_on(self.day)
        except SchedulerError as exc:
            self.statusBar().showMessage(exc.message)
            return
        self.model.set_appointments(appointments)
        if selected is not None and (row := self.model.row_of(selected.id)) >= 0:
            self.table.selectRow(row)
        active = sum(1 for a in appointments if a.status.is_active)
        self.summary.setText(f"{self.day:%A %d %B %Y}: {active} active, {len(appointments)} in all")
        self._update_actions()

    @Slot(bool, str)
    def show_database_status(self, reachable: bool, message: str) -> None:
        if reachable:
            self.statusBar().showMessage("Database reachable again.", 5000)
            self.refresh()
        else:
            self.statusBar().showMessage(f"Database unreachable: {message}")

    # -- actions -------------------------------------------------------------

    def selected(self) -> AppointmentView | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.appointment(rows[0].row()) if rows else None

    def _update_actions(self) -> None:
        appt = self.selected()
        for target, action in self.status_actions.items():
            if appt is None:
                action.setEnabled(False)
            elif target == S.PENDING:  # "Restore"
                action.setEnabled(appt.status in (S.CANCELLED, S.NO_SHOW))
            else:
                action.setEnabled(can_transition(appt.status, target))

    def book(self) -> None:
        dialog = BookingDialog(self.services, self.day, self)
        if dialog.exec() != BookingDialog.DialogCode.Accepted:
            return
        try:
            booked = self.services.booking.book(self.services.actor_id, dialog.request())
        except SchedulerError as exc:
            self.report(exc)
            return
        self.undo_stack.push(BookCommand(self.services, booked, self.report))
        self.refresh()
        self.table.selectRow(self.model.row_of(booked.id))

    def change_status(self, target: AppointmentStatus) -> None:
        appt = self.selected()
        if appt is None:
            return
        actor, life = self.services.actor_id, self.services.lifecycle
        try:
            if target == S.CANCELLED:
                reason, ok = QInputDialog.getText(
                    self,
                    "Cancel appointment",
                    f"Cancel {appt.client_name}'s appointment?\nReason (optional):",
                )
                if not ok:
                    return
                after = life.cancel(actor, appt.id, appt.version, reason)
            elif target == S.PENDING:
                after = life.restore(actor, appt.id, appt.version)
            else:
                after = life.set_status(actor, appt.id, appt.version, target)
        except SchedulerError as exc:
            self.report(exc)
            self.refresh()
            return
        self.undo_stack.push(StatusCommand(self.services, appt, after, self.report))
        self.refresh()

    def report(self, error: SchedulerError) -> None:
        QMessageBox.warning(self, error.title, error.message)
