"""File > Reports: appointments by status per period, and per professional,
service, room or team, with the rates, utilisation and the money; a chart beside
the table (appointments by status, or utilisation); CSV export.

The report is read off the GUI thread (`BackgroundJob`), with a progress bar and
Cancel.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCharts import (
    QChart,
    QChartView,
)
from PySide6.QtCore import QDate, QMargins, Qt, Signal
from PySide6.QtGui import QCloseEvent, QPainter, QShowEvent
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
from scheduler_app.services.reports import Breakdown, Report
from scheduler_app.ui.background import BackgroundJob, Cancelled, Progress
from scheduler_app.ui.i18n import first_weekday, translate
from scheduler_app.ui.report_chart import APPOINTMENTS, UTILISATION, draw
from scheduler_app.ui.report_model import (
    ReportModel,
    hours_text,
    percent,
    report_csv,
)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


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
            (translate("Reports", "Room"), Breakdown.ROOM),
            (translate("Reports", "Team"), Breakdown.TEAM),
        ):
            self.breakdown.addItem(label, by)
        self.chart_kind = QComboBox()
        self.chart_kind.setAccessibleName(translate("Reports", "Chart of"))
        self.chart_kind.addItem(translate("Reports", "Appointments"), APPOINTMENTS)
        self.chart_kind.addItem(translate("Reports", "Utilisation"), UTILISATION)
        self.chart_kind.currentIndexChanged.connect(self._redraw)
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
        bar.setSpacing(4)  # the bar fits 1024 px in Portuguese too
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
        chart_side = QWidget()
        chart_layout = QVBoxLayout(chart_side)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        choice = QHBoxLayout()
        choice.addWidget(QLabel(translate("Reports", "Chart of")))
        choice.addWidget(self.chart_kind)
        choice.addStretch(1)
        chart_layout.addLayout(choice)
        chart_layout.addWidget(self.chart_view, 1)
        split.addWidget(chart_side)
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
                "Booked: every appointment starting in the period, but bookings the desk "
                "undid within a minute (counted apart). No-show rate: no-shows / (completed + "
                "no-shows). Cancellation rate: cancelled in time / booked; late cancellation "
                "rate: cancelled after the booking rules' deadline / booked. Utilisation: hours "
                "booked in working time / working hours (professionals: their working time; "
                "rooms: opening hours less maintenance, times their capacity; teams and the "
                "clinic: their professionals added up); hours booked outside working time "
                "are shown apart. Estimated revenue: billable appointments neither cancelled "
                "nor missed; actual: billable completed ones; average: actual / completed.",
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
        self._redraw()
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
        if total.late or total.undone:
            text += " " + translate(
                "Reports", "Cancelled late: {late}; bookings undone by the desk: {undone}."
            ).format(late=total.late, undone=total.undone)
        if total.use is not None and total.use.working:
            text += " " + translate(
                "Reports",
                "Utilisation {rate}: {inside} of {working} working hours booked; "
                "{outside} hours booked outside working time.",
            ).format(
                rate=percent(total.utilisation),
                inside=hours_text(total.booked_hours),
                working=hours_text(total.working_hours),
                outside=hours_text(total.outside_hours),
            )
        if report.mean_time_to_resolve is not None:
            hours = report.mean_time_to_resolve.total_seconds() / 3600
            text += " " + translate("Reports", "Resolved in {hours} hours on average.").format(
                hours=f"{hours:.1f}"
            )
        return text

    def _redraw(self) -> None:
        """Draw the chart chosen of the report shown."""
        if self.report is not None:
            draw(self.chart, self.report, str(self.chart_kind.currentData()))

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
