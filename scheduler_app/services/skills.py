"""Skills: what each professional can do and what each service needs (Clinic >
Professionals and Clinic > Services, managers).

A service that needs skills goes only to professionals who have them all: the
exact decision gives unassigned appointments only such professionals and refuses
giving one to anyone else. Changing skills is a schedule change: it is refused
when an appointment to come would be left with a professional who lacks what its
service needs, or an unassigned one with nobody able to take it.
"""

from __future__ import annotations

from sqlalchemy import Connection

from scheduler_app.db import appointments as appointment_rows
from scheduler_app.db import skills as rows_of
from scheduler_app.db.rows import AppointmentRow
from scheduler_app.domain.capacity import Proposal, Refusal
from scheduler_app.errors import ConflictError, NotFoundError, ValidationError
from scheduler_app.services import availability, reading, unit_of_work
from scheduler_app.services.audit import record
from scheduler_app.services.checks import MANAGERS, check_actor
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.guard import guarded
from scheduler_app.services.permissions import readers, writes

#: Appointments named in a refusal before "and N more".
LISTED = 5


def clean_names(names: list[str]) -> list[str]:
    """Skill names as stored: trimmed, without blanks or repeats (ignoring case)."""
    out: list[str] = []
    for name in names:
        name = " ".join(name.split())
        if not name:
            continue
        if len(name) > 100:
            raise ValidationError("A skill's name is 100 characters at most.", "skills")
        if name.casefold() not in {n.casefold() for n in out}:
            out.append(name)
    return out


@guarded
class SkillService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @readers
    def names(self) -> list[str]:
        """Every skill the clinic has named, sorted."""
        org = self.ctx.organization_id
        return reading.read_connection(self.ctx, lambda c: rows_of.skill_names(c, org))

    @readers
    def of_professionals(self) -> dict[int, list[str]]:
        org = self.ctx.organization_id
        return reading.read_connection(self.ctx, lambda c: rows_of.of_professionals(c, org))

    @readers
    def of_services(self) -> dict[int, list[str]]:
        org = self.ctx.organization_id
        return reading.read_connection(self.ctx, lambda c: rows_of.of_services(c, org))

    @writes(*MANAGERS)
    def set_for_professional(self, actor_id: int, professional_id: int, names: list[str]) -> None:
        """The professional's skills become ``names``."""
        wanted = clean_names(names)
        org = self.ctx.organization_id

        def work(tx: unit_of_work.ScheduleChange) -> None:
            check_actor(tx.facts(actor_id).actor, *MANAGERS)
            if not rows_of.professional_exists(tx.conn, org, professional_id):
                raise NotFoundError("That professional no longer exists.")
            rows_of.set_professional_skills(tx.conn, org, professional_id, wanted)
            record(
                tx.conn,
                self.ctx,
                actor_id,
                "skills",
                "professional",
                professional_id,
                after={"skills": wanted},
            )
            still_taken(tx, self.ctx)

        unit_of_work.change(self.ctx, work)

    @writes(*MANAGERS)
    def set_for_service(self, actor_id: int, service_id: int, names: list[str]) -> None:
        """What the service needs becomes ``names``."""
        wanted = clean_names(names)
        org = self.ctx.organization_id

        def work(tx: unit_of_work.ScheduleChange) -> None:
            check_actor(tx.facts(actor_id).actor, *MANAGERS)
            if not rows_of.service_exists(tx.conn, org, service_id):
                raise NotFoundError("That service no longer exists.")
            rows_of.set_service_skills(tx.conn, org, service_id, wanted)
            record(
                tx.conn,
                self.ctx,
                actor_id,
                "skills",
                "service",
                service_id,
                after={"skills": wanted},
            )
            still_taken(tx, self.ctx)

        unit_of_work.change(self.ctx, work)


def still_taken(tx: unit_of_work.ScheduleChange, ctx: ServiceContext) -> None:
    """Every appointment to come whose service needs skills or a team keeps a
    professional who may give it, or can still be given one (decided like a booking);
    else the change is refused with them."""
    conn, org = tx.conn, ctx.organization_id
    qualified = rows_of.qualified(conn, org)
    coming = appointment_rows.active_of_services_after(conn, org, list(qualified), ctx.now())
    lacking = [
        a
        for a in coming
        if a.professional_id is not None
        and a.service_id is not None
        and a.professional_id not in qualified[a.service_id]
    ]
    if lacking:
        raise ConflictError(_lacking_words(conn, org, lacking, ctx))
    for appt in coming:
        if appt.professional_id is None and appt.conflict_id is None:
            proposal = Proposal(
                (availability.placed(appt),), services=((appt.id, appt.service_id),)
            )
            tx.require(proposal, words=_unassigned_words, cause="This change")


def _unassigned_words(conn: Connection, org: int, refusal: Refusal, message: str) -> str:
    return (
        "Not saved: an unassigned appointment to come would be left without anyone who "
        f"may give its service. {message}"
    )


def _lacking_words(
    conn: Connection, org: int, lacking: list[AppointmentRow], ctx: ServiceContext
) -> str:
    lines = availability.describe(
        conn,
        org,
        [availability.placed(a) for a in lacking[:LISTED]],
        ctx.timezone,
    )
    more = len(lacking) - LISTED
    listed = "; ".join(lines) + (f"; and {more} more" if more > 0 else "")
    return (
        f"Not saved: {len(lacking)} appointment{'s' if len(lacking) != 1 else ''} to come "
        f"would keep a professional who may not give their service — without its skills "
        f"or outside its team ({listed}). Give them to someone who may first."
    )
