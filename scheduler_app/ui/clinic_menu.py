"""The Clinic menu's dialogs: settings, services, booking rules, professionals,
clients, messages, mail, backups and the server.

Settings, services and professionals are a manager's or an administrator's: for
a reception account their entries are greyed out and say why (`for_role`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from scheduler_app.errors import SchedulerError
from scheduler_app.services.checks import MANAGERS
from scheduler_app.ui.client_window import ClientWindow
from scheduler_app.ui.i18n import translate
from scheduler_app.ui.integrations_dialog import IntegrationsDialog
from scheduler_app.ui.leave_dialog import LeaveDialog
from scheduler_app.ui.mail_settings_dialog import MailSettingsDialog
from scheduler_app.ui.professionals_dialog import ProfessionalsDialog
from scheduler_app.ui.resources_dialog import ResourcesDialog
from scheduler_app.ui.rules_dialog import RulesDialog
from scheduler_app.ui.server_settings_dialog import ServerSettingsDialog
from scheduler_app.ui.services_dialog import ServicesDialog
from scheduler_app.ui.settings_dialog import SettingsDialog
from scheduler_app.ui.setup_dialogs import NewClientDialog, ProfessionalEditor
from scheduler_app.ui.teams_dialog import TeamsDialog
from scheduler_app.ui.template_dialog import TemplateDialog
from scheduler_app.ui.working_time_dialog import WorkingTimeDialog

if TYPE_CHECKING:
    from scheduler_app.ui.main_window import MainWindow


def is_manager(window: MainWindow) -> bool:
    """Whether the desk's account may change the clinic's set-up."""
    services = window.services
    try:
        account = services.directory.account(services.actor_id)
    except SchedulerError:
        return False
    return account is not None and account.role in {r.value for r in MANAGERS}


def for_role(window: MainWindow, actions: list[QAction]) -> None:
    """Grey out ``actions`` for a reception account, saying why."""
    if is_manager(window):
        return
    why = translate(
        "ClinicMenu", "Only a manager or an administrator can change this (you are at reception)."
    )
    for action in actions:
        action.setEnabled(False)
        action.setToolTip(why)
        action.setStatusTip(why)


def settings(window: MainWindow) -> None:
    """Clinic > Settings; the window is rebuilt in what was saved (a new time zone,
    grid step or opening hours show everywhere)."""
    dialog = SettingsDialog(window.services, window)
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
        window.settings_changed.emit()


def services(window: MainWindow) -> None:
    dialog = ServicesDialog(window.services, window)
    dialog.exec()
    if dialog.changed:
        window.color_by(window.color_choice)
        window.refresh()


def rules(window: MainWindow) -> None:
    """Clinic > Booking rules (they apply from the next booking; nothing to reload)."""
    RulesDialog(window.services, window).exec()


def resources(window: MainWindow) -> None:
    """Clinic > Rooms and equipment; the calendar shows the rooms as changed."""
    dialog = ResourcesDialog(window.services, window)
    dialog.exec()
    if dialog.changed:
        window.refresh()


def teams(window: MainWindow) -> None:
    """Clinic > Teams (who may give which service changes with them)."""
    TeamsDialog(window.services, window).exec()


def integrations(window: MainWindow) -> None:
    """Clinic > Integrations: professionals' calendars kept in step (busy time read
    from them shows in the calendar at the next refresh)."""
    IntegrationsDialog(window.services, window).exec()
    window.refresh()


def professionals(window: MainWindow) -> None:
    dialog = ProfessionalsDialog(window.services, window)
    dialog.exec()
    if dialog.changed:
        _professionals_changed(window, dialog.departure_text)
    if dialog.added:
        window.desk.freed(dialog.added)  # who waits for the hours added


def add_professional(window: MainWindow) -> None:
    dialog = ProfessionalEditor(window.services, None, window)
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
        _professionals_changed(window, "")


def _professionals_changed(window: MainWindow, news: str) -> None:
    window.reload_professionals()
    window.color_by(window.color_choice)
    window.refresh()
    if news:
        window.statusBar().showMessage(news, 15_000)


def clients(window: MainWindow) -> None:
    """Clinic > Clients: a window beside the calendar (one at a time)."""
    shown = window.findChild(ClientWindow)
    if shown is None:
        shown = ClientWindow(window.services, window)
        shown.finished.connect(lambda _result: window.refresh())  # names may have changed
    shown.show()
    shown.raise_()
    shown.activateWindow()


def add_client(window: MainWindow) -> None:
    dialog = NewClientDialog(window.services, "", window)
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
        window.statusBar().showMessage(
            translate("ClinicMenu", "Client {name} added.").format(name=dialog.saved.name), 5000
        )


def professional_leaving(window: MainWindow) -> None:
    """Clinic > Professional leaving: decided before it is saved (see `LeaveDialog`)."""
    dialog = LeaveDialog(window.services, window)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.departure is None:
        return
    gone = dialog.departure
    text = translate(
        "ClinicMenu", "{name} leaves: {count} of their appointments wait for another professional."
    ).format(name=dialog.who.currentText(), count=gone.unassigned)
    if gone.set_aside:
        text += " " + translate("ClinicMenu", "{count} recorded as a conflict.").format(
            count=gone.set_aside
        )
    window.statusBar().showMessage(text, 15_000)
    window.reload_professionals()
    window.refresh()


def working_time(window: MainWindow) -> None:
    """Clinic > Working time: plans, dated days, time off, holidays (each change that
    takes working time away decided before it is saved, see `WorkingTimeDialog`)."""
    dialog = WorkingTimeDialog(window.services, window)
    dialog.exec()
    if dialog.changed:
        window.refresh()
    if dialog.added:
        window.desk.freed(dialog.added)  # who waits for the hours added, like a cancel


def backups(window: MainWindow) -> None:
    from scheduler_app.ui.backups_dialog import BackupsDialog

    BackupsDialog(window.services, window, release=window.release_database).exec()


def edit_templates(window: MainWindow) -> None:
    TemplateDialog(window.services, window).exec()


def mail_settings(window: MainWindow) -> None:
    MailSettingsDialog(window.services, window).exec()


def server_settings(window: MainWindow) -> None:
    dialog = ServerSettingsDialog(str(window.services.database.engine.url), window)
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_to is not None:
        window.statusBar().showMessage(
            translate(
                "ClinicMenu", "Saved in {file}: used from the next start of the scheduler."
            ).format(file=dialog.saved_to),
            15_000,
        )
