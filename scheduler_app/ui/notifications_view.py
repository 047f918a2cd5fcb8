"""The notifications tab: what went out, what waits, what failed; resend or withdraw."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.notifications import NotificationStatus
from scheduler_app.errors import SchedulerError
from scheduler_app.services.delivery import DeliveryService, NotificationView
from scheduler_app.ui.row_model import RowTableModel

COLUMNS = ("When", "Status", "Channel", "To", "Subject", "Tries", "Last error")
_COLORS = {
    NotificationStatus.PENDING: "#fff4cc",
    NotificationStatus.SENDING: "#fff4cc",
    NotificationStatus.SENT: "#e8f5e9",
    NotificationStatus.FAILED: "#f8d7da",
    NotificationStatus.CANCELLED: "#eeeeee",
}


class NotificationTableModel(RowTableModel):
    columns = COLUMNS

    def __init__(self, tz: ZoneInfo, parent: Any = None) -> None:
        super().__init__(parent)
        self._tz = tz

    def cell(self, n: NotificationView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(_COLORS[n.status]))
        if role == Qt.ItemDataRole.ToolTipRole and n.last_error:
            return n.last_error
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        when = n.sent_at or n.scheduled_at
        return (
            f"{when.astimezone(self._tz):%a %d %b %H:%M}",
            n.status.value.capitalize(),
            n.channel.value.replace("_", "-"),
            n.recipient,
            n.subject,
            str(n.attempts),
            n.last_error,
        )[column]


class NotificationsView(QWidget):
    def __init__(
        self,
        delivery: DeliveryService,
        tz: ZoneInfo,
        actor_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.delivery = delivery
        self.actor_id = actor_id  # who resends or withdraws (in the audit trail)
        self.model = NotificationTableModel(tz, self)
        self.filter = QComboBox()
        self.filter.setAccessibleName("Show notifications")
        self.filter.addItem("All", None)
        for status in (
            NotificationStatus.PENDING,
            NotificationStatus.SENT,
            NotificationStatus.FAILED,
            NotificationStatus.CANCELLED,
        ):
            self.filter.addItem(status.value.capitalize(), status)
        self.filter.currentIndexChanged.connect(self.refresh)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Client, address or subject")
        self.search.setAccessibleName("Find notifications")
        self.search.textChanged.connect(self.refresh)
        self.appointment_id: int | None = None
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Notifications")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.resend_button = QPushButton("Send again")
        self.withdraw_button = QPushButton("Withdraw")
        refresh = QPushButton("Refresh")
        self.resend_button.clicked.connect(self.resend)
        self.withdraw_button.clicked.connect(self.withdraw)
        refresh.clicked.connect(self.refresh)
        bar = QHBoxLayout()
        for widget in (self.filter, self.search, self.resend_button, self.withdraw_button, refresh):
            bar.addWidget(widget)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    @Slot()
    def refresh(self) -> None:
        try:
            self.model.set_rows(
                self.delivery.recent(
                    self.filter.currentData(),
                    search=self.search.text(),
                    appointment_id=self.appointment_id,
                )
            )
        except SchedulerError as exc:
            QMessageBox.warning(self, exc.title, exc.message)

    def show_appointment(self, appointment_id: int | None) -> None:
        """Only the notifications of one appointment (None: all of them)."""
        self.appointment_id = appointment_id
        self.refresh()

    def selected(self) -> NotificationView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def resend(self) -> None:
        self._act(self.delivery.resend)

    def withdraw(self) -> None:
        self._act(self.delivery.cancel)

    def _act(self, action: Callable[[int, int], None]) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        try:
            action(self.actor_id, chosen.id)
        except SchedulerError as exc:
            QMessageBox.warning(self, exc.title, exc.message)
        self.refresh()
