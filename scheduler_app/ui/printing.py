"""Printed pages: day sheets (a page per professional and day), the clinic's day
overview and an appointment list, as rich-text documents that print the same way
on paper, into a PDF (QPdfWriter) and in the print preview.

The documents are built from the frozen views the desk already reads; every word
goes through `translate` and times are written as the locale writes them.
"""

from __future__ import annotations

import html
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.services.dto import AppointmentView
from scheduler_app.ui.i18n import (
    day_text,
    long_day_text,
    span_text,
    status_label,
    time_text,
    translate,
    unassigned,
)

S = AppointmentStatus
#: Not on a day sheet: they take no time of the professional.
OFF_THE_SHEET = frozenset({S.CANCELLED})
PDF_DPI = 300

_STYLE = """
<style>
  body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; color: #000; }
  h1 { font-size: 17pt; margin-top: 0; margin-bottom: 2pt; }
  p.clinic { font-size: 9pt; color: #444; margin-top: 0; margin-bottom: 0; }
  p.what { font-size: 11pt; margin-top: 0; margin-bottom: 10pt; }
  p.foot { font-size: 8pt; color: #444; margin-top: 8pt; }
  table.rows th { background: #e4e4e4; text-align: left; font-weight: bold; }
  table.rows td { vertical-align: top; }
  .quiet { color: #555; }
</style>
"""


@dataclass(frozen=True)
class Printed:
    """A document to print, and its title (the print job's and the PDF's name)."""

    title: str
    html: str

    def document(self) -> QTextDocument:
        document = QTextDocument()
        document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, self.title)
        document.setHtml(self.html)
        return document

    def print_to(self, device: QPagedPaintDevice) -> None:
        """Lay the document out on ``device``'s pages and paint them (numbered)."""
        self.document().print_(device)

    def save_pdf(self, path: Path) -> None:
        """Write it as an A4 PDF at ``path``."""
        writer = QPdfWriter(str(path))
        writer.setTitle(self.title)
        writer.setCreator("scheduler-app")
        writer.setResolution(PDF_DPI)
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        # QTextDocument.print_ keeps a 2 cm margin of its own around the text.
        writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
        self.print_to(writer)
        del writer  # the file is complete once the writer is gone


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _para(text: str) -> str:
    return f"<p>{_e(text)}</p>"


def _head(clinic: str, title: str, what: str, page_break: bool) -> str:
    style = ' style="page-break-before: always;"' if page_break else ""
    return (
        f'<p class="clinic"{style}>{_e(clinic)}</p>'
        f"<h1>{_e(title)}</h1>"
        f'<p class="what" style="margin-bottom: 10px;">{_e(what)}</p>'
    )


