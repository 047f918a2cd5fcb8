"""File > Print: day sheets, the day overview or the appointment list, previewed,
saved as a PDF or sent to a printer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.localtime import day_bounds
from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import AppointmentView
from scheduler_app.ui import printing
from scheduler_app.ui.i18n import translate
from scheduler_app.ui.message_boxes import warn

#: Day sheets for at most this many days at once.
MAX_DAYS = 31
#: What the List tab shows: (its heading, its rows in their order).
Listed = Callable[[], tuple[str, list[AppointmentView]]]


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


class PrintDialog(QDialog):
    def __init__(
        self, services: Services, day: date, listed: Listed, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("PrintDialog", "Print"))
        self.services = services
        self.listed = listed
        self.saved: Path | None = None  # the last PDF written
        self.sheets = QRadioButton(translate("PrintDialog", "Day sheets: a page per professional"))
        self.overview = QRadioButton(translate("PrintDialog", "Day overview of the clinic"))
        self.as_listed = QRadioButton(
            translate("PrintDialog", "Appointment list, as the List tab shows it")
        )
        self.sheets.setChecked(True)
        kinds = QButtonGroup(self)
        for button in (self.sheets, self.overview, self.as_listed):
            kinds.addButton(button)
            button.toggled.connect(self._kind_changed)
        self.first = QDateEdit(_qdate(day))
        self.last = QDateEdit(_qdate(day))
        for edit, name in (
            (self.first, translate("PrintDialog", "From")),
            (self.last, translate("PrintDialog", "Until")),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("ddd d MMM yyyy")
            edit.setAccessibleName(name)
        self.first.dateChanged.connect(self._first_changed)
        self.professional = QComboBox()
        self.professional.setAccessibleName(translate("PrintDialog", "Professional"))
        self.professional.addItem(translate("PrintDialog", "All professionals"), None)
        try:
            for prof in services.directory.professionals(include_inactive=True):
                self.professional.addItem(prof.name, prof.id)
        except SchedulerError as exc:
            warn(self, exc)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(translate("PrintDialog", "Outcome"))
        self.problem.hide()
        form = QFormLayout()
        form.addRow(translate("PrintDialog", "From"), self.first)
        form.addRow(translate("PrintDialog", "Until"), self.last)
        form.addRow(translate("PrintDialog", "Professional"), self.professional)
        self.preview_button = QPushButton(translate("PrintDialog", "Preview..."))
        self.pdf_button = QPushButton(translate("PrintDialog", "Save as PDF..."))
        self.print_button = QPushButton(translate("PrintDialog", "Print..."))
        self.close_button = QPushButton(translate("PrintDialog", "Close"))
        self.preview_button.clicked.connect(self.preview)
        self.pdf_button.clicked.connect(self.ask_and_save_pdf)
        self.print_button.clicked.connect(self.print_now)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for push in (self.preview_button, self.pdf_button, self.print_button):
            buttons.addWidget(push)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        for choice in (self.sheets, self.overview, self.as_listed):
            layout.addWidget(choice)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.print_button.setDefault(True)
        self._kind_changed()

    # -- what is printed -------------------------------------------------------

    def _kind_changed(self) -> None:
        ranged = not self.as_listed.isChecked()
        self.first.setEnabled(ranged)
        self.last.setEnabled(self.sheets.isChecked())
        self.professional.setEnabled(self.sheets.isChecked())

    def _first_changed(self, chosen: QDate) -> None:
        if self.last.date() < chosen:
            self.last.setDate(chosen)

    def document(self) -> printing.Printed | None:
        """What the chosen options print (None, with the reason shown, if nothing can)."""
        self.problem.hide()
        org = self.services.directory.organization()
        tz, now = self.services.context.timezone, self.services.context.now()
        if self.as_listed.isChecked():
            heading, rows = self.listed()
            return printing.appointment_list(org.name, heading, rows, tz, now)
        first = _day(self.first)
        last = _day(self.last) if self.sheets.isChecked() else first
        if last < first:
            self._refuse(translate("PrintDialog", "The last day comes before the first."))
            return None
        if (last - first).days >= MAX_DAYS:
            self._refuse(
                translate("PrintDialog", "Print at most {days} days at once.").format(days=MAX_DAYS)
            )
            return None
        appointments = self.services.booking.appointments_between(
            day_bounds(first, tz)[0], day_bounds(last, tz)[1]
        )
        if self.overview.isChecked():
            return printing.day_overview(org.name, first, appointments, tz, now)
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        chosen = self.professional.currentData()
        return printing.day_sheets(org.name, days, appointments, tz, now, chosen)

    def _refuse(self, message: str) -> None:
        self._say(message, ok=False)

    def _say(self, message: str, *, ok: bool) -> None:
        self.problem.setText(message)
        self.problem.setStyleSheet("color: #1b5e20;" if ok else "color: #b71c1c;")
        self.problem.show()

    def _built(self) -> printing.Printed | None:
        try:
            return self.document()
        except SchedulerError as exc:
            warn(self, exc, translate("PrintDialog", "Nothing printed"))
            return None

    # -- where it goes ----------------------------------------------------------

    def preview(self) -> None:
        printed = self._built()
        if printed is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(printed.title)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle(translate("PrintDialog", "Print preview"))
        dialog.paintRequested.connect(printed.print_to)
        self.open_preview(dialog)

    def open_preview(self, dialog: QPrintPreviewDialog) -> None:
        dialog.resize(900, 1000)
        dialog.exec()

    def ask_and_save_pdf(self) -> None:
        printed = self._built()
        if printed is None:
            return
        name = printed.title.replace("/", "-") + ".pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self,
            translate("PrintDialog", "Save as PDF"),
            str(Path.home() / name),
            translate("PrintDialog", "PDF documents (*.pdf)"),
        )
        if path:
            self.save_pdf(Path(path), printed)

    def save_pdf(self, path: Path, printed: printing.Printed | None = None) -> bool:
        """Write the chosen document to ``path``; False (with the reason) if it cannot."""
        printed = printed or self._built()
        if printed is None:
            return False
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(path.suffix + ".pdf")
        try:
            with path.open("wb"):
                pass  # can it be written at all? QPdfWriter does not say
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self._refuse(
                translate("PrintDialog", "Cannot write {file}: {reason}").format(
                    file=path, reason=reason
                )
            )
            return False
        printed.save_pdf(path)
        self._say(translate("PrintDialog", "Saved as {file}.").format(file=path), ok=True)
        self.saved = path
        return True

    def print_now(self) -> None:
        printed = self._built()
        if printed is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(printed.title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(translate("PrintDialog", "Print"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            printed.print_to(printer)
