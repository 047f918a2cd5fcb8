"""File > Export to iCalendar: a professional's, a room's (or piece of equipment's) or
the clinic's appointments for a range of days, as an .ics file other calendars open."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.localtime import day_bounds
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import ProfessionalView
from scheduler_app.services.resources import ResourceView
from scheduler_app.ui.background import BackgroundJob
from scheduler_app.ui.dialog_lists import ListsReader
from scheduler_app.ui.i18n import translate


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


class ExportDialog(QDialog):
    def __init__(self, services: Services, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ExportDialog", "Export to iCalendar"))
        self.services = services
        self.saved: Path | None = None
        self.first = QDateEdit(_qdate(day))
        self.last = QDateEdit(_qdate(day + timedelta(days=30)))
        for edit, name in (
            (self.first, translate("ExportDialog", "From")),
            (self.last, translate("ExportDialog", "Until")),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("ddd d MMM yyyy")
            edit.setAccessibleName(name)
        self.professional = QComboBox()
        self.professional.setAccessibleName(translate("ExportDialog", "Whose appointments"))
        self.professional.addItem(translate("ExportDialog", "The whole clinic"), None)
        self.clinic_name = ""
        self.job: BackgroundJob | None = None
        self.note = QLabel(
            translate(
                "ExportDialog",
                "Cancelled appointments are left out. Importing the file into another "
                "clinic finds the same professionals and clients, by name and e-mail.",
            )
        )
        self.note.setWordWrap(True)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName(translate("ExportDialog", "Outcome"))
        form = QFormLayout()
        form.addRow(translate("ExportDialog", "From"), self.first)
        form.addRow(translate("ExportDialog", "Until"), self.last)
        form.addRow(translate("ExportDialog", "Whose appointments"), self.professional)
        self.save_button = QPushButton(translate("ExportDialog", "Save as..."))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.ask_and_save)
        close = self.close_button = QPushButton(translate("ExportDialog", "Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.outcome)
        layout.addLayout(buttons)
        # The professionals, rooms and the clinic's name, read on a worker.
        self.lists = ListsReader(lambda: _calendars(services), self)
        self.lists.read.connect(self._listed)
        self.lists.failed.connect(lambda words, _cut: self._say(words, ok=False))
        self.lists.start()

    def _listed(self, found: _Calendars) -> None:
        self.clinic_name = found.clinic
        for prof in found.professionals:
            self.professional.addItem(prof.name, ("professional", prof.id))
        if found.rooms:
            self.professional.insertSeparator(self.professional.count())
        for room in found.rooms:
            self.professional.addItem(room.name, ("room", room.id))
        if not self.job:
            self.outcome.clear()

    def ask_and_save(self) -> None:
        name = self.professional.currentText() if self.professional.currentData() else ""
        clinic = self.clinic_name or translate("ExportDialog", "Appointments")
        suggested = f"{name or clinic} {_day(self.first)}.ics"
        path, _filter = QFileDialog.getSaveFileName(
            self,
            translate("ExportDialog", "Export to iCalendar"),
            str(Path.home() / suggested.replace("/", "-")),
            translate("ExportDialog", "iCalendar files (*.ics)"),
        )
        if path:
            self.save(Path(path))

    def save(self, path: Path) -> bool:
        """Write the chosen appointments to ``path`` (.ics added if missing), read on a
        worker: ``saved`` is the path once written (the outcome says so). False when
        the choice cannot be exported (said in the dialog)."""
        if path.suffix.lower() != ".ics":
            path = path.with_suffix(path.suffix + ".ics")
        first, last = _day(self.first), _day(self.last)
        if last < first:
            self._say(translate("ExportDialog", "The last day comes before the first."), ok=False)
            return False
        tz = self.services.context.timezone
        kind, key = self.professional.currentData() or ("", None)
        exports = self.services.exports
        lo, hi = day_bounds(first, tz)[0], day_bounds(last, tz)[1]
        professional = key if kind == "professional" else None
        room = key if kind == "room" else None

        def work(_progress: object, _cancelled: object) -> bytes:
            return exports.ics(lo, hi, professional_id=professional, resource_id=room)

        self.saved = None
        self.job = job = BackgroundJob(work, self)
        job.finished.connect(lambda data: self._write(path, data))
        job.failed.connect(lambda message: self._done(message, ok=False))
        job.crashed.connect(lambda: self.save_button.setEnabled(True))
        self.save_button.setEnabled(False)
        self._say(translate("ExportDialog", "Exporting…"), ok=True)
        job.start()
        return True

    def _write(self, path: Path, data: bytes) -> None:
        try:
            path.write_bytes(data)
        except OSError as exc:
            self._done(
                translate("ExportDialog", "Cannot write {file}: {reason}").format(
                    file=path, reason=exc.strerror or str(exc)
                ),
                ok=False,
            )
            return
        # A series is one repeating event (RRULE), its moved dates events of their own.
        series = data.count(b"\nRRULE:")
        count = data.count(b"BEGIN:VEVENT") - series - data.count(b"\nRECURRENCE-ID")
        text = (
            translate("ExportDialog", "{count} appointments and {series} series saved in {file}.")
            if series
            else translate("ExportDialog", "{count} appointments saved in {file}.")
        )
        self.saved = path
        self._done(text.format(count=count, series=series, file=path), ok=True)

    def _done(self, message: str, *, ok: bool) -> None:
        self.save_button.setEnabled(True)
        self._say(message, ok=ok)

    def _say(self, message: str, *, ok: bool) -> None:
        self.outcome.setStyleSheet("color: #1b5e20;" if ok else "color: #b71c1c;")
        self.outcome.setText(message)


@dataclass(frozen=True)
class _Calendars:
    """Whose calendars can be exported, and the clinic's name."""

    clinic: str
    professionals: list[ProfessionalView]
    rooms: list[ResourceView]


def _calendars(services: Services) -> _Calendars:
    return _Calendars(
        services.directory.organization().name,
        services.directory.professionals(include_inactive=True),
        services.resources.resources(include_retired=True),
    )
