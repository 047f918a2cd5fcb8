"""Importing a clinic's previous system: clients, and appointments booked one by one
through the exact decision, the whole file in one transaction.

A file is read and every row checked first (`csv_import`, `ics_files`): a
malformed file is refused with its line numbers and nothing is written. Then, in
one transaction (`import_transaction`), each row's client, professional and
service are matched by name (clients by name and e-mail address) or created,
and its appointment is booked by `BookingService.book`, which decides it
exactly against the schedule and the rows booked before it. A row the schedule
refuses is rolled back alone and listed with the reason. At the end the manager's
choice applies: keep what fitted and skip the refused rows, or import nothing if
any was refused. A check (``dry_run``) does all of it and rolls it back.

Imported appointments do not send "appointment booked" messages (they were
booked long ago, in the other system); their reminders go out as usual. A row
whose id (a CSV column, an event's UID) is already on an appointment is not
imported twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from scheduler_app.db import conflicts
from scheduler_app.db import imports as store
from scheduler_app.db.errors import is_bug, translate
from scheduler_app.domain.limits import MAX_DURATION
from scheduler_app.errors import ClientClashError, ConflictError, SchedulerError
from scheduler_app.services import csv_import, ics_files, import_conflicts
from scheduler_app.services.audit import record
from scheduler_app.services.booking import BookingService
from scheduler_app.services.checks import MANAGERS, check_actor
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import BookingRequest
from scheduler_app.services.guard import guarded
from scheduler_app.services.import_rows import ImportRow
from scheduler_app.services.import_series import Refused, book_series
from scheduler_app.services.import_transaction import ImportTransaction, import_transaction
from scheduler_app.services.permissions import readers, writes

#: Colours given to professionals an import creates, in turn.
COLORS = ("#3f7fbf", "#c0504d", "#8064a2", "#4bacc6", "#9bbb59", "#f79646", "#2c9c8c")


class OnRefusal(StrEnum):
    SKIP = "skip"  # book the rest, list the refused rows
    ABORT = "abort"  # any refused row: import nothing
    #: Book the rows the schedule refuses as conflicts to resolve (`import_conflicts`),
    #: list the others.
    RECORD = "record"


@dataclass(frozen=True, slots=True)
class NotImported:
    line: int
    start: datetime | None
    client_name: str
    professional_name: str
    reason: str
    #: Refused by the schedule (False: left out as the file says, e.g. cancelled).
    refused: bool


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    booked: int
    not_imported: tuple[NotImported, ...]
    #: Rows already imported before (by their id): not booked twice.
    already: int
    clients_added: int
    clients_matched: int
    professionals_added: int
    services_added: int
    #: Saved: False for a check, a cancelled import, or an "import nothing" that met
    #: a refusal.
    committed: bool
    cancelled: bool = False
    #: Rows the schedule refused, booked as conflicts to resolve (`OnRefusal.RECORD`),
    #: a client's appointments at the same time included.
    recorded: int = 0

    @property
    def refused(self) -> int:
        return sum(1 for n in self.not_imported if n.refused)


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


class _Directory:
    """The clinic's clients, professionals and services, matched by name and added
    to within the import's transaction."""

    def __init__(self, conn: Connection, ctx: ServiceContext, actor_id: int) -> None:
        org = ctx.organization_id
        self.conn, self.ctx, self.actor_id = conn, ctx, actor_id
        self.currency = store.clinic(conn, org).currency
        self.clients: dict[str, list[store.Named]] = {}
        for client in store.clients(conn, org):
            self.clients.setdefault(_key(client.name), []).append(client)
        self.professionals = {_key(p.name): p.id for p in reversed(store.professionals(conn, org))}
        self.services = {_key(s.name): s.id for s in reversed(store.services(conn, org))}
        self.added = {"client": 0, "professional": 0, "service": 0}
        self.matched = 0
        #: What each row added to the lookups, to take back if the row is rolled back.
        self._journal: list[Callable[[], object]] = []

    def client(self, row: ImportRow) -> int | None:
        """The client of ``row``: the one with its name (and e-mail address, and phone
        when several share both), else a new one."""
        if not row.client_name:
            return None
        found = self.clients.get(_key(row.client_name), [])
        if row.email:
            found = [c for c in found if c.email.casefold() == row.email.casefold()]
        if len(found) > 1 and _digits(row.phone):
            found = [c for c in found if _digits(c.phone) == _digits(row.phone)] or found
        if found:
            self.matched += 1
            self._journal.append(self._unmatch)
            return found[0].id
        new = store.add_client(
            self.conn,
            self.ctx.organization_id,
            name=row.client_name,
            phone=row.phone,
            email=row.email,
            notes=row.client_notes,
            at=self.ctx.now(),
        )
        self._audit("client", new, row.client_name)
        named = store.Named(new, row.client_name, True, row.email, row.phone)
        same = self.clients.setdefault(_key(row.client_name), [])
        same.append(named)
        self._journal.append(lambda: same.remove(named))
        return new

    def professional(self, name: str) -> int | None:
        if not name:
            return None
        if _key(name) not in self.professionals:
            color = COLORS[len(self.professionals) % len(COLORS)]
            new = store.add_professional(
                self.conn, self.ctx.organization_id, name=name, color=color
            )
            self._audit("professional", new, name)
            self.professionals[_key(name)] = new
            self._journal.append(lambda: self.professionals.pop(_key(name)))
        return self.professionals[_key(name)]

    def service(self, row: ImportRow) -> int | None:
        if not row.service_name:
            return None
        if _key(row.service_name) not in self.services:
            assert row.start is not None and row.end is not None
            length = min(max(row.end - row.start, timedelta(minutes=1)), MAX_DURATION)
            new = store.add_service(
                self.conn,
                self.ctx.organization_id,
                name=row.service_name,
                minutes=int(length.total_seconds() // 60),
                price=row.price if row.price is not None else Decimal("0"),
                currency=self.currency,
            )
            self._audit("service", new, row.service_name)
            key = _key(row.service_name)
            self.services[key] = new
            self._journal.append(lambda: self.services.pop(key))
        return self.services[_key(row.service_name)]

    def _audit(self, entity: str, entity_id: int, name: str) -> None:
        self.added[entity] += 1
        self._journal.append(lambda: self._uncount(entity))
        after = {"name": name}
        record(self.conn, self.ctx, self.actor_id, "import", entity, entity_id, after=after)

    def _uncount(self, entity: str) -> None:
        self.added[entity] -= 1

    def _unmatch(self) -> None:
        self.matched -= 1

    def mark(self) -> int:
        return len(self._journal)

    def roll_back_to(self, mark: int) -> None:
        """Forget what was added since ``mark`` (its rows were rolled back)."""
        while len(self._journal) > mark:
            self._journal.pop()()


@guarded
class ImportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- reading files (nothing is written) ----------------------------------

    @readers
    def read_csv(self, data: bytes) -> csv_import.CsvFile:
        return csv_import.read_csv(data)

    @readers
    def csv_rows(
        self,
        csv_file: csv_import.CsvFile,
        kind: csv_import.Kind,
        mapping: csv_import.Mapping,
        date_format: str,
    ) -> tuple[ImportRow, ...]:
        return tuple(csv_import.rows(csv_file, kind, mapping, date_format, self.ctx.timezone))

    @readers
    def ics_rows(self, data: bytes) -> tuple[ImportRow, ...]:
        return tuple(ics_files.ics_rows(data, self.ctx.timezone))

    # -- importing -------------------------------------------------------------

    @writes(*MANAGERS)
    def run(
        self,
        actor_id: int,
        rows: tuple[ImportRow, ...],
        *,
        on_refusal: OnRefusal = OnRefusal.SKIP,
        dry_run: bool = False,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        source: str = "",
    ) -> ImportOutcome:
        """Import ``rows`` (checked by a read above) as ``actor_id``, a manager: all in
        one transaction, committed unless ``dry_run``, cancelled, or ``on_refusal``
        is ABORT and a row was refused. ``progress(done, total)`` is called per row."""
        try:
            return self._run(actor_id, rows, on_refusal, dry_run, progress, cancelled, source)
        except DBAPIError as exc:
            if is_bug(exc):
                raise
            raise translate(exc) from exc

    def _run(
        self,
        actor_id: int,
        rows: tuple[ImportRow, ...],
        on_refusal: OnRefusal,
        dry_run: bool,
        progress: Callable[[int, int], None] | None,
        cancelled: Callable[[], bool] | None,
        source: str,
    ) -> ImportOutcome:
        org = self.ctx.organization_id
        with import_transaction(self.ctx) as tx:
            check_actor(store.actor(tx.conn, org, actor_id), *MANAGERS)
            directory = _Directory(tx.conn, tx.ctx, actor_id)
            booking = BookingService(tx.ctx)
            known = store.imported_ids(tx.conn, org)
            listed: list[NotImported] = []
            booked: list[int] = []
            already = 0
            recording = on_refusal is OnRefusal.RECORD
            before = conflicts.open_count(tx.conn, org)
            for done, row in enumerate(rows):
                if cancelled is not None and cancelled():
                    return self._outcome(0, listed, already, directory, False, cancelled=True)
                if progress is not None:
                    progress(done, len(rows))
                if row.skip:
                    listed.append(_not_imported(row, row.skip, refused=False))
                elif row.external_id and row.external_id in known:
                    already += 1
                elif not row.is_appointment:
                    directory.client(row)
                elif row.series is not None:
                    mark = directory.mark()
                    savepoint = tx.conn.begin_nested()
                    try:
                        imported = book_series(tx, directory, actor_id, row)
                    except SchedulerError as exc:
                        savepoint.rollback()
                        directory.roll_back_to(mark)
                        listed.append(_not_imported(row, _reason(exc), refused=True))
                        continue
                    savepoint.commit()
                    booked += imported.appointment_ids
                    listed += [_refused_date(row, r) for r in imported.refused]
                    if row.external_id:
                        known.add(row.external_id)
                else:
                    mark = directory.mark()
                    savepoint = tx.conn.begin_nested()
                    try:
                        booked.append(self._book(booking, directory, actor_id, row, both=recording))
                    except SchedulerError as exc:
                        savepoint.rollback()
                        directory.roll_back_to(mark)
                        if not (recording and self._record(tx, directory, actor_id, row, exc)):
                            listed.append(_not_imported(row, _reason(exc), refused=True))
                            continue
                    else:
                        savepoint.commit()
                    if row.external_id:
                        known.add(row.external_id)
            if progress is not None:
                progress(len(rows), len(rows))
            refused = any(n.refused for n in listed)
            commit = not dry_run and not (on_refusal is OnRefusal.ABORT and refused)
            recorded = conflicts.open_count(tx.conn, org) - before
            if commit:
                store.withdraw_booking_notices(tx.conn, booked)
                record(
                    tx.conn,
                    self.ctx,
                    actor_id,
                    "import",
                    "appointment",
                    0,
                    after={
                        "source": source,
                        "booked": len(booked),
                        "not_imported": len(listed),
                        **({"conflicts": recorded} if recording else {}),
                    },
                )
                tx.commit()
            outcome = self._outcome(len(booked), listed, already, directory, commit)
            return replace(outcome, recorded=recorded)

    def _record(
        self,
        tx: ImportTransaction,
        directory: _Directory,
        actor_id: int,
        row: ImportRow,
        refusal: SchedulerError,
    ) -> bool:
        """Book ``row`` set aside by a conflict if the schedule refused it (see
        `import_conflicts`); whether it was."""
        if not import_conflicts.recordable(refusal):
            return False
        assert isinstance(refusal, ConflictError)
        mark = directory.mark()
        savepoint = tx.conn.begin_nested()
        try:
            request = self._request(directory, row)
            cause = f"Imported line {row.line}: {refusal.message}"
            import_conflicts.set_aside(tx.ctx, actor_id, request, refusal, cause, "Imported")
        except SchedulerError:
            savepoint.rollback()
            directory.roll_back_to(mark)
            return False
        savepoint.commit()
        return True

    def _book(
        self,
        booking: BookingService,
        directory: _Directory,
        actor_id: int,
        row: ImportRow,
        *,
        both: bool = False,
    ) -> int:
        request = replace(self._request(directory, row), book_both=both)
        return booking.book(actor_id, request).id

    @staticmethod
    def _request(directory: _Directory, row: ImportRow) -> BookingRequest:
        professional = directory.professional(row.professional_name)
        return BookingRequest(
            start=row.start,  # type: ignore[arg-type]
            end=row.end,
            client_id=directory.client(row),
            professional_id=professional,
            service_id=directory.service(row),
            title=row.title,
            description=row.description,
            location=row.location,
            estimated_cost=row.price,
            confirmed=row.confirmed and professional is not None,
            external_id=row.external_id,
        )

    @staticmethod
    def _outcome(
        booked: int,
        listed: list[NotImported],
        already: int,
        directory: _Directory,
        committed: bool,
        *,
        cancelled: bool = False,
    ) -> ImportOutcome:
        return ImportOutcome(
            booked=0 if cancelled else booked,
            not_imported=tuple(listed),
            already=already,
            clients_added=directory.added["client"],
            clients_matched=directory.matched,
            professionals_added=directory.added["professional"],
            services_added=directory.added["service"],
            committed=committed,
            cancelled=cancelled,
        )


def _reason(refusal: SchedulerError) -> str:
    """Why a row was not imported (a client's other appointment, without the desk's
    question)."""
    if isinstance(refusal, ClientClashError):
        return refusal.message.removesuffix(" Book both?")
    return refusal.message


def _refused_date(row: ImportRow, date: Refused) -> NotImported:
    """A date of a repeating event the schedule refused."""
    name = date.professional_name
    return NotImported(date.line, date.start, row.client_name, name, date.reason, True)


def _not_imported(row: ImportRow, reason: str, *, refused: bool) -> NotImported:
    return NotImported(row.line, row.start, row.client_name, row.professional_name, reason, refused)
