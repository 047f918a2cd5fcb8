"""The desk's main window: a day, a week or a month, with the desk's actions."""

from __future__ import annotations

from datetime import date, datetime
from functools import partial

from PySide6.QtCore import QDate, QPoint, QSettings, Slot
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSystemTrayIcon,
    QTableView,
    QTabWidget,
    QWidget,
)

from scheduler_app.domain.localtime import day_bounds, localize
from scheduler_app.domain.status import AppointmentStatus, can_transition
from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.delivery import DeliveryService
from scheduler_app.services.dto import AppointmentView, Availability
from scheduler_app.ui import window_state
from scheduler_app.ui.appointment_model import AppointmentTableModel
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.calendar.blocks import ColorBy, Palette
from scheduler_app.ui.calendar.month_view import MonthView
from scheduler_app.ui.calendar.period import Period, Span
from scheduler_app.ui.calendar.placement import free_minutes
from scheduler_app.ui.calendar.resource_grid import Column, ResourceGrid
from scheduler_app.ui.calendar.week_view import WeekView, week_columns
from scheduler_app.ui.client_search import ClientSearchDialog
from scheduler_app.ui.desk_actions import DeskActions
from scheduler_app.ui.mail_settings_dialog import MailSettingsDialog
from scheduler_app.ui.notifications_view import NotificationsView
from scheduler_app.ui.period_loader import PeriodLoader
from scheduler_app.ui.professional_model import ProfessionalModel
from scheduler_app.ui.server_settings_dialog import ServerSettingsDialog
from scheduler_app.ui.setup_dialogs import client_dialog, professional_dialog
from scheduler_app.ui.template_dialog import TemplateDialog
from scheduler_app.ui.window_actions import build_menus, build_toolbars
from scheduler_app.ui.window_state import opening_day

S = AppointmentStatus


