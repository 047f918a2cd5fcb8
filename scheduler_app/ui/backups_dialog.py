"""Clinic > Backups: the clinic file's backups, one taken now, one restored.

Restoring replaces the file the desk has open: the desk lets go of the database
first (``release``), the backup takes the file's place, and the window closes;
the scheduler then opens the restored clinic on its next start.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.errors import SchedulerError
from scheduler_app.services.backup_service import Backup, BackupService, OtherClinicError
from scheduler_app.services.bundle import Services
from scheduler_app.ui.i18n import translate

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


def describe(backup: Backup) -> str:
    when = backup.taken_at.astimezone().strftime("%a %d %b %Y %H:%M")
    return f"{when}    {backup.size / 1e6:.1f} MB"


class BackupsDialog(QDialog):
    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        release: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("BackupsDialog", "Backups"))
        self.setMinimumWidth(520)
        self._backups = BackupService(services.database)
        self._release = release
        self.restored_to: Path | None = None
        layout = QVBoxLayout(self)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.about)
        self.list = QListWidget()
        self.list.setAccessibleName(translate("BackupsDialog", "Backups"))
        layout.addWidget(self.list)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        layout.addWidget(self.outcome)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.back_up_button = QPushButton(translate("BackupsDialog", "Back up now"))
        self.restore_button = QPushButton(translate("BackupsDialog", "Restore..."))
        buttons.addButton(self.back_up_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.back_up_button.clicked.connect(self.back_up)
        self.restore_button.clicked.connect(self.restore_selected)
        self.list.currentRowChanged.connect(lambda _row: self._update())
        layout.addWidget(buttons)
        if self._backups.database_file is None:
            self.about.setText(
                translate(
                    "BackupsDialog",
                    "This desk uses a shared database server: it is backed up on the server, "
                    "on a schedule, by whoever looks after it.",
                )
            )
            self.list.hide()
            self.back_up_button.hide()
            self.restore_button.hide()
        else:
            self.about.setText(
                translate(
                    "BackupsDialog",
                    "The clinic's file {file} is backed up every day while the scheduler "
                    "runs, each copy checked; the last 7 days and 4 weeks are kept in {folder}.",
                ).format(file=self._backups.database_file, folder=self._backups.folder)
            )
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for backup in self._backups.list():
            item = QListWidgetItem(describe(backup))
            item.setData(Qt.ItemDataRole.UserRole, backup)
            item.setToolTip(str(backup.path))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update()

    def selected(self) -> Backup | None:
        item = self.list.currentItem()
        backup = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return backup if isinstance(backup, Backup) else None

    def _update(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def back_up(self) -> None:
        try:
            taken = self._backups.take()
        except SchedulerError as exc:
            self._show(False, exc.message)
            return
        self.reload()
        self._show(
            True,
            translate("BackupsDialog", "Backed up and checked: {file}").format(file=taken.path),
        )

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is None:
            return
        force = False
        try:
            self._backups.check_restorable(backup.path)
        except OtherClinicError as exc:
            question = translate("BackupsDialog", "Restore it anyway?")
            if not self._ask(
                translate("BackupsDialog", "Another clinic's backup"),
                f"{exc.message}\n\n{question}",
            ):
                return
            force = True
        except SchedulerError as exc:
            self._show(False, exc.message)
            return
        if not self._ask(
            translate("BackupsDialog", "Restore this backup?"),
            translate(
                "BackupsDialog",
                "Restore the backup taken {when}?\n\nChanges made since then are not in "
                "it. The current file is kept beside it, and the scheduler closes once the "
                "backup is in place: open it again to continue with the restored schedule.",
            ).format(when=describe(backup).split("    ")[0]),
        ):
            return
        if self._release is not None:
            self._release()
        try:
            done = self._backups.restore(backup.path, force=force)
        except SchedulerError as exc:
            closing = translate("BackupsDialog", "The scheduler closes now.")
            QMessageBox.critical(self, exc.title, f"{exc.message}\n\n{closing}")
            self._close_window()
            return
        self.restored_to = done.target
        text = translate("BackupsDialog", "{backup} is restored in {file}.").format(
            backup=done.backup, file=done.target
        )
        if done.kept_aside:
            text += "\n\n" + translate(
                "BackupsDialog", "The file it replaced is kept as {file}."
            ).format(file=done.kept_aside)
        text += "\n\n" + translate(
            "BackupsDialog", "The scheduler closes now: open it again to continue."
        )
        QMessageBox.information(self, translate("BackupsDialog", "Backup restored"), text)
        self._close_window()

    def _ask(self, title: str, text: str) -> bool:
        return QMessageBox.question(self, title, text, Yes | No, No) == Yes

    def _close_window(self) -> None:
        self.accept()
        parent = self.parentWidget()
        if parent is not None:
            parent.close()

    def _show(self, ok: bool, text: str) -> None:
        self.outcome.setText(text)
        self.outcome.setStyleSheet("color: #1b5e20;" if ok else "color: #b71c1c;")
