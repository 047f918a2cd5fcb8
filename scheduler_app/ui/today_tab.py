"""The Today tab: the desk's day at a glance.

An arrivals board (expected, late, checked in, in progress, completed, no-show,
with a button per place that shows only those), and beside it what comes next,
what was left open, the conflicts waiting for a manager and the messages that
could not be sent. It reads the board when shown, when this or another desk
changes the schedule (the window's refresh), and every half minute while shown
(clients become late by the clock alone). The board is read on a worker (see
`TabReader`): the tab shows what it had until the answer comes, and while the
server cannot be reached it says so above the board it had.
"""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.arrivals import Arrival
from scheduler_app.services.dto import AppointmentView
from scheduler_app.services.today import TodayBoard, TodayService
from scheduler_app.ui.appointment_model import AppointmentRole
from scheduler_app.ui.dialog_lists import loading
from scheduler_app.ui.i18n import long_day_text, time_text, translate
from scheduler_app.ui.row_model import RowTableModel
from scheduler_app.ui.tab_reads import TabReader
from scheduler_app.ui.today_models import (
    ARRIVAL_COLORS,
    AppointmentListModel,
    ArrivalModel,
    ConflictModel,
    FailedModel,
    arrival_label,
)

REFRESH_MS = 30_000


def _table(model: RowTableModel, name: str) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


class _Box(QGroupBox):
    """A list beside the board; when it is empty it says so in one line, leaving the
    room to the others."""

    def __init__(self, title: str, table: QTableView, empty: str) -> None:
        super().__init__(title)
        self.table = table
        self.words = empty  # said once the board is read
        self.empty = QLabel(loading())
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #555555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(table)
        layout.addWidget(self.empty)
        table.model().modelReset.connect(self._fill)
        self._fill()

    def _fill(self) -> None:
        empty = table_is_empty(self.table)
        self.table.setVisible(not empty)
        self.empty.setVisible(empty)
        grows = QSizePolicy.Policy.Maximum if empty else QSizePolicy.Policy.Preferred
        self.setSizePolicy(QSizePolicy.Policy.Preferred, grows)


def table_is_empty(table: QTableView) -> bool:
    return table.model().rowCount() == 0


