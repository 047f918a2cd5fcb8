"""File > Reports, as a manager uses it: read off the GUI thread, a chart beside the
table, CSV export, cancel."""

from __future__ import annotations

import threading
from datetime import date, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QHorizontalBarSeries, QHorizontalStackedBarSeries
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from scheduler_app.domain.working_time import WeeklyRange
from scheduler_app.services.dto import BookingRequest
from scheduler_app.services.resources import ResourceDetails
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
    # 22 weekdays of 11 hours for each of the two; the 10:00 and the 11:00 (45 minutes
    # each) held their professionals' time, the one at 14:00 is nobody's yet
    assert rows[0] == [
        "March 2026", "3", "0.3 %", "484.0", "1.5", "0.0", "1", "1", "0", "0", "1", "0",
        "50.0 %", "0.0 %", "0.0 %", "45.00 EUR", "50.00 EUR", "50.00 EUR", "0",
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
        "Cancelled in time",
        "Cancelled late",
        "Still booked",
    ]
    assert [s.at(1) for s in series.barSets()] == [1.0, 1.0, 0.0, 0.0, 1.0]  # March
    axis = next(a for a in reports.chart.axes() if isinstance(a, QBarCategoryAxis))
    assert axis.categories() == ["Apr 2026", "Mar 2026"]  # from the bottom up: March on top
    assert "Utilisation: hours booked in working time / working hours" in reports.note.text()


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
        "Period,Professional,Booked,Utilisation,Working hours,Booked hours in working time,"
        "Booked hours outside working time,Completed,No-shows,Cancelled in time,"
        "Cancelled late,Still booked,Undone by the desk,No-show rate,Cancellation rate,"
        "Late cancellation rate,Estimated revenue,Actual revenue,Average value,"
        "Conflicts opened"
    )
    # 44 weekdays of 11 hours; 45 minutes booked
    assert lines[1] == (
        "Sun 1 Mar - Thu 30 Apr 2026,Dr Ana Silva,1,0.2,484.00,0.75,0.00,1,0,0,0,0,0,"
        "0.0,0.0,0.0,45.00,50.00,50.00,"
    )
    unassigned = "Sun 1 Mar - Thu 30 Apr 2026,Unassigned,1,,,,,0,0,0,0,1,0,,0.0,0.0,0.00,0.00,,"
    assert lines[3] == unassigned
    assert lines[-1] == (
        "Whole range,All,3,0.2,968.00,1.50,0.00,1,1,0,0,1,0,50.0,0.0,0.0,45.00,50.00,50.00,0"
    )


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


@pytest.fixture
def planned(worked: Clinic) -> dict[str, int]:
    """Dr Silva works Mondays 09:00-12:00 (Tom Becker the clinic's hours), both in the
    Physio team; Room 1 held by Tom Becker on Tuesday 3 March 09:00-10:00; Dr Silva
    booked anyway from 13:00 to 14:00 on Monday 9 March (outside her hours)."""
    services, admin = worked.services, worked.admin
    silva, becker = (p.id for p in worked.directory.professionals())
    services.working_time.set_weekly_plan(admin, silva, [WeeklyRange(0, time(9), time(12))])
    team = services.teams.add(admin, "Physio")
    for p in (silva, becker):
        services.teams.set_member(admin, team, p)
    room = services.resources.add(admin, ResourceDetails("Room 1", "Room")).id
    for start, end, prof, extra in (
        (worked.at(3, 9), worked.at(3, 10), becker, {"resource_ids": (room,)}),
        (worked.at(9, 13), worked.at(9, 14), silva, {"override_reason": "Emergency"}),
    ):
        worked.booking.book(
            admin, BookingRequest(start=start, end=end, professional_id=prof, **extra)
        )
    return {"silva": silva, "becker": becker, "team": team, "room": room}


