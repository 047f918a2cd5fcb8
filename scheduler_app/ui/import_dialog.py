"""File > Import: clients and appointments from a previous system (CSV) or another
calendar (.ics).

The manager picks a file; a CSV's columns are mapped to what they hold (guessed
from the header, changed with a choice per field) and its date format chosen.
The whole file is read and checked at once: the preview shows its rows, or why
it cannot be imported, with the lines. "Check" books everything as the import
would and writes nothing; "Import" does it for real, off the GUI thread with a
progress bar and Cancel. The rows not imported are listed with the reason.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.csv_import import (
    DATE_FORMATS,
    FIELDS,
    CsvFile,
    Field,
    Kind,
    Mapping,
    guess_date_format,
    suggest,
)
from scheduler_app.services.import_rows import ImportRow
from scheduler_app.services.imports import ImportOutcome, OnRefusal
from scheduler_app.ui.background import BackgroundJob, Cancelled, Progress
from scheduler_app.ui.i18n import translate
from scheduler_app.ui.import_models import PREVIEW_ROWS, NotImportedModel, PreviewModel


def field_label(field: Field) -> str:
    return {
        Field.DATE: translate("ImportDialog", "Date"),
        Field.START: translate("ImportDialog", "Start time"),
        Field.END: translate("ImportDialog", "End time"),
        Field.DURATION: translate("ImportDialog", "Length (minutes)"),
        Field.CLIENT: translate("ImportDialog", "Client's name"),
        Field.PHONE: translate("ImportDialog", "Phone"),
        Field.EMAIL: translate("ImportDialog", "E-mail"),
        Field.PROFESSIONAL: translate("ImportDialog", "Professional"),
        Field.SERVICE: translate("ImportDialog", "Service"),
        Field.TITLE: translate("ImportDialog", "Title"),
        Field.NOTES: translate("ImportDialog", "Notes"),
        Field.STATUS: translate("ImportDialog", "Status"),
        Field.PRICE: translate("ImportDialog", "Price"),
        Field.EXTERNAL_ID: translate("ImportDialog", "Id in the old system"),
    }[field]


def date_format_label(pattern: str) -> str:
    """How a date format reads ("dd/mm/yyyy"), with the desk's letters for the parts."""
    day = translate("ImportDialog", "dd", "the day in a date format")
    month = translate("ImportDialog", "mm", "the month in a date format")
    year = translate("ImportDialog", "yyyy", "the year in a date format")
    return pattern.replace("%Y", year).replace("%m", month).replace("%d", day)


def _table(model: PreviewModel | NotImportedModel, name: str) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


