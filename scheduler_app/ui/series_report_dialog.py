"""The dates of a series before it is booked: each free, or refused with the reason
and the nearest free time to take instead (ticked to book it).

"Book" books the free dates and the ticked alternatives in one go, or nothing: if
the schedule changed since the report, the dialog says so and shows the report
as it is now. "Book none" closes it without booking.
"""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.errors import SchedulerError
from scheduler_app.services.series_dto import (
    ChosenAlternative,
    SeriesBooked,
    SeriesChangedError,
    SeriesReport,
)
from scheduler_app.ui.dialog_buttons import dialog_buttons
from scheduler_app.ui.i18n import day_year_text, span_text, translate

GOOD, BAD = "color: #1b5e20;", "color: #b71c1c;"

#: Books the report with the chosen alternatives (raises `SchedulerError`).
Submit = Callable[[SeriesReport, tuple[ChosenAlternative, ...]], SeriesBooked]


class SeriesReportDialog(QDialog):
    def __init__(
        self, report: SeriesReport, tz: ZoneInfo, submit: Submit, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("SeriesReport", "Book the series"))
        self.setMinimumSize(720, 420)
        self._tz = tz
        self._submit = submit
        self.booked: SeriesBooked | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(BAD)
        self.message.setAccessibleName(translate("SeriesReport", "What happened"))
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName(translate("SeriesReport", "Dates of the series"))
        self.table.setHorizontalHeaderLabels(
            [
                translate("SeriesReport", "Date"),
                translate("SeriesReport", "Time"),
                translate("SeriesReport", "Free?"),
                translate("SeriesReport", "Instead (tick to book)"),
            ]
        )
        header = self.table.horizontalHeader()
        for column in (0, 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.buttons = dialog_buttons(
            self,
            self.accept,
            accept=QDialogButtonBox.StandardButton.Ok,
            accept_text=translate("SeriesReport", "&Book"),
            reject_text=translate("SeriesReport", "Book &none"),
        )
        self.book_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.table.itemChanged.connect(lambda _item: self._update_summary())
        self.show_report(report)

    def show_report(self, report: SeriesReport) -> None:
        self.report = report
        self.table.blockSignals(True)
        self.table.setRowCount(len(report.occurrences))
        for row, occ in enumerate(report.occurrences):
            day = QTableWidgetItem(day_year_text(occ.day))
            when = (
                span_text(occ.start.astimezone(self._tz), occ.end.astimezone(self._tz))
                if occ.start is not None and occ.end is not None
                else "—"
            )
            verdict = QTableWidgetItem(
                translate("SeriesReport", "Free") if occ.free else occ.reason
            )
            verdict.setForeground(Qt.GlobalColor.darkGreen if occ.free else Qt.GlobalColor.red)
            verdict.setToolTip(occ.reason)
            instead = QTableWidgetItem("")
            alt = occ.alternative
            if not occ.free and alt is not None:
                start = alt.start.astimezone(self._tz)
                instead.setText(
                    translate("SeriesReport", "{day} {time} {who}").format(
                        day=day_year_text(start.date()),
                        time=span_text(start, alt.end.astimezone(self._tz)),
                        who=alt.professional_name,
                    )
                )
                instead.setFlags(instead.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                instead.setCheckState(Qt.CheckState.Unchecked)
            elif not occ.free:
                instead.setText(translate("SeriesReport", "No free time near it"))
            for column, item in enumerate((day, QTableWidgetItem(when), verdict, instead)):
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()
        self._update_summary()

    def chosen(self) -> tuple[ChosenAlternative, ...]:
        """The alternatives ticked."""
        picked = []
        for row, occ in enumerate(self.report.occurrences):
            item = self.table.item(row, 3)
            checked = item is not None and item.checkState() == Qt.CheckState.Checked
            if occ.alternative is not None and checked:
                picked.append(ChosenAlternative(occ.index, occ.alternative))
        return tuple(picked)

    def check_alternative(self, index: int) -> None:
        """Tick the alternative of the occurrence ``index`` (what a click does)."""
        row = next(r for r, o in enumerate(self.report.occurrences) if o.index == index)
        item = self.table.item(row, 3)
        assert item is not None
        item.setCheckState(Qt.CheckState.Checked)

    def _update_summary(self) -> None:
        free, refused = len(self.report.free), len(self.report.refused)
        chosen = len(self.chosen())
        self.summary.setText(
            translate(
                "SeriesReport", "Free: {free} · refused: {refused} · alternatives ticked: {chosen}"
            ).format(free=free, refused=refused, chosen=chosen)
        )
        total = free + chosen
        self.book_button.setEnabled(total > 0)
        self.book_button.setText(
            translate("SeriesReport", "&Book 1 appointment")
            if total == 1
            else translate("SeriesReport", "&Book {n} appointments").format(n=total)
        )

    def accept(self) -> None:
        if not self.book_button.isEnabled():
            return
        try:
            self.booked = self._submit(self.report, self.chosen())
        except SeriesChangedError as exc:
            self.message.setText(
                translate(
                    "SeriesReport",
                    "The schedule changed since these dates were checked: nothing was "
                    "booked. Here they are as they are now.",
                )
            )
            self.show_report(exc.report)
            return
        except SchedulerError as exc:
            self.message.setText(exc.message)
            return
        super().accept()
