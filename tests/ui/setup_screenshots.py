"""Screenshots of the Clinic menu's dialogs and of the first-start set-up, each over the
desk window as a person sees it (called by `tests.ui.take_screenshots`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from scheduler_app.app import open_services
from scheduler_app.db.engine import sqlite_url
from scheduler_app.services.bundle import Services
from scheduler_app.ui.client_window import ClientWindow
from scheduler_app.ui.first_start import FirstStartWizard
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.professionals_dialog import ProfessionalsDialog
from scheduler_app.ui.services_dialog import ServiceEditor, ServicesDialog
from scheduler_app.ui.settings_dialog import SettingsDialog
from scheduler_app.ui.setup_dialogs import NewClientDialog, ProfessionalEditor


def settle(app: QApplication) -> None:
    for _ in range(10):
        app.processEvents()
        QTest.qWait(10)


def grab_over(
    app: QApplication,
    window: QWidget,
    dialog: QWidget,
    path: Path,
    fill: Callable[[], None] = lambda: None,
) -> None:
    """``dialog`` shown over ``window``; the screen where the window is, as seen."""
    dialog.show()
    fill()
    settle(app)
    geometry = window.frameGeometry()
    screen = window.screen()
    shot = screen.grabWindow(0, geometry.x(), geometry.y(), geometry.width(), geometry.height())
    shot.save(str(path))
    dialog.hide()
    dialog.deleteLater()
    settle(app)


def clinic_dialogs(app: QApplication, services: Services, window: MainWindow, prefix: str) -> None:
    """The Clinic menu's dialogs on the demo clinic, over ``window``."""
    out = Path(prefix)

    def name(what: str) -> Path:
        return out.with_name(f"{out.name}-{what}.png")

    grab_over(app, window, SettingsDialog(services, window), name("settings"))
    refused = SettingsDialog(services, window)

    def refuse() -> None:
        refused.reminders.setText("1440, 120")
        refused.save()

    grab_over(app, window, refused, name("settings-refused"), refuse)
    grab_over(app, window, ServicesDialog(services, window), name("services"))
    offered = services.catalog.services()
    used = [s.color for s in offered]
    editor = ServiceEditor(services, offered[0], used, window)
    grab_over(app, window, editor, name("service-editor"))
    grab_over(app, window, ProfessionalsDialog(services, window), name("professionals"))
    people = ProfessionalEditor(services, None, window)

    def refuse_name() -> None:
        people.title.setText("Osteopathy")
        people.save()

    grab_over(app, window, people, name("professional-refused"), refuse_name)
    clients = ClientWindow(services, window)

    def find() -> None:
        clients.search.setText("silva")
        clients.results.setCurrentRow(0)

    grab_over(app, window, clients, name("clients"), find)
    new = NewClientDialog(services, "Rita Lopes", window)

    def refuse_phone() -> None:
        new.form.phone.setText("91")
        new.save()

    grab_over(app, window, new, name("new-client-refused"), refuse_phone)


def first_start(app: QApplication, folder: Path, size: tuple[int, int], prefix: str) -> None:
    """The set-up of a new clinic, step by step, over its empty window."""
    services = open_services(sqlite_url(folder / "new.sqlite3"), create=True)
    services.staff.create_first_admin("ana", "Ana Lopes", "a good password")
    window = MainWindow(services)
    window.resize(*size)
    window.move(QPoint(0, 0))
    window.show()
    settle(app)
    wizard = FirstStartWizard(services, window)
    wizard.show()
    settle(app)
    steps = ("clinic", "hours", "professionals", "services")
    fills: dict[str, Callable[[], None]] = {
        "professionals": lambda: (
            wizard.professionals.name.setText("Dr Ana Silva"),
            wizard.professionals.specialty.setText("General practice"),
            wizard.professionals.add(),
            wizard.professionals.name.setText("Tom Becker"),
        ),
        "services": lambda: (
            wizard.services_step.name.setText("Consultation"),
            wizard.services_step.price.setText("45"),
            wizard.services_step.add(),
            wizard.services_step.name.setText("First visit"),
            wizard.services_step.length.setValue(60),
        ),
    }
    for index, step in enumerate(steps):
        fills.get(step, lambda: None)()
        settle(app)
        geometry = window.frameGeometry()
        shot = window.screen().grabWindow(
            0, geometry.x(), geometry.y(), geometry.width(), geometry.height()
        )
        shot.save(f"{prefix}-first-start-{index + 1}-{step}.png")
        if index < len(steps) - 1:
            wizard.next()
    wizard.reject()
    window.close()
    settle(app)
    services.database.dispose()
