"""Book an appointment: time, length, service, professional, client (searched as you type).

Nothing is chosen for the desk: the client is picked from the list (or the
explicit "no client" row for a walk-in or a block), the length follows the
service, and Book asks the services itself, so a refusal leaves the dialog open
with the reason and everything typed. A manager refused by a rule that may be
booked past (notice, horizon, outside working time) may "Book anyway" with a
reason; reception is never offered it. A client who already has an appointment at
that time is booked twice only when the desk answers "Book both?" (any role).

The dialog opens at once: the clinic's services, professionals and rooms are read
on the worker (`dialog_lists`), the dialog saying "Loading…" with Book off until
they are in; the time, the length and the client may be typed meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta

from PySide6.QtCore import QLocale, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.limits import length_of, real_end
from scheduler_app.domain.localtime import LocalTimeError, localize
from scheduler_app.errors import ClientClashError, ConflictError, SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import (
    AppointmentView,
    Availability,
    BookingRequest,
    OrganizationView,
    ServiceView,
)
from scheduler_app.ui.clash_question import clash_words, confirm_clash
from scheduler_app.ui.client_picker import ClientPicker
from scheduler_app.ui.dialog_buttons import dialog_buttons
from scheduler_app.ui.dialog_lists import BookingLists, ListsReader, booking_lists, loading
from scheduler_app.ui.i18n import day_year_text, translate, unassigned
from scheduler_app.ui.live_check import LiveCheck, say
from scheduler_app.ui.with_list import WithList

GOOD, BAD, HINT = "color: #1b5e20;", "color: #b71c1c;", "color: #37474f;"
#: What the time and length show until the clinic's own defaults are read.
OPENS_AT, DEFAULT_MINUTES = 8, 30

#: Books a request through the services (raises `SchedulerError` when refused).
Submit = Callable[[BookingRequest], AppointmentView]


class BookingDialog(QDialog):
    """Collects a `BookingRequest`; ``submit`` books it (so the caller can undo it)."""

    def __init__(
        self,
        services: Services,
        day: date,
        parent: QWidget | None = None,
        submit: Submit | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("BookingDialog", "Book appointment"))
        self.setMinimumWidth(540)
        self._services = services
        self._day = day
        self.submit = submit  # set by the desk before exec()
        #: What "Find a time..." does (set by the desk).
        self.find_time: Callable[[], None] | None = None
        #: What "Repeat..." does (set by the desk): the series dialog, then its report.
        self.repeat: Callable[[], None] | None = None
        self.booked: AppointmentView | None = None
        # The desk confirmed booking the client twice at once ("Book both?").
        self.booked_both = False
        self._tz = services.context.timezone
        #: What the dialog offers, once read on the worker (None meanwhile).
        self.lists: BookingLists | None = None
        self._default_minutes = DEFAULT_MINUTES
        # Set by the desk (or `preset`) before the lists are in: kept when they come.
        self._time_chosen = self._length_chosen = False
        self._free_minutes: int | None = None
        self._wanted_professional: int | None = None
        self._wanted_room: int | None = None

        self.time_edit = QTimeEdit(QTime(OPENS_AT, 0))
        self.time_edit.setDisplayFormat(QLocale().timeFormat(QLocale.FormatType.ShortFormat))
        self.time_edit.setAccessibleName(translate("BookingDialog", "Start time"))
        self.duration = QSpinBox()
        self.duration.setRange(5, 720)
        self.duration.setSuffix(translate("BookingDialog", " min"))
        self.duration.setValue(DEFAULT_MINUTES)
        self.duration.setAccessibleName(translate("BookingDialog", "Length in minutes"))
        self.service = QComboBox()
        self.service.setAccessibleName(translate("BookingDialog", "Service"))
        self.service.setEditable(True)
        self.service.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.service_text = self.service.lineEdit()
        assert self.service_text is not None  # an editable combo has one
        self.service_text.setPlaceholderText(
            translate("BookingDialog", "No service: type one to choose it")
        )
        completer = QCompleter(self.service.model(), self.service)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.service.setCompleter(completer)
        self.professional = QComboBox()
        self.professional.setAccessibleName(translate("BookingDialog", "Professional"))
        # Further professionals of the same appointment: each gets a linked piece.
        self.with_list = WithList()
        self.room = QComboBox()
        self.room.setAccessibleName(translate("BookingDialog", "Room"))
        for combo in (self.service, self.professional, self.room):
            combo.addItem(loading(), None)
            combo.setEnabled(False)
        self.picker = ClientPicker(services)
        self.client_search = self.picker.search
        self.client_list = self.picker.list
        self.new_client = self.picker.new_client
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setAccessibleName(translate("BookingDialog", "Availability"))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName(translate("BookingDialog", "What is missing"))
        self.hint.setStyleSheet(HINT)
        self._service_problem = ""
        self._available = False
        self._manager = False
        self._overridable = False
        self.live = LiveCheck(self)
        self.live.answered.connect(self._checked)
        self.live.failed.connect(self._not_checked)
        self.override = QCheckBox(translate("BookingDialog", "Book &anyway"))
        self.override.setToolTip(
            translate(
                "BookingDialog",
                "Book past the clinic's rules or outside working hours; "
                "the reason is kept in the audit trail",
            )
        )
        self.override_reason = QLineEdit()
        self.override_reason.setPlaceholderText(
            translate("BookingDialog", "Why book it anyway (required)")
        )
        self.override_reason.setAccessibleName(translate("BookingDialog", "Reason"))
        self.override_reason.setEnabled(False)
        self.override.toggled.connect(self.override_reason.setEnabled)
        self.override.toggled.connect(self._update_buttons)
        self.override_reason.textChanged.connect(self._update_buttons)
        self.override_row = QWidget()
        override_layout = QFormLayout(self.override_row)
        override_layout.setContentsMargins(0, 0, 0, 0)
        override_layout.addRow(self.override, self.override_reason)
        self.override_row.setVisible(False)

        form = QFormLayout()
        form.addRow(
            translate("BookingDialog", "Start ({day})").format(day=day_year_text(day)),
            self.time_edit,
        )
        form.addRow(translate("BookingDialog", "Length"), self.duration)
        form.addRow(translate("BookingDialog", "Service"), self.service)
        form.addRow(translate("BookingDialog", "Professional"), self.professional)
        form.addRow(translate("BookingDialog", "With"), self.with_list)
        form.setRowVisible(self.with_list, False)  # shown when there is anyone else
        form.addRow(translate("BookingDialog", "Room"), self.room)
        form.setRowVisible(self.room, False)  # shown if the clinic has rooms or equipment
        self._form = form
        form.addRow(translate("BookingDialog", "Client"), self.picker)
        self.buttons = dialog_buttons(
            self,
            self.accept,
            accept=QDialogButtonBox.StandardButton.Ok,
            accept_text=translate("BookingDialog", "Book"),
        )
        self.book_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.book_button.setAccessibleName(translate("BookingDialog", "Book"))
        self.find_button = self.buttons.addButton(
            translate("BookingDialog", "&Find a time..."), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.find_button.setToolTip(
            translate(
                "BookingDialog",
                "The next free times for this service, professional and client (Alt+F)",
            )
        )
        self.find_button.setAutoDefault(False)
        self.find_button.clicked.connect(self._find_time)
        self.repeat_button = self.buttons.addButton(
            translate("BookingDialog", "&Repeat..."), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.repeat_button.setToolTip(
            translate("BookingDialog", "Book it on several dates: a series (Alt+R)")
        )
        self.repeat_button.setAutoDefault(False)
        self.repeat_button.clicked.connect(self._repeat)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.verdict)
        layout.addWidget(self.override_row)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)

        self.picker.changed.connect(self._update_buttons)
        self.picker.problem.connect(lambda text: self._show(False, text))
        self.service.currentIndexChanged.connect(self._service_changed)
        self.service_text.editingFinished.connect(self._service_typed)
        for signal in (
            self.time_edit.timeChanged,
            self.duration.valueChanged,
            self.professional.currentIndexChanged,
            self.room.currentIndexChanged,
        ):
            signal.connect(self._update_verdict)
        self.professional.currentIndexChanged.connect(
            lambda: self.with_list.offer_others(self.professional.currentData())
        )
        self.with_list.itemChanged.connect(lambda _item: self._update_buttons())
        self.time_edit.timeChanged.connect(self._time_was_chosen)
        self.duration.valueChanged.connect(self._length_was_chosen)
        self._update_verdict()
        self.reader = ListsReader(lambda: booking_lists(services), self)
        self.reader.read.connect(self._filled)
        self.reader.failed.connect(self._not_read)
        self.reader.start()

    @property
    def day(self) -> date:
        return self._day

    # -- the lists, read on the worker ------------------------------------------

    def _time_was_chosen(self) -> None:
        self._time_chosen = True

    def _length_was_chosen(self) -> None:
        self._length_chosen = True

    def _filled(self, lists: BookingLists) -> None:
        """The lists are in: fill the fields, keeping what was typed or preset."""
        self.lists = lists
        org = lists.organization
        self._manager = lists.manager
        self._default_minutes = org.default_duration_minutes
        self.duration.setSingleStep(org.slot_minutes)
        fields = (self.time_edit, self.duration, self.service, self.professional, self.room)
        for field in fields:
            field.blockSignals(True)
        try:
            if not self._time_chosen:
                self.time_edit.setTime(self._first_time(org))
            if not self._length_chosen:
                free = self._free_minutes
                minutes = org.default_duration_minutes
                self.duration.setValue(min(free, minutes) if free else minutes)
            self._fill_combos(lists)
        finally:
            for field in fields:
                field.blockSignals(False)
        if self.with_list.count() > 1:  # someone else could take part
            self._form.setRowVisible(self.with_list, True)
            self.resize(self.width(), max(self.height(), self.sizeHint().height()))
        if self.room.count() > 1:  # the clinic has rooms or equipment: the dialog grows
            self._form.setRowVisible(self.room, True)
            self.resize(self.width(), max(self.height(), self.sizeHint().height()))
        for combo in (self.service, self.professional, self.room):
            combo.setEnabled(True)
        self._update_verdict()

    def _fill_combos(self, lists: BookingLists) -> None:
        self.service.clear()
        self.service.addItem("", None)  # no service: the field stays empty
        self.service.setItemData(
            0, translate("BookingDialog", "No service"), Qt.ItemDataRole.ToolTipRole
        )
        for offered in lists.services:
            label = translate("BookingDialog", "{name} ({minutes} min)").format(
                name=offered.name, minutes=offered.duration_minutes
            )
            self.service.addItem(label, offered)
        self.professional.clear()
        self.professional.addItem(unassigned(), None)
        for prof in lists.professionals:
            self.professional.addItem(prof.name, prof.id)
        self.professional.setCurrentIndex(
            max(self.professional.findData(self._wanted_professional), 0)
        )
        self.with_list.fill(lists.professionals, self.professional.currentData())
        self.room.clear()
        self.room.addItem(translate("BookingDialog", "Any free one the service needs"), None)
        for resource in lists.rooms:
            self.room.addItem(
                translate("BookingDialog", "{name} ({kind})").format(
                    name=resource.name, kind=resource.category
                ),
                resource.id,
            )
        self.room.setCurrentIndex(max(self.room.findData(self._wanted_room), 0))

    def _not_read(self, message: str, _unreachable: bool) -> None:
        """The lists could not be read: say why (Book stays off; asked again if cut)."""
        if self.lists is None:
            self._show(False, message)

    def _find_time(self) -> None:
        if self.find_time is not None:
            self.find_time()

    def _first_time(self, org: OrganizationView) -> QTime:
        """Opening time, or on today the next whole slot still to come."""
        hour, minute = org.opens_at.hour, org.opens_at.minute
        now = self._services.context.now().astimezone(self._tz)
        if self._day != now.date() or (now.hour, now.minute) < (hour, minute):
            return QTime(hour, minute)
        step = org.slot_minutes
        minutes = min(23 * 60 + 45, (now.hour * 60 + now.minute) // step * step + step)
        return QTime(minutes // 60, minutes % 60)

    def preset(
        self,
        start: datetime,
        end: datetime | None,
        professional_id: int | None,
        free_minutes: int | None = None,
    ) -> None:
        """Pre-fill from the calendar: a dragged range sets the length; a click, the free
        gap there (``free_minutes``) up to the clinic's default length."""
        local = start.astimezone(self._tz)
        self.time_edit.setTime(QTime(local.hour, local.minute))
        self._time_chosen = True
        if end is not None:
            self.duration.setValue(int(length_of(start, end).total_seconds() // 60))
            self._length_chosen = True
        elif free_minutes is not None and free_minutes > 0:
            self._free_minutes = free_minutes  # up to the default, once it is known
            if self.lists is not None:
                self.duration.setValue(min(free_minutes, self._default_minutes))
                self._length_chosen = True
        self._wanted_professional = professional_id
        if self.lists is not None:
            index = self.professional.findData(professional_id)
            self.professional.setCurrentIndex(max(index, 0))
        self.client_search.setFocus()

    # -- further professionals ------------------------------------------------

    def with_professionals(self) -> tuple[int, ...]:
        """The further professionals ticked (not the appointment's own)."""
        return self.with_list.chosen(self.professional.currentData())

    def choose_with(self, *professional_ids: int) -> None:
        """Tick ``professional_ids`` in "With" (and no one else)."""
        self.with_list.choose(professional_ids)

    def _repeat(self) -> None:
        if self.with_professionals():
            self._show(
                False,
                translate(
                    "BookingDialog",
                    "A series is booked with one professional: untick “With” to repeat it.",
                ),
            )
            return
        if self.repeat:
            self.repeat()

    def preset_room(self, room_id: int | None) -> None:
        """Pre-fill the room (booked from a room's column; None: any free one)."""
        self._wanted_room = room_id
        if self.lists is not None:
            self.room.setCurrentIndex(max(self.room.findData(room_id), 0))

    # -- the service ---------------------------------------------------------

    def _service_changed(self) -> None:
        chosen = self.service.currentData()
        if isinstance(chosen, ServiceView):
            self.duration.setValue(chosen.duration_minutes)
        self._update_verdict()

    def _service_typed(self) -> None:
        """What was typed picks the one service whose name contains it."""
        typed = self.service.currentText().strip().casefold()
        current = self.service.currentIndex()
        self._service_problem = ""
        if typed == self.service.itemText(current).casefold():
            self._update_buttons()
            return
        if not typed:
            self.service.setCurrentIndex(0)
            self._update_buttons()
            return
        found = [
            i
            for i in range(1, self.service.count())
            if typed in self.service.itemData(i).name.casefold()
        ]
        exact = [i for i in found if self.service.itemData(i).name.casefold() == typed]
        chosen = exact or found
        if len(chosen) == 1:
            self.service.setCurrentIndex(chosen[0])
            self.service.setEditText(self.service.itemText(chosen[0]))
        else:
            self.service.setEditText(self.service.itemText(current))
            self._service_problem = (
                translate("BookingDialog", "No service is called “{text}”.").format(text=typed)
                if not found
                else translate(
                    "BookingDialog", "Several services match “{text}”: choose one."
                ).format(text=typed)
            )
        self._update_buttons()

    def _client_choice(self) -> tuple[bool, int | None]:
        return self.picker.choice()

    # -- the verdict ---------------------------------------------------------

    def _start(self) -> datetime:
        t = self.time_edit.time()
        return localize(
            self._day, datetime.min.time().replace(hour=t.hour(), minute=t.minute()), self._tz
        )

    def _update_verdict(self) -> None:
        """Say whether the time is free: decided on the worker (`LiveCheck`), the
        dialog answering keys meanwhile; what the desk can tell alone is said at once."""
        self._available = False
        self._overridable = False
        if self.lists is None:  # the lists are on their way: nothing to check yet
            self.live.forget()
            say(self.verdict, loading(), HINT)
            self._update_buttons()
            return
        try:
            start = self._start()
        except LocalTimeError as exc:
            self._decided(False, str(exc))
            return
        end = real_end(start, timedelta(minutes=self.duration.value()))
        if end <= self._services.context.now():
            self._decided(
                False,
                translate(
                    "BookingDialog", "That time has already passed. Choose a time still to come."
                ),
            )
            return
        professional, booking = self.professional.currentData(), self._services.booking
        chosen = self.service.currentData()
        service = chosen.id if isinstance(chosen, ServiceView) else None
        say(self.verdict, translate("BookingDialog", "Checking…"), HINT)
        self._offer_override()
        self._update_buttons()
        rooms = self._rooms()
        self.live.ask(
            lambda: booking.check_availability(
                start, end, professional, service_id=service, resource_ids=rooms
            )
        )

    def _rooms(self) -> tuple[int, ...]:
        """The room or equipment chosen (none: any free one the service needs)."""
        chosen = self.room.currentData()
        return () if chosen is None else (int(chosen),)

    def _decided(self, ok: bool, text: str) -> None:
        """The desk decided without the server: an answer on its way is dropped."""
        self.live.forget()
        self._show(ok, text)
        self._offer_override()
        self._update_buttons()

    def _checked(self, verdict: Availability) -> None:
        self._show(verdict.ok, translate("BookingDialog", "Free") if verdict.ok else verdict.reason)
        self._available = verdict.ok
        self._overridable = verdict.overridable
        self._offer_override()
        self._update_buttons()

    def _not_checked(self, message: str) -> None:
        self._show(False, message)
        self._offer_override()
        self._update_buttons()

    def _offer_override(self) -> None:
        """Offer "Book anyway" to a manager when the refusal is one a manager may book past."""
        offered = self._manager and self._overridable
        self.override_row.setVisible(offered)
        if not offered:
            self.override.setChecked(False)

    def _overriding(self) -> bool:
        return self.override_row.isVisibleTo(self) and self.override.isChecked()

    def _update_buttons(self) -> None:
        if not hasattr(self, "book_button"):
            return  # still being built
        chosen, _client = self._client_choice()
        missing = (
            ""
            if chosen
            else translate("BookingDialog", "Choose the client, or “No client (walk-in / block)”.")
        )
        reason = self.override_reason.text().strip()
        why = (
            translate("BookingDialog", "Give the reason for booking it anyway.")
            if self._overriding() and not reason
            else ""
        )
        self.hint.setText("\n".join(t for t in (self._service_problem, missing, why) if t))
        # While the check is on its way Book may be pressed: the server decides at save.
        allowed = self._available or self.live.waiting or (self._overriding() and bool(reason))
        read = self.lists is not None  # nothing is offered until the lists are in
        self.book_button.setEnabled(read and chosen and allowed)
        self.repeat_button.setEnabled(read and chosen)
        self.find_button.setEnabled(read)

    def _show(self, ok: bool, text: str) -> None:
        say(self.verdict, text, GOOD if ok else BAD)

    # -- booking -------------------------------------------------------------

    def request(self) -> BookingRequest:
        """The booking as filled in (raises `SchedulerError` for impossible times)."""
        try:
            start = self._start()
        except LocalTimeError as exc:
            raise SchedulerError(str(exc)) from exc
        _chosen, client_id = self._client_choice()
        chosen = self.service.currentData()
        return BookingRequest(
            start=start,
            end=real_end(start, timedelta(minutes=self.duration.value())),
            client_id=client_id,
            professional_id=self.professional.currentData(),
            service_id=chosen.id if isinstance(chosen, ServiceView) else None,
            resource_ids=self._rooms(),
            with_professionals=self.with_professionals(),
            override_reason=self.override_reason.text().strip() if self._overriding() else "",
        )

    def accept(self) -> None:
        """Book: on a refusal the dialog stays open with the reason, nothing lost."""
        if not self.book_button.isEnabled():
            return
        if self.submit is not None:
            try:
                request = self.request()
                try:
                    self.booked = self.submit(request)
                except ClientClashError as clash:
                    if not confirm_clash(self, clash, self._tz):
                        self._show(False, clash_words(clash, self._tz))
                        return
                    self.booked = self.submit(replace(request, book_both=True))
                    self.booked_both = True
            except SchedulerError as exc:
                self._show(False, exc.message)
                self._available = False
                overridable = isinstance(exc, ConflictError) and exc.overridable
                if overridable and not self._overriding():
                    self._overridable = True
                    self._offer_override()
                    self._update_buttons()
                else:
                    self.book_button.setEnabled(False)
                return
        super().accept()
