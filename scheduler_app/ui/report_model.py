"""The report's table (and its CSV): a line per period, or per period and
professional, service, room or team, then the totals."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from scheduler_app.domain.report_periods import Period
from scheduler_app.services.reports import Breakdown, Figures, Report
from scheduler_app.ui.i18n import day_text, day_year_text, money_text, month_text, translate
from scheduler_app.ui.row_model import RowTableModel

TOTAL = QColor("#eeeeee")
TEXT = QColor("#1a1a1a")


def period_label(figures: Figures, period: Period) -> str:
    """ "March 2026", "Q1 2026", "Week 10: Mon 2 Mar" ... or the days when clipped."""
    first, last = figures.first, figures.end - timedelta(days=1)
    if period is Period.DAY:
        return day_year_text(first)
    if period is Period.WEEK:
        return translate("Reports", "Week {number}: {first} - {last}").format(
            number=first.isocalendar().week, first=day_text(first), last=day_text(last)
        )
    whole = first.day == 1 and figures.end.day == 1
    if period is Period.MONTH and whole:
        return month_text(first)
    if period is Period.QUARTER and whole and first.month % 3 == 1:
        return translate("Reports", "Q{quarter} {year}").format(
            quarter=(first.month - 1) // 3 + 1, year=first.year
        )
    if period is Period.YEAR and whole and first.month == 1:
        return str(first.year)
    return f"{day_text(first)} - {day_year_text(last)}"


def short_label(figures: Figures, period: Period) -> str:
    """A chart's label of a period: "Mon 2 Mar", "W10, 2 Mar", "Mar 2026", "Q1 2026"."""
    first = figures.first
    if period is Period.DAY:
        return day_text(first)
    if period is Period.WEEK:
        return translate("Reports", "W{number}, {day}").format(
            number=first.isocalendar().week,
            day=QLocale().toString(QDate(first.year, first.month, first.day), "d MMM"),
        )
    if period is Period.MONTH:
        return QLocale().toString(QDate(first.year, first.month, 1), "MMM yyyy")
    if period is Period.QUARTER:
        return translate("Reports", "Q{quarter} {year}").format(
            quarter=(first.month - 1) // 3 + 1, year=first.year
        )
    return str(first.year)


def percent(rate: float | None) -> str:
    """A rate as the locale writes it ("12.5 %", "12,5 %")."""
    return "" if rate is None else f"{QLocale().toString(rate * 100, 'f', 1)} %"


@dataclass(frozen=True)
class Line:
    period: str
    name: str
    figures: Figures
    total: bool = False
    #: Conflicts are the clinic's: counted on lines of all appointments only.
    clinic_wide: bool = True


def nobody_label(breakdown: Breakdown) -> str:
    """What a line without a professional, service, room or team is called."""
    return {
        Breakdown.NONE: "",
        Breakdown.PROFESSIONAL: translate("Reports", "Unassigned"),
        Breakdown.SERVICE: translate("Reports", "No service"),
        Breakdown.ROOM: translate("Reports", "No room"),
        Breakdown.TEAM: translate("Reports", "No team"),
    }[breakdown]


def lines(report: Report) -> list[Line]:
    """The table's lines: each period (per professional, service, room or team when
    broken down), then the whole range per key, then the total."""
    period = report.period
    whole = translate("Reports", "Whole range")
    if report.breakdown is Breakdown.NONE:
        found = [Line(period_label(f, period), "", f) for f in report.periods]
    else:
        nobody = nobody_label(report.breakdown)
        found = [
            Line(period_label(f, period), f.name or nobody, f, clinic_wide=False)
            for f in report.lines
        ]
        found += [
            Line(whole, f.name or nobody, f, total=True, clinic_wide=False) for f in report.per_key
        ]
    all_of_them = translate("Reports", "All")
    return [*found, Line(whole, all_of_them, report.total, total=True)]


class Kind(Enum):
    """How a column's values are written."""

    TEXT = "text"
    COUNT = "count"
    RATE = "rate"
    HOURS = "hours"
    MONEY = "money"


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind
    value: Callable[[Line], object]


