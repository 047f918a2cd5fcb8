"""A field for skills, typed as a list ("Manual therapy, Dry needling"), offering the
names the clinic already uses as you type."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QLineEdit

from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.ui.i18n import translate


def skills_field(services: Services, names: list[str]) -> QLineEdit:
    field = QLineEdit(", ".join(names))
    field.setAccessibleName(translate("SkillsField", "Skills"))
    field.setPlaceholderText(translate("SkillsField", "Such as Manual therapy, Paediatrics"))
    try:
        known = services.skills.names()
    except SchedulerError:
        known = []
    completer = QCompleter(known, field)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    field.setCompleter(completer)
    return field


def read_skills(field: QLineEdit) -> list[str]:
    """The names typed, in order, without blanks."""
    return [" ".join(n.split()) for n in field.text().split(",") if n.strip()]
