"""The notifications tab: what went out, what waits, what failed; resend or withdraw.

Errors are said in plain words ("Waits for a mail server"), not as the exception
the delivery recorded ("ValidationError: No mail server is set up ...").
"""

from __future__ import annotations

import re
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
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.notifications import Channel, NotificationStatus
from scheduler_app.errors import SchedulerError
from scheduler_app.services.delivery import DeliveryService, NotificationView
from scheduler_app.ui.i18n import day_text, time_text, translate
from scheduler_app.ui.message_boxes import warn
from scheduler_app.ui.row_model import RowTableModel

N = NotificationStatus
_COLORS = {
    N.PENDING: "#fff4cc",
    N.SENDING: "#fff4cc",
    N.SENT: "#e8f5e9",
    N.FAILED: "#f8d7da",
    N.CANCELLED: "#eeeeee",
}
_EXCEPTION = re.compile(r"^[A-Za-z_.]*(Error|Exception)\w*: ")
_NO_MAIL = "No mail server is set up"
_NO_SMS = "No SMS gateway is set up"


def plain_error(text: str) -> str:
    """A delivery error in words a desk understands (the exception's name removed)."""
    text = _EXCEPTION.sub("", text.strip())
    if not text:
        return ""
    if _NO_MAIL in text:
        return translate(
            "Notifications",
            "Waits for a mail server: set one up in Clinic > E-mail and SMS settings.",
        )
    if _NO_SMS in text:
        return translate(
            "Notifications",
            "Waits for an SMS gateway: set one up in Clinic > E-mail and SMS settings.",
        )
    lowered = text.casefold()
    if "connection refused" in lowered:
        return translate(
            "Notifications",
            "The mail server did not answer (nothing listens at its address and port).",
        )
    if "timed out" in lowered or "timeout" in lowered:
        return translate("Notifications", "The mail server did not answer in time.")
    if "name or service not known" in lowered or "getaddrinfo" in lowered:
        return translate(
            "Notifications", "The mail server's name is not known: check it in the settings."
        )
    if "authentication" in lowered or "535" in lowered:
        return translate("Notifications", "The mail server refused the user name or password.")
    return text


def state_text(n: NotificationView) -> str:
    """Where a notification stands, with why it is still waiting."""
    if n.status in (N.PENDING, N.SENDING) and n.last_error:
        if _NO_MAIL in n.last_error or _NO_SMS in n.last_error:
            return (
                translate("Notifications", "Waiting for a mail server")
                if _NO_MAIL in n.last_error
                else translate("Notifications", "Waiting for an SMS gateway")
            )
        return translate("Notifications", "Waiting to try again")
    return {
        N.PENDING: translate("Notifications", "Waiting"),
        N.SENDING: translate("Notifications", "Sending"),
        N.SENT: translate("Notifications", "Sent"),
        N.FAILED: translate("Notifications", "Failed"),
        N.CANCELLED: translate("Notifications", "Withdrawn"),
    }[n.status]


def channel_text(channel: Channel) -> str:
    return {
        Channel.EMAIL: translate("Notifications", "E-mail"),
        Channel.SMS: translate("Notifications", "SMS"),
        Channel.PUSH: translate("Notifications", "Push"),
        Channel.IN_APP: translate("Notifications", "At the desk"),
    }[channel]


class NotificationTableModel(RowTableModel):
    def __init__(self, tz: ZoneInfo, parent: Any = None) -> None:
        super().__init__(parent)
        self._tz = tz

    @property
    def columns(self) -> tuple[str, ...]:  # type: ignore[override]
        return (
            translate("Notifications", "When"),
            translate("Notifications", "Status"),
            translate("Notifications", "Channel"),
            translate("Notifications", "To"),
            translate("Notifications", "Subject"),
            translate("Notifications", "Tries"),
            translate("Notifications", "Problem"),
        )

    def cell(self, n: NotificationView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(_COLORS[n.status]))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#1a1a1a"))
        if role == Qt.ItemDataRole.ToolTipRole and n.last_error:
            return plain_error(n.last_error)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        when = (n.sent_at or n.scheduled_at).astimezone(self._tz)
        return (
            f"{day_text(when.date())} {time_text(when)}",
            state_text(n),
            channel_text(n.channel),
            n.recipient,
            n.subject,
            str(n.attempts),
            plain_error(n.last_error),
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
        self.filter.setAccessibleName(translate("Notifications", "Show notifications"))
        for label, status in (
            (translate("Notifications", "All"), None),
            (translate("Notifications", "Waiting"), N.PENDING),
            (translate("Notifications", "Sent"), N.SENT),
            (translate("Notifications", "Failed"), N.FAILED),
            (translate("Notifications", "Withdrawn"), N.CANCELLED),
        ):
            self.filter.addItem(label, status)
        self.filter.currentIndexChanged.connect(self.refresh)
        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("Notifications", "Client, address or subject"))
        self.search.setAccessibleName(translate("Notifications", "Find notifications"))
        self.search.textChanged.connect(self.refresh)
        self.appointment_id: int | None = None
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(translate("Notifications", "Notifications"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.resend_button = QPushButton(translate("Notifications", "Send again"))
        self.withdraw_button = QPushButton(translate("Notifications", "Withdraw"))
        refresh = QPushButton(translate("Notifications", "Refresh"))
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
            warn(self, exc, translate("Notifications", "Notifications not shown"))

    def show_appointment(self, appointment_id: int | None) -> None:
        """Only the notifications of one appointment (None: all of them)."""
        self.appointment_id = appointment_id
        self.refresh()

    def selected(self) -> NotificationView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def resend(self) -> None:
        self._act(self.delivery.resend, translate("Notifications", "Not sent again"))

    def withdraw(self) -> None:
        self._act(self.delivery.cancel, translate("Notifications", "Not withdrawn"))

    def _act(self, action: Callable[[int, int], None], refused: str) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        try:
            action(self.actor_id, chosen.id)
        except SchedulerError as exc:
            warn(self, exc, refused)
        self.refresh()
