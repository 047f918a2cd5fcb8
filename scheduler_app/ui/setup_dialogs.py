"""Small dialogs to set a clinic up from the window: professionals and clients."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.ui.dialog_buttons import dialog_buttons
from scheduler_app.ui.i18n import translate


class PersonDialog(QDialog):
    """Name plus two optional fields; the caller saves through a service."""

    def __init__(self, title: str, second: str, third: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.name = QLineEdit()
        self.name.setAccessibleName(translate("SetupDialogs", "Name"))
        self.second = QLineEdit()
        self.second.setAccessibleName(second)
        self.third = QLineEdit()
        self.third.setAccessibleName(third)
        form = QFormLayout()
        form.addRow(translate("SetupDialogs", "Name"), self.name)
        form.addRow(second, self.second)
        if third:
            form.addRow(third, self.third)
        buttons = dialog_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


def professional_dialog(parent: QWidget | None = None) -> PersonDialog:
    return PersonDialog(
        translate("SetupDialogs", "Add professional"),
        translate("SetupDialogs", "Title or specialty"),
        "",
        parent,
    )


def client_dialog(parent: QWidget | None = None, name: str = "") -> PersonDialog:
    dialog = PersonDialog(
        translate("SetupDialogs", "New client"),
        translate("SetupDialogs", "Phone"),
        translate("SetupDialogs", "E-mail"),
        parent,
    )
    dialog.name.setText(name)
    return dialog
