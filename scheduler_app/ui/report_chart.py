"""The reports window's chart: appointments by status (stacked bars) or utilisation
(bars in percent), per period or for the busiest professionals, services, rooms
or teams."""

from __future__ import annotations

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from scheduler_app.services.reports import Breakdown, Figures, Report
from scheduler_app.ui.i18n import day_text, day_year_text, translate
from scheduler_app.ui.report_model import nobody_label, short_label

#: Bars of a chart by professional, service, room or team (the table lists them all).
MOST_BARS = 20
#: Category labels are shown up to this many bars, smaller from this many on.
LABELLED_BARS = 62
SMALL_LABELS_FROM = 12
#: What the chart shows.
APPOINTMENTS, UTILISATION = "appointments", "utilisation"
UTILISATION_COLOUR = "#00897b"
OUTSIDE_COLOUR = "#8e24aa"


def _sets() -> list[tuple[str, str, str]]:
    """(attribute of `Figures`, legend, colour) of the chart's stacked bars."""
    return [
        ("completed", translate("Reports", "Completed"), "#43a047"),
        ("no_shows", translate("Reports", "No-shows"), "#e53935"),
        ("cancelled_in_time", translate("Reports", "Cancelled in time"), "#9e9e9e"),
        ("late", translate("Reports", "Cancelled late"), "#fb8c00"),
        ("still_booked", translate("Reports", "Still booked"), "#1e88e5"),
    ]


def _titles(breakdown: Breakdown, kind: str) -> str:
    if kind == UTILISATION:
        return {
            Breakdown.PROFESSIONAL: translate("Reports", "Utilisation per professional"),
            Breakdown.ROOM: translate("Reports", "Utilisation per room"),
            Breakdown.TEAM: translate("Reports", "Utilisation per team"),
        }[breakdown]
    return {
        Breakdown.PROFESSIONAL: translate("Reports", "Appointments per professional"),
        Breakdown.SERVICE: translate("Reports", "Appointments per service"),
        Breakdown.ROOM: translate("Reports", "Appointments per room"),
        Breakdown.TEAM: translate("Reports", "Appointments per team"),
    }[breakdown]


def _clear(chart: QChart) -> None:
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)


def draw(chart: QChart, report: Report, kind: str) -> bool:
    """Draw ``kind`` of ``report``; False (and an empty chart saying why) when the
    report has no such figures (utilisation per service)."""
    _clear(chart)
    utilisation = kind == UTILISATION
    if utilisation and report.breakdown is Breakdown.SERVICE:
        chart.setTitle(translate("Reports", "Utilisation is not measured per service"))
        return False
    bars: list[tuple[str, Figures]]
    if report.breakdown is Breakdown.NONE:
        bars = [(short_label(f, report.period), f) for f in report.periods]
        title = (
            translate("Reports", "Utilisation per period, {first} - {last}")
            if utilisation
            else translate("Reports", "Appointments per period, {first} - {last}")
        )
        chart.setTitle(title.format(first=day_text(report.first), last=day_year_text(report.last)))
    else:
        nobody = nobody_label(report.breakdown)
        if utilisation:
            measured = [f for f in report.per_key if f.use is not None and f.use.working]
            ranked = sorted(measured, key=lambda f: -(f.utilisation or 0))[:MOST_BARS]
        else:
            ranked = sorted(report.per_key, key=lambda f: -f.booked)[:MOST_BARS]
        bars = [(f.name or nobody, f) for f in ranked]
        chart.setTitle(_titles(report.breakdown, kind))
    # Horizontal bars: the labels (periods, names) are read in full at the left,
    # the first at the top (a bar axis starts at the bottom).
    bars.reverse()
    series: QAbstractBarSeries
    values = QValueAxis()
    values.setMin(0)
    if utilisation:
        series = QHorizontalBarSeries()
        for legend, colour, share in (
            (translate("Reports", "Utilisation (%)"), UTILISATION_COLOUR, _inside),
            (translate("Reports", "Outside working time (%)"),
             OUTSIDE_COLOUR, _outside),
        ):  # fmt: skip
            bar_set = QBarSet(legend)
            bar_set.setColor(QColor(colour))
            bar_set.append([share(f) for _label, f in bars])
            series.append(bar_set)
        values.setLabelFormat("%d %%")
        values.setMax(max([100.0] + [_outside(f) for _l, f in bars]))
    else:
        series = QHorizontalStackedBarSeries()
        for attribute, legend, colour in _sets():
            bar_set = QBarSet(legend)
            bar_set.setColor(QColor(colour))
            bar_set.append([float(getattr(f, attribute)) for _label, f in bars])
            series.append(bar_set)
        values.setLabelFormat("%d")
        values.setMax(max([f.booked for _l, f in bars] + [1]))
    values.applyNiceNumbers()
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([label for label, _f in bars])
    categories.setLabelsVisible(len(bars) <= LABELLED_BARS)
    if len(bars) > SMALL_LABELS_FROM:  # Qt elides labels taller than their bar
        font = categories.labelsFont()
        font.setPointSizeF(7)
        categories.setLabelsFont(font)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(categories)
    series.attachAxis(values)
    return True


def _inside(figures: Figures) -> float:
    return 100 * (figures.utilisation or 0.0)


def _outside(figures: Figures) -> float:
    use = figures.use
    return 100 * use.outside / use.working if use is not None and use.working else 0.0
