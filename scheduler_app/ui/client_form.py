"""A client's details as fields: name, phone, e-mail, date of birth, how reminders
reach them and whether they agreed to them, notes. Used by the client window and
by "New client" wherever a client is added; each refusal shows next to its field.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from scheduler_app.services.dto import ClientDetails, ClientView
from scheduler_app.ui.field_errors import FieldErrors
from scheduler_app.ui.i18n import translate

#: The date edit's lowest date, shown as "not known".
UNKNOWN = QDate(1900, 1, 1)


def birth_date_format() -> str:
    """The locale's short date with the year in full (a birth date needs all four)."""
    text = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    return text if "yyyy" in text else text.replace("yy", "yyyy")


class ClientForm(QWidget):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = FieldErrors(QLabel())
        self.name = QLineEdit()
        self.name.setAccessibleName(translate("ClientForm", "Name"))
        self.phone = QLineEdit()
        self.phone.setAccessibleName(translate("ClientForm", "Phone"))
        self.email = QLineEdit()
        self.email.setAccessibleName(translate("ClientForm", "E-mail"))
        self.born = QDateEdit()
        self.born.setDisplayFormat(birth_date_format())
        self.born.setMinimumDate(UNKNOWN)
        self.born.setMaximumDate(QDate(today.year, today.month, today.day))
        self.born.setSpecialValueText(translate("ClientForm", "Not known"))
        self.born.setCalendarPopup(True)
        self.born.setDate(UNKNOWN)
        self.born.setAccessibleName(translate("ClientForm", "Date of birth"))
        self.channel = QComboBox()
        self.channel.addItem(translate("ClientForm", "E-mail"), "email")
        self.channel.addItem(translate("ClientForm", "SMS"), "sms")
        self.channel.setAccessibleName(translate("ClientForm", "Reminders by"))
        self.consent = QCheckBox(translate("ClientForm", "Agrees to be reminded"))
        self.consent.setChecked(True)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName(translate("ClientForm", "Notes"))
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(90)
        e = self.errors
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(translate("ClientForm", "Name"), e.field("name", self.name))
        form.addRow(translate("ClientForm", "Phone"), e.field("phone", self.phone))
        form.addRow(translate("ClientForm", "E-mail"), e.field("email", self.email))
        form.addRow(translate("ClientForm", "Date of birth"), e.field("date_of_birth", self.born))
        form.addRow(
            translate("ClientForm", "Reminders by"), e.field("preferred_channel", self.channel)
        )
        form.addRow("", e.field("reminder_consent", self.consent))
        form.addRow(translate("ClientForm", "Notes"), e.field("notes", self.notes))
        form.addRow(e.message)

    def fields(self) -> list[QWidget]:
        """In the order shown (for Tab)."""
        return [
            self.name,
            self.phone,
            self.email,
            self.born,
            self.channel,
            self.consent,
            self.notes,
        ]

    def show_client(self, client: ClientView | None) -> None:
        """Fill in ``client`` (None: empty, for a new one)."""
        self.errors.clear()
        self.name.setText(client.name if client else "")
        self.phone.setText(client.phone if client else "")
        self.email.setText(client.email if client else "")
        born = client.date_of_birth if client else None
        self.born.setDate(QDate(born.year, born.month, born.day) if born else UNKNOWN)
        self.channel.setCurrentIndex(
            max(0, self.channel.findData(client.preferred_channel if client else "email"))
        )
        self.consent.setChecked(client.reminder_consent if client else True)
        self.notes.setPlainText(client.notes if client else "")

    def details(self) -> ClientDetails:
        qdate = self.born.date()
        born = None if qdate == UNKNOWN else date(qdate.year(), qdate.month(), qdate.day())
        return ClientDetails(
            name=self.name.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            date_of_birth=born,
            notes=self.notes.toPlainText(),
            preferred_channel=str(self.channel.currentData()),
            reminder_consent=self.consent.isChecked(),
        )
