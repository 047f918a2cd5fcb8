"""A professional leaving (or coming back): a change that lowers capacity.

Leaving is decided exactly, like a booking: the professional's appointments from
the day they leave lose their professional, and every appointment without one
must still fit among the professionals who stay (R2). Otherwise the change is
refused with the appointments it would strand — or, by a manager's explicit
choice and with a reason, applied with those set aside as a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from scheduler_app.db import directory
from scheduler_app.domain.capacity import FOREVER
from scheduler_app.errors import NotFoundError, ValidationError
from scheduler_app.services import availability, lowering, unit_of_work
from scheduler_app.services.audit import record
from scheduler_app.services.checks import MANAGERS, check_actor, check_professional
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import ProfessionalView
from scheduler_app.services.guard import guarded
from scheduler_app.services.permissions import writes
from scheduler_app.services.views import professional_view


@dataclass(frozen=True, slots=True)
class Departure:
    """What a professional leaving did."""

    professional: ProfessionalView
    #: Their appointments from the day they leave, now without a professional.
    unassigned: int
    #: Of all appointments, those set aside as a conflict (a forced change only).
    set_aside: int


@guarded
class ProfessionalService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @writes(*MANAGERS)
    def leave(
        self,
        actor_id: int,
        professional_id: int,
        *,
        on: datetime | None = None,
        force_reason: str = "",
    ) -> Departure:
        """``professional_id`` takes no appointments from ``on`` (now by default).

        Their appointments starting then or later lose their professional and
        must fit among the others; otherwise `availability.StrandingError` lists
        the ones left without a place, unless a manager forces it with
        ``force_reason`` (they are then set aside as a conflict).
        """
        reason = force_reason.strip()

        def work(tx: unit_of_work.ScheduleChange) -> tuple[ProfessionalView, int]:
            facts = tx.facts(actor_id, professional_id=professional_id)
            check_actor(facts.actor, *MANAGERS)
            prof = check_professional(facts.new_professional)
            now = self.ctx.now()
            when = now if on is None else on
            if when < now:
                raise ValidationError("A professional can leave from now on, not in the past.")
            local = when.astimezone(self.ctx.timezone)
            cause = (
                f"{prof.name} leaving now"
                if on is None
                else f"{prof.name} leaving on {local:%a %d %b %Y %H:%M}"
            )
            force = unit_of_work.Force(actor_id, reason, (prof.name,)) if reason else None
            taken = {prof.id: [(availability.epoch(when), FOREVER)]}
            unassigned = lowering.capacity_lowered(tx, self.ctx, actor_id, taken, cause, force)
            directory.set_professional_leaving(
                tx.conn, prof.id, is_active=on is not None, available_until=when
            )
            record(
                tx.conn,
                self.ctx,
                actor_id,
                "leave",
                "professional",
                prof.id,
                before={"is_active": True, "available_until": None},
                after={"is_active": on is not None, "available_until": when.isoformat()},
            )
            return self._view(tx, prof.id), unassigned

        (view, unassigned), set_aside = unit_of_work.change_setting_aside(self.ctx, work)
        return Departure(view, unassigned, len(set_aside))

    @writes(*MANAGERS)
    def come_back(self, actor_id: int, professional_id: int) -> ProfessionalView:
        """Take appointments again, with no end (adds capacity: nothing to check)."""

        def work(tx: unit_of_work.ScheduleChange) -> ProfessionalView:
            facts = tx.facts(actor_id, professional_id=professional_id)
            check_actor(facts.actor, *MANAGERS)
            prof = facts.new_professional
            if prof is None:
                raise NotFoundError("That professional does not exist.")
            directory.set_professional_leaving(
                tx.conn, prof.id, is_active=True, available_until=None
            )
            record(
                tx.conn,
                self.ctx,
                actor_id,
                "come back",
                "professional",
                prof.id,
                before={
                    "is_active": prof.is_active,
                    "available_until": prof.available_until.isoformat()
                    if prof.available_until
                    else None,
                },
                after={"is_active": True, "available_until": None},
            )
            return self._view(tx, prof.id)

        return unit_of_work.change(self.ctx, work)

    def _view(self, tx: unit_of_work.ScheduleChange, professional_id: int) -> ProfessionalView:
        row = directory.professional_row(tx.conn, self.ctx.organization_id, professional_id)
        if row is None:  # pragma: no cover - read in this transaction
            raise NotFoundError("That professional does not exist.")
        return professional_view(row)