class ImportDialog(QDialog):
    #: An import was saved (the window reads the schedule and professionals again).
    imported = Signal(object)  # ImportOutcome
    #: A check or an import ended (its outcome, or None if it failed).
    run_ended = Signal(object)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ImportDialog", "Import clients and appointments"))
        self.services = services
        tz = services.context.timezone
        self.path: Path | None = None
        self.csv: CsvFile | None = None
        self.ics_data: bytes | None = None
        self.rows: tuple[ImportRow, ...] = ()
        self.outcome: ImportOutcome | None = None
        self.job: BackgroundJob | None = None

        self.file_label = QLabel(translate("ImportDialog", "No file chosen yet."))
        self.file_label.setAccessibleName(translate("ImportDialog", "File"))
        self.file_label.setWordWrap(True)
        choose = self.choose_button = QPushButton(translate("ImportDialog", "Choose file..."))
        choose.clicked.connect(self.choose_file)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(choose)

        self.kind = QComboBox()
        self.kind.setAccessibleName(translate("ImportDialog", "The file holds"))
        self.kind.addItem(
            translate("ImportDialog", "Appointments (with their clients)"), Kind.APPOINTMENTS
        )
        self.kind.addItem(translate("ImportDialog", "Clients"), Kind.CLIENTS)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.date_format = QComboBox()
        self.date_format.setAccessibleName(translate("ImportDialog", "Dates are written as"))
        for pattern in DATE_FORMATS:
            self.date_format.addItem(date_format_label(pattern), pattern)
        self.date_format.currentIndexChanged.connect(self.read_rows)
        self.columns: dict[Field, QComboBox] = {}
        self.mapping_form = QFormLayout()
        self.mapping_form.addRow(translate("ImportDialog", "The file holds"), self.kind)
        self.mapping_form.addRow(
            translate("ImportDialog", "Dates are written as"), self.date_format
        )
        for field in Field:
            combo = QComboBox()
            combo.setAccessibleName(field_label(field))
            combo.currentIndexChanged.connect(self.read_rows)
            self.columns[field] = combo
            self.mapping_form.addRow(field_label(field), combo)
        self.mapping = QGroupBox(translate("ImportDialog", "Columns"))
        self.mapping.setLayout(self.mapping_form)
        self.mapping.hide()

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(translate("ImportDialog", "What the file holds"))
        self.preview = PreviewModel(tz, self)
        self.preview_table = _table(self.preview, translate("ImportDialog", "Rows of the file"))
        self.skip = QRadioButton(
            translate(
                "ImportDialog", "Skip the rows that do not fit the schedule and import the rest"
            )
        )
        self.abort = QRadioButton(
            translate("ImportDialog", "Import nothing if any row does not fit")
        )
        self.record = QRadioButton(
            translate(
                "ImportDialog",
                "Import every row; record those that do not fit as conflicts to resolve",
            )
        )
        self.record.setToolTip(
            translate(
                "ImportDialog",
                "A row whose professional is busy or not working then, or that nobody can "
                "take, is booked without a professional and waits in the Conflicts window; "
                "a client booked twice at once is kept and listed there too",
            )
        )
        self.skip.setChecked(True)
        choice = QButtonGroup(self)
        choice.addButton(self.skip)
        choice.addButton(self.abort)
        choice.addButton(self.record)
        self.outcome_label = QLabel()
        self.outcome_label.setWordWrap(True)
        self.outcome_label.setAccessibleName(translate("ImportDialog", "Outcome"))
        self.not_imported = NotImportedModel(tz, self)
        self.not_imported_table = _table(
            self.not_imported, translate("ImportDialog", "Rows not imported")
        )
        self.not_imported_table.setWordWrap(True)  # the reasons are read in full
        self.not_imported_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.not_imported_table.hide()
        self.progress = QProgressBar()
        self.progress.setAccessibleName(translate("ImportDialog", "Progress"))
        self.progress.hide()
        self.check_button = QPushButton(translate("ImportDialog", "Check"))
        self.check_button.setToolTip(
            translate(
                "ImportDialog",
                "Book everything as the import would, and write nothing: see what would not fit.",
            )
        )
        self.import_button = QPushButton(translate("ImportDialog", "Import"))
        self.cancel_button = QPushButton(translate("ImportDialog", "Cancel"))
        self.close_button = QPushButton(translate("ImportDialog", "Close"))
        self.check_button.clicked.connect(lambda: self.start(dry_run=True))
        self.import_button.clicked.connect(lambda: self.start(dry_run=False))
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        self.cancel_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(1)
        for push in (self.cancel_button, self.check_button, self.import_button, self.close_button):
            buttons.addWidget(push)

        left = QVBoxLayout()
        left.addWidget(self.mapping)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.summary)
        right.addWidget(self.preview_table, 3)
        right.addWidget(self.skip)
        right.addWidget(self.abort)
        right.addWidget(self.record)
        right.addWidget(self.outcome_label)
        right.addWidget(self.not_imported_table, 2)
        middle = QHBoxLayout()
        middle.addLayout(left)
        middle.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addLayout(buttons)
        self.resize(1100, 700)
        self._set_ready()

    # -- the file --------------------------------------------------------------

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            translate("ImportDialog", "Import from"),
            str(Path.home()),
            translate("ImportDialog", "Tables and calendars (*.csv *.txt *.ics);;All files (*)"),
        )
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        """Read ``path`` (a CSV, or an .ics by its name) and show what it holds."""
        self.path, self.csv, self.ics_data, self.rows = path, None, None, ()
        self.file_label.setText(str(path))
        self._clear_result()
        try:
            data = path.read_bytes()
        except OSError as exc:
            self._problem(
                translate("ImportDialog", "Cannot read {file}: {reason}").format(
                    file=path, reason=exc.strerror or str(exc)
                )
            )
            return
        if path.suffix.lower() == ".ics":
            self.ics_data = data
            self.mapping.hide()
            self.read_rows()
            return
        try:
            self.csv = self.services.imports.read_csv(data)
        except SchedulerError as exc:
            self.mapping.hide()
            self._problem(exc.message)
            return
        self.mapping.show()
        self._fill_columns()

    def _fill_columns(self) -> None:
        assert self.csv is not None
        kind = Kind(self.kind.currentData())
        guessed = suggest(self.csv.headers, kind)
        for field, combo in self.columns.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(translate("ImportDialog", "(not in the file)"), None)
            for number, header in enumerate(self.csv.headers):
                combo.addItem(
                    header or translate("ImportDialog", "Column {n}").format(n=number + 1), number
                )
            combo.setCurrentIndex(combo.findData(guessed[field]) if field in guessed else 0)
            combo.blockSignals(False)
            combo.setVisible(field in FIELDS[kind])
            label = self.mapping_form.labelForField(combo)
            if label is not None:
                label.setVisible(field in FIELDS[kind])
        self.date_format.blockSignals(True)
        self.date_format.setCurrentIndex(
            self.date_format.findData(guess_date_format(self.csv, guessed))
        )
        self.date_format.blockSignals(False)
        self.date_format.setVisible(kind is Kind.APPOINTMENTS)
        self.read_rows()

    def _kind_changed(self) -> None:
        if self.csv is not None:
            self._fill_columns()

    def chosen_mapping(self) -> Mapping:
        kind = Kind(self.kind.currentData())
        return {
            field: combo.currentData()
            for field, combo in self.columns.items()
            if field in FIELDS[kind] and combo.currentData() is not None
        }

    def read_rows(self) -> None:
        """Read and check every row with the chosen columns; show them or the problems."""
        self._clear_result()
        imports = self.services.imports
        try:
            if self.ics_data is not None:
                self.rows = imports.ics_rows(self.ics_data)
                appointments = True
            elif self.csv is not None:
                kind = Kind(self.kind.currentData())
                self.rows = imports.csv_rows(
                    self.csv, kind, self.chosen_mapping(), self.date_format.currentData()
                )
                appointments = kind is Kind.APPOINTMENTS
            else:
                return
        except SchedulerError as exc:
            self.rows = ()
            self._problem(exc.message)
            return
        self.preview.appointments = appointments
        self.preview.set_rows(self.rows[:PREVIEW_ROWS])
        left_out = sum(1 for r in self.rows if r.skip)
        text = translate("ImportDialog", "{count} rows read, all well formed.").format(
            count=len(self.rows)
        )
        if self.csv is not None:
            text += " " + translate(
                "ImportDialog", "Text: {encoding}, columns separated by “{separator}”."
            ).format(encoding=self.csv.encoding, separator=self.csv.delimiter.replace("\t", "tab"))
        if left_out:
            text += " " + translate("ImportDialog", "{count} will be left out (greyed).").format(
                count=left_out
            )
        if len(self.rows) > PREVIEW_ROWS:
            text += " " + translate("ImportDialog", "The first {count} are shown.").format(
                count=PREVIEW_ROWS
            )
        self.summary.setStyleSheet("")
        self.summary.setText(text)
        self.preview_table.show()
        self._set_ready()

    def _problem(self, message: str) -> None:
        self.rows = ()
        self.preview.set_rows([])
        self.summary.setStyleSheet("color: #b71c1c;")
        self.summary.setText(message)
        self._set_ready()

    def _clear_result(self) -> None:
        self.outcome = None
        self.outcome_label.clear()
        self.not_imported.set_rows([])
        self.not_imported_table.hide()

    def _set_ready(self) -> None:
        running = self.job is not None and self.job.running
        ready = bool(self.rows) and not running
        self.check_button.setEnabled(ready)
        self.import_button.setEnabled(ready)
        self.choose_button.setEnabled(not running)
        self.mapping.setEnabled(not running)
        self.cancel_button.setVisible(running)
        self.progress.setVisible(running)
        self.close_button.setEnabled(not running)

    # -- checking and importing -----------------------------------------------

    def start(self, *, dry_run: bool) -> None:
        """Check or import the rows read, off the GUI thread."""
        if not self.rows or (self.job is not None and self.job.running):
            return
        rows = self.rows
        on_refusal = (
            OnRefusal.ABORT
            if self.abort.isChecked()
            else OnRefusal.RECORD
            if self.record.isChecked()
            else OnRefusal.SKIP
        )
        actor, source = self.services.actor_id, self.path.name if self.path else ""

        def work(progress: Progress, cancelled: Cancelled) -> ImportOutcome:
            return self.services.imports.run(
                actor,
                rows,
                on_refusal=on_refusal,
                dry_run=dry_run,
                progress=progress,
                cancelled=cancelled,
                source=source,
            )

        self._clear_result()
        job = self.job = BackgroundJob(work, self)
        job.progressed.connect(self._progressed)
        job.finished.connect(self._finished)
        job.failed.connect(self._failed)
        self.progress.setRange(0, len(rows))
        self.progress.setValue(0)
        job.start()
        self._set_ready()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _finished(self, outcome: ImportOutcome) -> None:
        self.outcome = outcome
        self._set_ready()
        self.outcome_label.setStyleSheet("")
        self.outcome_label.setText(self._outcome_text(outcome))
        self.not_imported.set_rows(outcome.not_imported)
        self.not_imported_table.setVisible(bool(outcome.not_imported))
        if outcome.committed:
            self.imported.emit(outcome)
        self.run_ended.emit(outcome)

    def _failed(self, message: str) -> None:
        self._set_ready()
        self.outcome_label.setStyleSheet("color: #b71c1c;")
        self.outcome_label.setText(message)
        self.run_ended.emit(None)

    @staticmethod
    def _outcome_text(outcome: ImportOutcome) -> str:
        made = translate(
            "ImportDialog",
            "clients: {clients} new, {matched} found; professionals: {professionals} new; "
            "services: {services} new",
        ).format(
            clients=outcome.clients_added,
            matched=outcome.clients_matched,
            professionals=outcome.professionals_added,
            services=outcome.services_added,
        )
        if outcome.cancelled:
            return translate("ImportDialog", "Cancelled: nothing was imported.")
        if outcome.committed:
            text = translate("ImportDialog", "Imported: {booked} appointments booked.").format(
                booked=outcome.booked
            )
        else:
            text = translate(
                "ImportDialog", "Nothing was written: {booked} appointments would be booked."
            ).format(booked=outcome.booked)
        text += " " + made[:1].upper() + made[1:] + "."
        if outcome.already:
            text += " " + translate(
                "ImportDialog", "{count} rows were imported before and are left as they are."
            ).format(count=outcome.already)
        if outcome.recorded:
            text += " " + (
                translate(
                    "ImportDialog",
                    "Recorded as conflicts to resolve: {count} (see the Conflicts window).",
                )
                if outcome.committed
                else translate("ImportDialog", "Would be recorded as conflicts: {count}.")
            ).format(count=outcome.recorded)
        if outcome.not_imported:
            text += " " + translate("ImportDialog", "Not imported: {count} (listed below).").format(
                count=len(outcome.not_imported)
            )
        return text

    def reject(self) -> None:
        if self.job is not None and self.job.running:
            return  # Cancel first: the import ends cleanly
        super().reject()
