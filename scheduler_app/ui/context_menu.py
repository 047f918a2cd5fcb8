"""The menu of one appointment (a right-click in the calendars or the list)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from scheduler_app.services.dto import AppointmentView
from scheduler_app.services.series_dto import SeriesScope
from scheduler_app.ui.assign_menu import fill_assign_menu
from scheduler_app.ui.follow_up import add_follow_up_actions
from scheduler_app.ui.i18n import translate
from scheduler_app.ui.staff_menu import appointment_history

if TYPE_CHECKING:
    from scheduler_app.ui.main_window import MainWindow


def appointment_menu(window: MainWindow, appointment: AppointmentView) -> QMenu:
    """Status changes, details, its notifications, and whom to assign it to (those
    who could take it; the others greyed out with the reason)."""
    menu = QMenu(window)
    for action in window.status_actions.values():
        menu.addAction(action)
    menu.addAction(window.edit_action)
    history = menu.addAction(translate("ContextMenu", "Notifications..."))
    history.triggered.connect(partial(window.show_notifications, appointment.id))
    changes = menu.addAction(translate("ContextMenu", "History..."))
    changes.triggered.connect(partial(appointment_history, window, appointment.id))
    if appointment.series_id is not None and appointment.status.is_active:
        following = menu.addAction(translate("ContextMenu", "Change this and the following..."))
        following.triggered.connect(
            partial(window.desk.change_series, appointment, SeriesScope.FOLLOWING)
        )
        whole = menu.addAction(translate("ContextMenu", "Change the whole series..."))
        whole.triggered.connect(partial(window.desk.change_series, appointment, SeriesScope.ALL))
    add_follow_up_actions(menu, window, appointment)
    assign = menu.addMenu(translate("ContextMenu", "Assign to"))
    assign.setToolTipsVisible(True)  # a greyed-out professional says why
    choices = [(p.id, p.name) for p in window.professional_model.professionals()]
    fill_assign_menu(assign, window.services, appointment, choices, window.assign_current)
    return menu
