"""Screenshots of the Today tab, the reports, printing, import and export (called by
`tests.ui.take_screenshots` for each window size)."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QSize
from PySide6.QtPdf import QPdfDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from scheduler_app.services.bundle import Services
from scheduler_app.ui.export_dialog import ExportDialog
from scheduler_app.ui.import_dialog import ImportDialog
from scheduler_app.ui.main_window import MainWindow
from scheduler_app.ui.print_dialog import PrintDialog
from scheduler_app.ui.reports_window import ReportsWindow


def _wait(app: QApplication, done: list[object]) -> None:
    for _ in range(500):
        app.processEvents()
        if done:
            return
        QTest.qWait(20)


def _save(app: QApplication, widget: QWidget, path: Path) -> None:
    for _ in range(5):
        app.processEvents()
    widget.grab().save(str(path))


def _previous_system(services: Services, folder: Path) -> Path:
    """A CSV as a clinic's old system writes it, for the days after today."""
    tz = services.context.timezone
    day = services.context.now().astimezone(tz).date() + timedelta(days=2)
    names = [p.name for p in services.directory.professionals()][:2] or ["Dr Ana Silva"]
    lines = ["Data;Hora;Fim;Cliente;Telefone;Email;Profissional;Serviço;Notas;Ref"]
    for n, (hour, who) in enumerate(
        ((7, names[0]), (7, names[0]), (7, names[-1]), (18, names[0]), (18, "Marta Lobo"))
    ):
        lines.append(
            f"{day:%d/%m/%Y};{hour:02d}:{15 * (n % 2):02d};{hour + 1:02d}:00;Client {n};"
            f"+44 7700 900{n:03d};client{n}@example.invalid;{who};Consultation;;OLD-{n}"
        )
    path = folder / "previous-system.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def shoot(app: QApplication, window: MainWindow, services: Services, prefix: Path) -> None:
    """Today, File > Print (and a printed day sheet), File > Reports, import, export."""
    size = window.size()
    window.tabs.setCurrentWidget(window.today_tab)
    for _ in range(500):  # the board is read on a worker
        app.processEvents()
        if window.today_tab.board is not None and not window.today_tab.reader.busy:
            break
        QTest.qWait(10)
    _save(app, window, Path(f"{prefix}-today.png"))
    window.tabs.setCurrentWidget(window.day_view)

    dialog = PrintDialog(services, window.day, lambda: ("", []), window)
    dialog.show()
    _save(app, dialog, Path(f"{prefix}-print.png"))
    printed = dialog.document()
    dialog.close()
    with tempfile.TemporaryDirectory() as tmp:
        if printed is not None and prefix.name.endswith("large"):
            pdf = Path(tmp) / "sheets.pdf"
            printed.save_pdf(pdf)
            document = QPdfDocument(None)
            document.load(str(pdf))
            for page in range(min(2, document.pageCount())):
                image = document.render(page, QSize(1190, 1684))
                image.save(f"{prefix.parent}/day-sheet-page{page + 1}.png")
            document.close()

        reports = ReportsWindow(services, window.day, window)
        reports.resize(size)
        shown = QDate(window.day.year, window.day.month, window.day.day)
        reports.first.setDate(shown.addDays(-14))
        reports.last.setDate(shown.addDays(7))
        reports.period.setCurrentIndex(reports.period.findData("day"))
        reports.show()
        for breakdown, name in (("none", "reports"), ("professional", "reports-professionals")):
            reports.breakdown.setCurrentIndex(reports.breakdown.findData(breakdown))
            done: list[object] = []
            reports.shown.connect(done.append)
            reports.start()
            _wait(app, done)
            _save(app, reports, Path(f"{prefix}-{name}.png"))
        reports.close()

        importing = ImportDialog(services, window)
        importing.resize(min(size.width(), 1200), min(size.height(), 760))
        importing.load(_previous_system(services, Path(tmp)))
        importing.show()
        finished: list[object] = []
        importing.run_ended.connect(finished.append)
        importing.start(dry_run=True)
        _wait(app, finished)
        _save(app, importing, Path(f"{prefix}-import.png"))
        importing.close()

    export = ExportDialog(services, window.day, window)
    export.show()
    _save(app, export, Path(f"{prefix}-export.png"))
    export.close()
