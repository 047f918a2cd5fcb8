"""Find a time: the next free times for a service, and booking one of them.

The desk says what it needs (a service or a length, some professionals or
anyone, the days, the time of day and the weekdays) and the dialog lists the
next times where a booking would be accepted, searched on a worker thread as
the choices change. The client is found as in the booking dialog; Enter books
the time chosen (the first one, unless another is picked) through the same
path as every booking, so a refusal keeps the dialog open with the reason.

The dialog opens at once: the clinic's services, professionals and defaults are
read on the worker (`dialog_lists`), the dialog saying "Loading…" with those
fields off and nothing searched until they are in; the days, times, length and
client may be chosen meanwhile and are kept.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta

from PySide6.QtCore import QDate, QLocale, Qt, QTime, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.limits import real_end
from scheduler_app.errors import ClientClashError, SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.dto import AppointmentView, BookingRequest, ServiceView
from scheduler_app.services.free_times import MAX_DAYS, FreeTime, FreeTimeRequest
from scheduler_app.ui.background import BackgroundJob
from scheduler_app.ui.booking_dialog import (
    BAD,
    DEFAULT_MINUTES,
    GOOD,
    HINT,
    BookingDialog,
    Submit,
)
from scheduler_app.ui.clash_question import confirm_clash
from scheduler_app.ui.client_picker import ClientPicker
from scheduler_app.ui.dialog_buttons import dialog_buttons
from scheduler_app.ui.dialog_lists import FindTimeLists, ListsReader, find_time_lists, loading
from scheduler_app.ui.i18n import day_text, span_text, translate

#: Days looked at when the dialog opens.
DEFAULT_DAYS = 14
#: Times offered at most.
SHOWN = 10
#: The search waits this long after the last change (typing a time, ticking days).
SETTLE_MS = 150
#: Parts of the day: (from, to) inclusive starts.
MORNING, AFTERNOON, EVENING = (
    (time(0), time(11, 59)),
    (time(12), time(16, 59)),
    (time(17), time(23, 59)),
)


class FindTimeDialog(QDialog):
    """Finds free times; Book (Enter) books the chosen one with the chosen client."""

    def __init__(
        self,
        services: Services,
        first_day: date,
        parent: QWidget | None = None,
        submit: Submit | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("FindTimeDialog", "Find a time"))
        self.setMinimumWidth(960)
        self._services = services
        self._tz = services.context.timezone
        self.submit = submit  # set by the desk before exec()
        #: Further professionals of the appointment (the booking dialog's "With").
        self.with_professionals: tuple[int, ...] = ()
        self.booked: AppointmentView | None = None
        # The desk confirmed booking the client twice at once ("Book both?").
        self.booked_both = False
        self.found: list[FreeTime] = []
        self._search_number = 0
        self._refused = ""  # why the last Book was refused (kept over the next search)
        self._job: BackgroundJob | None = None
        # What the dialog offers, once read on the worker (None meanwhile).
        self.lists: FindTimeLists | None = None
        # Preset or typed before the lists are in: kept when they come.
        self._length_chosen = False
        self._wanted_service: int | None = None
        self._wanted_professional: int | None = None
        today = services.context.now().astimezone(self._tz).date()
        first_day = max(first_day, today)

        self.service = QComboBox()
        self.service.setAccessibleName(translate("FindTimeDialog", "Service"))
        self.service.addItem(loading(), None)
        self.duration = QSpinBox()
        self.duration.setRange(5, 720)
        self.duration.setSuffix(translate("FindTimeDialog", " min"))
        self.duration.setValue(DEFAULT_MINUTES)
        self.duration.setAccessibleName(translate("FindTimeDialog", "Length in minutes"))

        self.professionals = QListWidget()
        self.professionals.setAccessibleName(
            translate("FindTimeDialog", "Professionals (none ticked: anyone)")
        )
        self.professionals.setMaximumHeight(120)
        self.professionals.addItem(loading())
        self.service.setEnabled(False)
        self.professionals.setEnabled(False)

        self.first_day = QDateEdit(QDate(first_day.year, first_day.month, first_day.day))
        last = first_day + timedelta(days=DEFAULT_DAYS - 1)
        self.last_day = QDateEdit(QDate(last.year, last.month, last.day))
        for edit, name in (
            (self.first_day, translate("FindTimeDialog", "From")),
            (self.last_day, translate("FindTimeDialog", "To")),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("ddd d MMM yyyy")
            edit.setAccessibleName(name)
        days = QHBoxLayout()
        days.addWidget(self.first_day)
        days.addWidget(QLabel(translate("FindTimeDialog", "to")))
        days.addWidget(self.last_day)
        days.addStretch()

        self.part = QComboBox()
        self.part.setAccessibleName(translate("FindTimeDialog", "Time of day"))
        for label, value in (
            (translate("FindTimeDialog", "Any time"), None),
            (translate("FindTimeDialog", "Morning (before 12:00)"), MORNING),
            (translate("FindTimeDialog", "Afternoon (12:00-17:00)"), AFTERNOON),
            (translate("FindTimeDialog", "Evening (from 17:00)"), EVENING),
            (translate("FindTimeDialog", "Between..."), "between"),
        ):
            self.part.addItem(label, value)
        short = QLocale().timeFormat(QLocale.FormatType.ShortFormat)
        self.from_time, self.to_time = QTimeEdit(QTime(9, 0)), QTimeEdit(QTime(13, 0))
        for clock, name in (
            (self.from_time, translate("FindTimeDialog", "Starting from")),
            (self.to_time, translate("FindTimeDialog", "Starting by")),
        ):
            clock.setDisplayFormat(short)
            clock.setAccessibleName(name)
            clock.setEnabled(False)
        hours = QHBoxLayout()
        hours.addWidget(self.part)
        hours.addWidget(self.from_time)
        hours.addWidget(QLabel(translate("FindTimeDialog", "to")))
        hours.addWidget(self.to_time)
        hours.addStretch()

        self.weekdays: list[QCheckBox] = []
        weekdays = QHBoxLayout()
        for weekday in range(7):
            name = QLocale().dayName(weekday + 1, QLocale.FormatType.LongFormat)
            box = QCheckBox(name[:3])  # "Mon", "seg": seven fit beside each other
            box.setToolTip(name)
            box.setAccessibleName(name)
            box.setChecked(True)
            self.weekdays.append(box)
            weekdays.addWidget(box)
        weekdays.addStretch()

        self.order = QComboBox()
        self.order.setAccessibleName(translate("FindTimeDialog", "Order"))
        self.order.addItem(translate("FindTimeDialog", "Earliest first"), "earliest")
        self.order.addItem(
            translate("FindTimeDialog", "Least busy professional first"), "least loaded"
        )

        self.picker = ClientPicker(services)
        self.client_search = self.picker.search
        self.client_list = self.picker.list

        self.times = QListWidget()
        self.times.setAccessibleName(translate("FindTimeDialog", "Free times"))
        self.times.setMinimumHeight(190)
        self.client_list.setMaximumHeight(100)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(translate("FindTimeDialog", "Search"))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(HINT)

        wanted = QFormLayout()  # what is looked for, on the left
        wanted.addRow(translate("FindTimeDialog", "&Service"), self.service)
        wanted.addRow(translate("FindTimeDialog", "&Length"), self.duration)
        wanted.addRow(translate("FindTimeDialog", "&Professionals"), self.professionals)
        wanted.addRow(translate("FindTimeDialog", "&Days"), days)
        wanted.addRow(translate("FindTimeDialog", "T&ime of day"), hours)
        wanted.addRow(translate("FindTimeDialog", "&Weekdays"), weekdays)
        wanted.addRow(translate("FindTimeDialog", "&Order"), self.order)
        chosen = QFormLayout()  # who, and the times found, on the right
        chosen.addRow(translate("FindTimeDialog", "&Client"), self.picker)
        chosen.addRow(translate("FindTimeDialog", "F&ree times"), self.times)
        for form, field, buddy in (
            (wanted, days, self.first_day),
            (wanted, hours, self.part),
            (wanted, weekdays, self.weekdays[0]),
            (chosen, self.picker, self.client_search),
        ):
            caption = form.labelForField(field)
            if isinstance(caption, QLabel):  # Alt+its letter goes to the first field
                caption.setBuddy(buddy)
        columns = QHBoxLayout()
        columns.addLayout(wanted, 1)
        columns.addSpacing(12)
        columns.addLayout(chosen, 1)
        self.buttons = dialog_buttons(
            self,
            self.accept,
            accept=QDialogButtonBox.StandardButton.Ok,
            reject=QDialogButtonBox.StandardButton.Close,
            accept_text=translate("FindTimeDialog", "Book"),
        )
        self.book_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.book_button.setAccessibleName(translate("FindTimeDialog", "Book"))
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.message)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.picker.new_client.setAutoDefault(False)
        self.book_button.setDefault(True)  # Enter books, wherever it is pressed

        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.search)
        self.service.currentIndexChanged.connect(self._service_changed)
        self.part.currentIndexChanged.connect(self._part_changed)
        for signal in (
            self.duration.valueChanged,
            self.professionals.itemChanged,
            self.first_day.dateChanged,
            self.last_day.dateChanged,
            self.from_time.timeChanged,
            self.to_time.timeChanged,
            self.order.currentIndexChanged,
            *(box.toggled for box in self.weekdays),
        ):
            signal.connect(self._changed)
        self.duration.valueChanged.connect(self._length_was_chosen)
        self.picker.changed.connect(self._update_buttons)
        self.picker.problem.connect(lambda text: self._say(False, text))
        self.times.currentRowChanged.connect(self._update_buttons)
        self.times.itemActivated.connect(lambda _item: self.accept())
        self.client_search.setFocus()
        self._say(True, loading(), HINT)
        self._update_buttons()
        self.reader = ListsReader(lambda: find_time_lists(services), self)
        self.reader.read.connect(self._filled)
        self.reader.failed.connect(self._not_read)
        self.reader.start()

    # -- the lists, read on the worker ---------------------------------------

    def _length_was_chosen(self) -> None:
        self._length_chosen = True

    def _filled(self, lists: FindTimeLists) -> None:
        """The lists are in: fill the fields, keeping what was chosen or preset; search."""
        self.lists = lists
        org = lists.organization
        fields = (self.service, self.duration, self.professionals)
        for field in fields:
            field.blockSignals(True)
        try:
            self.duration.setSingleStep(org.slot_minutes)
            if not self._length_chosen:
                self.duration.setValue(org.default_duration_minutes)
            self.service.clear()
            self.service.addItem(translate("FindTimeDialog", "No service"), None)
            for offered in lists.services:
                label = translate("FindTimeDialog", "{name} ({minutes} min)").format(
                    name=offered.name, minutes=offered.duration_minutes
                )
                self.service.addItem(label, offered)
            self.professionals.clear()
            for prof in lists.professionals:
                item = QListWidgetItem(prof.name)
                item.setData(Qt.ItemDataRole.UserRole, prof.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.professionals.addItem(item)
            self._choose_wanted()
        finally:
            for field in fields:
                field.blockSignals(False)
        self.service.setEnabled(True)
        self.professionals.setEnabled(True)
        self.search()

    def _not_read(self, message: str, _unreachable: bool) -> None:
        """The lists could not be read: say why (nothing searched; asked again if cut)."""
        if self.lists is None:
            self._say(False, message)

    # -- what is wanted ------------------------------------------------------

    def preset(
        self,
        service_id: int | None,
        minutes: int,
        professional_id: int | None,
        client: tuple[bool, int | None],
        client_text: str = "",
    ) -> None:
        """Start from what the booking dialog had: its service, length, professional, client
        (the service and professional are chosen once the lists are in)."""
        self._wanted_service, self._wanted_professional = service_id, professional_id
        if self.lists is not None:
            self._choose_wanted()
        self.duration.setValue(minutes)
        self._length_chosen = True  # (even when it is what the field showed)
        chosen, client_id = client
        if chosen:
            self.picker.choose(client_id, client_text)
        self.search()

    def _choose_wanted(self) -> None:
        """The preset service and professional, in the lists read."""
        for index in range(1, self.service.count()):
            if self.service.itemData(index).id == self._wanted_service:
                self.service.setCurrentIndex(index)
        for row in range(self.professionals.count()):
            item = self.professionals.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == self._wanted_professional:
                item.setCheckState(Qt.CheckState.Checked)

    def request(self) -> FreeTimeRequest:
        """The search as the fields stand."""
        first, last = self.first_day.date(), self.last_day.date()
        part = self.part.currentData()
        if part == "between":
            a, b = self.from_time.time(), self.to_time.time()
            earliest, latest = time(a.hour(), a.minute()), time(b.hour(), b.minute())
        elif part is None:
            earliest, latest = time(0), time(23, 59)
        else:
            earliest, latest = part
        picked = tuple(
            int(self.professionals.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.professionals.count())
            if self.professionals.item(row).checkState() == Qt.CheckState.Checked
        )
        days = tuple(i for i, box in enumerate(self.weekdays) if box.isChecked())
        chosen = self.service.currentData()  # its buffers, limits and rooms are met
        return FreeTimeRequest(
            minutes=self.duration.value(),
            first_day=date(first.year(), first.month(), first.day()),
            last_day=date(last.year(), last.month(), last.day()),
            professional_ids=picked,
            earliest=earliest,
            latest=latest,
            weekdays=days if len(days) < 7 else (),
            order=str(self.order.currentData()),
            limit=SHOWN,
            service_id=chosen.id if isinstance(chosen, ServiceView) else None,
        )

    def _service_changed(self) -> None:
        chosen = self.service.currentData()
        if isinstance(chosen, ServiceView):
            self.duration.setValue(chosen.duration_minutes)  # searches again
        self._changed()

    def _part_changed(self) -> None:
        between = self.part.currentData() == "between"
        self.from_time.setEnabled(between)
        self.to_time.setEnabled(between)
        self._changed()

    def _changed(self) -> None:
        self._settle.start()

    # -- the search (on a worker) --------------------------------------------

    @property
    def searching(self) -> bool:
        """The lists or the free times are still being read."""
        return self.lists is None or self._job is not None or self._settle.isActive()

    def search(self) -> None:
        """Look again with the fields as they stand; only the latest answer is shown."""
        self._settle.stop()
        if self.lists is None:
            return  # searched once they are in
        self._search_number += 1
        number = self._search_number
        self.found = []
        self.times.clear()
        request = self.request()
        if not any(box.isChecked() for box in self.weekdays):
            self._job = None
            self._say(False, translate("FindTimeDialog", "Tick at least one weekday."))
            self._update_buttons()
            return
        if request.last_day < request.first_day:
            self._job = None
            self._say(False, translate("FindTimeDialog", "The last day comes before the first."))
            self._update_buttons()
            return
        if (request.last_day - request.first_day).days >= MAX_DAYS:
            self._job = None
            self._say(
                False,
                translate("FindTimeDialog", "Look at most {days} days at a time.").format(
                    days=MAX_DAYS
                ),
            )
            self._update_buttons()
            return
        self._say(True, translate("FindTimeDialog", "Looking for free times..."), HINT)
        free_times = self._services.free_times
        job = BackgroundJob(lambda _progress, _cancelled: free_times.find(request), self)
        job.finished.connect(lambda found: self._found(number, found))
        job.failed.connect(lambda message: self._failed(number, message))
        self._job = job
        self._update_buttons()
        job.start()

    def _found(self, number: int, found: list[FreeTime]) -> None:
        if number != self._search_number:
            return  # a newer search is under way
        self._job = None
        self.found = found
        refused, self._refused = self._refused, ""
        for free in found:
            start = free.start.astimezone(self._tz)
            end = free.end.astimezone(self._tz)
            text = translate("FindTimeDialog", "{day}  {span}  {professional}").format(
                day=day_text(start.date()),
                span=span_text(start, end),
                professional=free.professional_name,
            )
            self.times.addItem(text)
        if found:
            self.times.setCurrentRow(0)
            self._say(
                True,
                translate(
                    "FindTimeDialog", "{count} free times: Enter books the one chosen."
                ).format(count=len(found))
                if len(found) != 1
                else translate("FindTimeDialog", "1 free time: Enter books it."),
            )
        else:
            self._say(
                False,
                translate(
                    "FindTimeDialog",
                    "No free time in these days: try more days, other times of day or weekdays, "
                    "or anyone.",
                ),
            )
        if refused:
            self._say(False, f"{refused}\n{self.message.text()}")
        self._update_buttons()

    def _failed(self, number: int, message: str) -> None:
        if number != self._search_number:
            return
        self._job = None
        self._say(False, message)
        self._update_buttons()

    # -- booking -------------------------------------------------------------

    def chosen(self) -> FreeTime | None:
        row = self.times.currentRow()
        return self.found[row] if 0 <= row < len(self.found) else None

    def _update_buttons(self) -> None:
        chosen, _client = self.picker.choice()
        self.hint.setText(
            ""
            if chosen
            else translate("FindTimeDialog", "Choose the client, or “No client (walk-in / block)”.")
        )
        self.book_button.setEnabled(chosen and self.chosen() is not None)

    def _say(self, ok: bool, text: str, style: str = "") -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style or (GOOD if ok else BAD))

    def booking_request(self) -> BookingRequest | None:
        free = self.chosen()
        if free is None:
            return None
        _chosen, client_id = self.picker.choice()
        service = self.service.currentData()
        lead = free.professional_id
        return BookingRequest(
            start=free.start,
            end=real_end(free.start, timedelta(minutes=self.duration.value())),
            client_id=client_id,
            professional_id=free.professional_id,
            service_id=service.id if isinstance(service, ServiceView) else None,
            # The booking dialog's "With": decided for all of them when booked.
            with_professionals=tuple(p for p in self.with_professionals if p != lead)
            if lead is not None
            else (),
        )

    def accept(self) -> None:
        """Book the chosen time: a refusal (taken meanwhile) says why and looks again."""
        request = self.booking_request()
        if not self.book_button.isEnabled() or request is None:
            return
        if self.submit is not None:
            try:
                try:
                    self.booked = self.submit(request)
                except ClientClashError as clash:
                    tz = self._services.context.timezone
                    if not confirm_clash(self, clash, tz):
                        return
                    self.booked = self.submit(replace(request, book_both=True))
                    self.booked_both = True
            except SchedulerError as exc:
                self._refused = exc.message
                self.search()
                return
        super().accept()


def find_time_from(
    services: Services, booking: BookingDialog, parent: QWidget | None
) -> FindTimeDialog:
    """Find a time for what the booking dialog had: its service, length, professional, client."""
    dialog = FindTimeDialog(services, booking.day, parent)
    chosen = booking.service.currentData()
    dialog.preset(
        chosen.id if isinstance(chosen, ServiceView) else None,
        booking.duration.value(),
        booking.professional.currentData(),
        booking.picker.choice(),
        booking.client_search.text(),
    )
    dialog.with_professionals = booking.with_professionals()
    return dialog
