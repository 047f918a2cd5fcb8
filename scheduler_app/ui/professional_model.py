"""Qt list model of the clinic's active professionals: the calendars' columns."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from scheduler_app.services.dto import ProfessionalView

Index = QModelIndex | QPersistentModelIndex

#: Role returning the professional's id.
IdRole = Qt.ItemDataRole.UserRole + 1


class ProfessionalModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ProfessionalView] = []

    def set_professionals(self, professionals: list[ProfessionalView]) -> None:
        self.beginResetModel()
        self._rows = list(professionals)
        self.endResetModel()

    def professionals(self) -> list[ProfessionalView]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        prof = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return prof.name
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(prof.color)
        if role == Qt.ItemDataRole.ToolTipRole:
            return prof.title or prof.name
        if role == IdRole:
            return prof.id
        return None
