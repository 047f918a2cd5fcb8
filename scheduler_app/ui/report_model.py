"""The report's table (and its CSV): a line per period, or per period and
professional or service, then the totals."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
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


def lines(report: Report) -> list[Line]:
    """The table's lines: each period (per professional or service when broken down),
    then the whole range per professional or service, then the total."""
    period = report.period
    whole = translate("Reports", "Whole range")
    if report.breakdown is Breakdown.NONE:
        found = [Line(period_label(f, period), "", f) for f in report.periods]
    else:
        nobody = (
            translate("Reports", "Unassigned")
            if report.breakdown is Breakdown.PROFESSIONAL
            else translate("Reports", "No service")
        )
        found = [
            Line(period_label(f, period), f.name or nobody, f, clinic_wide=False)
            for f in report.lines
        ]
        found += [
            Line(whole, f.name or nobody, f, total=True, clinic_wide=False) for f in report.per_key
        ]
    all_of_them = translate("Reports", "All")
    return [*found, Line(whole, all_of_them, report.total, total=True)]


def headers(breakdown: Breakdown) -> list[str]:
    who = {
        Breakdown.NONE: "",
        Breakdown.PROFESSIONAL: translate("Reports", "Professional"),
        Breakdown.SERVICE: translate("Reports", "Service"),
    }[breakdown]
    return [
        translate("Reports", "Period"),
        *([who] if who else []),
        translate("Reports", "Booked"),
        translate("Reports", "Completed"),
        translate("Reports", "No-shows"),
        translate("Reports", "Cancelled"),
        translate("Reports", "Still booked"),
        translate("Reports", "No-show rate"),
        translate("Reports", "Cancellation rate"),
        translate("Reports", "Estimated revenue"),
        translate("Reports", "Actual revenue"),
        translate("Reports", "Average value"),
        translate("Reports", "Conflicts opened"),
    ]


def _values(line: Line, breakdown: Breakdown) -> list[object]:
    f = line.figures
    return [
        line.period,
        *([line.name] if breakdown is not Breakdown.NONE else []),
        f.booked,
        f.completed,
        f.no_shows,
        f.cancelled,
        f.still_booked,
        f.no_show_rate,
        f.cancellation_rate,
        f.estimated,
        f.actual,
        f.average_value,
        f.conflicts_opened if line.clinic_wide else None,
    ]


class ReportModel(RowTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.report: Report | None = None

    @property
    def columns(self) -> tuple[str, ...]:  # type: ignore[override]
        return tuple(headers(self.report.breakdown if self.report else Breakdown.NONE))

    def show(self, report: Report | None) -> None:
        self.report = report
        self.set_rows(lines(report) if report is not None else [])

    def cell(self, line: Line, column: int, role: int) -> Any:
        assert self.report is not None
        if role == Qt.ItemDataRole.BackgroundRole and line.total:
            return QBrush(TOTAL)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(TEXT)
        if role == Qt.ItemDataRole.FontRole and line.total:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            right = column >= (2 if self.report.breakdown is not Breakdown.NONE else 1)
            left = Qt.AlignmentFlag.AlignLeft
            return (Qt.AlignmentFlag.AlignRight if right else left) | Qt.AlignmentFlag.AlignVCenter
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        value = _values(line, self.report.breakdown)[column]
        if isinstance(value, float) or (value is None and column in self._rate_columns()):
            return percent(value)
        if isinstance(value, Decimal):
            return money_text(value, self.report.currency)
        return "" if value is None else str(value)

    def _rate_columns(self) -> tuple[int, ...]:
        shift = 1 if self.report is not None and self.report.breakdown is not Breakdown.NONE else 0
        return (6 + shift, 7 + shift)


def report_csv(report: Report) -> str:
    """The report's table as CSV (UTF-8 with a BOM for spreadsheets; dates as
    written on the desk, numbers with a point, rates in percent)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers(report.breakdown))
    for line in lines(report):
        row = []
        for value in _values(line, report.breakdown):
            if isinstance(value, float):
                row.append(f"{value * 100:.1f}")
            elif value is None:
                row.append("")
            else:
                row.append(str(value))
        writer.writerow(row)
    return "\ufeff" + out.getvalue()
