"""Clinic > Services: what the clinic offers, in the order the desk lists it.

Managers and administrators add, edit, retire (a retired service is no longer
offered but stays on the appointments that had it), bring back and reorder
services. Admin changes: they add no demand and take no scheduling lock.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from scheduler_app.db import directory
from scheduler_app.db.models import Service
from scheduler_app.domain.durations import storable_lead_times
from scheduler_app.errors import NotFoundError
from scheduler_app.services import entry_checks, reading, unit_of_work
from scheduler_app.services.audit import record, snapshot
from scheduler_app.services.checks import MANAGERS, check_actor
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import ServiceDetails, ServiceView
from scheduler_app.services.guard import guarded
from scheduler_app.services.permissions import readers, writes
from scheduler_app.services.views import service_view

AUDITED = (
    "name",
    "duration_minutes",
    "price",
    "currency",
    "color",
    "reminder_minutes",
    "is_active",
    "sort_order",
)


@guarded
class CatalogService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @readers
    def services(self, *, include_retired: bool = False) -> list[ServiceView]:
        """In the clinic's order; retired ones too when asked."""

        def work(session: Session) -> list[ServiceView]:
            found = directory.services(
                session, self.ctx.organization_id, include_retired=include_retired
            )
            return [service_view(s) for s in found]

        return reading.read(self.ctx, work)

    @writes(*MANAGERS)
    def add(self, actor_id: int, details: ServiceDetails) -> ServiceView:
        """A new service, listed last."""
        values = _checked(details)

        def work(session: Session) -> ServiceView:
            self._manager(session, actor_id)
            count = directory.service_count(session, self.ctx.organization_id)
            service = Service(organization_id=self.ctx.organization_id, sort_order=count, **values)
            session.add(service)
            session.flush()
            self._audit(session, actor_id, "add", service, None)
            return service_view(service)

        return unit_of_work.admin(self.ctx, work)

    @writes(*MANAGERS)
    def update(self, actor_id: int, service_id: int, details: ServiceDetails) -> ServiceView:
        values = _checked(details)

        def work(session: Session) -> ServiceView:
            self._manager(session, actor_id)
            service = self._service(session, service_id)
            before = snapshot(service, AUDITED)
            for attr, value in values.items():
                setattr(service, attr, value)
            session.flush()
            self._audit(session, actor_id, "update", service, before)
            return service_view(service)

        return unit_of_work.admin(self.ctx, work)

    @writes(*MANAGERS)
    def set_active(self, actor_id: int, service_id: int, active: bool) -> ServiceView:
        """Retire a service (``active`` False: no longer offered, kept on the
        appointments that have it) or offer it again."""

        def work(session: Session) -> ServiceView:
            self._manager(session, actor_id)
            service = self._service(session, service_id)
            before = snapshot(service, AUDITED)
            service.is_active = active
            session.flush()
            self._audit(session, actor_id, "offer" if active else "retire", service, before)
            return service_view(service)

        return unit_of_work.admin(self.ctx, work)

    @writes(*MANAGERS)
    def reorder(self, actor_id: int, service_ids: list[int]) -> list[ServiceView]:
        """List the services in the order of ``service_ids`` (all of them, retired too)."""

        def work(session: Session) -> list[ServiceView]:
            self._manager(session, actor_id)
            found = {
                s.id: s
                for s in directory.services(session, self.ctx.organization_id, include_retired=True)
            }
            ordered = entry_checks.order(service_ids, found, "services")
            for position, key in enumerate(ordered):
                service = found[key]
                if service.sort_order != position:
                    before = snapshot(service, ("sort_order",))
                    service.sort_order = position
                    record(
                        session.connection(),
                        self.ctx,
                        actor_id,
                        "reorder",
                        "service",
                        key,
                        before=before,
                        after={"sort_order": position},
                    )
            session.flush()
            return [service_view(found[key]) for key in ordered]

        return unit_of_work.admin(self.ctx, work)

    def _manager(self, session: Session, actor_id: int) -> None:
        check_actor(directory.actor_row(session, self.ctx.organization_id, actor_id), *MANAGERS)

    def _service(self, session: Session, service_id: int) -> Service:
        service = session.get(Service, service_id)
        if service is None or service.organization_id != self.ctx.organization_id:
            raise NotFoundError("That service no longer exists.")
        return service

    def _audit(
        self, session: Session, actor_id: int, action: str, service: Service, before: object
    ) -> None:
        record(
            session.connection(),
            self.ctx,
            actor_id,
            action,
            "service",
            service.id,
            before=before if isinstance(before, dict) else None,
            after=snapshot(service, AUDITED),
        )


def _checked(details: ServiceDetails) -> dict[str, object]:
    """The columns of a service, each checked (a refusal names its field)."""
    return {
        "name": entry_checks.name(details.name, "The service"),
        "duration_minutes": entry_checks.length(details.duration_minutes, "A service"),
        "price": entry_checks.price(details.price),
        "currency": entry_checks.currency(details.currency),
        "color": entry_checks.color(details.color),
        "reminder_minutes": storable_lead_times(entry_checks.lead_times(details.reminder_minutes)),
        "is_active": details.is_active,
    }
