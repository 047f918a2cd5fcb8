"""The row of buttons at the foot of the desk's dialogs (worded in the desk's language)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from scheduler_app.ui.i18n import translate

Button = QDialogButtonBox.StandardButton


def button_text(button: Button) -> str:
    """Our own words for Qt's standard buttons (translated with the rest of the desk)."""
    texts = {
        Button.Save: translate("Buttons", "Save"),
        Button.Cancel: translate("Buttons", "Cancel"),
        Button.Close: translate("Buttons", "Close"),
        Button.Open: translate("Buttons", "Open"),
        Button.Ok: translate("Buttons", "OK"),
    }
    return texts.get(button, "")


def dialog_buttons(
    dialog: QDialog,
    on_accept: Callable[[], None] | None = None,
    accept: Button = Button.Save,
    reject: Button = Button.Cancel,
    *,
    accept_text: str = "",
    reject_text: str = "",
) -> QDialogButtonBox:
    """``accept`` runs ``on_accept`` (by default: close the dialog accepted);
    ``reject`` closes it rejected. The texts say what each button does."""
    buttons = QDialogButtonBox(accept | reject)
    for which, text in ((accept, accept_text), (reject, reject_text)):
        button = buttons.button(which)
        button.setText(text or button_text(which))
        button.setAccessibleName(button.text().replace("&", ""))
    buttons.accepted.connect(on_accept or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
