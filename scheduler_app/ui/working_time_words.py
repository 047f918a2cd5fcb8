"""The desk's words for working time: kinds of time off, and what a shaded piece of
the calendar says."""

from __future__ import annotations

from scheduler_app.domain.working_time import CALENDAR_BUSY, TimeOffKind
from scheduler_app.ui.calendar import shading
from scheduler_app.ui.i18n import translate


def kind_name(kind: TimeOffKind | str) -> str:
    """ "Vacation", "Sick leave"... in the desk's language."""
    names = {
        TimeOffKind.VACATION: translate("WorkingTime", "Vacation"),
        TimeOffKind.SICK: translate("WorkingTime", "Sick leave"),
        TimeOffKind.TRAINING: translate("WorkingTime", "Training"),
        TimeOffKind.ABSENCE: translate("WorkingTime", "Absent"),
        TimeOffKind.BLACKOUT: translate("WorkingTime", "Blocked"),
        TimeOffKind.CLOSURE: translate("WorkingTime", "Clinic closed"),
        TimeOffKind.MAINTENANCE: translate("WorkingTime", "Maintenance"),
        TimeOffKind.CALENDAR: translate("WorkingTime", "Busy in their calendar"),
    }
    try:
        return names[TimeOffKind(kind)]
    except (ValueError, KeyError):
        return str(kind)


def shade_text(kind: str, detail: str) -> str:
    """What a shaded piece of the calendar says (see `calendar.shading`)."""
    if kind == shading.TIME_OFF and detail.startswith(CALENDAR_BUSY):
        provider = detail.removeprefix(CALENDAR_BUSY).strip(" ()")
        if not provider:
            return kind_name(TimeOffKind.CALENDAR)
        return translate("WorkingTime", "Busy in their calendar ({provider})").format(
            provider=provider
        )
    if kind == shading.TIME_OFF:
        what, _, reason = detail.partition(": ")
        name = kind_name(what)
        return f"{name}: {reason}" if reason else name
    if kind == shading.HOLIDAY:
        return detail or translate("WorkingTime", "Public holiday")
    if kind == shading.BREAK:
        return translate("WorkingTime", "Break")
    if kind == shading.UNAVAILABLE:
        return translate("WorkingTime", "Not available")
    if kind == shading.NOT_WORKING:
        return translate("WorkingTime", "Not working")
    return translate("WorkingTime", "Clinic closed")
