"""A desk on a database it may only read: a lasting mark, and no edits offered.

The actions that change something go into one disabled QActionGroup, which
keeps them disabled whatever the window's selection logic asks of them. A
change asked some other way (a drag in the calendar) is refused by the
database layer with the reason (`ReadOnlyDatabaseError`), and nothing is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QLabel

from scheduler_app.ui.i18n import translate

if TYPE_CHECKING:
    from scheduler_app.ui.main_window import MainWindow


def mark_read_only(window: MainWindow, reason: str) -> None:
    """Show ``reason`` behind a "Read-only" mark in the status bar; disable the edits."""
    existing = window.findChild(QLabel, "read-only-mark")
    if existing is not None:
        existing.setToolTip(reason)
        return
    mark = translate("ReadOnly", "Read-only")
    label = QLabel(mark)
    label.setObjectName("read-only-mark")
    label.setAccessibleName(translate("ReadOnly", "Read-only database"))
    label.setToolTip(reason)
    label.setStyleSheet("color: white; background: #5d4037; padding: 1px 6px;")
    window.statusBar().addPermanentWidget(label)
    window.statusBar().showMessage(reason, 30_000)
    window.setWindowTitle(f"{window.windowTitle()} ({mark.lower()})")
    edits = QActionGroup(window)
    edits.setExclusionPolicy(QActionGroup.ExclusionPolicy.None_)
    for action in (
        window.book_action,
        window.edit_action,
        window.add_professional_action,
        window.add_client_action,
        window.settings_action,
        window.services_action,
        window.rules_action,
        window.resources_action,
        window.teams_action,
        window.professionals_action,
        window.leaving_action,
        window.mail_settings_action,
        window.templates_action,
        *window.status_actions.values(),
    ):
        edits.addAction(action)
    edits.setEnabled(False)
