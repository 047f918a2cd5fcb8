"""The first start of a new clinic: a short set-up, every step skippable.

The clinic's name and time zone (guessed from the computer), its opening hours,
its first professionals and services. Each step is saved when the manager goes
on ("Next"), so a refusal keeps the step open with the reason next to the
field. Everything can be changed later in the Clinic menu; closing the set-up
("Set up later") or finishing it means it is not offered again. Offered only
to a manager or an administrator of a clinic with no professionals and no
services yet, never to the demo clinic or a clinic already set up.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from scheduler_app.domain.palette import suggest
from scheduler_app.errors import SchedulerError, ValidationError
from scheduler_app.services.bundle import Services
from scheduler_app.services.checks import MANAGERS
from scheduler_app.services.dto import ServiceDetails
from scheduler_app.services.setup import guess_zone
from scheduler_app.ui.field_errors import FieldErrors
from scheduler_app.ui.i18n import money_text, parse_money, translate
from scheduler_app.ui.opening_hours_editor import OpeningHoursEditor
from scheduler_app.ui.settings_dialog import zone_box

if TYPE_CHECKING:
    from scheduler_app.ui.main_window import MainWindow

W = QWizard.WizardButton


def may_set_up(services: Services) -> bool:
    """Whether this desk should offer the set-up: a new clinic, a manager's desk."""
    if services.database.read_only:
        return False
    try:
        account = services.directory.account(services.actor_id)
        if account is None or account.role not in {r.value for r in MANAGERS}:
            return False
        return services.settings.needs_setup()
    except SchedulerError:
        return False


def offer_setup(window: MainWindow) -> FirstStartWizard | None:
    """Open the set-up over ``window`` when the clinic is new (it does not block)."""
    if not may_set_up(window.services):
        return None
    wizard = FirstStartWizard(window.services, window)
    wizard.finished.connect(lambda _result: _done(window, wizard))
    wizard.open()
    return wizard


def _done(window: MainWindow, wizard: FirstStartWizard) -> None:
    """Not offered again; the window shows what was set up."""
    try:
        window.services.settings.finish_setup(window.services.actor_id)
    except SchedulerError as exc:
        window.statusBar().showMessage(exc.message, 15_000)
    if wizard.settings_saved:
        window.settings_changed.emit()  # the application rebuilds the window in them
    else:
        window.reload_professionals()
        window.color_by(window.color_choice)
        window.refresh()


class _Step(QWizardPage):
    def __init__(self, services: Services, title: str, intro: str) -> None:
        super().__init__()
        self.services = services
        self.setTitle(title)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.errors = FieldErrors(QLabel())
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.intro)

    def finish_layout(self) -> None:
        self.body.addWidget(self.errors.message)
        self.body.addStretch(1)

    def validatePage(self) -> bool:
        try:
            self.save()
        except SchedulerError as exc:
            self.errors.show(exc)
            return False
        return True

    def save(self) -> None:
        raise NotImplementedError


class ClinicStep(_Step):
    def __init__(self, services: Services, wizard: FirstStartWizard) -> None:
        super().__init__(
            services,
            translate("FirstStart", "Your clinic"),
            translate(
                "FirstStart",
                "A few steps set the clinic up. Skip any of them: everything can be "
                "changed later in the Clinic menu.",
            ),
        )
        self._wizard = wizard
        current = services.settings.current()
        self.name = QLineEdit(current.name)
        self.name.setAccessibleName(translate("FirstStart", "Clinic name"))
        self.zone = zone_box(current.timezone or guess_zone())
        self.currency = QLineEdit(current.currency)
        self.currency.setMaxLength(3)
        self.currency.setMaximumWidth(80)
        self.currency.setAccessibleName(translate("FirstStart", "Currency"))
        zone_hint = QLabel(
            translate(
                "FirstStart",
                "Guessed from this computer. Type any part of a city's name to find yours: "
                "appointments are shown in the clinic's time zone on every desk.",
            )
        )
        zone_hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(translate("FirstStart", "Name"), self.errors.field("name", self.name))
        form.addRow(translate("FirstStart", "Time zone"), self.errors.field("timezone", self.zone))
        form.addRow("", zone_hint)
        form.addRow(
            translate("FirstStart", "Currency"), self.errors.field("currency", self.currency)
        )
        self.body.addLayout(form)
        self.finish_layout()

    def save(self) -> None:
        current = self.services.settings.current()
        wanted = replace(
            current,
            name=self.name.text(),
            timezone=self.zone.currentText().strip(),
            currency=self.currency.text(),
        )
        if wanted != current:
            self.services.settings.save(self.services.actor_id, wanted)
            self._wizard.settings_saved = True


class HoursStep(_Step):
    def __init__(self, services: Services, wizard: FirstStartWizard) -> None:
        super().__init__(
            services,
            translate("FirstStart", "Opening hours"),
            translate(
                "FirstStart",
                "When the clinic is open, day by day: several ranges a day are separated "
                "by commas (09:00-13:00, 14:00-19:00); an empty day is closed.",
            ),
        )
        self._wizard = wizard
        self.hours = OpeningHoursEditor(self.errors)
        self.hours.show_hours(services.settings.current().opening_hours)
        self.body.addWidget(self.hours)
        self.finish_layout()

    def save(self) -> None:
        current = self.services.settings.current()
        wanted = replace(current, opening_hours=self.hours.hours())
        if wanted != current:
            self.services.settings.save(self.services.actor_id, wanted)
            self._wizard.settings_saved = True


