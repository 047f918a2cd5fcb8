"""The window's toolbars and menus, built once (the window keeps the actions)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QToolBar

from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.ui import clinic_menu, help_dialogs
from scheduler_app.ui.calendar.blocks import ColorBy
from scheduler_app.ui.i18n import LANGUAGES, chosen_language, translate
from scheduler_app.ui.staff_menu import build_staff_menu

if TYPE_CHECKING:
    from scheduler_app.ui.main_window import MainWindow

S = AppointmentStatus


#: What each status action does (its tooltip while it can be used).
ACTION_HELP: dict[AppointmentStatus, Callable[[], str]] = {
    S.CONFIRMED: lambda: translate("WindowActions", "Confirm: the client will come"),
    S.CHECKED_IN: lambda: translate("WindowActions", "Check in: the client has arrived"),
    S.COMPLETED: lambda: translate("WindowActions", "Complete: record how it went"),
    S.NO_SHOW: lambda: translate("WindowActions", "No-show: the client did not come"),
    S.CANCELLED: lambda: translate("WindowActions", "Cancel the appointment (asks first)"),
    S.PENDING: lambda: translate("WindowActions", "Restore a cancelled or missed appointment"),
}


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


def undo_actions(window: MainWindow, stack: QUndoStack) -> tuple[QAction, QAction]:
    """Undo and Redo with short labels (the toolbar keeps its room); what they would
    undo or redo, with the client's full name, is in the tooltip."""
    undo = action(
        window, translate("WindowActions", "Undo"), window.desk.undo, QKeySequence.StandardKey.Undo
    )
    redo = action(window, translate("WindowActions", "Redo"), window.desk.redo)
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    for made, what, can, text, changed, text_changed in (
        (
            undo,
            translate("WindowActions", "Undo: {what}"),
            stack.canUndo(),
            stack.undoText(),
            stack.canUndoChanged,
            stack.undoTextChanged,
        ),
        (
            redo,
            translate("WindowActions", "Redo: {what}"),
            stack.canRedo(),
            stack.redoText(),
            stack.canRedoChanged,
            stack.redoTextChanged,
        ),
    ):
        tip = _Tooltip(made, what)
        made.setEnabled(can)
        tip.show(text)
        changed.connect(made.setEnabled)
        text_changed.connect(tip.show)
    return undo, redo


class _Tooltip(QObject):
    """Keeps an undo action's tooltip on what it would undo (lives with the action, so
    nothing is called once the action is gone)."""

    def __init__(self, target: QAction, template: str) -> None:
        super().__init__(target)
        self._target = target
        self._template = template
        self._plain = target.text()

    @Slot(str)
    def show(self, what: str) -> None:
        self._target.setToolTip(self._template.format(what=what) if what else self._plain)


def _name(bar: QToolBar, made: QAction, name: str) -> None:
    """The accessible name of an action's toolbar button (its text is a symbol)."""
    button = bar.widgetForAction(made)
    if button is not None:
        button.setAccessibleName(name)


