"""The client record as a whole: merge a duplicate, export everything, erase on request.

- Merge: the duplicate's appointments (and with them their messages and history)
  move to the client kept, whose empty details are filled from the duplicate's;
  the duplicate stays, marked as merged (archived, never offered or found), with
  its audit trail. One transaction, audited on both clients and every appointment.
- Export: everything the clinic holds about a client and the duplicates merged into
  them — details, appointments, messages, audit entries — as JSON and as CSV files.
- Erase: the personal fields are replaced by a pseudonym ("Erased client 12"), and
  the client's name, phone and e-mail by the pseudonym wherever they were written
  about them: their appointments' text (notes emptied), the outbox's messages (no
  recipient kept, unsent ones withdrawn), the audit trail's before and after
  values. The appointments stay, anonymous, for the clinic's statistics.

Merging and erasing are a manager's or an administrator's. Admin changes: they add
no demand to the schedule, so they take no scheduling lock.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from scheduler_app.db import client_record as rows
from scheduler_app.db import clients as client_rows
from scheduler_app.db import directory
from scheduler_app.db import waitlist as waitlist_rows
from scheduler_app.db.models import Client
from scheduler_app.domain.client_search import search_key
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import NotFoundError, ValidationError
from scheduler_app.services import client_clash, reading, unit_of_work
from scheduler_app.services.audit import record, snapshot
from scheduler_app.services.checks import MANAGERS, check_actor
from scheduler_app.services.clients import AUDITED
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import ClientView
from scheduler_app.services.guard import guarded
from scheduler_app.services.permissions import readers, writes
from scheduler_app.services.views import client_view

#: Details filled in on the client kept when theirs is empty and the duplicate's is not.
FILLED = ("phone", "email", "date_of_birth", "notes")
#: Values in the audit trail that are the client's personal data, emptied on erasure.
PERSONAL = frozenset({"phone", "email", "notes", "date_of_birth"})
#: Shorter text is not searched for (it would match inside other words).
SHORTEST = 3


def pseudonym(client_id: int) -> str:
    """What an erased client is called from then on."""
    return f"Erased client {client_id}"


@dataclass(frozen=True, slots=True)
class ClientExport:
    """Everything held about one client, as files (name -> content)."""

    client_id: int
    files: dict[str, bytes]

    def write(self, folder: Path) -> list[Path]:
        """Write the files into ``folder`` (created if missing); their paths."""
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, content in self.files.items():
            path = folder / name
            path.write_bytes(content)
            written.append(path)
        return written


@guarded
class ClientRecordService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- merge -----------------------------------------------------------------

    @writes(*MANAGERS)
    def merge(self, actor_id: int, keep_id: int, duplicate_id: int) -> ClientView:
        """Merge client ``duplicate_id`` into ``keep_id``; the client kept."""
        if keep_id == duplicate_id:
            raise ValidationError("Choose two different clients to merge.")

        def work(session: Session) -> ClientView:
            org = self.ctx.organization_id
            check_actor(directory.actor_row(session, org, actor_id), *MANAGERS)
            keep = self._client(session, keep_id)
            duplicate = self._client(session, duplicate_id)
            for client in (keep, duplicate):
                _check_not_gone(client)
            kept_before = snapshot(keep, AUDITED)
            duplicate_before = snapshot(duplicate, AUDITED)
            for attr in FILLED:
                if not getattr(keep, attr) and getattr(duplicate, attr):
                    setattr(keep, attr, getattr(duplicate, attr))
            keep.search_key = search_key(keep.name, keep.email, keep.phone)
            duplicate.merged_into_id = keep.id
            duplicate.is_active = False
            session.flush()
            conn = session.connection()
            now = self.ctx.now()
            moved = rows.move_appointments(conn, org, duplicate.id, keep.id, actor_id, now)
            # The duplicate's appointments at the same time as the kept client's: the
            # client is in two places at once, recorded as time conflicts to resolve.
            client_clash.settle(conn, self.ctx, set(moved), set(), actor_id)
            waitlist_rows.move_client(conn, org, duplicate.id, keep.id)
            record(
                conn,
                self.ctx,
                actor_id,
                "merge",
                "client",
                keep.id,
                before=kept_before,
                after={**snapshot(keep, AUDITED), "merged": duplicate.id, "appointments": moved},
            )
            record(
                conn,
                self.ctx,
                actor_id,
                "merged_into",
                "client",
                duplicate.id,
                before=duplicate_before,
                after={**snapshot(duplicate, AUDITED), "merged_into_id": keep.id},
            )
            for appointment_id in moved:
                record(
                    conn,
                    self.ctx,
                    actor_id,
                    "merge",
                    "appointment",
                    appointment_id,
                    before={"client_id": duplicate.id},
                    after={"client_id": keep.id},
                )
            return client_view(keep)

        return unit_of_work.admin(self.ctx, work)

    # -- export ----------------------------------------------------------------

    @readers
    def export(self, client_id: int) -> ClientExport:
        """Everything held about the client (and duplicates merged into them), as
        one JSON file and a CSV file per part."""

        def work(conn: Connection) -> ClientExport:
            org = self.ctx.organization_id
            ids = rows.merged_into(conn, org, client_id)
            details = [_client_details(c) for c in rows.clients(conn, org, ids)]
            if not details:
                raise NotFoundError("That client no longer exists.")
            appointment_ids = rows.appointment_ids(conn, org, ids)
            parts = {
                "details": details,
                "appointments": rows.appointments(conn, org, ids),
                "notifications": rows.notifications(conn, appointment_ids),
                "audit": rows.audit_entries(conn, org, ids, appointment_ids),
            }
            plain = {name: [_plain_row(r) for r in part] for name, part in parts.items()}
            stem = f"client-{client_id}"
            document = {"client_id": client_id, "exported_at": self.ctx.now().isoformat(), **plain}
            files = {
                f"{stem}.json": json.dumps(document, ensure_ascii=False, indent=2).encode() + b"\n"
            }
            for name, part in plain.items():
                files[f"{stem}-{name}.csv"] = _csv(part)
            return ClientExport(client_id, files)

        return reading.read_connection(self.ctx, work)

    # -- erase -----------------------------------------------------------------

    @writes(*MANAGERS)
    def erase(self, actor_id: int, client_id: int) -> ClientView:
        """Erase the client's personal data (and their merged duplicates'), leaving a
        pseudonym; refused while they have appointments still to come."""

        def work(session: Session) -> ClientView:
            org = self.ctx.organization_id
            check_actor(directory.actor_row(session, org, actor_id), *MANAGERS)
            client = self._client(session, client_id)
            _check_not_gone(client)
            conn = session.connection()
            ids = rows.merged_into(conn, org, client.id)
            people = [self._client(session, i) for i in ids]
            appointment_ids = rows.appointment_ids(conn, org, ids)
            now = self.ctx.now()
            if _still_to_come(rows.appointments(conn, org, ids), now):
                raise ValidationError(
                    f"{client.name} still has appointments to come: "
                    "cancel them (or let them take place) before erasing the record."
                )
            scrub = _Scrubber(
                [p.name for p in people] + [p.phone for p in people] + [p.email for p in people],
                pseudonym(client.id),
            )
            rows.erase_appointment_text(conn, appointment_ids, scrub.text)
            rows.erase_messages(conn, appointment_ids, scrub.text)
            rows.erase_audit_values(conn, org, ids, appointment_ids, scrub.value)
            waitlist_rows.delete_of_clients(conn, org, list(ids))
            for person in people:
                person.name = pseudonym(person.id)
                person.phone = ""
                person.email = ""
                person.notes = ""
                person.date_of_birth = None
                person.reminder_consent = False
                person.is_active = False
                person.erased_at = now
                person.search_key = search_key(person.name, "", "")
            session.flush()
            record(
                conn,
                self.ctx,
                actor_id,
                "erase",
                "client",
                client.id,
                after={
                    "name": client.name,
                    "clients": ids,
                    "appointments": len(appointment_ids),
                },
            )
            return client_view(client)

        return unit_of_work.admin(self.ctx, work)

    def _client(self, session: Session, client_id: int) -> Client:
        client = client_rows.client(session, self.ctx.organization_id, client_id)
        if client is None:
            raise NotFoundError("That client no longer exists.")
        return client


def _check_not_gone(client: Client) -> None:
    if client.merged_into_id is not None:
        raise ValidationError(f"{client.name} was merged into another client.")
    if client.erased_at is not None:
        raise ValidationError(f"{client.name}'s record was erased.")


def _still_to_come(appointments: Sequence[dict[str, Any]], now: datetime) -> bool:
    return any(AppointmentStatus(a["status"]).is_active and a["end_at"] > now for a in appointments)


def _client_details(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "search_key"}


class _Scrubber:
    """Replaces each of a client's names, phones and e-mails by the pseudonym."""

    def __init__(self, needles: Sequence[str], replacement: str) -> None:
        found = sorted({n.strip() for n in needles if len(n.strip()) >= SHORTEST}, key=len)
        self._pattern = (
            re.compile("|".join(re.escape(n) for n in reversed(found)), re.IGNORECASE)
            if found
            else None
        )
        self._replacement = replacement

    def text(self, value: str) -> str:
        if self._pattern is None or not value:
            return value
        return self._pattern.sub(self._replacement, value)

    def value(self, value: Any) -> Any:
        """A JSON value with the client's personal values emptied and names replaced."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.value(v) for v in value]
        if isinstance(value, dict):
            return {
                k: (None if k == "date_of_birth" else "") if k in PERSONAL and v else self.value(v)
                for k, v in value.items()
            }
        return value


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    return value


def _plain_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: _plain(v) for k, v in row.items()}


def _csv(part: list[dict[str, Any]]) -> bytes:
    """The rows as CSV (UTF-8 with a BOM, so spreadsheets read the accents)."""
    out = io.StringIO()
    if part:
        writer = csv.DictWriter(out, fieldnames=list(part[0]), lineterminator="\r\n")
        writer.writeheader()
        for row in part:
            writer.writerow(
                {
                    k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
                    for k, v in row.items()
                }
            )
    return ("\ufeff" + out.getvalue()).encode()
