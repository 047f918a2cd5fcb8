"""Series through the export and import dialogs: the export says how many series
it saved, and the import's preview tells a series in words before it is booked."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from scheduler_app.services.series_dto import SeriesRequest, SeriesScope
from scheduler_app.services.series_move import SeriesChange
from scheduler_app.ui.export_dialog import ExportDialog
from scheduler_app.ui.import_dialog import ImportDialog
from tests.conftest import Clinic
from tests.ui.test_import_export import new_clinic, preview_cells, run  # noqa: F401

WEEKLY = "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=6"


def weekly_series(clinic: Clinic) -> None:
    """Tuesdays at 10:00 with Dr Silva, six times: the 2nd cancelled, the 4th moved."""
    silva = next(p.id for p in clinic.directory.professionals() if p.name == "Dr Ana Silva")
    becker = next(p.id for p in clinic.directory.professionals() if p.name == "Tom Becker")
    series = clinic.services.series
    request = SeriesRequest(WEEKLY, clinic.at(3, 10), clinic.client("Rui Reis"), silva, minutes=45)
    ids = series.book(clinic.admin, series.report(clinic.admin, request)).appointment_ids
    series.cancel(clinic.admin, ids[1], 1, SeriesScope.THIS, "Ill")
    change = SeriesChange(at=time(11, 30), professional_id=becker, reassign=True)
    series.change(clinic.admin, ids[3], 1, SeriesScope.THIS, change)


def test_a_series_exported_and_previewed_in_words_then_imported(
    desk: Clinic,
    new_clinic: Clinic,  # noqa: F811
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    weekly_series(desk)
    export = ExportDialog(desk.services, desk.at(2, 0).date())
    qtbot.addWidget(export)
    path = tmp_path / "clinic.ics"
    assert export.save(path)
    qtbot.waitUntil(lambda: export.saved == path)  # written on a worker
    assert export.outcome.text() == f"3 appointments and 1 series saved in {path}."

    dialog = ImportDialog(new_clinic.services)
    qtbot.addWidget(dialog)
    dialog.load(path)
    notes = preview_cells(dialog, 8)
    assert notes[3] == (
        "Repeats every Tuesday at 10:00, 6 times: 5 appointments, 1 moved, 1 cancelled"
    )
    model = dialog.preview
    assert model.data(model.index(3, 0), Qt.ItemDataRole.ToolTipRole) == notes[3]
    outcome = run(dialog, qtbot, dialog.import_button)
    assert outcome.committed and outcome.booked == 3 + 5
    copied = new_clinic.booking.appointments_between(desk.at(1, 0), desk.at(1, 0, month=5))
    series = [a for a in copied if a.series_id is not None]
    assert [(a.start, a.professional_name) for a in series] == [
        (desk.at(3, 10), "Dr Ana Silva"),
        (desk.at(17, 10), "Dr Ana Silva"),
        (desk.at(24, 11, 30), "Tom Becker"),
        (desk.at(31, 10), "Dr Ana Silva"),
        (desk.at(7, 10, month=4), "Dr Ana Silva"),
    ]
