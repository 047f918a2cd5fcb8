"""Ask for the shared server's password at start, when the server wants one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from scheduler_app.errors import PasswordRequiredError
from scheduler_app.server_settings import ServerSettings
from scheduler_app.ui.dialog_buttons import dialog_buttons
from scheduler_app.ui.i18n import translate

T = TypeVar("T")
ATTEMPTS = 3


@dataclass(frozen=True)
class Answer:
    password: str
    remember: bool


class PasswordDialog(QDialog):
    def __init__(
        self, settings: ServerSettings | None, reason: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("PasswordPrompt", "Database password"))
        form = QFormLayout(self)
        where = (
            translate("PasswordPrompt", "{user} on {host}/{database}").format(
                user=settings.user, host=settings.host, database=settings.database
            )
            if settings is not None
            else translate("PasswordPrompt", "the database server")
        )
        form.addRow(
            QLabel(
                translate("PasswordPrompt", "{reason}\nPassword for {where}:").format(
                    reason=reason, where=where
                )
            )
        )
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(translate("PasswordPrompt", "Password"))
        form.addRow(translate("PasswordPrompt", "Password:"), self.password)
        self.remember = QCheckBox(translate("PasswordPrompt", "Remember it on this computer"))
        form.addRow(self.remember)
        form.addRow(dialog_buttons(self, accept=QDialogButtonBox.StandardButton.Ok))

    def answer(self) -> Answer | None:
        if self.exec() != QDialog.DialogCode.Accepted:
            return None
        return Answer(self.password.text(), self.remember.isChecked())


def open_with_password(
    open_with: Callable[[str], T],
    settings: ServerSettings | None,
    password: str = "",
    ask: Callable[[str], Answer | None] | None = None,
) -> tuple[T, Answer | None] | None:
    """``open_with(password)``, asking again while the server refuses (a few times).

    Returns what was opened and the answer that opened it (None when no one was
    asked), or None when the person cancelled. Other errors pass through.
    """
    if ask is None:
        ask = lambda reason: PasswordDialog(settings, reason).answer()  # noqa: E731
    answer: Answer | None = None
    for attempt in range(ATTEMPTS + 1):
        try:
            return open_with(password), answer
        except PasswordRequiredError as exc:
            if attempt == ATTEMPTS:
                raise
            answer = ask(exc.message)
            if answer is None:
                return None
            password = answer.password
    raise AssertionError("unreachable")  # pragma: no cover
