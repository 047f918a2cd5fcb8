"""The Waitlist tab: who waits for what, filtered by service, professional and
status; add and remove entries (Insert, Delete).

The filters' lists and the entries are read on a worker (see `TabReader`): the tab
shows what it had until the answer comes, the filters and the chosen entry kept,
and while the server cannot be reached it says so in its problem line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import ProfessionalView, ServiceView
from scheduler_app.services.waitlist_dto import WaitlistEntryView
from scheduler_app.ui.i18n import day_text, translate
from scheduler_app.ui.row_model import RowTableModel
from scheduler_app.ui.tab_reads import TabReader
from scheduler_app.ui.waitlist_dialog import WaitlistDialog


def status_text(status: str) -> str:
    return {
        "waiting": translate("Waitlist", "Waiting"),
        "booked": translate("Waitlist", "Booked"),
        "held": translate("Waitlist", "Held"),
        "expired": translate("Waitlist", "Expired"),
    }[status]


class WaitlistModel(RowTableModel):
    def __init__(self, parent: Any = None, tz: ZoneInfo | None = None) -> None:
        super().__init__(parent)
        self.tz = tz  # the clinic's, for the time a hold ends
        self.columns = (
            translate("Waitlist", "Client"),
            translate("Waitlist", "Service"),
            translate("Waitlist", "Professional"),
            translate("Waitlist", "Days"),
            translate("Waitlist", "Hours"),
            translate("Waitlist", "Status"),
        )

    def cell(self, row: WaitlistEntryView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.status != "waiting":
            return QColor("#777777")
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if column == 0:
            return row.client_name
        if column == 1:
            return row.service_name
        if column == 2:
            return row.professional_name or translate("Waitlist", "Anyone")
        if column == 3:
            return f"{day_text(row.first_day)} - {day_text(row.last_day)}"
        if column == 4:
            return f"{row.earliest:%H:%M} - {row.latest:%H:%M}"
        if row.status == "held" and row.held_until is not None:
            return translate("Waitlist", "Held until {time}").format(
                time=f"{row.held_until.astimezone(self.tz):%a %d %b %H:%M}"
                if self.tz is not None
                else ""
            )
        return status_text(row.status)


class WaitlistTab(QWidget):
    #: Something went wrong (the error), for the window to show.
    failed = Signal(object)

    def __init__(
        self, services: Services, day: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._day = day
        self.service = QComboBox()
        self.service.setAccessibleName(translate("Waitlist", "Filter by service"))
        self.professional = QComboBox()
        self.professional.setAccessibleName(translate("Waitlist", "Filter by professional"))
        self.status = QComboBox()
        self.status.setAccessibleName(translate("Waitlist", "Filter by status"))
        for text, value in (
            (translate("Waitlist", "All"), None),
            *((status_text(s), s) for s in _STATUSES),
        ):
            self.status.addItem(text, value)
        self.status.setCurrentIndex(1)  # waiting
        self.add_button = QPushButton(translate("Waitlist", "Add..."))
        self.add_button.setToolTip(translate("Waitlist", "Put a client on the waitlist (Insert)"))
        self.remove_button = QPushButton(translate("Waitlist", "Remove"))
        self.remove_button.setToolTip(
            translate("Waitlist", "Take the chosen entry off the waitlist (Delete)")
        )
        self.model = WaitlistModel(self, services.context.timezone)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(translate("Waitlist", "Waitlist"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (3, 4, 5):  # days, hours, status: as wide as they are
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.problem = QLabel()
        self.problem.setAccessibleName(translate("Waitlist", "Problem reading the waitlist"))
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b71c1c;")
        self.problem.hide()
        # The buttons under the table, so that a narrow window keeps its size.
        filters, actions = QHBoxLayout(), QHBoxLayout()
        for row, name, combo in (
            (filters, translate("Waitlist", "Service"), self.service),
            (filters, translate("Waitlist", "Professional"), self.professional),
            (filters, translate("Waitlist", "Status"), self.status),
        ):
            label = QLabel(name)
            label.setBuddy(combo)
            row.addWidget(label)
            row.addWidget(combo, 1)
        filters.addStretch()
        actions.addStretch(1)
        actions.addWidget(self.add_button)
        actions.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.problem)
        layout.addWidget(self.table)
        layout.addLayout(actions)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        QShortcut(QKeySequence(Qt.Key.Key_Insert), self, self.add)
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.remove)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.lists_reader = TabReader(self)
        self.lists_reader.read.connect(self._fill_filters)
        self.lists_reader.failed.connect(self._failed)
        self.entries_reader = TabReader(self)
        self.entries_reader.read.connect(self._show_entries)
        self.entries_reader.failed.connect(self._failed)
        for combo in (self.service, self.professional):
            combo.addItem(translate("Waitlist", "All"), None)
        self.fill_filters()
        for combo in (self.service, self.professional, self.status):
            combo.currentIndexChanged.connect(self.refresh)

    def fill_filters(self) -> None:
        """Read the services and professionals to filter by (on the worker)."""
        catalog, directory = self._services.catalog, self._services.directory
        self.lists_reader.ask(
            lambda: (
                catalog.services(include_retired=True),
                directory.professionals(include_inactive=True),
            )
        )

    def _fill_filters(self, lists: tuple[list[ServiceView], list[ProfessionalView]]) -> None:
        services, professionals = lists
        gone = False  # a filter chosen is no longer offered: everyone's shown again
        for combo, items in (
            (self.service, [(s.name, s.id) for s in services]),
            (self.professional, [(p.name, p.id) for p in professionals]),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(translate("Waitlist", "All"), None)
            for text, value in items:
                combo.addItem(text, value)
            index = 0 if chosen is None else combo.findData(chosen)
            gone = gone or index < 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        if gone:
            self.refresh()

    def refresh(self) -> None:
        """Read the entries the filters choose (on the worker)."""
        waitlist = self._services.waitlist
        service, professional = self.service.currentData(), self.professional.currentData()
        status = self.status.currentData()
        self.entries_reader.ask(lambda: waitlist.entries(service, professional, status))

    def _show_entries(self, rows: list[WaitlistEntryView]) -> None:
        self.problem.hide()
        chosen = self.chosen()
        self.model.set_rows(rows)
        if chosen is not None:  # the same entry stays chosen
            for row, entry in enumerate(rows):
                if entry.id == chosen.id:
                    self.table.selectRow(row)
                    break

    def _failed(self, words: str, unreachable: bool) -> None:
        self.problem.setText(unreachable_words() if unreachable else words)
        self.problem.show()

    def chosen(self) -> WaitlistEntryView | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def add(self) -> None:
        dialog = WaitlistDialog(self._services, self._day(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def remove(self) -> None:
        entry = self.chosen()
        if entry is None:
            return
        try:
            self._services.waitlist.remove(self._services.actor_id, entry.id)
        except SchedulerError as exc:
            self.failed.emit(exc)
        self.refresh()


def unreachable_words() -> str:
    return translate(
        "Waitlist",
        "The server cannot be reached: the waitlist is read again when it answers.",
    )


_STATUSES = ("waiting", "booked", "expired")