class TodayTab(QWidget):
    selection_changed = Signal(object)  # AppointmentView or None
    activated = Signal(object)  # AppointmentView: a double-click or Enter
    context_requested = Signal(object, QPoint)  # AppointmentView, where (global)
    day_requested = Signal(object)  # date: a conflict's first appointment, to place it
    notifications_requested = Signal(object)  # an appointment id (or None): its messages

    def __init__(self, today: TodayService, tz: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = today
        self.tz = tz
        self.board: TodayBoard | None = None
        self.shown_state: Arrival | None = None
        self._selected_id: int | None = None

        self.title = QLabel(loading())  # until the board is read
        self.title.setAccessibleName(translate("Today", "Day shown"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.problem = QLabel()
        self.problem.setAccessibleName(translate("Today", "Problem reading the day"))
        self.problem.setStyleSheet("color: #b71c1c;")
        self.problem.hide()
        self.cancelled = QLabel()
        self.cancelled.setAccessibleName(translate("Today", "Cancelled today"))

        self.filters = QButtonGroup(self)
        self.filters.setExclusive(True)
        self.filter_buttons: dict[Arrival | None, QPushButton] = {}
        self.chips = QWidget()  # shown once the board is read (they count its lines)
        self.chips.hide()
        chips = QGridLayout(self.chips)  # two rows: the tab stays narrow for a small screen
        chips.setContentsMargins(0, 0, 0, 0)
        chips.setSpacing(4)
        for number, state in enumerate((None, *Arrival)):
            button = QPushButton()
            button.setCheckable(True)
            button.setChecked(state is None)
            if state is not None:
                button.setStyleSheet(
                    f"QPushButton {{ background: {ARRIVAL_COLORS[state]}; color: #1a1a1a;"
                    " border: 1px solid #9e9e9e; border-radius: 3px; padding: 3px 8px; }"
                    " QPushButton:checked { border: 2px solid #1a1a1a; font-weight: bold; }"
                )
            button.clicked.connect(lambda _on=False, s=state: self.show_only(s))
            self.filters.addButton(button)
            self.filter_buttons[state] = button
            chips.addWidget(button, number // 4, number % 4)
        chips.addWidget(self.cancelled, 1, 3)
        chips.setColumnStretch(4, 1)

        self.arrivals = ArrivalModel(tz, self)
        self.arrival_table = _table(self.arrivals, translate("Today", "Arrivals"))
        self.upcoming = AppointmentListModel(tz, self)
        self.upcoming_table = _table(self.upcoming, translate("Today", "Next up"))
        self.overdue = AppointmentListModel(tz, self, with_status=True)
        self.overdue_table = _table(self.overdue, translate("Today", "Left open"))
        self.conflicts = ConflictModel(tz, self)
        self.conflict_table = _table(self.conflicts, translate("Today", "Open conflicts"))
        self.failed = FailedModel(tz, self)
        self.failed_table = _table(self.failed, translate("Today", "Messages not sent"))
        for table in (self.arrival_table, self.upcoming_table, self.overdue_table):
            table.selectionModel().selectionChanged.connect(lambda *_a, t=table: self._selected(t))
            table.activated.connect(lambda index, t=table: self._activated(t, index))
            table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            table.customContextMenuRequested.connect(lambda pos, t=table: self._menu(t, pos))
        self.conflict_table.activated.connect(self._conflict_activated)
        self.conflict_table.setToolTip(
            translate("Today", "Double-click to open the day of its first appointment.")
        )
        self.failed_table.activated.connect(self._failed_activated)
        self.failed_table.setToolTip(
            translate("Today", "Double-click to see the appointment's messages.")
        )

        self.upcoming_box = _Box(
            translate("Today", "Next up"),
            self.upcoming_table,
            translate("Today", "Nothing booked in the coming week."),
        )
        self.overdue_box = _Box(
            translate("Today", "Left open (ended, not completed)"),
            self.overdue_table,
            translate("Today", "Every appointment that ended is closed."),
        )
        self.conflict_box = _Box(
            translate("Today", "Open conflicts"),
            self.conflict_table,
            translate("Today", "No conflict waits for a manager."),
        )
        self.failed_box = _Box(
            translate("Today", "Messages not sent"),
            self.failed_table,
            translate("Today", "Every message of the past week went out or waits its turn."),
        )
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        for box, stretch in (
            (self.upcoming_box, 3),
            (self.overdue_box, 2),
            (self.conflict_box, 1),
            (self.failed_box, 1),
        ):
            side_layout.addWidget(box, stretch)
        side_layout.addStretch(0)
        board = QWidget()
        board_layout = QVBoxLayout(board)
        board_layout.setContentsMargins(0, 0, 0, 0)
        board_layout.addWidget(self.chips)
        board_layout.addWidget(self.arrival_table)
        split = self.splitter = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(board)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.problem)
        layout.addWidget(split, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.reader = TabReader(self)
        self.reader.read.connect(self._show)
        self.reader.failed.connect(self._failed)

    # -- reading -------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Read the board again on the worker; it shows when the answer comes, keeping
        the selection (and telling the window)."""
        self.reader.ask(self.service.board)

    def _failed(self, words: str, unreachable: bool) -> None:
        self.problem.setText(unreachable_words() if unreachable else words)
        self.problem.show()

    def _show(self, board: TodayBoard) -> None:
        self.problem.hide()
        for box in (self.upcoming_box, self.overdue_box, self.conflict_box, self.failed_box):
            box.empty.setText(box.words)
        self.board = board
        self.title.setText(
            translate("Today", "Today, {day} (as of {time})").format(
                day=long_day_text(board.day), time=time_text(board.now.astimezone(self.tz))
            )
        )
        self.filter_buttons[None].setText(
            translate("Today", "All: {count}").format(count=len(board.arrivals))
        )
        for state in Arrival:
            self.filter_buttons[state].setText(f"{arrival_label(state)}: {board.count(state)}")
        self.cancelled.setText(
            translate("Today", "Cancelled: {count}").format(count=board.cancelled)
        )
        self.chips.show()
        self._fill_arrivals()
        self._quietly(self.upcoming_table, lambda: self.upcoming.set_rows(board.upcoming))
        self._quietly(self.overdue_table, lambda: self.overdue.set_rows(board.overdue))
        self.conflicts.set_rows(board.conflicts)
        self.failed.set_rows(board.failed)
        self._reselect()

    def show_only(self, state: Arrival | None) -> None:
        """Only the clients in ``state`` on the board (None: everyone)."""
        self.shown_state = state
        self.filter_buttons[state].setChecked(True)
        self._fill_arrivals()
        self._reselect()

    def _fill_arrivals(self) -> None:
        if self.board is None:
            return
        rows = [a for a in self.board.arrivals if self.shown_state in (None, a.state)]
        self._quietly(self.arrival_table, lambda: self.arrivals.set_rows(rows))

    @staticmethod
    def _quietly(table: QTableView, change: Callable[[], object]) -> None:
        selection = table.selectionModel()
        selection.blockSignals(True)
        try:
            change()
        finally:
            selection.blockSignals(False)

    # -- selection -----------------------------------------------------------

    def selected(self) -> AppointmentView | None:
        for table in (self.arrival_table, self.upcoming_table, self.overdue_table):
            rows = table.selectionModel().selectedRows()
            if rows:
                found = rows[0].data(AppointmentRole)
                if isinstance(found, AppointmentView):
                    return found
        return None

    def select(self, appointment_id: int | None) -> None:
        """Select ``appointment_id`` where the board shows it (the first list that has it)."""
        self._selected_id = appointment_id
        self._reselect()

    def _reselect(self) -> None:
        found = False
        tables: tuple[tuple[QTableView, ArrivalModel | AppointmentListModel], ...] = (
            (self.arrival_table, self.arrivals),
            (self.upcoming_table, self.upcoming),
            (self.overdue_table, self.overdue),
        )
        for table, model in tables:
            row = -1
            if self._selected_id is not None and not found:
                row = model.row_of(self._selected_id)
            selection = table.selectionModel()
            selection.blockSignals(True)
            if row >= 0:
                table.selectRow(row)
            else:
                table.clearSelection()
            selection.blockSignals(False)
            found = found or row >= 0
        if not found:
            self._selected_id = None
        self.selection_changed.emit(self.selected())

    def _selected(self, table: QTableView) -> None:
        rows = table.selectionModel().selectedRows()
        if not rows:
            if self.selected() is None:
                self._selected_id = None
                self.selection_changed.emit(None)
            return
        for other in (self.arrival_table, self.upcoming_table, self.overdue_table):
            if other is not table:
                self._quietly(other, other.clearSelection)
        appt = rows[0].data(AppointmentRole)
        self._selected_id = appt.id if isinstance(appt, AppointmentView) else None
        self.selection_changed.emit(appt if isinstance(appt, AppointmentView) else None)

    def _activated(self, table: QTableView, index: QModelIndex) -> None:
        appt = index.siblingAtColumn(0).data(AppointmentRole)
        if isinstance(appt, AppointmentView):
            self.activated.emit(appt)

    def _menu(self, table: QTableView, pos: QPoint) -> None:
        index = table.indexAt(pos)
        appt = index.siblingAtColumn(0).data(AppointmentRole) if index.isValid() else None
        if isinstance(appt, AppointmentView):
            table.selectRow(index.row())
            self.context_requested.emit(appt, table.viewport().mapToGlobal(pos))

    def _conflict_activated(self, index: QModelIndex) -> None:
        conflict = self.conflicts.row_at(index.row())
        if conflict is not None and conflict.first_start is not None:
            self.day_requested.emit(conflict.first_start.astimezone(self.tz).date())

    def _failed_activated(self, index: QModelIndex) -> None:
        failed = self.failed.row_at(index.row())
        if failed is not None:
            self.notifications_requested.emit(failed.appointment_id)

    # -- live while shown ----------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        self.timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        self.reader.stop()
        super().hideEvent(event)


def unreachable_words() -> str:
    return translate(
        "Today",
        "The server cannot be reached: the board is read again when it answers.",
    )
