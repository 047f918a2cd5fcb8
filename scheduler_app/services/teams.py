"""Clinic > Teams: professionals working together, each with a role, certifications and
the hours a week they should not go past; services a team gives.

A service given by a team goes only to its members (who have the skills it needs,
if any): the exact decision gives unassigned appointments only them and refuses
anyone else. Changing members, retiring a team or giving a service to a team is
therefore a schedule change, refused while an appointment to come would be left
with a professional outside the team or with nobody able to take it. Going past a
member's hours a week is a warning (`MemberView.over`), not a rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import Connection

from scheduler_app.db import teams as rows_of
from scheduler_app.domain.localtime import localize
from scheduler_app.domain.teams import TeamRole
from scheduler_app.errors import NotFoundError, ValidationError
from scheduler_app.services import entry_checks, reading, unit_of_work
from scheduler_app.services.audit import record
from scheduler_app.services.checks import MANAGERS, check_actor
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.guard import guarded
from scheduler_app.services.permissions import readers, writes
from scheduler_app.services.skills import still_taken


@dataclass(frozen=True, slots=True)
class MemberView:
    professional_id: int
    name: str
    role: str
    certifications: str
    max_hours_per_week: int | None
    #: Minutes booked with them this week (Monday to Sunday, the clinic's time).
    booked_minutes: int

    @property
    def over(self) -> bool:
        """Booked past their hours a week (a warning)."""
        limit = self.max_hours_per_week
        return limit is not None and self.booked_minutes > limit * 60


@dataclass(frozen=True, slots=True)
class TeamView:
    id: int
    name: str
    description: str
    is_active: bool
    members: tuple[MemberView, ...]


@guarded
class TeamService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @readers
    def teams(self) -> list[TeamView]:
        """Every team by name, with its members and their hours booked this week."""
        return reading.read_connection(self.ctx, self._teams)

    def _teams(self, conn: Connection) -> list[TeamView]:
        org = self.ctx.organization_id
        start, end = this_week(self.ctx)
        booked = rows_of.booked_minutes(conn, org, start, end)
        by_team: dict[int, list[MemberView]] = {}
        for row in rows_of.members(conn, org):
            by_team.setdefault(row.team_id, []).append(
                MemberView(
                    row.professional_id,
                    row.name,
                    row.role,
                    row.certifications,
                    row.max_hours_per_week,
                    booked.get(row.professional_id, 0),
                )
            )
        return [
            TeamView(t.id, t.name, t.description, bool(t.is_active), tuple(by_team.get(t.id, ())))
            for t in rows_of.teams(conn, org)
        ]

    @readers
    def active(self) -> list[tuple[int, str]]:
        """The teams giving services now (id, name), by name: no hours are counted."""
        org = self.ctx.organization_id
        rows = reading.read_connection(self.ctx, lambda c: rows_of.teams(c, org))
        return [(t.id, t.name) for t in rows if t.is_active]

    @readers
    def service_teams(self) -> dict[int, int]:
        """Per service given by a team: the team."""
        org = self.ctx.organization_id
        return reading.read_connection(self.ctx, lambda c: rows_of.service_teams(c, org))

    @writes(*MANAGERS)
    def add(self, actor_id: int, name: str, description: str = "") -> int:
        """A new team, without members; returns its id."""
        clean = entry_checks.name(name, "The team")

        def work(tx: unit_of_work.ScheduleChange) -> int:
            check_actor(tx.facts(actor_id).actor, *MANAGERS)
            team = rows_of.add_team(tx.conn, self.ctx.organization_id, clean, description.strip())
            record(tx.conn, self.ctx, actor_id, "add", "team", team, after={"name": clean})
            return team

        return unit_of_work.change(self.ctx, work)

    @writes(*MANAGERS)
    def update(
        self, actor_id: int, team_id: int, name: str, description: str, active: bool
    ) -> None:
        """Rename, describe, retire or bring back a team (retired: its services go to
        anyone with their skills)."""
        clean = entry_checks.name(name, "The team")

        def work(tx: unit_of_work.ScheduleChange) -> None:
            self._team(tx, actor_id, team_id)
            org = self.ctx.organization_id
            rows_of.update_team(tx.conn, org, team_id, clean, description.strip(), active)
            record(
                tx.conn,
                self.ctx,
                actor_id,
                "update",
                "team",
                team_id,
                after={"name": clean, "active": active},
            )
            still_taken(tx, self.ctx)

        unit_of_work.change(self.ctx, work)

    @writes(*MANAGERS)
    def set_member(
        self,
        actor_id: int,
        team_id: int,
        professional_id: int,
        role: str = TeamRole.MEMBER.value,
        certifications: str = "",
        max_hours_per_week: int | None = None,
    ) -> None:
        """Add ``professional_id`` to the team, or change their role and details."""
        if role not in {r.value for r in TeamRole}:
            raise ValidationError("Choose member, lead, manager or coordinator.", "role")
        if max_hours_per_week is not None and not 1 <= max_hours_per_week <= 168:
            raise ValidationError("Hours a week: from 1 to 168.", "max_hours_per_week")

        def work(tx: unit_of_work.ScheduleChange) -> None:
            self._team(tx, actor_id, team_id)
            facts = tx.facts(actor_id, professional_id=professional_id)
            if facts.new_professional is None:
                raise NotFoundError("That professional no longer exists.")
            rows_of.set_member(
                tx.conn,
                self.ctx.organization_id,
                team_id,
                professional_id,
                role,
                certifications.strip(),
                max_hours_per_week,
            )
            record(
                tx.conn,
                self.ctx,
                actor_id,
                "member",
                "team",
                team_id,
                after={"professional": professional_id, "role": role},
            )

        unit_of_work.change(self.ctx, work)

    @writes(*MANAGERS)
    def remove_member(self, actor_id: int, team_id: int, professional_id: int) -> None:
        """Take ``professional_id`` out of the team; refused while an appointment to
        come of the team's services would be left without anyone able to take it."""

        def work(tx: unit_of_work.ScheduleChange) -> None:
            self._team(tx, actor_id, team_id)
            rows_of.remove_member(tx.conn, self.ctx.organization_id, team_id, professional_id)
            record(
                tx.conn,
                self.ctx,
                actor_id,
                "remove member",
                "team",
                team_id,
                before={"professional": professional_id},
            )
            still_taken(tx, self.ctx)

        unit_of_work.change(self.ctx, work)

    @writes(*MANAGERS)
    def set_service_team(self, actor_id: int, service_id: int, team_id: int | None) -> None:
        """The service is given by ``team_id``'s members only (None: by anyone)."""

        def work(tx: unit_of_work.ScheduleChange) -> None:
            if team_id is not None:
                self._team(tx, actor_id, team_id)
            else:
                check_actor(tx.facts(actor_id).actor, *MANAGERS)
            facts = tx.facts(actor_id, service_id=service_id)
            if facts.service is None:
                raise NotFoundError("That service no longer exists.")
            rows_of.set_service_team(tx.conn, self.ctx.organization_id, service_id, team_id)
            record(
                tx.conn, self.ctx, actor_id, "team", "service", service_id, after={"team": team_id}
            )
            still_taken(tx, self.ctx)

        unit_of_work.change(self.ctx, work)

    def _team(self, tx: unit_of_work.ScheduleChange, actor_id: int, team_id: int) -> None:
        check_actor(tx.facts(actor_id).actor, *MANAGERS)
        if not rows_of.team_exists(tx.conn, self.ctx.organization_id, team_id):
            raise NotFoundError("That team no longer exists.")


def this_week(ctx: ServiceContext) -> tuple[datetime, datetime]:
    """Monday 00:00 to the next Monday, in the clinic's time."""
    tz = ctx.timezone
    today = ctx.now().astimezone(tz).date()
    monday = today - timedelta(days=today.weekday())
    return localize(monday, time(0), tz), localize(monday + timedelta(days=7), time(0), tz)
