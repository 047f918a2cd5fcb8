""" "Book both?": the question a desk answers when a change would book a client in two
places at once (`ClientClashError`). Any role may answer yes: the services then save
the change and record the overlap as a time conflict."""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtWidgets import QWidget

from scheduler_app.errors import ClientClashError
from scheduler_app.ui.i18n import day_text, time_text, translate
from scheduler_app.ui.message_boxes import ask


def clash_words(error: ClientClashError, tz: tzinfo) -> str:
    """What stands in the way, in the desk's language: whose other appointment, when,
    with whom."""
    start, end = error.other_start.astimezone(tz), error.other_end.astimezone(tz)
    span = f"{time_text(start)}\N{EN DASH}{time_text(end)}"
    if start.date() != end.date():
        span = (
            f"{day_text(start.date())} {time_text(start)}\N{EN DASH}"
            f"{day_text(end.date())} {time_text(end)}"
        )
    if error.other_professional:
        said = translate(
            "ClientClash", "{client} already has an appointment at {span} with {professional}."
        ).format(client=error.client_name, span=span, professional=error.other_professional)
    else:
        said = translate("ClientClash", "{client} already has an appointment at {span}.").format(
            client=error.client_name, span=span
        )
    if error.others > 1:
        said += " " + translate("ClientClash", "({count} appointments at that time.)").format(
            count=error.others
        )
    return said


def clash_text(error: ClientClashError, tz: tzinfo, *, moving: bool = False) -> str:
    """The question in the desk's language (`clash_words`, then "Book both?")."""
    question = (
        translate("ClientClash", "Keep both?") if moving else translate("ClientClash", "Book both?")
    )
    return f"{clash_words(error, tz)} {question}"


def confirm_clash(
    parent: QWidget | None, error: ClientClashError, tz: tzinfo, *, moving: bool = False
) -> bool:
    """Ask whether to book the client twice at once; True when the desk says yes."""
    return ask(
        parent,
        translate("ClientClash", "Client already booked"),
        clash_text(error, tz, moving=moving),
        translate("ClientClash", "Keep both") if moving else translate("ClientClash", "Book both"),
        translate("ClientClash", "Put it back")
        if moving
        else translate("ClientClash", "Don't book"),
    )
