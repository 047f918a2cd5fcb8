"""A client booked in two places at once, from the window: the booking dialog and a
drop in the calendar ask "Book both?" / "Keep both?"; yes saves it and records a
time conflict, no leaves everything as it was. Joana Costa has Dr Silva at 10:00
and Tom Becker at 11:00 (45 minutes each)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTime
from pytestqt.qtbot import QtBot

from scheduler_app.db.models import Role
from scheduler_app.ui.booking_dialog import BookingDialog
from scheduler_app.ui.conflicts_window import show_conflicts
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic
from tests.ui.boxes import Boxes
from tests.ui.dialog_driver import choose_client, press_book
from tests.ui.grid_driver import by_hour, drag, point


class Asked:
    """The "Book both?" questions a person was asked, and their answer."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer: bool) -> None:
        self.shown: list[tuple[str, str, str, str]] = []  # title, text, yes, no
        self.answer = answer
        monkeypatch.setattr("scheduler_app.ui.clash_question.ask", self._ask)

    def _ask(self, _parent: object, title: str, text: str, yes: str, no: str) -> bool:
        self.shown.append((title, text, yes, no))
        return self.answer

    def texts(self) -> list[str]:
        return [text for _title, text, _yes, _no in self.shown]


DASH = "\N{EN DASH}"
ASKED = f"Joana Costa already has an appointment at 10:00{DASH}10:45 with Dr Ana Silva."


def open_dialog(window: MainWindow, qtbot: QtBot) -> BookingDialog:
    """Reception books Joana Costa with Tom Becker at 10:15 (he is free then)."""
    dialog = BookingDialog(window.services, window.day, window)
    dialog.submit = window.desk.submit_booking
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.professional.setCurrentIndex(dialog.professional.findText("Tom Becker"))
    dialog.time_edit.setTime(QTime(10, 15))
    dialog.duration.setValue(30)
    choose_client(dialog, "Joana Costa")
    return dialog


@pytest.fixture
def reception(desk: Clinic) -> Clinic:
    desk.sign_in(desk.add_staff("desk", Role.RECEPTION))
    return desk


def test_the_booking_dialog_asks_and_books_both(
    window: MainWindow, reception: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = Asked(monkeypatch, answer=True)
    dialog = open_dialog(window, qtbot)
    assert dialog.verdict.text() == "Free" and dialog.book_button.isEnabled()
    assert press_book(dialog) == BookingDialog.DialogCode.Accepted
    assert asked.shown == [
        ("Client already booked", f"{ASKED} Book both?", "Book both", "Don't book")
    ]
    assert dialog.booked is not None and dialog.booked.start == reception.at(2, 10, 15)
    [conflict] = reception.services.conflicts.unresolved()
    assert (conflict.kind, conflict.impact) == ("time_conflict", "low")
    assert dialog.booked.id in {a.id for a in conflict.appointments}


def test_no_to_book_both_books_nothing_and_keeps_the_dialog(
    window: MainWindow, reception: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = Asked(monkeypatch, answer=False)
    dialog = open_dialog(window, qtbot)
    press_book(dialog)
    assert asked.texts() == [f"{ASKED} Book both?"]
    assert dialog.isVisible() and dialog.booked is None
    assert dialog.verdict.text() == ASKED
    assert len(reception.booking.appointments_on(reception.at(2, 0).date())) == 3
    assert reception.services.conflicts.unresolved() == []


def test_a_drop_that_books_the_client_twice_asks_then_keeps_both(
    window: MainWindow, reception: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = Asked(monkeypatch, answer=True)
    his = by_hour(reception, 11)  # Tom Becker's
    view = window.day_view
    drag(view, point(view, 1, 11 * 60 + 10), point(view, 1, 10 * 60 + 10))
    assert asked.shown == [
        ("Client already booked", f"{ASKED} Keep both?", "Keep both", "Put it back")
    ]
    moved = reception.booking.get(his.id)
    assert moved.start == reception.at(2, 10)
    [conflict] = reception.services.conflicts.unresolved()
    assert conflict.kind == "time_conflict" and his.id in {a.id for a in conflict.appointments}
    assert window.conflicts.isVisible()  # the status bar counts it


def test_declining_the_drop_snaps_back(
    window: MainWindow, reception: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes = Boxes().install(monkeypatch)
    asked = Asked(monkeypatch, answer=False)
    his = by_hour(reception, 11)
    view = window.day_view
    home = view.items[his.id].rect()
    drag(view, point(view, 1, 11 * 60 + 10), point(view, 1, 10 * 60 + 10))
    assert asked.texts() == [f"{ASKED} Keep both?"]
    assert boxes.texts("warning") == []  # no second message: the answer was no
    assert reception.booking.get(his.id).start == reception.at(2, 11)
    assert view.items[his.id].rect() == home
    assert reception.services.conflicts.unresolved() == []


def test_the_conflicts_window_shows_the_time_conflict_and_moves_one_apart(
    window: MainWindow, reception: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    Asked(monkeypatch, answer=True)
    his = by_hour(reception, 11)
    view = window.day_view
    drag(view, point(view, 1, 11 * 60 + 10), point(view, 1, 10 * 60 + 10))
    assert window.conflicts.text() == "1 open conflict"
    shown = show_conflicts(window)
    qtbot.addWidget(shown)
    assert shown.conflicts.item(0).text().startswith("Low · Time conflict · 2 appointments")
    assert "Booked both by desk" in shown.about.text()
    assert shown.appointments_label.text().startswith("The client's appointments at the same")
    texts = [shown.appointments.item(r).text() for r in range(shown.appointments.count())]
    assert [t.split(" · ")[0] for t in texts] == ["Mon 2 Mar 10:00-10:45"] * 2
    shown.appointments.setCurrentRow(1)  # Tom Becker's, moved to 10:00
    qtbot.waitUntil(lambda: shown.suggestion() is not None)
    chosen = shown.suggestion()
    assert chosen is not None and chosen.moved and chosen.appointment_id == his.id
    assert not (chosen.start < reception.at(2, 10, 45) and reception.at(2, 10) < chosen.end)
    shown.accept_button.click()
    assert shown.heading.text() == "No conflicts wait to be resolved."
    assert reception.booking.get(chosen.appointment_id).start == chosen.start
    assert reception.services.conflicts.open_count() == 0