def _line(reports: ReportsWindow, name: str) -> dict[str, str]:
    """The whole range's line of ``name``, by column header."""
    model = reports.model
    heads = [
        str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())
    ]
    for row in table(reports):
        if row[0] == "Whole range" and row[1] == name:
            return dict(zip(heads, row, strict=True))
    raise AssertionError(f"no line for {name}: {table(reports)}")


def test_utilisation_per_professional_room_and_team_in_table_chart_and_csv(
    window: MainWindow,
    worked: Clinic,
    planned: dict[str, int],
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reports = open_reports(window, qtbot)
    reports.last.setDate(QDate(2026, 3, 31))
    reports.breakdown.setCurrentIndex(reports.breakdown.findText("Professional"))
    show(reports, qtbot)
    silva = _line(reports, "Dr Ana Silva")
    # five Mondays of 3 hours; the 10:00 on 2 March inside, 13:00-14:00 on the 9th not
    assert (silva["Working hours"], silva["Booked hours in working time"]) == ("15.0", "0.8")
    assert (silva["Booked hours outside working time"], silva["Utilisation"]) == ("1.0", "5.0 %")
    becker = _line(reports, "Tom Becker")  # 22 weekdays of 11 hours; 45 min and 1 hour
    assert (becker["Working hours"], becker["Utilisation"]) == ("242.0", "0.7 %")
    assert _line(reports, "Unassigned")["Utilisation"] == ""
    every = _line(reports, "All")
    assert (every["Working hours"], every["Booked hours in working time"]) == ("257.0", "2.5")
    assert "Utilisation 1.0 %: 2.5 of 257.0 working hours booked; 1.0 hours booked " in (
        reports.summary.text()
    )
    reports.chart_kind.setCurrentIndex(reports.chart_kind.findText("Utilisation"))
    (series,) = reports.chart.series()
    assert isinstance(series, QHorizontalBarSeries)
    inside, outside = series.barSets()
    assert (inside.label(), outside.label()) == (
        "Utilisation (%)",
        "Outside working time (%)",
    )
    axis = next(a for a in reports.chart.axes() if isinstance(a, QBarCategoryAxis))
    assert axis.categories() == ["Tom Becker", "Dr Ana Silva"]  # the highest on top
    assert [round(inside.at(i), 2) for i in range(2)] == [0.72, 5.0]
    assert [round(outside.at(i), 2) for i in range(2)] == [0.0, 6.67]
    path = tmp_path / "by-professional.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    reports.csv_button.click()
    written = path.read_text(encoding="utf-8-sig").splitlines()
    assert "Whole range,Dr Ana Silva,2,5.0,15.00,0.75,1.00,1,0,0,0,1,0,0.0,0.0,0.0," in (
        "\n".join(written)
    )
    reports.breakdown.setCurrentIndex(reports.breakdown.findText("Room"))
    show(reports, qtbot)
    room = _line(reports, "Room 1")  # open 22 weekdays of 11 hours, held 1 hour
    assert (room["Booked"], room["Working hours"], room["Utilisation"]) == ("1", "242.0", "0.4 %")
    assert _line(reports, "No room")["Booked"] == "4"
    axis = next(a for a in reports.chart.axes() if isinstance(a, QBarCategoryAxis))
    assert axis.categories() == ["Room 1"]
    reports.breakdown.setCurrentIndex(reports.breakdown.findText("Team"))
    show(reports, qtbot)
    physio = _line(reports, "Physio")
    assert (physio["Booked"], physio["Working hours"], physio["Utilisation"]) == (
        "4",
        "257.0",
        "1.0 %",
    )
    reports.breakdown.setCurrentIndex(reports.breakdown.findText("Service"))
    show(reports, qtbot)
    assert reports.chart.series() == []
    assert reports.chart.title() == "Utilisation is not measured per service"
    reports.chart_kind.setCurrentIndex(reports.chart_kind.findText("Appointments"))
    assert isinstance(reports.chart.series()[0], QHorizontalStackedBarSeries)
