"""Message boxes titled for what happened, in the desk's language.

A refused change is titled for the change ("Appointment not moved"), not for the
kind of error; the text is the service's reason.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from scheduler_app.errors import (
    BusyError,
    ConflictError,
    DatabaseUnavailableError,
    NotFoundError,
    PermissionDeniedError,
    SchedulerError,
    StaleDataError,
    TransitionError,
)
from scheduler_app.ui.i18n import translate


def error_title(error: SchedulerError) -> str:
    """A title for an error when no action names it better."""
    titles: list[tuple[type[SchedulerError], str]] = [
        (ConflictError, translate("Messages", "Time not available")),
        (TransitionError, translate("Messages", "Status not changed")),
        (StaleDataError, translate("Messages", "Changed by someone else")),
        (PermissionDeniedError, translate("Messages", "Not allowed")),
        (BusyError, translate("Messages", "Schedule busy")),
        (DatabaseUnavailableError, translate("Messages", "Database unreachable")),
        (NotFoundError, translate("Messages", "Not found")),
    ]
    return next(
        (text for kind, text in titles if isinstance(error, kind)),
        translate("Messages", "Not done"),
    )


def warn(parent: QWidget | None, error: SchedulerError, title: str = "") -> None:
    """Tell why something was not done; ``title`` says what (else the error's kind)."""
    QMessageBox.warning(parent, title or error_title(error), error.message)


def ask(parent: QWidget | None, title: str, text: str, yes: str, no: str) -> bool:
    """A question whose buttons say what they do; True for ``yes``."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button
