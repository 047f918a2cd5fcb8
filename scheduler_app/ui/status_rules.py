"""Why a status change would be refused, known before asking (to disable the action).

The services decide again when the change is made; these are the same rules,
checked against what the desk shows, so an action that would be refused is
greyed out with the reason in its tooltip instead of failing after a click.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from scheduler_app.domain.status import TRANSITIONS, AppointmentStatus
from scheduler_app.services.dto import AppointmentView
from scheduler_app.ui.i18n import day_text, status_label, time_text, translate

S = AppointmentStatus
RESTORE = S.PENDING  # the action that brings back a cancelled or no-show appointment


def refusal(
    appt: AppointmentView | None, target: AppointmentStatus, now: datetime, tz: ZoneInfo
) -> str | None:
    """Why ``target`` cannot be applied to ``appt`` now (None: it can)."""
    if appt is None:
        return translate("StatusRules", "Select an appointment first.")
    current = appt.status
    if target is RESTORE and current in (S.CANCELLED, S.NO_SHOW):
        return None
    if target is RESTORE or target not in TRANSITIONS[current]:
        if current == target:
            return translate("StatusRules", "It is already {status}.").format(
                status=status_label(current).lower()
            )
        return translate("StatusRules", "A {status} appointment cannot change this way.").format(
            status=status_label(current).lower()
        )
    start = appt.start.astimezone(tz)
    if target == S.CONFIRMED and appt.professional_id is None:
        return translate("StatusRules", "Assign a professional before confirming.")
    if target == S.CHECKED_IN and start.date() != now.astimezone(tz).date():
        return translate("StatusRules", "Only today's appointments can be checked in.")
    if target == S.NO_SHOW and now < appt.start:
        return translate(
            "StatusRules", "It has not started yet (it starts at {time} on {day})."
        ).format(time=time_text(start), day=day_text(start.date()))
    return None
