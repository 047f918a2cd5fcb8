"""One short transaction per user action.

Every change that can affect R1 or R2 — book, move, resize, (re)assign, every
status change, restore, several appointments moved together, a professional
leaving — runs `change(ctx, work)` and follows one protocol, the same on SQLite
and PostgreSQL:

1. ``work`` reads what it needs (`db.facts`), checks its proposal with
   `ScheduleChange.require` (a refusal is explained and nothing is written), and
   writes with `ScheduleChange.add` / `write`, with its audit entries and
   messages. Appointments are written without their professional.
2. `ScheduleChange.finish` takes the scheduling lock (in the round trip of the
   window read, together with the NOTIFY of the changed days), checks every
   proposal again against what other desks committed meanwhile, gives the written
   appointments their professionals, sets aside what a forced change strands,
   decides whether a client is now in two places at once (`client_clash`: refused
   unless the desk confirmed it with `ScheduleChange.book_both`, then recorded as a
   time conflict), and the transaction commits.

Only step 2 runs under the lock. Where the transaction holds the lock from its
start (SQLite's BEGIN IMMEDIATE), step 1's check is already final and is not
repeated. A change that adds no demand (cancel, check in, edit details) requires
nothing, and takes no lock, unless it gives an appointment another client.

Writing first is safe: nobody sees the rows before the commit; rows without a
professional never meet the database's overlap guard, so desks writing at once
never wait for each other there (two desks checking each other's rows against it
would deadlock), and appointments moved together are never seen half-moved by it.

Round trips on PostgreSQL (each costs 1-30 ms over a real network): writes whose
answer nothing needs at once wait on the connection and go with the next read, or
with COMMIT (`raw_query.waiting_writes`, psycopg's pipeline mode), and so does the
transaction's BEGIN. A booking or a move: (1) BEGIN and the facts (a new
appointment's id with them), (2) the first check's window, (3) the writes, their
audit entries and messages, the NOTIFY, the lock, the window again and the client's
other appointments, (4) the professionals given and COMMIT. A change that requires
nothing (a status change): (1) BEGIN and the facts, (2) the write, checked against
its version before anything commits, with its audit entry and NOTIFY, (3) COMMIT.
SQLite runs each statement as it comes (no network).

Admin changes that add no demand (clients, services, settings, the outbox's
bookkeeping) run `admin(ctx, work)` on an ORM session and take no scheduling
lock. Database errors become the user-facing errors of `scheduler_app.errors`;
transient ones are retried a few times with jitter first.
"""

from __future__ import annotations

import logging
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from scheduler_app.db import (
    appointments,
    audit_log,
    change_feed,
    client_clashes,
    conflicts,
    raw_query,
    schedule,
)
from scheduler_app.db import resources as resource_rows
from scheduler_app.db.errors import is_bug, is_transient, translate
from scheduler_app.db.facts import read_facts
from scheduler_app.db.models import ConflictKind
from scheduler_app.db.raw_query import Statement
from scheduler_app.db.rows import AppointmentRow, Facts
from scheduler_app.domain.capacity import Demand, Proposal, Refusal
from scheduler_app.errors import (
    CHANGED_MEANWHILE,
    ConflictError,
    DatabaseUnavailableError,
    NotFoundError,
    SchedulerError,
    StaleDataError,
)
from scheduler_app.services import (
    audit,
    availability,
    client_clash,
    kept_placements,
    resource_holds,
)
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.reading import read_connection

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class Force:
    """A manager's choice to apply a change that lowers capacity although it strands
    appointments: they are set aside as one conflict, with the manager's ``reason``."""

    actor_id: int
    reason: str
    #: The professionals the change makes unavailable (their absence, plan or leaving),
    #: by name: the desks are told a team member is unavailable. Empty for a change to
    #: the whole clinic (opening hours, a holiday), told as a conflict.
    team_members: tuple[str, ...] = ()


#: Puts a refusal in the words of its use case: (connection, clinic, refusal, message).
Words = Callable[[Connection, int, Refusal, str], str]


@dataclass
class _Check:
    proposal: Proposal
    force: Force | None
    words: Words | None
    cause: str
    #: What the first check found stranded (final where the lock was already held).
    stranded: list[Demand]
    #: What the last check was made on (where it placed the unassigned ones is kept).
    world: availability.World | None = None


