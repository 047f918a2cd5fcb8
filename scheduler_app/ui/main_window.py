"""The desk's main window: a day, a week or a month, with the desk's actions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QDate, QPoint, QSettings, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QDialog,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QTableView,
    QTabWidget,
    QWidget,
)

from scheduler_app.domain.localtime import day_bounds
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import SchedulerError
from scheduler_app.services import local_check
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import (
    AppointmentView,
    Availability,
    MoveRequest,
    ProfessionalView,
    ServiceView,
)
from scheduler_app.services.local_check import Snapshot
from scheduler_app.services.resources import PeriodRooms
from scheduler_app.ui import conflicts_window, room_columns, window_state
from scheduler_app.ui.appointment_model import AppointmentTableModel
from scheduler_app.ui.booking_entry import BookingEntry
from scheduler_app.ui.calendar import saving
from scheduler_app.ui.calendar.blocks import ColorBy
from scheduler_app.ui.calendar.month_view import MonthView
from scheduler_app.ui.calendar.period import Period, Span
from scheduler_app.ui.calendar.resource_grid import Column, ResourceGrid
from scheduler_app.ui.calendar.week_view import WeekView
from scheduler_app.ui.client_search import ClientSearchDialog
from scheduler_app.ui.coming_up import ComingUp
from scheduler_app.ui.context_menu import appointment_menu
from scheduler_app.ui.desk_actions import DeskActions, Places
from scheduler_app.ui.dialog_buttons import choices_at_once
from scheduler_app.ui.dialog_lists import ListsReader
from scheduler_app.ui.file_menu import build_file_menu
from scheduler_app.ui.i18n import (
    first_weekday,
    translate,
    unassigned,
)
from scheduler_app.ui.idle_lock import IdleLock
from scheduler_app.ui.list_tab import ListTab
from scheduler_app.ui.notifications_view import NotificationsView
from scheduler_app.ui.period_loader import PeriodContents, PeriodLoader
from scheduler_app.ui.professional_model import ProfessionalModel
from scheduler_app.ui.rooms_tab import RoomsTab
from scheduler_app.ui.server_watch import ServerWatch
from scheduler_app.ui.service_calls import off_the_gui_thread
from scheduler_app.ui.side_panel import SidePanel
from scheduler_app.ui.status_rules import refusal
from scheduler_app.ui.today_tab import TodayTab
from scheduler_app.ui.waitlist_bar import FreedBar
from scheduler_app.ui.waitlist_tab import WaitlistTab
from scheduler_app.ui.window_actions import ACTION_HELP, build_menus, build_toolbars
from scheduler_app.ui.window_parts import (
    build_calendars,
    build_status_bar,
    roster,
    show_colours,
    summary,
)
from scheduler_app.ui.window_state import opening_day

S = AppointmentStatus
ACTIONS_RECHECKED_MS = 60_000  # "not started yet" and "not today" change with the clock


class MainWindow(QMainWindow):
    # Made by `window_actions` and `window_parts` (tests and menus reach them here).
    today_action: QAction
    book_action: QAction
    find_time_action: QAction
    edit_action: QAction
    find_action: QAction
    undo_action: QAction
    redo_action: QAction
    add_professional_action: QAction
    add_client_action: QAction
    settings_action: QAction
    services_action: QAction
    rules_action: QAction
    resources_action: QAction
    teams_action: QAction
    professionals_action: QAction
    clients_action: QAction
    mail_settings_action: QAction
    templates_action: QAction
    integrations_action: QAction
    server_action: QAction
    backups_action: QAction
    staff_action: QAction
    audit_action: QAction
    change_password_action: QAction
    lock_action: QAction
    idle_lock: IdleLock
    leaving_action: QAction
    working_time_action: QAction
    print_action: QAction
    import_action: QAction
    export_action: QAction
    reports_action: QAction
    #: File > Reports, once opened.
    reports_window: QMainWindow | None = None
    #: Stops the workers and closes the database (set by the application; a restore needs it).
    release_database: Callable[[], None] | None = None
    zoom_in_action: QAction
    zoom_out_action: QAction
    shortcuts_action: QAction
    about_action: QAction
    color_actions: dict[ColorBy, QAction]
    column_actions: dict[bool, QAction]
    language_actions: dict[str, QAction]
    day_view: ResourceGrid
    week_grid: ResourceGrid
    week_view: WeekView
    month_view: MonthView
    list_tab: ListTab
    table: QTableView
    notifications: NotificationsView
    today_tab: TodayTab
    waitlist_tab: WaitlistTab
    rooms_tab: RoomsTab
    freed_bar: FreedBar
    tabs: QTabWidget
    spans: dict[QWidget, Span]
    side_panel: SidePanel
    side_dock: QDockWidget
    date_edit: QDateEdit
    summary: QLabel
    busy: QProgressBar
    connection: QLabel
    conflicts: QLabel

    #: The desk chose another language (the application rebuilds the window in it).
    language_chosen = Signal(str)
    #: The clinic's settings changed (the application rebuilds the window in them).
    settings_changed = Signal()

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings  # window state is kept only when given (the app does)
        self.services = services = off_the_gui_thread(services)
        choices_at_once(QApplication.instance())  # type: ignore[arg-type]
        org = self.org = services.directory.organization()
        self.setWindowTitle(translate("MainWindow", "{clinic} - Scheduler").format(clinic=org.name))
        self.resize(1100, 720)
        self.desk = DeskActions(services, self, self._changed)
        self.desk.on_saving = self._saving
        self.desk.on_saved = self._saved
        self.undo_stack = self.desk.undo_stack
        self.model = AppointmentTableModel(services.context.timezone, self)
        self.day = opening_day(services)
        self.span = Span.DAY  # of the calendar tab last shown (the list follows it)
        self.current: AppointmentView | None = None
        self.coming_up = ComingUp(self)
        self._columns: list[Column] = []
        self.professional_model = ProfessionalModel(self)
        self.professional_model.modelReset.connect(self._professionals_changed)
        self._kinds: list[ServiceView] = []  # the services, for colours and the legend
        self._roster = ListsReader(lambda: roster(services), self)
        self._roster.read.connect(self._roster_read)
        self._roster.failed.connect(lambda words, _cut: self.statusBar().showMessage(words))
        self.week_kept: object = None  # whose week, as kept from the last session
        self.color_choice = ColorBy.STATUS
        self.loader = PeriodLoader(services, self)
        self.loader.loaded.connect(self._loaded)
        self.loader.failed.connect(self._load_failed)
        self._loading_period: Period | None = None
        #: What the hover checks of the period shown decide on (None until read).
        self.snapshot: Snapshot | None = None
        #: The day shown by room rather than by professional (View > Day columns).
        self.by_room = False
        #: The rooms of the day shown by room (None until read, or by professional).
        self.rooms: PeriodRooms | None = None

        entry = BookingEntry(self)
        self.book_at, self.book_in_room = entry.book_at, entry.book_in_room
        self.book, self.find_time = entry.book, entry.find_time
        build_calendars(self)
        build_status_bar(self)
        conflicts_window.attach(self)  # the count of open conflicts opens the Conflicts window
        self.status_actions: dict[AppointmentStatus, QAction] = {}
        build_toolbars(self)
        build_menus(self)
        build_file_menu(self)
        self.server_watch = ServerWatch(self)  # the server unreachable: changes pause
        self.undo_stack.indexChanged.connect(self._undo_index_changed)
        if settings is not None:
            window_state.restore(self, settings)
        self.reload_professionals()
        self.color_by(self.color_choice)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._tab_changed(self.tabs.currentIndex())
        self.side_panel.show_day(self.day)
        self.day_view.scroll_to_opening()
        self.week_grid.scroll_to_opening()
        self._recheck = QTimer(self)
        self._recheck.setInterval(ACTIONS_RECHECKED_MS)
        self._recheck.timeout.connect(self._update_actions)
        self._recheck.start()

    # -- building ------------------------------------------------------------

    def color_by(self, by: ColorBy) -> None:
        """Fill appointments by status, professional or service (View > Colour by)."""
        show_colours(self, by, self._kinds, self._columns)

    @Slot(float, float)
    def zoom(self, factor: float, anchor_y: float | None = None) -> None:
        """Zoom both grids; the one shown keeps the time under the mouse (or at
        ``anchor_y``, from Ctrl+wheel) where it is."""
        low, high = window_state.ZOOM_LIMITS
        scale = min(high, max(low, self.day_view.cells.px_per_minute * factor))
        for grid in (self.day_view, self.week_grid):
            grid.set_zoom(scale, anchor_y if grid.isVisible() else None)

    def choose_language(self, language: str) -> None:
        """Keep the choice and ask the application to show the desk in it."""
        if self.settings is not None:
            self.settings.setValue("ui/language", language)
        self.language_chosen.emit(language)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.settings is not None:
            window_state.save(self, self.settings)
        super().closeEvent(event)

    @Slot(int)
    def _undo_index_changed(self, _index: int) -> None:
        if not self.desk.pushing:  # a change just saved reloads once, as it is shown
            self.refresh()

    # -- navigation ----------------------------------------------------------

    @property
    def period(self) -> Period:
        return Period(self.span, self.day, first_weekday())

    def show_today(self) -> None:
        self.show_day(self.services.context.now().astimezone(self.services.context.timezone).date())

    @Slot(object)
    def show_day(self, day: date) -> None:
        self.day = day
        self.current = None
        self._show_date(day)
        self.refresh()

    @Slot(object)
    def open_day(self, day: date) -> None:
        """The day view of ``day`` (a double-click in the month, or its "+N more")."""
        self.tabs.setCurrentWidget(self.day_view)
        self.show_day(day)

    @Slot(object)
    def day_chosen(self, day: date) -> None:
        self.day = day
        self._show_date(day)

    def _show_date(self, day: date) -> None:
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.date_edit.blockSignals(False)
        self.side_panel.show_day(day)

    @Slot(QDate)
    def date_edited(self, qdate: QDate) -> None:
        self.show_day(date(qdate.year(), qdate.month(), qdate.day()))

    def reload_professionals(self) -> None:
        """Read the professionals and services again, on a worker: the columns, the
        colours and the legend follow when they come."""
        self._roster.start()

    def _roster_read(self, found: tuple[list[ProfessionalView], list[ServiceView]]) -> None:
        professionals, self._kinds = found
        self.professional_model.set_professionals(professionals)
        self.color_by(self.color_choice)

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

        Every period is read on a worker thread (see `PeriodLoader`) while a busy mark
        shows; the calendar shows what it had until the answer arrives.
        """
        if self.tabs.currentWidget() is self.today_tab:
            self.today_tab.refresh()  # the calendar reads its period when shown again
            return
        if self.tabs.currentWidget() is self.waitlist_tab:
            self.waitlist_tab.refresh()  # an undone booking from it waits again
        if self.tabs.currentWidget() is self.rooms_tab:
            self.rooms_tab.refresh()  # the week of the day now shown
            return
        period = self.period
        tz = self.services.context.timezone
        start, end = day_bounds(period.first, tz)[0], day_bounds(period.last, tz)[1]
        self._loading_period = period
        self.busy.show()
        day = period.span is Span.DAY
        self.loader.load(start, end, day=day, rooms=day and self.by_room)

    @property
    def loading(self) -> bool:
        return not self.busy.isHidden()

    @Slot(int, object)
    def _loaded(self, number: int, contents: PeriodContents) -> None:
        if number == self.loader.latest and self._loading_period == self.period:
            self.busy.hide()
            self._show(self.period, contents)

    @Slot(int, str)
    def _load_failed(self, number: int, message: str) -> None:
        if number == self.loader.latest:
            self.busy.hide()
            self.statusBar().showMessage(message)

    def show_kept(self, number: int, contents: PeriodContents) -> None:
        """What this desk read of the period asked for earlier (the server is away)."""
        self._loaded(number, contents)

    def _show(self, period: Period, contents: PeriodContents) -> None:
        appointments = contents.appointments
        self.snapshot = contents.snapshot
        self.rooms = contents.rooms if period.span is Span.DAY and self.by_room else None
        for grid in (self.day_view, self.week_grid):
            grid.set_off_times(contents.off_times)
        if self.rooms is not None:
            self.day_view.set_off_times(room_columns.off_times(contents.off_times, self.rooms))
        self.month_view.set_off_times(contents.off_times)
        selected = self.current.id if self.current else None
        known = {c.professional_id for c in self._columns}
        extra = {  # appointments kept by professionals no longer active
            a.professional_id: a.professional_name
            for a in appointments
            if a.professional_id is not None and a.professional_id not in known
        }
        inactive = translate("MainWindow", "{name} (inactive)")
        columns = [*self._columns, *(Column(k, inactive.format(name=n)) for k, n in extra.items())]
        if self.rooms is not None:
            self._set_grid(self.day_view, period, room_columns.columns(self.rooms))
        elif period.span is Span.DAY:
            self._set_grid(self.day_view, period, [*columns, Column(None, unassigned())])
        elif period.span is Span.WEEK:
            self._set_grid(self.week_grid, period, self.week_view.columns(period.days, columns))
        else:
            self.month_view.period = period
        self.model.show_dates = period.span is not Span.DAY
        self.model.set_appointments(appointments)
        self._reselect(selected)
        self.summary.setText(summary(period, appointments))
        self._count_conflicts(contents.open_conflicts)
        if not self._columns:
            self.statusBar().showMessage(
                translate(
                    "MainWindow", "No professionals yet: add them with Clinic > Professionals."
                )
            )

    def _count_conflicts(self, count: int) -> None:
        self.conflicts.setText(
            translate("MainWindow", "{count} open conflicts").format(count=count)
            if count != 1
            else translate("MainWindow", "1 open conflict")
        )
        self.conflicts.setVisible(count > 0)

    @staticmethod
    def _set_grid(grid: ResourceGrid, period: Period, columns: list[Column]) -> None:
        grid.day = period.first
        if columns != grid.columns:
            grid.set_columns(columns)
        grid.fit_columns()

    def _reselect(self, appointment_id: int | None) -> None:
        row = self.model.row_of(appointment_id) if appointment_id is not None else -1
        self.current = self.model.appointment(row)
        chosen = self.current.id if self.current else None
        self.list_tab.select(chosen)
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
        if widget is self.waitlist_tab:
            self.waitlist_tab.fill_filters()
            self.waitlist_tab.refresh()
        if self.notifications.appointment_id is not None:
            self.notifications.appointment_id = None  # next visit shows everything again
        span = self.spans.get(widget) if widget is not None else None
        if span is not None and span is not self.span:
            self.span = span
        self.refresh()

    @Slot(str, str, object)
    def show_reminder(self, subject: str, text: str, appointment_id: int | None = None) -> None:
        """A reminder meant for the desk (see `ComingUp`)."""
        self.coming_up.show(subject, text, appointment_id)

    @Slot(object)
    def schedule_changed(self, days: frozenset[date] | None) -> None:
        """Another desk changed ``days`` (None: unknown which): reload if they show."""
        if self.tabs.currentWidget() is self.today_tab:
            self.today_tab.refresh()  # conflicts and next days too: always read again
        elif days is None or not days.isdisjoint(self.period.days):
            self.refresh()

    @Slot(bool, str)
    def show_database_status(self, reachable: bool, message: str) -> None:
        """A lasting mark while the database cannot be reached (open dialogs stay as
        they are: what is being typed is kept, and saving says why it cannot)."""
        self.server_watch.listener_says(reachable, message)

    # -- selection -----------------------------------------------------------

    def selected(self) -> AppointmentView | None:
        return self.current

    @Slot(object)
    def list_selected(self, appointment: AppointmentView | None) -> None:
        self.current = appointment
        chosen = appointment.id if appointment else None
        self.day_view.select(chosen)
        self.week_grid.select(chosen)
        self.month_view.select(chosen)
        self._update_actions()

    @Slot(object)
    def today_selected(self, appointment: AppointmentView | None) -> None:
        """Picked on the Today board: the desk's actions act on it."""
        self.current = appointment
        self._update_actions()

    @Slot(object)
    def calendar_selected(self, appointment: AppointmentView | None) -> None:
        self.current = appointment
        self.list_tab.select(appointment.id if appointment else None)
        self._update_actions()

    @Slot(str)
    def hover_message(self, message: str) -> None:
        if message:
            self.statusBar().showMessage(message, 6000)
        else:
            self.statusBar().clearMessage()

    def check(
        self, start: datetime, end: datetime, professional_id: int | None, appt_id: int | None
    ) -> Availability:
        """Would it go there? Decided on the desk from the period loaded (no round trip:
        the service decides again at the drop)."""
        if self.snapshot is None:
            return Availability(False, translate("MainWindow", "The calendar is still loading."))
        ctx = self.services.context
        return local_check.check_availability(
            self.snapshot, ctx, start, end, professional_id, appt_id
        )

    def check_room(
        self, start: datetime, end: datetime, room_id: int, appt_id: int
    ) -> Availability:
        """`check` for a drag into another room's column."""
        ctx = self.services.context
        return room_columns.check(self.rooms, ctx, self.model.rows(), start, end, room_id, appt_id)

    def show_by_room(self, by_room: bool) -> None:
        """View > Day columns: the day by professional or by room."""
        self.by_room = by_room
        self.refresh()

    def check_moves(self, moves: list[MoveRequest]) -> Availability:
        """`check` for several appointments moved together."""
        if self.snapshot is None:
            return Availability(False, translate("MainWindow", "The calendar is still loading."))
        return local_check.check_moves(self.snapshot, self.services.context, moves)

    def _update_actions(self) -> None:
        """Enable what the selected appointment allows; say why the rest is greyed out."""
        appt = self.selected()
        now, tz = self.services.context.now(), self.services.context.timezone
        for target, action in self.status_actions.items():
            reason = refusal(appt, target, now, tz)
            action.setEnabled(reason is None)
            action.setToolTip(reason or ACTION_HELP[target]())
        self.edit_action.setEnabled(appt is not None)

    # -- actions -------------------------------------------------------------

    def _saving(self, places: Places) -> None:
        saving.mark((self.day_view, self.week_grid), places)
        self.statusBar().showMessage(translate("MainWindow", "Saving…"))

    def _saved(self, keys: list[int], saved: bool) -> None:
        saving.unmark((self.day_view, self.week_grid), keys, saved, self.desk.queue.is_saving)
        if saved:
            self.statusBar().showMessage(translate("MainWindow", "Saved."), 3000)

    def _changed(self, appointment: AppointmentView | None) -> None:
        if appointment is not None:
            self.current = appointment
        self.refresh()

    @Slot(object, QPoint)
    def context_menu(self, appointment: AppointmentView, where: QPoint) -> None:
        self.current = appointment
        self._update_actions()
        self._popup(appointment_menu(self, appointment), where)

    def _popup(self, menu: QMenu, where: QPoint) -> None:
        menu.exec(where)

    def assign_current(self, professional_id: int | None) -> None:
        appt = self.current
        if appt is not None:
            self.desk.move(appt, appt.start, appt.end, professional_id)

    @Slot(object)
    def activated(self, appointment: AppointmentView | None) -> None:
        """Enter or a double-click: open the appointment, or book when there is none."""
        if appointment is None:
            self.book()
        else:
            self.desk.edit(appointment)

    def edit_current(self) -> None:
        if self.current is not None:
            self.desk.edit(self.current)

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
        if self.tabs.currentWidget() not in self.spans:
            self.tabs.setCurrentWidget(self.day_view)
        self.show_day(appt.start.astimezone(self.services.context.timezone).date())
        self.current = appt  # selected when the day's read arrives (it keeps the selection)
        if self.model.row_of(appt.id) >= 0:
            self._reselect(appt.id)

    def booked_from_waitlist(self, booked: AppointmentView, entry_id: int) -> None:
        """Booked from the freed-time line: undoable like any booking (undo lets the
        entry wait again)."""
        self.desk.booked_from_waitlist(booked, entry_id)  # refreshes the Waitlist tab

    def report(self, error: SchedulerError, title: str = "") -> None:
        """A message box; the server unreachable is the banner's instead."""
        self.desk.report(error, title)
