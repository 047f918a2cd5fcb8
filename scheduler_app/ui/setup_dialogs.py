"""Adding or editing a professional, and adding a client, from anywhere in the desk.

Each dialog saves through the services itself: a refusal keeps it open with the
reason next to the field and everything typed (a closed dialog would mean typing
it all again). Enter saves, Esc cancels.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from scheduler_app.domain.palette import suggest
from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import ClientView, ProfessionalDetails, ProfessionalView
from scheduler_app.ui.client_form import ClientForm
from scheduler_app.ui.colour_button import ColourButton
from scheduler_app.ui.dialog_buttons import Button, dialog_buttons
from scheduler_app.ui.field_errors import FieldErrors
from scheduler_app.ui.i18n import translate
from scheduler_app.ui.keyboard_order import follow_fields
from scheduler_app.ui.skills_field import read_skills, skills_field


class ProfessionalEditor(QDialog):
    """A professional's name, title and colour (a new one when ``professional`` is None)."""

    def __init__(
        self,
        services: Services,
        professional: ProfessionalView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._professional = professional
        self.saved: ProfessionalView | None = None
        self.setWindowTitle(
            translate("SetupDialogs", "Add professional")
            if professional is None
            else translate("SetupDialogs", "Professional: {name}").format(name=professional.name)
        )
        self.setMinimumWidth(460)
        used = [p.color for p in services.directory.professionals(include_inactive=True)]
        self.errors = FieldErrors(QLabel())
        self.name = QLineEdit(professional.name if professional else "")
        self.name.setAccessibleName(translate("SetupDialogs", "Name"))
        self.title = QLineEdit(professional.title if professional else "")
        self.title.setAccessibleName(translate("SetupDialogs", "Title or specialty"))
        self.color = ColourButton(professional.color if professional else suggest(used), used)
        had = services.skills.of_professionals().get(professional.id, []) if professional else []
        self._skills_before = had
        self.skills = skills_field(services, had)
        form = QFormLayout()
        e = self.errors
        form.addRow(translate("SetupDialogs", "Name"), e.field("name", self.name))
        form.addRow(translate("SetupDialogs", "Title or specialty"), e.field("title", self.title))
        form.addRow(translate("SetupDialogs", "Colour"), e.field("color", self.color))
        form.addRow(translate("SetupDialogs", "Skills"), e.field("skills", self.skills))
        buttons = dialog_buttons(self, self.save)
        buttons.button(Button.Save).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors.message)
        layout.addWidget(buttons)
        follow_fields(
            [self.name, self.title, self.color.swatch, self.color.other, self.skills, buttons]
        )
        self.name.setFocus()

    def save(self) -> None:
        directory, actor = self._services.directory, self._services.actor_id
        try:
            if self._professional is None:
                self.saved = directory.add_professional(
                    actor, self.name.text(), self.title.text(), self.color.color()
                )
                self._professional = self.saved  # saving again (a refusal below) edits it
            else:
                details = ProfessionalDetails(
                    self.name.text(), self.title.text(), self.color.color()
                )
                self.saved = directory.update_professional(actor, self._professional.id, details)
            wanted = read_skills(self.skills)
            if wanted != self._skills_before:
                self._services.skills.set_for_professional(actor, self.saved.id, wanted)
                self._skills_before = wanted
        except SchedulerError as exc:
            self.errors.show(exc)
            return
        self.accept()


class NewClientDialog(QDialog):
    """A new client, every detail at hand; the name typed so far is filled in."""

    def __init__(self, services: Services, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.saved: ClientView | None = None
        self.setWindowTitle(translate("SetupDialogs", "New client"))
        self.setMinimumWidth(480)
        today = services.context.now().astimezone(services.context.timezone).date()
        self.form = ClientForm(today)
        self.form.name.setText(name)
        buttons = dialog_buttons(self, self.save)
        buttons.button(Button.Save).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        follow_fields([*self.form.fields(), buttons])
        self.form.name.setFocus()

    def save(self) -> None:
        try:
            self.saved = self._services.clients.add(self._services.actor_id, self.form.details())
        except SchedulerError as exc:
            self.form.errors.show(exc)
            return
        self.accept()
