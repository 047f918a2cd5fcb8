"""A colour to choose: a swatch button that opens the colour picker, or a palette
colour apart from those in use (`domain.palette`)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QHBoxLayout, QPushButton, QWidget

from scheduler_app.domain.palette import suggest
from scheduler_app.ui.i18n import translate


class ColourButton(QWidget):
    changed = Signal(str)

    def __init__(self, color: str, used: Iterable[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._used = [c for c in used if c.lower() != color.lower()]
        self.swatch = QPushButton()
        self.swatch.setAccessibleName(translate("ColourButton", "Colour"))
        self.swatch.setMinimumWidth(72)
        self.swatch.clicked.connect(self.choose)
        self.other = QPushButton(translate("ColourButton", "Another from the palette"))
        self.other.setAccessibleName(translate("ColourButton", "Another colour from the palette"))
        self.other.clicked.connect(self.next_from_palette)
        for button in (self.swatch, self.other):
            button.setAutoDefault(False)  # Enter saves the dialog; Space presses these
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.swatch)
        layout.addWidget(self.other)
        layout.addStretch(1)
        self._color = ""
        self.set_color(color)

    def color(self) -> str:
        return self._color

    def set_color(self, color: str) -> None:
        self._color = color.lower()
        self.swatch.setStyleSheet(f"background: {self._color}; border: 1px solid #5f6368;")
        self.swatch.setToolTip(
            translate("ColourButton", "{code}: click to choose another colour").format(
                code=self._color
            )
        )
        self.changed.emit(self._color)

    def choose(self) -> None:
        chosen = QColorDialog.getColor(
            QColor(self._color), self, translate("ColourButton", "Choose a colour")
        )
        if chosen.isValid():
            self.set_color(chosen.name())

    def next_from_palette(self) -> None:
        """A palette colour apart from the others' and from this one."""
        self.set_color(suggest([*self._used, self._color]))
