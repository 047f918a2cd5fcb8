"""The desk's main window: a day at a time, with the status actions of the desk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import partial

from PySide6.QtCore import QDate, QPoint, QSettings, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSystemTrayIcon,
    QTableView,
    QTabWidget,
    QToolBar,
    QWidget,
)

from scheduler_app.domain.status import AppointmentStatus, can_transition
from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.delivery import DeliveryService
from scheduler_app.services.dto import AppointmentView, Availability
from scheduler_app.ui.appointment_model import AppointmentTableModel
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.calendar.day_view import Column, DayView
from scheduler_app.ui.commands import BookCommand, MoveCommand, StatusCommand, Versions
from scheduler_app.ui.mail_settings_dialog import MailSettingsDialog
from scheduler_app.ui.notifications_view import NotificationsView
from scheduler_app.ui.setup_dialogs import client_dialog, professional_dialog
from scheduler_app.ui.template_dialog import TemplateDialog

S = AppointmentStatus


ZOOM_LIMITS = (0.6, 4.0)  # pixels per minute


class MainWindow(QMainWindow):
    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings  # window state is kept only when given (the app does)
        self.services = services
        org = services.directory.organization()
        self.setWindowTitle(f"{org.name} - Scheduler")
        self.resize(1100, 720)
        self.undo_stack = QUndoStack(self)
        self.versions: Versions = {}  # what this desk last saw of each appointment
        self.model = AppointmentTableModel(services.context.timezone, self)
        self.day = services.context.now().astimezone(services.context.timezone).date()

        self.current: AppointmentView | None = None
        self._tray: QSystemTrayIcon | None = None
        self.day_view = DayView(
            self.model,
            services.context.timezone,
            self._check,
            slot_minutes=org.slot_minutes,
            opens_at=org.opens_at,
            closes_at=org.closes_at,
            now=services.context.now,
        )
        self.day_view.book_requested.connect(self.book_at)
        self.day_view.move_requested.connect(self.move_appointment)
        self.day_view.selection_changed.connect(self._calendar_selected)
        self.day_view.context_requested.connect(self._context_menu)
        self.day_view.hover_message.connect(self._hover_message)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Appointments of the day")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._table_selected)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.day_view, "Day")
        self.tabs.addTab(self.table, "List")
        self.notifications = NotificationsView(
            DeliveryService(services.context), services.context.timezone
        )
        self.tabs.addTab(self.notifications, "Notifications")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.tabs.setAccessibleName("Views")
        self.setCentralWidget(self.tabs)

        self.date_edit = QDateEdit(QDate(self.day.year, self.day.month, self.day.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.setAccessibleName("Day shown")
        self.date_edit.dateChanged.connect(self._date_edited)
        self.summary = QLabel()
        self.statusBar().addPermanentWidget(self.summary)

        self.status_actions: dict[AppointmentStatus, QAction] = {}
        self._build_toolbar()
        self._build_view_menu()
        self._restore_state()
        self._load_columns()
        self.refresh()
        self.day_view.scroll_to_opening()

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

        setup = self.menuBar().addMenu("&Clinic")
        self.add_professional_action = self._action("Add professional...", self.add_professional)
        self.add_client_action = self._action("Add client...", self.add_client)
        setup.addAction(self.add_professional_action)
        setup.addAction(self.add_client_action)
        self.mail_settings_action = self._action("E-mail and SMS settings...", self.mail_settings)
        setup.addAction(self.mail_settings_action)
        self.templates_action = self._action("Message templates...", self.edit_templates)
        setup.addAction(self.templates_action)

    def _build_view_menu(self) -> None:
        view = self.menuBar().addMenu("&View")
        self.zoom_in_action = self._action(
            "Zoom in", lambda: self.zoom(1.25), QKeySequence.StandardKey.ZoomIn
        )
        self.zoom_out_action = self._action(
            "Zoom out", lambda: self.zoom(0.8), QKeySequence.StandardKey.ZoomOut
        )
        view.addAction(self.zoom_in_action)
        view.addAction(self.zoom_out_action)

    def zoom(self, factor: float) -> None:
        low, high = ZOOM_LIMITS
        scale = min(high, max(low, self.day_view.grid.px_per_minute * factor))
        self.day_view.set_zoom(scale)

    def _restore_state(self) -> None:
        if self.settings is None:
            return
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        try:
            zoom = float(str(self.settings.value("calendar/zoom", 1.6)))
        except ValueError:
            zoom = 1.6
        low, high = ZOOM_LIMITS
        self.day_view.grid = replace(self.day_view.grid, px_per_minute=min(high, max(low, zoom)))
        tab = self.settings.value("window/tab", 0)
        self.tabs.setCurrentIndex(int(str(tab)) if str(tab).isdigit() else 0)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.settings is not None:
            self.settings.setValue("window/geometry", self.saveGeometry())
            self.settings.setValue("window/state", self.saveState())
            self.settings.setValue("calendar/zoom", self.day_view.grid.px_per_minute)
            self.settings.setValue("window/tab", self.tabs.currentIndex())
        super().closeEvent(event)

    @Slot(int)
    def _undo_index_changed(self, _index: int) -> None:
        self.refresh()

    # -- navigation ----------------------------------------------------------

    def show_today(self) -> None:
        self.show_day(self.services.context.now().astimezone(self.services.context.timezone).date())

    def show_day(self, day: date) -> None:
        self.day = day
        self.current = None
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.date_edit.blockSignals(False)
        self.refresh()

    @Slot(QDate)
    def _date_edited(self, qdate: QDate) -> None:
        self.show_day(date(qdate.year(), qdate.month(), qdate.day()))

    def _load_columns(self) -> None:
        try:
            professionals = self.services.directory.professionals()
        except SchedulerError as exc:
            self.statusBar().showMessage(exc.message)
            return
        self._columns = [Column(p.id, p.name, p.color) for p in professionals]

    @Slot()
    def refresh(self) -> None:
        """Reload the visible day, keeping the selection."""
        selected = self.current.id if self.current else None
        try:
            appointments = self.services.booking.appointments_on(self.day)
        except SchedulerError as exc:
            self.statusBar().showMessage(exc.message)
            return
        known = {c.professional_id for c in self._columns}
        extra = {  # appointments kept by professionals no longer active
            a.professional_id: a.professional_name
            for a in appointments
            if a.professional_id is not None and a.professional_id not in known
        }
        columns = [*self._columns, *(Column(k, f"{n} (inactive)") for k, n in extra.items())]
        if [c.professional_id for c in columns] != [
            c.professional_id for c in self.day_view.columns[:-1]
        ]:
            self.day_view.columns = [*columns, Column(None, "Unassigned")]
        self.day_view.day = self.day
        self.model.set_appointments(appointments)
        self.day_view.relayout()
        self._reselect(selected)
        active = sum(1 for a in appointments if a.status.is_active)
        self.summary.setText(f"{self.day:%A %d %B %Y}: {active} active, {len(appointments)} in all")
        if not self._columns:
            self.statusBar().showMessage(
                "No professionals yet: add them with Clinic > Add professional."
            )

    def _reselect(self, appointment_id: int | None) -> None:
        row = self.model.row_of(appointment_id) if appointment_id is not None else -1
        self.current = self.model.appointment(row)
        self.table.blockSignals(True)
        self.table.selectionModel().blockSignals(True)
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.table.clearSelection()
        self.table.selectionModel().blockSignals(False)
        self.table.blockSignals(False)
        self.day_view.select(self.current.id if self.current else None)
        self._update_actions()

    def show_notifications(self, appointment_id: int | None) -> None:
        self.notifications.appointment_id = appointment_id
        self.tabs.setCurrentWidget(self.notifications)
        self.notifications.refresh()

    @Slot(int)
    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.notifications:
            self.notifications.refresh()  # only when looked at: not on the hot path
        elif self.notifications.appointment_id is not None:
            self.notifications.appointment_id = None  # next visit shows everything again

    @Slot(str, str)
    def show_reminder(self, subject: str, text: str) -> None:
        """A reminder meant for the desk: status bar, and the tray where there is one."""
        self.statusBar().showMessage(f"{subject} - {text}", 15_000)
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self._tray is None:
                self._tray = QSystemTrayIcon(self.windowIcon(), self)
                self._tray.show()
            self._tray.showMessage(subject, text)

    @Slot(bool, str)
    def show_database_status(self, reachable: bool, message: str) -> None:
        if reachable:
            self.statusBar().showMessage("Database reachable again.", 5000)
            self.refresh()
        else:
            self.statusBar().showMessage(f"Database unreachable: {message}")

    # -- actions -------------------------------------------------------------

    def selected(self) -> AppointmentView | None:
        return self.current

    def _table_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.current = self.model.appointment(rows[0].row()) if rows else None
        self.day_view.select(self.current.id if self.current else None)
        self._update_actions()

    @Slot(object)
    def _calendar_selected(self, appointment: AppointmentView | None) -> None:
        self.current = appointment
        self._update_actions()

    @Slot(str)
    def _hover_message(self, message: str) -> None:
        if message:
            self.statusBar().showMessage(message, 6000)
        else:
            self.statusBar().clearMessage()

    def _check(
        self, start: datetime, end: datetime, professional_id: int | None, appt_id: int | None
    ) -> Availability:
        return self.services.booking.check_availability(start, end, professional_id, appt_id)

    @Slot(object, QPoint)
    def _context_menu(self, appointment: AppointmentView, where: QPoint) -> None:
        menu = QMenu(self)
        for action in self.status_actions.values():
            menu.addAction(action)
        history = menu.addAction("Notifications...")
        history.triggered.connect(partial(self.show_notifications, appointment.id))
        assign = menu.addMenu("Assign to")
        for column in self.day_view.columns:
            if column.professional_id != appointment.professional_id:
                target = assign.addAction(column.name)
                target.triggered.connect(partial(self.assign_current, column.professional_id))
        self._popup(menu, where)

    def _popup(self, menu: QMenu, where: QPoint) -> None:
        menu.exec(where)

    def assign_current(self, professional_id: int | None) -> None:
        appt = self.current
        if appt is not None:
            self.move_appointment(appt, appt.start, appt.end, professional_id)

    @Slot(object, object, object, object)
    def move_appointment(
        self,
        appointment: AppointmentView,
        start: datetime,
        end: datetime,
        professional_id: int | None,
    ) -> None:
        """A drop in the calendar: the service decides; a refusal snaps back and says why."""
        try:
            after = self.services.booking.reschedule(
                self.services.actor_id,
                appointment.id,
                appointment.version,
                start,
                end,
                professional_id,
            )
        except SchedulerError as exc:
            self.refresh()
            self.report(exc)
            return
        self.current = after
        self.undo_stack.push(
            MoveCommand(self.services, appointment, after, self.report, self.versions)
        )
        self.refresh()

    @Slot(object, object, object)
    def book_at(self, professional_id: int | None, start: datetime, end: datetime | None) -> None:
        dialog = BookingDialog(self.services, self.day, self)
        dialog.preset(start, end, professional_id)
        self._book_with(dialog)

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
        self._book_with(BookingDialog(self.services, self.day, self))

    def _book_with(self, dialog: BookingDialog) -> None:
        if dialog.exec() != BookingDialog.DialogCode.Accepted:
            return
        try:
            booked = self.services.booking.book(self.services.actor_id, dialog.request())
        except SchedulerError as exc:
            self.report(exc)
            return
        self.current = booked
        self.undo_stack.push(BookCommand(self.services, booked, self.report, self.versions))
        self.refresh()

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
        self.current = after
        self.undo_stack.push(StatusCommand(self.services, appt, after, self.report, self.versions))
        self.refresh()

    def add_professional(self) -> None:
        dialog = professional_dialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.services.directory.add_professional(
                self.services.actor_id, dialog.name.text(), dialog.second.text()
            )
        except SchedulerError as exc:
            self.report(exc)
            return
        self._load_columns()
        self.refresh()

    def edit_templates(self) -> None:
        TemplateDialog(self.services, self).exec()

    def mail_settings(self) -> None:
        MailSettingsDialog(self.services, self).exec()

    def add_client(self) -> None:
        dialog = client_dialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            client = self.services.directory.add_client(
                self.services.actor_id,
                dialog.name.text(),
                dialog.second.text(),
                dialog.third.text(),
            )
        except SchedulerError as exc:
            self.report(exc)
            return
        self.statusBar().showMessage(f"Client {client.name} added.", 5000)

    def report(self, error: SchedulerError) -> None:
        QMessageBox.warning(self, error.title, error.message)