def _table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    widths: Sequence[int],
    *,
    unbroken: Collection[int] = (0,),
    padding: int = 5,
) -> str:
    """A ruled table (its header repeats on each page); cells are already HTML. The
    columns ``unbroken`` (times, phone numbers) never wrap."""
    head = "".join(f'<th width="{w}%">{_e(h)}</th>' for h, w in zip(headers, widths, strict=True))
    body = "".join(
        "<tr>"
        + "".join(
            f'<td style="white-space: nowrap;">{c}</td>' if i in unbroken else f"<td>{c}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return (
        f'<table class="rows" width="100%" border="1" cellspacing="0" cellpadding="{padding}"'
        ' style="border-collapse: collapse; border-color: #888888;">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _printed_at(now: datetime, tz: ZoneInfo) -> str:
    local = now.astimezone(tz)
    return translate("Printing", "Printed on {day} at {time}").format(
        day=day_text(local.date()), time=time_text(local)
    )


def _notes(appt: AppointmentView) -> str:
    """What the professional should know: status if done, title, notes, place."""
    parts = []
    if not appt.status.is_active:
        parts.append(f"<b>{_e(status_label(appt.status))}</b>")
    if appt.title and appt.title != appt.client_name:
        parts.append(_e(appt.title))
    if appt.description:
        parts.append(_e(appt.description).replace("\n", "<br/>"))
    if appt.is_virtual and appt.meeting_url:
        parts.append(_e(translate("Printing", "Online: {link}").format(link=appt.meeting_url)))
    elif appt.location:
        parts.append(_e(translate("Printing", "Place: {place}").format(place=appt.location)))
    return "<br/>".join(parts)


def _client(appt: AppointmentView) -> str:
    if appt.client_name:
        return _e(appt.client_name)
    nobody = translate("Printing", "No client")
    return f'<span class="quiet">{_e(nobody)}</span>'


def _span(appt: AppointmentView, tz: ZoneInfo) -> str:
    return _e(span_text(appt.start.astimezone(tz), appt.end.astimezone(tz)))


def _count(n: int) -> str:
    if n == 1:
        return translate("Printing", "1 appointment")
    return translate("Printing", "{count} appointments").format(count=n)


def day_sheets(
    clinic: str,
    days: Sequence[date],
    appointments: Sequence[AppointmentView],
    tz: ZoneInfo,
    now: datetime,
    professional_id: int | None = None,
) -> Printed:
    """A page for each professional with appointments on each of ``days`` (only
    ``professional_id``'s when given; unassigned ones get a page of their own),
    listing times, client, phone, service and notes."""
    pages: list[str] = []
    by_day: dict[date, list[AppointmentView]] = {}
    for appt in appointments:
        if appt.status not in OFF_THE_SHEET:
            by_day.setdefault(appt.start.astimezone(tz).date(), []).append(appt)
    for day in days:
        sheets: dict[int | None, list[AppointmentView]] = {}
        for appt in sorted(by_day.get(day, []), key=lambda a: (a.start, a.id)):
            if professional_id is None or appt.professional_id == professional_id:
                sheets.setdefault(appt.professional_id, []).append(appt)
        names = {key: rows[0].professional_name for key, rows in sheets.items()}
        order = sorted(sheets, key=lambda k: (k is None, names[k] or ""))
        for key in order:
            rows = sheets[key]
            name = names[key] or unassigned()
            what = f"{long_day_text(day)} — {_count(len(rows))}"
            table = _table(
                (
                    translate("Printing", "Time"),
                    translate("Printing", "Client"),
                    translate("Printing", "Phone"),
                    translate("Printing", "Service"),
                    translate("Printing", "Notes"),
                ),
                (
                    (_span(a, tz), _client(a), _e(a.client_phone), _e(a.service_name), _notes(a))
                    for a in rows
                ),
                (13, 21, 19, 17, 30),
                unbroken=(0, 2),
                padding=8,  # room to write on
            )
            pages.append(
                _head(clinic, name, what, bool(pages))
                + table
                + f'<p class="foot">{_e(_printed_at(now, tz))}</p>'
            )
    if not pages:
        first, last = days[0], days[-1]
        when = long_day_text(first) if first == last else f"{day_text(first)} - {day_text(last)}"
        pages.append(
            _head(clinic, translate("Printing", "Day sheets"), when, False)
            + _para(translate("Printing", "No appointments to print."))
        )
    title = translate("Printing", "Day sheets {day}").format(day=day_text(days[0]))
    return Printed(title, _STYLE + "".join(pages))


def day_overview(
    clinic: str,
    day: date,
    appointments: Sequence[AppointmentView],
    tz: ZoneInfo,
    now: datetime,
) -> Printed:
    """The clinic's day on one sheet: who has how many, then every appointment by time."""
    rows = sorted(appointments, key=lambda a: (a.start, a.professional_name, a.id))
    held = [a for a in rows if a.status is not S.CANCELLED]
    cancelled = len(rows) - len(held)
    people: dict[int | None, list[AppointmentView]] = {}
    for appt in held:
        people.setdefault(appt.professional_id, []).append(appt)
    what = translate("Printing", "{day}: {count}, {cancelled} cancelled").format(
        day=long_day_text(day), count=_count(len(held)), cancelled=cancelled
    )
    summary = _table(
        (
            translate("Printing", "Professional"),
            translate("Printing", "Appointments"),
            translate("Printing", "From"),
            translate("Printing", "Until"),
        ),
        (
            (
                _e(mine[0].professional_name or unassigned()),
                str(len(mine)),
                _e(time_text(mine[0].start.astimezone(tz))),
                _e(time_text(max(a.end for a in mine).astimezone(tz))),
            )
            for _key, mine in sorted(
                people.items(), key=lambda kv: (kv[0] is None, kv[1][0].professional_name)
            )
        ),
        (46, 18, 18, 18),
    )
    listing = _table(
        (
            translate("Printing", "Time"),
            translate("Printing", "Professional"),
            translate("Printing", "Client"),
            translate("Printing", "Phone"),
            translate("Printing", "Service"),
            translate("Printing", "Status"),
        ),
        (
            (
                _span(a, tz),
                _e(a.professional_name or unassigned()),
                _client(a),
                _e(a.client_phone),
                _e(a.service_name),
                _e(status_label(a.status)),
            )
            for a in rows
        ),
        (13, 18, 19, 19, 17, 14),
        unbroken=(0, 3),
    )
    body = (
        _head(clinic, translate("Printing", "Day overview"), what, False)
        + summary
        + "<p></p>"
        + (listing if rows else _para(translate("Printing", "No appointments.")))
        + f'<p class="foot">{_e(_printed_at(now, tz))}</p>'
    )
    title = translate("Printing", "Day overview {day}").format(day=day_text(day))
    return Printed(title, _STYLE + body)


def appointment_list(
    clinic: str,
    heading: str,
    appointments: Sequence[AppointmentView],
    tz: ZoneInfo,
    now: datetime,
) -> Printed:
    """The appointments as listed (the List tab's order and filter), with their day."""
    table = _table(
        (
            translate("Printing", "Day"),
            translate("Printing", "Time"),
            translate("Printing", "Client"),
            translate("Printing", "Professional"),
            translate("Printing", "Service"),
            translate("Printing", "Status"),
        ),
        (
            (
                _e(day_text(a.start.astimezone(tz).date())),
                _span(a, tz),
                _client(a),
                _e(a.professional_name or unassigned()),
                _e(a.service_name),
                _e(status_label(a.status)),
            )
            for a in appointments
        ),
        (13, 15, 22, 20, 17, 13),
    )
    body = (
        _head(clinic, translate("Printing", "Appointments"), heading, False)
        + (table if appointments else _para(translate("Printing", "No appointments.")))
        + f'<p class="foot">{_e(_count(len(appointments)))}. {_e(_printed_at(now, tz))}</p>'
    )
    return Printed(translate("Printing", "Appointments {what}").format(what=heading), _STYLE + body)
