"""The Clinic menu's dialogs: professionals, clients, messages, mail and the server."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog

from scheduler_app.errors import SchedulerError
from scheduler_app.ui.i18n import translate
from scheduler_app.ui.leave_dialog import LeaveDialog
from scheduler_app.ui.mail_settings_dialog import MailSettingsDialog
from scheduler_app.ui.server_settings_dialog import ServerSettingsDialog
from scheduler_app.ui.setup_dialogs import client_dialog, professional_dialog
from scheduler_app.ui.template_dialog import TemplateDialog

if TYPE_CHECKING:
    from scheduler_app.ui.main_window import MainWindow


def add_professional(window: MainWindow) -> None:
    dialog = professional_dialog(window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    services = window.services
    try:
        services.directory.add_professional(
            services.actor_id, dialog.name.text(), dialog.second.text()
        )
    except SchedulerError as exc:
        window.report(exc, translate("ClinicMenu", "Professional not added"))
        return
    window.reload_professionals()
    window.refresh()


def add_client(window: MainWindow) -> None:
    dialog = client_dialog(window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    services = window.services
    try:
        client = services.directory.add_client(
            services.actor_id, dialog.name.text(), dialog.second.text(), dialog.third.text()
        )
    except SchedulerError as exc:
        window.report(exc, translate("ClinicMenu", "Client not added"))
        return
    window.statusBar().showMessage(
        translate("ClinicMenu", "Client {name} added.").format(name=client.name), 5000
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
