"""Reading a CSV file from a clinic's previous system: its columns, what each one
holds (mapped by the manager, suggested from the headers), and its rows as
`ImportRow`s, every one checked before anything is booked."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from zoneinfo import ZoneInfo

from scheduler_app.domain.limits import real_end
from scheduler_app.domain.localtime import LocalTimeError, localize
from scheduler_app.services.import_rows import ImportFileError, ImportRow, checked

#: Files larger than this are refused before reading (a clinic's export is far smaller).
MAX_BYTES = 50 * 1024 * 1024


class Kind(StrEnum):
    APPOINTMENTS = "appointments"
    CLIENTS = "clients"


class Field(StrEnum):
    """What a column can hold."""

    DATE = "date"
    START = "start"
    END = "end"
    DURATION = "duration"
    CLIENT = "client"
    PHONE = "phone"
    EMAIL = "email"
    PROFESSIONAL = "professional"
    SERVICE = "service"
    TITLE = "title"
    NOTES = "notes"
    STATUS = "status"
    PRICE = "price"
    EXTERNAL_ID = "external_id"


#: The fields of each kind of file, in the order the dialog shows them.
FIELDS = {
    Kind.APPOINTMENTS: tuple(Field),
    Kind.CLIENTS: (Field.CLIENT, Field.PHONE, Field.EMAIL, Field.NOTES),
}
#: Header words (lower case, without accents) that suggest each field.
_HEADERS = {
    Field.DATE: ("date", "data", "day", "dia"),
    Field.START: ("start", "time", "hora", "inicio", "start time", "hora inicio", "begin", "from"),
    Field.END: ("end", "fim", "end time", "hora fim", "until", "ate"),
    Field.DURATION: ("duration", "duracao", "length", "minutes", "minutos", "min"),
    Field.CLIENT: ("client", "cliente", "patient", "paciente", "name", "nome", "customer"),
    Field.PHONE: ("phone", "telefone", "telemovel", "mobile", "tel", "telephone"),
    Field.EMAIL: ("email", "e-mail", "mail", "correio eletronico"),
    Field.PROFESSIONAL: ("professional", "profissional", "doctor", "medico", "therapist", "staff"),
    Field.SERVICE: ("service", "servico", "type", "tipo", "treatment", "tratamento"),
    Field.TITLE: ("title", "titulo", "subject", "assunto"),
    Field.NOTES: ("notes", "notas", "observacoes", "comments", "description", "descricao"),
    Field.STATUS: ("status", "estado", "state"),
    Field.PRICE: ("price", "preco", "cost", "custo", "valor", "amount"),
    Field.EXTERNAL_ID: ("id", "reference", "ref", "referencia", "booking id", "appointment id"),
}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%m/%d/%Y")
_TIME_FORMATS = ("%H:%M", "%H:%M:%S", "%Hh%M", "%H.%M")
#: Status words of a previous system: booked (confirmed or not), or cancelled (left out).
_STATUSES = {
    "": False,
    "pending": False,
    "pendente": False,
    "booked": False,
    "scheduled": False,
    "marcada": False,
    "confirmed": True,
    "confirmada": True,
    "confirmado": True,
}
_CANCELLED = {"cancelled", "canceled", "cancelada", "cancelado", "anulada"}

Mapping = dict[Field, int]


@dataclass(frozen=True, slots=True)
class CsvFile:
    headers: tuple[str, ...]
    #: (line where the record starts, its cells), header excluded.
    records: tuple[tuple[int, tuple[str, ...]], ...]
    encoding: str
    delimiter: str


def _plain(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in folded if not unicodedata.combining(c)).replace("_", " ")


def _decode(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "ISO-8859-1"


def read_csv(data: bytes) -> CsvFile:
    """The header and records of a CSV file (`ImportFileError` with the line if it is
    not one). The encoding (UTF-8, else Windows-1252) and the delimiter (, ; tab |)
    are recognised."""
    if len(data) > MAX_BYTES:
        raise ImportFileError([(1, f"The file is larger than {MAX_BYTES // 2**20} MB.")])
    text, encoding = _decode(data)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportFileError([(line, "This is not a text file (it holds NUL characters).")])
    sample = text[:20_000]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[tuple[int, tuple[str, ...]]] = []
    headers: tuple[str, ...] | None = None
    line = 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if headers is None:
                headers = tuple(c.strip() for c in cells)
                continue
            records.append((start, tuple(c.strip() for c in cells)))
    except csv.Error as exc:
        raise ImportFileError([(reader.line_num or line, f"Not valid CSV: {exc}.")]) from exc
    if headers is None:
        raise ImportFileError([(1, "The file is empty: it needs a header line and rows.")])
    return CsvFile(headers, tuple(records), encoding, delimiter)


def suggest(headers: tuple[str, ...], kind: Kind) -> Mapping:
    """Which column holds each field, guessed from the header names."""
    plain = [_plain(h) for h in headers]
    mapping: Mapping = {}
    for field in FIELDS[kind]:
        for word in _HEADERS[field]:
            if word in plain and plain.index(word) not in mapping.values():
                mapping[field] = plain.index(word)
                break
    return mapping


def guess_date_format(csv_file: CsvFile, mapping: Mapping) -> str:
    """The first of `DATE_FORMATS` every date of the file can be read in."""
    column = mapping.get(Field.DATE, mapping.get(Field.START))
    if column is None:
        return DATE_FORMATS[0]
    values = [_date_part(cells[column]) for _l, cells in csv_file.records if column < len(cells)]
    values = [v for v in values if v][:2000]
    for pattern in DATE_FORMATS:
        try:
            for value in values:
                datetime.strptime(value, pattern)
        except ValueError:
            continue
        return pattern
    return DATE_FORMATS[0]


def _date_part(text: str) -> str:
    return text.replace("T", " ").split(" ")[0].strip()


def _time(text: str) -> time:
    for pattern in _TIME_FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern).time()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a time (write it as 14:30).")


def _day(text: str, pattern: str) -> date:
    try:
        return datetime.strptime(text.strip(), pattern).date()
    except ValueError:
        shown = pattern.replace("%Y", "yyyy").replace("%m", "mm").replace("%d", "dd")
        raise ValueError(f"{text!r} is not a date written as {shown}.") from None


def rows(
    csv_file: CsvFile, kind: Kind, mapping: Mapping, date_format: str, tz: ZoneInfo
) -> list[ImportRow]:
    """Every record as an `ImportRow`, all checked (`ImportFileError` with the lines)."""
    if kind is Kind.APPOINTMENTS and Field.START not in mapping:
        raise ImportFileError([(1, "Say which column holds the start time.")])
    if kind is Kind.CLIENTS and Field.CLIENT not in mapping:
        raise ImportFileError([(1, "Say which column holds the client's name.")])
    found: list[ImportRow] = []
    problems: list[tuple[int, str]] = []
    width = len(csv_file.headers)
    for line, cells in csv_file.records:
        if len(cells) != width:
            problems.append((line, f"{len(cells)} columns where the header has {width}."))
            continue

        def cell(field: Field, cells: tuple[str, ...] = cells) -> str:
            column = mapping.get(field)
            return cells[column].strip() if column is not None and column < len(cells) else ""

        try:
            found.append(_row(line, cell, kind, mapping, date_format, tz))
        except (ValueError, LocalTimeError) as exc:
            problems.append((line, str(exc)))
    return checked(found, problems)


def _row(
    line: int,
    cell: Callable[[Field], str],
    kind: Kind,
    mapping: Mapping,
    date_format: str,
    tz: ZoneInfo,
) -> ImportRow:
    name, phone, email = cell(Field.CLIENT), cell(Field.PHONE), cell(Field.EMAIL)
    if kind is Kind.CLIENTS:
        return ImportRow(
            line, client_name=name, phone=phone, email=email, client_notes=cell(Field.NOTES)
        )
    start_text = cell(Field.START)
    if not start_text:
        raise ValueError("The start time is missing.")
    if Field.DATE in mapping:
        if not cell(Field.DATE):
            raise ValueError("The date is missing.")
        day, clock = _day(cell(Field.DATE), date_format), _time(start_text)
    else:  # one column with both: "2026-03-02 10:30"
        parts = start_text.replace("T", " ").split()
        if len(parts) != 2:
            raise ValueError(f"{start_text!r} is not a date and a time.")
        day, clock = _day(parts[0], date_format), _time(parts[1])
    start = localize(day, clock, tz)
    if cell(Field.END):
        end = localize(day, _time(cell(Field.END)), tz)
        if end <= start:  # ends after midnight
            end = localize(day + timedelta(days=1), end.time(), tz)
    elif cell(Field.DURATION):
        minutes = cell(Field.DURATION)
        if not minutes.isdigit():
            raise ValueError(f"The length {minutes!r} is not a number of minutes.")
        end = real_end(start, timedelta(minutes=int(minutes)))
    else:
        raise ValueError("The end time or the length is missing.")
    status = _plain(cell(Field.STATUS))
    skip = ""
    if status in _CANCELLED:
        skip = "Cancelled in the file: not booked."
    elif status not in _STATUSES:
        raise ValueError(
            f"Unknown status {cell(Field.STATUS)!r} (pending, confirmed or cancelled)."
        )
    price = None
    if cell(Field.PRICE):
        try:
            price = Decimal(cell(Field.PRICE).replace(",", ".")).quantize(Decimal("0.01"))
        except InvalidOperation:
            raise ValueError(f"The price {cell(Field.PRICE)!r} is not a number.") from None
    return ImportRow(
        line,
        start=start,
        end=end,
        professional_name=cell(Field.PROFESSIONAL),
        service_name=cell(Field.SERVICE),
        title=cell(Field.TITLE),
        description=cell(Field.NOTES),
        price=price,
        confirmed=_STATUSES.get(status, False),
        external_id=cell(Field.EXTERNAL_ID),
        skip=skip,
        client_name=name,
        phone=phone,
        email=email,
    )
