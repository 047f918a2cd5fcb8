"""The row of buttons at the foot of the desk's dialogs (worded in the desk's language)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QShortcutEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QDialogButtonBox

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


class _ChosenAtOnce(QObject):
    """A choice (a radio button or a check box) made with Alt and its letter is made at
    once. Qt presses it and lets go 100 ms later, so Alt+A then Enter, typed at full
    speed, read the choice before: "All of the series" chosen, only one date cancelled."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Shortcut
            and isinstance(watched, QAbstractButton)
            and watched.isCheckable()
            and watched.isEnabled()
            and isinstance(event, QShortcutEvent)
            and not event.isAmbiguous()
        ):
            watched.setFocus(Qt.FocusReason.ShortcutFocusReason)
            watched.click()  # at once, not 100 ms later
            return True
        return False


def choices_at_once(app: QApplication) -> None:
    """Make the desk's keyed choices at once (`_ChosenAtOnce`), once per application."""
    if app.property("choices_at_once"):
        return
    chosen = _ChosenAtOnce(app)
    app.installEventFilter(chosen)
    app.setProperty("choices_at_once", True)
