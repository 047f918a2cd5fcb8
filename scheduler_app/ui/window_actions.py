"""The window's toolbars and menus, built once (the window keeps the actions)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QToolBar

from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.ui.calendar.blocks import ColorBy

if TYPE_CHECKING:
    from scheduler_app.ui.main_window import MainWindow

S = AppointmentStatus


def action(
    parent: QObject,
    text: str,
    slot: Callable[[], None],
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
) -> QAction:
    made = QAction(text, parent)
    made.triggered.connect(slot)
    if shortcut is not None:
        made.setShortcut(QKeySequence(shortcut))
    return made


def build_toolbars(window: MainWindow) -> None:
    """Navigation and the desk's appointment actions (set on the window, like setupUi)."""
    nav = QToolBar("Navigation")
    nav.setObjectName("navigation")
    window.addToolBar(nav)
    nav.addAction(
        action(
            window,
            "Previous",
            lambda: window.show_day(window.period.step(-1).anchor),
            QKeySequence.StandardKey.MoveToPreviousPage,
        )
    )
    window.today_action = action(window, "Today", window.show_today, "T")
    nav.addAction(window.today_action)
    nav.addAction(
        action(
            window,
            "Next",
            lambda: window.show_day(window.period.step(1).anchor),
            QKeySequence.StandardKey.MoveToNextPage,
        )
    )
    nav.addWidget(window.date_edit)

    desk = QToolBar("Appointment")
    desk.setObjectName("appointment")
    window.addToolBar(desk)
    window.book_action = action(window, "Book...", window.book, QKeySequence.StandardKey.New)
    desk.addAction(window.book_action)
    for target, label in (
        (S.CONFIRMED, "Confirm"),
        (S.CHECKED_IN, "Check in"),
        (S.COMPLETED, "Complete"),
        (S.NO_SHOW, "No-show"),
        (S.CANCELLED, "Cancel..."),
        (S.PENDING, "Restore"),
    ):
        status = action(window, label, partial(window.change_status, target))
        window.status_actions[target] = status
        desk.addAction(status)
    window.status_actions[S.CANCELLED].setShortcut(QKeySequence.StandardKey.Delete)
    window.edit_action = action(window, "Details...", window.edit_current)
    desk.addAction(window.edit_action)
    window.find_action = action(window, "Find client...", window.find_client, "Ctrl+F")
    desk.addAction(window.find_action)
    desk.addSeparator()
    undo = window.undo_stack.createUndoAction(window, "Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = window.undo_stack.createRedoAction(window, "Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    desk.addAction(undo)
    desk.addAction(redo)


def build_menus(window: MainWindow) -> None:
    """The Clinic and View menus."""
    setup = window.menuBar().addMenu("&Clinic")
    window.add_professional_action = action(window, "Add professional...", window.add_professional)
    window.add_client_action = action(window, "Add client...", window.add_client)
    setup.addAction(window.add_professional_action)
    window.leaving_action = action(window, "Professional leaving...", window.professional_leaving)
    setup.addAction(window.leaving_action)
    setup.addAction(window.add_client_action)
    window.mail_settings_action = action(window, "E-mail and SMS settings...", window.mail_settings)
    setup.addAction(window.mail_settings_action)
    window.templates_action = action(window, "Message templates...", window.edit_templates)
    setup.addAction(window.templates_action)
    setup.addSeparator()
    window.backups_action = action(window, "Backups...", window.backups)
    setup.addAction(window.backups_action)
    window.server_action = action(window, "Database server...", window.server_settings)
    setup.addAction(window.server_action)

    view = window.menuBar().addMenu("&View")
    for index, (label, key) in enumerate(
        (("Day", "Ctrl+1"), ("Week", "Ctrl+2"), ("Month", "Ctrl+3"), ("List", "Ctrl+4"))
    ):
        view.addAction(action(window, label, partial(window.tabs.setCurrentIndex, index), key))
    view.addSeparator()
    window.zoom_in_action = action(
        window, "Zoom in", lambda: window.zoom(1.25), QKeySequence.StandardKey.ZoomIn
    )
    window.zoom_out_action = action(
        window, "Zoom out", lambda: window.zoom(0.8), QKeySequence.StandardKey.ZoomOut
    )
    view.addAction(window.zoom_in_action)
    view.addAction(window.zoom_out_action)
    colours = view.addMenu("Colour by")
    group = QActionGroup(window)
    window.color_actions = {}
    for by, label in (
        (ColorBy.STATUS, "Status"),
        (ColorBy.PROFESSIONAL, "Professional"),
        (ColorBy.SERVICE, "Service"),
    ):
        colour = action(window, label, partial(window.color_by, by))
        colour.setCheckable(True)
        colour.setChecked(by is ColorBy.STATUS)
        group.addAction(colour)
        colours.addAction(colour)
        window.color_actions[by] = colour
