"""Message boxes replaced by a recorder: what a person would have read, and the
answer they would have given to a question."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from PySide6.QtWidgets import QMessageBox


@dataclass
class Boxes:
    shown: list[tuple[str, str, str]] = field(default_factory=list)  # kind, title, text
    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.No

    def install(self, monkeypatch: pytest.MonkeyPatch) -> Boxes:
        for kind in ("critical", "warning", "information"):
            monkeypatch.setattr(QMessageBox, kind, self._recorder(kind))
        monkeypatch.setattr(QMessageBox, "question", self._question)
        return self

    def _recorder(self, kind: str):  # type: ignore[no-untyped-def]
        def record(_parent: object, title: str, text: str, *_args: object) -> object:
            self.shown.append((kind, title, text))
            return QMessageBox.StandardButton.Ok

        return record

    def _question(self, _parent: object, title: str, text: str, *_args: object) -> object:
        self.shown.append(("question", title, text))
        return self.answer

    def texts(self, kind: str) -> list[str]:
        return [text for shown_kind, _title, text in self.shown if shown_kind == kind]
