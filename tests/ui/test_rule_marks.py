"""What the booking rules leave on an appointment is seen where the desk looks: a
block placed outside working time is marked and says why; a late cancellation says
so in the appointment's details. The clinic is open 08:00-19:00."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from scheduler_app.domain.rules import LatePolicy, RuleKind
from scheduler_app.services.dto import AppointmentView, BookingRequest
from scheduler_app.services.rules import RuleDetails
from scheduler_app.ui.details_dialog import DetailsDialog
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic


def _silva(desk: Clinic) -> int:
    return next(p.id for p in desk.directory.professionals() if p.name == "Dr Ana Silva")


def _evening(desk: Clinic) -> AppointmentView:
    return desk.booking.book(
        desk.admin,
        BookingRequest(
            start=desk.at(2, 19),
            end=desk.at(2, 19, 45),
            professional_id=_silva(desk),
            client_id=desk.client("Rui Lopes"),
            override_reason="Only evening she can come",
        ),
    )


def _labels(dialog: DetailsDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel)]


def test_a_block_booked_outside_working_hours_is_marked_with_its_reason(
    window: MainWindow, desk: Clinic
) -> None:
    booked = _evening(desk)
    window.refresh()
    grid = window.day_view
    grid.relayout()
    block = grid.items[booked.id]
    grid.canvas.ensureVisible(block.rect())
    image = grid.canvas.viewport().grab().toImage()
    assert block.shown_lines()[-1] == "Pending, outside hours"
    assert "Booked outside working hours: Only evening she can come" in block.tooltip()
    assert "outside working hours" in block.describe()
    corner = grid.canvas.mapFromScene(block.rect().bottomLeft() + QPointF(4, -4))
    assert image.pixelColor(corner).name() == "#6a1b9a"  # the purple corner
    inside = window.day_view.items[next(a.id for a in _day(desk) if a.start == desk.at(2, 10))]
    assert "outside" not in inside.tooltip() and "outside" not in inside.lines()[-1]


def _day(desk: Clinic) -> list[AppointmentView]:
    return desk.booking.appointments_between(desk.at(2, 0), desk.at(3, 0))


def test_the_details_say_outside_hours_and_late_cancellation(
    window: MainWindow, desk: Clinic, qtbot: QtBot
) -> None:
    booked = _evening(desk)
    details = DetailsDialog(booked, desk.services, window)
    qtbot.addWidget(details)
    assert "Only evening she can come" in _labels(details)
    desk.services.rules.add(
        desk.admin,
        RuleDetails(RuleKind.CANCELLATION, notice_minutes=24 * 60, late_policy=LatePolicy.FLAG),
    )
    cancelled = desk.lifecycle.cancel(desk.admin, booked.id, booked.version, "Ill")
    assert cancelled.late_cancellation
    details = DetailsDialog(cancelled, desk.services, window)
    qtbot.addWidget(details)
    assert "Late: cancelled after the clinic's deadline" in _labels(details)
    window.refresh()
    model = window.model
    row = model.row_of(booked.id)
    assert row >= 0
    tip = model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Late cancellation" in tip
    assert "Booked outside working hours: Only evening she can come" in tip
