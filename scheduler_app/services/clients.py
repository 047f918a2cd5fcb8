"""Clients: found as the desk types, added, edited, archived, and their history.

Every desk account may do this (reception's daily work). A client is archived,
never deleted: archived clients keep their appointments and history and are not
offered for booking until restored. Admin changes: no scheduling lock.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from scheduler_app.db import clients as client_rows
from scheduler_app.db import directory
from scheduler_app.db.models import Client, ReminderChannel
from scheduler_app.domain.client_search import needle, search_key
from scheduler_app.domain.status import BOOKING_UNDONE
from scheduler_app.errors import NotFoundError, ValidationError
from scheduler_app.services import entry_checks, reading, unit_of_work
from scheduler_app.services.audit import record, snapshot
from scheduler_app.services.checks import check_actor
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import ClientDetails, ClientHistory, ClientView
from scheduler_app.services.guard import guarded
from scheduler_app.services.permissions import readers, writers
from scheduler_app.services.views import client_view

#: A cancellation this close to the start (or after it) counts as late.
LATE_CANCELLATION = timedelta(hours=24)
#: Cancellations that are the desk taking back its own mistake, not the client's.
NOT_THE_CLIENTS = (BOOKING_UNDONE,)
AUDITED = (
    "name",
    "phone",
    "email",
    "date_of_birth",
    "notes",
    "preferred_channel",
    "reminder_consent",
    "is_active",
)


@guarded
class ClientService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @readers
    def find(self, text: str, limit: int = 20, *, archived: bool = False) -> list[ClientView]:
        """Clients whose name, e-mail or phone has what was typed (every client when
        nothing is), by name; archived ones too when ``archived``."""
        wanted = needle(text)

        def work(session: Session) -> list[ClientView]:
            found = client_rows.find(
                session, self.ctx.organization_id, wanted, archived=archived, limit=limit
            )
            return [client_view(c) for c in found]

        return reading.read(self.ctx, work)

    @readers
    def get(self, client_id: int) -> ClientView:
        def work(session: Session) -> ClientView:
            return client_view(self._client(session, client_id))

        return reading.read(self.ctx, work)

    @writers
    def add(self, actor_id: int, details: ClientDetails) -> ClientView:
        values = self._checked(details)

        def work(session: Session) -> ClientView:
            check_actor(directory.actor_row(session, self.ctx.organization_id, actor_id))
            client = Client(
                organization_id=self.ctx.organization_id, created_at=self.ctx.now(), **values
            )
            session.add(client)
            session.flush()
            self._audit(session, actor_id, "add", client, None)
            return client_view(client)

        return unit_of_work.admin(self.ctx, work)

    @writers
    def update(self, actor_id: int, client_id: int, details: ClientDetails) -> ClientView:
        values = self._checked(details)

        def work(session: Session) -> ClientView:
            check_actor(directory.actor_row(session, self.ctx.organization_id, actor_id))
            client = self._changeable(session, client_id)
            before = snapshot(client, AUDITED)
            for attr, value in values.items():
                setattr(client, attr, value)
            session.flush()
            self._audit(session, actor_id, "update", client, before)
            return client_view(client)

        return unit_of_work.admin(self.ctx, work)

    @writers
    def set_archived(self, actor_id: int, client_id: int, archived: bool) -> ClientView:
        """Archive a client (kept with their history, no longer offered) or restore one."""

        def work(session: Session) -> ClientView:
            check_actor(directory.actor_row(session, self.ctx.organization_id, actor_id))
            client = self._changeable(session, client_id)
            before = snapshot(client, AUDITED)
            client.is_active = not archived
            session.flush()
            self._audit(session, actor_id, "archive" if archived else "restore", client, before)
            return client_view(client)

        return unit_of_work.admin(self.ctx, work)

    @readers
    def history(self, client_id: int, limit: int = 200) -> ClientHistory:
        """The client's latest ``limit`` appointments, and over all of them: how many,
        no-shows, and cancellations made less than a day before the start."""
        from scheduler_app.services.booking import BookingService

        appointments = BookingService(self.ctx).client_appointments(client_id, limit)

        def work(conn: Connection) -> ClientHistory:
            org = self.ctx.organization_id
            total, no_shows = client_rows.history_counts(conn, org, client_id)
            cancelled = client_rows.cancellations(conn, org, client_id, leaving_out=NOT_THE_CLIENTS)
            late = sum(1 for start, at in cancelled if start - at < LATE_CANCELLATION)
            return ClientHistory(tuple(appointments), total, no_shows, late)

        history = reading.read_connection(self.ctx, work)
        self._viewed(client_id)
        return history

    def _viewed(self, client_id: int) -> None:
        """Who looked at whose record goes into the audit trail (not on a database
        this desk only reads)."""
        actor = self.ctx.desk.actor_id
        if actor is None or self.ctx.database.read_only:
            return

        def work(session: Session) -> None:
            self._client(session, client_id)
            record(session.connection(), self.ctx, actor, "viewed", "client", client_id)

        unit_of_work.admin(self.ctx, work)

    def _checked(self, details: ClientDetails) -> dict[str, object]:
        """The columns of a client, each checked (a refusal names its field)."""
        name = entry_checks.name(details.name, "The client")
        email = entry_checks.email(details.email)
        phone = entry_checks.phone(details.phone)
        born = details.date_of_birth
        today = self.ctx.now().astimezone(self.ctx.timezone).date()
        if born is not None and born > today:
            raise ValidationError("A date of birth cannot be in the future.", "date_of_birth")
        try:
            channel = ReminderChannel(details.preferred_channel)
        except ValueError:
            raise ValidationError(
                "Reminders go by e-mail or by SMS.", "preferred_channel"
            ) from None
        return {
            "name": name,
            "phone": phone,
            "email": email,
            "date_of_birth": born,
            "notes": details.notes.strip(),
            "preferred_channel": channel,
            "reminder_consent": details.reminder_consent,
            "search_key": search_key(name, email, phone),
        }

    def _client(self, session: Session, client_id: int) -> Client:
        client = client_rows.client(session, self.ctx.organization_id, client_id)
        if client is None:
            raise NotFoundError("That client no longer exists.")
        return client

    def _changeable(self, session: Session, client_id: int) -> Client:
        """The client, unless merged into another or erased (such records stay as they are)."""
        client = self._client(session, client_id)
        if client.merged_into_id is not None:
            raise ValidationError(f"{client.name} was merged into another client.")
        if client.erased_at is not None:
            raise ValidationError(f"{client.name}'s record was erased.")
        return client

    def _audit(
        self, session: Session, actor_id: int, action: str, client: Client, before: object
    ) -> None:
        record(
            session.connection(),
            self.ctx,
            actor_id,
            action,
            "client",
            client.id,
            before=before if isinstance(before, dict) else None,
            after=snapshot(client, AUDITED),
        )
