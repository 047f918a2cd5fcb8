"""Two-way sync of a professional's calendar with a CalDAV server.

Out: the professional's appointments from a week ago to `DAYS_AHEAD` days ahead
(those not cancelled or missed) as events with the clinic's stable UIDs; by default
"Busy" and nothing about the client, with client name and service when the
integration says so. Events are created, rewritten when the appointment moved or
changed, and removed when it was cancelled, missed or given to someone else. Events
the desk did not create are never changed.

In: the calendar's own events in the same window are busy time for the
professional: time off of the kind "calendar", tied to the integration and the
event's UID, so the next sync moves or removes it. Adding it takes working time
away, so it goes through the one path (`lowering.capacity_lowered`) as a forced
change: the calendar is a fact the desk cannot refuse, and appointments it strands
are set aside as a conflict, which the sync's status says.

Two desks never sync the same calendar at once: each sync first takes the
integration's lease (`db.calendar_sync.claim`). A failed sync is tried again after
1, 2, 4, ... minutes (at most the integration's frequency); its status says why
in words.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from icalendar import Event
from sqlalchemy import Connection
from sqlalchemy.orm import Session

from scheduler_app import __version__
from scheduler_app.db import calendar_sync as rows
from scheduler_app.db import imports as store
from scheduler_app.db.calendar_models import MAX_FREQUENCY, MIN_FREQUENCY
from scheduler_app.db.rows import AppointmentRow, Names
from scheduler_app.domain.spans import merged
from scheduler_app.domain.status import AppointmentStatus
from scheduler_app.errors import NotFoundError, SchedulerError, ValidationError
from scheduler_app.services import lowering, reading, unit_of_work
from scheduler_app.services.audit import record
from scheduler_app.services.caldav_client import (
    CalendarConnection,
    ServerEvent,
    calendar_password,
    check_url,
)
from scheduler_app.services.calendar_dto import (
    IntegrationSettings,
    IntegrationView,
    Sent,
    SyncResult,
    outcome,
    retry_after,
    view_of,
)
from scheduler_app.services.calendar_events import (
    Busy,
    busy_times,
    fingerprint,
    first_event,
    ours,
)
from scheduler_app.services.checks import MANAGERS, check_actor, check_professional
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.guard import guarded
from scheduler_app.services.ics_files import Detail, appointment_event, uid
from scheduler_app.services.permissions import reads, writers, writes
from scheduler_app.services.views import appointment_view

log = logging.getLogger(__name__)
#: Appointments with their names and their client's e-mail address.
Listed = list[tuple[AppointmentRow, Names, str]]
Integration = rows.IntegrationRow | None

#: The window kept in step: from a week ago (recent changes still reach the
#: calendar) to 90 days ahead (as far as most clinics book).
DAYS_BACK, DAYS_AHEAD = 7, 90
#: How long a desk may hold a calendar while syncing it.
LEASE = timedelta(minutes=5)
#: Appointments that took, or will take, the professional's time.
SENT = frozenset(
    {
        AppointmentStatus.PENDING,
        AppointmentStatus.CONFIRMED,
        AppointmentStatus.CHECKED_IN,
        AppointmentStatus.COMPLETED,
    }
)


@guarded
class CalendarSyncService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- the integrations -----------------------------------------------------

    @reads(*MANAGERS)
    def integrations(self) -> list[IntegrationView]:
        found = reading.read_connection(
            self.ctx, lambda conn: rows.integrations(conn, self.ctx.organization_id)
        )
        return [view_of(r) for r in found]

    @writes(*MANAGERS)
    def save_integration(
        self, actor_id: int, integration_id: int | None, settings: IntegrationSettings
    ) -> IntegrationView:
        """Add an integration (``integration_id`` None) or change one; it syncs soon."""
        try:
            url = check_url(settings.url)
        except SchedulerError as exc:
            raise ValidationError(exc.message, "url") from None
        if not MIN_FREQUENCY <= settings.frequency_minutes <= MAX_FREQUENCY:
            raise ValidationError(
                f"A calendar syncs every {MIN_FREQUENCY} to {MAX_FREQUENCY} minutes.",
                "frequency_minutes",
            )
        org, now = self.ctx.organization_id, self.ctx.now()
        values = {
            "professional_id": settings.professional_id,
            "url": url,
            "username": settings.username.strip(),
            "provider": settings.provider.strip(),
            "frequency_minutes": settings.frequency_minutes,
            "with_client_names": settings.with_client_names,
            "is_active": settings.is_active,
            "next_sync_at": now,
        }

        def work(tx: unit_of_work.ScheduleChange) -> IntegrationView:
            facts = tx.facts(actor_id, professional_id=settings.professional_id)
            check_actor(facts.actor, *MANAGERS)
            check_professional(facts.new_professional)
            found = integration_id
            if found is None:
                found = rows.insert_integration(
                    tx.conn,
                    {
                        **values,
                        "organization_id": org,
                        "created_by_id": actor_id,
                        "created_at": now,
                    },
                )
                action = "add"
            else:
                before = rows.integration(tx.conn, org, found)
                if before is None:
                    raise NotFoundError("That calendar integration no longer exists.")
                if before.professional_id != settings.professional_id:  # theirs no more
                    rows.replace_busy(
                        tx.conn, org, found, before.professional_id,
                        gone=[b.id for b in rows.busy(tx.conn, found)], added=[],
                        reason="", created_by=actor_id, at=now,
                    )  # fmt: skip
                rows.update_integration(tx.conn, org, found, values)
                action = "edit"
            saved = rows.integration(tx.conn, org, found)
            assert saved is not None
            after = {k: v for k, v in values.items() if k != "next_sync_at"}
            record(tx.conn, self.ctx, actor_id, action, "calendar_integration", found, after=after)
            return view_of(saved)

        return unit_of_work.change(self.ctx, work)

    @writes(*MANAGERS)
    def remove_integration(self, actor_id: int, integration_id: int) -> None:
        """Stop syncing: the busy time read from the calendar is given back (events
        already sent stay on the calendar)."""

        def work(tx: unit_of_work.ScheduleChange) -> None:
            check_actor(tx.facts(actor_id).actor, *MANAGERS)
            if not rows.delete_integration(tx.conn, self.ctx.organization_id, integration_id):
                raise NotFoundError("That calendar integration no longer exists.")
            record(tx.conn, self.ctx, actor_id, "remove", "calendar_integration", integration_id)

        unit_of_work.change(self.ctx, work)

    # -- syncing ----------------------------------------------------------------

    @writes(*MANAGERS)
    def sync_now(self, actor_id: int, integration_id: int, worker: str) -> SyncResult:
        """Sync one calendar now (unless another desk is syncing it)."""
        return self._sync(actor_id, integration_id, worker)

    @writers
    def sync_due(self, actor_id: int, worker: str) -> list[SyncResult]:
        """Sync every calendar whose time has come (the desk's background work, in the
        name of the person signed in); those another desk holds are left to it."""
        now = self.ctx.now()
        due = reading.read_connection(
            self.ctx, lambda conn: rows.due(conn, self.ctx.organization_id, now)
        )
        results = [self._sync(actor_id, found, worker) for found in due]
        return [r for r in results if r.status != "busy"]

    def _sync(self, actor_id: int, integration_id: int, worker: str) -> SyncResult:
        org, now = self.ctx.organization_id, self.ctx.now()
        claimed = unit_of_work.admin(
            self.ctx,
            lambda s: rows.claim(s.connection(), org, integration_id, worker, now, now + LEASE),
        )
        if not claimed:
            return SyncResult(
                integration_id, "busy", "Another desk is syncing this calendar now; try later."
            )
        try:
            status, text, sent = self._run(actor_id, integration_id, worker, now)
        except SchedulerError as exc:
            return self._failed(integration_id, worker, exc.message)
        except Exception:
            log.exception("calendar sync failed")
            self._failed(integration_id, worker, "An unexpected problem stopped the sync.")
            raise
        frequency = self._release(
            integration_id,
            worker,
            lambda freq: {
                "status": status,
                "status_text": text,
                "last_sync_at": self.ctx.now(),
                "retries": 0,
                "next_sync_at": self.ctx.now() + timedelta(minutes=freq),
            },
            wrote=(actor_id, sent) if sent.created or sent.updated or sent.removed else None,
        )
        if frequency is None:  # the lease expired and another desk took it over
            text = "The sync took too long; another desk synced this calendar instead."
            return SyncResult(integration_id, "failed", text)
        return SyncResult(integration_id, status, text)

    def _run(
        self, actor_id: int, integration_id: int, worker: str, now: datetime
    ) -> tuple[str, str, Sent]:
        org, tz = self.ctx.organization_id, self.ctx.timezone
        today = now.astimezone(tz).replace(hour=0, minute=0, second=0, microsecond=0)
        lo = (today - timedelta(days=DAYS_BACK)).astimezone(UTC)
        hi = (today + timedelta(days=DAYS_AHEAD + 1)).astimezone(UTC)

        def read(
            conn: Connection,
        ) -> tuple[rows.IntegrationRow | None, store.ClinicIdentity, Listed]:
            found = rows.integration(conn, org, integration_id)
            clinic = store.clinic(conn, org)
            if found is None:
                return None, clinic, []
            return found, clinic, store.export_rows(conn, org, lo, hi, found.professional_id)

        integration, clinic, appointments = reading.read_connection(self.ctx, read)
        if integration is None:
            raise NotFoundError("That calendar integration no longer exists.")
        detail: Detail = "names" if integration.with_client_names else "busy"
        stamp = now.astimezone(UTC).replace(microsecond=0)
        wanted = {
            uid(clinic.clinic_id, row.id): appointment_event(
                clinic.clinic_id, appointment_view(row, names), stamp, clinic.name, detail=detail
            )
            for row, names, _email in appointments
            if row.status in SENT
        }
        password = calendar_password(integration.username, integration.url)
        connection = CalendarConnection(integration.url, integration.username, password)
        try:
            on_server = connection.events(lo, hi)
            mine = ours(clinic.clinic_id)
            sent = self._send(
                connection, wanted, {e.uid: e for e in on_server if mine.fullmatch(e.uid)}
            )
        finally:
            connection.close()
        busy = sorted(
            {
                b
                for e in on_server
                if not mine.fullmatch(e.uid)
                for b in busy_times(e.calendar, lo, hi, tz)
            },
            key=lambda b: (b.start, b.end, b.uid),
        )
        added, gone, set_aside = self._busy(actor_id, integration, worker, busy)
        status, text = outcome(
            sent, len(busy), added, gone, set_aside, integration.professional_name
        )
        return status, text, sent

    def _send(
        self,
        connection: CalendarConnection,
        wanted: dict[str, Event],
        mine: dict[str, ServerEvent],
    ) -> Sent:
        prodid = f"-//scheduler-app//Scheduler {__version__}//EN"
        created = updated = removed = 0
        for key, event in wanted.items():
            have = mine.get(key)
            if have is None:
                connection.put(event, prodid)
                created += 1
            else:
                kept = first_event(have.calendar)
                if kept is None or fingerprint(kept) != fingerprint(event):
                    connection.put(event, prodid)
                    updated += 1
        for key, have in mine.items():
            if key not in wanted:
                connection.delete(have)
                removed += 1
        return Sent(created, updated, removed)

    def _busy(
        self, actor_id: int, integration: rows.IntegrationRow, worker: str, busy: list[Busy]
    ) -> tuple[int, int, int]:
        """Make the professional's busy time from the calendar what ``busy`` says, as one
        schedule change (forced); returns (added, removed, appointments set aside)."""
        org, ctx = self.ctx.organization_id, self.ctx
        wanted = {(b.uid, b.start, b.end) for b in busy}
        kept = reading.read_connection(ctx, lambda conn: rows.busy(conn, integration.id))
        if {(b.uid, b.start, b.end) for b in kept} == wanted and len(kept) == len(wanted):
            return 0, 0, 0

        def work(tx: unit_of_work.ScheduleChange) -> tuple[int, int]:
            now = ctx.now()
            if not rows.holds(tx.conn, integration.id, worker, now):
                raise ValidationError("Another desk took over this calendar's sync.")
            facts = tx.facts(actor_id, professional_id=integration.professional_id)
            check_actor(facts.actor)
            prof = check_professional(facts.new_professional)
            have: dict[tuple[str, datetime, datetime], int] = {}
            gone = []
            for b in rows.busy(tx.conn, integration.id):
                key = (b.uid, b.start, b.end)
                if key in wanted and key not in have:
                    have[key] = b.id
                else:
                    gone.append(b.id)
            added = sorted((k for k in wanted if k not in have), key=lambda k: (k[1], k[2]))
            provider = integration.provider or "CalDAV"
            rows.replace_busy(
                tx.conn, org, integration.id, prof.id, gone=gone, added=added,
                reason=provider, created_by=actor_id, at=now,
            )  # fmt: skip
            record(
                tx.conn, ctx, actor_id, "calendar busy", "professional", prof.id,
                after={"integration": integration.id, "added": len(added), "removed": len(gone)},
            )  # fmt: skip
            spans = merged(
                (int(max(start, now).timestamp()), int(end.timestamp()))
                for _u, start, end in added
                if end > now
            )
            if spans:
                cause = f"{prof.name} busy in their calendar ({provider})"
                reason = f"Busy in {prof.name}'s calendar: the calendar cannot be refused."
                force = unit_of_work.Force(actor_id, reason, (prof.name,))
                lowering.capacity_lowered(tx, ctx, actor_id, {prof.id: spans}, cause, force)
            return len(added), len(gone)

        (added, gone), set_aside = unit_of_work.change_setting_aside(ctx, work)
        return added, gone, len(set_aside)

    def _failed(self, integration_id: int, worker: str, message: str) -> SyncResult:
        """Record a failed sync: tried again with backoff; the lease is given back."""
        texts: list[str] = []

        def values(freq: int, before: int) -> dict[str, object]:
            again = self.ctx.now() + retry_after(before + 1, freq)
            times = "once" if before == 0 else f"{before + 1} times in a row"
            when = again.astimezone(self.ctx.timezone)
            texts.append(f"{message} Failed {times}; next try at {when:%H:%M}.")
            return {
                "status": "failed",
                "status_text": texts[-1],
                "retries": before + 1,
                "next_sync_at": again,
            }

        try:
            self._release(integration_id, worker, values, with_retries=True)
        except SchedulerError:  # the database is not reachable either: next round
            log.warning("calendar sync failure not recorded: %s", message)
        return SyncResult(integration_id, "failed", texts[-1] if texts else message)

    def _release(
        self,
        integration_id: int,
        worker: str,
        values: Callable[..., dict[str, object]],
        *,
        with_retries: bool = False,
        wrote: tuple[int, Sent] | None = None,
    ) -> int | None:
        """Record the outcome (``values`` of the frequency, and the failures so far
        when ``with_retries``) and give the lease back; the frequency, or None when the
        lease was lost. ``wrote``: who synced and what went to the calendar (audited)."""
        org = self.ctx.organization_id

        def work(session: Session) -> int | None:
            conn = session.connection()
            found = rows.integration(conn, org, integration_id)
            if found is None or found.claimed_by != worker:
                return None
            args = (
                (found.frequency_minutes, found.retries)
                if with_retries
                else (found.frequency_minutes,)
            )
            if not rows.release(conn, integration_id, worker, values(*args)):
                return None
            if wrote is not None:
                actor_id, sent = wrote
                after = {"created": sent.created, "updated": sent.updated, "removed": sent.removed}
                record(
                    conn, self.ctx, actor_id, "sync", "calendar_integration", found.id, after=after
                )
            return found.frequency_minutes

        return unit_of_work.admin(self.ctx, work)
