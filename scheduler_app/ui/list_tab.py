"""The List tab: the period the calendar last showed, as a table to sort and filter.

Rows come from the calendar's own model through a sort-and-filter proxy; a
right-click offers the calendar's menu for the appointment under the mouse.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.services.dto import AppointmentView
from scheduler_app.ui.appointment_model import AppointmentRole, AppointmentTableModel, SortRole
from scheduler_app.ui.i18n import translate


class ListTab(QWidget):
    selection_changed = Signal(object)  # AppointmentView or None
    activated = Signal(object)  # AppointmentView: a double-click or Enter
    context_requested = Signal(object, QPoint)  # AppointmentView, where (global)

    def __init__(self, model: AppointmentTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)  # any column
        self.proxy.setSortRole(SortRole)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(
            translate("ListTab", "Filter: client, professional, service or status")
        )
        self.filter.setAccessibleName(translate("ListTab", "Filter the list"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.count = QLabel()
        self.count.setAccessibleName(translate("ListTab", "Appointments listed"))
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(translate("ListTab", "Appointments shown"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)  # the time
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.table.activated.connect(self._activated)
        for signal in (self.proxy.modelReset, self.proxy.layoutChanged, self.proxy.rowsInserted):
            signal.connect(self._count)
        self.filter.textChanged.connect(self._count)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 4)
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def appointment_at(self, index: QModelIndex) -> AppointmentView | None:
        found = self.proxy.data(index.siblingAtColumn(0), AppointmentRole)
        return found if isinstance(found, AppointmentView) else None

    def select(self, appointment_id: int | None) -> None:
        """Show ``appointment_id`` selected (without telling anyone: the window did it)."""
        source_row = self.model.row_of(appointment_id) if appointment_id is not None else -1
        row = (
            self.proxy.mapFromSource(self.model.index(source_row, 0)).row()
            if source_row >= 0
            else -1
        )
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.table.clearSelection()
        selection.blockSignals(False)
        self.table.viewport().update()

    def select_row(self, row: int) -> None:
        """Select the ``row``-th line as listed (sorted and filtered), as a click would."""
        self.table.selectRow(row)

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.selection_changed.emit(self.appointment_at(rows[0]) if rows else None)

    def _activated(self, index: QModelIndex) -> None:
        appt = self.appointment_at(index)
        if appt is not None:
            self.activated.emit(appt)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        appt = self.appointment_at(index) if index.isValid() else None
        if appt is None:
            return
        self.table.selectRow(index.row())
        self.context_requested.emit(appt, self.table.viewport().mapToGlobal(pos))

    def _count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        listed = translate("ListTab", "Appointments: {count}").format(count=total)
        part = translate("ListTab", "{shown} of {total}").format(shown=shown, total=total)
        self.count.setText(listed if shown == total else part)
