"""Week view: the resource grid over seven days, for everyone or one professional."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from scheduler_app.ui.calendar.resource_grid import Column, ResourceGrid

#: The "whose week" choice meaning every professional (days x professionals).
EVERYONE = "everyone"
#: ... meaning the appointments nobody has taken yet.
UNASSIGNED = "unassigned"


def week_columns(days: list[date], professionals: list[Column], shown: object) -> list[Column]:
    """Columns for ``days``: every professional and "Unassigned" per day when
    ``shown`` is EVERYONE, else one column per day for that professional."""
    if shown == EVERYONE:
        everyone = [*professionals, Column(None, "Unassigned")]
        return [Column(c.professional_id, c.name, c.color, day) for day in days for c in everyone]
    if shown == UNASSIGNED:
        return [Column(None, f"{day:%a %d}", "#9e9e9e", day) for day in days]
    match = next((c for c in professionals if c.professional_id == shown), None)
    if match is None:
        return week_columns(days, professionals, EVERYONE)
    return [Column(match.professional_id, f"{day:%a %d}", match.color, day) for day in days]


class WeekView(QWidget):
    """A "whose week" chooser over a `ResourceGrid`."""

    shown_changed = Signal()

    def __init__(self, grid: ResourceGrid, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = grid
        self.chooser = QComboBox()
        self.chooser.setAccessibleName("Whose week")
        self.chooser.currentIndexChanged.connect(lambda _i: self.shown_changed.emit())
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 4)
        bar.addWidget(QLabel("Show:"))
        bar.addWidget(self.chooser)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(grid)

    @property
    def shown(self) -> object:
        return self.chooser.currentData() if self.chooser.count() else EVERYONE

    def set_professionals(self, professionals: list[Column]) -> None:
        """Fill the chooser, keeping the current choice when it is still there."""
        current = self.shown
        self.chooser.blockSignals(True)
        self.chooser.clear()
        self.chooser.addItem("All professionals", EVERYONE)
        for column in professionals:
            self.chooser.addItem(column.name, column.professional_id)
        self.chooser.addItem("Unassigned", UNASSIGNED)
        index = self.chooser.findData(current)
        self.chooser.setCurrentIndex(max(0, index))
        self.chooser.blockSignals(False)

    def show_professional(self, shown: object) -> None:
        if isinstance(shown, str) and shown.isdigit():  # as read back from QSettings
            shown = int(shown)
        self.chooser.setCurrentIndex(max(0, self.chooser.findData(shown)))
