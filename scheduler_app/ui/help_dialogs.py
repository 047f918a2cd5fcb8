"""Help: the keyboard shortcuts (a list to search) and About (version and folders)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from scheduler_app import __version__, config
from scheduler_app.ui.dialog_buttons import button_text
from scheduler_app.ui.i18n import translate

if TYPE_CHECKING:
    from scheduler_app.ui.main_window import MainWindow


def grid_keys() -> list[tuple[str, str]]:
    """Keys of the calendars that belong to no menu action."""
    return [
        (
            translate("Help", "Arrow keys"),
            translate("Help", "Move the selected appointments by a slot or a column"),
        ),
        (
            translate("Help", "Arrow keys"),
            translate("Help", "With nothing selected: move the slot cursor"),
        ),
        (
            translate("Help", "Enter"),
            translate("Help", "Open the selected appointment, or book at the slot cursor"),
        ),
        (translate("Help", "Esc"), translate("Help", "Deselect; then hide the slot cursor")),
        (
            translate("Help", "Ctrl+click, Shift+click"),
            translate("Help", "Select several appointments"),
        ),
        (translate("Help", "Ctrl+drag"), translate("Help", "Select the appointments in a band")),
        (
            translate("Help", "Drag"),
            translate("Help", "Move an appointment; drag its bottom edge to resize it"),
        ),
        (
            translate("Help", "Ctrl+wheel"),
            translate("Help", "Zoom, keeping the time under the mouse"),
        ),
        (translate("Help", "Double-click a day"), translate("Help", "Open the day (month view)")),
    ]


def shortcut_rows(window: MainWindow) -> list[tuple[str, str]]:
    """(keys, what they do) for every action with a shortcut, then the grid's keys."""
    rows = []
    for found in window.findChildren(QAction):
        if not found.shortcuts() or not found.text():
            continue
        keys = ", ".join(
            k.toString(QKeySequence.SequenceFormat.NativeText) for k in found.shortcuts()
        )
        what = found.text().replace("&", "").rstrip(".")
        if not any(c.isalpha() for c in what):  # a symbol (◀): its tooltip says it
            what = found.toolTip()
        row = (keys, what)
        if row not in rows:
            rows.append(row)
    return [*rows, *grid_keys()]


class ShortcutsDialog(QDialog):
    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Help", "Keyboard shortcuts"))
        self.resize(620, 520)
        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("Help", "Search: a key or what it does"))
        self.search.setAccessibleName(translate("Help", "Search the shortcuts"))
        self.search.setClearButtonEnabled(True)
        self.table = QTableWidget(len(rows), 2)
        self.table.setAccessibleName(translate("Help", "Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels(
            [translate("Help", "Keys"), translate("Help", "What it does")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (keys, what) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(what))
        self.search.textChanged.connect(self._filter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(button_text(QDialogButtonBox.StandardButton.Close))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def shown_rows(self) -> list[tuple[str, str]]:
        return [self._row(r) for r in range(self.table.rowCount()) if not self.table.isRowHidden(r)]

    def _row(self, row: int) -> tuple[str, str]:
        keys, what = self.table.item(row, 0), self.table.item(row, 1)
        return (keys.text() if keys else "", what.text() if what else "")

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for row in range(self.table.rowCount()):
            line = " ".join(self._row(row))
            self.table.setRowHidden(row, bool(needle) and needle not in line.casefold())


class AboutDialog(QDialog):
    def __init__(self, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Help", "About the scheduler"))
        title = QLabel(translate("Help", "<b>Scheduler</b> {version}").format(version=__version__))
        title.setAccessibleName(translate("Help", "Version"))
        blurb = QLabel(translate("Help", "Appointments for clinics and offices."))
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for key, label, value in (
            ("database", translate("Help", "Database:"), database),
            ("data", translate("Help", "Data folder:"), str(config.data_dir())),
            ("logs", translate("Help", "Log folder:"), str(config.log_dir())),
        ):
            shown = QLabel(value)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setAccessibleName(label.rstrip(":"))
            shown.setWordWrap(True)
            form.addRow(label, shown)
            self.values[key] = shown
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(button_text(QDialogButtonBox.StandardButton.Close))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(blurb)
        layout.addLayout(form)
        layout.addWidget(buttons)


def show_shortcuts(window: MainWindow) -> None:
    ShortcutsDialog(shortcut_rows(window), window).exec()


def show_about(window: MainWindow) -> None:
    url = window.services.database.engine.url.render_as_string(hide_password=True)
    AboutDialog(url, window).exec()
