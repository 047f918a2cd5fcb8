"""Printed pages, through File > Print as the desk uses it: the PDF is read back page
by page (its text) and rendered to PNG images."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from scheduler_app.services.dto import BookingRequest
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.print_dialog import PrintDialog
from tests.conftest import Clinic
from tests.ui.pdf_pages import pdf_pages

PHONE = "+351 912 345 678"


@pytest.fixture
def day_with_notes(desk: Clinic) -> Clinic:
    """Dr Ana Silva also sees Rui Reis at 15:00 for a consultation, with notes."""
    consultation = desk.directory.add_service(desk.admin, "Consultation", 30, Decimal("45"))
    reis = desk.directory.add_client(desk.admin, "Rui Reis", "+351 911 111 222")
    silva = desk.directory.professionals()[0]
    desk.booking.book(
        desk.admin,
        BookingRequest(
            start=desk.at(2, 15),
            professional_id=silva.id,
            client_id=reis.id,
            service_id=consultation.id,
            description="Bring last year's X-rays",
        ),
    )
    tomorrow = BookingRequest(start=desk.at(3, 9), professional_id=silva.id, client_id=reis.id)
    desk.booking.book(desk.admin, tomorrow)
    return desk


def print_to_pdf(
    window: MainWindow,
    path: Path,
    monkeypatch: pytest.MonkeyPatch,
    choose: str = "sheets",
    **options: object,
) -> PrintDialog:
    """File > Print, pick what to print, Save as PDF... at ``path``."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    used: list[PrintDialog] = []

    def drive(dialog: PrintDialog) -> int:
        getattr(dialog, choose).setChecked(True)
        for name, change in options.items():
            change(getattr(dialog, name))  # type: ignore[operator]
        dialog.pdf_button.click()
        used.append(dialog)
        return 0

    monkeypatch.setattr(PrintDialog, "exec", drive)
    window.print_action.trigger()
    return used[0]


def test_day_sheets_a_page_per_professional(
    window: MainWindow, day_with_notes: Clinic, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "sheets.pdf"
    dialog = print_to_pdf(window, path, monkeypatch)
    assert dialog.saved == path and "Saved as" in dialog.problem.text()
    pages = pdf_pages(path, "day-sheets")
    assert len(pages) == 3  # Dr Ana Silva, Tom Becker, then the unassigned one
    silva, becker, unassigned = pages
    assert silva.startswith("Test clinic Dr Ana Silva Monday, 2 March 2026 — 2 appointments")
    assert "Time Client Phone Service Notes" in silva
    assert f"10:00-10:45 Joana Costa {PHONE}" in silva
    assert "15:00-15:30 Rui Reis +351 911 111 222 Consultation Bring last year's X-rays" in silva
    assert "Tom Becker" in becker and "11:00-11:45 Joana Costa" in becker
    assert "Rui Reis" not in becker and "Tuesday" not in silva  # one day, one person
    assert unassigned.startswith("Test clinic Unassigned Monday, 2 March 2026 — 1 appointment")
    assert "14:00-14:45 Joana Costa" in unassigned
    assert "Printed on Mon 2 Mar at 07:00" in silva


def test_day_sheets_of_one_professional_over_two_days(
    window: MainWindow, day_with_notes: Clinic, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QDate

    path = tmp_path / "silva.pdf"
    print_to_pdf(
        window,
        path,
        monkeypatch,
        last=lambda d: d.setDate(QDate(2026, 3, 3)),
        professional=lambda c: c.setCurrentIndex(c.findText("Dr Ana Silva")),
    )
    pages = pdf_pages(path, "silva-two-days")
    assert [p.split(" — ")[0] for p in pages] == [
        "Test clinic Dr Ana Silva Monday, 2 March 2026",
        "Test clinic Dr Ana Silva Tuesday, 3 March 2026",
    ]
    assert "09:00-10:30 Rui Reis" in pages[1]


def test_the_day_overview_and_the_list_as_shown(
    window: MainWindow, day_with_notes: Clinic, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.refresh()
    overview = tmp_path / "overview.pdf"
    print_to_pdf(window, overview, monkeypatch, choose="overview")
    (page,) = pdf_pages(overview, "day-overview")
    assert page.startswith(
        "Test clinic Day overview Monday, 2 March 2026: 4 appointments, 0 cancelled"
    )
    assert "Dr Ana Silva 2 10:00 15:30" in page and "Unassigned 1 14:00 14:45" in page
    assert "11:00-11:45 Tom Becker Joana Costa" in page and page.count("Pending") == 4

    window.tabs.setCurrentWidget(window.list_tab)
    window.list_tab.filter.setText("becker")
    listed = tmp_path / "list.pdf"
    print_to_pdf(window, listed, monkeypatch, choose="as_listed")
    (page,) = pdf_pages(listed, "appointment-list")
    assert page.startswith("Test clinic Appointments Monday, 2 March 2026, filtered by “becker”")
    assert "Mon 2 Mar 11:00-11:45 Joana Costa Tom Becker" in page
    assert "Dr Ana Silva" not in page and "1 appointment." in page


def test_the_preview_shows_the_pages(
    window: MainWindow, day_with_notes: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = PrintDialog(window.services, window.day, lambda: ("", []), window)
    qtbot.addWidget(dialog)
    counted: list[int] = []

    def look(preview: QPrintPreviewDialog) -> None:
        widget = preview.findChild(QPrintPreviewWidget)
        assert widget is not None
        widget.updatePreview()
        counted.append(widget.pageCount())

    monkeypatch.setattr(dialog, "open_preview", look)
    dialog.preview_button.click()
    assert counted == [3]


def test_a_pdf_that_cannot_be_written_is_said_and_nothing_breaks(
    window: MainWindow, day_with_notes: Clinic, tmp_path: Path, qtbot: QtBot
) -> None:
    dialog = PrintDialog(window.services, window.day, lambda: ("", []), window)
    qtbot.addWidget(dialog)
    assert not dialog.save_pdf(tmp_path / "no-such-folder" / "sheets.pdf")
    assert dialog.problem.text().startswith("Cannot write ")
    assert "No such file or directory" in dialog.problem.text()


def test_the_sheets_speak_the_desks_language(
    window: MainWindow, day_with_notes: Clinic, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scheduler_app.ui import i18n

    i18n.install("pt")
    try:
        path = tmp_path / "folhas.pdf"
        print_to_pdf(window, path, monkeypatch)
        first = pdf_pages(path, "folhas-do-dia")[0]
    finally:
        i18n.install("")
    assert first.startswith(
        "Test clinic Dr Ana Silva segunda-feira, 2 de março de 2026 — 2 marcações"
    )
    assert "Hora Cliente Telefone Serviço Notas" in first
