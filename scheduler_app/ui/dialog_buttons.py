"""The row of buttons at the foot of the desk's dialogs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox

Button = QDialogButtonBox.StandardButton


def dialog_buttons(
    dialog: QDialog,
    on_accept: Callable[[], None] | None = None,
    accept: Button = Button.Save,
    reject: Button = Button.Cancel,
) -> QDialogButtonBox:
    """``accept`` runs ``on_accept`` (by default: close the dialog accepted);
    ``reject`` closes it rejected."""
    buttons = QDialogButtonBox(accept | reject)
    buttons.accepted.connect(on_accept or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
