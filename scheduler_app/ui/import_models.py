"""Table models of the import dialog: the rows read from the file (the preview) and
the rows not imported, with the reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from scheduler_app.domain.recurrence import parse_rule
from scheduler_app.services.import_rows import ImportRow, ImportSeries
from scheduler_app.services.imports import NotImported
from scheduler_app.ui.i18n import day_year_text, span_text, time_text, translate
from scheduler_app.ui.row_model import RowTableModel
from scheduler_app.ui.series_words import rule_words

#: Rows shown in the preview (the whole file is read and checked all the same).
PREVIEW_ROWS = 500
LEFT_OUT = QColor("#eeeeee")
REFUSED = QColor("#f8d7da")
TEXT = QColor("#1a1a1a")


def when(start: datetime | None, tz: ZoneInfo) -> str:
    if start is None:
        return ""
    local = start.astimezone(tz)
    return f"{day_year_text(local.date())} {time_text(local)}"


class PreviewModel(RowTableModel):
    """What the file holds, as it will be imported."""

    def __init__(self, tz: ZoneInfo, parent: Any = None) -> None:
        super().__init__(parent)
        self._tz = tz
        self.appointments = True

    @property
    def columns(self) -> tuple[str, ...]:  # type: ignore[override]
        people = (
            translate("ImportDialog", "Client"),
            translate("ImportDialog", "Phone"),
            translate("ImportDialog", "E-mail"),
        )
        if not self.appointments:
            return (translate("ImportDialog", "Line"), *people)
        return (
            translate("ImportDialog", "Line"),
            translate("ImportDialog", "Day"),
            translate("ImportDialog", "Time"),
            *people,
            translate("ImportDialog", "Professional"),
            translate("ImportDialog", "Service"),
            translate("ImportDialog", "Notes"),
        )

    def cell(self, row: ImportRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and row.skip:
            return QBrush(LEFT_OUT)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(TEXT)
        if role == Qt.ItemDataRole.ToolTipRole and (row.skip or row.note or row.series):
            return row.skip or self._series_or_note(row)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        people = (row.client_name, row.phone, row.email)
        if not self.appointments:
            return (str(row.line), *people)[column]
        day = time = ""
        if row.start is not None:
            local = row.start.astimezone(self._tz)
            day = day_year_text(local.date())
            end = row.end.astimezone(self._tz) if row.end is not None else local
            time = span_text(local, end)
        notes = row.skip or self._series_or_note(row) or row.description or row.title
        return (
            str(row.line),
            day,
            time,
            *people,
            row.professional_name,
            row.service_name,
            notes.replace("\n", " "),
        )[column]

    def _series_or_note(self, row: ImportRow) -> str:
        if row.series is None or row.start is None:
            return row.note
        return series_words(row.series, row.start.astimezone(self._tz))


def series_words(series: ImportSeries, start: datetime) -> str:
    """ "Repeats every Tuesday at 10:00, 6 times: 5 appointments, 1 moved, 1
    cancelled" (``start``: the first date, local)."""
    rule = replace(parse_rule(series.rule), exdates=())
    n = series.occurrences
    text = (
        translate("ImportDialog", "Repeats {rule}: 1 appointment")
        if n == 1
        else translate("ImportDialog", "Repeats {rule}: {n} appointments")
    ).format(rule=rule_words(rule, start), n=n)
    moved = series.moved
    if moved:
        text += ", " + (
            translate("ImportDialog", "1 moved")
            if moved == 1
            else translate("ImportDialog", "{n} moved").format(n=moved)
        )
    if series.left_out:
        text += ", " + (
            translate("ImportDialog", "1 cancelled")
            if series.left_out == 1
            else translate("ImportDialog", "{n} cancelled").format(n=series.left_out)
        )
    return text


class NotImportedModel(RowTableModel):
    def __init__(self, tz: ZoneInfo, parent: Any = None) -> None:
        super().__init__(parent)
        self._tz = tz

    @property
    def columns(self) -> tuple[str, ...]:  # type: ignore[override]
        return (
            translate("ImportDialog", "Line"),
            translate("ImportDialog", "When"),
            translate("ImportDialog", "Client"),
            translate("ImportDialog", "Professional"),
            translate("ImportDialog", "Why not imported"),
        )

    def cell(self, row: NotImported, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(REFUSED if row.refused else LEFT_OUT)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(TEXT)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.reason
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            str(row.line),
            when(row.start, self._tz),
            row.client_name,
            row.professional_name,
            row.reason,
        )[column]