def build_toolbars(window: MainWindow) -> None:
    """Navigation and the desk's appointment actions (set on the window, like setupUi)."""
    nav = QToolBar(translate("WindowActions", "Navigation"))
    nav.setObjectName("navigation")
    window.addToolBar(nav)
    previous = action(
        window,
        "◀",
        lambda: window.show_day(window.period.step(-1).anchor),
        QKeySequence.StandardKey.MoveToPreviousPage,
    )
    previous.setToolTip(translate("WindowActions", "Previous day, week or month (Page Up)"))
    nav.addAction(previous)
    _name(nav, previous, translate("WindowActions", "Previous"))
    window.today_action = action(
        window, translate("WindowActions", "Today"), window.show_today, "T"
    )
    nav.addAction(window.today_action)
    following = action(
        window,
        "▶",
        lambda: window.show_day(window.period.step(1).anchor),
        QKeySequence.StandardKey.MoveToNextPage,
    )
    following.setToolTip(translate("WindowActions", "Next day, week or month (Page Down)"))
    nav.addAction(following)
    _name(nav, following, translate("WindowActions", "Next"))
    nav.addWidget(window.date_edit)

    desk = QToolBar(translate("WindowActions", "Appointment"))
    desk.setObjectName("appointment")
    window.addToolBar(desk)
    window.book_action = action(
        window, translate("WindowActions", "Book..."), window.book, QKeySequence.StandardKey.New
    )
    desk.addAction(window.book_action)
    window.find_time_action = action(
        window, translate("WindowActions", "Find a time..."), window.find_time, "Ctrl+T"
    )
    window.find_time_action.setToolTip(
        translate("WindowActions", "The next free times for a service, and book one (Ctrl+T)")
    )
    desk.addAction(window.find_time_action)
    for target, label in (
        (S.CONFIRMED, translate("WindowActions", "Confirm")),
        (S.CHECKED_IN, translate("WindowActions", "Check in")),
        (S.COMPLETED, translate("WindowActions", "Complete...")),
        (S.NO_SHOW, translate("WindowActions", "No-show")),
        (S.CANCELLED, translate("WindowActions", "Cancel...")),
        (S.PENDING, translate("WindowActions", "Restore")),
    ):
        status = action(window, label, partial(window.change_status, target))
        window.status_actions[target] = status
        desk.addAction(status)
    window.status_actions[S.CANCELLED].setShortcut(QKeySequence.StandardKey.Delete)
    window.edit_action = action(
        window, translate("WindowActions", "Details..."), window.edit_current
    )
    desk.addAction(window.edit_action)
    window.find_action = action(
        window, translate("WindowActions", "Find client..."), window.find_client, "Ctrl+F"
    )
    desk.addAction(window.find_action)
    desk.addSeparator()
    window.undo_action, window.redo_action = undo_actions(window, window.undo_stack)
    desk.addAction(window.undo_action)
    desk.addAction(window.redo_action)


