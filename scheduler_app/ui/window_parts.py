"""The widgets of the main window, built once (like setupUi): the calendars, the
list, the notifications, the side panel and the status bar. The window connects
and drives them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QDateEdit, QDockWidget, QLabel, QProgressBar, QTabWidget

from scheduler_app.services.bundle import Services
from scheduler_app.services.delivery import DeliveryService
from scheduler_app.services.dto import AppointmentView, ProfessionalView, ServiceView
from scheduler_app.services.waitlist import HOLD_HOURS
from scheduler_app.ui.calendar.blocks import ColorBy, Palette
from scheduler_app.ui.calendar.month_view import MonthView
from scheduler_app.ui.calendar.period import Period, Span
from scheduler_app.ui.calendar.resource_grid import Column, ResourceGrid
from scheduler_app.ui.calendar.week_view import READABLE_WIDTH, WeekView
from scheduler_app.ui.i18n import period_title, translate
from scheduler_app.ui.list_tab import ListTab
from scheduler_app.ui.notifications_view import NotificationsView
from scheduler_app.ui.rooms_tab import RoomsTab
from scheduler_app.ui.service_calls import service_on_a_worker
from scheduler_app.ui.side_panel import SidePanel
from scheduler_app.ui.today_tab import TodayTab
from scheduler_app.ui.waitlist_bar import FreedBar
from scheduler_app.ui.waitlist_tab import WaitlistTab

if TYPE_CHECKING:
    from scheduler_app.ui.main_window import MainWindow


def build_calendars(window: MainWindow) -> None:
    """The day and week grids, the month, the list, the Today board and the
    notifications, as tabs."""
    services, org = window.services, window.org
    tz = services.context.timezone

    def grid(min_width: float, name: str) -> ResourceGrid:
        view = ResourceGrid(
            window.model,
            tz,
            window.check,
            check_group=window.check_moves,
            check_room=window.check_room,
            slot_minutes=org.slot_minutes,
            opens_at=org.opens_at,
            closes_at=org.closes_at,
            now=services.context.now,
            min_column_width=min_width,
        )
        view.accessible_base = name
        view.announce()
        view.book_requested.connect(window.book_at)
        view.book_room_requested.connect(window.book_in_room)
        view.move_requested.connect(window.desk.move)
        view.room_move_requested.connect(window.desk.move_room)
        view.group_move_requested.connect(window.desk.move_group)
        view.selection_changed.connect(window.calendar_selected)
        view.context_requested.connect(window.context_menu)
        view.hover_message.connect(window.hover_message)
        view.activated.connect(window.activated)
        view.zoom_requested.connect(window.zoom)
        return view

    window.day_view = grid(96.0, translate("MainWindow", "Day calendar"))
    window.week_grid = grid(READABLE_WIDTH, translate("MainWindow", "Week calendar"))
    window.week_view = WeekView(window.week_grid)
    window.week_view.shown_changed.connect(window.refresh)
    month = window.month_view = MonthView(window.model, tz, window.check, now=services.context.now)
    month.setAccessibleName(translate("MainWindow", "Month calendar"))
    month.selection_changed.connect(window.calendar_selected)
    month.move_requested.connect(window.desk.move)
    month.context_requested.connect(window.context_menu)
    month.hover_message.connect(window.hover_message)
    month.day_chosen.connect(window.day_chosen)
    month.day_opened.connect(window.open_day)

    window.list_tab = ListTab(window.model)
    window.table = window.list_tab.table
    window.list_tab.selection_changed.connect(window.list_selected)
    window.list_tab.activated.connect(window.activated)
    window.list_tab.context_requested.connect(window.context_menu)
    window.notifications = NotificationsView(
        service_on_a_worker(DeliveryService(services.context)), tz, services.actor_id
    )
    today = window.today_tab = TodayTab(services.today, tz)
    today.selection_changed.connect(window.today_selected)
    today.activated.connect(window.activated)
    today.context_requested.connect(window.context_menu)
    today.day_requested.connect(window.open_day)
    today.notifications_requested.connect(window.show_notifications)

    tabs = window.tabs = QTabWidget()
    tabs.addTab(window.day_view, translate("MainWindow", "Day"))
    tabs.addTab(window.week_view, translate("MainWindow", "Week"))
    tabs.addTab(window.month_view, translate("MainWindow", "Month"))
    tabs.addTab(window.list_tab, translate("MainWindow", "List"))
    tabs.addTab(window.today_tab, translate("MainWindow", "Today"))
    tabs.addTab(window.notifications, translate("MainWindow", "Notifications"))
    waitlist = window.waitlist_tab = WaitlistTab(services, lambda: window.day)
    waitlist.failed.connect(window.report)
    tabs.addTab(waitlist, translate("MainWindow", "Waitlist"))
    rooms = window.rooms_tab = RoomsTab(services, lambda: window.day)
    rooms.failed.connect(lambda message: window.statusBar().showMessage(message, 10_000))
    tabs.addTab(rooms, translate("MainWindow", "Rooms"))
    tabs.setAccessibleName(translate("MainWindow", "Views"))
    window.setCentralWidget(tabs)
    window.spans = {
        window.day_view: Span.DAY,
        window.week_view: Span.WEEK,
        window.month_view: Span.MONTH,
    }

    panel = window.side_panel = SidePanel()
    panel.day_chosen.connect(window.show_day)
    dock = window.side_dock = QDockWidget(translate("MainWindow", "Month and colours"), window)
    dock.setObjectName("side-panel")
    dock.setAccessibleName(translate("MainWindow", "Month and colours"))
    dock.setWidget(panel)
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetClosable
        | QDockWidget.DockWidgetFeature.DockWidgetMovable
    )
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)


def build_status_bar(window: MainWindow) -> None:
    """The day chooser (for the toolbar), loading and connection marks, the summary."""
    day = window.day
    window.date_edit = QDateEdit(QDate(day.year, day.month, day.day))
    window.date_edit.setCalendarPopup(True)
    window.date_edit.setDisplayFormat("ddd d MMM yyyy")
    window.date_edit.setLocale(QLocale())
    window.date_edit.setAccessibleName(translate("MainWindow", "Day shown"))
    widest = max(  # the longest day name of the locale fits
        window.date_edit.fontMetrics().horizontalAdvance(
            QLocale().toString(QDate(2026, 9, d), "ddd d MMM yyyy")
        )
        for d in range(20, 27)
    )
    window.date_edit.setMinimumWidth(widest + 40)
    window.date_edit.dateChanged.connect(window.date_edited)
    window.summary = QLabel()
    window.summary.setAccessibleName(translate("MainWindow", "Summary of the period shown"))
    window.busy = QProgressBar()
    window.busy.setRange(0, 0)  # busy, no known end
    window.busy.setMaximumWidth(120)
    window.busy.setFormat(translate("MainWindow", "Loading"))
    window.busy.setAccessibleName(translate("MainWindow", "Loading"))
    window.busy.hide()
    window.connection = QLabel()
    window.connection.setAccessibleName(translate("MainWindow", "Database connection"))
    window.connection.setStyleSheet("color: white; background: #c62828; padding: 1px 6px;")
    window.connection.hide()
    bar = window.statusBar()
    bar.addPermanentWidget(window.busy)
    bar.addPermanentWidget(window.connection)
    window.conflicts = QLabel()
    window.conflicts.setAccessibleName(translate("MainWindow", "Open conflicts"))
    window.conflicts.setStyleSheet("color: white; background: #b71c1c; padding: 1px 6px;")
    window.conflicts.setToolTip(
        translate(
            "MainWindow",
            "Appointments no professional can take since a manager's forced change: "
            "give each a professional or another time.",
        )
    )
    window.conflicts.hide()
    bar.addPermanentWidget(window.conflicts)
    freed = window.freed_bar = FreedBar(window.services, window.desk.queue)
    freed.booked.connect(window.booked_from_waitlist)
    freed.held.connect(lambda view, _entry: held_for_client(window, view))
    freed.failed.connect(window.report)
    window.desk.freed = lambda times: freed.check(times, window.report)
    bar.addWidget(freed)
    bar.addPermanentWidget(window.summary)


def held_for_client(window: MainWindow, held: AppointmentView) -> None:
    """A time held from the waitlist: shown where it is, and said in the status bar."""
    window.desk.changed(held)
    until = window.services.context.now() + timedelta(hours=HOLD_HOURS)
    local = until.astimezone(window.services.context.timezone)
    window.statusBar().showMessage(
        translate(
            "MainWindow", "Held for {client} until {time}; they were asked to call back."
        ).format(client=held.client_name, time=f"{local:%H:%M}"),
        15_000,
    )
    if window.tabs.currentWidget() is window.waitlist_tab:
        window.waitlist_tab.refresh()


def roster(services: Services) -> tuple[list[ProfessionalView], list[ServiceView]]:
    """The professionals and the services, as the window's columns and colours need."""
    return services.directory.professionals(), services.directory.services()


def show_colours(
    window: MainWindow, by: ColorBy, kinds: Sequence[ServiceView], columns: Sequence[Column]
) -> None:
    """Fill the window's appointments by status, professional or service ``kinds``
    (the grids, the month and the legend)."""
    professionals = {c.professional_id: c.color for c in columns if c.professional_id is not None}
    palette = Palette(by, professionals, {t.id: t.color for t in kinds})
    window.day_view.set_palette(palette)
    window.week_grid.set_palette(palette)
    window.month_view.fills = palette
    window.month_view.update()
    names = {c.professional_id: c.name for c in columns if c.professional_id}
    window.side_panel.legend.show_palette(palette, names, {t.id: t.name for t in kinds})
    window.color_actions[by].setChecked(True)
    window.color_choice = by


def summary(period: Period, appointments: Sequence[AppointmentView]) -> str:
    """The status bar's count of a period's appointments (one with several
    professionals once)."""
    counted = [a for a in appointments if a.joint_of is None]
    active = sum(1 for a in counted if a.status.is_active)
    title = period_title(period.span.value, period.first, period.last, period.anchor)
    return translate("MainWindow", "{period}: {active} active, {all} in all").format(
        period=title, active=active, all=len(counted)
    )
