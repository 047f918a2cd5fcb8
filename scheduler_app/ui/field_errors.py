"""Refusals shown next to the field they concern, with everything typed kept.

A dialog registers each field under the name the services use for it (the
`ValidationError.field` of a refusal). When saving is refused, the reason
appears right under that field, the field is marked and gets the focus; other
refusals go to the dialog's own message line. Editing a field clears its reason.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.errors import SchedulerError, ValidationError
from scheduler_app.ui.i18n import translate

BAD = "color: #b71c1c;"
#: A refused field's frame (the rest of its style is the platform's).
MARKED = "border: 1px solid #b71c1c;"


class FieldErrors:
    def __init__(self, message: QLabel) -> None:
        """``message``: where refusals that concern no one field are shown."""
        self.message = message
        message.setWordWrap(True)
        message.setStyleSheet(BAD)
        message.setAccessibleName(translate("FieldErrors", "Why it was not saved"))
        message.hide()
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def field(self, name: str, widget: QWidget) -> QWidget:
        """``widget`` with room for its reason under it (put this in the layout)."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        reason = QLabel()
        reason.setWordWrap(True)
        reason.setStyleSheet(BAD)
        reason.setAccessibleName(translate("FieldErrors", "Why this field was refused"))
        reason.hide()
        layout.addWidget(reason)
        box.setFocusProxy(widget)
        self._fields[name] = (widget, reason)
        self._on_edit(widget, lambda *_args: self.clear(name))
        return box

    def show(self, error: SchedulerError) -> None:
        """Show why saving was refused: next to its field, or on the message line."""
        self.clear()
        name = error.field if isinstance(error, ValidationError) else ""
        if name in self._fields:
            widget, reason = self._fields[name]
            reason.setText(error.message)
            reason.show()
            widget.setStyleSheet(MARKED)
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()
        else:
            self.message.setText(error.message)
            self.message.show()

    def reason(self, name: str) -> str:
        """The reason shown next to the field ``name`` ("" when none)."""
        _widget, label = self._fields[name]
        return label.text() if not label.isHidden() else ""

    def clear(self, name: str | None = None) -> None:
        names = [name] if name is not None else list(self._fields)
        for each in names:
            widget, reason = self._fields[each]
            reason.clear()
            reason.hide()
            widget.setStyleSheet("")
        if name is None:
            self.message.clear()
            self.message.hide()

    @staticmethod
    def _on_edit(widget: QWidget, cleared: Callable[..., None]) -> None:
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(cleared)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(cleared)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(cleared)
            line = widget.lineEdit()
            if line is not None:
                line.textEdited.connect(cleared)
        elif isinstance(widget, QDateEdit):
            widget.dateChanged.connect(cleared)
        elif isinstance(widget, QAbstractSpinBox):
            widget.editingFinished.connect(cleared)
        elif isinstance(widget, QAbstractButton):
            widget.toggled.connect(cleared)
