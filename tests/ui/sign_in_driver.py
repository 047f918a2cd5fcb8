"""Answering the desk's sign-in dialogs in tests, through their fields and buttons.

`answer_sign_in(monkeypatch, username, password)` makes the next sign-in dialog,
or the first start's administrator dialog, be filled in and confirmed as a
person would (the dialogs are modal: a test cannot type into them otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from scheduler_app.ui.first_account import FirstAccountDialog
from scheduler_app.ui.sign_in_dialog import SignInDialog


@dataclass
class Answers:
    username: str
    password: str
    display_name: str = "Ana Lopes"
    new_password: str | None = None
    #: What each dialog showed when it was answered: (kind, message).
    seen: list[tuple[str, str]] = field(default_factory=list)


def answer_sign_in(
    monkeypatch: pytest.MonkeyPatch,
    username: str,
    password: str,
    *,
    display_name: str = "Ana Lopes",
    new_password: str | None = None,
) -> Answers:
    answers = Answers(username, password, display_name, new_password)

    def sign_in(dialog: SignInDialog) -> int:
        dialog.show()
        if dialog.username.text() != answers.username:
            dialog.username.clear()
            QTest.keyClicks(dialog.username, answers.username)
        QTest.keyClicks(dialog.password, answers.password)
        QTest.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        if not dialog.result() and dialog.new_password.isVisible() and answers.new_password:
            answers.seen.append(("new password asked", dialog.message.text()))
            QTest.keyClicks(dialog.new_password, answers.new_password)
            QTest.keyClicks(dialog.repeat, answers.new_password)
            QTest.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        answers.seen.append(("sign in", dialog.message.text()))
        result = dialog.result()
        dialog.hide()
        return result or QDialog.DialogCode.Rejected.value

    def first_account(dialog: FirstAccountDialog) -> int:
        dialog.show()
        if not dialog.username.isReadOnly():
            QTest.keyClicks(dialog.username, answers.username)
        dialog.display_name.setText(answers.display_name)
        QTest.keyClicks(dialog.password, answers.password)
        QTest.keyClicks(dialog.repeat, answers.password)
        QTest.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        answers.seen.append(("first account", dialog.message.text()))
        result = dialog.result()
        dialog.hide()
        return result or QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(SignInDialog, "exec", sign_in)
    monkeypatch.setattr(FirstAccountDialog, "exec", first_account)
    return answers
