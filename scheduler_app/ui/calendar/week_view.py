"""Week view: the resource grid over seven days, for everyone or one professional.

For everyone, the professionals to show are ticked in a list, and the week can be
fitted to the window (narrow columns: colours, and details on hover) instead of
scrolling sideways through days x professionals columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.ui.calendar.resource_grid import Column, ResourceGrid
from scheduler_app.ui.i18n import day_text, translate, unassigned

#: The "whose week" choice meaning every professional (days x professionals).
EVERYONE = "everyone"
#: ... meaning the appointments nobody has taken yet.
UNASSIGNED = "unassigned"
#: The key of "Unassigned" in the list of columns to show.
UNASSIGNED_KEY = -1
READABLE_WIDTH = 72.0  # pixels: a week column that shows text
FITTED_WIDTH = 14.0  # pixels: the narrowest column of a week fitted to the window


def week_columns(
    days: list[date],
    professionals: list[Column],
    shown: object,
    hidden: Iterable[int] = (),
) -> list[Column]:
    """Columns for ``days``: every professional not ``hidden`` and "Unassigned" (key
    `UNASSIGNED_KEY`) per day when ``shown`` is EVERYONE, else one column per day
    for that professional."""
    if shown == EVERYONE:
        left_out = set(hidden)
        everyone = [
            *(c for c in professionals if c.professional_id not in left_out),
            *([] if UNASSIGNED_KEY in left_out else [Column(None, unassigned())]),
        ]
        return [Column(c.professional_id, c.name, c.color, day) for day in days for c in everyone]
    if shown == UNASSIGNED:
        return [Column(None, day_text(day), "#9e9e9e", day) for day in days]
    match = next((c for c in professionals if c.professional_id == shown), None)
    if match is None:
        return week_columns(days, professionals, EVERYONE, hidden)
    return [Column(match.professional_id, day_text(day), match.color, day) for day in days]


class WeekView(QWidget):
    """A "whose week" chooser, the list of who to show, and "fit" over a `ResourceGrid`."""

    shown_changed = Signal()

    def __init__(self, grid: ResourceGrid, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = grid
        self.hidden: set[int] = set()  # professional ids (and UNASSIGNED_KEY) left out
        self.chooser = QComboBox()
        self.chooser.setAccessibleName(translate("WeekView", "Whose week"))
        self.chooser.currentIndexChanged.connect(lambda _i: self._changed())
        self.who = QToolButton()
        self.who.setText(translate("WeekView", "Professionals"))
        self.who.setAccessibleName(translate("WeekView", "Professionals to show"))
        self.who.setToolTip(translate("WeekView", "Tick the professionals the week shows"))
        self.who.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.who_menu = QMenu(self.who)
        self.who.setMenu(self.who_menu)
        self.fit = QCheckBox(translate("WeekView", "Fit to window"))
        self.fit.setAccessibleName(translate("WeekView", "Fit the week to the window"))
        self.fit.setToolTip(
            translate("WeekView", "Narrow columns, no scrolling sideways; details on hover")
        )
        self.fit.setChecked(True)
        self.fit.toggled.connect(lambda _on: self._changed())
        show_label = QLabel(translate("WeekView", "Show:"))
        show_label.setBuddy(self.chooser)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 4)
        bar.addWidget(show_label)
        bar.addWidget(self.chooser)
        bar.addWidget(self.who)
        bar.addWidget(self.fit)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(grid)
        self._professionals: list[Column] = []
        self._apply()

    @property
    def shown(self) -> object:
        return self.chooser.currentData() if self.chooser.count() else EVERYONE

    def columns(self, days: list[date], professionals: list[Column]) -> list[Column]:
        return week_columns(days, professionals, self.shown, self.hidden)

    def _changed(self) -> None:
        self._apply()
        self.shown_changed.emit()

    def _apply(self) -> None:
        everyone = self.shown == EVERYONE
        self.who.setEnabled(everyone)
        self.fit.setEnabled(everyone)
        fitted = everyone and self.fit.isChecked()
        self.grid.min_column_width = FITTED_WIDTH if fitted else READABLE_WIDTH

    def set_professionals(self, professionals: list[Column]) -> None:
        """Fill the chooser and the list, keeping the current choices that still exist."""
        self._professionals = list(professionals)
        current = self.shown
        self.chooser.blockSignals(True)
        self.chooser.clear()
        self.chooser.addItem(translate("WeekView", "All professionals"), EVERYONE)
        for column in professionals:
            self.chooser.addItem(column.name, column.professional_id)
        self.chooser.addItem(unassigned(), UNASSIGNED)
        index = self.chooser.findData(current)
        self.chooser.setCurrentIndex(max(0, index))
        self.chooser.blockSignals(False)
        self._fill_list()

    def _fill_list(self) -> None:
        self.who_menu.clear()
        entries = [(c.professional_id, c.name) for c in self._professionals]
        for key, name in [*entries, (UNASSIGNED_KEY, unassigned())]:
            assert key is not None
            action = QAction(name, self.who_menu)
            action.setCheckable(True)
            action.setChecked(key not in self.hidden)
            action.toggled.connect(lambda on, key=key: self.set_hidden(key, not on))
            self.who_menu.addAction(action)

    def list_actions(self) -> list[QAction]:
        return list(self.who_menu.actions())

    def set_hidden(self, key: int, hidden: bool) -> None:
        if hidden == (key in self.hidden):
            return
        if hidden:
            self.hidden.add(key)
        else:
            self.hidden.discard(key)
        self._changed()

    def keep(self, hidden: Iterable[int], fit: bool) -> None:
        """Put back the list and "fit" as kept from the last session."""
        self.hidden = set(hidden)
        self._fill_list()
        self.fit.blockSignals(True)
        self.fit.setChecked(fit)
        self.fit.blockSignals(False)
        self._apply()

    def show_professional(self, shown: object) -> None:
        if isinstance(shown, str) and shown.isdigit():  # as read back from QSettings
            shown = int(shown)
        self.chooser.setCurrentIndex(max(0, self.chooser.findData(shown)))
