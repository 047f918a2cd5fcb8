"""File > Reports, as a manager uses it: read off the GUI thread, a chart beside the
table, CSV export, cancel."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QHorizontalStackedBarSeries
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.reports_window import ReportsWindow
from tests.conftest import Clinic


def table(reports: ReportsWindow) -> list[list[str]]:
    model = reports.model
    return [
        [str(model.data(model.index(r, c))) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


@pytest.fixture
def worked(desk: Clinic) -> Clinic:
    """Monday 2 March: the 10:00 completed (paid 50), the 11:00 a no-show."""
    ten, eleven, _two = desk.booking.appointments_on(date(2026, 3, 2))
    desk.booking.edit_details(desk.admin, ten.id, ten.version, {"estimated_cost": Decimal("45")})
    desk.clock.now = desk.at(2, 10)
    ten = desk.booking.get(ten.id)
    checked = desk.lifecycle.check_in(desk.admin, ten.id, ten.version)
    desk.lifecycle.complete(desk.admin, ten.id, checked.version, actual_cost=Decimal("50"))
    desk.clock.now = desk.at(2, 12)
    desk.lifecycle.mark_no_show(desk.admin, eleven.id, eleven.version)
    return desk


def open_reports(window: MainWindow, qtbot: QtBot) -> ReportsWindow:
    window.reports_action.trigger()
    reports = window.reports_window
    assert isinstance(reports, ReportsWindow)
    qtbot.addWidget(reports)
    reports.first.setDate(QDate(2026, 3, 1))
    reports.last.setDate(QDate(2026, 4, 30))
    return reports


def show(reports: ReportsWindow, qtbot: QtBot) -> Any:
    with qtbot.waitSignal(reports.shown, timeout=20_000) as shown:
        reports.show_button.click()
    return shown.args[0]


def test_months_in_a_chart_and_a_table(
    window: MainWindow, worked: Clinic, qtbot: QtBot, qtmodeltester: Any
) -> None:
    reports = open_reports(window, qtbot)
    assert show(reports, qtbot) is not None
    qtmodeltester.check(reports.model)
    rows = table(reports)
    assert rows[0][:12] == [
        "March 2026", "3", "1", "1", "0", "1", "50.0 %", "0.0 %",
        "45.00 EUR", "50.00 EUR", "50.00 EUR", "0",
    ]  # fmt: skip
    assert rows[1][0] == "April 2026" and rows[1][1] == "0"
    assert rows[2][0] == "Whole range" and rows[2][1] == "3"
    assert reports.summary.text().startswith(
        "3 booked, 1 completed, no-show rate 50.0 %, cancellation rate 0.0 %"
    )
    (series,) = reports.chart.series()
    assert isinstance(series, QHorizontalStackedBarSeries)
    assert [s.label() for s in series.barSets()] == [
        "Completed",
        "No-shows",
        "Cancelled",
        "Still booked",
    ]
    assert [s.at(1) for s in series.barSets()] == [1.0, 1.0, 0.0, 1.0]  # March
    axis = next(a for a in reports.chart.axes() if isinstance(a, QBarCategoryAxis))
    assert axis.categories() == ["Apr 2026", "Mar 2026"]  # from the bottom up: March on top
    assert "Utilisation is not shown" in reports.note.text()


def test_per_professional_and_the_csv(
    window: MainWindow,
    worked: Clinic,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reports = open_reports(window, qtbot)
    reports.breakdown.setCurrentIndex(reports.breakdown.findText("Professional"))
    reports.period.setCurrentIndex(reports.period.findText("Year"))
    show(reports, qtbot)
    assert [r[:3] for r in table(reports)] == [
        ["Sun 1 Mar - Thu 30 Apr 2026", "Dr Ana Silva", "1"],
        ["Sun 1 Mar - Thu 30 Apr 2026", "Tom Becker", "1"],
        ["Sun 1 Mar - Thu 30 Apr 2026", "Unassigned", "1"],
        ["Whole range", "Dr Ana Silva", "1"],
        ["Whole range", "Tom Becker", "1"],
        ["Whole range", "Unassigned", "1"],
        ["Whole range", "All", "3"],
    ]
    axis = next(a for a in reports.chart.axes() if isinstance(a, QBarCategoryAxis))
    assert sorted(axis.categories()) == ["Dr Ana Silva", "Tom Becker", "Unassigned"]
    path = tmp_path / "report.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    reports.csv_button.click()
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == (
        "Period,Professional,Booked,Completed,No-shows,Cancelled,Still booked,No-show rate,"
        "Cancellation rate,Estimated revenue,Actual revenue,Average value,Conflicts opened"
    )
    assert (
        lines[1] == "Sun 1 Mar - Thu 30 Apr 2026,Dr Ana Silva,1,1,0,0,0,0.0,0.0,45.00,50.00,50.00,"
    )
    assert lines[-1] == "Whole range,All,3,1,1,0,1,50.0,0.0,45.00,50.00,50.00,0"


def test_a_long_report_can_be_cancelled(
    window: MainWindow, worked: Clinic, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = worked.services.reports.report
    gate = threading.Event()

    def slow(*args: Any, progress: Any, **kwargs: Any) -> Any:
        def step(done: int, total: int) -> None:
            progress(done, total)
            if done == 1:
                gate.wait(10)  # until the manager pressed Cancel

        return real(*args, progress=step, **kwargs)

    monkeypatch.setattr(worked.services.reports, "report", slow)
    reports = open_reports(window, qtbot)
    reports.period.setCurrentIndex(reports.period.findText("Day"))
    with qtbot.waitSignal(reports.shown, timeout=20_000) as shown:
        reports.show_button.click()
        assert not reports.cancel_button.isHidden() and not reports.show_button.isEnabled()
        qtbot.waitUntil(lambda: reports.progress.value() == 1, timeout=10_000)
        reports.cancel_button.click()
        gate.set()
    assert shown.args[0] is None
    assert reports.summary.text() == "Cancelled: the report was not read."
    assert reports.show_button.isEnabled() and reports.cancel_button.isHidden()