@dataclass
class ScheduleChange:
    """One change's transaction (see the module): require, write, then `finish`."""

    conn: Connection
    ctx: ServiceContext
    _checks: list[_Check] = field(default_factory=list)
    _spans: list[tuple[datetime, datetime]] = field(default_factory=list)
    _candidates: set[int] = field(default_factory=set)
    _professionals: dict[int, int] = field(default_factory=dict)
    _keys: dict[int, int] = field(default_factory=dict)
    _left_conflicts: set[int] = field(default_factory=set)
    #: The appointments a forced change set aside (known once `finish` ran).
    set_aside: list[int] = field(default_factory=list)
    #: Appointments whose client may now be in two places at once (`client_clash`).
    _touched: set[int] = field(default_factory=set)
    #: Appointments whose time, client or status changed (their time conflicts may end).
    _written: set[int] = field(default_factory=set)
    #: Who confirmed that a client may hold two appointments at once (`book_both`).
    _both_by: int | None = None
    #: Appointments written or added, as they will be committed (for their resources).
    _rows: dict[int, AppointmentRow] = field(default_factory=dict)
    #: What new appointments ask to hold (by key until stored), `want_resources`.
    _wishes: dict[int, resource_holds.Wish] = field(default_factory=dict)
    #: Whether the clinic uses resources (from its facts; None: not read yet).
    _uses_resources: bool | None = None
    #: Appointments moved from one resource to another (`swap_resource`).
    _swaps: dict[int, tuple[int, int]] = field(default_factory=dict)
    #: Every appointment written, as it will be committed (`_rows` holds those whose
    #: times, client or activity changed).
    _latest: dict[int, AppointmentRow] = field(default_factory=dict)
    #: Per appointment, the resources it holds once `finish` ran ("Room 2").
    held: dict[int, resource_holds.Holding] = field(default_factory=dict)
    #: The scheduling lock was taken early (`lock_now`).
    _locked: bool = False
    #: The id the next new appointment takes (given with the facts, PostgreSQL).
    _new_id: int | None = None

    def lock_now(self) -> None:
        """Take the scheduling lock now rather than at `finish`: for a change that
        decides many appointments (a series), whose checks are then final and not made
        a second time under the lock. Other desks wait for it from here on."""
        if not self._locked:
            raw_query.run(self.conn, schedule.lock_statements(self.conn, self.ctx.organization_id))
            self._locked = True

    def want_resources(self, key: int, wish: resource_holds.Wish) -> None:
        """The new appointment of ``key`` asks to hold ``wish`` (decided at `finish`)."""
        self._wishes[key] = wish

    def swap_resource(self, key: int, old: int, new: int) -> None:
        """Appointment ``key`` (written in this change) leaves resource ``old`` for
        ``new``, which the desk chose (decided at `finish`, with its time)."""
        self._swaps[key] = (old, new)

    def book_both(self, actor_id: int) -> None:
        """The desk confirmed this change although it books a client twice at once:
        the overlaps are recorded as time conflicts instead of refused."""
        self._both_by = actor_id

    def facts(
        self,
        actor_id: int,
        *,
        appointment_id: int | None = None,
        client_id: int | None = None,
        professional_id: int | None = None,
        service_id: int | None = None,
        new: bool = False,
    ) -> Facts:
        """What the change needs to know (`db.facts.read_facts`), in one query;
        ``new``: the change adds an appointment (`add`), whose id comes with them
        where the database can give it beforehand."""
        found = read_facts(
            self.conn,
            self.ctx.organization_id,
            actor_id,
            appointment_id=appointment_id,
            client_id=client_id,
            professional_id=professional_id,
            service_id=service_id,
            new_id=new,
        )
        if found is None:
            raise NotFoundError("This clinic is not in the database any more; nothing was changed.")
        self._uses_resources = found.clinic.uses_resources
        self._new_id = found.new_id
        return found

    def require(
        self,
        proposal: Proposal,
        *,
        words: Words | None = None,
        cause: str = "This change",
        force: Force | None = None,
    ) -> None:
        """Raise `ConflictError` with the reason unless ``proposal`` fits now; check it
        again under the lock at `finish`. Forced, refusals of R2 are accepted and the
        stranded appointments set aside at `finish` (R1 is never forced). A proposal
        that withdraws availability is refused with the appointments it strands.
        ``words``: how the use case puts a refusal; ``cause``: what the change is, in
        words ("Dr Silva leaving on Tue 10 Mar"), for the list of stranded ones."""
        verdict = availability.evaluate(
            self.conn, self.ctx, proposal, with_stranded=bool(proposal.withdrawn)
        )
        refusal = verdict.refusal
        if refusal is not None and not (force is not None and refusal.can_be_forced):
            raise self._refusal(proposal, verdict, cause, words)
        self._checks.append(_Check(proposal, force, words, cause, verdict.stranded, verdict.world))
        self._candidates |= {d.key for d in proposal.moved}

    def add(self, values: dict[str, Any], key: int = availability.NEW_KEY) -> AppointmentRow:
        """Store a new appointment (its candidate in a required proposal had ``key``);
        returns it as it will be committed."""
        professional = values.get("professional_id")
        if self._new_id is not None:  # known: the row waits for the next round trip
            values, self._new_id = {**values, "id": self._new_id}, None
        row = appointments.insert_appointment(self.conn, {**values, "professional_id": None})
        self._keys[key] = row.id
        self._touched.add(row.id)
        if professional is not None:
            self._professionals[row.id] = professional
        self._spans.append((row.start_at, row.end_at))
        self._rows[row.id] = row
        return row._replace(professional_id=professional)

    def add_many(self, added: list[tuple[dict[str, Any], int]]) -> list[AppointmentRow]:
        """`add` for several new appointments ((values, key) each) in one statement."""
        professionals = [values.get("professional_id") for values, _key in added]
        rows = appointments.insert_appointments(
            self.conn, [{**values, "professional_id": None} for values, _key in added]
        )
        out = []
        for row, (_values, key), professional in zip(rows, added, professionals, strict=True):
            self._keys[key] = row.id
            self._touched.add(row.id)
            if professional is not None:
                self._professionals[row.id] = professional
            self._spans.append((row.start_at, row.end_at))
            self._rows[row.id] = row
            out.append(row._replace(professional_id=professional))
        return out

    def write(self, seen: AppointmentRow, values: dict[str, Any]) -> AppointmentRow:
        """Write ``values`` to the appointment ``seen`` unless someone changed it
        since it was read (then `StaleDataError`); returns it as it will be committed.

        An appointment set aside by a conflict leaves it when it is given a place
        (a candidate of a required proposal) or stops being active.
        """
        status = values.get("status", seen.status)
        if seen.conflict_id is not None and (seen.id in self._candidates or not status.is_active):
            values = {**values, "conflict_id": None}
            self._left_conflicts.add(seen.conflict_id)
        professional = values.get("professional_id", seen.professional_id)
        held = seen.id in self._candidates and professional is not None and status.is_active
        if held:
            values = {**values, "professional_id": None}
        row = appointments.update_unless_changed(self.conn, seen, values)
        if row is None:
            raise StaleDataError(CHANGED_MEANWHILE)
        self._latest[row.id] = row
        if held:
            assert professional is not None
            self._professionals[row.id] = professional
        if (row.start_at, row.end_at, row.client_id, status.is_active) != (
            seen.start_at,
            seen.end_at,
            seen.client_id,
            seen.status.is_active,
        ):
            self._written.add(row.id)
            self._rows[row.id] = row
            if status.is_active:
                self._touched.add(row.id)
        self._spans += [(seen.start_at, seen.end_at), (row.start_at, row.end_at)]
        return row._replace(professional_id=professional)

    def finish(self) -> None:
        """Announce the changed days (sent by the commit); take the scheduling lock,
        check again, give the written appointments their professionals, set aside
        what a forced change strands. The announcement, the lock and the first read
        go in one round trip."""
        org = self.ctx.organization_id
        days = change_feed.days_of(self._spans, self.ctx.timezone)
        first: list[Statement] = change_feed.notice(self.conn.dialect.name, org, days)
        if (self._checks or self._touched) and not self._locked:
            first += schedule.lock_statements(self.conn, org)
        # Asked right after the lock's first read, in its round trip (PostgreSQL).
        clashes = client_clashes.clashes_with_next_read(self.conn, org, self._touched)
        rows = {**self._rows, **{k: self._latest[k] for k in self._swaps}}
        wishes = {self._keys.get(k, k): w for k, w in self._wishes.items()}
        in_use = bool(rows) and self._resources_in_use()
        ahead = resource_holds.ask_ahead(self.conn, self.ctx, rows, wishes) if in_use else None
        again = self._checks and not schedule.lock_taken_at_begin(self.conn) and not self._locked
        hints = self.ctx.hints
        for key, stored in self._keys.items() if again else ():  # placed by the first check
            if key in hints:
                hints[stored] = hints[key]
        for check in self._checks if again else ():
            proposal = self._stored(check.proposal)
            verdict = availability.evaluate(
                self.conn, self.ctx, proposal, first=first, with_stranded=check.force is not None
            )
            first = []
            refusal = verdict.refusal
            if refusal is not None and not (check.force is not None and refusal.can_be_forced):
                raise self._refusal(proposal, verdict, check.cause, check.words)
            check.stranded, check.world = verdict.stranded, verdict.world
        raw_query.run(self.conn, first)  # when nothing was read to carry them
        if self._professionals:
            appointments.assign_professionals(self.conn, sorted(self._professionals.items()))
        kept_placements.keep(
            self.conn,
            self.ctx.hints,
            [(c.proposal, c.world) for c in self._checks],
            self._keys,
            self._professionals,
        )
        for check in self._checks:
            if check.force is not None and check.stranded:
                keys = [self._keys.get(d.key, d.key) for d in check.stranded]
                self._set_aside(check.force, check.cause, keys)
        if in_use:
            verified = any(c.proposal.moved or c.proposal.withdrawn for c in self._checks)
            held = resource_holds.settle(
                self.conn, self.ctx, rows, wishes, self._swaps, ahead, verified=verified
            )
            self.held.update(held)
        conflicts.resolve_emptied(self.conn, self._left_conflicts, self.ctx.now())
        client_clash.settle(
            self.conn, self.ctx, self._touched, self._written, self._both_by, clashes
        )

    def _resources_in_use(self) -> bool:
        if self._uses_resources is None:
            self._uses_resources = resource_rows.uses_resources(self.conn, self.ctx.organization_id)
        return self._uses_resources

    def _stored(self, proposal: Proposal) -> Proposal:
        """``proposal`` with the keys of the appointments stored since it was made."""
        if not self._keys:
            return proposal
        keys = self._keys
        moved = tuple(d._replace(key=keys.get(d.key, d.key)) for d in proposal.moved)
        anywhere = frozenset(keys.get(k, k) for k in proposal.anywhere)
        services = tuple((keys.get(k, k), s) for k, s in proposal.services)
        return Proposal(moved, proposal.withdrawn, anywhere, services)

    def _refusal(
        self,
        proposal: Proposal,
        verdict: availability.Verdict,
        cause: str,
        words: Words | None,
    ) -> ConflictError:
        org, tz = self.ctx.organization_id, self.ctx.timezone
        refusal = verdict.refusal
        assert refusal is not None
        if proposal.withdrawn and verdict.stranded:
            return availability.stranding_error(self.conn, org, cause, verdict.stranded, tz)
        message = availability.refusal_message(self.conn, org, refusal, tz, verdict.world)
        return ConflictError(
            words(self.conn, org, refusal, message) if words else message,
            overridable=refusal.kind == "off_duty",
            refused_by=refusal.kind,
        )

    def _set_aside(self, force: Force, cause: str, keys: list[int]) -> None:
        now = self.ctx.now()
        conflict_id = conflicts.open_conflict(
            self.conn,
            self.ctx.organization_id,
            kind=ConflictKind.CAPACITY_EXCEEDED,
            cause=cause,
            reason=force.reason,
            forced_by=force.actor_id,
            at=now,
            appointment_ids=keys,
            team_members=force.team_members,
        )
        self._left_conflicts.discard(conflict_id)
        self.set_aside += keys
        audit.record(
            self.conn,
            self.ctx,
            force.actor_id,
            "force",
            "conflict",
            conflict_id,
            after={"cause": cause, "reason": force.reason, "appointments": keys},
        )


