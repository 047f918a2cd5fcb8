"""The notifications tab: see what waits, withdraw it, send it again."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from scheduler_app.db.models import AuditEntry
from scheduler_app.db.notification_models import NotificationStatus
from scheduler_app.services.delivery import DeliveryService
from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic


def test_pending_reminders_can_be_withdrawn_and_sent_again(
    desk: Clinic,
    qtbot: QtBot,
    qtmodeltester,
) -> None:
    window = MainWindow(desk.services)
    qtbot.addWidget(window)
    view = window.notifications
    window.tabs.setCurrentWidget(view)
    qtmodeltester.check(view.model)
    # Three bookings today: each still has its two-hour desk reminder ahead.
    assert view.model.rowCount() == 3
    assert {view.model.data(view.model.index(r, 1)) for r in range(3)} == {"Waiting"}
    assert view.model.data(view.model.index(0, 4)).startswith("Coming up: Joana Costa at")
    view.table.selectRow(0)
    chosen = view.selected()
    assert chosen is not None
    view.withdraw_button.click()
    delivery = DeliveryService(desk.services.context)
    assert delivery.counts() == {"pending": 2, "cancelled": 1}
    view.filter.setCurrentIndex(view.filter.findData(NotificationStatus.CANCELLED))
    assert view.model.rowCount() == 1 and view.model.row_at(0).id == chosen.id  # type: ignore[union-attr]
    view.table.selectRow(0)
    view.resend_button.click()
    assert delivery.counts() == {"pending": 3}
    assert view.model.rowCount() == 0  # the cancelled filter is now empty
    with desk.services.database.read_sessions() as session:
        entries = session.execute(
            select(AuditEntry.action, AuditEntry.actor_id, AuditEntry.entity_id, AuditEntry.after)
            .where(AuditEntry.entity == "notification")
            .order_by(AuditEntry.id)
        ).all()
    assert [(e.action, e.actor_id, e.entity_id) for e in entries] == [
        ("withdraw", desk.admin, chosen.id),
        ("resend", desk.admin, chosen.id),
    ]
    assert [e.after["status"] for e in entries] == ["cancelled", "pending"]


def test_notifications_of_one_client_or_appointment(desk: Clinic, qtbot: QtBot) -> None:
    other = desk.directory.add_client(desk.admin, "Rui Santos").id
    extra = desk.booking.book(desk.admin, BookingRequest(start=desk.at(2, 16), client_id=other))
    window = MainWindow(desk.services)
    qtbot.addWidget(window)
    view = window.notifications
    window.tabs.setCurrentWidget(view)
    assert view.model.rowCount() == 4
    view.search.setText("rui")
    assert view.model.rowCount() == 1
    view.search.setText("")
    window.show_notifications(extra.id)
    assert view.model.rowCount() == 1 and view.model.row_at(0).appointment_id == extra.id  # type: ignore[union-attr]
    window.tabs.setCurrentIndex(0)
    window.tabs.setCurrentWidget(view)
    assert view.model.rowCount() == 4
