"""File > Reports: appointments by status per period, and per professional or
service, with the rates and the money; a chart beside the table; CSV export.

The report is read off the GUI thread (`BackgroundJob`), with a progress bar and
Cancel. Utilisation is not shown: it needs the professionals' working time,
which the scheduler does not record yet.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QMargins, Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.report_periods import Period
from scheduler_app.services.bundle import Services
from scheduler_app.services.reports import Breakdown, Figures, Report
from scheduler_app.ui.background import BackgroundJob, Cancelled, Progress
from scheduler_app.ui.i18n import day_text, day_year_text, first_weekday, translate
from scheduler_app.ui.report_model import ReportModel, percent, report_csv, short_label

#: Bars of a chart by professional or service (the table lists them all).
MOST_BARS = 20
#: Category labels are shown up to this many bars, smaller from this many on.
LABELLED_BARS = 62
SMALL_LABELS_FROM = 12


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


def _sets() -> list[tuple[str, str, str]]:
    """(attribute of `Figures`, legend, colour) of the chart's stacked bars."""
    return [
        ("completed", translate("Reports", "Completed"), "#43a047"),
        ("no_shows", translate("Reports", "No-shows"), "#e53935"),
        ("cancelled", translate("Reports", "Cancelled"), "#9e9e9e"),
        ("still_booked", translate("Reports", "Still booked"), "#1e88e5"),
    ]