def change(ctx: ServiceContext, work: Callable[[ScheduleChange], T]) -> T:
    """Run ``work`` as one schedule change (see the module) and commit it."""
    return change_setting_aside(ctx, work)[0]


def change_setting_aside(
    ctx: ServiceContext, work: Callable[[ScheduleChange], T]
) -> tuple[T, list[int]]:
    """`change`, also returning the appointments a forced change set aside."""

    def attempt(state: _Attempt) -> tuple[T, list[int]]:
        with ctx.database.writer.connect() as conn, raw_query.waiting_writes(conn):
            forget = audit_log.expect_key(conn, state.key)
            try:
                with conn.begin():
                    tx = ScheduleChange(conn, ctx)
                    result = work(tx)
                    tx.finish()
                    state.about_to_commit((result, tx.set_aside), conn)
                    raw_query.commit(conn)  # with the writes still waiting
            finally:
                forget()
        return result, tx.set_aside

    return _retrying(ctx, attempt)


def admin(ctx: ServiceContext, work: Callable[[Session], T]) -> T:
    """Run ``work`` in one write transaction on an ORM session and commit it.

    For changes that add no demand to the schedule (clients, services, settings,
    message templates, the outbox's bookkeeping): it takes no scheduling lock.
    """

    def attempt(state: _Attempt) -> T:
        forget: Callable[[], object] = _nothing
        try:
            with ctx.database.write_sessions() as session, session.begin():
                conn = session.connection()  # SQLite: BEGIN IMMEDIATE now
                forget = audit_log.expect_key(conn, state.key)
                result = work(session)
                session.flush()
                state.about_to_commit(result, conn)
        finally:
            forget()
        return result

    return _retrying(ctx, attempt)


