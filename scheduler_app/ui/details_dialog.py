"""An appointment's details: everything it has, editable in one place.

When, how long and with whom are checked as they are changed (like booking);
Save hands the desk a move (time, length, professional) and the other changes
(service, client, title, priority, place, link, costs, notes); a refusal keeps
the dialog open with the reason. Status, external id and link are shown.

The dialog opens at once on what the appointment has: the lists of professionals
and services (and the series' dates) are read on the worker (`dialog_lists`), the
lists and Save off until they are in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.localtime import LocalTimeError, localize
from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import (
    AppointmentView,
    Availability,
    ProfessionalView,
    ServiceView,
)
from scheduler_app.ui.calendar.blocks import priority_label
from scheduler_app.ui.client_picker import ClientPicker
from scheduler_app.ui.dialog_buttons import dialog_buttons
from scheduler_app.ui.dialog_lists import DetailsLists, ListsReader, details_lists
from scheduler_app.ui.i18n import money_text, parse_money, status_label, translate, unassigned
from scheduler_app.ui.live_check import LiveCheck, say
from scheduler_app.ui.series_page import SeriesPage

#: (start, end, professional) when the time or the professional changed, else None.
Move = tuple[datetime, datetime, int | None] | None
#: Saves a move and the other changes through the services (raises when refused).
Save = Callable[[Move, dict[str, Any]], AppointmentView]
PRIORITIES = ("low", "normal", "high", "urgent")
GOOD, BAD, CHECKING = "color: #1b5e20;", "color: #b71c1c;", "color: #37474f;"


class DetailsDialog(QDialog):
    def __init__(
        self,
        appt: AppointmentView,
        services: Services,
        parent: QWidget | None = None,
        save: Save | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("DetailsDialog", "Appointment details"))
        self.setMinimumWidth(560)
        self._appt = appt
        self._services = services
        self._tz = services.context.timezone
        self.save = save  # set by the desk before exec()
        self.saved: AppointmentView | None = None
        self._unread = ""  # why the lists could not be read (shown until they are)
        start = appt.start.astimezone(self._tz)
        editable = appt.status.is_active  # past or cancelled ones keep their time

        self.date = QDateEdit(QDate(start.year, start.month, start.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("ddd d MMM yyyy")
        self.date.setAccessibleName(translate("DetailsDialog", "Day"))
        self.time = QTimeEdit(QTime(start.hour, start.minute))
        self.time.setDisplayFormat(QLocale().timeFormat(QLocale.FormatType.ShortFormat))
        self.time.setAccessibleName(translate("DetailsDialog", "Start time"))
        self.length = QSpinBox()
        self.length.setRange(5, 720)
        self.length.setSuffix(translate("DetailsDialog", " min"))
        self.length.setValue(appt.duration_minutes)
        self.length.setAccessibleName(translate("DetailsDialog", "Length in minutes"))
        self.professional = QComboBox()
        self.professional.setAccessibleName(translate("DetailsDialog", "Professional"))
        self._editable = editable
        for field in (self.date, self.time, self.length):
            field.setEnabled(editable)
        #: What the dialog offers, once read on the worker (None meanwhile).
        self.lists: DetailsLists | None = None
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setAccessibleName(translate("DetailsDialog", "Availability"))

        self.service = QComboBox()
        self.service.setAccessibleName(translate("DetailsDialog", "Service"))
        self._fill_combos([], [])  # the appointment's own, until the lists are in
        for combo in (self.professional, self.service):
            combo.setEnabled(False)
        self.client = ClientPicker(services)
        self.client.choose(appt.client_id, appt.client_name)
        self.title = QLineEdit(appt.title)
        self.title.setAccessibleName(translate("DetailsDialog", "Title"))
        self.priority = QComboBox()
        self.priority.setAccessibleName(translate("DetailsDialog", "Priority"))
        for value in PRIORITIES:
            self.priority.addItem(priority_label(value).capitalize(), value)
        self.priority.setCurrentIndex(max(0, self.priority.findData(appt.priority)))
        self.location = QLineEdit(appt.location)
        self.location.setAccessibleName(translate("DetailsDialog", "Location"))
        self.virtual = QCheckBox(translate("DetailsDialog", "Online (video call)"))
        self.virtual.setChecked(appt.is_virtual)
        self.meeting_url = QLineEdit(appt.meeting_url)
        self.meeting_url.setAccessibleName(translate("DetailsDialog", "Meeting link"))
        self.meeting_url.setPlaceholderText(
            translate("DetailsDialog", "https://... (needed for an online appointment)")
        )
        self.estimated = QLineEdit(money_text(appt.estimated_cost))
        self.estimated.setAccessibleName(translate("DetailsDialog", "Estimated cost"))
        self.actual = QLineEdit(money_text(appt.actual_cost))
        self.actual.setAccessibleName(translate("DetailsDialog", "Actual cost"))
        self.billable = QCheckBox(translate("DetailsDialog", "Billable"))
        self.billable.setChecked(appt.is_billable)
        self.description = QPlainTextEdit(appt.description)
        self.description.setAccessibleName(translate("DetailsDialog", "Notes"))
        self.completion_notes = QPlainTextEdit(appt.completion_notes)
        self.completion_notes.setAccessibleName(translate("DetailsDialog", "Completion notes"))
        self.rating = QSpinBox()
        self.rating.setRange(0, 5)
        self.rating.setSpecialValueText(translate("DetailsDialog", "not rated"))
        self.rating.setValue(appt.completion_rating or 0)
        self.rating.setAccessibleName(translate("DetailsDialog", "Rating from 1 to 5"))
        self.feedback = QPlainTextEdit(appt.completion_feedback)
        self.feedback.setAccessibleName(translate("DetailsDialog", "Client's feedback"))
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName(translate("DetailsDialog", "Result"))
        self.outcome.setStyleSheet(BAD)

        tabs = QTabWidget()
        tabs.addTab(self._main_page(appt), translate("DetailsDialog", "Appointment"))
        tabs.addTab(self._more_page(appt), translate("DetailsDialog", "Place and costs"))
        self.series_page: SeriesPage | None = None
        if appt.series_id is not None:
            self.series_page = SeriesPage(appt.id, self._tz)
            tabs.addTab(self.series_page, translate("DetailsDialog", "Series"))
        if appt.status.value == "completed" or appt.completion_notes or appt.completion_rating:
            tabs.addTab(self._completion_page(), translate("DetailsDialog", "Outcome"))
        self.buttons = dialog_buttons(self, self.accept)
        self.save_button = self.buttons.button(self.buttons.StandardButton.Save)
        self.save_button.setEnabled(False)  # until the lists are in
        self.live = LiveCheck(self)
        self.live.answered.connect(self._checked)
        self.live.failed.connect(lambda message: self._verdict(False, message))
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)
        for signal in (
            self.date.dateChanged,
            self.time.timeChanged,
            self.length.valueChanged,
            self.professional.currentIndexChanged,
        ):
            signal.connect(self._check)
        self.virtual.toggled.connect(self.meeting_url.setEnabled)
        self.meeting_url.setEnabled(appt.is_virtual or bool(appt.meeting_url))
        self._check()
        self.reader = ListsReader(lambda: details_lists(services, appt.series_id), self)
        self.reader.read.connect(self._filled)
        self.reader.failed.connect(self._not_read)
        self.reader.start()

    # -- the lists, read on the worker ------------------------------------------

    def _fill_combos(
        self, professionals: list[ProfessionalView], offered: list[ServiceView]
    ) -> None:
        """The professionals and services offered, the appointment's own chosen (listed
        even if no longer offered)."""
        appt = self._appt
        for combo in (self.professional, self.service):
            combo.blockSignals(True)
            combo.clear()
        self.professional.addItem(unassigned(), None)
        for prof in professionals:
            self.professional.addItem(prof.name, prof.id)
        if (
            appt.professional_id is not None
            and self.professional.findData(appt.professional_id) < 0
        ):
            self.professional.addItem(appt.professional_name, appt.professional_id)
        self.professional.setCurrentIndex(max(0, self.professional.findData(appt.professional_id)))
        self.service.addItem(translate("DetailsDialog", "No service"), None)
        for kind in offered:
            self.service.addItem(kind.name, kind.id)
        if appt.service_id is not None and self.service.findData(appt.service_id) < 0:
            self.service.addItem(appt.service_name, appt.service_id)
        self.service.setCurrentIndex(max(0, self.service.findData(appt.service_id)))
        for combo in (self.professional, self.service):
            combo.blockSignals(False)

    def _filled(self, lists: DetailsLists) -> None:
        self.lists = lists
        self._fill_combos(lists.professionals, lists.services)
        self.professional.setEnabled(self._editable)
        self.service.setEnabled(True)
        self.save_button.setEnabled(True)
        if self.series_page is not None:
            self.series_page.show_series(lists.series, lists.series_problem)
        if self.outcome.text() == self._unread:
            self.outcome.clear()

    def _not_read(self, message: str, _unreachable: bool) -> None:
        """The lists could not be read: say why (Save stays off; asked again if cut)."""
        if self.lists is None:
            self._unread = message
            self.outcome.setText(message)

    # -- layout --------------------------------------------------------------

    def _main_page(self, appt: AppointmentView) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        when = QHBoxLayout()
        when.addWidget(self.date)
        when.addWidget(self.time)
        when.addWidget(self.length)
        form.addRow(translate("DetailsDialog", "When"), when)
        form.addRow(translate("DetailsDialog", "Professional"), self.professional)
        form.addRow("", self.verdict)
        form.addRow(translate("DetailsDialog", "Service"), self.service)
        if self._appt.resources:
            rooms = QLabel(self._appt.resources)
            rooms.setAccessibleName(translate("DetailsDialog", "Room and equipment"))
            form.addRow(translate("DetailsDialog", "Room"), rooms)
        form.addRow(translate("DetailsDialog", "Client"), self.client)
        form.addRow(translate("DetailsDialog", "Title"), self.title)
        form.addRow(translate("DetailsDialog", "Priority"), self.priority)
        status = QLabel(status_label(appt.status))
        status.setAccessibleName(translate("DetailsDialog", "Status"))
        form.addRow(translate("DetailsDialog", "Status"), status)
        if appt.cancellation_reason:
            form.addRow(
                translate("DetailsDialog", "Cancelled because"), QLabel(appt.cancellation_reason)
            )
        if appt.late_cancellation:
            late = QLabel(translate("DetailsDialog", "Late: cancelled after the clinic's deadline"))
            form.addRow(translate("DetailsDialog", "Cancellation"), late)
        if appt.outside_hours:
            outside = QLabel(appt.outside_hours_reason)
            outside.setWordWrap(True)
            form.addRow(translate("DetailsDialog", "Outside working hours"), outside)
        form.addRow(translate("DetailsDialog", "Notes"), self.description)
        return page

    def _more_page(self, appt: AppointmentView) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.addRow(translate("DetailsDialog", "Location"), self.location)
        form.addRow("", self.virtual)
        form.addRow(translate("DetailsDialog", "Meeting link"), self.meeting_url)
        currency = appt.currency
        form.addRow(
            translate("DetailsDialog", "Estimated cost ({currency})").format(currency=currency),
            self.estimated,
        )
        form.addRow(
            translate("DetailsDialog", "Actual cost ({currency})").format(currency=currency),
            self.actual,
        )
        form.addRow("", self.billable)
        elsewhere = QGroupBox(translate("DetailsDialog", "From another system"))
        shown = QFormLayout(elsewhere)
        external = QLabel(appt.external_id or "-")
        external.setAccessibleName(translate("DetailsDialog", "External id"))
        external.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        link = QLabel(
            f'<a href="{appt.external_url}">{appt.external_url}</a>' if appt.external_url else "-"
        )
        link.setOpenExternalLinks(True)
        link.setAccessibleName(translate("DetailsDialog", "External link"))
        shown.addRow(translate("DetailsDialog", "External id"), external)
        shown.addRow(translate("DetailsDialog", "Link"), link)
        form.addRow(elsewhere)
        return page

    def _completion_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.addRow(translate("DetailsDialog", "Completion notes"), self.completion_notes)
        form.addRow(translate("DetailsDialog", "Rating"), self.rating)
        form.addRow(translate("DetailsDialog", "Feedback"), self.feedback)
        return page

    # -- what changed --------------------------------------------------------

    def _times(self) -> tuple[datetime, datetime]:
        d, t = self.date.date(), self.time.time()
        day = datetime(d.year(), d.month(), d.day()).date()
        start = localize(
            day, datetime.min.time().replace(hour=t.hour(), minute=t.minute()), self._tz
        )
        return start, start + timedelta(minutes=self.length.value())

    def rebase(self, appt: AppointmentView) -> None:
        """Part of the changes was saved: what is typed is now measured against ``appt``."""
        self._appt = appt
        self.saved = appt

    def new_place(self) -> Move:
        """The new time and professional, if either changed."""
        start, end = self._times()
        professional = self.professional.currentData()
        appt = self._appt
        if (start, end, professional) == (appt.start, appt.end, appt.professional_id):
            return None
        return start, end, professional

    def changes(self) -> dict[str, Any]:
        """The other fields that differ from the appointment as it was opened."""
        chosen, client_id = self.client.choice()
        rating = self.rating.value() or None
        now: dict[str, Any] = {
            "title": self.title.text().strip(),
            "location": self.location.text().strip(),
            "description": self.description.toPlainText().strip(),
            "service_id": self.service.currentData(),
            "priority": self.priority.currentData(),
            "is_virtual": self.virtual.isChecked(),
            "meeting_url": self.meeting_url.text().strip(),
            "estimated_cost": self._money(
                self.estimated, translate("DetailsDialog", "The estimated cost")
            ),
            "actual_cost": self._money(self.actual, translate("DetailsDialog", "The actual cost")),
            "is_billable": self.billable.isChecked(),
            "completion_notes": self.completion_notes.toPlainText().strip(),
            "completion_rating": rating,
            "completion_feedback": self.feedback.toPlainText().strip(),
        }
        if chosen:
            now["client_id"] = client_id
        return {k: v for k, v in now.items() if v != getattr(self._appt, k)}

    @staticmethod
    def _money(field: QLineEdit, what: str) -> Decimal | None:
        try:
            return parse_money(field.text())
        except ValueError:
            raise SchedulerError(
                translate("DetailsDialog", "{what} must be an amount such as {example}.").format(
                    what=what, example=money_text(Decimal("45.00"))
                )
            ) from None

    def _check(self) -> None:
        """Is the new time free? (Said as it is typed, like when booking: decided on
        the worker, the dialog answering keys meanwhile.)"""
        try:
            move = self.new_place()
        except LocalTimeError as exc:
            self._decided(False, str(exc))
            return
        if move is None:
            self.live.forget()
            self.verdict.clear()
            return
        start, end, professional = move
        if end <= self._services.context.now():
            self._decided(
                False,
                translate(
                    "DetailsDialog", "That time has already passed. Choose a time still to come."
                ),
            )
            return
        booking, key = self._services.booking, self._appt.id
        say(self.verdict, translate("DetailsDialog", "Checking…"), CHECKING)
        self.live.ask(lambda: booking.check_availability(start, end, professional, key))

    def _decided(self, ok: bool, text: str) -> None:
        """The desk decided without the server: an answer on its way is dropped."""
        self.live.forget()
        self._verdict(ok, text)

    def _checked(self, verdict: Availability) -> None:
        self._verdict(
            verdict.ok, translate("DetailsDialog", "Free") if verdict.ok else verdict.reason
        )

    def _verdict(self, ok: bool, text: str) -> None:
        say(self.verdict, text, GOOD if ok else BAD)

    def accept(self) -> None:
        """Save: on a refusal the dialog stays open with the reason, nothing lost."""
        if self.lists is None:
            return  # (Save is off until the lists are in)
        try:
            move, changes = self.new_place(), self.changes()
            if self.save is not None and (move is not None or changes):
                self.saved = self.save(move, changes)
        except LocalTimeError as exc:
            self.outcome.setText(str(exc))
            return
        except SchedulerError as exc:
            self.outcome.setText(exc.message)
            return
        super().accept()