def build_menus(window: MainWindow) -> None:
    """The Clinic, View and Help menus."""
    setup = window.menuBar().addMenu(translate("WindowActions", "&Clinic"))
    setup.setToolTipsVisible(True)  # a greyed-out entry says why
    for name, text, slot in (
        ("settings_action", translate("WindowActions", "Settings..."), clinic_menu.settings),
        ("services_action", translate("WindowActions", "Services..."), clinic_menu.services),
        ("rules_action", translate("WindowActions", "Booking rules..."), clinic_menu.rules),
        (
            "resources_action",
            translate("WindowActions", "Rooms and equipment..."),
            clinic_menu.resources,
        ),
        ("teams_action", translate("WindowActions", "Teams..."), clinic_menu.teams),
        (
            "professionals_action",
            translate("WindowActions", "Professionals..."),
            clinic_menu.professionals,
        ),
        (
            "add_professional_action",
            translate("WindowActions", "Add professional..."),
            clinic_menu.add_professional,
        ),
        (
            "leaving_action",
            translate("WindowActions", "Professional leaving..."),
            clinic_menu.professional_leaving,
        ),
        (
            "working_time_action",
            translate("WindowActions", "Working time and holidays..."),
            clinic_menu.working_time,
        ),
    ):
        made = action(window, text, partial(slot, window))
        setattr(window, name, made)
        setup.addAction(made)
    setup.addSeparator()
    window.clients_action = action(
        window,
        translate("WindowActions", "Clients..."),
        partial(clinic_menu.clients, window),
        "Ctrl+Shift+C",
    )
    setup.addAction(window.clients_action)
    window.add_client_action = action(
        window, translate("WindowActions", "Add client..."), partial(clinic_menu.add_client, window)
    )
    setup.addAction(window.add_client_action)
    setup.addSeparator()
    window.mail_settings_action = action(
        window,
        translate("WindowActions", "E-mail and SMS settings..."),
        partial(clinic_menu.mail_settings, window),
    )
    setup.addAction(window.mail_settings_action)
    window.templates_action = action(
        window,
        translate("WindowActions", "Message templates..."),
        partial(clinic_menu.edit_templates, window),
    )
    setup.addAction(window.templates_action)
    window.integrations_action = action(
        window,
        translate("WindowActions", "Integrations..."),
        partial(clinic_menu.integrations, window),
    )
    setup.addAction(window.integrations_action)
    clinic_menu.for_role(
        window,
        [
            window.settings_action,
            window.services_action,
            window.rules_action,
            window.resources_action,
            window.teams_action,
            window.professionals_action,
            window.add_professional_action,
            window.leaving_action,
            window.working_time_action,
            window.mail_settings_action,
            window.templates_action,
            window.integrations_action,
        ],
    )
    setup.addSeparator()
    window.backups_action = action(
        window, translate("WindowActions", "Backups..."), partial(clinic_menu.backups, window)
    )
    setup.addAction(window.backups_action)
    window.server_action = action(
        window,
        translate("WindowActions", "Database server..."),
        partial(clinic_menu.server_settings, window),
    )
    setup.addAction(window.server_action)
    build_staff_menu(window, setup)

    view = window.menuBar().addMenu(translate("WindowActions", "&View"))
    for index, (label, key) in enumerate(
        (
            (translate("WindowActions", "Day"), "Ctrl+1"),
            (translate("WindowActions", "Week"), "Ctrl+2"),
            (translate("WindowActions", "Month"), "Ctrl+3"),
            (translate("WindowActions", "List"), "Ctrl+4"),
        )
    ):
        view.addAction(action(window, label, partial(window.tabs.setCurrentIndex, index), key))
    view.addAction(
        action(
            window,
            translate("WindowActions", "Today"),
            partial(window.tabs.setCurrentWidget, window.today_tab),
            "Ctrl+5",
        )
    )
    view.addAction(
        action(
            window,
            translate("WindowActions", "Waitlist"),
            partial(window.tabs.setCurrentWidget, window.waitlist_tab),
            "Ctrl+6",
        )
    )
    view.addAction(
        action(
            window,
            translate("WindowActions", "Rooms"),
            partial(window.tabs.setCurrentWidget, window.rooms_tab),
            "Ctrl+7",
        )
    )
    view.addSeparator()
    window.zoom_in_action = action(
        window,
        translate("WindowActions", "Zoom in"),
        lambda: window.zoom(1.25),
        QKeySequence.StandardKey.ZoomIn,
    )
    window.zoom_out_action = action(
        window,
        translate("WindowActions", "Zoom out"),
        lambda: window.zoom(0.8),
        QKeySequence.StandardKey.ZoomOut,
    )
    view.addAction(window.zoom_in_action)
    view.addAction(window.zoom_out_action)
    colors = view.addMenu(translate("WindowActions", "Colour by"))
    group = QActionGroup(window)
    window.color_actions = {}
    for by, label in (
        (ColorBy.STATUS, translate("WindowActions", "Status")),
        (ColorBy.PROFESSIONAL, translate("WindowActions", "Professional")),
        (ColorBy.SERVICE, translate("WindowActions", "Service")),
    ):
        choice = action(window, label, partial(window.color_by, by))
        choice.setCheckable(True)
        choice.setChecked(by is ColorBy.STATUS)
        group.addAction(choice)
        colors.addAction(choice)
        window.color_actions[by] = choice
    day_columns = view.addMenu(translate("WindowActions", "Day columns"))
    group = QActionGroup(window)
    window.column_actions = {}
    for by_room, label in (
        (False, translate("WindowActions", "By professional")),
        (True, translate("WindowActions", "By room and equipment")),
    ):
        choice = action(window, label, partial(window.show_by_room, by_room))
        choice.setCheckable(True)
        choice.setChecked(by_room == window.by_room)
        group.addAction(choice)
        day_columns.addAction(choice)
        window.column_actions[by_room] = choice
    panel = window.side_dock.toggleViewAction()
    panel.setText(translate("WindowActions", "Month and colours panel"))
    view.addAction(panel)
    view.addSeparator()
    languages = view.addMenu(translate("WindowActions", "Language"))
    chosen = chosen_language(window.settings)
    window.language_actions = {}
    group = QActionGroup(window)
    for code, name in LANGUAGES.items():
        label = name or translate("WindowActions", "As the system")
        choice = action(window, label, partial(window.choose_language, code))
        choice.setCheckable(True)
        choice.setChecked(code == chosen)
        group.addAction(choice)
        languages.addAction(choice)
        window.language_actions[code] = choice

    helps = window.menuBar().addMenu(translate("WindowActions", "&Help"))
    window.shortcuts_action = action(
        window,
        translate("WindowActions", "Keyboard shortcuts"),
        partial(help_dialogs.show_shortcuts, window),
        QKeySequence.StandardKey.HelpContents,
    )
    window.about_action = action(
        window, translate("WindowActions", "About"), partial(help_dialogs.show_about, window)
    )
    helps.addAction(window.shortcuts_action)
    helps.addAction(window.about_action)