class MainWindow(QMainWindow):
    # Actions made by `window_actions` (tests and menus reach them here).
    today_action: QAction
    book_action: QAction
    edit_action: QAction
    find_action: QAction
    add_professional_action: QAction
    add_client_action: QAction
    mail_settings_action: QAction
    templates_action: QAction
    server_action: QAction
    zoom_in_action: QAction
    zoom_out_action: QAction
    color_actions: dict[ColorBy, QAction]

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings  # window state is kept only when given (the app does)
        self.services = services
        org = self._org = services.directory.organization()
        self.setWindowTitle(f"{org.name} - Scheduler")
        self.resize(1100, 720)
        self.desk = DeskActions(services, self, self._changed)
        self.undo_stack = self.desk.undo_stack
        tz = services.context.timezone
        self.model = AppointmentTableModel(tz, self)
        self.day = opening_day(services)
        self.span = Span.DAY  # of the calendar tab last shown (the list follows it)

        self.current: AppointmentView | None = None
        self._tray: QSystemTrayIcon | None = None
        self._columns: list[Column] = []
        self.professional_model = ProfessionalModel(self)
        self.professional_model.modelReset.connect(self._professionals_changed)
        self.week_kept: object = None  # whose week, as kept from the last session
        self.colour_choice = ColorBy.STATUS

        def grid(min_width: float) -> ResourceGrid:
            view = ResourceGrid(
                self.model,
                tz,
                self._check,
                check_group=services.booking.check_moves,
                slot_minutes=org.slot_minutes,
                opens_at=org.opens_at,
                closes_at=org.closes_at,
                now=services.context.now,
                min_column_width=min_width,
            )
            view.book_requested.connect(self.book_at)
            view.move_requested.connect(self.desk.move)
            view.group_move_requested.connect(self.desk.move_group)
            view.selection_changed.connect(self._calendar_selected)
            view.context_requested.connect(self._context_menu)
            view.hover_message.connect(self._hover_message)
            view.activated.connect(self._activated)
            return view

        self.day_view = grid(120.0)
        self.day_view.canvas.setAccessibleName("Day calendar")
        self.week_grid = grid(72.0)
        self.week_grid.canvas.setAccessibleName("Week calendar")
        self.week_view = WeekView(self.week_grid)
        self.week_view.shown_changed.connect(self.refresh)
        self.month_view = MonthView(self.model, tz, self._check, now=services.context.now)
        self.month_view.setAccessibleName("Month calendar")
        self.month_view.selection_changed.connect(self._calendar_selected)
        self.month_view.move_requested.connect(self.desk.move)
        self.month_view.context_requested.connect(self._context_menu)
        self.month_view.hover_message.connect(self._hover_message)
        self.month_view.day_chosen.connect(self._day_chosen)
        self.month_view.day_opened.connect(self.open_day)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Appointments shown")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._table_selected)
        self.table.doubleClicked.connect(lambda _i: self._activated(self.current))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.day_view, "Day")
        self.tabs.addTab(self.week_view, "Week")
        self.tabs.addTab(self.month_view, "Month")
        self.tabs.addTab(self.table, "List")
        self.notifications = NotificationsView(DeliveryService(services.context), tz)
        self.tabs.addTab(self.notifications, "Notifications")
        self.tabs.setAccessibleName("Views")
        self.setCentralWidget(self.tabs)
        self._spans: dict[QWidget, Span] = {
            self.day_view: Span.DAY,
            self.week_view: Span.WEEK,
            self.month_view: Span.MONTH,
        }

        self.date_edit = QDateEdit(QDate(self.day.year, self.day.month, self.day.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.setAccessibleName("Day shown")
        self.date_edit.dateChanged.connect(self._date_edited)
        self.summary = QLabel()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # busy, no known end
        self.busy.setMaximumWidth(120)
        self.busy.setFormat("Loading")
        self.busy.setAccessibleName("Loading")
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.busy)
        self.loader = PeriodLoader(services.booking, self)
        self.loader.loaded.connect(self._loaded)
        self.loader.failed.connect(self._load_failed)
        self._loading_period: Period | None = None
        self.connection = QLabel()
        self.connection.setAccessibleName("Database connection")
        self.connection.setStyleSheet("color: white; background: #c62828; padding: 1px 6px;")
        self.connection.hide()
        self.statusBar().addPermanentWidget(self.connection)
        self.statusBar().addPermanentWidget(self.summary)

        self.status_actions: dict[AppointmentStatus, QAction] = {}
        build_toolbars(self)
        build_menus(self)
        self.undo_stack.indexChanged.connect(self._undo_index_changed)
        if settings is not None:
            window_state.restore(self, settings)
        self._load_columns()
        if self.colour_choice is not ColorBy.STATUS:
            self.color_by(self.colour_choice)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._tab_changed(self.tabs.currentIndex())
        self.day_view.scroll_to_opening()
        self.week_grid.scroll_to_opening()

    # -- building ------------------------------------------------------------

    def color_by(self, by: ColorBy) -> None:
        """Fill appointments by status, professional or service (View > Colour by)."""
        try:
            services = {t.id: t.color for t in self.services.directory.appointment_types()}
        except SchedulerError as exc:
            self.statusBar().showMessage(exc.message)
            return
        professionals = {
            c.professional_id: c.color for c in self._columns if c.professional_id is not None
        }
        palette = Palette(by, professionals, services)
        self.day_view.set_palette(palette)
        self.week_grid.set_palette(palette)
        self.month_view.fills = palette
        self.month_view.update()
        self.color_actions[by].setChecked(True)
        self.colour_choice = by

    def zoom(self, factor: float) -> None:
        low, high = window_state.ZOOM_LIMITS
        scale = min(high, max(low, self.day_view.grid.px_per_minute * factor))
        for grid in (self.day_view, self.week_grid):
            grid.set_zoom(scale)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.settings is not None:
            window_state.save(self, self.settings)
        super().closeEvent(event)

    @Slot(int)
    def _undo_index_changed(self, _index: int) -> None:
        self.refresh()

    # -- navigation ----------------------------------------------------------

    @property
    def period(self) -> Period:
        return Period(self.span, self.day)

    def show_today(self) -> None:
        self.show_day(self.services.context.now().astimezone(self.services.context.timezone).date())

    def show_day(self, day: date) -> None:
        self.day = day
        self.current = None
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.date_edit.blockSignals(False)
        self.refresh()

    def open_day(self, day: date) -> None:
        """The day view of ``day`` (a double-click in the month)."""
        self.tabs.setCurrentWidget(self.day_view)
        self.show_day(day)

    @Slot(object)
    def _day_chosen(self, day: date) -> None:
        self.day = day
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.date_edit.blockSignals(False)

    @Slot(QDate)
    def _date_edited(self, qdate: QDate) -> None:
        self.show_day(date(qdate.year(), qdate.month(), qdate.day()))

    def _load_columns(self) -> None:
        try:
            self.professional_model.set_professionals(self.services.directory.professionals())
        except SchedulerError as exc:
            self.statusBar().showMessage(exc.message)

    @Slot()
    def _professionals_changed(self) -> None:
        """The calendars' columns follow the professionals model."""
        professionals = self.professional_model.professionals()
        self._columns = [Column(p.id, p.name, p.color) for p in professionals]
        self.week_view.set_professionals(self._columns)
        if self.week_kept is not None:
            self.week_view.show_professional(self.week_kept)
            self.week_kept = None

    @Slot()
    def refresh(self) -> None:
        """Reload what the current view shows, keeping the selection.

        A day is read at once (a few hundred rows at most); a week or a month is
        read on a worker thread while a busy mark shows (see `PeriodLoader`).
        """
        period = self.period
        tz = self.services.context.timezone
        start, end = day_bounds(period.first, tz)[0], day_bounds(period.last, tz)[1]
        if period.span is not Span.DAY:
            self.loader.load(start, end)
            self._loading_period = period
            self.busy.show()
            return
        self.loader.latest += 1  # whatever is still loading is stale now
        self.busy.hide()
        try:
            appointments = self.services.booking.appointments_between(start, end)
        except SchedulerError as exc:
            self.statusBar().showMessage(exc.message)
            return
        self._show(period, appointments)

    @property
    def loading(self) -> bool:
        return not self.busy.isHidden()

    @Slot(int, object)
    def _loaded(self, number: int, appointments: list[AppointmentView]) -> None:
        if number == self.loader.latest and self._loading_period == self.period:
            self.busy.hide()
            self._show(self.period, appointments)

    @Slot(int, str)
    def _load_failed(self, number: int, message: str) -> None:
        if number == self.loader.latest:
            self.busy.hide()
            self.statusBar().showMessage(message)

    def _show(self, period: Period, appointments: list[AppointmentView]) -> None:
        selected = self.current.id if self.current else None
        known = {c.professional_id for c in self._columns}
        extra = {  # appointments kept by professionals no longer active
            a.professional_id: a.professional_name
            for a in appointments
            if a.professional_id is not None and a.professional_id not in known
        }
        columns = [*self._columns, *(Column(k, f"{n} (inactive)") for k, n in extra.items())]
        if period.span is Span.DAY:
            self._set_grid(self.day_view, period, [*columns, Column(None, "Unassigned")])
        elif period.span is Span.WEEK:
            shown = self.week_view.shown
            self._set_grid(self.week_grid, period, week_columns(period.days, columns, shown))
        else:
            self.month_view.period = period
        self.model.show_dates = period.span is not Span.DAY
        self.model.set_appointments(appointments)
        self._reselect(selected)
        active = sum(1 for a in appointments if a.status.is_active)
        self.summary.setText(f"{period.title}: {active} active, {len(appointments)} in all")
        if not self._columns:
            self.statusBar().showMessage(
                "No professionals yet: add them with Clinic > Add professional."
            )

    @staticmethod
    def _set_grid(grid: ResourceGrid, period: Period, columns: list[Column]) -> None:
        grid.day = period.first
        if columns != grid.columns:
            grid.set_columns(columns)
            grid.fit_columns()

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
        chosen = self.current.id if self.current else None
        for grid in (self.day_view, self.week_grid):
            if chosen is None or chosen not in grid.selected_ids:
                grid.select(chosen)
        self.month_view.select(chosen)
        self._update_actions()

    def show_notifications(self, appointment_id: int | None) -> None:
        self.notifications.appointment_id = appointment_id
        self.tabs.setCurrentWidget(self.notifications)
        self.notifications.refresh()

    @Slot(int)
    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is self.notifications:
            self.notifications.refresh()  # only when looked at: not on the hot path
            return
        if self.notifications.appointment_id is not None:
            self.notifications.appointment_id = None  # next visit shows everything again
        span = self._spans.get(widget) if widget is not None else None
        if span is not None and span is not self.span:
            self.span = span
        self.refresh()

    @Slot(str, str)
    def show_reminder(self, subject: str, text: str) -> None:
        """A reminder meant for the desk: status bar, and the tray where there is one."""
        self.statusBar().showMessage(f"{subject} - {text}", 15_000)
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self._tray is None:
                self._tray = QSystemTrayIcon(self.windowIcon(), self)
                self._tray.show()
            self._tray.showMessage(subject, text)

    @Slot(object)
    def schedule_changed(self, days: frozenset[date] | None) -> None:
        """Another desk changed ``days`` (None: unknown which): reload if they show."""
        if days is None or not days.isdisjoint(self.period.days):
            self.refresh()

    @Slot(bool, str)
    def show_database_status(self, reachable: bool, message: str) -> None:
        """A lasting mark while the database cannot be reached (open dialogs stay as
        they are: what is being typed is kept, and saving says why it cannot)."""
        if reachable:
            self.connection.hide()
            self.statusBar().showMessage("Database reachable again.", 5000)
            self.refresh()
        else:
            self.connection.setText("Database unreachable")
            self.connection.setToolTip(message)
            self.connection.show()

    # -- selection -----------------------------------------------------------

    def selected(self) -> AppointmentView | None:
        return self.current

    def _table_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.current = self.model.appointment(rows[0].row()) if rows else None
        chosen = self.current.id if self.current else None
        self.day_view.select(chosen)
        self.week_grid.select(chosen)
        self.month_view.select(chosen)
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

    def _update_actions(self) -> None:
        appt = self.selected()
        for target, action in self.status_actions.items():
            if appt is None:
                action.setEnabled(False)
            elif target == S.PENDING:  # "Restore"
                action.setEnabled(appt.status in (S.CANCELLED, S.NO_SHOW))
            else:
                action.setEnabled(can_transition(appt.status, target))
        self.edit_action.setEnabled(appt is not None)

    # -- actions -------------------------------------------------------------

    def _changed(self, appointment: AppointmentView | None) -> None:
        if appointment is not None:
            self.current = appointment
        self.refresh()

    @Slot(object, QPoint)
    def _context_menu(self, appointment: AppointmentView, where: QPoint) -> None:
        menu = QMenu(self)
        for action in self.status_actions.values():
            menu.addAction(action)
        menu.addAction(self.edit_action)
        history = menu.addAction("Notifications...")
        history.triggered.connect(partial(self.show_notifications, appointment.id))
        assign = menu.addMenu("Assign to")
        for column in [*self._columns, Column(None, "Unassigned")]:
            if column.professional_id != appointment.professional_id:
                target = assign.addAction(column.name)
                target.triggered.connect(partial(self.assign_current, column.professional_id))
        self._popup(menu, where)

    def _popup(self, menu: QMenu, where: QPoint) -> None:
        menu.exec(where)

    def assign_current(self, professional_id: int | None) -> None:
        appt = self.current
        if appt is not None:
            self.desk.move(appt, appt.start, appt.end, professional_id)

    @Slot(object)
    def _activated(self, appointment: AppointmentView | None) -> None:
        """Enter or a double-click: open the appointment, or book when there is none."""
        if appointment is None:
            self.book()
        else:
            self.desk.edit(appointment)

    def edit_current(self) -> None:
        if self.current is not None:
            self.desk.edit(self.current)

    @Slot(object, object, object)
    def book_at(self, professional_id: int | None, start: datetime, end: datetime | None) -> None:
        """Book from the calendar: a dragged range, or a click (the free gap there)."""
        tz = self.services.context.timezone
        local = start.astimezone(tz)
        dialog = BookingDialog(self.services, local.date(), self)
        free = None
        if end is None:
            closes = localize(local.date(), self._org.closes_at, tz)
            until = closes if start < closes else day_bounds(local.date(), tz)[1]
            free = free_minutes(self.model.rows(), professional_id, start, until)
        dialog.preset(start, end, professional_id, free)
        self.desk.book_with(dialog)

    def book(self) -> None:
        self.desk.book_with(BookingDialog(self.services, self.day, self))

    def change_status(self, target: AppointmentStatus) -> None:
        appt = self.selected()
        if appt is not None:
            self.desk.change_status(appt, target)

    def find_client(self) -> None:
        """Ctrl+F: find a client and go to one of their appointments."""
        dialog = ClientSearchDialog(self.services, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
            return
        appt = dialog.chosen
        if self.tabs.currentWidget() not in self._spans:
            self.tabs.setCurrentWidget(self.day_view)
        self.current = appt
        self.show_day(appt.start.astimezone(self.services.context.timezone).date())
        self._reselect(appt.id)

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

    def server_settings(self) -> None:
        dialog = ServerSettingsDialog(str(self.services.database.engine.url), self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_to is not None:
            self.statusBar().showMessage(
                f"Saved in {dialog.saved_to}: used from the next start of the scheduler.", 15_000
            )

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