def _nothing() -> None:
    pass


@dataclass
class _Attempt:
    """One try of a user action: its idempotency key (the same for every try), and
    once it reaches its commit, what it will have done and on which connection."""

    key: str
    committing: bool = False
    result: Any = None
    backend: int | None = None

    def about_to_commit(self, result: Any, conn: Connection) -> None:
        """From here on the outcome may be unknown (the reply to COMMIT may be lost)."""
        self.result, self.backend = result, schedule.backend_of(conn)
        self.committing = True


def _retrying(ctx: ServiceContext, attempt: Callable[[_Attempt], T]) -> T:
    """``attempt`` until it commits: again on a fresh connection when the server
    dropped it before the commit, again after a pause on a transient conflict.

    When the connection drops while committing, the action's key is looked up on a
    fresh connection: saved, its result stands; not saved, it is tried again (a
    retried action never applies twice: the key is unique).
    """
    key = uuid.uuid4().hex
    for number in range(1, MAX_ATTEMPTS + 1):
        state = _Attempt(key)
        try:
            return attempt(state)
        except SchedulerError:
            raise
        except DBAPIError as exc:
            if state.committing and (exc.connection_invalidated or not is_transient(exc)):
                if _saved(ctx, state):
                    log.warning("the reply to COMMIT was lost; the change was saved: %s", exc.orig)
                    return state.result  # type: ignore[no-any-return]
                log.warning("the connection was lost while committing; not saved: %s", exc.orig)
                if number < MAX_ATTEMPTS:
                    continue
                raise DatabaseUnavailableError(NOT_SAVED) from exc
            if exc.connection_invalidated and not state.committing and number < MAX_ATTEMPTS:
                # The server dropped the connection before the commit: it rolled the
                # transaction back, so doing it again on a fresh one is safe. (No ping
                # before each write: one round trip less on every change.)
                log.info("reconnecting after a dropped connection: %s", exc.orig)
                continue
            if is_transient(exc) and number < MAX_ATTEMPTS:
                log.info("transient database error, retry %d: %s", number, exc.orig)
                time.sleep(random.uniform(0.005, 0.02) * number)
                continue
            if is_bug(exc):
                raise
            raise translate(exc) from exc
    raise AssertionError("unreachable")  # pragma: no cover


NOT_SAVED = (
    "The connection to the database was lost while saving, and the change was not "
    "saved. Please try again."
)
UNKNOWN = (
    "The connection to the database was lost while saving, and the database cannot be "
    "asked whether the change was saved. It will show once the schedule reloads."
)


def _saved(ctx: ServiceContext, state: _Attempt) -> bool:
    """Whether the action of ``state`` was saved, asked on a fresh connection (once the
    server has finished with the connection that was lost)."""

    def look(conn: Connection) -> bool:
        if state.backend is not None:
            schedule.wait_for_backend_end(conn, state.backend)
        return audit_log.key_recorded(conn, state.key)

    try:
        return read_connection(ctx, look)
    except SchedulerError as exc:
        raise DatabaseUnavailableError(UNKNOWN) from exc