class _ListStep(_Step):
    """Add one after the other; what is typed when going on is added too."""

    def __init__(self, services: Services, title: str, intro: str, list_name: str) -> None:
        super().__init__(services, title, intro)
        self.form = QFormLayout()
        self.body.addLayout(self.form)
        self.add_button = QPushButton(translate("FirstStart", "Add"))
        self.add_button.clicked.connect(self.add)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_button)
        self.body.addLayout(row)
        self._enter = _EnterAdds(self)
        self.added = QListWidget()
        self.added.setAccessibleName(list_name)
        self.body.addWidget(self.added, 1)
        self.finish_layout()

    def enter_adds(self, *fields: QWidget) -> None:
        """Enter in ``fields`` adds what is typed; with nothing typed it goes on."""
        for field in fields:
            field.installEventFilter(self._enter)

    def typed(self) -> bool:
        raise NotImplementedError

    def add(self) -> None:
        try:
            self.save()
        except SchedulerError as exc:
            self.errors.show(exc)

    def save(self) -> None:
        if self.typed():
            self.errors.clear()
            self.added.addItem(self.add_one())

    def add_one(self) -> str:
        raise NotImplementedError


class _EnterAdds(QObject):
    def __init__(self, step: _ListStep) -> None:
        super().__init__(step)
        self._step = step

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self._step.typed()
        ):
            self._step.add()
            return True
        return False


class ProfessionalsStep(_ListStep):
    def __init__(self, services: Services) -> None:
        self.name = QLineEdit()
        self.name.setAccessibleName(translate("FirstStart", "Professional's name"))
        self.specialty = QLineEdit()
        self.specialty.setAccessibleName(translate("FirstStart", "Title or specialty"))
        super().__init__(
            services,
            translate("FirstStart", "Professionals"),
            translate(
                "FirstStart",
                "Who takes appointments: each gets a column in the calendar and a colour "
                "of their own. Enter adds the one typed; add as many as you like.",
            ),
            translate("FirstStart", "Professionals added"),
        )
        self.form.addRow(translate("FirstStart", "Name"), self.errors.field("name", self.name))
        self.form.addRow(
            translate("FirstStart", "Title or specialty"),
            self.errors.field("title", self.specialty),
        )
        self.enter_adds(self.name, self.specialty)

    def typed(self) -> bool:
        return bool(self.name.text().strip() or self.specialty.text().strip())

    def add_one(self) -> str:
        prof = self.services.directory.add_professional(
            self.services.actor_id, self.name.text(), self.specialty.text()
        )
        self.name.clear()
        self.specialty.clear()
        self.name.setFocus()
        return f"{prof.name} · {prof.title}" if prof.title else prof.name


class ServicesStep(_ListStep):
    def __init__(self, services: Services) -> None:
        self.name = QLineEdit()
        self.name.setAccessibleName(translate("FirstStart", "Service name"))
        self.length = QSpinBox()
        self.length.setRange(1, 720)
        self.length.setValue(30)
        self.length.setSuffix(translate("FirstStart", " min"))
        self.length.setAccessibleName(translate("FirstStart", "Length in minutes"))
        self.price = QLineEdit()
        self.price.setPlaceholderText(money_text(Decimal("45")))
        self.price.setAccessibleName(translate("FirstStart", "Price"))
        super().__init__(
            services,
            translate("FirstStart", "Services"),
            translate(
                "FirstStart",
                "What the clinic offers: booking one sets the appointment's length. "
                "Enter adds the one typed; add as many as you like.",
            ),
            translate("FirstStart", "Services added"),
        )
        self.form.addRow(translate("FirstStart", "Name"), self.errors.field("name", self.name))
        self.form.addRow(
            translate("FirstStart", "Length"), self.errors.field("duration_minutes", self.length)
        )
        self.form.addRow(translate("FirstStart", "Price"), self.errors.field("price", self.price))
        self.enter_adds(self.name, self.length, self.price)

    def typed(self) -> bool:
        return bool(self.name.text().strip() or self.price.text().strip())

    def add_one(self) -> str:
        try:
            price = parse_money(self.price.text()) or Decimal(0)
        except ValueError:
            raise ValidationError(
                translate("FirstStart", "“{text}” is not an amount: write e.g. {example}.").format(
                    text=self.price.text().strip(), example=money_text(Decimal("45.5"))
                ),
                "price",
            ) from None
        currency = self.services.settings.current().currency
        used = [s.color for s in self.services.catalog.services(include_retired=True)]
        service = self.services.catalog.add(
            self.services.actor_id,
            ServiceDetails(self.name.text(), self.length.value(), price, currency, suggest(used)),
        )
        self.name.clear()
        self.price.clear()
        self.name.setFocus()
        return translate("FirstStart", "{name} · {minutes} min · {price}").format(
            name=service.name,
            minutes=service.duration_minutes,
            price=money_text(service.price, service.currency),
        )


class FirstStartWizard(QWizard):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("FirstStart", "Set up the clinic"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        for button, text in (
            (W.BackButton, translate("FirstStart", "Back")),
            (W.NextButton, translate("FirstStart", "Next")),
            (W.FinishButton, translate("FirstStart", "Finish")),
            (W.CancelButton, translate("FirstStart", "Set up later")),
        ):
            self.setButtonText(button, text)
            self.button(button).setAccessibleName(text)
        #: Whether a step changed the clinic's settings (the window is rebuilt in them).
        self.settings_saved = False
        self.clinic = ClinicStep(services, self)
        self.hours = HoursStep(services, self)
        self.professionals = ProfessionalsStep(services)
        self.services_step = ServicesStep(services)
        for page in (self.clinic, self.hours, self.professionals, self.services_step):
            self.addPage(page)
        self.resize(640, 560)
