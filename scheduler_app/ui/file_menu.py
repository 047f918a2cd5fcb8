"""The File menu: printing, reports, and moving clients and appointments in and out."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from scheduler_app.services.dto import AppointmentView
from scheduler_app.ui.export_dialog import ExportDialog
from scheduler_app.ui.i18n import period_title, translate
from scheduler_app.ui.import_dialog import ImportDialog
from scheduler_app.ui.print_dialog import PrintDialog
from scheduler_app.ui.reports_window import ReportsWindow
from scheduler_app.ui.window_actions import action

if TYPE_CHECKING:
    from scheduler_app.ui.main_window import MainWindow


def listed(window: MainWindow) -> tuple[str, list[AppointmentView]]:
    """The List tab's heading (the period, and the filter if any) and its rows, in
    the order and with the filter it shows them."""
    tab = window.list_tab
    rows = [tab.appointment_at(tab.proxy.index(r, 0)) for r in range(tab.proxy.rowCount())]
    period = window.period
    heading = period_title(period.span.value, period.first, period.last, period.anchor)
    typed = tab.filter.text().strip()
    if typed:
        heading = translate("FileMenu", "{period}, filtered by “{text}”").format(
            period=heading, text=typed
        )
    return heading, [r for r in rows if r is not None]


def open_print_dialog(window: MainWindow) -> None:
    dialog = PrintDialog(window.services, window.day, partial(listed, window), window)
    dialog.exec()


def open_reports(window: MainWindow) -> None:
    """The reports window (one per desk window; brought forward if open)."""
    reports = window.reports_window
    if reports is None:
        reports = window.reports_window = ReportsWindow(window.services, window.day, window)
    reports.show()
    reports.raise_()
    reports.activateWindow()


def open_import_dialog(window: MainWindow) -> None:
    dialog = ImportDialog(window.services, window)
    dialog.imported.connect(lambda _outcome: _schedule_grew(window))
    dialog.exec()


def _schedule_grew(window: MainWindow) -> None:
    window.reload_professionals()
    window.refresh()


def open_export_dialog(window: MainWindow) -> None:
    ExportDialog(window.services, window.day, window).exec()


def build_file_menu(window: MainWindow) -> QMenu:
    """The File menu, first in the menu bar."""
    bar = window.menuBar()
    first = bar.actions()[0] if bar.actions() else None
    menu = QMenu(translate("FileMenu", "&File"), window)
    if first is not None:
        bar.insertMenu(first, menu)
    else:
        bar.addMenu(menu)
    window.print_action = action(
        window,
        translate("FileMenu", "Print..."),
        partial(open_print_dialog, window),
        QKeySequence.StandardKey.Print,
    )
    menu.addAction(window.print_action)
    window.reports_action = action(
        window, translate("FileMenu", "Reports..."), partial(open_reports, window), "Ctrl+R"
    )
    menu.addAction(window.reports_action)
    menu.addSeparator()
    window.import_action = action(
        window,
        translate("FileMenu", "Import clients and appointments..."),
        partial(open_import_dialog, window),
    )
    window.export_action = action(
        window, translate("FileMenu", "Export to iCalendar..."), partial(open_export_dialog, window)
    )
    menu.addAction(window.import_action)
    menu.addAction(window.export_action)
    return menu