class ReportsWindow(QMainWindow):
    #: A report was read and shown (or None if it failed or was cancelled).
    shown = Signal(object)

    def __init__(self, services: Services, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Reports", "Reports"))
        self.setWindowFlag(Qt.WindowType.Window)
        self.services = services
        self.report: Report | None = None
        self.job: BackgroundJob | None = None
        self._sized = False
        self.first = QDateEdit(_qdate(day.replace(month=1, day=1)))
        self.last = QDateEdit(_qdate(day.replace(month=12, day=31)))
        for edit, name in (
            (self.first, translate("Reports", "From")),
            (self.last, translate("Reports", "Until")),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(name)
        self.period = QComboBox()
        self.period.setAccessibleName(translate("Reports", "Per"))
        for label, value in (
            (translate("Reports", "Day"), Period.DAY),
            (translate("Reports", "Week"), Period.WEEK),
            (translate("Reports", "Month"), Period.MONTH),
            (translate("Reports", "Quarter"), Period.QUARTER),
            (translate("Reports", "Year"), Period.YEAR),
        ):
            self.period.addItem(label, value)
        self.period.setCurrentIndex(2)
        self.breakdown = QComboBox()
        self.breakdown.setAccessibleName(translate("Reports", "By"))
        for label, by in (
            (translate("Reports", "All appointments"), Breakdown.NONE),
            (translate("Reports", "Professional"), Breakdown.PROFESSIONAL),
            (translate("Reports", "Service"), Breakdown.SERVICE),
        ):
            self.breakdown.addItem(label, by)
        self.show_button = QPushButton(translate("Reports", "Show"))
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(translate("Reports", "Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.progress = QProgressBar()
        self.progress.setAccessibleName(translate("Reports", "Progress"))
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.csv_button = QPushButton(translate("Reports", "Export CSV..."))
        self.csv_button.clicked.connect(self.ask_and_save_csv)
        self.csv_button.setEnabled(False)
        bar = QHBoxLayout()
        for text, widget in (
            (translate("Reports", "From"), self.first),
            (translate("Reports", "Until"), self.last),
            (translate("Reports", "Per"), self.period),
            (translate("Reports", "By"), self.breakdown),
        ):
            bar.addWidget(QLabel(text))
            bar.addWidget(widget)
        bar.addWidget(self.show_button)
        bar.addWidget(self.progress)
        bar.addWidget(self.cancel_button)
        bar.addStretch(1)
        bar.addWidget(self.csv_button)

        self.chart = QChart()
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setAccessibleName(translate("Reports", "Chart"))
        self.chart_view.setMinimumWidth(320)
        self.model = ReportModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(translate("Reports", "Figures"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        split = self.splitter = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.chart_view)
        split.addWidget(self.table)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(translate("Reports", "Summary"))
        self.note = QLabel(
            translate(
                "Reports",
                "Booked: every appointment starting in the period. No-show rate: no-shows / "
                "(completed + no-shows). Cancellation rate: cancelled / booked. Estimated "
                "revenue: billable appointments neither cancelled nor missed; actual: billable "
                "completed ones; average: actual / completed. Utilisation is not shown: it "
                "needs the professionals' working hours, which the scheduler does not record "
                "yet.",
            )
        )
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #444444;")
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.note)
        self.setCentralWidget(central)
        self.resize(1200, 760)

    # -- reading ---------------------------------------------------------------

    def start(self) -> None:
        """Read the report asked for, off the GUI thread."""
        if self.job is not None and self.job.running:
            return
        first, last = _day(self.first), _day(self.last)
        period, breakdown = (
            Period(self.period.currentData()),
            Breakdown(self.breakdown.currentData()),
        )
        reports, week_starts = self.services.reports, first_weekday()

        def work(progress: Progress, cancelled: Cancelled) -> Report | None:
            return reports.report(
                first,
                last,
                period,
                breakdown,
                week_starts=week_starts,
                progress=progress,
                cancelled=cancelled,
            )

        job = self.job = BackgroundJob(work, self)
        job.progressed.connect(self._progressed)
        job.finished.connect(self._finished)
        job.failed.connect(self._failed)
        self.progress.setValue(0)
        self._running(True)
        job.start()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.show_button.setEnabled(not running)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _failed(self, message: str) -> None:
        self._running(False)
        self.summary.setStyleSheet("color: #b71c1c;")
        self.summary.setText(message)
        self.shown.emit(None)

    def _finished(self, report: Report | None) -> None:
        self._running(False)
        if report is None:
            self.summary.setStyleSheet("")
            self.summary.setText(translate("Reports", "Cancelled: the report was not read."))
            self.shown.emit(None)
            return
        self.report = report
        self.model.show(report)
        self._chart(report)
        self.summary.setStyleSheet("")
        self.summary.setText(self._summary(report))
        self.csv_button.setEnabled(True)
        self.shown.emit(report)

    def _summary(self, report: Report) -> str:
        total = report.total
        text = translate(
            "Reports",
            "{booked} booked, {completed} completed, no-show rate {no_shows}, "
            "cancellation rate {cancelled}; conflicts opened: {conflicts}.",
        ).format(
            booked=total.booked,
            completed=total.completed,
            no_shows=percent(total.no_show_rate) or "-",
            cancelled=percent(total.cancellation_rate) or "-",
            conflicts=total.conflicts_opened,
        )
        if report.mean_time_to_resolve is not None:
            hours = report.mean_time_to_resolve.total_seconds() / 3600
            text += " " + translate("Reports", "Resolved in {hours} hours on average.").format(
                hours=f"{hours:.1f}"
            )
        return text

    def _chart(self, report: Report) -> None:
        chart = self.chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        bars: list[tuple[str, Figures]]
        if report.breakdown is Breakdown.NONE:
            bars = [(short_label(f, report.period), f) for f in report.periods]
            chart.setTitle(
                translate("Reports", "Appointments per period, {first} - {last}").format(
                    first=day_text(report.first), last=day_year_text(report.last)
                )
            )
        else:
            nobody = (
                translate("Reports", "Unassigned")
                if report.breakdown is Breakdown.PROFESSIONAL
                else translate("Reports", "No service")
            )
            ranked = sorted(report.per_key, key=lambda f: -f.booked)[:MOST_BARS]
            bars = [(f.name or nobody, f) for f in ranked]
            chart.setTitle(
                translate("Reports", "Appointments per professional")
                if report.breakdown is Breakdown.PROFESSIONAL
                else translate("Reports", "Appointments per service")
            )
        # Horizontal bars: the labels (periods, names) are read in full at the left,
        # the first at the top (a bar axis starts at the bottom).
        bars.reverse()
        series = QHorizontalStackedBarSeries()
        for attribute, legend, color in _sets():
            bar_set = QBarSet(legend)
            bar_set.setColor(QColor(color))
            bar_set.append([float(getattr(f, attribute)) for _label, f in bars])
            series.append(bar_set)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([label for label, _f in bars])
        categories.setLabelsVisible(len(bars) <= LABELLED_BARS)
        if len(bars) > SMALL_LABELS_FROM:  # Qt elides labels taller than their bar
            font = categories.labelsFont()
            font.setPointSizeF(7)
            categories.setLabelsFont(font)
        values = QValueAxis()
        values.setLabelFormat("%d")
        values.setMin(0)
        values.setMax(max([f.booked for _l, f in bars] + [1]))
        values.applyNiceNumbers()
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        series.attachAxis(values)

    # -- CSV -------------------------------------------------------------------

    def ask_and_save_csv(self) -> None:
        if self.report is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self,
            translate("Reports", "Export CSV"),
            str(Path.home() / f"report-{self.report.first}-{self.report.last}.csv"),
            translate("Reports", "CSV files (*.csv)"),
        )
        if path:
            self.save_csv(Path(path))

    def save_csv(self, path: Path) -> bool:
        assert self.report is not None
        try:
            path.write_text(report_csv(self.report), encoding="utf-8", newline="")
        except OSError as exc:
            self.summary.setStyleSheet("color: #b71c1c;")
            self.summary.setText(
                translate("Reports", "Cannot write {file}: {reason}").format(
                    file=path, reason=exc.strerror or str(exc)
                )
            )
            return False
        self.statusBar().showMessage(
            translate("Reports", "Saved as {file}.").format(file=path), 10_000
        )
        return True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:  # the chart gets two fifths of the width at first
            self._sized = True
            width = self.splitter.width()
            self.splitter.setSizes([width * 2 // 5, width - width * 2 // 5])

    def closeEvent(self, event: QCloseEvent) -> None:
        self.cancel()
        super().closeEvent(event)
