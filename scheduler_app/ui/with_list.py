"""The booking dialog's "With": the further professionals of an appointment, each
of whom gets a linked piece of it in their own column (`services.joint`)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from scheduler_app.services.dto import ProfessionalView
from scheduler_app.ui.i18n import translate


class WithList(QListWidget):
    """A checkable list of the clinic's professionals but the appointment's own."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("BookingDialog", "With"))
        self.setToolTip(
            translate(
                "BookingDialog",
                "Other professionals taking part: the appointment shows in each of "
                "their columns and moves as one (Space ticks one)",
            )
        )
        self.setMaximumHeight(96)

    def fill(self, professionals: Sequence[ProfessionalView], lead: int | None) -> None:
        """Offer ``professionals`` (none ticked), all but ``lead``."""
        self.clear()
        for prof in professionals:
            item = QListWidgetItem(prof.name)
            item.setData(Qt.ItemDataRole.UserRole, prof.id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.offer_others(lead)

    def chosen(self, lead: int | None) -> tuple[int, ...]:
        """The professionals ticked, but ``lead``."""
        found = []
        for row in range(self.count()):
            item = self.item(row)
            prof = item.data(Qt.ItemDataRole.UserRole)
            if item.checkState() == Qt.CheckState.Checked and prof != lead:
                found.append(int(prof))
        return tuple(found)

    def choose(self, professional_ids: Sequence[int]) -> None:
        """Tick ``professional_ids`` (and no one else)."""
        for row in range(self.count()):
            item = self.item(row)
            wanted = item.data(Qt.ItemDataRole.UserRole) in professional_ids
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def offer_others(self, lead: int | None) -> None:
        """Everyone but ``lead``, and only once the appointment has one."""
        self.setEnabled(lead is not None)
        for row in range(self.count()):
            item = self.item(row)
            own = item.data(Qt.ItemDataRole.UserRole) == lead
            item.setHidden(own)
            if own:
                item.setCheckState(Qt.CheckState.Unchecked)
