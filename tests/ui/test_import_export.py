"""File > Import and File > Export to iCalendar, driven as a manager does."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from scheduler_app.db.engine import open_database, sqlite_url
from scheduler_app.services.csv_import import Field
from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui.export_dialog import ExportDialog
from scheduler_app.ui.import_dialog import ImportDialog
from scheduler_app.ui.main_window import MainWindow
from tests.conftest import Clinic, make_clinic

PREVIOUS = Path(__file__).parent.parent / "db" / "data" / "previous-system.csv"


def preview_cells(dialog: ImportDialog, column: int) -> list[str]:
    model = dialog.preview
    return [str(model.data(model.index(r, column))) for r in range(model.rowCount())]


def run(dialog: ImportDialog, qtbot: QtBot, button: Any) -> Any:
    with qtbot.waitSignal(dialog.run_ended, timeout=20_000) as ended:
        button.click()
    return ended.args[0]


@pytest.fixture
def silva(desk: Clinic) -> Clinic:
    desk.directory.add_service(desk.admin, "Consultation", 30)
    return desk


def test_a_previous_systems_file_checked_then_imported(
    window: MainWindow, silva: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(PREVIOUS), ""))
    seen: list[ImportDialog] = []

    def drive(dialog: ImportDialog) -> int:
        seen.append(dialog)
        dialog.choose_button.click()
        assert dialog.columns[Field.CLIENT].currentText() == "Cliente"
        assert dialog.columns[Field.PROFESSIONAL].currentText() == "Profissional"
        assert dialog.date_format.currentText() == "dd/mm/yyyy"
        assert preview_cells(dialog, 0) == ["2", "3", "4", "5", "7"]
        assert preview_cells(dialog, 2)[0] == "09:00-09:30"
        assert preview_cells(dialog, 8)[4] == "Cancelled in the file: not booked."
        assert dialog.summary.text().startswith("5 rows read, all well formed.")
        checked = run(dialog, qtbot, dialog.check_button)
        assert not checked.committed
        assert dialog.outcome_label.text().startswith(
            "Nothing was written: 3 appointments would be booked."
        )
        assert dialog.not_imported.rowCount() == 2
        reason = dialog.not_imported.data(dialog.not_imported.index(0, 4))
        assert reason.startswith("Dr Ana Silva already has 09:00-09:30")
        done = run(dialog, qtbot, dialog.import_button)
        assert done.committed and done.booked == 3
        assert dialog.outcome_label.text().startswith("Imported: 3 appointments booked.")
        return 0

    monkeypatch.setattr(ImportDialog, "exec", drive)
    window.import_action.trigger()
    assert seen
    window.show_day(silva.at(3, 0).date())
    assert window.model.rowCount() == 2  # Tuesday: Joana Costa at 09:00, Rui Reis at 10:00
    assert "Marta Lobo" in [c.name for c in window.day_view.columns]  # a new professional


def test_a_malformed_file_shows_its_lines_and_cannot_be_imported(
    window: MainWindow, silva: Clinic, qtbot: QtBot, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Date,Start,End,Client\n2026-03-03,10:00,10:30,A\n2026-03-33,10:00,10:30,B\n")
    dialog = ImportDialog(silva.services, window)
    qtbot.addWidget(dialog)
    dialog.load(bad)
    assert dialog.summary.text().splitlines()[1] == (
        "Line 3: '2026-03-33' is not a date written as yyyy-mm-dd."
    )
    assert not dialog.import_button.isEnabled() and not dialog.check_button.isEnabled()
    dialog.columns[Field.DATE].setCurrentIndex(0)  # "(not in the file)": start needs a date
    assert "is not a date and a time" in dialog.summary.text()


def test_an_import_can_be_cancelled_and_writes_nothing(
    window: MainWindow, silva: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = len(silva.booking.appointments_between(silva.at(1, 0), silva.at(31, 0)))
    real = silva.services.imports.run
    gate = threading.Event()

    def slow(*args: Any, progress: Any, **kwargs: Any) -> Any:
        def step(done: int, total: int) -> None:
            progress(done, total)
            if done == 1:
                gate.wait(10)  # hold on until the manager pressed Cancel

        return real(*args, progress=step, **kwargs)

    monkeypatch.setattr(silva.services.imports, "run", slow)
    dialog = ImportDialog(silva.services, window)
    qtbot.addWidget(dialog)
    dialog.load(PREVIOUS)
    with qtbot.waitSignal(dialog.run_ended, timeout=20_000):
        dialog.import_button.click()
        assert not dialog.cancel_button.isHidden() and not dialog.close_button.isEnabled()
        qtbot.waitUntil(lambda: dialog.progress.value() == 1, timeout=10_000)
        dialog.cancel_button.click()
        gate.set()
    assert dialog.outcome_label.text() == "Cancelled: nothing was imported."
    assert dialog.cancel_button.isHidden() and dialog.close_button.isEnabled()
    after = len(silva.booking.appointments_between(silva.at(1, 0), silva.at(31, 0)))
    assert after == before


@pytest.fixture
def new_clinic(tmp_path: Path, sqlite_template: Path) -> Iterator[Clinic]:
    path = tmp_path / "new.sqlite3"
    shutil.copy(sqlite_template, path)
    database = open_database(sqlite_url(path))
    try:
        yield make_clinic(database)
    finally:
        database.dispose()


def test_export_a_professionals_month_and_import_it_in_a_new_clinic(
    window: MainWindow,
    silva: Clinic,
    new_clinic: Clinic,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    becker = next(p for p in silva.directory.professionals() if p.name == "Tom Becker")
    silva.booking.book(
        silva.admin, BookingRequest(start=silva.at(20, 16), professional_id=becker.id)
    )
    path = tmp_path / "becker.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    used: list[ExportDialog] = []

    def drive(dialog: ExportDialog) -> int:
        used.append(dialog)
        dialog.professional.setCurrentIndex(dialog.professional.findText("Tom Becker"))
        dialog.save_button.click()
        return 0

    monkeypatch.setattr(ExportDialog, "exec", drive)
    window.export_action.trigger()
    qtbot.waitUntil(lambda: used[0].saved == path)  # written on a worker
    assert used[0].outcome.text() == f"2 appointments saved in {path}."

    dialog = ImportDialog(new_clinic.services)
    qtbot.addWidget(dialog)
    dialog.load(path)
    assert dialog.mapping.isHidden()  # a calendar has no columns to map
    assert preview_cells(dialog, 6) == ["Tom Becker", "Tom Becker"]
    outcome = run(dialog, qtbot, dialog.import_button)
    assert outcome.committed and outcome.booked == 2 and outcome.professionals_added == 1
    copied = new_clinic.booking.appointments_between(silva.at(1, 0), silva.at(31, 0))
    assert [(a.start, a.end, a.professional_name, a.client_name) for a in copied] == [
        (silva.at(2, 11), silva.at(2, 11, 45), "Tom Becker", "Joana Costa"),
        (silva.at(20, 16), silva.at(20, 17, 30), "Tom Becker", ""),
    ]


def test_refused_rows_recorded_as_conflicts_show_in_the_conflicts_window(
    window: MainWindow, silva: Clinic, qtbot: QtBot
) -> None:
    from scheduler_app.ui.conflicts_window import show_conflicts

    dialog = ImportDialog(silva.services, window)
    qtbot.addWidget(dialog)
    dialog.load(PREVIOUS)
    assert dialog.skip.isChecked() and not dialog.record.isChecked()
    dialog.record.click()
    done = run(dialog, qtbot, dialog.import_button)
    assert done.committed and (done.booked, done.recorded) == (3, 1)
    assert dialog.outcome_label.text().startswith("Imported: 3 appointments booked.")
    assert "Recorded as conflicts to resolve: 1 (see the Conflicts window)." in (
        dialog.outcome_label.text()
    )
    assert dialog.not_imported.rowCount() == 1  # the cancelled row only
    window.refresh()
    assert window.conflicts.text() == "1 open conflict"
    shown = show_conflicts(window)
    qtbot.addWidget(shown)
    assert shown.conflicts.item(0).text().startswith("High · Double booking · 1 appointment")
    assert "Rui Reis" in shown.appointments.item(0).text()


def test_export_a_rooms_appointments_with_its_series(
    window: MainWindow,
    silva: Clinic,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """File > Export, "Room 2": only what holds Room 2; a series of a service that
    needs a treatment room goes out whole, as one repeating event, in the room it holds."""
    from decimal import Decimal

    import icalendar

    from scheduler_app.services.catalog import ServiceDetails
    from scheduler_app.services.resources import ResourceDetails
    from scheduler_app.services.series_dto import SeriesRequest

    resources = silva.services.resources
    room1, room2 = (
        resources.add(silva.admin, ResourceDetails(name, "Treatment room")).id
        for name in ("Room 1", "Room 2")
    )
    physio = silva.services.catalog.add(
        silva.admin, ServiceDetails("Physiotherapy", 60, Decimal("50.00"), "EUR", "#3366cc")
    ).id
    resources.set_needs(silva.admin, physio, [("Treatment room", 1)])
    silva.booking.book(silva.admin, BookingRequest(silva.at(23, 10), resource_ids=(room2,)))
    silva.booking.book(silva.admin, BookingRequest(silva.at(24, 10), resource_ids=(room1,)))
    series = silva.services.series
    request = SeriesRequest("RRULE:FREQ=WEEKLY;COUNT=3", silva.at(25, 15), service_id=physio)
    series.book(silva.admin, series.report(silva.admin, request))
    saved: dict[str, bytes] = {}

    def export(room: str) -> str:
        path = tmp_path / f"{room}.ics"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
        used: list[ExportDialog] = []

        def drive(dialog: ExportDialog) -> int:
            used.append(dialog)
            dialog.professional.setCurrentIndex(dialog.professional.findText(room))
            dialog.save_button.click()
            return 0

        monkeypatch.setattr(ExportDialog, "exec", drive)
        window.export_action.trigger()
        qtbot.waitUntil(lambda: used[0].saved == path)  # written on a worker
        saved[room] = path.read_bytes()
        return used[0].outcome.text()

    assert export("Room 2") == f"1 appointments saved in {tmp_path / 'Room 2.ics'}."
    assert export("Room 1").startswith("1 appointments and 1 series saved in")
    events = icalendar.Calendar.from_ical(saved["Room 1"]).walk("VEVENT")
    starts = sorted(e.decoded("dtstart").astimezone(silva.tz) for e in events)
    assert starts == [silva.at(24, 10), silva.at(25, 15)]
    assert [str(e.get("rrule").to_ical(), "ascii") for e in events if e.get("rrule")] == [
        "FREQ=WEEKLY;COUNT=3"
    ]
