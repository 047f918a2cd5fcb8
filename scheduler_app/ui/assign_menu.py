"""The "Assign to" menu of an appointment: who could take it, and why not the others.

Each professional is decided by the engine on a worker (`FreeTimeService.who_can_take`);
until the answer comes the menu says it is checking. Those who could take the
appointment can be chosen; the others are shown greyed out with the reason
("does not work then", "busy 10:00-10:45 with Joana Costa").
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import AppointmentView
from scheduler_app.services.free_times import Assignee
from scheduler_app.ui.background import BackgroundJob
from scheduler_app.ui.i18n import day_text, span_text, time_text, translate, unassigned

#: Assigns the appointment to a professional (None: nobody).
Assign = Callable[[int | None], None]


def fill_assign_menu(
    menu: QMenu,
    services: Services,
    appointment: AppointmentView,
    professionals: list[tuple[int, str]],
    assign: Assign,
) -> BackgroundJob:
    """Fill ``menu`` for ``appointment`` (``professionals``: id and name, in the
    window's order); the engine is asked on a worker, the job is returned."""
    checking = menu.addAction(translate("AssignMenu", "Checking who can take it..."))
    checking.setEnabled(False)
    if appointment.professional_id is not None:
        nobody = menu.addAction(unassigned())
        nobody.triggered.connect(partial(assign, None))
    appointment_id, start, end = appointment.id, appointment.start, appointment.end
    free_times = services.free_times
    job = BackgroundJob(
        lambda _progress, _cancelled: free_times.who_can_take(appointment_id, start, end), menu
    )

    def answered(found: list[Assignee]) -> None:
        by_id = {a.professional_id: a for a in found}
        menu.removeAction(checking)
        anchor = menu.actions()[0] if menu.actions() else None  # "Unassigned" stays last
        for professional_id, name in professionals:
            verdict = by_id.get(professional_id)
            if professional_id == appointment.professional_id or verdict is None:
                continue  # its own professional, or one no longer active
            label, tip, can = name, "", verdict.refusal is None
            if not can:
                label = translate("AssignMenu", "{name} — {reason}").format(
                    name=name, reason=reason_text(verdict, services)
                )
                tip = verdict.message
            action = QAction(label, menu)
            menu.insertAction(anchor, action)  # type: ignore[arg-type]  # None: at the end
            action.setEnabled(can)
            action.setToolTip(tip)
            if can:
                action.triggered.connect(partial(assign, professional_id))

    def failed(message: str) -> None:
        checking.setText(message)

    job.finished.connect(answered)
    job.failed.connect(failed)
    job.start()
    return job


def reason_text(verdict: Assignee, services: Services) -> str:
    """Why ``verdict``'s professional cannot take it, short, in the desk's language."""
    tz = services.context.timezone
    start = verdict.start.astimezone(tz) if verdict.start is not None else None
    end = verdict.end.astimezone(tz) if verdict.end is not None else None
    if verdict.refusal == "busy" and start is not None and end is not None:
        if verdict.detail:
            return translate("AssignMenu", "busy {span} with {client}").format(
                span=span_text(start, end), client=verdict.detail
            )
        return translate("AssignMenu", "busy {span}").format(span=span_text(start, end))
    if verdict.refusal == "not working":
        return translate("AssignMenu", "does not work then")
    if verdict.refusal == "away":
        until = (
            translate("AssignMenu", " until {day} {time}").format(
                day=day_text(end.date()), time=time_text(end)
            )
            if end is not None
            else ""
        )
        if verdict.detail:
            return translate("AssignMenu", "away ({reason}){until}").format(
                reason=verdict.detail, until=until
            )
        return translate("AssignMenu", "away{until}").format(until=until)
    if verdict.refusal == "holiday":
        return translate("AssignMenu", "the clinic is closed ({holiday})").format(
            holiday=verdict.detail
        )
    if verdict.refusal == "clinic closed":
        return translate("AssignMenu", "the clinic is closed then")
    if verdict.refusal == "needed":
        return translate("AssignMenu", "needed for the appointments without a professional")
    return verdict.message
