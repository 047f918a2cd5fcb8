"""The parts of a schedule template beyond its name and hours, for the Templates tab:
how often it repeats, the dates it works on, its price and the booking notice and
horizon a copy brings; and the words the templates list shows for them."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from scheduler_app.domain.rules import MAX_HORIZON_DAYS
from scheduler_app.domain.working_time import TemplateKind
from scheduler_app.errors import ValidationError
from scheduler_app.services.schedule_templates import TemplateDetails, TemplateView
from scheduler_app.ui.durations_text import day_text, lead_times_text, read_lead_times
from scheduler_app.ui.i18n import money_text, parse_money, translate
from scheduler_app.ui.opening_hours_editor import weekday_name

DATED = (TemplateKind.MONTHLY, TemplateKind.YEARLY, TemplateKind.CUSTOM)
_SEPARATORS = re.compile(r"[,;\s]+")


def _parts(text: str) -> list[str]:
    return [part for part in _SEPARATORS.split(text.strip()) if part]


def kind_text(kind: TemplateKind) -> str:
    return {
        TemplateKind.DAILY: translate("Templates", "Daily"),
        TemplateKind.WEEKLY: translate("Templates", "Weekly"),
        TemplateKind.MONTHLY: translate("Templates", "Monthly"),
        TemplateKind.YEARLY: translate("Templates", "Yearly"),
        TemplateKind.CUSTOM: translate("Templates", "Custom"),
    }[kind]


def dates_text(d: TemplateDetails) -> str:
    """The dates as typed: "1, 15"; "24/12, 31/12"; "12/12/2026, 19/12/2026"."""
    if d.kind is TemplateKind.MONTHLY:
        return ", ".join(str(day) for day in d.month_days)
    if d.kind is TemplateKind.YEARLY:
        return ", ".join(f"{day:02d}/{month:02d}" for month, day in d.year_days)
    return ", ".join(f"{day:%d/%m/%Y}" for day in d.dates)


def read_dates(
    kind: TemplateKind, text: str
) -> tuple[tuple[date, ...], tuple[int, ...], tuple[tuple[int, int], ...]]:
    """(dates, month days, year days) typed for a template of ``kind``; a
    `ValidationError` on the dates field when they cannot be read."""
    if kind not in DATED:
        return (), (), ()
    parts = _parts(text)
    try:
        if kind is TemplateKind.MONTHLY:
            return (), tuple(int(p) for p in parts), ()
        if kind is TemplateKind.YEARLY:
            pairs = [p.split("/") for p in parts]
            return (), (), tuple((int(m), int(d)) for d, m in pairs)
        out = []
        for p in parts:
            if "-" in p:
                out.append(date.fromisoformat(p))
            else:
                day, month, year = (int(n) for n in p.split("/"))
                out.append(date(year, month, day))
        return tuple(out), (), ()
    except ValueError:
        examples = {
            TemplateKind.MONTHLY: "1, 15, 31",
            TemplateKind.YEARLY: "24/12, 31/12",
            TemplateKind.CUSTOM: "12/12/2026, 19/12/2026",
        }
        raise ValidationError(
            translate("Templates", "“{text}” are not dates: write e.g. {example}.").format(
                text=text.strip(), example=examples[kind]
            ),
            "dates",
        ) from None


def repeats_text(d: TemplateDetails) -> str:
    """ "Mon, Wed, Fri"; "Mon · every other week"; "Every 3 days"; "Days 1, 15 of the month"."""
    days = ", ".join(weekday_name(day)[:3] for day in d.weekdays)
    if d.kind is TemplateKind.WEEKLY:
        if d.interval == 2:
            return translate("Templates", "{days} · every other week").format(days=days)
        return days
    if d.kind is TemplateKind.DAILY:
        if d.interval == 1:
            return days
        return translate("Templates", "Every {n} days ({days})").format(n=d.interval, days=days)
    if d.kind is TemplateKind.MONTHLY:
        return translate("Templates", "Days {days} of the month").format(days=dates_text(d))
    if d.kind is TemplateKind.YEARLY:
        return translate("Templates", "Every year on {days}").format(days=dates_text(d))
    shown = dates_text(d) if len(d.dates) <= 3 else f"{dates_text(d)[:38]}…"
    return translate("Templates", "{n} dates: {days}").format(n=len(d.dates), days=shown)


def booking_text(d: TemplateDetails) -> str:
    """ "Notice 1 day · up to 30 days ahead" ("" without either)."""
    parts = []
    if d.min_notice_minutes is not None:
        parts.append(
            translate("Templates", "notice {lead}").format(
                lead=lead_times_text((d.min_notice_minutes,))
            )
        )
    if d.max_horizon_days is not None:
        parts.append(translate("Templates", "up to {n} days ahead").format(n=d.max_horizon_days))
    text = " · ".join(parts)
    return text[:1].upper() + text[1:]


def template_columns(t: TemplateView) -> list[str]:
    """Name, repeats, hours, price, booking: a row of the templates list."""
    d = t.details
    name = d.name
    if d.is_default:
        name += " " + translate("Templates", "(default)")
    if not d.is_active:
        name += " " + translate("Templates", "(inactive)")
    return [name, repeats_text(d), day_text(t.hours()), money_text(d.price), booking_text(d)]


def column_titles() -> list[str]:
    return [
        translate("Templates", "Template"),
        translate("Templates", "Repeats"),
        translate("Templates", "Hours"),
        translate("Templates", "Price"),
        translate("Templates", "Booking"),
    ]


class TemplateFields:
    """Interval, dates, price, notice and horizon: the widgets, what they show for a
    kind of template, and what they hold."""

    def __init__(self) -> None:
        self.interval = QSpinBox()
        self.interval.setRange(1, 366)
        self.interval.setAccessibleName(translate("Templates", "Repeats every"))
        self.unit = QLabel()
        self.repeat = QWidget()
        row = QHBoxLayout(self.repeat)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.interval)
        row.addWidget(self.unit, 1)
        self.dates = QLineEdit()
        self.dates.setAccessibleName(translate("Templates", "Dates"))
        self.price = QLineEdit()
        self.price.setPlaceholderText(
            translate("Templates", "e.g. {amount} (none: leave empty)").format(
                amount=money_text(Decimal("45"))
            )
        )
        self.price.setAccessibleName(translate("Templates", "Price"))
        self.price.setToolTip(
            translate(
                "Templates",
                "What a session in this pattern is quoted at, for reference: "
                "bookings keep the price of their service.",
            )
        )
        self.notice = QLineEdit()
        self.notice.setPlaceholderText(translate("Templates", "e.g. 2 hours (none: empty)"))
        self.notice.setAccessibleName(translate("Templates", "Minimum notice"))
        self.horizon = QSpinBox()
        self.horizon.setRange(0, MAX_HORIZON_DAYS)
        self.horizon.setSpecialValueText(translate("Templates", "no limit"))
        self.horizon.setSuffix(translate("Templates", " days"))
        self.horizon.setAccessibleName(translate("Templates", "Booked at most"))
        self.booking = QWidget()
        row = QHBoxLayout(self.booking)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(translate("Templates", "Notice")))
        row.addWidget(self.notice, 1)
        row.addWidget(QLabel(translate("Templates", "At most")))
        row.addWidget(self.horizon)
        self.help = QLabel(
            translate(
                "Templates",
                "Copying the template writes its notice and how far ahead it can be "
                "booked as the professional's booking rules for the period. The price is "
                "for reference: bookings keep the price of their service.",
            )
        )
        self.help.setWordWrap(True)

    def widgets(self) -> list[QWidget]:
        """In the order Tab goes through them."""
        return [self.interval, self.dates, self.price, self.notice, self.horizon]

    def show_kind(self, kind: TemplateKind) -> None:
        """The unit and the dates' example for ``kind``."""
        unit = {
            TemplateKind.WEEKLY: translate("Templates", "week(s): 2 fills the A or B weeks"),
            TemplateKind.DAILY: translate("Templates", "day(s)"),
        }
        self.unit.setText(unit.get(kind, ""))
        examples = {
            TemplateKind.MONTHLY: translate("Templates", "Days of the month, e.g. 1, 15, 31"),
            TemplateKind.YEARLY: translate("Templates", "Day/month, e.g. 24/12, 31/12"),
            TemplateKind.CUSTOM: translate("Templates", "Dates, e.g. 12/12/2026, 19/12/2026"),
        }
        self.dates.setPlaceholderText(examples.get(kind, ""))

    def show(self, d: TemplateDetails) -> None:
        self.interval.setValue(d.interval)
        self.dates.setText(dates_text(d))
        self.price.setText(money_text(d.price))
        notice = d.min_notice_minutes
        self.notice.setText(lead_times_text((notice,)) if notice is not None else "")
        self.horizon.setValue(d.max_horizon_days or 0)

    def clear(self) -> None:
        self.interval.setValue(1)
        for edit in (self.dates, self.price, self.notice):
            edit.clear()
        self.horizon.setValue(0)

    def values(self, kind: TemplateKind) -> dict[str, object]:
        """The fields of `TemplateDetails` they hold (`ValidationError` naming the
        field when one cannot be read)."""
        dates, month_days, year_days = read_dates(kind, self.dates.text())
        try:
            price = parse_money(self.price.text())
        except ValueError:
            raise ValidationError(
                translate("Templates", "“{text}” is not a price: write e.g. {example}.").format(
                    text=self.price.text().strip(), example=money_text(Decimal("45.5"))
                ),
                "price",
            ) from None
        notice = None
        if self.notice.text().strip():
            found = read_lead_times(self.notice.text(), "min_notice_minutes")
            if len(found) != 1:
                raise ValidationError(
                    translate("Templates", "Give one length of time, e.g. 2 hours."),
                    "min_notice_minutes",
                )
            notice = found[0]
        return {
            "interval": self.interval.value(),
            "dates": dates,
            "month_days": month_days,
            "year_days": year_days,
            "price": price,
            "min_notice_minutes": notice,
            "max_horizon_days": self.horizon.value() or None,
        }
