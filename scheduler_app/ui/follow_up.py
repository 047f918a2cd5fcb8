"""Book a follow-up, or the same again: a new booking that starts from an appointment.

Both go through Find a time with the appointment's client, service, professional
and length: a follow-up from the same weekday some weeks later, a copy from the
appointment's own day. The desk picks one of the free times (or changes any field)
and books it like any booking (undoable, checked by the service).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from scheduler_app.services.dto import AppointmentView
from scheduler_app.ui.find_time_dialog import FindTimeDialog
from scheduler_app.ui.i18n import translate

if TYPE_CHECKING:
    from scheduler_app.ui.main_window import MainWindow

# The follow-ups offered, in weeks after the appointment.
FOLLOW_UP_WEEKS = (1, 2, 3, 4, 6, 8, 12)


def add_follow_up_actions(menu: QMenu, window: MainWindow, appointment: AppointmentView) -> None:
    """ "Book follow-up" (in 1 to 12 weeks) and "Copy appointment..." in ``menu``."""
    follow_up = menu.addMenu(translate("FollowUp", "Book follow-up"))
    for weeks in FOLLOW_UP_WEEKS:
        text = (
            translate("FollowUp", "In 1 week")
            if weeks == 1
            else translate("FollowUp", "In {n} weeks").format(n=weeks)
        )
        action = follow_up.addAction(text)
        action.triggered.connect(partial(book_follow_up, window, appointment, weeks))
    copy = menu.addAction(translate("FollowUp", "Copy appointment..."))
    copy.triggered.connect(partial(copy_appointment, window, appointment))


def book_follow_up(window: MainWindow, appointment: AppointmentView, weeks: int) -> None:
    """Find a time ``weeks`` after ``appointment`` for the same client, service,
    professional and length; choosing one books it."""
    if window.desk.refused_while_paused():
        return
    day = _local_day(window, appointment) + timedelta(weeks=weeks)
    window.desk.book_with(finder_like(window, appointment, day))


def copy_appointment(window: MainWindow, appointment: AppointmentView) -> None:
    """The same appointment again, at a free time the desk chooses (from its day on)."""
    if window.desk.refused_while_paused():
        return
    window.desk.book_with(finder_like(window, appointment, _local_day(window, appointment)))


def finder_like(
    window: MainWindow, appointment: AppointmentView, first_day: date
) -> FindTimeDialog:
    """Find a time from ``first_day``, filled in from ``appointment``."""
    dialog = FindTimeDialog(window.services, first_day, window)
    minutes = int((appointment.end - appointment.start).total_seconds() // 60)
    dialog.preset(
        appointment.service_id,
        minutes,
        appointment.professional_id,
        (True, appointment.client_id),
        appointment.client_name,
    )
    return dialog


def _local_day(window: MainWindow, appointment: AppointmentView) -> date:
    return appointment.start.astimezone(window.services.context.timezone).date()
