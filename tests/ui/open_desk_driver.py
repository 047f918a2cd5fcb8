"""Open the desk through the start-up path and print, as JSON, what a person sees.

Run in a child process (so that it can run without root's file rights):
python -m tests.ui.open_desk_driver URL
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from scheduler_app.errors import SchedulerError
from scheduler_app.ui.application import open_desk
from scheduler_app.ui.startup import application, opener


def main(url: str) -> dict[str, object]:
    app = application()
    boxes: list[list[str]] = []

    def record(kind: str):  # type: ignore[no-untyped-def]
        def show(_parent: object, title: str, text: str, *_args: object) -> object:
            boxes.append([kind, title, text])
            return QMessageBox.StandardButton.No

        return show

    for kind in ("critical", "warning", "information", "question"):
        setattr(QMessageBox, kind, record(kind))
    desk = open_desk(opener(url), url, first_start=False)
    if desk is None:
        return {"opened": False, "boxes": boxes}
    app.processEvents()
    window = desk.window
    mark = window.findChild(QLabel, "read-only-mark")
    seen: dict[str, object] = {
        "opened": True,
        "title": window.windowTitle(),
        "mark": mark.text() if mark is not None and mark.isVisible() else None,
        "mark_tip": mark.toolTip() if mark is not None else None,
        "edits_enabled": [
            a.text()
            for a in (window.book_action, window.add_client_action, window.edit_action)
            if a.isEnabled()
        ],
        "appointments_shown": window.model.rowCount(),
    }
    try:
        desk.services.directory.add_client(desk.services.actor_id, "Ana Lopes", "+351 900 1")
        seen["write"] = "accepted"
    except SchedulerError as exc:
        seen["write"] = exc.message
    seen["boxes"] = boxes
    desk.release()
    window.close()
    QApplication.processEvents()
    return seen


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])), flush=True)