def columns(breakdown: Breakdown) -> list[Column]:
    """The table's columns (the CSV's too), for ``breakdown``."""
    who = {
        Breakdown.NONE: "",
        Breakdown.PROFESSIONAL: translate("Reports", "Professional"),
        Breakdown.SERVICE: translate("Reports", "Service"),
        Breakdown.ROOM: translate("Reports", "Room"),
        Breakdown.TEAM: translate("Reports", "Team"),
    }[breakdown]
    t, c, r, h, m = Kind.TEXT, Kind.COUNT, Kind.RATE, Kind.HOURS, Kind.MONEY
    found = [Column(translate("Reports", "Period"), t, lambda line: line.period)]
    if who:
        found.append(Column(who, t, lambda line: line.name))
    figures: list[tuple[str, Kind, Callable[[Figures], object]]] = [
        (translate("Reports", "Booked"), c, lambda f: f.booked),
        (translate("Reports", "Utilisation"), r, lambda f: f.utilisation),
        (translate("Reports", "Working hours"), h, lambda f: f.working_hours),
        (translate("Reports", "Booked hours in working time"), h, lambda f: f.booked_hours),
        (translate("Reports", "Booked hours outside working time"), h, lambda f: f.outside_hours),
        (translate("Reports", "Completed"), c, lambda f: f.completed),
        (translate("Reports", "No-shows"), c, lambda f: f.no_shows),
        (translate("Reports", "Cancelled in time"), c, lambda f: f.cancelled_in_time),
        (translate("Reports", "Cancelled late"), c, lambda f: f.late),
        (translate("Reports", "Still booked"), c, lambda f: f.still_booked),
        (translate("Reports", "Undone by the desk"), c, lambda f: f.undone),
        (translate("Reports", "No-show rate"), r, lambda f: f.no_show_rate),
        (translate("Reports", "Cancellation rate"), r, lambda f: f.cancellation_rate),
        (translate("Reports", "Late cancellation rate"), r, lambda f: f.late_cancellation_rate),
        (translate("Reports", "Estimated revenue"), m, lambda f: f.estimated),
        (translate("Reports", "Actual revenue"), m, lambda f: f.actual),
        (translate("Reports", "Average value"), m, lambda f: f.average_value),
    ]
    found += [Column(header, kind, _of(get)) for header, kind, get in figures]
    found.append(
        Column(
            translate("Reports", "Conflicts opened"),
            c,
            lambda line: line.figures.conflicts_opened if line.clinic_wide else None,
        )
    )
    return found


def _of(get: Callable[[Figures], object]) -> Callable[[Line], object]:
    return lambda line: get(line.figures)


def headers(breakdown: Breakdown) -> list[str]:
    return [c.header for c in columns(breakdown)]


def hours_text(hours: float | None) -> str:
    return "" if hours is None else QLocale().toString(hours, "f", 1)


class ReportModel(RowTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.report: Report | None = None
        self._columns = columns(Breakdown.NONE)

    @property
    def columns(self) -> tuple[str, ...]:  # type: ignore[override]
        return tuple(c.header for c in self._columns)

    def show(self, report: Report | None) -> None:
        self.beginResetModel()
        self.report = report
        self._columns = columns(report.breakdown if report else Breakdown.NONE)
        self.endResetModel()
        self.set_rows(lines(report) if report is not None else [])

    def cell(self, line: Line, column: int, role: int) -> Any:
        assert self.report is not None
        kind = self._columns[column].kind
        if role == Qt.ItemDataRole.BackgroundRole and line.total:
            return QBrush(TOTAL)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(TEXT)
        if role == Qt.ItemDataRole.FontRole and line.total:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            left = Qt.AlignmentFlag.AlignLeft
            side = left if kind is Kind.TEXT else Qt.AlignmentFlag.AlignRight
            return side | Qt.AlignmentFlag.AlignVCenter
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        value = self._columns[column].value(line)
        if kind is Kind.RATE:
            return percent(value)  # type: ignore[arg-type]
        if kind is Kind.HOURS:
            return hours_text(value)  # type: ignore[arg-type]
        if kind is Kind.MONEY:
            return money_text(value, self.report.currency)  # type: ignore[arg-type]
        return "" if value is None else str(value)


def report_csv(report: Report) -> str:
    """The report's table as CSV (UTF-8 with a BOM for spreadsheets; dates as
    written on the desk, numbers with a point, rates in percent, hours with two
    decimals)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    found = columns(report.breakdown)
    writer.writerow([c.header for c in found])
    for line in lines(report):
        row = []
        for column in found:
            value = column.value(line)
            if value is None:
                row.append("")
            elif column.kind is Kind.RATE:
                row.append(f"{float(value) * 100:.1f}")  # type: ignore[arg-type]
            elif column.kind is Kind.HOURS:
                row.append(f"{float(value):.2f}")  # type: ignore[arg-type]
            else:
                row.append(str(value))
        writer.writerow(row)
    return "\ufeff" + out.getvalue()
